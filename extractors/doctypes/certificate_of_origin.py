"""Certificate of origin: the goods box read as a table (HS codes, packages and goods, weight, the
invoice), the transport box read as its mode and route, and the origin from the exporter's declaration."""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractors import compliance
from extractors.datamodel import ExtractedField, Word
from extractors.doctypes.common import is_organisation, make_field, normalise_party, parse_party
from extractors.doctypes.context import DocContext
from extractors.layout import NUMBERING, Phrase
from extractors.normalize import decimal_str, normalise_code, parse_count, parse_date, parse_weight_kg
from extractors.tables import Item, extract_table

_ROUTE = re.compile(
    r"\bfrom\s+(?P<pol>.+?)\s+to\s+(?P<pod>.+?)(?=\s+(?:by|via)\s+(?:sea|vessel|air|rail|road|truck)\b|$)",
    re.I,
)
_MODE = re.compile(r"\b(?:by|via)\s+(sea|vessel|ocean|air|rail|road|truck)\b", re.I)
_PACKAGES = r"(?:CARTONS?|CTNS?|PACKAGES?|PKGS?|PALLETS?|PLTS?|CASES?|BOXES|BAGS|DRUMS|ROLLS)"
#: '… (550) CARTONS ONLY OF ELECTRIC KETTLE MODEL: …': the goods follow the packages.
_GOODS = re.compile(
    rf"\b{_PACKAGES}\s+(?:ONLY\s+)?OF\s+(?P<goods>.+?)(?:\s*(?:MODEL|MODELS|TYPE|ART\.?|ITEM)\b|[;*]|$)", re.I
)
#: The package count: '550 CARTONS', 'FIVE HUNDRED AND FIFTY (550) CARTONS', '400 (FOUR HUNDRED) CARTONS'.
_COUNT = re.compile(rf"(?P<n>\(?\b\d[\d,]*\)?)\s*(?:\([A-Z -]+\)\s*)?{_PACKAGES}\b", re.I)
_GW = re.compile(r"\bG\.?\s?W\.?\s*[:.]?\s*(?P<w>[\d.,]+\s*(?:KGS?|KILOS?|MT|T)\b)", re.I)
_ORIGIN = re.compile(
    r"\b(?:produced|made|manufactured|originating)\s+in\s+(?:the\s+)?"
    r"(?P<c>[A-Z][A-Za-z' ]{2,40}?)(?:\s+and\b|[.,;]|$)"
)


def refine(ctx: DocContext, fields: dict[str, ExtractedField]) -> dict[str, ExtractedField]:
    out: dict[str, ExtractedField] = {}
    out.update(_transport(fields))
    out.update(_goods_box(ctx, fields))
    if "hs_codes" not in fields and "hs_codes" not in out:
        out.update(_hs_codes_anywhere(ctx))
    if "country_of_origin" not in fields:
        out.update(_origin(ctx))
    if "consignee" not in fields and (exporter := fields.get("exporter")) is not None:
        out.update(_consignee_under_exporter(ctx, exporter))
    return out


def _consignee_under_exporter(ctx: DocContext, exporter: ExtractedField) -> dict[str, ExtractedField]:
    """A certificate's box 2 whose 'Consignee' label was not read (a scan): the company named in the
    exporter's column under the exporter's block, with its address, before the next numbered box."""
    if exporter.bbox is None or exporter.page is None or not isinstance(exporter.value, dict):
        return {}
    layout = ctx.layout(exporter.page)
    x0, _, _, bottom = exporter.bbox
    block: list[Phrase] = []
    for row in layout.rows:
        if row.top <= bottom:
            continue
        height = row.bottom - row.top or 1.0
        line = next((p for p in row.phrases if abs(p.bbox[0] - x0) <= 3 * height), None)
        if line is None:
            continue
        if NUMBERING.match(line.words[0].text):
            break  # the next numbered box
        if block and line.bbox[1] - block[-1].bbox[3] > 1.5 * height:
            break
        if block or is_organisation(line.text):
            block.append(line)
    parsed = parse_party([p.text for p in block]) if block else None
    if parsed is None or normalise_party(parsed.value["name"]) == normalise_party(
        str(exporter.value.get("name"))
    ):
        return {}
    words = [w for p in block for w in p.words]
    return {"consignee": make_field(parsed.value, ctx.page(exporter.page), words, "guess")}


def _transport(fields: dict[str, ExtractedField]) -> dict[str, ExtractedField]:
    """'FROM NINGBO, CHINA TO HAMBURG, GERMANY BY SEA': the mode is the transport, the route the ports."""
    transport = fields.get("transport")
    if transport is None or not isinstance(transport.value, str):
        return {}
    text = transport.value
    out = {}
    mode = _MODE.search(text)
    if mode:
        out["transport"] = transport.model_copy(update={"value": mode.group(0).upper()})
    route = _ROUTE.search(_MODE.sub(" ", text).replace(":", " "))
    if route:
        pol, pod = route.group("pol").strip(" ,;."), route.group("pod").strip(" ,;.")
        if "port_of_loading" not in fields:
            out["port_of_loading"] = transport.model_copy(update={"value": pol})
        if "port_of_discharge" not in fields:
            out["port_of_discharge"] = transport.model_copy(update={"value": pod})
    return out


def _column(items: Sequence[Item], name: str) -> tuple[str, tuple[Word, ...]]:
    words = tuple(w for i in items for w in i.cells.get(name, ()))
    return " ".join(w.text for w in words), words


def _goods_box(ctx: DocContext, fields: dict[str, ExtractedField]) -> dict[str, ExtractedField]:
    vocab = ctx.vocab.table
    table = extract_table(ctx.layouts, vocab) if vocab else None
    if table is None or not table.items:
        return {}
    page = ctx.page(table.items[0].page)
    out: dict[str, ExtractedField] = {}
    hs_text, hs_words = _column(table.items, "hs_code")
    codes = [normalise_code(c) for c in compliance.hs_codes(hs_text)] or [
        normalise_code(t) for t in re.findall(r"\b\d{4}(?:\.\d{2}){1,2}\b|\b\d{6,10}\b", hs_text)
    ]
    if codes:
        out["hs_codes"] = make_field(codes, page, hs_words, "table", text=hs_text)
    desc_text, desc_words = _column(table.items, "description")
    # The goods named in 'N CARTONS OF <goods> MODEL …' are the description; the rest is packing.
    described = fields.get("description")
    source = desc_text or (described.value if described and isinstance(described.value, str) else "")
    goods = _GOODS.search(source)
    if goods:
        out["description"] = make_field(goods.group("goods").strip(" ,."), page, desc_words, "table")
    elif desc_text and described is None:
        out["description"] = make_field(desc_text, page, desc_words, "guess")
    counted = _COUNT.search(source)
    count = parse_count(counted.group("n").strip("()")) if counted else None
    if count is not None:
        out["packages"] = make_field(count, page, desc_words, "table")
    qty_text, qty_words = _column(table.items, "quantity")
    gw = _GW.search(qty_text) or _GW.search(ctx.text)
    weight = parse_weight_kg(gw.group("w")) if gw else None
    if weight is not None:
        out["gross_weight_kg"] = make_field(decimal_str(weight), page, qty_words, "table", valid=True)
    out.update(_invoice(page, *_column(table.items, "invoice")))
    return out


def _invoice(page: object, text: str, words: tuple[Word, ...]) -> dict[str, ExtractedField]:
    """'HD-INV-26-0912 2026/09/28', 'No. BWL20261014 of 14 Oct 2026': the number and the date."""
    out: dict[str, ExtractedField] = {}
    date = parse_date(text)
    code = next(
        (t.strip(".,;:") for t in text.split() if re.search(r"\d", t) and re.search(r"[A-Za-z]", t)), None
    )
    if code:
        out["invoice_number"] = make_field(code, page, words, "table")  # type: ignore[arg-type]
    if date:
        out["invoice_date"] = make_field(date.isoformat(), page, words, "table", valid=True)  # type: ignore[arg-type]
    return out


def _hs_codes_anywhere(ctx: DocContext) -> dict[str, ExtractedField]:
    codes = [normalise_code(c) for c in compliance.hs_codes(ctx.text)]
    if not codes:
        return {}
    located = ctx.find_words(codes[0][:4])
    if located is None:
        return {}
    page, words = located
    return {"hs_codes": make_field(codes, page, words, "pattern", text=", ".join(codes))}


def _origin(ctx: DocContext) -> dict[str, ExtractedField]:
    """The exporter's declaration: '... all the goods were produced in CHINA ...'."""
    text = " ".join(row.text for _, row in ctx.rows())
    m = _ORIGIN.search(text)
    if not m:
        return {}
    country = m.group("c").strip()
    located = ctx.find_words(country.split()[0])
    if located is None:
        return {}
    page, words = located
    return {"country_of_origin": make_field(country, page, words, "pattern")}
