"""Which kind of document this is, and why: titles, label vocabulary, and a few decisions of substance.

Score per type = best title cue (a heading on the first page that *is* the title scores far more than a
sentence that mentions it; a large font adds) + one point per distinct field whose label is printed.
The best type must clear `MIN_SCORE`, else the document is `unknown`. Then:

- an invoice is a `commercial_invoice` only when it is one for traded goods: titled "commercial
  invoice", or carrying at least `MIN_TRADE_CUES` words of the goods trade (HS code, Incoterm, port of
  loading, country of origin …). Bills for services or shop receipts (AWS, hosting, retail) are invoices
  but are none of the contract's documents: `unknown`, said so in the reason;
- a UK Declaration of Conformity (UKCA, UK Statutory Instruments, no EU directive cited) is not an EU
  DoC: `unknown`, said so; an EU DoC that also mentions UKCA stays a DoC;
- a lab's "Test Verification of Conformity" / "Certificate of Compliance" is a `lab_certificate`; a full
  lab report is a `test_report`; a manufacturer's own RoHS declaration is a `declaration_of_conformity`
  (RoHS Annex VI makes the manufacturer's declaration the EU DoC for RoHS), even when titled
  "Certificate of Compliance" (the maker declares, and no laboratory or test is named);
- a form whose labels are printed but whose values are not is `blank` (its type kept when clear).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from extractors import compliance
from extractors.datamodel import DocType, Page
from extractors.doctypes import Vocabulary, all_vocabularies
from extractors.doctypes.common import Parsed, parse_kind
from extractors.layout import (
    LabelHit,
    LabelIndex,
    PageLayout,
    Phrase,
    compile_terms,
    find_labels,
    label_value,
    median,
    page_layout,
    tokens_of,
)

MIN_SCORE = 6.0
MIN_TRADE_CUES = 2
#: The share of the first page's height where titles are printed.
TITLE_ZONE = 0.4
#: A form with at least this many labels of which fewer than `BLANK_FILLED` carry a value is blank.
BLANK_MIN_LABELS = 4
BLANK_FILLED = 0.3
BLANK_MIN_STRONG = 3
FORM_TYPES = {
    DocType.COMMERCIAL_INVOICE,
    DocType.PACKING_LIST,
    DocType.BILL_OF_LADING,
    DocType.CERTIFICATE_OF_ORIGIN,
}

#: A manufacturer speaking for itself, and the work of a laboratory: what tells a self-declaration
#: titled 'Certificate of Compliance' from a lab's certificate.
_DECLARES = re.compile(r"\b(?:hereby declares?|we declare|declares that|declare under)\b", re.I)
_LAB_WORK = re.compile(r"\b(?:test report|tested|laborator(?:y|ies)|testing|test results?)\b", re.I)
_TITLE_FULL = 10.0
#: Words after a title-like phrase that make it a label ('Invoice No.', 'Bill of Lading Date').
_LABEL_TAIL = {"no", "date", "ref", "reference", "type", "issued", "holder", "amount", "total", "value"}
_TITLE_PART = 4.0
_CJK = re.compile(r"[\u3400-\u9fff]")
_TITLE_ANYWHERE = 1.5


@dataclass
class Classification:
    doc_type: DocType
    score: float
    reason: str
    blank: bool


@dataclass(frozen=True, slots=True)
class _TitlePhrase:
    phrase: Phrase
    toks: tuple[str, ...]
    joined: str  # the tokens joined by NUL: one substring test rules out a title
    zone: bool  # printed in the title zone of the first page
    size: float  # font size relative to the page's median


@dataclass(frozen=True, slots=True)
class _TypeScore:
    doc_type: DocType
    title: float
    title_text: str | None
    fields: tuple[str, ...]

    @property
    def total(self) -> float:
        return self.title + len(self.fields)


def classify(pages: list[Page]) -> Classification:
    return classify_layouts([page_layout(p) for p in pages])


def classify_layouts(layouts: Sequence[PageLayout]) -> Classification:
    words = [w for lay in layouts for w in lay.page.words]
    if len(words) < 5:
        return Classification(DocType.UNKNOWN, 0.0, f"no readable text ({len(words)} words)", blank=True)
    text = " ".join(w.text for w in words)
    vocabs = all_vocabularies()
    titles = _title_phrases(layouts)
    scores = sorted(
        (_score(layouts, titles, v) for v in vocabs.values()), key=lambda s: s.total, reverse=True
    )
    best = scores[0]
    reason = _describe(best) + _runner_up(scores)
    if best.total < MIN_SCORE:
        return Classification(
            DocType.UNKNOWN, best.total, f"no type scored {MIN_SCORE}: best {reason}", False
        )
    doc_type, note = _decide(best, text, vocabs[best.doc_type])
    blank = doc_type is not DocType.UNKNOWN and _is_blank(layouts, vocabs[best.doc_type])
    if note:
        reason = f"{reason}; {note}"
    if blank:
        reason = f"{reason}; labels printed but almost no values: blank form"
    return Classification(doc_type, best.total, reason, blank)


def _score(layouts: Sequence[PageLayout], titles: Sequence[_TitlePhrase], vocab: Vocabulary) -> _TypeScore:
    title, title_text = _title_score(titles, vocab.classify.titles)
    hits = find_labels(layouts[:3], compile_terms(vocab.labels()))
    fields = tuple(sorted({h.field for h in hits}))
    return _TypeScore(vocab.doc_type, title, title_text, fields)


def _title_phrases(layouts: Sequence[PageLayout]) -> list[_TitlePhrase]:
    """The first pages' phrases as title candidates: the same for every type's titles."""
    out = []
    for lay in layouts[:2]:
        heights = [w.bottom - w.top for w in lay.page.words]
        typical = median(heights) or 1.0
        for row in lay.rows:
            for ph in row.phrases:
                zone = ph.bbox[1] <= TITLE_ZONE * lay.page.height and lay.number == layouts[0].number
                toks = tokens_of(ph.text)
                if toks:
                    out.append(_TitlePhrase(ph, toks, "\0".join(toks), zone, ph.height / typical))
    return out


def _title_score(phrases: Sequence[_TitlePhrase], titles: Sequence[str]) -> tuple[float, str | None]:
    best, best_text = 0.0, None
    title_tokens = _title_tokens(tuple(titles))
    for tp in phrases:
        ph, toks, zone, size = tp.phrase, tp.toks, tp.zone, tp.size
        for t in title_tokens:
            if not t or t[0] not in tp.joined:
                continue  # most phrases hold no word of a title: ruled out without comparing tokens
            at = _find_seq(toks, t)
            if at < 0:
                continue
            cover = len(t) / len(toks)
            if (at + len(t) < len(toks) and toks[at + len(t)] in _LABEL_TAIL) or re.search(
                r"[:：]\s*\S", ph.text
            ):
                cover = 0.0  # 'Bill of Lading Number', 'B/L: EGLV…' are labels, not titles
            if zone and cover >= 0.6:
                score = _TITLE_FULL * (1.5 if size >= 1.3 else 1.0)
            elif zone and cover >= 0.25:
                score = _TITLE_PART * (1.5 if size >= 1.3 else 1.0)
            else:
                score = _TITLE_ANYWHERE
            # Longer titles are more specific ('certificate of origin' over 'certificate').
            score += 0.1 * len(t)
            if score > best:
                best, best_text = score, ph.text
    return best, best_text


@lru_cache(maxsize=64)
def _title_tokens(titles: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(tokens_of(title) for title in titles)


def _find_seq(toks: Sequence[str], seq: Sequence[str]) -> int:
    n = len(seq)
    for i in range(len(toks) - n + 1):
        if all(_tok_eq(toks[i + k], seq[k]) for k in range(n)):
            return i
    return -1


def _tok_eq(printed: str, want: str) -> bool:
    if _CJK.search(want):
        return want in printed
    return printed == want


def _describe(s: _TypeScore) -> str:
    title = f"title '{s.title_text}' ({s.title:.1f})" if s.title_text else "no title"
    return f"{s.doc_type.value}: {title} + {len(s.fields)} labels ({', '.join(s.fields[:6])})"


def _runner_up(scores: Sequence[_TypeScore]) -> str:
    if len(scores) < 2:
        return ""
    r = scores[1]
    return f"; next {r.doc_type.value} {r.total:.1f} vs {scores[0].total:.1f}"


def _decide(best: _TypeScore, text: str, vocab: Vocabulary) -> tuple[DocType, str | None]:
    """The decisions of substance the module docstring lists."""
    low = text.lower()
    if best.doc_type is DocType.COMMERCIAL_INVOICE:
        cues = sorted({c for c in vocab.classify.trade_cues if _has_phrase(low, c)})
        titled = best.title_text is not None and "commercial" in best.title_text.lower()
        if not titled and len(cues) < MIN_TRADE_CUES and "商业发票" not in text:
            return DocType.UNKNOWN, (
                f"an invoice, but not for traded goods (trade cues: {cues or 'none'}): "
                "a service/retail invoice, not a commercial invoice"
            )
        return best.doc_type, f"trade cues: {', '.join(cues[:5]) or 'titled commercial invoice'}"
    if best.doc_type is DocType.DECLARATION_OF_CONFORMITY:
        uk = sorted({c for c in vocab.classify.uk_cues if _has_phrase(low, c)})
        eu = compliance.directives(text)
        if uk and not eu:
            return DocType.UNKNOWN, (
                f"a UK declaration (cues: {', '.join(uk[:4])}; no EU directive cited): not an EU Declaration "
                "of Conformity"
            )
    if best.doc_type is DocType.LAB_CERTIFICATE:
        declares = _DECLARES.search(text)
        if declares and not _LAB_WORK.search(text):
            return DocType.DECLARATION_OF_CONFORMITY, (
                f"titled a certificate, but the maker declares ('{declares.group(0)}') and no lab or test is "
                "named: a manufacturer's declaration"
            )
    return best.doc_type, None


def _has_phrase(low_text: str, phrase: str) -> bool:
    return re.search(r"(?<![a-z])" + re.escape(phrase) + r"(?![a-z])", low_text) is not None


def _is_blank(layouts: Sequence[PageLayout], vocab: Vocabulary) -> bool:
    """A trade form (invoice, packing list, B/L, CO) whose labels carry almost no values of their kind:
    fewer than `BLANK_MIN_STRONG` numbers, dates or codes, or under `BLANK_FILLED` of its labels filled.
    Labels of every type bound the values, so a blank form's next label is not read as a value.
    Compliance documents are sentences more than forms, and are not judged blank."""
    if vocab.doc_type not in FORM_TYPES:
        return False
    every = {
        f"{t.value}.{name}": labels
        for t, v in all_vocabularies().items()
        for name, labels in v.labels().items()
    }
    all_hits = find_labels(layouts, compile_terms(every))
    mine = [h for h in all_hits if h.field.startswith(f"{vocab.doc_type.value}.")]
    if len(mine) < BLANK_MIN_LABELS:
        return False
    index = LabelIndex(layouts, all_hits)
    values = [(h, _value_of(index, h, vocab)) for h in mine]
    strong = {h.field for h, p in values if p is not None and _strong(p.value)}
    filled = sum(1 for _, p in values if p is not None)
    return len(strong) < BLANK_MIN_STRONG or filled / len(mine) < BLANK_FILLED


def _value_of(index: LabelIndex, hit: LabelHit, vocab: Vocabulary) -> Parsed | None:
    value = label_value(index, hit, 1)
    if value is None or value.text.rstrip().endswith((":", "：")):
        return None
    return parse_kind(vocab.fields[hit.field.split(".", 1)[1]].kind, value.line_texts)


def _strong(value: object) -> bool:
    """A value a blank form does not print: a number, a date, or a code with digits (not a box number)."""
    text = str(value)
    return bool(re.search(r"\d", text)) and len(re.sub(r"\W", "", text)) >= 3
