"""Typed entities in text: dates, amounts, quantities, codes, Union acts, standards, parties.

Two matchers share the work. spaCy's tokenizer splits exactly the values that matter
("2014/30/EU" → "2014/30", "/", "EU"; "EN 55014-1:2017+A11:2020" → four tokens), and text
layers glue words ("RoHSDirective2011/65/EUand"), so shaped values are found by character
patterns over the raw text — the same ones the normalisers and compliance parsers use — and
keep their exact offsets. Closed vocabularies (Incoterms, currency codes) are token patterns of
a blank spaCy pipeline's EntityRuler. Overlaps are resolved longest-first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.language import Language

from extractors import compliance
from extractors.normalize import (
    COMMON_CURRENCIES,
    NUMBER_PATTERN,
    VOLUME_UNITS,
    WEIGHT_UNITS,
    date_matches,
    number_word_pattern,
    parse_currency,
)

LABELS = (
    "DATE",
    "AMOUNT",
    "WEIGHT",
    "VOLUME",
    "COUNT",
    "CONTAINER",
    "HS_CODE",
    "DIRECTIVE",
    "REGULATION",
    "STANDARD",
    "NB_NUMBER",
    "INCOTERM",
    "CURRENCY",
    "PARTY",
)


@dataclass(frozen=True)
class Entity:
    label: str
    text: str
    start: int  # character offsets into the text
    end: int


Found = tuple[int, int]  # (start, end)

# ---------------------------------------------------------------------------------------------
# character patterns

_CURRENCY_TOKEN = r"US\$|HK\$|CN¥|JP¥|RMB|[€£¥￥$]|[A-Z]{3}"
_AMOUNT_RE = re.compile(
    rf"(?<![A-Za-z])(?P<cur>{_CURRENCY_TOKEN})[ \t]?{NUMBER_PATTERN}"
    rf"|{NUMBER_PATTERN}[ \t]?(?P<cur2>€|[A-Z]{{3}})(?![A-Za-z])"
)
_WEIGHT_RE = re.compile(rf"(?i){NUMBER_PATTERN}[ \t]?(?:{WEIGHT_UNITS})(?![^\W\d_])")
_VOLUME_RE = re.compile(rf"(?i){NUMBER_PATTERN}[ \t]?(?:{VOLUME_UNITS})(?![^\W\d_])")
_PACKAGE_UNITS = (
    r"ctns?|cartons?|pcs|pieces?|pkgs?|packages?|pallets?|plts?|bales?|bags?|box(?:es)?|cases?|crates?"
    r"|drums?|rolls?|sets?|units?|bundles?|skids?|coils?|reels?"
)
_NUMBER_WORDS = number_word_pattern()
# Number words are bounded (no count needs more than a dozen) so a long run of them stays linear.
_WORDS_RUN = rf"(?:{_NUMBER_WORDS})(?:[ \t-]+(?:{_NUMBER_WORDS})){{0,11}}"
_COUNT_RE = re.compile(
    rf"(?i)(?<![\w-])(?:{_WORDS_RUN}[ \t]*)?\(?{NUMBER_PATTERN}\)?[ \t]?(?:{_PACKAGE_UNITS})(?![^\W\d_])"
    rf"|(?<![\w-]){_WORDS_RUN}[ \t]+(?:{_PACKAGE_UNITS})(?![^\W\d_])"
)

# A party name ends in a legal-form suffix; its words run back along the line while they are
# capitalised (or short connectors inside a name). Label words before it are not part of it.
_LEGAL_FORMS = (
    r"Co\.?,?[ \t]*Ltd\.?|CO\.?,?[ \t]*LTD\.?|Co\.?,?[ \t]*Limited|CO\.?,?[ \t]*LIMITED"
    r"|Pte\.?[ \t]*Ltd\.?|PTE\.?[ \t]*LTD\.?|Pty\.?[ \t]*Ltd\.?|PTY\.?[ \t]*LTD\.?"
    r"|Ltd\.?|LTD\.?|Limited|LIMITED|L\.L\.C\.|LLC|Inc\.?|INC\.?|Corp\.?|CORP\.?|Corporation|CORPORATION"
    r"|PLC|plc|GmbH(?:[ \t]*&[ \t]*Co\.?[ \t]*KG)?|GMBH|AG|KGaA|KG|OHG|e\.K\."
    r"|S\.A\.S\.?|SAS|S\.A\.R\.L\.?|SARL|S\.A\.|SA|S\.r\.l\.?|SRL|S\.R\.L\.?|S\.p\.A\.?|SpA|S\.L\.U?\.?"
    r"|B\.V\.?|BV|N\.V\.?|NV|a\.s\.?|A\.S\.|s\.r\.o\.?|S\.R\.O\.?|spol\.[ \t]*s[ \t]*r\.[ \t]*o\.?"
    r"|d\.o\.o\.?|D\.O\.O\.?|Sp\.[ \t]*z[ \t]*o\.[ \t]*o\.?|Kft\.?|Zrt\.?|Oyj?|AB|A/S|ApS|OÜ|UAB|SIA|Lda\.?"
    r"|Co\.|CO\."
)
_NAME_WORD = r"(?:[A-Z(][\w&'’.()-]*|\([\w .&-]+\)|&|of|de|du|des|der|für|und|van|la|del|e)"
# Found from its legal form backwards, so text without legal forms costs one scan. The legal form
# stands apart, except in the glued "ServiceCo.,Ltd." of some text layers.
_LEGAL_FORM_RE = re.compile(rf"(?:(?<=[ \t,])|(?<=[a-z])(?=Co\.?,[ \t]*Ltd))(?:{_LEGAL_FORMS})(?![\w])")
_NAME_BEFORE_RE = re.compile(
    rf"(?<![\w.])[A-Z(][\w&'’.()-]*(?:[ \t]*,?[ \t]+{_NAME_WORD}){{0,10}}?[ \t]*,?[ \t]*$"
)
_LABEL_WORDS = re.compile(
    r"^(?:(?:manufacturer|applicant|shipper|consignee|exporter|importer|seller|buyer|holder|issuer"
    r"|laboratory|client|customer|supplier|name|company|messrs\.?|we|by|to|from|notify|party|signed"
    r"|invoice|packing|list|bill|lading|certificate|declaration|report|registered"
    r"|on|behalf|of|for|and|the|address)[ \t:,]+)+",
    re.IGNORECASE,
)
# Label words may be all there was before the legal form ("Company Ltd."): then there is no name.
_SUFFIX_ONLY = re.compile(rf"^(?:{_LEGAL_FORMS})$")


def _amounts(text: str) -> Iterator[Found]:
    # only the currencies of trade paperwork: "KGS 5120" is no Kyrgyz som, "ALL 2020" no lek
    for m in _AMOUNT_RE.finditer(text):
        if parse_currency(m["cur"] or m["cur2"]) in COMMON_CURRENCIES:
            yield m.start(), m.end()


def _regex(pattern: re.Pattern[str]) -> Callable[[str], Iterator[Found]]:
    return lambda text: ((m.start(), m.end()) for m in pattern.finditer(text))


_NAME_REACH = 240


def _parties(text: str) -> Iterator[Found]:
    previous_end = 0
    for form in _LEGAL_FORM_RE.finditer(text):
        # a name is at most eleven words: look no further back than that along its line; nor
        # past the name before it, unless this one continues it ("Marine Corp. (Taiwan) Ltd.")
        line_start = max(text.rfind("\n", 0, form.start()) + 1, form.start() - _NAME_REACH)
        if previous_end > line_start and not text[previous_end : form.start()].lstrip().startswith("("):
            line_start = previous_end
        name = _NAME_BEFORE_RE.search(text, line_start, form.start())
        if name is None:
            continue
        lead = _LABEL_WORDS.match(name.group())
        start = name.start() + (lead.end() if lead else 0)
        if start < form.start() and not _SUFFIX_ONLY.match(text[start : form.end()]):
            previous_end = form.end()
            yield start, form.end()


def _spans(spans: Callable[[str], list[compliance.Span]]) -> Callable[[str], Iterator[Found]]:
    return lambda text: ((start, end) for start, end, _ in spans(text))


def _acts(kind: str) -> Callable[[str], Iterator[Found]]:
    return lambda text: ((a.start, a.end) for a in compliance.act_matches(text) if a.kind == kind)


def _standards(text: str) -> Iterator[Found]:
    for m in compliance.STANDARD_RE.finditer(text):
        yield m.start(), m.end() - (len(m.group()) - len(m.group().rstrip(" \t,")))


_CHARACTER_FINDERS: dict[str, Callable[[str], Iterator[Found]]] = {
    "DATE": lambda text: ((start, end) for start, end, _ in date_matches(text)),
    "AMOUNT": _amounts,
    "WEIGHT": _regex(_WEIGHT_RE),
    "VOLUME": _regex(_VOLUME_RE),
    "COUNT": _regex(_COUNT_RE),
    "CONTAINER": _spans(compliance.container_spans),
    "HS_CODE": _spans(compliance.hs_code_spans),
    "DIRECTIVE": _acts("directive"),
    "REGULATION": _acts("regulation"),
    "STANDARD": _standards,
    "NB_NUMBER": _spans(compliance.notified_body_spans),
    "PARTY": _parties,
}

# ---------------------------------------------------------------------------------------------
# spaCy token patterns

_TOKEN_LABELS = ("INCOTERM", "CURRENCY")
_TERMS = (*compliance.INCOTERMS_2020, "DAT", "DAF", "DDU", "CNF", "C&F")
_CURRENCIES = ("USD", "EUR", "CNY", "RMB", "GBP", "JPY", "HKD", "CHF", "US$", "€", "£", "¥")
# The tokenizer is most of the pipeline's cost, so only lines holding a vocabulary word go to it.
_VOCABULARY_LINE_RE = re.compile(
    r"(?m)^.*(?:" + "|".join(re.escape(word) for word in (*_TERMS, *_CURRENCIES, "C & F")) + r").*$"
)


def _token_patterns() -> list[dict]:
    return [
        {"label": "INCOTERM", "pattern": [{"ORTH": {"IN": list(_TERMS)}}]},
        {
            "label": "INCOTERM",
            "pattern": [{"ORTH": {"IN": ["C", "c"]}}, {"ORTH": "&"}, {"ORTH": {"IN": ["F", "f"]}}],
        },
        {"label": "CURRENCY", "pattern": [{"ORTH": {"IN": list(_CURRENCIES)}}]},
    ]


@cache
def _nlp() -> Language:
    """A blank English pipeline with the token patterns; built once per process (~0.2 s)."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(_token_patterns())
    return nlp


def _token_entities(text: str, labels: Collection[str]) -> Iterator[tuple[str, int, int]]:
    if not labels:
        return
    lines = list(_VOCABULARY_LINE_RE.finditer(text))
    for line, doc in zip(lines, _nlp().pipe(m.group() for m in lines), strict=True):
        for ent in doc.ents:
            if ent.label_ in labels:
                yield ent.label_, line.start() + ent.start_char, line.start() + ent.end_char


# ---------------------------------------------------------------------------------------------
# merging


def _non_overlapping(found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Longest first, then earliest, then the order of LABELS; a shorter entity inside or across a
    kept one is dropped ("USD" inside "USD 16,440.00")."""
    rank = {label: i for i, label in enumerate(LABELS)}
    kept: list[tuple[str, int, int]] = []
    for label, start, end in sorted(found, key=lambda f: (f[1] - f[2], f[1], rank[f[0]])):
        if all(end <= s or start >= e for _, s, e in kept):
            kept.append((label, start, end))
    return sorted(kept, key=lambda f: f[1])


def find_entities(text: str, labels: Collection[str] | None = None) -> list[Entity]:
    """Typed entities in `text`, in order and not overlapping; `labels` restricts the search."""
    wanted = set(LABELS if labels is None else labels)
    unknown = wanted - set(LABELS)
    if unknown:
        raise ValueError(f"unknown entity labels {sorted(unknown)}; known: {', '.join(LABELS)}")
    found = [
        (label, start, end)
        for label, finder in _CHARACTER_FINDERS.items()
        if label in wanted
        for start, end in finder(text)
    ]
    found += _token_entities(text, wanted & set(_TOKEN_LABELS))
    return [Entity(label, text[start:end], start, end) for label, start, end in _non_overlapping(found)]
