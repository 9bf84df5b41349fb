"""Section 1: the EU Declaration of Conformity (CE-)."""

from __future__ import annotations

from collections.abc import Iterator

from extractors.datamodel import DocType
from rules import tables
from rules.checks._compare import compare_party, confidently_present, missing, model_listed
from rules.context import Context, Doc
from rules.finding import Finding, Severity
from rules.primitives import (
    PartyMatch,
    act_key,
    act_ref,
    contains_word,
    match_party,
    standard_families,
    standard_ref,
)
from rules.registry import left_out, rule

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
DOC = DocType.DECLARATION_OF_CONFORMITY
D768 = "Decision 768/2008/EC Annex III"


def _dated(doc: Doc) -> str:
    return f"DoC dated {doc.view.issue_date}" if doc.view.issue_date else "DoC"


@rule(
    "CE-001",
    "A DoC exists when the order requires one (a lab certificate does not replace it)",
    E,
    [DOC],
    "EMC Art 15; LVD Art 15; RoHS Art 13; " + D768,
)
def doc_present(ctx: Context) -> Iterator[Finding]:
    if ctx.order is None or ctx.of_type(DOC):
        return
    required = [c for c in ctx.order.required_certificates if c.type == "DOC"]
    if not required:
        return
    certs = ctx.of_type(DocType.LAB_CERTIFICATE)
    message = (
        f"No EU Declaration of Conformity among the documents of {ctx.order.po_number}, which requires one"
    )
    if certs:
        message += "; a lab certificate does not replace the manufacturer's DoC"
    yield ctx.finding("CE-001", None, "doc_type", message, expected=DOC.value, related=certs)


left_out(
    "CE-002",
    "DoC number / unique product identifier present",
    W,
    D768 + " pt 1",
    "no DoC number field among the canonical fields (CONTRACT.md)",
)


@rule(
    "CE-003", "Manufacturer name and address present; equals the order's supplier", E, [DOC], D768 + " pt 2"
)
def manufacturer(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.of_type(DOC):
        party = doc.view.manufacturer
        if party is None:
            yield missing(ctx, "CE-003", doc, "manufacturer", "manufacturer")
            continue
        if not party.address:
            yield ctx.finding(
                "CE-003",
                doc,
                "manufacturer",
                f"DoC manufacturer '{party.name}' is given without a postal address",
                severity=W,
            )
        if ctx.order:
            yield from compare_party(
                ctx,
                "CE-003",
                doc,
                "manufacturer",
                party.name,
                ctx.order.supplier.name,
                "manufacturer",
                "the order's supplier",
            )


left_out(
    "CE-004",
    "Sole-responsibility statement present",
    W,
    D768 + " pt 3",
    "the statement's wording is not among the canonical fields",
)


@rule("CE-005", "Every ordered model appears on the DoC", E, [DOC], D768 + " pt 4")
def models(ctx: Context) -> Iterator[Finding]:
    docs = ctx.of_type(DOC)
    if not docs:
        return
    if ctx.order is None:
        for doc in docs:
            if not doc.view.models and not doc.view.product_name:
                yield missing(ctx, "CE-005", doc, "models", "product name and models")
        return
    absent = [
        m
        for m in ctx.order.models
        if not any(model_listed(m, d.view.models, d.view.product_name) for d in docs)
    ]
    if absent:
        doc = docs[0]
        yield ctx.finding(
            "CE-005",
            doc,
            "models",
            f"Ordered model(s) {', '.join(absent)} not listed on the DoC (models: "
            f"{', '.join(doc.view.models) or 'none found'})",
            expected=absent,
            found=doc.view.models,
            related=docs[1:],
        )


def _known_acts() -> dict[tuple[str, str], str]:
    """Every act the data knows, by (year, number), as it should be printed."""
    data = tables.acts()
    numbers = [a.number for a in data.acts] + [s.number for s in data.superseded]
    return {ref.key: n for n in numbers if (ref := act_ref(n))}


def _families_cited(directives: list[str]) -> set[str]:
    keys = {ref.key for d in directives if (ref := act_ref(d))}
    data = tables.acts()
    return {a.family for a in data.acts if act_key(a.number) in keys} | {
        s.family for s in data.superseded if act_key(s.number) in keys
    }


@rule(
    "CE-006",
    "Applicable Union acts listed by their current number, including those the order requires",
    E,
    [DOC],
    D768 + " pt 5",
)
def directives(ctx: Context) -> Iterator[Finding]:
    known = _known_acts()
    required = [
        d
        for c in (ctx.order.required_certificates if ctx.order else [])
        if c.type == "DOC"
        for d in c.directives
    ]
    for doc in ctx.of_type(DOC):
        cited = doc.view.directives
        if not cited:
            yield ctx.finding(
                "CE-006",
                doc,
                "directives",
                "DoC cites no Union act (directive number) at all",
                expected=required or None,
                found=[],
                severity=W,
            )
            continue
        keys = {ref.key for d in cited if (ref := act_ref(d))}
        for printed in cited:
            ref = act_ref(printed)
            right = act_ref(known[ref.key]) if ref and ref.key in known else None
            if ref and right and ref.suffix and right.suffix != ref.suffix:
                yield ctx.finding(
                    "CE-006",
                    doc,
                    "directives",
                    f"DoC cites '{printed}'; the act's number is {known[ref.key]}",
                    expected=known[ref.key],
                    found=printed,
                    severity=W,
                )
        absent = [w for w in required if (ref := act_ref(w)) and ref.key not in keys]
        if absent:
            yield ctx.finding(
                "CE-006",
                doc,
                "directives",
                f"DoC does not cite {', '.join(absent)}, which the order requires "
                f"(cited: {', '.join(cited)})",
                expected=absent,
                found=cited,
            )
        yield from _family_gaps(ctx, doc, _families_cited(cited))


def _family_gaps(ctx: Context, doc: Doc, families: set[str]) -> Iterator[Finding]:
    """Standards of a family whose act is not cited: EMC standards without 2014/30/EU or RED."""
    std_families = {
        f for s in doc.view.standards if (ref := standard_ref(s)) for f in standard_families(ref.core)
    }
    gaps = [("EMC", "2014/30/EU", E), ("LVD", "2014/35/EU", W)]
    for family, act, severity in gaps:
        if family in std_families and not families & {family, "RED"}:
            cited = [
                s
                for s in doc.view.standards
                if (r := standard_ref(s)) and family in standard_families(r.core)
            ]
            yield ctx.finding(
                "CE-006",
                doc,
                "directives",
                f"DoC lists {family} standards ({', '.join(cited)}) but cites neither {act} nor the "
                "RED 2014/53/EU",
                expected=act,
                found=cited,
                severity=severity,
            )


@rule("CE-007", "Standards listed with edition year", W, [DOC], D768 + " pt 6; EMC Art 13")
def standard_editions(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.of_type(DOC):
        if not doc.view.standards:
            yield missing(ctx, "CE-007", doc, "standards", "list of harmonised standards")
        for printed in doc.view.standards:
            ref = standard_ref(printed)
            if ref and not ref.edition_marked:
                yield ctx.finding(
                    "CE-007",
                    doc,
                    "standards",
                    f"DoC cites standard '{printed}' without its edition year",
                    found=printed,
                    severity=W,
                )


@rule(
    "CE-008",
    "Notified body named only where the acts have an NB procedure (not LVD, RoHS)",
    E,
    [DOC],
    D768 + " pt 7; LVD Annex III; RoHS Art 7; EMC Annexes II-III",
)
def notified_body(ctx: Context) -> Iterator[Finding]:
    procedures = {a.family: a.nb_procedure for a in tables.acts().acts}
    for doc in ctx.of_type(DOC):
        nb = doc.view.notified_body_number
        families = _families_cited(doc.view.directives)
        if not nb or not families:
            continue
        if all(procedures.get(f) == "none" for f in families):
            yield ctx.finding(
                "CE-008",
                doc,
                "notified_body_number",
                f"DoC names notified body {nb}, but its acts ({', '.join(doc.view.directives)}) use "
                "internal production control only (Module A): no notified body is involved",
                found=nb,
            )


@rule("CE-009", "Place and date of issue present; date not after shipment", E, [DOC], D768)
def issue_date(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.of_type(DOC):
        if not confidently_present(doc, "place_of_issue"):
            yield missing(ctx, "CE-009", doc, "place_of_issue", "place of issue")
        when = doc.view.issue_date
        if when is None:
            yield missing(ctx, "CE-009", doc, "issue_date", "date of issue")
        elif ctx.shipment and when > ctx.shipment.date:
            yield ctx.finding(
                "CE-009",
                doc,
                "issue_date",
                f"DoC dated {when}, after the shipment date {ctx.shipment}",
                expected=f"<= {ctx.shipment.date}",
                found=when,
            )


@rule("CE-010", "Signatory name and function present", W, [DOC], D768)
def signatory(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.of_type(DOC):
        if not confidently_present(doc, "signatory_name"):
            yield missing(ctx, "CE-010", doc, "signatory_name", "signatory's name")
        if not confidently_present(doc, "signatory_function"):
            yield missing(ctx, "CE-010", doc, "signatory_function", "signatory's function")


@rule("CE-011", "One single DoC covers all applicable acts", INFO, [DOC], "EMC/LVD Art 15(3); RoHS Art 13(3)")
def single_doc(ctx: Context) -> Iterator[Finding]:
    docs = ctx.of_type(DOC)
    for doc in docs[1:]:
        yield ctx.finding(
            "CE-011",
            doc,
            "directives",
            f"{len(docs)} separate DoCs for one order; the acts should be covered by a single DoC",
            related=docs[:1],
        )


@rule("CE-012", "DoC issued by the manufacturer, not by a test lab", E, [DOC], D768 + "; Blue Guide")
def issued_by_manufacturer(ctx: Context) -> Iterator[Finding]:
    labs = ctx.of_type(DocType.TEST_REPORT, DocType.LAB_CERTIFICATE)
    issuers = {d.view.issuer for d in labs if d.view.issuer}
    for doc in ctx.of_type(DOC):
        party = doc.view.manufacturer
        if party is None:
            continue
        same_as_lab = [i for i in issuers if match_party(party.name, i)[0] != PartyMatch.DIFFERENT]
        if same_as_lab or contains_word(party.name, tables.words().lab_words):
            yield ctx.finding(
                "CE-012",
                doc,
                "manufacturer",
                f"DoC is issued in the name of '{party.name}', which looks like a test laboratory; "
                "the DoC must be drawn up by the manufacturer or its EU representative",
                found=party.name,
            )


left_out(
    "CE-013",
    "DoC available in the language of the destination member state",
    W,
    "EMC/LVD Art 15(2)",
    "the document's language is not among the canonical fields",
)


@rule(
    "CE-014",
    "Radio equipment falls under RED 2014/53/EU, not EMC/LVD alone",
    W,
    [DOC],
    "RED Art 1; LVD Art 1",
)
def radio_under_red(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.of_type(DOC):
        radio = [
            s for s in doc.view.standards if (r := standard_ref(s)) and "RED" in standard_families(r.core)
        ]
        if radio and "RED" not in _families_cited(doc.view.directives):
            yield ctx.finding(
                "CE-014",
                doc,
                "directives",
                f"DoC lists radio standards ({', '.join(radio)}) but does not cite RED 2014/53/EU",
                expected="2014/53/EU",
                found=doc.view.directives,
            )
