"""Test report: its type, standards, conclusion and substance table from the text, and the issuing lab."""

from __future__ import annotations

import re

from extractors import compliance
from extractors.confidence import Found
from extractors.datamodel import ExtractedField
from extractors.doctypes.common import make_field
from extractors.doctypes.context import DocContext
from extractors.doctypes.declaration_of_conformity import list_fields

_HEADING_NUMBER = re.compile(
    r"\btest\s+report\s+(?:no|nr|number)\.?\s*[:.]?\s*(?P<code>[A-Z]{0,8}\d[A-Z0-9/\-]{4,})", re.I
)
_ORG = re.compile(
    r"\b(co\.?,?\s*ltd\.?|company limited|gmbh|inc\.?|s\.?a\.?s?|b\.v\.|ltd\.?|limited|laboratory|testing)\b",
    re.I,
)


def refine(ctx: DocContext, fields: dict[str, ExtractedField]) -> dict[str, ExtractedField]:
    out: dict[str, ExtractedField] = {}
    if "standards" not in fields:
        out.update(list_fields(ctx, ("standards",)))
    else:
        out.update(_series(ctx, fields["standards"]))
    if "report_number" not in fields:
        out.update(_report_number_in_heading(ctx))
    out.update(_report_type(ctx))
    if "conclusion" not in fields:
        out.update(_conclusion(ctx))
    out.update(_substances(ctx))
    if "issuer" not in fields:
        out.update(issuer_from_letterhead(ctx, fields))
    return out


def _series(ctx: DocContext, labelled: ExtractedField) -> dict[str, ExtractedField]:
    """A method label naming one part of a series ('IEC 62321-5:2013') while the results table cites
    the other parts: every part of the same series printed in the report, in order."""
    if not isinstance(labelled.value, list) or len(labelled.value) != 1:
        return {}
    series = " ".join(labelled.value[0].split("-")[0].split()[:2])  # 'IEC 62321'
    parts = [s for s in compliance.standards(ctx.text) if s.startswith(series)]
    if len(parts) <= 1:
        return {}
    return {"standards": labelled.model_copy(update={"value": parts, "text": "; ".join(parts)})}


def _report_number_in_heading(ctx: DocContext) -> dict[str, ExtractedField]:
    """'Test Report   No. SHAEC2210695901' printed as a heading with the number beside it."""
    for page, row in ctx.rows():
        m = _HEADING_NUMBER.search(row.text)
        if m:
            words = [w for w in row.words if m.group("code") in w.text] or list(row.words)
            return {"report_number": make_field(m.group("code"), page, words, "pattern")}
    return {}


def _report_type(ctx: DocContext) -> dict[str, ExtractedField]:
    kind = compliance.report_type(ctx.text)
    if not kind:
        return {}
    first_page = ctx.layouts[0]
    words = first_page.rows[0].words if first_page.rows else ()
    return {"report_type": make_field(kind, ctx.pages[0], words, "derived", text=kind)}


def _conclusion(ctx: DocContext) -> dict[str, ExtractedField]:
    for page, row in ctx.rows():
        if re.search(r"\b(conclusion|verdict|overall result|test result)\b|结论", row.text, re.I):
            verdict = compliance.conclusion(row.text)
            if verdict:
                return {"conclusion": make_field(verdict, page, row.words, "pattern", valid=True)}
    verdict = compliance.conclusion(ctx.text)
    if verdict:
        return {"conclusion": make_field(verdict, ctx.pages[0], (), "guess", valid=True)}
    return {}


def _substances(ctx: DocContext) -> dict[str, ExtractedField]:
    rows = list(ctx.rows())
    found = compliance.substances([row.text for _, row in rows])
    how: Found = "table"
    if not found:
        found, how = compliance.substances_stated_compliant(ctx.text), "pattern"
    if not found:
        return {}
    first = next(((p, r) for p, r in rows if any(k.lower() in r.text.lower() for k in found)), rows[0])
    return {"substances": make_field(found, first[0], first[1].words, how, text=f"{len(found)} substances")}


def issuer_from_letterhead(ctx: DocContext, fields: dict[str, ExtractedField]) -> dict[str, ExtractedField]:
    """The lab: the organisation named after 'on behalf of', else the first organisation in the page
    head that is not the applicant or manufacturer."""
    parties = {
        str(f.value.get("name", "")).lower()
        for k in ("applicant", "manufacturer", "holder")
        if (f := fields.get(k)) is not None and isinstance(f.value, dict)
    }
    rows = list(ctx.rows())
    for i, (page, row) in enumerate(rows):
        if re.search(r"on behalf of\s*$", row.text, re.I) and i + 1 < len(rows):
            nxt_page, nxt = rows[i + 1]
            if _ORG.search(nxt.text):
                return {"issuer": make_field(nxt.text.strip(), nxt_page, nxt.words, "pattern")}
        m = re.search(r"on behalf of\s+(.+)$", row.text, re.I)
        if m and _ORG.search(m.group(1)):
            return {"issuer": make_field(m.group(1).strip(" :,"), page, row.words, "pattern")}
    head = ctx.layouts[0]
    for row in head.rows[:8]:
        for phrase in row.phrases:
            if _ORG.search(phrase.text) and phrase.text.lower() not in parties and len(phrase.words) <= 10:
                return {"issuer": make_field(phrase.text.strip(), ctx.pages[0], phrase.words, "guess")}
    return {}
