"""EU Declaration of Conformity: the Union acts, standards and notified body cited in its text, and the
closing 'place, date / name, function' block when it is printed without labels."""

from __future__ import annotations

import re

from extractors import compliance
from extractors.datamodel import BBox, ExtractedField, Page, Word
from extractors.doctypes.common import (
    FUNCTION_WORDS,
    is_organisation,
    letterhead_address,
    make_field,
    parse_person,
)
from extractors.doctypes.context import DocContext
from extractors.layout import PageLayout, Phrase, Row
from extractors.normalize import parse_date

#: "In Liberec, September 30, 2022", "Ningbo, 2026-09-20", "Place: Cixi Date: 20.09.2026".
_PLACE_DATE = re.compile(
    r"^(?:(?:issued\s+)?(?:in|at)\s+)?(?P<place>[A-Z][\w .'-]{1,40}?)\s*,\s*(?P<date>.*\d{4}.*)$", re.I
)


def refine(ctx: DocContext, fields: dict[str, ExtractedField]) -> dict[str, ExtractedField]:
    out = list_fields(ctx, ("directives", "standards"))
    nb = compliance.notified_body_numbers(ctx.text)
    if nb and "notified_body_number" not in fields:
        located = ctx.find_words(nb[0])
        if located:
            out["notified_body_number"] = make_field(nb[0], located[0], located[1], "pattern", valid=True)
    elif "notified_body_number" in fields and not re.fullmatch(
        r"\d{4}", str(fields["notified_body_number"].value)
    ):
        out["notified_body_number"] = fields["notified_body_number"].model_copy(update={"value": None})
    if "issue_date" not in fields or "place_of_issue" not in fields:
        out.update({k: v for k, v in _place_date(ctx).items() if k not in fields})
    if "signatory_name" not in fields:
        out.update(signature_block(ctx))
    name = out.get("signatory_name") or fields.get("signatory_name")
    if "signatory_function" not in fields and "signatory_function" not in out and name is not None:
        out.update(function_beside_name(ctx, name) or function_under_name(ctx, name))
    if "manufacturer" not in fields and name is not None:
        out.update(_declarant(ctx, name))
    out.update(_function_alone(fields | out))
    product = fields.get("product_name")
    if product is None:
        out.update(_declared_product(ctx, fields))
    elif isinstance(product.value, str) and (short := _MODEL_TAIL.sub("", product.value).strip(" ,;")):
        out["product_name"] = product.model_copy(update={"value": short})
    return out


def _declarant(ctx: DocContext, name: ExtractedField) -> dict[str, ExtractedField]:
    """A declaration printed on the company's letterhead without a 'Manufacturer' label: the company
    signing (named in the signature block under the signatory) at the address of its letterhead."""
    if name.bbox is None or name.page is None:
        return {}
    layout = ctx.layout(name.page)
    height = name.bbox[3] - name.bbox[1]
    below = [r for r in layout.rows if r.top > name.bbox[3] and r.top - name.bbox[3] <= 4 * 1.5 * height]
    company = next(
        (p for r in below for p in r.phrases if stacked(name.bbox, p.bbox) and is_organisation(p.text)), None
    )
    if company is None:
        return {}
    org = company.text.strip(" .,")
    address = letterhead_address(ctx, org)
    value = {"name": org, "address": address}
    text = f"{company.text} / {address}" if address else company.text
    return {"manufacturer": make_field(value, ctx.page(name.page), company.words, "guess", text=text)}


def _function_alone(fields: dict[str, ExtractedField]) -> dict[str, ExtractedField]:
    function, maker = fields.get("signatory_function"), fields.get("manufacturer")
    if function is None or not isinstance(function.value, str):
        return {}
    company = maker.value.get("name") if maker is not None and isinstance(maker.value, dict) else None
    bare = without_company(function.value, company)
    if bare == function.value:
        return {}
    return {"signatory_function": function.model_copy(update={"value": bare})}


def _declared_product(ctx: DocContext, fields: dict[str, ExtractedField]) -> dict[str, ExtractedField]:
    """'… declare under our sole responsibility that the product' followed by the product's name: the
    lines under the sentence in its column (a side column of the form is not the product), one per
    product; a model code after a name is the product's model."""
    rows = list(ctx.rows())
    for i, (page, row) in enumerate(rows):
        m = _THAT_PRODUCT.search(row.text)
        if not m:
            continue
        rest = m.group("rest").strip(" :,")
        if rest:
            return {"product_name": make_field(rest, page, row.words, "pattern")}
        sentence = next(p for p in row.phrases if _THAT_PRODUCT.search(p.text))
        lines = _lines_under(ctx.layouts[[lay.page for lay in ctx.layouts].index(page)], row, sentence)
        if lines:
            return _products(page, lines, want_models="models" not in fields)
        if i + 1 < len(rows):
            nxt_page, nxt = rows[i + 1]
            return {"product_name": make_field(nxt.text.strip(), nxt_page, nxt.words, "pattern")}
    return {}


def _lines_under(layout: PageLayout, row: Row, sentence: Phrase) -> list[tuple[Word, ...]]:
    """The block of lines printed under `sentence` in its column, aligned with each other."""
    height = sentence.height or 1.0
    left = _sentence_start(row, sentence, height)
    out: list[tuple[Word, ...]] = []
    last = sentence.bbox[3]
    for below in layout.rows[row.index + 1 :]:
        if below.top - last > (2.5 if out else 4.0) * height:
            break
        line = tuple(w for p in below.phrases if p.bbox[0] >= left - 3 for w in p.words)
        if not line:
            continue  # only a side column on this row
        if (out and abs(line[0].x0 - out[0][0].x0) > 3) or line[0].text.startswith("("):
            break
        out.append(line)
        last = below.bottom
    return out


def _sentence_start(row: Row, sentence: Phrase, height: float) -> float:
    """Where the sentence's line begins: phrases before it on the row, close enough to be its start
    (OCR may split a line at a dash or a stain)."""
    left = sentence.bbox[0]
    for phrase in reversed(row.phrases[: sentence.index]):
        if left - phrase.bbox[2] > 4 * height:
            break
        left = phrase.bbox[0]
    return left


def _products(page: Page, lines: list[tuple[Word, ...]], want_models: bool) -> dict[str, ExtractedField]:
    names, models = [], []
    for line in lines:
        text = " ".join(w.text for w in line).strip()
        m = _NAME_AND_MODEL.match(text)
        names.append(m["name"] if m else text)
        if m:
            models.append(m["model"])
    words = [w for line in lines for w in line]
    out = {"product_name": make_field(", ".join(names), page, words, "pattern")}
    if want_models and models:
        out["models"] = make_field(models, page, words, "pattern")
    return out


def signature_block(ctx: DocContext) -> dict[str, ExtractedField]:
    """An unlabelled signature block: a job title ('Quality Director', 'COO') printed under a person's
    name, in the last rows of the document."""
    rows = list(ctx.rows())[-14:]
    for (page, above), (_, row) in zip(reversed(rows[:-1]), reversed(rows[1:]), strict=True):
        for phrase in row.phrases:
            if not FUNCTION_WORDS.search(phrase.text) or len(phrase.words) > 5:
                continue
            name = next((p for p in above.phrases if stacked(p.bbox, phrase.bbox)), None)
            person = parse_person([name.text]) if name is not None else None
            if name is not None and person is not None and not FUNCTION_WORDS.search(name.text):
                return {"signatory_name": make_field(person.value, page, name.words, "guess")}
    return {}


def function_beside_name(ctx: DocContext, name: ExtractedField) -> dict[str, ExtractedField]:
    """The title printed after the name on its line ('P.M.A. van Tooren   CTO')."""
    if name.bbox is None or name.page is None:
        return {}
    layout = ctx.layout(name.page)
    _, top, x1, bottom = name.bbox
    height = bottom - top
    for row in layout.rows:
        if row.bottom < top or row.top > bottom:
            continue
        right = [p for p in row.phrases if p.bbox[0] >= x1 - 1 and p.bbox[0] - x1 <= 6 * height]
        text = right[0].text.strip(" ,") if right else ""
        if right and _is_function(text):
            value = text.upper() if text.casefold() in _ACRONYMS else text
            return {"signatory_function": make_field(value, ctx.page(name.page), right[0].words, "pattern")}
    return {}


def _is_function(text: str) -> bool:
    return bool(FUNCTION_WORDS.search(text)) and len(text.split()) <= 5 and not re.search(r"\d", text)


def function_under_name(ctx: DocContext, name: ExtractedField) -> dict[str, ExtractedField]:
    """A signature block prints the function on the line under the name ('Chen Weiming' /
    'General Manager')."""
    if name.bbox is None or name.page is None:
        return {}
    layout = ctx.layout(name.page)
    _, top, _, bottom = name.bbox
    height = bottom - top
    for row in layout.rows:
        if row.top <= bottom or row.top - bottom > 1.5 * height:
            continue
        for phrase in row.phrases:
            text = phrase.text.strip()
            if stacked(name.bbox, phrase.bbox) and not re.search(r"\d", text) and len(phrase.words) <= 5:
                return {"signatory_function": make_field(text, ctx.page(name.page), phrase.words, "pattern")}
        return {}
    return {}


def stacked(upper: BBox, lower: BBox) -> bool:
    """`lower` is printed under `upper` as the next line of one block: left-aligned, centred under it,
    or starting a little indented under its first half (a title written in by hand or in italics)."""
    if abs(upper[0] - lower[0]) <= 3:
        return True
    width = max(upper[2] - upper[0], lower[2] - lower[0])
    if abs((upper[0] + upper[2]) - (lower[0] + lower[2])) / 2 <= 0.1 * width:
        return True
    return upper[0] <= lower[0] <= (upper[0] + upper[2]) / 2


def without_company(function: str, company: str | None) -> str:
    """'HARDWARIO CEO' under the signatory's name is the company's CEO: the company's name printed
    before the title is not part of the function."""
    if not company:
        return function
    first = company.split()[0].strip(" ,.").casefold()
    head, _, rest = function.partition(" ")
    # A company named after a job word ('Quality Electronics') leaves 'Quality Director' whole.
    known = len(first) >= 3 and head.strip(" ,.-").casefold() == first and not FUNCTION_WORDS.search(head)
    if known and FUNCTION_WORDS.search(rest):
        return rest.strip(" ,-")
    return function


_THAT_PRODUCT = re.compile(r"\b(?:that the|following) (?:products?|equipment|apparatus)\b(?P<rest>.*)$", re.I)
#: Titles printed as acronyms, which OCR may read in mixed case ('cTO').
_ACRONYMS = frozenset({"ceo", "cto", "coo", "cfo"})
#: 'Crownstone Builtin ACR01B1E': a product's name and, after it, a model code (capitals with digits).
_NAME_AND_MODEL = re.compile(
    r"^(?P<name>.*[A-Za-z]{2}.*?)[\s_,:–-]+(?P<model>(?=[A-Z0-9-]*\d)[A-Z][A-Z0-9-]{4,})$"
)
#: A product name printed with its models after it ('Hand blender, model(s): MY-HB602').
_MODEL_TAIL = re.compile(r",?\s*\b(model|models|model\(s\)|type|types|art\.?\s*no\.?)\s*[:.].*$", re.I)


def list_fields(ctx: DocContext, names: tuple[str, ...]) -> dict[str, ExtractedField]:
    """Directives and standards from the whole text (they are cited in sentences, not under labels)."""
    finders = {"directives": compliance.directives, "standards": compliance.standards}
    out = {}
    for name in names:
        found = finders[name](ctx.text)
        if not found:
            continue
        located = ctx.find_words(found[0].split()[-1]) or _find_core(ctx, found[0])
        if located is None:
            continue
        page, words = located
        out[name] = make_field(found, page, words, "pattern", text="; ".join(found))
    return out


def _find_core(ctx: DocContext, value: str) -> tuple[Page, tuple[Word, ...]] | None:
    """Where a normalised act or standard is printed otherwise ('ROHS 2011/65' for 2011/65/EU): by
    its number."""
    core = re.search(r"\d[\d/.-]*\d", value)
    return ctx.find_words(core.group()) if core else None


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
