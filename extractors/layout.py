"""Layout: a page's words as rows of phrases, labels found in them, and the value each label points at.

The chain is `page_layout` (words → rows → phrases, ruled segments sorted by direction) →
`find_labels` (vocabulary terms matched tolerantly at phrase starts) → `label_value` (the words a label
points at: the rest of its phrase, the next phrase on its row, or the lines below it, bounded by the
label's ruled box when there is one). Nothing here knows a document type; the vocabularies come from
`extractors/vocab/*.toml`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from rapidfuzz.distance import Levenshtein

from extractors.datamodel import BBox, Page, Word

#: Two words are on one row when their vertical centres differ by less than this share of word height.
DEFAULT_ROW_TOLERANCE = 0.5
#: A horizontal gap wider than this many word heights starts a new phrase (a new column or form field).
DEFAULT_PHRASE_GAP = 1.6
#: Lines further below than this many line heights are not part of the same value.
DEFAULT_LINE_GAP = 1.2
#: Lines of a value printed double-spaced: allowed only when aligned exactly with its first line.
DOUBLE_SPACED_GAP = 2.2
#: A value to the right of its label may start at most this share of the page width away.
DEFAULT_MAX_RIGHT_GAP = 0.45
#: Ruled segments may miss a word's edge by this many points and still bound it.
SEGMENT_SLACK = 2.0

#: Box numbering printed before a label: '1.', '(2)', 'a)', 'Box'.
NUMBERING = re.compile(r"^(\(?\d{1,2}[.)]|\(\d{1,2}\)|\(?[a-z][.)]|box)$", re.I)
_SEPARATORS = {"-", "–", "—", "/", "|", "•"}
_NOTE = re.compile(r"^\s*\(.*\)[.:]?\s*$")
_EMPTY_MARK = re.compile(r"^\s*(?:[-–—/]+|n/?a|none|nil)\s*$", re.I)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_GLUE = re.compile(r"^(.*?[A-Za-z\u3400-\u9fff.)][:：])(\S.*)$")
_NUMBER_WORDS = {"no", "nos", "number", "num", "nr", "n°", "nº", "#", "no°"}
#: OCR letter confusions inside alphabetic label words (the word must still fuzzily match a term).
_OCR_FIXES = str.maketrans({"0": "o", "1": "l", "|": "l", "5": "s", "$": "s", "€": "e"})


@dataclass(frozen=True, slots=True)
class Phrase:
    """Words on one row with no wide gap between them: a label, a value, or both."""

    page: int
    row: int
    index: int
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def bbox(self) -> BBox:
        return union_bbox(self.words)

    @property
    def height(self) -> float:
        return median([w.bottom - w.top for w in self.words])


@dataclass(frozen=True, slots=True)
class Row:
    page: int
    index: int
    phrases: tuple[Phrase, ...]

    @property
    def words(self) -> tuple[Word, ...]:
        return tuple(w for p in self.phrases for w in p.words)

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.phrases)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)


@dataclass(slots=True)
class PageLayout:
    """One page as rows of phrases plus its ruled lines split by direction."""

    page: Page
    rows: list[Row]
    horizontals: list[BBox] = field(default_factory=list)
    verticals: list[BBox] = field(default_factory=list)
    #: Built on first use by `label_sites`: label finding runs once per vocabulary on the same page.
    sites: list[LabelSite] | None = field(default=None, repr=False, compare=False)

    @property
    def number(self) -> int:
        return self.page.number


@dataclass(frozen=True, slots=True)
class LabelHit:
    """A vocabulary term found on a page: words [start, end) of one phrase."""

    field: str
    term: str
    page: int
    row: int
    phrase: int
    start: int
    end: int
    bbox: BBox
    exact: bool
    #: Printed with a colon ('Name:'): a label for sure, not a heading that starts like one.
    colon: bool = False
    #: Ends a value printed before it: a colon, two or more words, or alone in its phrase. A bare
    #: 'No.' inside 'NO. 318 XINXING ROAD' is an address, not the next field.
    strong: bool = True
    #: The wrapped second line of a label: it marks label words but points at no value of its own.
    wrap: bool = False
    #: Where the label's phrase starts: a column header naming two fields ('Gross Weight /
    #: Measurement') heads one column of values.
    column_x0: float | None = None
    #: Printed at the start of its phrase, not after another label's separator.
    at_start: bool = True


@dataclass(frozen=True, slots=True)
class Value:
    """The words a label points at, line by line, and how they were found."""

    page: int
    lines: tuple[tuple[Word, ...], ...]
    how: str  # "inline" | "right" | "below" | "box"

    @property
    def words(self) -> tuple[Word, ...]:
        return tuple(w for line in self.lines for w in line)

    @property
    def line_texts(self) -> list[str]:
        return [" ".join(w.text for w in line) for line in self.lines]

    @property
    def text(self) -> str:
        return " ".join(self.line_texts)

    @property
    def bbox(self) -> BBox:
        return union_bbox(self.words)

    @property
    def conf(self) -> float:
        return min((w.conf for w in self.words), default=0.0)


# --- geometry helpers -------------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def union_bbox(words: Iterable[Word]) -> BBox:
    ws = list(words)
    return (min(w.x0 for w in ws), min(w.top for w in ws), max(w.x1 for w in ws), max(w.bottom for w in ws))


# --- words → rows → phrases -------------------------------------------------------------------


def split_glued_word(word: Word) -> list[Word]:
    """'No.:CTC2206' → 'No.:' + 'CTC2206', sharing the box in proportion to characters."""
    m = _GLUE.match(word.text)
    if not m or not m.group(2).strip(":："):
        return [word]
    head, tail = m.group(1), m.group(2)
    cut = word.x0 + (word.x1 - word.x0) * len(head) / len(word.text)
    return [
        Word(head, word.x0, word.top, cut, word.bottom, word.conf),
        *split_glued_word(Word(tail, cut, word.top, word.x1, word.bottom, word.conf)),
    ]


def words_to_rows(words: Sequence[Word], tolerance: float = DEFAULT_ROW_TOLERANCE) -> list[list[Word]]:
    """Group words whose vertical centres agree, top to bottom, each row left to right."""
    rows: list[list[Word]] = []
    centres: list[float] = []
    for w in sorted(words, key=lambda w: ((w.top + w.bottom) / 2, w.x0)):
        centre, height = (w.top + w.bottom) / 2, max(w.bottom - w.top, 1.0)
        if rows and abs(centre - centres[-1]) <= tolerance * height:
            rows[-1].append(w)
            centres[-1] = median([(x.top + x.bottom) / 2 for x in rows[-1]])
        else:
            rows.append([w])
            centres.append(centre)
    return [sorted(r, key=lambda w: w.x0) for r in rows]


def row_to_phrase_words(
    row: Sequence[Word], verticals: Sequence[BBox], gap: float = DEFAULT_PHRASE_GAP
) -> list[list[Word]]:
    """Split a row where the gap is wide or a ruled vertical line runs between two words."""
    phrases: list[list[Word]] = []
    for w in row:
        if phrases:
            prev = phrases[-1][-1]
            height = max(min(prev.bottom - prev.top, w.bottom - w.top), 1.0)
            wide = w.x0 - prev.x1 > gap * height
            if wide or _ruled_between(prev, w, verticals):
                phrases.append([w])
                continue
            phrases[-1].append(w)
        else:
            phrases.append([w])
    return phrases


def _ruled_between(a: Word, b: Word, verticals: Sequence[BBox]) -> bool:
    mid_top, mid_bottom = max(a.top, b.top), min(a.bottom, b.bottom)
    return any(
        a.x1 - SEGMENT_SLACK <= (v[0] + v[2]) / 2 <= b.x0 + SEGMENT_SLACK
        and v[1] <= mid_bottom
        and v[3] >= mid_top
        for v in verticals
    )


def split_segments(page: Page) -> tuple[list[BBox], list[BBox]]:
    """Ruled lines as (horizontals, verticals); very short ones are glyph strokes, not rules."""
    horizontals, verticals = [], []
    for s in page.segments:
        if s.horizontal and s.x1 - s.x0 >= 8:
            horizontals.append((s.x0, s.top, s.x1, s.bottom))
        elif not s.horizontal and s.bottom - s.top >= 8:
            verticals.append((s.x0, s.top, s.x1, s.bottom))
    return horizontals, verticals


def page_layout(page: Page) -> PageLayout:
    horizontals, verticals = split_segments(page)
    words = [part for w in page.words if w.text.strip() for part in split_glued_word(w)]
    rows = []
    for i, row_words in enumerate(words_to_rows(words)):
        phrases = tuple(
            Phrase(page.number, i, j, tuple(ws))
            for j, ws in enumerate(row_to_phrase_words(row_words, verticals))
        )
        rows.append(Row(page.number, i, phrases))
    return PageLayout(page, rows, horizontals, verticals)


# --- label matching ---------------------------------------------------------------------------


def normalise_token(text: str) -> str:
    """Case, accents, surrounding punctuation and the many spellings of 'number' folded away."""
    t = unicodedata.normalize("NFKC", text).lower().strip()
    t = re.sub(r"\(s\)(?=[.:：]*$)", "", t)  # 'Model(s):' is 'Model:'
    t = t.strip(".…:：;,()[]{}'\"*_-–—/\\|")
    if t in _NUMBER_WORDS or t.rstrip(".") in _NUMBER_WORDS:
        return "no"
    if t.isalpha() or not any(c.isalpha() for c in t):
        return t
    # An alphabetic word with a digit or symbol in it is usually OCR noise ('lnv0ice').
    letters = sum(c.isalpha() for c in t)
    return t.translate(_OCR_FIXES) if letters >= len(t) - 2 and len(t) >= 4 else t


@lru_cache(maxsize=1 << 16)
def tokens_of(text: str) -> tuple[str, ...]:
    """Label tokens: words split at CJK/Latin boundaries and at slashes between words.

    Cached: classification matches every type's vocabulary against the same lines.
    """
    out: list[str] = []
    for raw in text.split():
        for part in re.split(
            r"(?<=[\u3400-\u9fff])(?=[^\u3400-\u9fff])|(?<=[^\u3400-\u9fff])(?=[\u3400-\u9fff])", raw
        ):
            for piece in re.split(r"(?<=[a-z.])[/-](?=[a-z])", part, flags=re.I):
                tok = normalise_token(piece)
                if tok:
                    out.append(tok)
    return tuple(out)


@lru_cache(maxsize=1 << 18)
def tokens_match(printed: str, term: str) -> tuple[bool, bool]:
    """(matches, exactly): OCR-tolerant for long Latin words, prefix match for CJK terms."""
    if printed == term:
        return True, True
    if _CJK.search(term):
        return printed.startswith(term), False
    if len(term) >= 5 and len(printed) >= 5 and printed.isalpha():
        return Levenshtein.distance(printed, term) <= 1, False
    return False, False


@dataclass(frozen=True, slots=True)
class Term:
    field: str
    text: str
    tokens: tuple[str, ...]


class Terms:
    """A vocabulary's terms, longest first (so 'port of discharge' wins over 'port'), indexed by the
    printed tokens each can start at: a phrase's token is compared with the few distinct first tokens
    once, not with every term at every position."""

    def __init__(self, terms: Iterable[Term]):
        self.terms = tuple(sorted(terms, key=lambda t: (-len(t.tokens), -len(t.text))))
        self._firsts = {t.tokens[0] for t in self.terms}
        # The only first tokens a printed token other than themselves can match (`tokens_match`):
        # CJK terms by prefix (keyed by their first character), long words by one edit (by length).
        self._cjk_firsts: dict[str, list[str]] = {}
        self._long_firsts: dict[int, list[str]] = {}
        for first in self._firsts:
            if _CJK.search(first):
                self._cjk_firsts.setdefault(first[0], []).append(first)
            if len(first) >= 5:
                self._long_firsts.setdefault(len(first), []).append(first)
        self.starting_at = lru_cache(maxsize=1 << 14)(self._starting_at)
        self.of_field = lru_cache(maxsize=None)(self._of_field)

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def _starting_at(self, printed: str) -> tuple[Term, ...]:
        """The terms, in order, whose first token `printed` matches (`tokens_match`): the exact one, a
        CJK prefix, or a long Latin word one edit away (only words of nearly its length can be)."""
        near = [
            f
            for n in (len(printed) - 1, len(printed), len(printed) + 1)
            for f in self._long_firsts.get(n, ())
        ]
        prefixes = self._cjk_firsts.get(printed[:1], ())
        firsts = {f for f in (printed, *prefixes, *near) if f in self._firsts and tokens_match(printed, f)[0]}
        return tuple(t for t in self.terms if t.tokens[0] in firsts) if firsts else ()

    def _of_field(self, name: str) -> Terms:
        return Terms(t for t in self.terms if t.field == name)


def compile_terms(vocabulary: dict[str, Sequence[str]]) -> Terms:
    return _compiled(tuple((name, tuple(texts)) for name, texts in vocabulary.items()))


@lru_cache(maxsize=256)
def _compiled(vocabulary: tuple[tuple[str, tuple[str, ...]], ...]) -> Terms:
    return Terms(
        Term(name, text, tokens_of(text)) for name, texts in vocabulary for text in texts if tokens_of(text)
    )


@dataclass(frozen=True, slots=True)
class _Tok:
    word: int  # index of the phrase word the token came from
    text: str


def _phrase_tokens(phrase: Phrase) -> list[_Tok]:
    return [_Tok(i, t) for i, w in enumerate(phrase.words) for t in tokens_of(w.text)]


def _match_at(toks: Sequence[_Tok], pos: int, term: Term) -> tuple[int, bool] | None:
    """End token index if `term` matches the tokens from `pos`, with whether every token was exact."""
    if pos + len(term.tokens) > len(toks):
        return None
    exact = True
    for k, want in enumerate(term.tokens):
        ok, ex = tokens_match(toks[pos + k].text, want)
        if not ok:
            return None
        exact = exact and ex
    return pos + len(term.tokens), exact


def _label_starts(phrase: Phrase, toks: Sequence[_Tok]) -> list[int]:
    """Token positions where a label may begin: the phrase start (after any box numbering), and
    right after a word ending in a colon (a second 'Label: value' pair packed into one phrase)."""
    starts, pos = [], 0
    while pos < len(toks) and NUMBERING.match(phrase.words[toks[pos].word].text):
        pos += 1
    starts.append(pos)
    for k in range(1, len(toks)):
        prev_word = phrase.words[toks[k - 1].word].text
        if toks[k].word != toks[k - 1].word and (
            prev_word.endswith((":", "：", ";")) or prev_word in _SEPARATORS
        ):
            starts.append(k)
        elif toks[k].word - toks[k - 1].word == 2 and phrase.words[toks[k].word - 1].text in _SEPARATORS:
            starts.append(k)  # 'NON-NEGOTIABLE - SWB No.', 'Gross Weight / Measurement'
    return starts


@dataclass(frozen=True, slots=True)
class LabelSite:
    """What finding labels needs of a phrase, whatever the vocabulary: its tokens, where a label may
    start, and the phrase below that a label wrapped over two lines would continue on."""

    phrase: Phrase
    toks: tuple[_Tok, ...]
    starts: tuple[int, ...]
    below: Phrase | None
    joined: tuple[_Tok, ...]  # `toks`, then the tokens of `below`


def label_sites(layout: PageLayout) -> list[LabelSite]:
    if layout.sites is None:
        layout.sites = [_site(layout, phrase) for row in layout.rows for phrase in row.phrases]
    return layout.sites


def _site(layout: PageLayout, phrase: Phrase) -> LabelSite:
    toks = _phrase_tokens(phrase)
    below = _phrase_below(layout, phrase)
    more = _phrase_tokens(below) if below is not None else []
    joined = (*toks, *(_Tok(len(phrase.words) + t.word, t.text) for t in more)) if more else ()
    return LabelSite(phrase, tuple(toks), tuple(_label_starts(phrase, toks)), below, joined)


def find_labels(layouts: Sequence[PageLayout], terms: Terms) -> list[LabelHit]:
    """Every label found, in reading order; adjacent hits for one field (bilingual pairs) merged, and
    labels wrapped over two lines of a narrow cell ('Name and address of the / manufacturer') found."""
    hits: list[LabelHit] = []
    wrapped: set[tuple[int, int, int]] = set()
    for layout in layouts:
        for site in label_sites(layout):
            phrase = site.phrase
            if (phrase.page, phrase.row, phrase.index) in wrapped:
                continue  # the wrapped tail of a label found on the line above
            found = _wrapped_labels(site, terms) or _phrase_labels(site, terms)
            wrapped.update((h.page, h.row, h.phrase) for h in found if h.wrap)
            hits.extend(found)
    return hits


def _phrase_below(layout: PageLayout, phrase: Phrase) -> Phrase | None:
    """The phrase that continues `phrase` on the next line: left-aligned with it and close under it."""
    height = phrase.height or 1.0
    for row in layout.rows[phrase.row + 1 : phrase.row + 2]:
        if row.top - phrase.bbox[3] > 0.8 * height:
            return None
        for nxt in row.phrases:
            if abs(nxt.words[0].x0 - phrase.words[0].x0) <= SEGMENT_SLACK * 2:
                return nxt
    return None


def _wrapped_labels(site: LabelSite, terms: Terms) -> list[LabelHit]:
    """A label whose last words wrapped onto the next line: a hit on each line, the second one only
    marking its words as label (`wrap`), so that neither line is read as a value."""
    phrase, below, toks, joined, starts = site.phrase, site.below, site.toks, site.joined, site.starts
    if below is None or not joined or not toks or not starts:
        return []
    matches = _terms_at(joined, starts[0], terms)
    if not matches or matches[0][0] <= len(toks):
        return []
    end_tok, term, exact = matches[0]
    tail_end = joined[end_tok - 1].word - len(phrase.words) + 1
    start_w = toks[starts[0]].word
    return [
        LabelHit(
            term.field,
            term.text,
            phrase.page,
            phrase.row,
            phrase.index,
            start_w,
            len(phrase.words),
            union_bbox(phrase.words[start_w:]),
            exact,
            strong=True,
        ),
        LabelHit(
            term.field,
            term.text,
            below.page,
            below.row,
            below.index,
            0,
            tail_end,
            union_bbox(below.words[:tail_end]),
            exact,
            strong=True,
            wrap=True,
        ),
    ]


def _phrase_labels(site: LabelSite, terms: Terms) -> list[LabelHit]:
    phrase, toks, starts = site.phrase, site.toks, site.starts
    hits: list[LabelHit] = []
    taken_until = -1
    for pos in starts:
        if pos <= taken_until:
            continue
        matches = _terms_at(toks, pos, terms)
        if not matches:
            continue
        end_tok = matches[0][0]
        for field_name in dict.fromkeys(t.field for _, t, _ in matches):
            term, exact = next((t, ex) for _, t, ex in matches if t.field == field_name)
            field_end = _label_tail(phrase, toks, end_tok, terms.of_field(field_name))
            start_w, end_w = toks[pos].word, toks[field_end - 1].word + 1
            colon = phrase.words[end_w - 1].text.endswith((":", "：", "…", "..")) or _leader_colon(
                phrase, end_w
            )
            strong = (
                colon
                or field_end - pos >= 2
                or not any(ch.isalnum() for w in phrase.words[end_w:] for ch in w.text)
            )
            hits.append(
                LabelHit(
                    field_name,
                    term.text,
                    phrase.page,
                    phrase.row,
                    phrase.index,
                    start_w,
                    end_w,
                    union_bbox(phrase.words[start_w:end_w]),
                    exact,
                    colon,
                    strong,
                    column_x0=phrase.words[toks[starts[0]].word].x0 if starts else None,
                    at_start=pos == starts[0] or not hits,
                )
            )
            taken_until = max(taken_until, field_end - 1)
    return hits


def _label_tail(phrase: Phrase, toks: Sequence[_Tok], end: int, same_field: Terms) -> int:
    """Extend a label over what belongs to it: more terms of the same field (bilingual labels,
    '买方 Buyer / Messrs.') and a parenthetical note ('Consignee (if To Order so indicate)')."""
    while True:
        more = _terms_at(toks, end, same_field)
        if more:
            end = more[0][0]
            continue
        if end < len(toks) and phrase.words[toks[end].word].text.startswith("("):
            last_word = next(
                (
                    toks[k].word
                    for k in range(end, len(toks))
                    if phrase.words[toks[k].word].text.rstrip(":.").endswith(")")
                ),
                None,
            )
            if last_word is not None:
                end = max(k for k in range(len(toks)) if toks[k].word == last_word) + 1
                continue
        return end


def _leader_colon(phrase: Phrase, end: int) -> bool:
    """'Label ........ :': a colon after dot leaders still marks the label."""
    for w in phrase.words[end:]:
        if w.text.startswith((":", "：")):
            return True
        if any(ch.isalnum() for ch in w.text):
            return False
    return False


def _terms_at(toks: Sequence[_Tok], pos: int, terms: Terms) -> list[tuple[int, Term, bool]]:
    """The terms matching longest at `pos` (several fields may share one label, 'Place and date')."""
    if pos >= len(toks):
        return []
    found: list[tuple[int, Term, bool]] = []
    for term in terms.starting_at(toks[pos].text):
        m = _match_at(toks, pos, term)
        if m is None:
            continue
        end, exact = m
        # A term must cover whole words: 'Port' must not match the first half of 'Port-of-Loading:'.
        if end < len(toks) and toks[end].word == toks[end - 1].word and not _CJK.search(term.text):
            continue
        found.append((end, term, exact))
    if not found:
        return []
    best = max(end for end, _, _ in found)
    return sorted((f for f in found if f[0] == best), key=lambda f: not f[2])


# --- boxes ------------------------------------------------------------------------------------


def enclosing_box(layout: PageLayout, bbox: BBox) -> BBox | None:
    """The ruled cell around `bbox`: nearest rules above, below, left and right of its centre.
    A cell needs rules above and below and at least one side; the page edge stands in for the other."""
    cx, cy = (bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2
    above = [
        h[3]
        for h in layout.horizontals
        if h[0] - SEGMENT_SLACK <= cx <= h[2] + SEGMENT_SLACK and h[3] <= bbox[1] + SEGMENT_SLACK
    ]
    below = [
        h[1]
        for h in layout.horizontals
        if h[0] - SEGMENT_SLACK <= cx <= h[2] + SEGMENT_SLACK and h[1] >= bbox[3] - SEGMENT_SLACK
    ]
    if not above or not below:
        return None
    top, bottom = max(above), min(below)
    left = [
        v[2]
        for v in layout.verticals
        if v[1] - SEGMENT_SLACK <= cy <= v[3] + SEGMENT_SLACK and v[2] <= bbox[0] + SEGMENT_SLACK
    ]
    right = [
        v[0]
        for v in layout.verticals
        if v[1] - SEGMENT_SLACK <= cy <= v[3] + SEGMENT_SLACK and v[0] >= bbox[2] - SEGMENT_SLACK
    ]
    if not left and not right:
        return None  # rules above and below only: a band between sections, not a cell
    return (max(left, default=0.0), top, min(right, default=layout.page.width), bottom)


def inside(word: Word, box: BBox) -> bool:
    cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


# --- label → value ----------------------------------------------------------------------------


@dataclass
class LabelIndex:
    """All label hits of a document, so a value stops where the next label begins."""

    layouts: Sequence[PageLayout]
    hits: Sequence[LabelHit]

    @cached_property
    def _label_words(self) -> set[tuple[int, int, int, int]]:
        return {(h.page, h.row, h.phrase, i) for h in self.hits if h.strong for i in range(h.start, h.end)}

    @cached_property
    def _field_starts(self) -> set[tuple[int, int, int]]:
        return {(h.page, h.row, h.phrase) for h in self.hits if h.strong and not h.wrap}

    def is_label(self, page: int, row: int, phrase: int, word: int) -> bool:
        return (page, row, phrase, word) in self._label_words

    def under_a_label(self, phrase: Phrase) -> bool:
        """Whether the phrase sits right under a label printed alone (that label's value below it)."""
        h = phrase.height or 1.0
        return any(
            h_.page == phrase.page
            and phrase.row - 2 <= h_.row < phrase.row
            and abs(h_.bbox[0] - phrase.words[0].x0) <= 2 * h
            and self._alone.get((h_.page, h_.row, h_.phrase), False)
            for h_ in self.hits
            if h_.strong and not h_.wrap
        )

    @cached_property
    def _alone(self) -> dict[tuple[int, int, int], bool]:
        """Phrases that are nothing but a label (its value is elsewhere: right or below)."""
        out: dict[tuple[int, int, int], bool] = {}
        for h in self.hits:
            phrase = self.layout(h.page).rows[h.row].phrases[h.phrase]
            rest = phrase.words[h.end :]
            out[(h.page, h.row, h.phrase)] = h.start <= 1 and not any(
                ch.isalnum() for w in rest for ch in w.text
            )
        return out

    def has_field_label(self, phrase: Phrase) -> bool:
        """Whether a label of a field (not the wrapped tail of one) is printed in the phrase."""
        return (phrase.page, phrase.row, phrase.index) in self._field_starts

    def layout(self, page: int) -> PageLayout:
        return next(lay for lay in self.layouts if lay.number == page)


def is_empty_mark(text: str) -> bool:
    """'-', 'N/A', 'none': printed to say the field has no value."""
    return bool(_EMPTY_MARK.match(text))


def label_value(index: LabelIndex, hit: LabelHit, max_lines: int = 1) -> Value | None:
    """The value a label points at: the first of `label_values`."""
    return next(label_values(index, hit, max_lines), None)


#: How far under the top of the cell below a label its value may start, in label heights.
UNDER_CELL_HEAD = 4.0


def label_values(index: LabelIndex, hit: LabelHit, max_lines: int = 1) -> Iterator[Value]:
    """Candidate values of a label, most likely first: right of it (rest of its phrase, or the next
    phrase on the row, within its box); below it (inside its box, or the aligned lines under it); the
    cell to its right; the cell under it. Multi-line values (parties, addresses) continue on aligned
    lines below until a label, a rule or a gap. A value printed as '-' or 'N/A' ends the search."""
    layout = index.layout(hit.page)
    box = enclosing_box(layout, hit.bbox)
    right = _value_right(index, layout, hit, box)
    if right is not None:
        if not right[0] or is_empty_mark(" ".join(w.text for w in right[0])):
            return
        yield _with_continuation(index, layout, hit, right, max_lines)
    below = _below_in(index, layout, hit, box, max_lines)
    if below is not None:
        yield below
    if box is None:
        return
    cell = _right_cell_value(index, layout, hit, box)
    if cell is not None and cell[0]:
        yield _with_continuation(index, layout, hit, cell, max_lines)
    # A label alone in its cell, its value in the cell under it (stacked label/value boxes).
    cx = (hit.bbox[0] + hit.bbox[2]) / 2
    under = enclosing_box(layout, (cx, box[3] + SEGMENT_SLACK + 1, cx, box[3] + SEGMENT_SLACK + 2))
    if under is not None and abs(under[1] - box[3]) <= 2 * SEGMENT_SLACK:
        value = _below_in(index, layout, hit, under, max_lines)
        # At the head of that cell: text far down a large cell (a page footer) is not this value.
        height = hit.bbox[3] - hit.bbox[1]
        if value is not None and value.lines[0][0].top - under[1] <= UNDER_CELL_HEAD * max(height, 1.0):
            yield value


def _with_continuation(
    index: LabelIndex,
    layout: PageLayout,
    hit: LabelHit,
    first: tuple[tuple[Word, ...], Row, str],
    max_lines: int,
) -> Value:
    words, row, how = first
    lines = [words]
    if max_lines > 1:
        # Bounded by the value's own cell, which is the label's only when they share one.
        value_box = enclosing_box(layout, words[0].bbox)
        lines += _continuation(index, layout, row, words[0].x0, hit, value_box, max_lines - 1)
    return Value(hit.page, tuple(lines), how)


def _below_in(
    index: LabelIndex, layout: PageLayout, hit: LabelHit, box: BBox | None, max_lines: int
) -> Value | None:
    below = _value_below(index, layout, hit, box, max_lines + 1)
    return _drop_note(below, max_lines) if below is not None else None


def _right_cell_value(
    index: LabelIndex, layout: PageLayout, hit: LabelHit, box: BBox
) -> tuple[tuple[Word, ...], Row, str] | None:
    """The label fills its cell: the value is in the cell to its right (a label | value grid)."""
    cy = (hit.bbox[1] + hit.bbox[3]) / 2
    right = enclosing_box(layout, (box[2] + SEGMENT_SLACK + 1, cy - 1, box[2] + SEGMENT_SLACK + 2, cy + 1))
    if right is None or abs(right[0] - box[2]) > 2 * SEGMENT_SLACK or right[2] <= box[2] + 4:
        return None
    found = _next_phrase_value(index, layout, hit, right[2])
    return (found[0], found[1], "right") if found is not None else None


def caption_values(index: LabelIndex, hit: LabelHit, max_gap: float = 8.0) -> Iterator[Value]:
    """Candidate values over a caption printed under them ('Place and date, signature and stamp'):
    rows above whose words overlap the caption horizontally, nearest first, within `max_gap` line
    heights (a signature or stamp may sit between the value and its caption)."""
    layout = index.layout(hit.page)
    x0, _, x1, _ = hit.bbox
    for row in reversed(layout.rows[: hit.row]):
        # Measured in the larger of the two type sizes: a form's captions are often printed tiny.
        height = max(hit.bbox[3] - hit.bbox[1], row.bottom - row.top, 1.0)
        if hit.bbox[1] - row.bottom > max_gap * height:
            return
        for phrase in row.phrases:
            p0, p1 = phrase.words[0].x0, phrase.words[-1].x1
            if p0 < x1 and p1 > x0 and (abs(p0 - x0) <= 3 * height or x0 <= p0):
                words = _phrase_value_words(index, phrase, 0)
                if words:
                    yield Value(hit.page, (words,), "caption")


def _drop_note(value: Value, max_lines: int) -> Value | None:
    """A first line that is the label's parenthetical note ('(name and full address)') is not the value."""
    lines = value.lines
    if lines and _NOTE.match(" ".join(w.text for w in lines[0])):
        lines = lines[1:]
    lines = lines[:max_lines]
    return Value(value.page, lines, value.how) if lines else None


def _starts_with_label(index: LabelIndex, phrase: Phrase, start: int = 0) -> bool:
    """Whether the phrase (from `start`, after any box numbering) begins with a label."""
    if start < len(phrase.words) - 1 and NUMBERING.match(phrase.words[start].text):
        start += 1
    return index.is_label(phrase.page, phrase.row, phrase.index, start)


def _trim_punct(words: Sequence[Word]) -> tuple[Word, ...]:
    ws = list(words)
    while ws and all(c in ":：.…-–—#|_/;," for c in ws[0].text):
        ws.pop(0)
    while ws and set(ws[-1].text) <= set("_|"):
        ws.pop()
    if ws and ws[0].text[0] in ":：.…" and len(ws[0].text) > 1:
        w = ws[0]
        ws[0] = Word(w.text.lstrip(":：.… "), w.x0, w.top, w.x1, w.bottom, w.conf)
    return tuple(ws)


def _phrase_value_words(index: LabelIndex, phrase: Phrase, start: int) -> tuple[Word, ...]:
    """Words of the phrase from `start` up to the next label."""
    out = []
    for i in range(start, len(phrase.words)):
        if index.is_label(phrase.page, phrase.row, phrase.index, i):
            break
        out.append(phrase.words[i])
    return _trim_punct(out)


def _value_right(
    index: LabelIndex, layout: PageLayout, hit: LabelHit, box: BBox | None
) -> tuple[tuple[Word, ...], Row, str] | None:
    row = layout.rows[hit.row]
    phrase = row.phrases[hit.phrase]
    inline = _phrase_value_words(index, phrase, hit.end)
    if inline and _label_rest(hit, inline):
        return None  # 'Shipping Marks 唛头:' read by OCR as 'Shipping Marks lt 5k:': the value is below
    if inline:
        return inline, row, "inline"
    if hit.end < len(phrase.words) and index.is_label(phrase.page, phrase.row, phrase.index, hit.end):
        return None  # another label follows directly: nothing printed for this one
    found = _next_phrase_value(index, layout, hit, box[2] if box else None)
    return (found[0], found[1], "right") if found is not None else None


def _label_rest(hit: LabelHit, inline: tuple[Word, ...]) -> bool:
    """Words after a label without a colon that end with one: the rest of the label (its translation,
    or OCR's reading of it), not its value."""
    return not hit.colon and len(inline) <= 3 and inline[-1].text.endswith((":", "："))


def _same_line_phrases(layout: PageLayout, hit: LabelHit) -> list[Phrase]:
    """Phrases right of the label on its line: its row, and neighbouring rows printed a little higher
    or lower (a value set in another font or box) that overlap the label vertically."""
    top, bottom = hit.bbox[1], hit.bbox[3]
    found = []
    for row in layout.rows[max(hit.row - 1, 0) : hit.row + 2]:
        for phrase in row.phrases:
            if row.index == hit.row and phrase.index <= hit.phrase:
                continue
            p_top, p_bottom = phrase.bbox[1], phrase.bbox[3]
            overlap = min(bottom, p_bottom) - max(top, p_top)
            if phrase.words[0].x0 >= hit.bbox[2] - 1 and overlap >= 0.4 * (bottom - top):
                found.append(phrase)
    return sorted(found, key=lambda p: p.words[0].x0)


def _next_phrase_value(
    index: LabelIndex, layout: PageLayout, hit: LabelHit, limit: float | None
) -> tuple[tuple[Word, ...], Row] | None:
    """The first phrase right of the label on its line, if it starts before `limit` and is no label.
    An empty tuple for a value printed as empty ('-', 'N/A')."""
    limit = limit if limit is not None else hit.bbox[2] + DEFAULT_MAX_RIGHT_GAP * layout.page.width
    for nxt in _same_line_phrases(layout, hit):
        if nxt.words[0].x0 > limit:
            return None
        if _starts_with_label(index, nxt):
            return None
        if index.under_a_label(nxt):
            return None  # the value of the label printed above it, not of this one
        words = tuple(w for w in _phrase_value_words(index, nxt, 0) if w.x0 < limit)
        if words:
            return words, layout.rows[nxt.row]
        if _EMPTY_MARK.match(nxt.text):
            return (), layout.rows[nxt.row]
    return None


def _value_below(
    index: LabelIndex, layout: PageLayout, hit: LabelHit, box: BBox | None, max_lines: int
) -> Value | None:
    height = hit.bbox[3] - hit.bbox[1]
    lines: list[tuple[Word, ...]] = []
    last_bottom = hit.bbox[3]
    anchor_x: float | None = None
    for row in layout.rows[hit.row + 1 :]:
        if len(lines) >= max_lines:
            break
        gap_limit = (2.5 if not lines else DEFAULT_LINE_GAP) * max(height, 1.0)
        if box is None and row.top - last_bottom > gap_limit:
            break
        if box is not None and row.top > box[3]:
            break
        picked = _pick_below(index, row, hit, box, anchor_x)
        if picked is None:
            continue  # a row printing only in other columns (or a stamp); the gap check ends the value
        if picked == ():
            break  # a label in the column: the next field starts
        lines.append(picked)
        anchor_x = picked[0].x0
        last_bottom = max(w.bottom for w in picked)
    if not lines:
        return None
    return Value(hit.page, tuple(lines), "box" if box else "below")


def _pick_below(
    index: LabelIndex, row: Row, hit: LabelHit, box: BBox | None, anchor_x: float | None
) -> tuple[Word, ...] | None:
    """The words of `row` in the label's column; () when a label sits there, None when nothing does."""
    x0 = box[0] if box else hit.bbox[0] - 0.5 * (hit.bbox[3] - hit.bbox[1])
    x1 = box[2] if box else None
    for phrase in row.phrases:
        p0, p1 = phrase.words[0].x0, phrase.words[-1].x1
        if box is not None:
            words = [w for w in phrase.words if inside(w, box)]
            if not words:
                continue
        else:
            # The first line left-aligned with the label, indented a little, or overlapping it; the
            # following lines aligned with the first.
            h = hit.bbox[3] - hit.bbox[1]
            column = hit.column_x0 if hit.column_x0 is not None else x0
            if anchor_x is not None:
                column = min(column, anchor_x)
            if anchor_x is not None:
                aligned = abs(p0 - anchor_x) <= 1.5 * h
            else:
                aligned = (
                    abs(p0 - hit.bbox[0]) <= 1.5 * h
                    or abs(p0 - column) <= 1.5 * h
                    or (p0 < hit.bbox[2] + 2 * h and p1 > x0)
                )
            if not aligned or p0 < min(x0, column) - 2 * h:
                continue
            words = list(phrase.words)
        if x1 is not None:
            words = [w for w in words if w.x0 < x1]
        start = phrase.words.index(words[0])
        if _starts_with_label(index, phrase, start):
            return ()
        value = _phrase_value_words(index, phrase, start)
        if value:
            return value
    return None


def _continuation(
    index: LabelIndex,
    layout: PageLayout,
    row: Row,
    first_value_x: float,
    hit: LabelHit,
    box: BBox | None,
    max_lines: int,
) -> list[tuple[Word, ...]]:
    """Lines under a value printed right of its label, aligned with the value or the label."""
    out: list[tuple[Word, ...]] = []
    height = max(hit.bbox[3] - hit.bbox[1], 1.0)
    last_bottom = row.bottom
    value_phrase = row.phrases[hit.phrase]
    for nxt in layout.rows[row.index + 1 :]:
        gap = nxt.top - last_bottom
        if len(out) >= max_lines or gap > DOUBLE_SPACED_GAP * height:
            break
        if box is not None and nxt.top > box[3]:
            break
        if any(p.words[0].x0 < first_value_x - 1 and index.has_field_label(p) for p in nxt.phrases):
            break  # the next field's label, in the labels' column
        found = None
        for phrase in sorted(nxt.phrases, key=lambda p: abs(p.words[0].x0 - first_value_x)):
            p0 = phrase.words[0].x0
            # Loosely aligned lines must follow closely; double-spaced ones must align exactly. The
            # value's own column comes first: the label's column may hold the label's wrapped tail.
            loose = (
                abs(p0 - first_value_x) <= 1.5 * height or abs(p0 - value_phrase.words[0].x0) <= 1.5 * height
            )
            exact = abs(p0 - first_value_x) <= SEGMENT_SLACK * 1.5
            if (loose and gap <= DEFAULT_LINE_GAP * height) or exact:
                found = phrase
                break
        if found is None:
            continue  # a row printing only elsewhere (a stamp, another column); the gap check ends it
        if _starts_with_label(index, found):
            break
        words = _phrase_value_words(index, found, 0)
        if box is not None:
            words = tuple(w for w in words if inside(w, box))
        if not words:
            break
        out.append(words)
        last_bottom = max(w.bottom for w in words)
    return out
