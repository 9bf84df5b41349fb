"""EU Declaration of Conformity: the Union acts, standards and notified body cited in its text, and the
closing 'place, date / name, function' block when it is printed without labels."""

from __future__ import annotations

import re

from extractors import compliance
from extractors.datamodel import ExtractedField
from extractors.doctypes.common import make_field
from extractors.doctypes.context import DocContext
from extractors.normalize import parse_date

#: "In Liberec, September 30, 2022", "Ningbo, 2026-09-20", "Place: Cixi Date: 20.09.2026".
_PLACE_DATE = re.compile(r"^(?:(?:issued\s+)?(?:in|at)\s+)?(?P<place>[A-Z][\w .'-]{1,40}?)\s*,\s*(?P<date>.*\d{4}.*)$", re.I)


def refine(ctx: DocContext, fields: dict[str, ExtractedField]) -> dict[str, ExtractedField]:
    out = list_fields(ctx, ("directives", "standards"))
    nb = compliance.notified_body_numbers(ctx.text)
    if nb and "notified_body_number" not in fields:
        located = ctx.find_words(nb[0])
        if located:
            out["notified_body_number"] = make_field(nb[0], located[0], located[1], "pattern", valid=True)
    elif "notified_body_number" in fields and not re.fullmatch(r"\d{4}", str(fields["notified_body_number"].value)):
        out["notified_body_number"] = fields["notified_body_number"].model_copy(update={"value": None})
    if "issue_date" not in fields or "place_of_issue" not in fields:
        out.update({k: v for k, v in _place_date(ctx).items() if k not in fields})
    if "signatory_function" not in fields and "signatory_name" in fields:
        out.update(function_under_name(ctx, fields["signatory_name"]))
    return out


def function_under_name(ctx: DocContext, name: ExtractedField) -> dict[str, ExtractedField]:
    """A signature block prints the function on the line under the name ('Chen Weiming' /
    'General Manager')."""
    if name.bbox is None or name.page is None:
        return {}
    layout = next(lay for lay in ctx.layouts if lay.number == name.page)
    x0, top, _, bottom = name.bbox
    height = bottom - top
    for row in layout.rows:
        if row.top <= bottom or row.top - bottom > 1.5 * height:
            continue
        for phrase in row.phrases:
            text = phrase.text.strip()
            if abs(phrase.words[0].x0 - x0) <= 3 and not re.search(r"\d", text) and len(phrase.words) <= 5:
                return {"signatory_function": make_field(text, ctx.page(name.page), phrase.words, "pattern")}
        return {}
    return {}


def list_fields(ctx: DocContext, names: tuple[str, ...]) -> dict[str, ExtractedField]:
    """Directives and standards from the whole text (they are cited in sentences, not under labels)."""
    finders = {"directives": compliance.directives, "standards": compliance.standards}
    out = {}
    for name in names:
        found = finders[name](ctx.text)
        if not found:
            continue
        located = ctx.find_words(found[0].split()[-1])
        if located is None:
            continue
        page, words = located
        out[name] = make_field(found, page, words, "pattern", text="; ".join(found))
    return out


def _place_date(ctx: DocContext) -> dict[str, ExtractedField]:
    """The last 'Place, date' line of the document (the signature block closes a DoC)."""
    for page, row in reversed(list(ctx.rows())):
        for phrase in row.phrases:
            m = _PLACE_DATE.match(phrase.text.strip())
            if not m:
                continue
            d = parse_date(m.group("date"))
            if d is None:
                continue
            return {
                "place_of_issue": make_field(m.group("place").strip(), page, phrase.words, "pattern"),
                "issue_date": make_field(d.isoformat(), page, phrase.words, "pattern", valid=True),
            }
    return {}
