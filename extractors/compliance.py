"""List fields of compliance and trade paperwork, read from page text.

Each function takes text as a backend returned it (pdfplumber, OCR): lines may be glued
("RoHSDirective2011/65/EUand"), split or padded with dot leaders, so patterns anchor on the
shape of the value rather than on word boundaries. Results come in document order without
duplicates, normalised as CONTRACT.md prints them; vocabulary lives in data/compliance.toml.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Literal

from extractors.identifiers import CONTAINER_RE
from extractors.normalize import COMMON_CURRENCIES, decimal_str, normalise_code, parse_decimal


@cache
def _vocab() -> dict:
    return tomllib.loads((resources.files("extractors") / "data" / "compliance.toml").read_text("utf-8"))


#: (start, end, normalised value) of a value found in a text
Span = tuple[int, int, str]


def _unique(items: Iterator[str]) -> list[str]:
    return list(dict.fromkeys(items))


# ---------------------------------------------------------------------------------------------
# Union acts: directives and regulations

# "(EU) 2015/863", "EU 2015/863", "2014/30/EU", "2014/30 /EU", "89/336/EEC", "2011/65"; national
# spellings of the suffix (UE, CE, EG, EWG) are the same act.
ACT_RE = re.compile(
    r"(?P<pre>\(\s*(?:EU|EC|EEC|UE|CE)\s*\)\s*(?:No\.?\s*)?|(?<![A-Za-z])(?:EU|EC)\s+)?"
    r"(?<![\d/.,])(?P<year>(?:19|20)\d{2}|\d{2})\s*/\s*(?P<num>\d{1,4})(?![\d])"
    r"(?:\s*/\s*(?P<suffix>EEC|EWG|EU|EC|UE|CE|EG))?"
    r"(?!\s*/\s*\d)"
)
_SUFFIXES = {"UE": "EU", "CE": "EC", "EG": "EC", "EWG": "EEC"}
# The nearest of these words before an act number says what kind of act it is.
_ACT_KIND_RE = re.compile(
    r"(?i)(directive|richtlinie|richtlijn|direttiva|directiva|regulation|verordnung|règlement|reglement"
    r"|verordening|regolamento|reglamento|decision|beschluss|décision|besluit|decisione|(?-i:REACH))"
)
_REGULATION_WORDS = ("regulation", "verordnung", "règlement", "reglement", "verordening", "regolamento")
_REGULATION_WORDS += ("reglamento", "decision", "beschluss", "décision", "besluit", "decisione", "reach")
# Old-style regulation numbers put the serial first: "(EC) No 1907/2006", "(EU) No 10/2011".
_OLD_REGULATION_RE = re.compile(
    r"\(\s*(?P<pre>EU|EC|EEC)\s*\)\s*(?P<no>No\.?|Nr\.?|n°)?\s*(?P<num>\d{1,4})\s*/\s*(?P<year>(?:19|20)\d{2})(?!\d)"
)


@dataclass(frozen=True)
class ActMatch:
    start: int
    end: int
    kind: Literal["directive", "regulation"]
    name: str  # normalised


def _kind_before(text: str, start: int) -> str | None:
    window = text[max(0, start - 60) : start]
    words = _ACT_KIND_RE.findall(window)
    if not words:
        return None
    return "regulation" if words[-1].lower() in _REGULATION_WORDS else "directive"


def _directive_name(match: re.Match[str]) -> str | None:
    """The act's normalised name if this number is a directive, else None."""
    year, num = match["year"], match["num"]
    suffix = _SUFFIXES.get(match["suffix"] or "", match["suffix"])
    key = f"{year}/{num}"
    known = _vocab()["directives"].get(key)
    recent = len(year) == 4 and int(year) >= 2015  # numbered "(EU) YYYY/N" since 2015
    if known and (suffix is None or recent):
        return known
    if suffix:
        return f"{key}/{suffix}"
    return f"(EU) {key}" if match["pre"] and recent else None


def act_matches(text: str) -> list[ActMatch]:
    """Directive and regulation numbers in `text`, in order, told apart by their form, by the word
    before them ("Regulation (EU) 2019/1020") and by the known acts."""
    found: list[ActMatch] = []
    taken: list[tuple[int, int]] = []
    for m in _OLD_REGULATION_RE.finditer(text):
        if not m["no"] and len(m["num"]) == 4 and int(m["num"]) >= 2015:
            continue  # "(EU) 2015/1900" is year first: the new numbering
        key = f"{m['num']}/{m['year']}"
        name = _vocab()["regulations"].get(key, f"({m['pre']}) No {key}")
        found.append(ActMatch(m.start(), m.end(), "regulation", name))
        taken.append((m.start(), m.end()))
    for m in ACT_RE.finditer(text):
        if any(s <= m.start("year") < e for s, e in taken):
            continue
        key = f"{m['year']}/{m['num']}"
        kind = _kind_before(text, m.start())
        regulation = _vocab()["regulations"].get(key)
        name = _directive_name(m)
        if m["suffix"] and name:  # "YYYY/N/EU" is a directive's form, whatever words stand near
            found.append(ActMatch(m.start(), m.end(), "directive", name))
        elif kind == "regulation" or (regulation and kind is None):
            if regulation or m["pre"]:
                found.append(ActMatch(m.start(), m.end(), "regulation", regulation or f"(EU) {key}"))
        elif name and (kind == "directive" or key in _vocab()["directives"]):
            found.append(ActMatch(m.start(), m.end(), "directive", name))
    return sorted(found, key=lambda a: a.start)


def directives(text: str) -> list[str]:
    """Union directives cited in `text`, normalised ("2014/30/EU", "(EU) 2015/863"); a suffix as
    printed stays, so a real typo such as "2014/35/EC" remains visible to the rules."""
    return _unique(a.name for a in act_matches(text) if a.kind == "directive")


def regulations(text: str) -> list[str]:
    """Union regulations cited in `text` ("(EC) No 1907/2006", "(EU) 2019/1020")."""
    return _unique(a.name for a in act_matches(text) if a.kind == "regulation")


# ---------------------------------------------------------------------------------------------
# standards

_NATIONAL = r"BS|DIN|NF|EVS|SS|CSN|ČSN|UNE|PN|SN|ÖVE|OVE|ÖNORM|NEN|SR|STN|UNI|CEI|DS|SFS|NS|LST|MSZ|ELOT|ETSI"
_PREFIX = (
    rf"(?:(?:{_NATIONAL})[ \t]?-?[ \t]?)?EN(?:[ \t]?(?:IEC|ISO)(?:/IEC)?)?"
    r"|ETSI[ \t]?(?:TS|TR|ES)|IEC(?:[ \t]?CISPR)?|ISO(?:/IEC)?|CISPR|NEN|GB(?:/T)?|UL|IEEE|AS/NZS"
)
_YEAR = r"(?:19|20)\d{2}(?:-\d{2})?"
_EDITION_WORDS = r"(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"
STANDARD_RE = re.compile(
    rf"(?<![A-Z/])(?P<prefix>{_PREFIX})[ \t]{{0,2}}(?:-[ \t]?)?"
    r"(?P<number>\d{3}[ \t]\d{3}(?!\d)|\d{2,6})(?P<parts>(?:[ \t]?-\d{1,3}(?!\d))*)"
    r"(?:[ \t]*\(?(?i:ed\.?|edition)[ \t]*\d+(?:\.\d+)?\)?)?"
    r"(?:[ \t]*(?P<version>V\d+\.\d+\.\d+))?"
    rf"(?:[ \t]*[:：][ \t]*(?P<y1>{_YEAR})|-(?P<y2>{_YEAR})|[ \t]*\((?P<y3>{_YEAR})\))?"
    r"(?:[ \t]*\(?(?i:ed\.?)[ \t]*\d+(?:\.\d+)?\)|"
    rf"[ \t]*\(?[ \t]*{_EDITION_WORDS}[ \t]+(?i:edition)[ \t]*\)?)?"
    r"(?P<amend>(?:[ \t]*[+/,][ \t]*(?:A\d{1,2}|AC|IS\d{1,2})(?![A-Za-z])"
    rf"(?:[ \t]*[:\-][ \t]*{_YEAR})?)*)"
)
_AMEND_RE = re.compile(rf"(?P<id>A\d{{1,2}}|AC|IS\d{{1,2}})(?:[ \t]*[:\-][ \t]*(?P<year>{_YEAR}))?")
_NOTE_RE = re.compile(r"(?i)\bnote\b|\bdraft\b")


def _line_prefix(text: str, start: int) -> str:
    return text[text.rfind("\n", 0, start) + 1 : start]


def _standard_year(m: re.Match[str]) -> str | None:
    year = m["y1"] or m["y2"] or m["y3"]
    return year[:4] if year else None


def _standard_base(m: re.Match[str]) -> str:
    """ "EN 55032", "EN 301 489-1 V2.2.3", "CISPR 24": national, ETSI and IEC/ISO co-labels folded
    so that the same document compares equal however its publisher is printed."""
    prefix = re.sub(r"\s+", " ", m["prefix"]).strip()
    prefix = re.sub(rf"^(?:{_NATIONAL})\s?-?\s?(?=EN)", "", prefix)
    prefix = re.sub(r"^EN\s?(?:IEC|ISO)(?:/IEC)?$", "EN", prefix)
    prefix = re.sub(r"^IEC\s?CISPR$", "CISPR", prefix)
    number = re.sub(r"\s", "", m["number"])
    if prefix == "EN" and len(number) == 6 and number[0] == "3":
        number = f"{number[:3]} {number[3:]}"  # ETSI numbering "301 489"
    parts = re.sub(r"\s", "", m["parts"])
    base = f"{prefix} {number}{parts}"
    return f"{base} {m['version']}" if m["version"] else base


def standard_key(s: str) -> tuple[str, str | None, tuple[str, ...]]:
    """(base id, edition year, amendments) of a printed standard, for comparisons:
    "EN 62368-1:2014 + A11:2017" → ("EN 62368-1", "2014", ("A11:2017",))."""
    m = STANDARD_RE.search(s)
    if m is None:
        return (re.sub(r"\s+", " ", s).strip(), None, ())
    amendments = tuple(
        f"{a['id']}:{a['year'][:4]}" if a["year"] else a["id"] for a in _AMEND_RE.finditer(m["amend"])
    )
    return (_standard_base(m), _standard_year(m), amendments)


def _printed(m: re.Match[str]) -> str:
    return re.sub(r"\s+", " ", m.group()).strip().rstrip(",")


def standards(text: str) -> list[str]:
    """Standards cited in `text`, as printed (whitespace collapsed) with edition year and
    amendments. Lines introduced by "Note"/"Draft" are not citations, nor are the standards about
    the paperwork itself (ISO/IEC 17050 DoC form, 17025 labs, ISO 9001). A reference without an
    edition is a pointer, not a citation, on a results-table row ("Surge immunity EN 61000-4-5
    PASS") or before a clause ("EN 301 489-1 clause 9"), and when the same standard is also cited
    with its edition."""
    cited: dict[tuple[str, str | None, tuple[str, ...]], str] = {}
    not_product = set(_vocab()["standards"]["not_product"])
    for m in STANDARD_RE.finditer(text):
        if _NOTE_RE.search(_line_prefix(text, m.start())) or re.sub(r"\s", "", m["number"]) in not_product:
            continue
        key = standard_key(m.group())
        if key[1] is None and not key[2] and " V" not in key[0] and _is_pointer(text, m):
            continue
        cited.setdefault(key, _printed(m))
    dated = {_unversioned(base) for base, year, amend in cited if year or amend or base != _unversioned(base)}
    return [
        printed
        for (base, year, amend), printed in cited.items()
        if year or amend or base != _unversioned(base) or base not in dated
    ]


_POINTER_RE = re.compile(
    r"(?<![A-Za-z])(?:PASS|FAIL|Pass|Fail|N/A|[Cc]lause|[Aa]nnex|[Tt]able|[Ss]ection|§)(?![A-Za-z])"
)


def _is_pointer(text: str, m: re.Match[str]) -> bool:
    """An undated reference that is no citation: on a results row, before a clause, or an "IEC"
    with a number IEC has not used since 1997 (its standards are 60000 and up; "IEC 1000" is a
    method cell cut in two, beside a limit)."""
    old_iec = m["prefix"] == "IEC" and not m["parts"] and len(m["number"]) < 5
    return old_iec or bool(_POINTER_RE.search(_line_of(text, m)))


def _line_of(text: str, m: re.Match[str]) -> str:
    end = text.find("\n", m.end())
    return text[text.rfind("\n", 0, m.start()) + 1 : len(text) if end < 0 else end]


def _unversioned(base: str) -> str:
    return re.sub(r" V\d+\.\d+\.\d+$", "", base)


# ---------------------------------------------------------------------------------------------
# notified bodies

_NB_WORDS = (
    r"(?i:notified\s*body|benannte\s*stelle|organisme\s*notifi[ée]|aangemelde\s*instantie"
    r"|organismo\s*notificato|jednostka\s*notyfikowana)"
)
_NB_NUMBER = r"(?P<num>\d{4})(?![\d/.,-]?\d)"
_NB_LABEL = r"(?<![A-Za-z])(?i:(?:identification\s*)?(?:no\.?|number|nr\.?|n[°º]|num\.?|id\.?|#))"
NB_RES = (
    # "Notified Body No. 0123", "NB 1282", "NB-Nr.: 0123", "Notified Body: 0123"
    re.compile(
        rf"(?:{_NB_WORDS}|(?<![A-Za-z])N\.?B\.?)[ \t]*-?[ \t]*(?:{_NB_LABEL})?[ \t]*[:：.]?[ \t]*{_NB_NUMBER}"
    ),
    # "Notified Body: TÜV SÜD Product Service GmbH (0123)" / "..., No. 0123" on the same line
    re.compile(rf"{_NB_WORDS}[^\n]{{0,80}}?(?:\(|{_NB_LABEL}[ \t]*[:.]?[ \t]*)(?:NB[ \t]*)?{_NB_NUMBER}"),
    # the number beside the CE mark: "CE 0123"; years are not NB numbers
    re.compile(r"(?<![A-Za-z])CE[ \t]?(?P<num>[01]\d{3})(?!\d)"),
)


def notified_body_spans(text: str) -> list[Span]:
    """Where the notified-body numbers are: the four digits themselves."""
    return sorted(
        {(m.start("num"), m.end("num"), m["num"]) for pattern in NB_RES for m in pattern.finditer(text)}
    )


def notified_body_numbers(text: str) -> list[str]:
    """Four-digit notified-body numbers ("Notified Body No. 0123", "NB 1282", "CE 0123")."""
    return _unique(num for _, _, num in notified_body_spans(text))


# ---------------------------------------------------------------------------------------------
# containers and HS codes

# OCR reads the serial's 1 and 0 as I, l and O; those positions can only hold digits.
CONTAINER_PRINTED_RE = re.compile(
    r"(?<![A-Z0-9])(?P<owner>[A-Z]{3}[UJZ])[ \t]?-?[ \t]?(?P<serial>[\dIlO]{6})[ \t]?[-/]?[ \t]?"
    r"(?P<check>[\dIlO])(?![\dA-Za-z])"
)
_OCR_DIGITS = str.maketrans("IlO", "110")


def _container_code(m: re.Match[str]) -> str | None:
    if sum(c.isdigit() for c in m["serial"]) < 4:
        return None  # a word in capitals, not a misread serial
    code = m["owner"] + (m["serial"] + m["check"]).translate(_OCR_DIGITS)
    return code if CONTAINER_RE.match(code) else None


def container_spans(text: str) -> list[Span]:
    found = ((m.start(), m.end(), _container_code(m)) for m in CONTAINER_PRINTED_RE.finditer(text))
    return [(start, end, code) for start, end, code in found if code]


def container_numbers(text: str) -> list[str]:
    """ISO 6346-shaped container numbers, as "MSCU1234565" whatever their spacing (OCR's I/l/O in
    the serial read as digits); the check digit is not verified here (the rules report a wrong one)."""
    return _unique(code for _, _, code in container_spans(text))


_HS_LABEL = (
    r"(?i:\bH\.?\s?S\.?(?:\s*code|\s*no\.?)?|\bHTS(?:US)?(?:\s*code)?|tariff\s*(?:code|no\.?|number)"
    r"|commodity\s*code|\bCN\s*code|TARIC(?:\s*code)?|customs\s*code|海关编码|商品编码|税则号)"
)
_HS_CODE = (
    r"\d{4}\.\d{2}(?:\.\d{2}){0,2}(?![\d.]?\d)|\d{4}\.\d{4}(?:\.\d{2})?(?![\d.]?\d)"
    r"|\d{4}[ ]\d{2}(?:[ ]\d{2}){0,2}(?!\d)|\d{10}(?!\d)|\d{8}(?!\d)|\d{6}(?!\d)|\d{4}(?![\d.]\d?)"
)
HS_LABELLED_RE = re.compile(
    rf"{_HS_LABEL}[^\d\n]{{0,20}}(?P<codes>(?:{_HS_CODE})(?:[ \t]*[,;/&][ \t]*(?:{_HS_CODE}))*)"
)
_HS_CODE_RE = re.compile(rf"(?<![\d.])(?:{_HS_CODE})")
# Unlabelled, only a code that cannot be a number: "8516.71.00"
_HS_DOTTED_RE = re.compile(r"(?<![\d.])\d{4}\.\d{2}\.\d{2}(?:\.\d{2})?(?![\d.]?\d)")
_DATE_LIKE_RE = re.compile(r"^(?:19|20)\d{2}\.(?:0[1-9]|1[0-2])\.(?:0[1-9]|[12]\d|3[01])$")


def is_hs_code(code: str) -> bool:
    """Digits of an HS/CN/TARIC code: 4, 6, 8 or 10 of them, in chapters 01-97."""
    digits = re.sub(r"[.\s]", "", code)
    return digits.isdigit() and len(digits) in (4, 6, 8, 10) and 1 <= int(digits[:2]) <= 97


def hs_code_spans(text: str) -> list[Span]:
    """Where the HS codes are: after an HS label, a text holding only a code, or a code with two
    dots anywhere (which no amount or weight has)."""
    stripped = text.strip()
    if _HS_CODE_RE.fullmatch(stripped):
        start = text.index(stripped)
        return [(start, start + len(stripped), normalise_code(stripped))] if is_hs_code(stripped) else []
    labelled = (
        (m.start("codes") + c.start(), m.start("codes") + c.end(), c.group())
        for m in HS_LABELLED_RE.finditer(text)
        for c in _HS_CODE_RE.finditer(m["codes"])
    )
    dotted = ((m.start(), m.end(), m.group()) for m in _HS_DOTTED_RE.finditer(text))
    found = {*labelled, *(d for d in dotted if not _DATE_LIKE_RE.match(d[2]))}
    return sorted((start, end, normalise_code(code)) for start, end, code in found if is_hs_code(code))


def hs_codes(text: str) -> list[str]:
    """HS codes: after an HS label ("HS CODE: 85167100"), a cell holding only a code ("8516.71"),
    or a code with two dots anywhere ("8516.71.00"). Printed dots are kept, spaces removed."""
    return _unique(code for _, _, code in hs_code_spans(text))


# ---------------------------------------------------------------------------------------------
# Incoterms

INCOTERMS_2020 = ("EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF")
_OBSOLETE = ("DAT", "DAF", "DDU")
_ALIASES = {"C&F": "CFR", "CNF": "CFR", "C+F": "CFR"}
INCOTERM_RE = re.compile(
    rf"(?<![A-Za-z&])(?P<term>{'|'.join(INCOTERMS_2020 + _OBSOLETE)}|C\s?[&+]\s?F|CNF)(?![A-Za-z&])"
    r"(?:[ \t]*[:\-,]?[ \t]*(?P<place>[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f .'’-]*))?"
)
# Where a named place ends: the words that follow it on invoices, and a currency ("FOB Ningbo USD").
_PLACE_STOP_RE = re.compile(
    r"(?i)\s+(?:incoterms?|port|terms?|payment|via|by|according|as|per|under|price|version|value|amount|total"
    + "".join(f"|{code}" for code in sorted(COMMON_CURRENCIES))
    + r")\b.*$"
)


def _incoterm_place(raw: str | None) -> str | None:
    if not raw:
        return None
    place = _PLACE_STOP_RE.sub("", raw).strip(" .-'’")
    place = " ".join(place.split()[:4])
    if not place or place.lower() in ("incoterms", "incoterm"):
        return None
    return place.title() if place.isupper() else place


def incoterm(text: str) -> tuple[str, str | None] | None:
    """The first trade term and its named place: "FOB NINGBO" → ("FOB", "Ningbo"),
    "CIF Hamburg Incoterms 2020" → ("CIF", "Hamburg"); ("FOB", None) when no place is printed."""
    m = INCOTERM_RE.search(text)
    if m is None:
        return None
    term = re.sub(r"\s", "", m["term"])
    return (_ALIASES.get(term, term), _incoterm_place(m["place"]))


# ---------------------------------------------------------------------------------------------
# RoHS substances

SubstanceRow = dict[str, str | None]

_VALUE_RE = re.compile(
    r"(?i)(?P<nd>(?<![a-z])(?:n\.?\s?d\.?(?![a-z])|not\s*detected|未检出))"
    r"|(?P<lt><\s*\d+(?:[.,]\d+)?)"
    r"|(?P<pct>\d+(?:[.,]\d+)?)\s*(?:wt\.?\s*|weight\s*)?%"
    r"|(?P<num>(?<![\w.])\d+(?:[.,]\d+)?(?![\w.]))"
    r"|(?P<verdict>(?<![a-z])(?:pass(?:ed)?|fail(?:ed)?|p|f|合格|不合格)(?![a-z]))"
)
# units, and references to footnotes ("See remark (5)") whose digits are no values
_NOISE_RE = re.compile(
    r"(?i)mg\s*/\s*kg|ppm|μg/g|ug/g|(?:see\s*)?(?:remark|note)s?\s*\(?\d+\)?"
    # the rest of a method reference wrapped from the line above: "62321-4:2013+A1:2017"
    r"|(?<![\w.])\d{4,5}(?:-\d{1,2})+(?:[:\-]\d{4})?(?:\s*\+\s*A\d+(?::\d{4})?)*"
)
_HEADER_RE = re.compile(
    r"(?i)\b(?:mdl|lod|rl|loq|detection\s*limit)\b.*\bresult|\bresult.*\b(?:mdl|lod|rl|loq)\b"
)


@cache
def _substance_res() -> dict[str, tuple[re.Pattern[str], Decimal]]:
    return {
        key: (re.compile("|".join(spec["names"]), re.IGNORECASE), Decimal(spec["limit"]))
        for key, spec in _vocab()["substances"].items()
    }


def _row_substance(line: str) -> tuple[str, str] | None:
    """The one substance a table row is about and the row with its names removed."""
    hits = [(key, pattern) for key, (pattern, _) in _substance_res().items() if pattern.search(line)]
    if len(hits) != 1:
        return None  # prose listing several substances, or no substance
    key, pattern = hits[0]
    return key, pattern.sub(" ", line)


def _number_str(text: str) -> str:
    value = parse_decimal(text)
    return text.strip() if value is None else format(value.normalize(), "f")


def _mdl_first(lines: Sequence[str]) -> bool:
    """Whether a detection-limit column comes before the result column (the common layout)."""
    for line in lines:
        if _HEADER_RE.search(line):
            low = line.lower()
            mdl = min(low.find(w) for w in ("mdl", "lod", "rl", "loq", "detection") if w in low)
            return mdl < low.find("result")
    return True


def _method_reference(m: re.Match[str]) -> str:
    """A test method in a row is no value; but "IEC" and "1000" side by side are a method whose
    number wrapped onto the next line, and a limit."""
    bare = not (m["parts"] or m["y1"] or m["y2"] or m["y3"] or m["amend"] or m["version"])
    return f" {m['number']} " if bare else " "


def _row_values(rest: str, limit_mgkg: Decimal, mdl_first: bool) -> SubstanceRow | None:
    rest = _NOISE_RE.sub(" ", STANDARD_RE.sub(_method_reference, rest))
    tokens = list(_VALUE_RE.finditer(rest))
    numbers = [t["num"] for t in tokens if t["num"]]
    if len(numbers) > 4:
        return None  # a screening-range or equipment row, not a result row
    percent = next((Decimal(t["pct"].replace(",", ".")) * 10000 for t in tokens if t["pct"]), None)
    limit_value = percent if percent is not None else limit_mgkg
    in_column = [n for n in numbers if parse_decimal(n) == limit_value]
    if in_column:
        numbers.remove(in_column[-1])  # the limit column is right of the results
    limit = _limit_str(limit_value) if percent is not None or in_column else None
    result = next(
        (("ND" if t["nd"] else re.sub(r"\s", "", t["lt"])) for t in tokens if t["nd"] or t["lt"]), None
    )
    if result is None and numbers:
        result = _number_str(numbers[-1] if mdl_first else numbers[0])
    if result is None:
        verdicts = [t["verdict"] for t in tokens if t["verdict"]]
        if verdicts:
            result = "FAIL" if verdicts[-1].lower().startswith(("f", "不")) else "PASS"
    if result is None and limit is None:
        return None
    return {"result": result, "limit": limit}


def _limit_str(value: Decimal) -> str:
    """A limit in mg/kg as printed on reports: "1000", "100", "0.5"."""
    return (
        format(value.to_integral_value(), "f") if value == value.to_integral_value() else decimal_str(value)
    )


def _cell_value(token: re.Match[str]) -> str:
    if token["nd"]:
        return "ND"
    if token["lt"]:
        return re.sub(r"\s", "", token["lt"])
    if token["pct"]:
        return _limit_str(Decimal(token["pct"].replace(",", ".")) * 10000)
    if token["num"]:
        return _number_str(token["num"])
    return "FAIL" if token["verdict"].lower().startswith(("f", "不")) else "PASS"


_ROW_KINDS = (
    ("limit", re.compile(r"(?i)^\W*(?:limits?|max(?:imum)?|限值)")),
    ("mdl", re.compile(r"(?i)^\W*(?:mdl|lod|loq|rl|detection\s*limit)")),
    ("result", re.compile(r"(?i)^\W*(?:results?|test\s*results?|结果|001|a1)\b")),
    ("verdict", re.compile(r"(?i)^\W*(?:verdict|conclusion|judg(?:e)?ment|pass\s*/\s*fail|判定|结论)")),
)


def _header_substances(line: str) -> list[str]:
    """The substances of a header row that lists them side by side ("Pb Hg Cd Cr(VI) PBBs ...")."""
    cells = [cell for cell in re.split(r"\s+", line.strip()) if cell]
    keys = [
        next((key for key, (pattern, _) in _substance_res().items() if pattern.fullmatch(cell)), None)
        for cell in cells
    ]
    named = [key for key in keys if key]
    return named if len(named) >= 3 and len(set(named)) == len(named) else []


def _transposed_table(lines: Sequence[str]) -> dict[str, SubstanceRow]:
    """Tables printed sideways: a row of substances, then Limit / MDL / Result / Verdict rows."""
    for i, line in enumerate(lines):
        keys = _header_substances(line)
        if not keys:
            continue
        rows: dict[str, list[str]] = {}
        for below in lines[i + 1 : i + 8]:
            kind = next((kind for kind, pattern in _ROW_KINDS if pattern.match(below)), None)
            cells = [_cell_value(t) for t in _VALUE_RE.finditer(_NOISE_RE.sub(" ", below))]
            if kind and kind not in rows and len(cells) == len(keys):
                rows[kind] = cells
        results = rows.get("result") or rows.get("verdict")
        if results or "limit" in rows:
            limits = rows.get("limit", [None] * len(keys))
            return {
                key: {"result": results[n] if results else None, "limit": limits[n]}
                for n, key in enumerate(keys)
            }
    return {}


def substances(lines: Sequence[str]) -> dict[str, dict[str, str | None]]:
    """RoHS result table rows → {"Pb": {"result": "ND", "limit": "1000"}, ...} for the ten Annex II
    substances, one row per substance or the substances side by side in one header row. The first
    row that carries a value wins; limits are mg/kg ("0.1 %" → "1000")."""
    mdl_first = _mdl_first(lines)
    table: dict[str, dict[str, str | None]] = _transposed_table(lines)
    for i, line in enumerate(lines):
        found = _row_substance(line)
        if found is None or found[0] in table:
            continue
        key, rest = found
        row = _row_values(rest, _substance_res()[key][1], mdl_first)
        wrapped = lines[i + 1] if i + 1 < len(lines) else ""
        if row is not None and row["result"] is None and wrapped and _row_substance(wrapped) is None:
            # a row with its limit but no result: a cell wrapped onto the next line carries the rest
            row = _row_values(f"{rest} {wrapped}", _substance_res()[key][1], mdl_first) or row
        if row is not None:
            table[key] = row
    return table


#: A summary that names the substances and says they comply: 'the results of Cadmium, Lead, …
#: and Diisobutyl phthalate (DIBP) comply with the limits as set by RoHS Directive (EU) 2015/863'.
_COMPLIANT_LIST = re.compile(
    r"(?is)\b(?:results?|contents?|concentrations?)\s+of\s+(?P<names>.{8,700}?)\s+"
    r"(?P<neg>(?:do|does|did)\s+not\s+)?(?:compl(?:y|ies)|conform|meet)\s+(?:with\s+)?the\s+"
    r"(?:limits?|requirements?|maximum)"
)


def substances_stated_compliant(text: str) -> dict[str, SubstanceRow]:
    """Substances a summary sentence says comply with their limits, each as a pass without a printed
    limit; {} when the sentence says they do not, or names no substance. The results table, when
    there is one, says more and comes first."""
    m = _COMPLIANT_LIST.search(text)
    if m is None or m["neg"]:
        return {}
    names = m["names"]
    found = sorted(
        (hit.start(), key) for key, (pattern, _) in _substance_res().items() if (hit := pattern.search(names))
    )
    return {key: {"result": "Pass", "limit": None} for _, key in found}


# ---------------------------------------------------------------------------------------------
# report type and conclusion

ReportType = Literal["RoHS", "EMC", "LVD", "RED", "FOOD_CONTACT", "other"]
_TITLE_CHARS = 600


@cache
def _report_type_res() -> dict[str, re.Pattern[str]]:
    return {
        kind: re.compile("|".join(words), re.IGNORECASE) for kind, words in _vocab()["report_types"].items()
    }


def _family_scores(text: str) -> dict[str, int]:
    return {kind: len(pattern.findall(text)) for kind, pattern in _report_type_res().items()}


def report_type(text: str) -> str | None:
    """RoHS, EMC, LVD, RED, FOOD_CONTACT or other. The title (the first lines) decides when it names
    one family; otherwise the family whose words and standards occur most often. None for no text."""
    if not text.strip():
        return None
    title = _family_scores(text[:_TITLE_CHARS])
    named = [kind for kind, score in title.items() if score]
    if len(named) == 1:
        return named[0]
    scores = _family_scores(text)
    best = max(scores.values())
    if best == 0:
        return "other"
    return next(kind for kind, score in scores.items() if score == best)


# Phrases that state a verdict in a sentence; a bare "pass"/"fail" counts only as a labelled value.
_FAIL_PHRASES = (
    r"(?i)do(?:es)?\s*not\s*(?:comply|conform|pass|meet)|not\s*compl(?:y|iant)|fail(?:ed|s)\s*to"
    r"|non[-\s]*(?:complian|conform)|nicht\s*konform|non\s*conforme|不符合|不合格"
)
_PASS_PHRASES = (
    r"(?i)compl(?:y|ies|ied)\s*with|compliant|in\s*compliance|conform(?:s|ed)?\s*(?:to|with)"
    r"|in\s*conformity|konform|conforme|符合|合格"
)
_BARE = {
    "FAIL": r"|(?i:(?<![a-z])(?:fail(?:ed)?|f|nok)(?![a-z]))",
    "PASS": r"|(?i:(?<![a-z])(?:pass(?:ed)?|p|ok|conform)(?![a-z]))",
}
_VERDICT_RES = {
    True: (re.compile(_FAIL_PHRASES + _BARE["FAIL"]), re.compile(_PASS_PHRASES + _BARE["PASS"])),
    False: (re.compile(_FAIL_PHRASES), re.compile(_PASS_PHRASES)),
}
_CONCLUSION_LABEL_RE = re.compile(
    r"(?im)^[ \t]*(?:overall[ \t]+|final[ \t]+|test[ \t]*)?"
    r"(?:conclusions?|results?|verdict|结论|检测结论|判定)(?![a-z])"
    # "Conclusion: ...", "Result .......: PASS", "Conclusion — PASS", "Test Result PASS"
    r"(?:[^\n:：]{0,60}[:：]|[ \t]*[—–-]|(?=[ \t]))[ \t]*"
    r"(?P<value>[^\n]*)(?=(?:\n(?P<next>[^\n]*))?)"
)


def _verdict(text: str, *, labelled: bool) -> str | None:
    """The verdict said first in `text` ("does not comply" is said before its "comply")."""
    fail_re, pass_re = _VERDICT_RES[labelled]
    fail, passed = fail_re.search(text), pass_re.search(text)
    if fail and (passed is None or fail.start() <= passed.start()):
        return "FAIL"
    return "PASS" if passed else None


def conclusion(text: str) -> str | None:
    """PASS or FAIL: from a "Conclusion:"/"Result:" line when there is one, else from the first
    verdict sentence of the text; None when nothing says."""
    for m in _CONCLUSION_LABEL_RE.finditer(text):
        value = m["value"].strip() or (m["next"] or "")
        verdict = _verdict(value, labelled=True)
        if verdict:
            return verdict
    return _verdict(text, labelled=False)
