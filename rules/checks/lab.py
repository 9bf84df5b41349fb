"""Section 4: EMC/LVD test reports and lab "certificates" (LAB-)."""

from __future__ import annotations

from collections.abc import Iterator

from rapidfuzz import fuzz

from extractors.datamodel import DocType
from rules import tables
from rules.checks._compare import (
    compact,
    compare_party,
    confidently_present,
    missing,
    model_listed,
    near_miss,
)
from rules.checks.std import outdated_acts, outdated_standards
from rules.context import Context, Doc, label
from rules.finding import Finding, Severity
from rules.order import Order
from rules.primitives import act_key, act_ref, standard_families, standard_ref
from rules.registry import left_out, rule

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
REPORT, CERT = DocType.TEST_REPORT, DocType.LAB_CERTIFICATE
BOTH = (REPORT, CERT)
#: Order certificate types answered by a test report of the same report_type.
REPORT_TYPES = ("EMC", "LVD", "RED")


@rule("LAB-001", "Issuing laboratory identified", W, BOTH, "ISO/IEC 17025 §7.8.2.1")
def issuer(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.of_type(*BOTH):
        if not confidently_present(doc, "issuer"):
            yield missing(ctx, "LAB-001", doc, "issuer", "issuing laboratory")


@rule(
    "LAB-002",
    "Report number present; a certificate cites an existing report number",
    E,
    BOTH,
    "ISO/IEC 17025 §7.8.2.1 d",
)
def report_numbers(ctx: Context) -> Iterator[Finding]:
    if (
        ctx.order
        and any(c.type == "LAB_CERTIFICATE" for c in ctx.order.required_certificates)
        and not ctx.of_type(CERT)
    ):
        yield ctx.finding(
            "LAB-002",
            None,
            "doc_type",
            f"No lab certificate among the documents of {ctx.order.po_number}, which requires one",
            expected=CERT.value,
        )
    reports = ctx.of_type(REPORT)
    numbers = {compact(d.view.report_number): d for d in reports if d.view.report_number}
    for doc in reports:
        if not confidently_present(doc, "report_number"):
            yield missing(ctx, "LAB-002", doc, "report_number", "report number")
    for doc in ctx.of_type(CERT):
        if not doc.view.report_numbers:
            yield missing(ctx, "LAB-002", doc, "report_numbers", "test report number it rests on")
            continue
        if not numbers:
            continue  # nothing to verify against
        yield from _cited_reports(ctx, doc, numbers)


def _cited_reports(ctx: Context, doc: Doc, numbers: dict[str, Doc]) -> Iterator[Finding]:
    """A certificate none of whose reports is among the documents cites a misprinted or absent report.

    When some cited report is present, the others are most likely the same lab's sibling reports that
    were not supplied (a RED certificate lists one per article): information only.
    """
    absent = [c for c in doc.view.report_numbers if compact(c) not in numbers]
    some_present = len(absent) < len(doc.view.report_numbers)
    for cited in absent:
        closest = max(numbers, key=lambda n: fuzz.ratio(n, compact(cited)))
        if some_present:
            yield ctx.finding(
                "LAB-002",
                doc,
                "report_numbers",
                f"Lab certificate also cites report '{cited}', which is not among the documents",
                found=cited,
                severity=INFO,
            )
        else:
            yield ctx.finding(
                "LAB-002",
                doc,
                "report_numbers",
                f"Lab certificate cites report '{cited}', which is not among the test reports "
                f"(closest: '{numbers[closest].view.report_number}')",
                expected=numbers[closest].view.report_number,
                found=cited,
                related=[numbers[closest]],
            )


@rule(
    "LAB-003",
    "Ordered models listed on every test report and certificate",
    E,
    BOTH,
    "ISO/IEC 17025 §7.8.2.1 g",
)
def models(ctx: Context) -> Iterator[Finding]:
    if ctx.order is None:
        return
    for kind in REPORT_TYPES:
        if any(c.type == kind for c in ctx.order.required_certificates) and not any(
            d.view.report_type == kind for d in ctx.of_type(REPORT)
        ):
            yield ctx.finding(
                "LAB-003",
                None,
                "doc_type",
                f"No {kind} test report among the documents of {ctx.order.po_number}, which requires one",
                expected=f"test_report ({kind})",
            )
    for doc in ctx.of_type(*BOTH):
        yield from _listed_models(ctx, ctx.order, doc)
    yield from _coverage(ctx, ctx.order)


def _listed_models(ctx: Context, order: Order, doc: Doc) -> Iterator[Finding]:
    """A listed model that is an ordered one misprinted, or a document covering no ordered model."""
    ordered = {compact(m): m for m in order.models}
    listed = doc.view.models
    if not listed or any(model_listed(m, listed, doc.view.product_name) for m in ordered.values()):
        return
    near = [(m, near_miss(m, list(ordered.values()))) for m in listed]
    for printed, wanted in near:
        if wanted:
            yield ctx.finding(
                "LAB-003",
                doc,
                "models",
                f"{label(doc)} lists model '{printed}'; the order has '{wanted}'",
                expected=wanted,
                found=printed,
            )
    if not any(wanted for _, wanted in near):
        yield ctx.finding(
            "LAB-003",
            doc,
            "models",
            f"{label(doc)} covers none of the ordered models (lists {', '.join(listed)}; ordered "
            f"{', '.join(ordered.values())})",
            expected=list(ordered.values()),
            found=listed,
        )


def _coverage(ctx: Context, order: Order) -> Iterator[Finding]:
    """Ordered models no report of a kind covers: a warning, the act may not apply to every model."""
    kinds: dict[str, list[Doc]] = {}
    for doc in ctx.of_type(*BOTH):
        kinds.setdefault(label(doc), []).append(doc)
    for kind, docs in kinds.items():
        listed = [m for d in docs for m in d.view.models]
        names = " ".join(d.view.product_name or "" for d in docs)
        absent = [m for m in order.models if not model_listed(m, listed, names)]
        if listed and absent:
            yield ctx.finding(
                "LAB-003",
                docs[0],
                "models",
                f"No {kind} covers ordered model(s) {', '.join(absent)}: "
                "check whether the act applies to them",
                expected=absent,
                found=listed,
                severity=W,
                related=docs[1:],
            )


@rule(
    "LAB-004",
    "Applicant/manufacturer on reports and certificates = the order's supplier",
    W,
    BOTH,
    "practice (2nd)",
)
def manufacturer(ctx: Context) -> Iterator[Finding]:
    if ctx.order is None:
        return
    for doc in ctx.of_type(*BOTH):
        for name in ("manufacturer", "applicant", "holder"):
            party = getattr(doc.view, name, None)
            if party is not None:
                yield from compare_party(
                    ctx,
                    "LAB-004",
                    doc,
                    name,
                    party.name,
                    ctx.order.supplier.name,
                    name,
                    "the order's supplier",
                    different=W,
                    drift=W,
                )
                break


@rule(
    "LAB-005",
    "Standard editions on reports and certificates not withdrawn at issue / shipment",
    E,
    BOTH,
    "OJEU lists; catalogue STD table",
)
def report_standards(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.of_type(*BOTH):
        yield from outdated_standards(ctx, "LAB-005", doc, E, W)


def _allowed_families(kind: str) -> set[str]:
    return set(tables.acts().standard_families.get(kind, []))


def _misfits(doc: Doc, allowed: set[str]) -> tuple[list[str], list[str]]:
    """(standards with a known family, those of them outside `allowed`)."""
    classified = [s for s in doc.view.standards if (r := standard_ref(s)) and standard_families(r.core)]
    outside = [s for s in classified if (r := standard_ref(s)) and not standard_families(r.core) & allowed]
    return classified, outside


@rule(
    "LAB-006",
    "Standards fit the directive or report type (EMC vs LVD vs RED vs RoHS)",
    E,
    BOTH,
    "EMC Art 13; LVD Art 12",
)
def standards_fit(ctx: Context) -> Iterator[Finding]:
    families = {a.number: a.family for a in tables.acts().acts}
    keyed = {key: f for n, f in families.items() if (key := act_key(n))}
    for doc in ctx.of_type(*BOTH):
        if doc.doc_type == REPORT:
            scope = {doc.view.report_type} if doc.view.report_type in ("EMC", "LVD", "RED", "RoHS") else set()
            scope = {"ROHS" if s == "RoHS" else s for s in scope}
        else:
            scope = {keyed[r.key] for d in doc.view.directives if (r := act_ref(d)) and r.key in keyed}
        allowed = set().union(*(_allowed_families(s) for s in scope)) if scope else set()
        if not allowed:
            continue
        classified, outside = _misfits(doc, allowed)
        if classified and len(outside) == len(classified):
            yield ctx.finding(
                "LAB-006",
                doc,
                "standards",
                f"{label(doc)} covers {', '.join(sorted(scope))} but none of its standards belongs "
                f"to it ({', '.join(outside)})",
                expected=sorted(allowed),
                found=outside,
            )
        elif outside:
            yield ctx.finding(
                "LAB-006",
                doc,
                "standards",
                f"{label(doc)} covers {', '.join(sorted(scope))} but also lists "
                f"{', '.join(outside)}, which belong to another directive",
                found=outside,
                severity=W,
            )


@rule("LAB-007", "Test date <= issue date <= shipment", E, BOTH, "ISO/IEC 17025 §7.8")
def dates(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.of_type(*BOTH):
        tested, issued = getattr(doc.view, "test_date", None), doc.view.issue_date
        if tested and issued and tested > issued:
            yield ctx.finding(
                "LAB-007",
                doc,
                "test_date",
                f"{label(doc)} gives test date {tested}, after its date of issue {issued}",
                expected=f"<= {issued}",
                found=tested,
            )
        if issued and ctx.shipment and issued > ctx.shipment.date:
            yield ctx.finding(
                "LAB-007",
                doc,
                "issue_date",
                f"{label(doc)} is dated {issued}, after the shipment date {ctx.shipment}",
                expected=f"<= {ctx.shipment.date}",
                found=issued,
            )


left_out(
    "LAB-008",
    "No notified-body claims for LVD; NB number in NANDO and notified for the act",
    E,
    "NANDO; LVD Annex III",
    "reports and certificates have no notified-body field, and NANDO is not "
    "available offline; CE-008 and ID-008 check the DoC's NB block",
)
left_out(
    "LAB-009",
    "Red flag: 'voluntary' / 'not for customs' disclaimers",
    W,
    "(2nd)",
    "disclaimer wording is not among the canonical fields",
)


@rule("LAB-010", "Red flag: repealed directives on a recent certificate", W, [CERT], "STD table; (2nd)")
def repealed_on_certificate(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.of_type(CERT):
        yield from outdated_acts(ctx, "LAB-010", doc, W)
