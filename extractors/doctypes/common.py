"""What every document type shares: printed text → value by the field's kind, and evidence.

`parse_kind` turns the lines a label points at into the contract's normalised value; it never raises
and returns None when the text holds no such value. `make_field` wraps a value with its page, box,
printed text and confidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from extractors import compliance
from extractors.confidence import Found, field_confidence
from extractors.datamodel import BBox, ExtractedField, Page, Word
from extractors.doctypes import Kind
from extractors.doctypes.context import DocContext
from extractors.layout import (
    LabelIndex,
    PageLayout,
    Phrase,
    compile_terms,
    find_labels,
    label_values,
    union_bbox,
)
from extractors.normalize import (
    decimal_str,
    normalise_code,
    ocr_letters,
    parse_amount,
    parse_count,
    parse_currency,
    parse_date,
    parse_decimal,
    parse_volume_cbm,
    parse_weight_kg,
)

_CONTACT = re.compile(
    r"^(tel|phone|fax|e-?mail|email|http|www|vat|cid|contact|attn|mob|mobile|website|web|ust|tax id|"
    r"电话|传真)\b",
    re.I,
)
_CODE_TOKEN = re.compile(r"[A-Z0-9][A-Z0-9/\-._]*\d[A-Z0-9/\-._]*|\d[A-Z0-9/\-._]*", re.I)
#: An all-capitals issuer prefix of a number; not a month, 'No' or a word like 'REF'.
_CODE_PREFIX = re.compile(
    r"^(?!(?:NO|NR|REF|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|SEPT|OCT|NOV|DEC)$)[A-Z]{2,6}$"
)
#: Words of a job title: what tells a signatory's function from a name.
FUNCTION_WORDS = re.compile(
    r"\b(manager|director|ceo|cto|coo|cfo|president|engineer|head|officer|chairman|representative|supervisor|"
    r"managing|general manager|owner|founder|partner|lead|chief|quality|technical|legal)\b",
    re.I,
)
#: Lower-case particles of family names ('P.M.A. van Tooren', 'Ursula von der Leyen').
_NAME_PARTICLES = frozenset(
    {
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "du",
        "la",
        "le",
        "ten",
        "ter",
        "bin",
        "al",
    }
    | {"zu"}
)
_DATE_SEP = re.compile(r"\s*(?:to|till|until|bis|~|–|—|-|/|至)\s*", re.I)
_MODEL_SPLIT = re.compile(r"\s*(?:[,;，；]|\band\b|&)\s*")
#: A sentence resuming after a party block: starts lower-case, several words, no figures.
_SENTENCE = re.compile(r"^[a-z][a-z]{2,}\b[^\d]*$")
#: A line that only counts packages ('400 CARTONS'): packing, not the goods.
_PACKAGE_COUNT = re.compile(
    r"^[\d,.\s]+(cartons?|ctns?|pallets?|plts?|packages?|pkgs?|cases?|boxes|bags|rolls|drums)\.?$", re.I
)
_WEIGHT_UNIT = re.compile(r"\d\s*(kgs?|kilos?|lbs?|mt|tons?)\b", re.I)
_VOLUME_UNIT = re.compile(r"\d\s*(cbm|m3|m³|cu\.?\s*m)\b", re.I)
#: A line that is another label ('Address ..........:'), printed inside a party block.
_LABEL_LINE = re.compile(r"(?:\.{3,}|…)\s*[:：]?\s*$|[:：]\s*$")
#: A family of models and the values its placeholder stands for: 'SDRlab X; where X is 122-16',
#: 'MX-2xx (where xx = 10, 20)'.
_MODEL_FAMILY = re.compile(
    r"^(?P<model>.+?)[\s;,(]+where\s+(?P<slot>\S{1,4})\s+(?:can\s+be|may\s+be|is|are|=|stands\s+for)\s*:?\s*"
    r"(?P<values>[^()]+?)\)?$",
    re.I,
)
_BULLET = re.compile(r"^\s*[-–•·*▪]\s+")
#: Lines under a model list that are something else: a directive, a standard, a sentence.
_NOT_A_MODEL = re.compile(r"\d{4}/\d{1,4}/|\b(?:EN|IEC|ISO|ETSI)\s?\d|\b[a-z]{4,}\b")
#: An address line that prints its own label: 'Client Address : Economic Development Zone'.
_ADDRESS_LABEL = re.compile(r"^(?:[A-Za-z']+\s+){0,2}address\s*[:：]\s*", re.I)
_LEADER = re.compile(r"\.{4,}|…{2,}|(?:\.\s){4,}")
#: A sentence: six words or more, ending with a full stop, several of them lower-case.
_LONG_SENTENCE = re.compile(r"(?=(?:.*\b[a-z]{2,}\b){3})(?:\S+\s+){5,}\S*\.")
_BOILERPLATE = re.compile(
    r"^(invoice|inv\.?\s*(no|#)|p\.?\s?o\.?\s*(no|#|number)|order\s+no|contract|l/c|lc\s+no|hs\s*code|h\.s\.|"
    r"freight|shipper'?s\s+load|said\s+to\s+contain|s\.?t\.?c\.?|total|marks|container|seal|"
    r"\d+\s*x\s*\d+\s*'|made\s+in)\b",
    re.I,
)
#: Words that end a company's name.
_ORG_SUFFIX = re.compile(
    r"\b(co\.?,?\s*ltd\.?|company|limited|gmbh|inc\.?|corp\.?|s\.a\.|s\.p\.a\.|a/s|b\.v\.|n\.v\.|ltd\.?|"
    r"lines?|sarl|s\.r\.l\.|sp\.\s*z\s*o\.o\.|a\.s\.|ag|plc|llc|laborator(y|ies)|testing)(?!\w)|\bco\.(?=\s*,|\s*$)",
    re.I,
)
#: The end of a company's name followed by more text on the same line.
_ORG_END = re.compile(
    r"\b(co\.?,?\s*ltd\.?|gmbh|inc\.|corp\.|s\.a\.|s\.p\.a\.|a/s|b\.v\.|n\.v\.|ltd\.|limited|s\.r\.l\.|"
    r"sp\.\s*z\s*o\.o\.|a\.s\.|plc|llc|sarl|sas)(?=\s*,\s*\S)",
    re.I,
)
#: The share of the first page's height where letterheads and issuers' names are printed.
HEAD_ZONE = 0.3
_FREIGHT = re.compile(r"\b(PREPAID|COLLECT)\b", re.I)


@dataclass(frozen=True, slots=True)
class Parsed:
    value: Any
    #: True: validated beyond parsing; False: parsed only loosely; None: nothing to check.
    valid: bool | None = None
    #: Side values the same text gives (an incoterm's place, an amount's currency).
    extra: dict[str, Any] = field(default_factory=dict)


def _first_code(text: str) -> str | None:
    """The first token with a digit, with an issuer prefix printed before it ('CCPIT 263301B0412')."""
    m = _CODE_TOKEN.search(text)
    if m:
        code = m.group(0).strip("._-/")
        before = text[: m.start()].split()
        if len(before) == 1 and _CODE_PREFIX.match(before[0]):
            return f"{before[0]} {code}"
        return code
    tokens = [t.strip("\"'“”‘’.,:;()") for t in text.split()]
    return next((t for t in tokens if t), None)


def parse_code(lines: Sequence[str]) -> Parsed | None:
    """A document number: with a digit, at least three characters ('9' is a house number)."""
    code = _first_code(" ".join(lines))
    return Parsed(code) if code and len(code) >= 3 and any(ch.isdigit() for ch in code) else None


def parse_criterion(lines: Sequence[str]) -> Parsed | None:
    """A short code printed in quotes or not: an origin criterion ('"P"', 'WO', 'PE')."""
    token = next((t.strip("\"'“”‘’.,:;()") for t in " ".join(lines).split()), "")
    return Parsed(token.upper()) if 1 <= len(token) <= 4 and token.isalnum() else None


def parse_codes(lines: Sequence[str]) -> Parsed | None:
    codes = list(dict.fromkeys(m.group(0).strip("._-/") for m in _CODE_TOKEN.finditer(" ".join(lines))))
    codes = [c for c in codes if len(c) >= 5]
    return Parsed(codes) if codes else None


def parse_date_value(lines: Sequence[str]) -> Parsed | None:
    d = parse_date(" ".join(lines))
    return Parsed(d.isoformat(), True) if d else None


def parse_date_range_end(lines: Sequence[str]) -> Parsed | None:
    """The last date of a period ('2022-06-30/2022-09-20', '30 Jun to 20 Sep 2022', or two dates
    with the dash lost: '25 Jul 2022 30 Jul 2022'); a single date as is."""
    text = " ".join(lines)
    for m in reversed(list(_DATE_SEP.finditer(text))):
        left, right = text[: m.start()], text[m.end() :]
        end = parse_date(right)
        if end is not None and parse_date(left) is not None and re.search(r"\d{4}|\d{2}$", right):
            return Parsed(end.isoformat(), True)
    tokens = text.split()
    for i in range(1, len(tokens)):
        left, right = " ".join(tokens[:i]), " ".join(tokens[i:])
        if len(re.findall(r"\d{4}", left)) == 1 and re.search(r"\d{4}", right):
            start, end = parse_date(left), parse_date(right)
            if start is not None and end is not None and end >= start:
                return Parsed(end.isoformat(), True)
    return parse_date_value(lines)


def parse_party(lines: Sequence[str]) -> Parsed | None:
    """First line the name, the following lines the address, up to contact details."""
    kept: list[str] = []
    for line in map(ocr_letters, lines):
        # Contact details, or a sentence resuming ('declare under our sole responsibility …').
        stripped = line.strip()
        if _CONTACT.match(stripped) or (kept and (_SENTENCE.match(stripped) or _LABEL_LINE.search(stripped))):
            break
        kept.append(line.strip().rstrip(","))
    if not kept or sum(ch.isalpha() for ch in kept[0]) < 4:
        return None  # no name, or OCR noise where a name should be
    # Name and address on one line: the name ends with the company suffix ('Co., Ltd.', 'GmbH').
    suffix = _ORG_END.search(kept[0])
    if suffix and kept[0][suffix.end() :].strip(" ,"):
        kept = [kept[0][: suffix.end()].strip(), kept[0][suffix.end() :].strip(" ,"), *kept[1:]]
    address = ", ".join(_ADDRESS_LABEL.sub("", x) for x in kept[1:] if x) or None
    return Parsed({"name": kept[0], "address": address})


def parse_text(lines: Sequence[str]) -> Parsed | None:
    """Text with at least two letters that is not only a parenthetical note ('(name and address)')."""
    text = " ".join(x.strip() for x in lines).strip(" :;,")
    if sum(ch.isalpha() for ch in text) < 2 or re.fullmatch(r"\(.*\)", text) or _LEADER.search(text):
        return None  # too short, a note, or a table-of-contents line with dot leaders
    return Parsed(text)


def parse_org(lines: Sequence[str]) -> Parsed | None:
    """An organisation's name: at least two words of letters (OCR noise is one short token), without
    a sentence printed with it ('It is hereby certified that … is correct.')."""
    kept = [x for x in lines if not _LONG_SENTENCE.fullmatch(x.strip())]
    parsed = parse_text(kept)
    words = [w for w in parsed.value.split() if sum(ch.isalpha() for ch in w) >= 2] if parsed else []
    return parsed if len(words) >= 2 else None


def is_organisation(text: str) -> bool:
    """A company's name by its legal form ('GLOBAL SHIPPING CO., LTD.', 'Maersk A/S')."""
    return bool(_ORG_SUFFIX.search(text))


def parse_marks(lines: Sequence[str]) -> Parsed | None:
    """Shipping marks: their printed lines joined by ', ' (one mark per line)."""
    text = ", ".join(x.strip(" ,") for x in lines if x.strip(" ,"))
    return Parsed(text) if text else None


def parse_goods(lines: Sequence[str]) -> Parsed | None:
    """A goods description without the references and clauses printed around it on transport
    documents (invoice and order numbers, 'SHIPPER'S LOAD AND COUNT', 'FREIGHT PREPAID')."""
    kept = [
        x.strip()
        for x in lines
        if x.strip() and not _BOILERPLATE.match(x.strip()) and not _PACKAGE_COUNT.match(x.strip())
    ]
    return parse_text(kept)


def parse_person(lines: Sequence[str]) -> Parsed | None:
    """A person's name: a few capitalised words (family-name particles such as 'van' aside), no
    digits, not a company or a phrase like 'the manufacturer'. A job title printed after the name on
    its line ('P.M.A. van Tooren CTO') is not part of it."""
    text = " ".join(lines[:1]).split(",")[0].strip(" :,")  # 'Liang Wenjie, General Manager'
    words = name_words(text.split())
    text = " ".join(words)
    if not 1 <= len(words) <= 5 or re.search(r"\d", text) or _ORG_SUFFIX.search(text):
        return None
    if not all(w[:1].isupper() or not w[:1].isalpha() or w in _NAME_PARTICLES for w in words[1:]):
        return None
    if words[0][:1].isalpha() and not words[0][:1].isupper():
        return None
    return Parsed(text)


def name_words(words: Sequence[str]) -> list[str]:
    """The words of a name line without a job title after the name ('van Tooren CTO')."""
    out = list(words)
    while len(out) > 2 and FUNCTION_WORDS.fullmatch(out[-1].strip(" ,.()")):
        out.pop()
    return out


def parse_function(lines: Sequence[str]) -> Parsed | None:
    """A signatory's function; after the name when both share a line ('Liang Wenjie, General Manager')."""
    text = " ".join(lines[:1]).strip(" :,")
    head, _, tail = text.partition(",")
    if tail.strip() and parse_person([head]) is not None:
        text = tail.strip()
    return Parsed(text) if text and not re.search(r"\d", text) and len(text.split()) <= 5 else None


def parse_place(lines: Sequence[str]) -> Parsed | None:
    """'In Liberec, September 30, 2022' → 'Liberec': the words before any date."""
    parts = [p.strip() for p in " ".join(lines).split(",")]
    kept = []
    for part in parts:
        if re.search(r"\d", part) or parse_date(part):
            break
        kept.append(part)
    place = re.sub(r"^(in|at|issued at)\s+", "", ", ".join(kept), flags=re.I).strip(" :")
    return Parsed(place) if place else None


def parse_amount_value(lines: Sequence[str]) -> Parsed | None:
    """The last amount printed (a totals line may show a quantity before the money)."""
    text = " ".join(lines)
    candidates = [m for m in (parse_amount(p) for p in reversed(re.split(r"\s{2,}|\|", text))) if m]
    money = candidates[0] if candidates else parse_amount(text)
    if money is None:
        return None
    extra = {"currency": money.currency} if money.currency else {}
    return Parsed(decimal_str(money.amount, places=2), None, extra)


def parse_currency_value(lines: Sequence[str]) -> Parsed | None:
    cur = parse_currency(" ".join(lines))
    return Parsed(cur, True) if cur else None


def parse_incoterm(lines: Sequence[str]) -> Parsed | None:
    found = compliance.incoterm(" ".join(lines))
    if not found:
        return None
    term, place = found
    return Parsed(term, True, {"incoterm_place": place} if place else {})


def parse_weight(lines: Sequence[str]) -> Parsed | None:
    """A weight with its unit; a bare number only when no volume unit is printed (the label then
    names the unit: 'Gross Weight (kg)')."""
    text = " ".join(lines)
    kg = parse_weight_kg(text)
    if kg is not None:
        return Parsed(decimal_str(kg), True)
    plain = parse_decimal(text) if not _VOLUME_UNIT.search(text) else None
    return Parsed(decimal_str(plain), False) if plain is not None else None


def parse_volume(lines: Sequence[str]) -> Parsed | None:
    text = " ".join(lines)
    cbm = parse_volume_cbm(text)
    if cbm is not None:
        return Parsed(decimal_str(cbm), True)
    plain = parse_decimal(text) if not _WEIGHT_UNIT.search(text) else None
    return Parsed(decimal_str(plain), False) if plain is not None else None


def parse_count_value(lines: Sequence[str]) -> Parsed | None:
    n = parse_count(" ".join(lines))
    return Parsed(n) if n is not None else None


def parse_containers(lines: Sequence[str]) -> Parsed | None:
    found = compliance.container_numbers(" ".join(lines))
    return Parsed(found, True) if found else None


def parse_models(lines: Sequence[str]) -> Parsed | None:
    """Model numbers separated by commas, semicolons, 'and', or one per line; a following line is
    another model only if it looks like one (no 'Label: value', no directive or standard). A family
    printed with a placeholder ('STEMlab X; where X can be 125-10, 125-14') is its models spelt out."""
    bare = [_BULLET.sub("", line) for line in lines]
    kept = [*bare[:1], *_takewhile_models(bare[1:])]
    models = [m for line in kept for m in _line_models(line)]
    return Parsed(models) if models else None


def _line_models(line: str) -> list[str]:
    family = _model_family(line)
    if family is not None:
        return family
    return [m.strip(" .:") for m in _MODEL_SPLIT.split(line.strip(" :.")) if m.strip(" .:")]


def _model_family(line: str) -> list[str] | None:
    m = _MODEL_FAMILY.match(line.strip(" .,;"))
    if m is None:
        return None
    slot = re.compile(rf"(?<![A-Za-z]){re.escape(m['slot'])}(?![A-Za-z])")
    if not slot.search(m["model"]):
        return None
    values = [v.strip(" .:") for v in _MODEL_SPLIT.split(m["values"]) if v.strip(" .:")]
    return [slot.sub(v, m["model"], count=1) for v in values] or None


def _takewhile_models(lines: Sequence[str]) -> list[str]:
    out = []
    for line in lines:
        plain = ":" in line or _NOT_A_MODEL.search(line) or len(line.split()) > 6
        if plain and _model_family(line) is None:
            break
        out.append(line)
    return out


def parse_freight(lines: Sequence[str]) -> Parsed | None:
    m = _FREIGHT.search(" ".join(lines))
    return Parsed(m.group(1).upper(), True) if m else None


def parse_conclusion(lines: Sequence[str]) -> Parsed | None:
    c = compliance.conclusion(" ".join(lines))
    return Parsed(c, True) if c else None


def parse_standards(lines: Sequence[str]) -> Parsed | None:
    found = compliance.standards("\n".join(lines))
    return Parsed(found, True) if found else None


def parse_hs_codes(lines: Sequence[str]) -> Parsed | None:
    found = compliance.hs_codes(" ".join(lines))
    return Parsed([normalise_code(c) for c in found], True) if found else None


PARSERS: dict[Kind, Callable[[Sequence[str]], Parsed | None]] = {
    "code": parse_code,
    "codes": parse_codes,
    "criterion": parse_criterion,
    "date": parse_date_value,
    "date_range_end": parse_date_range_end,
    "party": parse_party,
    "text": parse_text,
    "org": parse_org,
    "marks": parse_marks,
    "goods": parse_goods,
    "person": parse_person,
    "function": parse_function,
    "place": parse_place,
    "amount": parse_amount_value,
    "currency": parse_currency_value,
    "incoterm": parse_incoterm,
    "weight": parse_weight,
    "volume": parse_volume,
    "count": parse_count_value,
    "containers": parse_containers,
    "seals": parse_codes,
    "hs_codes": parse_hs_codes,
    "models": parse_models,
    "freight": parse_freight,
    "conclusion": parse_conclusion,
    "standards": parse_standards,
}


def parse_kind(kind: Kind, lines: Sequence[str]) -> Parsed | None:
    return PARSERS[kind]([x for x in lines if x.strip()])


def fallback_fields(ctx: DocContext, fields: dict[str, ExtractedField]) -> dict[str, ExtractedField]:
    """Fields that none of their labels gave, from their fallback labels (a weaker name for the same
    value), read like any label: right of it, below it, in its box."""
    wanted = {name: fv.fallback_labels for name, fv in ctx.vocab.fields.items() if fv.fallback_labels}
    wanted = {name: labels for name, labels in wanted.items() if name not in fields}
    if not wanted:
        return {}
    hits = find_labels(ctx.layouts, compile_terms(wanted))
    index = LabelIndex(ctx.layouts, [*ctx.hits, *hits])
    out: dict[str, ExtractedField] = {}
    for hit in hits:
        if hit.field in out:
            continue
        fv = ctx.vocab.fields[hit.field]
        for value in label_values(index, hit, fv.max_lines):
            parsed = parse_kind(fv.kind, value.line_texts)
            if parsed is not None:
                page = ctx.page(hit.page)
                found = make_field(parsed.value, page, value.words, "label-fuzzy", valid=parsed.valid)
                out[hit.field] = found
                break
    return out


# --- evidence ---------------------------------------------------------------------------------


def organisation_in_head(ctx: DocContext, exclude: Sequence[str] = ()) -> tuple[Page, Phrase] | None:
    """The first organisation named in the head of the first page (a letterhead, a carrier's or a lab's
    name beside the title) that is not one of the `exclude` names."""
    skip = {normalise_party(x) for x in exclude}
    lay = ctx.layouts[0]
    for row in lay.rows:
        if row.top > HEAD_ZONE * lay.page.height:
            break
        for phrase in row.phrases:
            text = phrase.text.strip()
            key = normalise_party(text)
            if _ORG_SUFFIX.search(text) and not any(x and x in key for x in skip) and len(phrase.words) <= 12:
                return lay.page, phrase
    return None


def letterhead_party(ctx: DocContext, exclude: Sequence[str] = ()) -> tuple[Page, Parsed, list[Word]] | None:
    """The issuer printed as a letterhead: an organisation in the page head and the address lines
    under it (up to contact details or the title)."""
    head = organisation_in_head(ctx, exclude)
    if head is None:
        return None
    page, phrase = head
    lay = ctx.layouts[0]
    lines, words = [phrase.text], list(phrase.words)
    height = phrase.height or 1.0
    last_bottom = phrase.bbox[3]
    for row in lay.rows[phrase.row + 1 : phrase.row + 6]:
        # The letterhead's column only: a title or a date may share its rows further right.
        line = next((p for p in row.phrases if _under(p, phrase)), None)
        if line is None or row.top - last_bottom > 1.5 * height or _CONTACT.match(line.text.strip()):
            break
        lines.append(line.text)
        words.extend(line.words)
        last_bottom = row.bottom
    parsed = parse_party(lines)
    return (page, parsed, words) if parsed else None


def letterhead_address(ctx: DocContext, organisation: str) -> str | None:
    """The address printed under the company's name in the head of the first page ('Raspberry Pi
    Trading' / 'Maurice Wilkes Building' / … for 'Raspberry Pi (Trading) Limited'), up to its contact
    lines."""
    known = _name_tokens(organisation)
    lay = ctx.layouts[0]
    for row in lay.rows:
        if row.top > HEAD_ZONE * lay.page.height:
            return None
        for phrase in row.phrases:
            tokens = _name_tokens(phrase.text)
            if len(tokens) >= 2 and tokens <= known:
                lines = _block_under(lay, phrase)
                if lines:
                    return ", ".join(ln.text.strip(" ,") for ln in lines)
    return None


def _name_tokens(text: str) -> set[str]:
    """A company name's words without its legal form: 'Raspberry Pi (Trading) Limited' → raspberry, pi,
    trading."""
    return set(re.findall(r"[0-9a-z]+", _ORG_SUFFIX.sub(" ", text).casefold()))


def _block_under(lay: PageLayout, head: Phrase) -> list[Phrase]:
    """Lines left-aligned under `head`, line after line, up to contact details or a blank line."""
    out: list[Phrase] = []
    last, height = head.bbox[3], head.height or 1.0
    for row in lay.rows[head.row + 1 :]:
        if row.top - last > 1.5 * height:
            break
        line = next((p for p in row.phrases if abs(p.bbox[0] - head.bbox[0]) <= 3), None)
        if line is None:
            continue
        if _CONTACT.match(line.text.strip()):
            break
        out.append(line)
        last = row.bottom
    return out


def _under(line: Phrase, head: Phrase) -> bool:
    """Left-aligned with the letterhead's name, or centred under it."""
    centre = (line.bbox[0] + line.bbox[2]) / 2
    head_centre = (head.bbox[0] + head.bbox[2]) / 2
    return abs(line.words[0].x0 - head.words[0].x0) <= 3 or abs(centre - head_centre) <= 0.1 * (
        head.bbox[2] - head.bbox[0]
    )


def normalise_party(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.casefold())


def ocr_conf(page: Page, words: Sequence[Word]) -> float | None:
    """Lowest word confidence of an OCR'd value; None for a text layer."""
    if page.method != "ocr" or not words:
        return None
    return min(w.conf for w in words)


def make_field(
    value: Any,
    page: Page,
    words: Sequence[Word],
    found: Found,
    *,
    valid: bool | None = None,
    text: str | None = None,
    bbox: BBox | None = None,
) -> ExtractedField:
    return ExtractedField(
        value=value,
        page=page.number,
        bbox=bbox if bbox is not None else (union_bbox(words) if words else None),
        confidence=field_confidence(found, ocr_conf=ocr_conf(page, words), valid=valid),
        method=page.method,
        text=text if text is not None else " ".join(w.text for w in words),
    )
