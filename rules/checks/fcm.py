"""Section 5: food contact materials for France (FCM-), where the extracted fields decide it."""

from __future__ import annotations

from collections.abc import Iterator

from extractors.datamodel import DocType
from rules.checks._compare import missing
from rules.context import Context
from rules.finding import Finding, Severity
from rules.registry import left_out, rule

E, W = Severity.ERROR, Severity.WARNING


def _food_contact_required(ctx: Context) -> str | None:
    """The order's number when it requires food-contact evidence."""
    order = ctx.order
    if order and any(c.type == "FOOD_CONTACT" for c in order.required_certificates):
        return order.po_number
    return None


@rule(
    "FCM-001",
    "Written declaration of compliance supplied for a food-contact order",
    E,
    [DocType.DECLARATION_OF_CONFORMITY],
    "Reg. (EC) 1935/2004 Art 16; FR Décret 2007-766",
)
def declaration_present(ctx: Context) -> Iterator[Finding]:
    po_number = _food_contact_required(ctx)
    if po_number and not ctx.of_type(DocType.DECLARATION_OF_CONFORMITY):
        yield ctx.finding(
            "FCM-001",
            None,
            "doc_type",
            f"No declaration of compliance among the documents of {po_number}, a food-contact order",
            expected=DocType.DECLARATION_OF_CONFORMITY.value,
        )


left_out(
    "FCM-002",
    "Plastics DoC carries the Annex IV items of Reg. (EU) 10/2011",
    E,
    "Reg. (EU) 10/2011 Art 15, Annex IV",
    "the declaration's Annex IV items (SML substances, use conditions, functional barrier) are not among "
    "the canonical fields",
)


@rule(
    "FCM-003",
    "Supporting food-contact test report present and passed",
    E,
    [DocType.TEST_REPORT],
    "Reg. (EU) 10/2011 Arts 11-12, Annex V",
)
def report_present(ctx: Context) -> Iterator[Finding]:
    reports = [d for d in ctx.of_type(DocType.TEST_REPORT) if d.view.report_type == "FOOD_CONTACT"]
    po_number = _food_contact_required(ctx)
    if po_number and not reports:
        yield ctx.finding(
            "FCM-003",
            None,
            "doc_type",
            f"No food-contact test report among the documents of {po_number}, which requires one",
            expected="test_report (FOOD_CONTACT)",
        )
    for doc in reports:
        if doc.view.conclusion is None:
            yield missing(ctx, "FCM-003", doc, "conclusion", "overall conclusion")
        elif doc.view.conclusion == "FAIL":
            yield ctx.finding(
                "FCM-003",
                doc,
                "conclusion",
                "Food-contact test report concludes FAIL",
                expected="PASS",
                found="FAIL",
            )


_NO_FIELDS = "not among the canonical fields"
left_out(
    "FCM-004",
    "Ceramics: DoC per Dir. 84/500/EEC and FR arrêté 23 May 2006",
    E,
    "contactalimentaire.fr",
    f"the material (ceramic) and the declaration's legal basis are {_NO_FIELDS}",
)
left_out(
    "FCM-005",
    "Non-harmonised materials need French national evidence (not LFGB only)",
    W,
    "Légifrance; DGCCRF",
    f"the material and the national law a report cites are {_NO_FIELDS}",
)
left_out(
    "FCM-006",
    "BPA-free evidence for France",
    E,
    "Loi 2010-729; Reg. (EU) 2024/3190",
    f"bisphenol results are {_NO_FIELDS}",
)
left_out(
    "FCM-007",
    "Labelling 'for food contact' or glass-and-fork symbol",
    W,
    "Reg. (EC) 1935/2004 Art 15",
    "product labels are not among the documents read",
)
