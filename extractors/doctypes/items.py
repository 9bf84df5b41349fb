"""Line-item tables → the contract's `lines` and the totals row's values (invoice, packing list)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from extractors.datamodel import ExtractedField, Page
from extractors.doctypes.common import make_field
from extractors.doctypes.context import DocContext
from extractors.normalize import decimal_str, normalise_code, parse_count, parse_decimal, parse_weight_kg
from extractors.tables import Item, Table, extract_table

_UNIT_AFTER_NUMBER = re.compile(r"^\s*[\d.,\s]+\s*([A-Za-z]{2,6}\.?)\s*$")


def _decimal(text: str) -> str | None:
    d = parse_decimal(text)
    return str(d) if d is not None else None


def _amount(text: str) -> str | None:
    d = parse_decimal(text)
    return decimal_str(d, places=2) if d is not None else None


def _weight(text: str) -> str | None:
    d = parse_weight_kg(text) or parse_decimal(text)
    return decimal_str(d) if d is not None else None


def _text(text: str) -> str | None:
    return " ".join(text.split()) or None


def _hs(text: str) -> str | None:
    return normalise_code(text) or None


def _count(text: str) -> int | None:
    """A count with thousands dots ('3.000' pieces in a European layout) is 3000, not 3."""
    if re.fullmatch(r"\s*\d{1,3}(\.\d{3})+\s*", text):
        text = text.replace(".", "")
    return parse_count(text)


#: How each column's cell text becomes the contract's value.
CELL_PARSERS: dict[str, Callable[[str], Any]] = {
    "model": _text,
    "description": _text,
    "hs_code": _hs,
    "quantity": _count,
    "unit": _text,
    "unit_price": _decimal,
    "amount": _amount,
    "packages": _count,
    "net_weight_kg": _weight,
    "gross_weight_kg": _weight,
    "measurement_cbm": _decimal,
}


def item_values(item: Item, wanted: tuple[str, ...], units: dict[str, str] | None = None) -> dict[str, Any]:
    """A table row's values; a weight column headed in pounds ('N.W. (lbs)') is converted to kg."""
    out: dict[str, Any] = {}
    for name in wanted:
        raw = item.text(name)
        if not raw:
            continue
        if (
            name.endswith("_kg")
            and (units or {}).get(name, "").startswith("lb")
            and not re.search(r"[a-z]", raw, re.I)
        ):
            raw = f"{raw} lbs"
        value = CELL_PARSERS[name](raw)
        if value is not None:
            out[name] = value
    if "unit" in wanted and "unit" not in out and (m := _UNIT_AFTER_NUMBER.match(item.text("quantity"))):
        out["unit"] = m.group(1)  # '2,400 PCS' in a quantity column without a unit column
    return out


def table_fields(
    ctx: DocContext, line_fields: tuple[str, ...]
) -> tuple[Table | None, dict[str, ExtractedField]]:
    """`lines` from the document's item table, with the table's box as evidence."""
    vocab = ctx.vocab.table
    if vocab is None:
        return None, {}
    table = extract_table(
        ctx.layouts, vocab, stop=lambda row: any(ctx.index.has_field_label(p) for p in row.phrases)
    )
    if table is None or not table.items:
        return table, {}
    units = {c.name: c.unit for c in table.header.columns if c.name and c.unit}
    lines = [v for v in (item_values(i, line_fields, units) for i in table.items) if v]
    if not lines:
        return table, {}
    first = table.items[0]
    page = ctx.page(first.page)
    words = [w for i in table.items if i.page == first.page for w in i.words]
    return table, {"lines": make_field(lines, page, words, "table", text=f"{len(lines)} line items")}


def totals_field(
    ctx: DocContext, table: Table | None, column: str, parse: Callable[[str], Any]
) -> ExtractedField | None:
    """A total from the table's totals row, in the given column."""
    if table is None or table.totals is None or not table.totals.cells.get(column):
        return None
    value = parse(table.totals.text(column))
    if value is None:
        return None
    page: Page = ctx.page(table.totals.page)
    return make_field(value, page, table.totals.cells[column], "table")
