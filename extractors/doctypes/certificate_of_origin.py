"""Certificate of origin: the transport box read as its route, HS codes from the goods box, and the
combined 'number and date of invoices' box split in two."""

from __future__ import annotations

import re

from extractors import compliance
from extractors.datamodel import ExtractedField
from extractors.doctypes.common import make_field
from extractors.doctypes.context import DocContext
from extractors.normalize import normalise_code

_ROUTE = re.compile(
    r"\bfrom\s+(?P<pol>.+?)\s+to\s+(?P<pod>.+?)(?:\s+(?:by|via)\s+(?:sea|vessel|air|rail|road|truck)\b.*)?$", re.I
)
_BY = re.compile(r"\bby\s+(sea|vessel|air|rail|road|truck)\b", re.I)


def refine(ctx: DocContext, fields: dict[str, ExtractedField]) -> dict[str, ExtractedField]:
    out: dict[str, ExtractedField] = {}
    out.update(_route(fields))
    if "hs_codes" not in fields:
        out.update(_hs_codes(ctx))
    out.update(_invoice(fields))
    return out


def _route(fields: dict[str, ExtractedField]) -> dict[str, ExtractedField]:
    """'FROM NINGBO, CHINA TO HAMBURG, GERMANY BY SEA' gives both ports."""
    transport = fields.get("transport")
    if transport is None or not isinstance(transport.value, str):
        return {}
    m = _ROUTE.search(transport.value)
    if not m:
        return {}
    out = {}
    pol, pod = m.group("pol").strip(" ,;."), _BY.split(m.group("pod"))[0].strip(" ,;.")
    if "port_of_loading" not in fields:
        out["port_of_loading"] = transport.model_copy(update={"value": pol})
    if "port_of_discharge" not in fields:
        out["port_of_discharge"] = transport.model_copy(update={"value": pod})
    return out


def _hs_codes(ctx: DocContext) -> dict[str, ExtractedField]:
    codes = [normalise_code(c) for c in compliance.hs_codes(ctx.text)]
    if not codes:
        return {}
    located = ctx.find_words(codes[0][:4])
    if located is None:
        return {}
    page, words = located
    return {"hs_codes": make_field(codes, page, words, "pattern", text=", ".join(codes))}


def _invoice(fields: dict[str, ExtractedField]) -> dict[str, ExtractedField]:
    """A code read from a combined number-and-date box must not be the date's first token."""
    number = fields.get("invoice_number")
    if number is None or not isinstance(number.value, str):
        return {}
    if re.fullmatch(r"\d{1,4}([./-]\d{1,2}){0,2}", number.value):
        return {"invoice_number": number.model_copy(update={"value": None})}
    return {}
