"""Packing list: the line items, and the totals row standing in for unlabelled totals."""

from __future__ import annotations

from extractors.datamodel import ExtractedField
from extractors.doctypes.common import fallback_fields
from extractors.doctypes.context import DocContext
from extractors.doctypes.items import table_fields, totals_field
from extractors.normalize import decimal_str, parse_count, parse_decimal, parse_volume_cbm, parse_weight_kg

LINE_FIELDS = ("model", "description", "quantity", "packages", "net_weight_kg", "gross_weight_kg")


def _weight(text: str) -> str | None:
    d = parse_weight_kg(text) or parse_decimal(text)
    return decimal_str(d) if d is not None else None


def _volume(text: str) -> str | None:
    d = parse_volume_cbm(text) or parse_decimal(text)
    return decimal_str(d) if d is not None else None


#: Totals field ← the totals-row column that holds it.
TOTALS = {
    "total_packages": ("packages", parse_count),
    "total_net_weight_kg": ("net_weight_kg", _weight),
    "total_gross_weight_kg": ("gross_weight_kg", _weight),
    "total_measurement_cbm": ("measurement_cbm", _volume),
}


def refine(ctx: DocContext, fields: dict[str, ExtractedField]) -> dict[str, ExtractedField]:
    table, out = table_fields(ctx, LINE_FIELDS)
    out.update(fallback_fields(ctx, fields))
    for name, (column, parse) in TOTALS.items():
        total = totals_field(ctx, table, column, parse)
        # The totals row is the table's own sum; a label may be a column header over the first item.
        if total is not None:
            out[name] = total
    return out
