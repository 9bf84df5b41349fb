"""Printed text to normalised values: dates, decimals, money, weights, volumes, counts, codes.

Every parser takes the text of a field (a cell, a line, a label and its value) and finds the
value inside it; it returns None when it cannot, and never raises on text. The contract's
string forms (weights "5120.0", amounts "16440.00") come from `decimal_str`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache
from importlib import resources

import pycountry

_DATA = resources.files("extractors") / "data"

# ---------------------------------------------------------------------------------------------
# dates

_YEARS = range(1900, 2101)
_ORDINAL = r"(?:st|nd|rd|th|er|e|\.)?"


@cache
def _month_names() -> dict[str, int]:
    tables = tomllib.loads((_DATA / "months.toml").read_text(encoding="utf-8"))
    return {name: int(month) for table in tables.values() for month, names in table.items() for name in names}


@cache
def _month_re() -> str:
    # longest first so "sept" wins over "sep" and "march" over "mar"
    names = sorted(_month_names(), key=len, reverse=True)
    return r"(?P<mon>" + "|".join(map(re.escape, names)) + r")(?![^\W\d_])\.?"


def _year(text: str) -> int:
    """Four-digit years as printed; two-digit ones pivot at 70 (trade paperwork is recent)."""
    y = int(text)
    if len(text) == 2:
        return 2000 + y if y < 70 else 1900 + y
    return y


def _make_date(y: int, m: int, d: int) -> date | None:
    if y not in _YEARS:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _numeric_dmy(match: re.Match[str], dayfirst: bool) -> date | None:
    a, b, y = int(match["a"]), int(match["b"]), _year(match["y"])
    if a > 12 >= b:
        return _make_date(y, b, a)
    if b > 12 >= a:
        return _make_date(y, a, b)
    return _make_date(y, b, a) if dayfirst else _make_date(y, a, b)


def _named(match: re.Match[str], _dayfirst: bool) -> date | None:
    return _make_date(_year(match["y"]), _month_names()[match["mon"].lower()], int(match["d"]))


def _numeric_ymd(match: re.Match[str], _dayfirst: bool) -> date | None:
    return _make_date(int(match["y"]), int(match["m"]), int(match["d"]))


DateBuilder = Callable[[re.Match[str], bool], date | None]


# Regexes with a {mon} slot for the month names; numeric ones need the same separator twice.
_DATE_FORMS: tuple[tuple[str, DateBuilder], ...] = (
    # 2026年10月15日
    (r"(?<!\d)(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日?", _numeric_ymd),
    # 2026-10-15, 2026/10/15, 2026.10.15
    (r"(?<![\d.])(?P<y>\d{4})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})(?!\d)", _numeric_ymd),
    # 15.10.2026, 15/10/2026, 10/15/2026, 15-10-26
    (r"(?<![\d.])(?P<a>\d{1,2})(?P<s>[-/.])(?P<b>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})(?!\d)", _numeric_dmy),
    # 15 Oct 2026, 15-OCT-2026, 15. Oktober 2026, 1er octobre 2026, 15-OCT-26, 15OCT2026
    (r"(?<!\d)(?P<d>\d{1,2})" + _ORDINAL + r"[\s\-/.]*{mon}[\s\-/.,]*(?P<y>\d{4}|\d{2})(?!\d)", _named),
    # Oct. 15, 2026, October 15th, 2026
    (r"(?<![^\W\d_]){mon}\s*(?P<d>\d{1,2})" + _ORDINAL + r",?\s*(?P<y>\d{4})(?!\d)", _named),
    # 2026-Oct-15, 2026 October 15
    (r"(?<!\d)(?P<y>\d{4})[\s\-/.,]*{mon}[\s\-/.]*(?P<d>\d{1,2})(?!\d)", _named),
)


@cache
def _date_patterns() -> tuple[tuple[re.Pattern[str], DateBuilder], ...]:
    mon = _month_re()
    return tuple(
        (re.compile(form.replace("{mon}", mon), re.IGNORECASE), build) for form, build in _DATE_FORMS
    )


def date_matches(text: str, *, dayfirst: bool = True) -> list[tuple[int, int, date]]:
    """Every well-formed date printed in `text` as (start, end, date), in text order; where two
    readings overlap the one starting first (then the longer) wins."""
    found = sorted(
        (
            (m.start(), m.end(), value)
            for pattern, build in _date_patterns()
            for m in pattern.finditer(text)
            if (value := build(m, dayfirst)) is not None
        ),
        key=lambda t: (t[0], -t[1]),
    )
    kept: list[tuple[int, int, date]] = []
    for start, end, value in found:
        if not kept or start >= kept[-1][1]:
            kept.append((start, end, value))
    return kept


def parse_date(text: str, *, dayfirst: bool = True) -> date | None:
    """The first well-formed date printed in `text`; all-numeric day/month order that cannot be
    told from the numbers themselves follows `dayfirst`."""
    found = date_matches(text, dayfirst=dayfirst)
    return found[0][2] if found else None


# ---------------------------------------------------------------------------------------------
# numbers

# Thousands are grouped by "," "." space, no-break/thin space or apostrophe (Swiss); the decimal
# part follows the last "," or ".".
_GROUP = r"[,. \u00a0\u202f'’]"
_DIGITS = rf"\d{{1,3}}(?:{_GROUP}\d{{3}})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
#: A printed number, without capture groups, to build larger patterns from.
NUMBER_PATTERN = rf"(?<![\d.,])(?:{_DIGITS})(?!\d)"
NUMBER_RE = re.compile(rf"(?<![\d.,])(?P<sign>(?<![\w-])-)?(?P<num>{_DIGITS})(?!\d)")


def _digits_to_decimal(num: str) -> Decimal:
    """One printed number, separators resolved: the last separator is the decimal point unless
    it is a lone "," before exactly three digits ("5,120" is five thousand in trade papers)."""
    compact = re.sub(r"[\s\u00a0\u202f'’]", "", num)
    seps = [c for c in compact if c in ",."]
    if not seps:
        return Decimal(compact)
    last = seps[-1]
    head, _, tail = compact.rpartition(last)
    single_kind = len(set(seps)) == 1
    if single_kind and (len(seps) > 1 or (last == "," and len(tail) == 3)):
        return Decimal(compact.replace(last, ""))
    return Decimal(head.replace(",", "").replace(".", "") + "." + tail)


def _decimal_matches(text: str) -> Iterator[tuple[re.Match[str], Decimal]]:
    for match in NUMBER_RE.finditer(text):
        try:
            value = _digits_to_decimal(match["num"])
        except InvalidOperation:
            continue
        yield match, -value if match["sign"] else value


def parse_decimal(text: str) -> Decimal | None:
    """The first number in `text`, with either convention of thousands and decimal separators."""
    return next((value for _, value in _decimal_matches(text)), None)


# ---------------------------------------------------------------------------------------------
# money


@dataclass(frozen=True)
class Money:
    currency: str | None
    amount: Decimal


# Symbols and words mapped to ISO 4217, longest first when matched. "¥" alone is taken as CNY:
# on China-to-EU paperwork yen are printed as JPY.
_CURRENCY_WORDS: dict[str, str] = {
    "US$": "USD",
    "U.S.$": "USD",
    "USD$": "USD",
    "US DOLLARS": "USD",
    "US DOLLAR": "USD",
    "U.S. DOLLARS": "USD",
    "HK$": "HKD",
    "S$": "SGD",
    "A$": "AUD",
    "C$": "CAD",
    "NT$": "TWD",
    "CN¥": "CNY",
    "JP¥": "JPY",
    "RMB": "CNY",
    "YUAN": "CNY",
    "EUROS": "EUR",
    "EURO": "EUR",
    "€": "EUR",
    "£": "GBP",
    "¥": "CNY",
    "￥": "CNY",
    "$": "USD",
}
# Codes seen on trade paperwork, trusted anywhere in the text; any other ISO 4217 code only
# next to a number (so "ALL RISKS" or "TOP" are not Albanian lek or Tongan pa'anga).
COMMON_CURRENCIES = frozenset(
    {"USD", "EUR", "CNY", "GBP", "JPY", "HKD", "CHF", "CAD", "AUD", "SGD", "KRW", "TWD", "PLN", "CZK"}
    | {"SEK", "DKK", "NOK", "HUF", "RON", "INR"}
)
_WORD_RE = re.compile(
    "|".join([rf"(?<![A-Z]){re.escape(w)}(?![A-Z])" for w in sorted(_CURRENCY_WORDS, key=len, reverse=True)]),
    re.IGNORECASE,
)
_CODE_RE = re.compile(r"(?<![A-Za-z])[A-Za-z]{3}(?![A-Za-z])")


@cache
def _iso_codes() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.currencies)


def _code_near_number(text: str, match: re.Match[str]) -> bool:
    before, after = text[: match.start()].rstrip(), text[match.end() :].lstrip()
    return (before[-1:].isdigit()) or (after[:1].isdigit())


def _currency_candidates(text: str) -> Iterator[tuple[int, str]]:
    for match in _CODE_RE.finditer(text):
        code = match.group().upper()
        exact = text.strip().upper() == code
        uppercase = match.group().isupper()
        common = code in COMMON_CURRENCIES and (uppercase or exact)
        if common or (code in _iso_codes() and (exact or (uppercase and _code_near_number(text, match)))):
            yield match.start(), code
    for match in _WORD_RE.finditer(text):
        yield match.start(), _CURRENCY_WORDS[" ".join(match.group().upper().split())]


def parse_currency(text: str) -> str | None:
    """ISO 4217 code of the first currency printed in `text` (code, symbol or word)."""
    found = sorted(_currency_candidates(text), key=lambda pair: pair[0])
    return found[0][1] if found else None


def parse_amount(text: str) -> Money | None:
    """Amount with its currency when one is printed: "USD 16,440.00", "16.440,00 EUR", "€ 1.234,50"."""
    amount = parse_decimal(text)
    if amount is None:
        return None
    return Money(currency=parse_currency(text), amount=amount)


# ---------------------------------------------------------------------------------------------
# quantities with units

_LB_KG = Decimal("0.45359237")
_CFT_CBM = Decimal("0.028316846592")

_WEIGHT_UNITS: tuple[tuple[str, Decimal | None], ...] = (
    # (unit regex, factor to kg; None means pounds, rounded to 0.1 kg after conversion)
    (r"kgs?|kgm|kilos?|kilograms?|kilogrammes?|公斤|千克", Decimal(1)),
    (r"lbs?|pounds?", None),
    (r"m/?t|mts|t|tons?|tonnes?|吨", Decimal(1000)),
)
_VOLUME_UNITS: tuple[tuple[str, Decimal], ...] = (
    (r"cbm|cbms|m3|m³|m\^3|cu\.?\s?m\.?|cubic\s+met(?:er|re)s?|立方米", Decimal(1)),
    (r"cft|cu\.?\s?ft\.?|cubic\s+feet", _CFT_CBM),
)


#: Unit words of weights and volumes, for finding quantities in running text.
WEIGHT_UNITS = "|".join(unit for unit, _ in _WEIGHT_UNITS)
VOLUME_UNITS = "|".join(unit for unit, _ in _VOLUME_UNITS)


def _with_unit(text: str, unit_re: str) -> Decimal | None:
    """The first number directly followed by (or, as in "KGS 5120", directly after) the unit."""
    unit = rf"(?:{unit_re})(?![^\W\d_])"
    for match, value in _decimal_matches(text):
        after = text[match.end() :]
        before = text[: match.start()]
        if re.match(rf"\s*{unit}", after, re.IGNORECASE) or re.search(
            rf"(?<![^\W\d_]){unit}[\s:.]*$", before, re.IGNORECASE
        ):
            return value
    return None


def parse_weight_kg(text: str) -> Decimal | None:
    """Weight in kg: kilograms as printed, pounds converted (to 0.1 kg), tonnes times 1000; a bare
    number is taken as kg."""
    for unit_re, factor in _WEIGHT_UNITS:
        value = _with_unit(text, unit_re)
        if value is None:
            continue
        if factor is None:
            return (value * _LB_KG).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        return value * factor
    return _bare_number(text, r"g\.?\s?w|n\.?\s?w|gross|net|weight")


#: '71,625' with three digits after one comma: thousands in an amount, but a shipment of 71 625 m³
#: would fill a ship; under 100 it is a decimal comma (71.625 m³).
_VOLUME_DECIMAL_COMMA = re.compile(r"(?<![\d.,])(\d{1,2}),(\d{3})(?![\d.,])")


def parse_volume_cbm(text: str) -> Decimal | None:
    """Volume in cubic metres ("28.50 CBM", "28,5 m3", "28.5 M³", "71,625 m3"); cubic feet converted
    (0.001)."""
    text = _VOLUME_DECIMAL_COMMA.sub(r"\1.\2", text)
    for unit_re, factor in _VOLUME_UNITS:
        value = _with_unit(text, unit_re)
        if value is None:
            continue
        if factor == 1:
            return value
        return (value * factor).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    return _bare_number(text, r"meas(?:urement)?|vol(?:ume)?")


def _bare_number(text: str, label_re: str) -> Decimal | None:
    """A number with no unit is taken in the default unit, unless other words say it is something
    else ("5120 PCS" is no weight); the field's own labels may stand beside it."""
    if re.search(r"[^\W\d_]", re.sub(rf"(?i)\b(?:{label_re})\b", "", text)):
        return None
    return parse_decimal(text)


# ---------------------------------------------------------------------------------------------
# counts


@cache
def _number_words() -> tuple[dict[str, int], dict[str, int]]:
    data = tomllib.loads((_DATA / "number_words.toml").read_text(encoding="utf-8"))
    return data["units"], data["scales"]


@cache
def number_word_pattern() -> str:
    """Regex alternation of the number words ("four|hundred|...|and"), longest first."""
    units, scales = _number_words()
    return "|".join(sorted({*units, *scales, "and"}, key=len, reverse=True))


def words_to_int(text: str) -> int | None:
    """The first run of English number words in `text` ("FOUR HUNDRED AND TWENTY-FIVE" → 425)."""
    units, scales = _number_words()
    total = current = 0
    seen = False
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in units:
            current += units[word]
        elif word in scales and seen:
            scale = scales[word]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
        elif word == "and" and seen:
            continue
        elif seen:
            break
        else:
            continue
        seen = True
    return total + current if seen else None


#: Digits grouped by dots in threes ("3.000", "12.500.000"), standing alone as a number.
_DOT_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d,]|\.\d)")


#: A count glued to its package unit as OCR reads a serif '1' or '0': 'ICTN', 'lO PLTS'.
_MISREAD_COUNT = re.compile(
    r"^\s*(?P<n>[0-9O]*[Il|][0-9IlO|]*)\s?(?:ctns?|cartons?|pallets?|plts?|packages?|pkgs?|cases?|box|boxes|"
    r"bags?|rolls?|drums?|crates?|pcs|sets?|units?)\b",
    re.I,
)
_DIGIT_FOR = str.maketrans("IlO|", "1101")


def _misread_count(text: str) -> int | None:
    m = _MISREAD_COUNT.match(text)
    if m is None or m.group("n")[:1] in "Oo":
        return None
    return int(m.group("n").translate(_DIGIT_FOR))


def parse_count(text: str) -> int | None:
    """A whole count: "400 CTNS", "FOUR HUNDRED (400) CARTONS ONLY", "four hundred cartons", "1,200".

    A count has no fraction, so dots grouping its first number in threes ("3.000 PCS") are the
    European thousands separator, not a decimal point.
    """
    misread = _misread_count(text)
    if misread is not None:
        return misread
    grouped = _DOT_GROUPED.search(text)
    if grouped and not any(c.isdigit() for c in text[: grouped.start()]):
        return int(grouped.group().replace(".", ""))
    value = parse_decimal(text)
    if value is not None:
        return int(value) if value == value.to_integral_value() and value >= 0 else None
    return words_to_int(text)


# ---------------------------------------------------------------------------------------------
# OCR letter confusions in names and addresses

#: A '|' touching a letter is a misread I or l ('Capelle aan den |Jssel').
_PIPE_IN_WORD = re.compile(r"\|(?=[^\W\d_])|(?<=[^\W\d_])\|")
#: A word in capitals but for an 'l': OCR's reading of a capital I ('MlLANO', 'Segrate (Ml)'). Two
#: capitals at least, or a province code in brackets: 'El', 'Al' and 'Il' are words.
_CAPS_WITH_L = re.compile(r"\b(?=(?:l*[A-Z]){2})(?=[A-Z]*l)[A-Zl]{3,}\b|(?<=\()[A-Z]l(?=\))")


def ocr_letters(text: str) -> str:
    """Undo OCR's I/l/| confusions inside words, which no printed name or address has."""
    text = _PIPE_IN_WORD.sub(lambda m: _pipe_as(text, m.start()), text)
    return _CAPS_WITH_L.sub(lambda m: m.group().replace("l", "I"), text)


def _pipe_as(text: str, at: int) -> str:
    around = text[max(0, at - 1) : at] + text[at + 1 : at + 2]
    letters = [ch for ch in around if ch.isalpha()]
    return "I" if letters and all(ch.isupper() for ch in letters) else "l"


# ---------------------------------------------------------------------------------------------
# codes and output forms

_CONTAINER_SHAPE = re.compile(r"^[A-Z]{4}\d{7}$")


def normalise_code(text: str) -> str:
    """Upper-case without spaces; a container number printed "MSCU 123456-5" loses its separators.
    Dots stay (HS "8516.71")."""
    compact = re.sub(r"\s+", "", text).upper().strip(":;,")
    joined = re.sub(r"[-/.]", "", compact)
    return joined if _CONTAINER_SHAPE.match(joined) else compact


def decimal_str(value: Decimal, *, places: int | None = None) -> str:
    """Contract form of a decimal: with `places`, exactly that many ("16440.00"); without, trailing
    zeros dropped but at least one decimal kept ("5120.0")."""
    if places is not None:
        return format(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP), "f")
    text = format(value, "f")
    if "." not in text:
        return text + ".0"
    text = text.rstrip("0")
    return text + "0" if text.endswith(".") else text
