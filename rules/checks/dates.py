"""Section 10: dates (DATE-). The shipment date is the B/L on-board date, else its issue date."""

from __future__ import annotations

from collections.abc import Iterator

from extractors.datamodel import DocType
from rules.context import Context, label
from rules.finding import Finding, Severity
from rules.registry import left_out, rule

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
BL = DocType.BILL_OF_LADING


@rule(
    "DATE-001", "Shipment date not after the latest shipment date", E, [BL], "UCP 600 arts 20(a)(ii), 29(c)"
)
def latest_shipment(ctx: Context) -> Iterator[Finding]:
    if ctx.order is None or ctx.order.latest_shipment_date is None:
        return
    latest = ctx.order.latest_shipment_date
    for doc in ctx.of_type(BL):
        field = "on_board_date" if doc.view.on_board_date else "issue_date"
        shipped = getattr(doc.view, field)
        if shipped and shipped > latest:
            what = "on-board date" if field == "on_board_date" else "issue date (no on-board date)"
            yield ctx.finding(
                "DATE-001",
                doc,
                field,
                f"B/L {what} {shipped} is after the order's latest shipment date {latest}",
                expected=f"<= {latest}",
                found=shipped,
            )


_NO_PRESENTATION = "no presentation date, L/C expiry, insurance or inspection document is among the inputs"
left_out(
    "DATE-002",
    "Presented within 21 days of shipment and before expiry",
    E,
    "UCP 600 arts 14(c), 29(a)",
    _NO_PRESENTATION,
)
left_out("DATE-003", "No document dated after presentation", E, "UCP 600 art. 14(i)", _NO_PRESENTATION)
left_out("DATE-004", "Insurance dated no later than shipment", E, "UCP 600 art. 28(e)", _NO_PRESENTATION)
left_out("DATE-005", "Pre-shipment inspection dated no later than shipment", E, "ISBP Q2", _NO_PRESENTATION)
left_out(
    "DATE-006",
    "Other certificates dated after shipment are not by themselves discrepant",
    INFO,
    "ISBP A12",
    "permissive: it raises nothing (LAB-007 and CE-009 keep the compliance documents' own limits)",
)


@rule(
    "DATE-007",
    "CO dated on or after the invoice and not after shipment",
    W,
    [DocType.CERTIFICATE_OF_ORIGIN],
    "CN practice (2nd)",
)
def co_date(ctx: Context) -> Iterator[Finding]:
    invoice_dates = [
        d.view.invoice_date for d in ctx.of_type(DocType.COMMERCIAL_INVOICE) if d.view.invoice_date
    ]
    shipped = ctx.shipment.date if ctx.shipment and ctx.shipment.file else None
    for doc in ctx.of_type(DocType.CERTIFICATE_OF_ORIGIN):
        issued = doc.view.issue_date
        if issued is None:
            continue
        if invoice_dates and issued < min(invoice_dates):
            yield ctx.finding(
                "DATE-007",
                doc,
                "issue_date",
                f"CO dated {issued}, before the invoice date {min(invoice_dates)}",
                expected=f">= {min(invoice_dates)}",
                found=issued,
            )
        if shipped and issued > shipped:
            yield ctx.finding(
                "DATE-007",
                doc,
                "issue_date",
                f"CO dated {issued}, after the shipment date {ctx.shipment} (issued retroactively?)",
                expected=f"<= {shipped}",
                found=issued,
            )


@rule(
    "DATE-008",
    "Test reports dated no later than the DoC that rests on them",
    W,
    [DocType.DECLARATION_OF_CONFORMITY, DocType.TEST_REPORT],
    "ISO/IEC 17025; CE-009",
)
def report_before_doc(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.of_type(DocType.DECLARATION_OF_CONFORMITY):
        declared = doc.view.issue_date
        if declared is None:
            continue
        for report in ctx.of_type(DocType.TEST_REPORT):
            if report.view.issue_date and report.view.issue_date > declared:
                yield ctx.finding(
                    "DATE-008",
                    doc,
                    "issue_date",
                    f"DoC dated {declared} precedes the {label(report)} it rests on, issued "
                    f"{report.view.issue_date}",
                    expected=f">= {report.view.issue_date}",
                    found=declared,
                    related=[report],
                )


@rule(
    "DATE-009",
    "Certificates and reports with an expiry date valid on the shipment date",
    E,
    [DocType.TEST_REPORT, DocType.LAB_CERTIFICATE],
    "—",
)
def expiry(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.of_type(DocType.TEST_REPORT, DocType.LAB_CERTIFICATE):
        until = doc.view.valid_until
        if until is None:
            continue
        if doc.view.issue_date and until < doc.view.issue_date:
            yield ctx.finding(
                "DATE-009",
                doc,
                "valid_until",
                f"{label(doc)} expires on {until}, before its date of issue {doc.view.issue_date}",
                found=until,
            )
        elif ctx.shipment and until < ctx.shipment.date:
            yield ctx.finding(
                "DATE-009",
                doc,
                "valid_until",
                f"{label(doc)} expired on {until}, before the shipment date {ctx.shipment}",
                expected=f">= {ctx.shipment.date}",
                found=until,
            )


left_out(
    "DATE-010",
    "L/C date wording: 'on or about', 'before', 'first half' …",
    INFO,
    "UCP 600 art. 3",
    "definitions for L/C wording; no such wording is among the fields",
)
