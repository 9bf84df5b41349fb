"""Section 8b: the packing list (PL-)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from extractors.datamodel import DocType
from rules.checks._compare import compact
from rules.context import Context
from rules.finding import Finding, Severity
from rules.primitives import within_tolerance
from rules.registry import left_out, rule

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
PL = DocType.PACKING_LIST


@rule("PL-001", "A packing list is presented", E, [PL], "ISBP M1")
def present(ctx: Context) -> Iterator[Finding]:
    if ctx.order and not ctx.of_type(PL):
        yield ctx.finding(
            "PL-001",
            None,
            "doc_type",
            f"No packing list among the documents of {ctx.order.po_number}",
            expected=PL.value,
        )


left_out(
    "PL-002", "Issuer as the L/C states", W, "ISBP M2-M3", "the PL's issuer is not among the canonical fields"
)
left_out(
    "PL-003",
    "Packing data not conflicting with packing requirements",
    E,
    "ISBP M4",
    "the order record holds no packing requirements",
)
left_out(
    "PL-004",
    "Totals not conflicting with invoice, B/L, CO",
    E,
    "ISBP M6",
    "checked as XDOC-004 (packages, weights, volume) and XDOC-011 (quantities): one finding per discrepancy",
)

_SUMS = (
    ("packages", "total_packages", "packages"),
    ("net_weight_kg", "total_net_weight_kg", "net weight"),
    ("gross_weight_kg", "total_gross_weight_kg", "gross weight"),
)


@rule("PL-005", "Line sums equal the totals; gross weight >= net weight", E, [PL], "agent rule")
def internal(ctx: Context) -> Iterator[Finding]:
    tol = ctx.config.tolerances
    for doc in ctx.of_type(PL):
        lines = doc.view.lines
        for line_attr, total_attr, what in _SUMS:
            values = [getattr(line, line_attr) for line in lines]
            total = getattr(doc.view, total_attr)
            if total is None or not values or any(v is None for v in values):
                continue
            summed = sum((Decimal(v) for v in values), Decimal(0))
            if not within_tolerance(summed, Decimal(total), pct=Decimal(0), absolute=tol.weight_abs_kg):
                yield ctx.finding(
                    "PL-005",
                    doc,
                    total_attr,
                    f"Packing list total {what} {total} differs from the sum of its lines {summed}",
                    expected=str(summed),
                    found=str(total),
                )
        net, gross = doc.view.total_net_weight_kg, doc.view.total_gross_weight_kg
        if net is not None and gross is not None and gross < net:
            yield ctx.finding(
                "PL-005",
                doc,
                "total_gross_weight_kg",
                f"Packing list gross weight {gross} kg is below its net weight {net} kg",
                expected=f">= {net}",
                found=str(gross),
            )


@rule("PL-006", "A third-party PL may show another invoice number (information)", INFO, [PL], "ISBP M5")
def invoice_reference(ctx: Context) -> Iterator[Finding]:
    invoices = [d for d in ctx.of_type(DocType.COMMERCIAL_INVOICE) if d.view.invoice_number]
    numbers = {compact(d.view.invoice_number) for d in invoices}
    for doc in ctx.of_type(PL):
        printed = doc.view.invoice_number
        if printed and numbers and compact(printed) not in numbers:
            yield ctx.finding(
                "PL-006",
                doc,
                "invoice_number",
                f"Packing list refers to invoice '{printed}'; the invoice is "
                f"'{invoices[0].view.invoice_number}'",
                expected=invoices[0].view.invoice_number,
                found=printed,
                related=invoices,
            )
