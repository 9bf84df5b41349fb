"""Commercial invoice: the line items and their totals row, beyond the labelled header fields."""

from __future__ import annotations

from extractors.datamodel import ExtractedField
from extractors.doctypes.common import letterhead_party, make_field
from extractors.doctypes.context import DocContext
from extractors.doctypes.items import table_fields, totals_field
from extractors.normalize import decimal_str, parse_amount, parse_currency

LINE_FIELDS = ("model", "description", "hs_code", "quantity", "unit", "unit_price", "amount")


def _amount(text: str) -> str | None:
    money = parse_amount(text)
    return decimal_str(money.amount, places=2) if money else None


def refine(ctx: DocContext, fields: dict[str, ExtractedField]) -> dict[str, ExtractedField]:
    table, out = table_fields(ctx, LINE_FIELDS)
    total = totals_field(ctx, table, "amount", _amount)
    if total is not None:
        out["total_amount"] = total  # the table's own totals row beats a 'Total' label elsewhere
    if "currency" not in fields:
        out.update(_currency(ctx))
    if "seller" not in fields:
        buyer = fields.get("buyer")
        exclude = [buyer.value["name"]] if buyer and isinstance(buyer.value, dict) else []
        found = letterhead_party(ctx, exclude)
        if found is not None:
            page, parsed, words = found
            out["seller"] = make_field(parsed.value, page, words, "pattern")
    return out


def _currency(ctx: DocContext) -> dict[str, ExtractedField]:
    """The first currency printed anywhere (an amount column header '(USD)', the totals row)."""
    for page, row in ctx.rows():
        code = parse_currency(row.text)
        if code:
            words = [w for w in row.words if parse_currency(w.text) == code]
            return {"currency": make_field(code, page, words or row.words, "pattern", valid=True)}
    return {}
