"""Small pure helpers the checks are built from: names, places, codes, numbers, standards.

Each takes printed (already normalised) values and answers one question; none knows about
documents, orders or findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import cache

import pycountry
from rapidfuzz import fuzz

from rules import tables

# ---------------------------------------------------------------------------------------------
# text


def fold(text: str) -> str:
    """Case-, punctuation- and whitespace-insensitive form of a printed value."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def contains_word(text: str, phrases: list[str]) -> bool:
    folded = f" {fold(text)} "
    return any(f" {fold(p)} " in folded for p in phrases if fold(p))


# ---------------------------------------------------------------------------------------------
# parties


class PartyMatch(StrEnum):
    SAME = "same"
    DRIFT = "drift"  # the same party spelt a little differently: a warning
    DIFFERENT = "different"  # another party: an error


@cache
def _suffixes() -> frozenset[str]:
    return frozenset(fold(s) for s in tables.words().company_suffixes if fold(s))


def party_core(name: str) -> str:
    """The distinctive part of a company name: folded, company-form words dropped.

    Only words after the first are dropped, so a name made only of such words keeps its head.
    """
    tokens = fold(name).split()
    kept = tokens[:1] + [t for t in tokens[1:] if t not in _suffixes()]
    return " ".join(kept)


def match_party(a: str, b: str, *, drift_threshold: float = 90.0) -> tuple[PartyMatch, float]:
    """Compare two party names: same after normalisation, small spelling drift, or another party.

    A name whose words are all found in the other (a dropped city prefix, say) counts as drift.
    """
    ca, cb = party_core(a), party_core(b)
    if ca == cb:
        return PartyMatch.SAME, 100.0
    score = fuzz.ratio(ca, cb)
    shorter, longer = sorted((set(ca.split()), set(cb.split())), key=len)
    subset = len(shorter) >= 2 and shorter <= longer
    if score >= drift_threshold or subset:
        return PartyMatch.DRIFT, max(score, 90.0 if subset else score)
    return PartyMatch.DIFFERENT, score


def is_to_order(name: str) -> bool:
    return fold(name).startswith(tuple(fold(p) for p in tables.words().to_order))


def is_same_as_consignee(name: str) -> bool:
    return contains_word(name, tables.words().same_as_consignee)


# ---------------------------------------------------------------------------------------------
# numbers and money


def within_tolerance(
    found: Decimal, expected: Decimal, *, pct: Decimal, absolute: Decimal = Decimal(0)
) -> bool:
    """|found - expected| within pct % of expected or within the absolute allowance."""
    diff = abs(found - expected)
    return diff <= absolute or diff <= abs(expected) * pct / 100


def resolve_currency(code: str) -> str | None:
    """The ISO 4217 code, or None when `code` is not a current one ("RMB" is not: it is CNY)."""
    code = code.strip().upper()
    return code if pycountry.currencies.get(alpha_3=code) is not None else None


def currency_alias(code: str) -> str | None:
    """The ISO code a common non-ISO spelling stands for ("RMB" → "CNY")."""
    return tables.currencies().aliases.get(code.strip().upper())


def minor_units(currency: str | None) -> int:
    return tables.currencies().minor_units.get((currency or "").upper(), 2)


def round_money(amount: Decimal, currency: str | None) -> Decimal:
    return amount.quantize(Decimal(1).scaleb(-minor_units(currency)), rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------------------------------------
# places and countries


@cache
def _port_names() -> list[tuple[str, str]]:
    """(folded name, LOCODE), longest name first so "TIANJIN XINGANG" wins over "TIANJIN"."""
    pairs = [(fold(n), p.locode) for p in tables.ports().ports for n in p.names]
    return sorted(pairs, key=lambda pair: len(pair[0]), reverse=True)


LOCODE_RE = re.compile(r"^[A-Z]{2}[A-Z2-9]{3}$")


def port_code(text: str) -> str | None:
    """The UN/LOCODE a printed port stands for: "Ningbo", "NINGBO, CHINA" and "CNNGB" → "CNNGB"."""
    compact = text.strip().upper().replace(" ", "")
    if LOCODE_RE.match(compact) and pycountry.countries.get(alpha_2=compact[:2]):
        return compact
    folded = f" {fold(text)} "
    for name, code in _port_names():
        if f" {name} " in folded:
            return code
    return None


def place_head(text: str) -> str:
    """The place itself without the country after it: "Hamburg, Germany" → "hamburg"."""
    return fold(text.split(",")[0])


def same_place(a: str, b: str) -> bool:
    """Whether two printed ports/places name the same place (by LOCODE, else by the place name)."""
    ca, cb = port_code(a), port_code(b)
    if ca and cb:
        return ca == cb
    ha, hb = place_head(a), place_head(b)
    return ha == hb or fuzz.ratio(ha, hb) >= 90


def resolve_country(text: str) -> str | None:
    """ISO 3166-1 alpha-2 code for a printed country (code, alpha-3 or name), else None."""
    text = text.strip()
    if not text:
        return None
    special = {
        "UK": "GB",
        "PRC": "CN",
        "P.R.C.": "CN",
        "P.R. CHINA": "CN",
        "MAINLAND CHINA": "CN",
        "中国": "CN",
    }
    if text.upper() in special:
        return special[text.upper()]
    try:
        return pycountry.countries.lookup(text).alpha_2
    except LookupError:
        return None


def country_in_address(address: str) -> str | None:
    """The country an address ends with, when its last comma-separated part names one."""
    parts = [p.strip() for p in address.split(",") if p.strip()]
    return resolve_country(parts[-1]) if parts else None


# ---------------------------------------------------------------------------------------------
# Union acts and standards

_ACT_RE = re.compile(
    r"(?:\((EU|EC|EEC)\)\s*|\b(EU|EC|EEC)\s+)?(\d{2,4})\s*/\s*(\d{1,4})(?:\s*/\s*(EU|EC|EEC)\b)?", re.I
)


@dataclass(frozen=True, slots=True)
class ActRef:
    year: str
    number: str
    suffix: str | None  # EU, EC, EEC as printed

    @property
    def key(self) -> tuple[str, str]:
        return (self.year, self.number)


def act_ref(text: str) -> ActRef | None:
    """Year, number and suffix of a printed act: "2014/30/EU", "(EU) 2015/863", "EU 2015/863"."""
    m = _ACT_RE.search(text)
    if not m:
        return None
    suffix = (m.group(1) or m.group(2) or m.group(5) or "").upper() or None
    return ActRef(m.group(3), m.group(4), suffix)


def act_key(printed: str) -> tuple[str, str] | None:
    ref = act_ref(printed)
    return ref.key if ref else None


@dataclass(frozen=True, slots=True)
class StandardRef:
    core: str  # "55032", "61000-3-2", "301 489-1", "CISPR 22": organisation prefixes dropped
    year: str | None
    edition_marked: bool  # a year, an ETSI version or "ed.N" is printed


_STD_NUMBER = re.compile(
    r"CISPR\s*-?\s*(?P<cispr>\d{1,2})"
    r"|(?P<etsi>\d{3}\s\d{3}(?:-\d+)*)"
    r"|(?P<num>\d{4,5}(?:-\d{1,2}(?!\d))*)"
)
_YEAR = re.compile(r"(?<!\d)(19[6-9]\d|20\d\d)(?!\d)")


def standard_ref(printed: str) -> StandardRef | None:
    """The comparable parts of a printed standard, or None when no standard number is in it."""
    text = printed.upper()
    m = _STD_NUMBER.search(text)
    if not m:
        return None
    core = f"CISPR {int(m.group('cispr'))}" if m.group("cispr") else m.group("etsi") or m.group("num")
    rest = text[m.end() :]
    year = _YEAR.search(rest)
    edition = bool(year) or bool(re.search(r"\bV\d+\.\d+|\bED(?:ITION)?\.?\s*\d|\bEDITION\b", rest))
    return StandardRef(core, year.group(1) if year else None, edition)


def _core_matches(core: str, prefix: str) -> bool:
    """Whether a standard is under a family prefix: "61000-3-2" under "61000-3"; "55022" not under "5502"."""
    return core == prefix or core.startswith(prefix + "-")


def standard_families(core: str) -> set[str]:
    """Families (EMC, LVD, ROHS, RED, EMF …) a standard's core number belongs to."""
    return {
        family
        for family, prefixes in tables.standards().families.items()
        if any(_core_matches(core, p) for p in prefixes)
    }


def withdrawn_standard(ref: StandardRef) -> tables.WithdrawnStandard | None:
    for entry in tables.standards().withdrawn:
        if any(_core_matches(ref.core, c) for c in entry.cores) and (
            entry.years is None or ref.year in entry.years
        ):
            return entry
    return None


# ---------------------------------------------------------------------------------------------
# RoHS substances and results


@cache
def _substance_names() -> dict[str, str]:
    return {fold(n): s.symbol for s in tables.annex2().substances for n in (*s.names, s.symbol)}


def substance_symbol(name: str) -> str | None:
    """Annex II symbol for a printed substance name ("Lead (Pb)", "PBBs", "Cr6+")."""
    folded = fold(name)
    names = _substance_names()
    if folded in names:
        return names[folded]
    inner = re.search(r"\(([^)]+)\)", name)  # "Lead (Pb)"
    if inner and fold(inner.group(1)) in names:
        return names[fold(inner.group(1))]
    compact = folded.replace(" ", "")
    return next((sym for n, sym in names.items() if n.replace(" ", "") == compact), None)


def mg_per_kg(text: str | None) -> Decimal | None:
    """A printed concentration in mg/kg: "1000", "1,000 mg/kg", "0.1%", "100 ppm"."""
    if text is None:
        return None
    m = re.search(r"\d[\d,]*(?:\.\d+)?", str(text))
    if not m:
        return None
    value = Decimal(m.group(0).replace(",", ""))
    return value * 10000 if "%" in str(text) else value


class Result(StrEnum):
    BELOW = "below"  # ND, "<MDL", a number under the limit, "Pass"
    ABOVE = "above"
    UNKNOWN = "unknown"


_PASS_WORDS = {"nd", "n d", "not detected", "pass", "p", "ok", "negative", "bdl"}
_FAIL_WORDS = {"fail", "f", "failed", "detected above limit"}


def rohs_result(result: str | None, limit: Decimal) -> Result:
    """Whether a printed result is under the Annex II limit ("ND", "<2", "12", "Pass", "1300")."""
    if result is None:
        return Result.UNKNOWN
    folded = fold(result)
    if folded in _PASS_WORDS or str(result).strip().startswith("<"):
        return Result.BELOW
    if folded in _FAIL_WORDS:
        return Result.ABOVE
    value = mg_per_kg(result)
    if value is None:
        return Result.UNKNOWN
    return Result.ABOVE if value > limit else Result.BELOW
