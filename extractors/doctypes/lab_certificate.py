"""Lab certificate: acts and standards cited, the reports it rests on, and the issuing lab."""

from __future__ import annotations

import re

from extractors.datamodel import ExtractedField
from extractors.doctypes.common import make_field
from extractors.doctypes.context import DocContext
from extractors.doctypes.declaration_of_conformity import list_fields
from extractors.doctypes.test_report import issuer_from_letterhead

_CODE = re.compile(r"[A-Z]{2,8}\d{6,}[A-Z0-9/\-]*")
_REPORT_REF = re.compile(
    r"\breport\s*(?:no|nos|number|ref(?:erence)?)?\.?\s*(?:no\.?)?\s*[:.]?\s*(?P<code>[A-Z]{1,8}[A-Z0-9]*\d{4,}[A-Z0-9/\-]*)",
    re.I,
)


def refine(ctx: DocContext, fields: dict[str, ExtractedField]) -> dict[str, ExtractedField]:
    out = list_fields(ctx, ("directives", "standards"))
    out.update(_report_numbers(ctx, fields))
    if "issuer" not in fields:
        out.update(issuer_from_letterhead(ctx, fields))
    return out


def _report_column(ctx: DocContext) -> list[str]:
    """Codes printed under a 'Test Report No.' column header, down to the end of its table."""
    codes: list[str] = []
    for hit in ctx.hits:
        if hit.field != "report_numbers" or hit.wrap:
            continue
        layout = ctx.layout(hit.page)
        height = hit.bbox[3] - hit.bbox[1]
        last = hit.bbox[3]
        for row in layout.rows[hit.row + 1 :]:
            if row.top - last > 6 * height:
                break
            in_column = [
                w.text.strip(".,;")
                for w in row.words
                if hit.bbox[0] - 2 * height <= (w.x0 + w.x1) / 2 <= hit.bbox[2] + 2 * height
            ]
            found = [t for t in in_column if _CODE.fullmatch(t)]
            if found:
                codes.extend(found)
                last = row.bottom
    return list(dict.fromkeys(codes))


def _report_numbers(ctx: DocContext, fields: dict[str, ExtractedField]) -> dict[str, ExtractedField]:
    """Report numbers cited in sentences ('… in our test report No. : QHJ206002801/EN') and in a
    'Test Report No.' column of a table of requirements."""
    text = " ".join(row.text for _, row in ctx.rows())
    found = list(dict.fromkeys(m.group("code").rstrip(".,;") for m in _REPORT_REF.finditer(text)))
    found += [c for c in _report_column(ctx) if c not in found]
    prior = fields.get("report_numbers")
    cert = fields.get("certificate_number")
    found = [c for c in found if cert is None or c != cert.value]
    if prior is not None:
        found = list(dict.fromkeys([*prior.value, *found]))
    if not found:
        return {}
    located = ctx.find_words(found[0])
    if located is None:
        return {}
    page, words = located
    return {"report_numbers": make_field(found, page, words, "pattern", text=", ".join(found))}
