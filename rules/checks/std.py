"""Section 2: superseded directives and withdrawn standards (STD-)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from extractors.datamodel import DocType
from rules import tables
from rules.context import Context, Doc, label
from rules.finding import Finding, Severity
from rules.primitives import act_key, act_ref, standard_ref, withdrawn_standard
from rules.registry import left_out, rule

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
REPORTS = (DocType.TEST_REPORT, DocType.LAB_CERTIFICATE)


def superseded_act(printed: str) -> tables.SupersededAct | None:
    ref = act_ref(printed)
    return next((s for s in tables.acts().superseded if ref and act_key(s.number) == ref.key), None)


def too_late(ctx: Context, doc: Doc, cutoff: date) -> str | None:
    """Why a reference that stopped counting on `cutoff` is too late here, or None if it is not."""
    issued = doc.view.issue_date
    if issued and issued >= cutoff:
        return f"{label(doc)} is dated {issued}"
    if ctx.shipment and ctx.shipment.date >= cutoff:
        return f"shipment is on {ctx.shipment}"
    if issued is None and ctx.shipment is None and date.today() >= cutoff:
        return "the document is undated and no shipment date is known"
    return None


def outdated_acts(ctx: Context, rule_id: str, doc: Doc, severity: Severity) -> Iterator[Finding]:
    for printed in doc.view.directives:
        entry = superseded_act(printed)
        if entry is None:
            continue
        why = too_late(ctx, doc, entry.cutoff)
        if why:
            yield ctx.finding(
                rule_id,
                doc,
                "directives",
                f"{label(doc)} cites {printed}, repealed with effect from {entry.cutoff} and replaced "
                f"by {entry.replaced_by}; {why}",
                expected=entry.replaced_by,
                found=printed,
                severity=severity,
            )


def outdated_standards(
    ctx: Context, rule_id: str, doc: Doc, severity_at_issue: Severity, severity_at_shipment: Severity
) -> Iterator[Finding]:
    for printed in doc.view.standards:
        ref = standard_ref(printed)
        entry = withdrawn_standard(ref) if ref else None
        if entry is None or entry.cessation is None:
            continue
        why = too_late(ctx, doc, entry.cessation)
        if why:
            issued_late = bool(doc.view.issue_date and doc.view.issue_date >= entry.cessation)
            yield ctx.finding(
                rule_id,
                doc,
                "standards",
                f"{label(doc)} cites {printed}: {entry.label} no longer gives presumption of "
                f"conformity since {entry.cessation} (replaced by {entry.replaced_by}); {why}",
                expected=entry.replaced_by,
                found=printed,
                severity=severity_at_issue if issued_late else severity_at_shipment,
            )


@rule(
    "STD-001",
    "DoC cites no repealed act or withdrawn standard at its date or the shipment date",
    E,
    [DocType.DECLARATION_OF_CONFORMITY],
    "Dirs 2014/30/EU Art 45, 2014/35/EU Art 27, 2011/65/EU Art 26, 2014/53/EU Art 48; OJEU lists",
)
def doc_outdated(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.of_type(DocType.DECLARATION_OF_CONFORMITY):
        yield from outdated_acts(ctx, "STD-001", doc, E)
        yield from outdated_standards(ctx, "STD-001", doc, E, E)


@rule(
    "STD-002",
    "Test reports and certificates cite standards with their edition",
    W,
    REPORTS,
    "Decision 768/2008/EC Annex III pt 6",
)
def report_editions(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.of_type(*REPORTS):
        for printed in doc.view.standards:
            ref = standard_ref(printed)
            if ref and not ref.edition_marked:
                yield ctx.finding(
                    "STD-002",
                    doc,
                    "standards",
                    f"{label(doc)} cites standard '{printed}' without its edition year",
                    found=printed,
                )


left_out(
    "STD-003",
    "Superseded-standards table kept data-driven from the OJEU summary lists",
    INFO,
    "Impl. Decs (EU) 2019/1326, 2019/1956, 2020/659",
    "a policy on the data, not a check: met by rules/data/standards.json and acts.json",
)
