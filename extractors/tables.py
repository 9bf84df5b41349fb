"""Line-item tables: header found by vocabulary, columns by the header's positions (or the ruled grid),
rows grouped into items, a totals row, and tables that continue on the next page.

The chain is `find_header` (a row holding enough column terms) → `header_columns` (x-intervals, every
header cell a column, named or not, so unnamed columns bound the named ones) → `table_rows` (the rows
under the header, split into cells) → `rows_to_items` (ruled bands, or a row with a value in an anchor
column starting an item and text-only rows continuing it) → `Table`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extractors.datamodel import BBox, Word
from extractors.doctypes import TableVocab
from extractors.layout import (
    SEGMENT_SLACK,
    PageLayout,
    Row,
    Term,
    compile_terms,
    median,
    tokens_match,
    tokens_of,
    union_bbox,
)

#: Rows further than this many line heights below the previous row end the table.
DEFAULT_ROW_GAP = 3.0
#: A text-only row this close (in line heights) under an item continues its cells.
DEFAULT_CONTINUATION_GAP = 1.3

_DIGIT = re.compile(r"\d")
_HEADER_TAIL = re.compile(r"^\(?[A-Za-z./%³$€#'-]{1,8}\)?[.:]?$|^\(.*\)$")


@dataclass(frozen=True, slots=True)
class Column:
    name: str | None  # None: a column the vocabulary does not name
    x0: float
    x1: float


@dataclass(frozen=True, slots=True)
class Header:
    page: int
    row: int
    last_row: int  # the header may run over a second row ("Unit Price" / "(USD)")
    columns: tuple[Column, ...]

    @property
    def names(self) -> set[str]:
        return {c.name for c in self.columns if c.name}


@dataclass(frozen=True, slots=True)
class Item:
    """One table row (or ruled band) as cells: column name → words, top to bottom."""

    page: int
    cells: dict[str, tuple[Word, ...]]

    def text(self, name: str) -> str:
        return " ".join(w.text for w in self.cells.get(name, ()))

    @property
    def words(self) -> tuple[Word, ...]:
        return tuple(w for ws in self.cells.values() for w in ws)

    @property
    def bbox(self) -> BBox:
        return union_bbox(self.words)


@dataclass(frozen=True, slots=True)
class Table:
    header: Header
    items: tuple[Item, ...]
    totals: Item | None


# --- header -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Cell:
    name: str | None
    words: tuple[Word, ...]


def _row_header_cells(row: Row, terms: Sequence[Term]) -> list[_Cell]:
    """Column terms matched anywhere in the row, longest first; leftover phrases as unnamed cells."""
    words = [w for w in row.words]
    toks = [(i, t) for i, w in enumerate(words) for t in tokens_of(w.text)]
    cells: list[_Cell] = []
    used: set[int] = set()
    pos = 0
    while pos < len(toks):
        match = _term_at(toks, pos, terms)
        if match is None:
            pos += 1
            continue
        end, term = match
        idx = sorted({toks[k][0] for k in range(pos, end)})
        if used.isdisjoint(idx):
            cells.append(_Cell(term.field, tuple(words[i] for i in idx)))
            used.update(idx)
        pos = end
    for phrase in row.phrases:
        rest = tuple(w for w in phrase.words if words.index(w) not in used)
        if rest:
            cells.append(_Cell(None, rest))
    return sorted(cells, key=lambda c: c.words[0].x0)


def _term_at(toks: Sequence[tuple[int, str]], pos: int, terms: Sequence[Term]) -> tuple[int, Term] | None:
    for term in terms:  # longest first
        n = len(term.tokens)
        if pos + n <= len(toks) and all(tokens_match(toks[pos + k][1], term.tokens[k])[0] for k in range(n)):
            return pos + n, term
    return None


def find_headers(layout: PageLayout, vocab: TableVocab) -> list[Header]:
    terms = compile_terms(vocab.columns)
    headers = []
    for row in layout.rows:
        cells = _row_header_cells(row, terms)
        names = [c.name for c in cells if c.name]
        if len(set(names)) < vocab.min_columns or not set(names) & set(vocab.anchor):
            continue
        if len(names) != len(set(names)):
            cells = _dedupe(cells)
        if sum(1 for c in cells if c.name is None) > len(names):
            continue  # a sentence that happens to mention 'quantity' and 'price', not a header
        last = _header_tail(layout, row.index)
        headers.append(Header(layout.number, row.index, last, header_columns(layout, cells, row, last)))
    return headers


def _dedupe(cells: list[_Cell]) -> list[_Cell]:
    """A name printed twice ('Total' qty and 'Total' amount): keep its rightmost use for numbers."""
    seen: set[str] = set()
    out = []
    for c in reversed(cells):
        out.append(_Cell(c.name if c.name not in seen else None, c.words))
        if c.name:
            seen.add(c.name)
    return list(reversed(out))


def _header_tail(layout: PageLayout, row_index: int) -> int:
    """Index of the last header row: short unit words like '(USD)' or 'Weight' right under it."""
    last = row_index
    for row in layout.rows[row_index + 1: row_index + 3]:
        gap = row.top - layout.rows[last].bottom
        height = median([w.bottom - w.top for w in row.words])
        if gap > 0.8 * height or not all(_HEADER_TAIL.match(w.text) for w in row.words):
            break
        last = row.index
    return last


def header_columns(layout: PageLayout, cells: Sequence[_Cell], row: Row, last_row: int) -> tuple[Column, ...]:
    """Column intervals: between ruled verticals crossing the header when there are any, else split
    halfway across the gaps between neighbouring header cells."""
    top, bottom = row.top, layout.rows[last_row].bottom
    rules = sorted(
        (v[0] + v[2]) / 2 for v in layout.verticals if v[1] <= bottom + SEGMENT_SLACK and v[3] >= top - SEGMENT_SLACK
    )
    spans = [(min(w.x0 for w in c.words), max(w.x1 for w in c.words)) for c in cells]
    if len(rules) >= 2:
        return tuple(_ruled_column(c, s, rules, layout.page.width) for c, s in zip(cells, spans, strict=True))
    cols = []
    for i, (cell, (x0, x1)) in enumerate(zip(cells, spans, strict=True)):
        left = 0.0 if i == 0 else (spans[i - 1][1] + x0) / 2
        right = layout.page.width if i == len(cells) - 1 else (x1 + spans[i + 1][0]) / 2
        cols.append(Column(cell.name, left, right))
    return tuple(cols)


def _ruled_column(cell: _Cell, span: tuple[float, float], rules: Sequence[float], width: float) -> Column:
    centre = (span[0] + span[1]) / 2
    left = max((r for r in rules if r <= centre), default=0.0)
    right = min((r for r in rules if r >= centre), default=width)
    return Column(cell.name, left, right)


# --- rows → items -----------------------------------------------------------------------------


def split_row(row: Row, columns: Sequence[Column]) -> dict[str, tuple[Word, ...]]:
    """Each word to the column holding its centre; words outside every column are dropped."""
    cells: dict[str, list[Word]] = {}
    for w in row.words:
        cx = (w.x0 + w.x1) / 2
        col = next((c for c in columns if c.x0 <= cx < c.x1), None)
        if col is not None and col.name is not None:
            cells.setdefault(col.name, []).append(w)
    return {k: tuple(v) for k, v in cells.items()}


def _merge(a: dict[str, tuple[Word, ...]], b: dict[str, tuple[Word, ...]]) -> dict[str, tuple[Word, ...]]:
    return {k: a.get(k, ()) + b.get(k, ()) for k in {*a, *b}}


def _is_totals(row: Row, vocab: TableVocab) -> bool:
    """A totals row starts (after any numbering) with a totals term."""
    toks = tokens_of(row.text)
    return any(
        toks[k: k + len(t)] == t
        for t in (tokens_of(term) for term in vocab.totals)
        for k in range(min(3, len(toks)))
    )


def _has_anchor(cells: dict[str, tuple[Word, ...]], vocab: TableVocab) -> bool:
    return any(_DIGIT.search(" ".join(w.text for w in cells.get(a, ()))) for a in vocab.anchor)


@dataclass(slots=True)
class _Page:
    items: list[Item]
    totals: Item | None
    ended: bool  # the table stopped on this page (totals or a gap), rather than at the page's foot


def page_items(layout: PageLayout, header: Header, start_row: int, vocab: TableVocab) -> _Page:
    """Items from the rows after `start_row`, until the totals row or a wide gap."""
    bands = _ruled_bands(layout, header, layout.rows[start_row].bottom if start_row >= 0 else 0.0)
    items: list[Item] = []
    pending: dict[str, tuple[Word, ...]] = {}
    last_bottom = layout.rows[start_row].bottom if start_row >= 0 else 0.0
    last_band: int | None = None
    for row in layout.rows[start_row + 1:]:
        height = median([w.bottom - w.top for w in row.words])
        if items and row.top - last_bottom > DEFAULT_ROW_GAP * height:
            return _Page(items, None, True)
        cells = split_row(row, header.columns)
        if _is_totals(row, vocab):
            return _Page(items, Item(layout.number, cells), True)
        if not cells:
            if items:
                return _Page(items, None, True)
            continue
        band = _band_of(row, bands)
        same_band = band is not None and band == last_band
        near = row.top - last_bottom <= DEFAULT_CONTINUATION_GAP * height
        if items and (same_band or (band is None and near and not _has_anchor(cells, vocab))):
            items[-1] = Item(layout.number, _merge(items[-1].cells, cells))
        elif _has_anchor(cells, vocab) or band is not None:
            items.append(Item(layout.number, _merge(pending, cells)))
            pending = {}
        elif (near or not items) and start_row >= 0:
            pending = _merge(pending, cells)  # text over its item's numbers (a vertically centred cell)
        else:
            return _Page(items, None, True)
        last_bottom, last_band = row.bottom, band
    return _Page(items, None, False)


def _ruled_bands(layout: PageLayout, header: Header, header_bottom: float) -> list[float]:
    """y positions of horizontal rules that cross the whole table under the header, if it is ruled."""
    x0 = min(c.x0 for c in header.columns if c.name)
    x1 = max(c.x1 for c in header.columns if c.name)
    width = x1 - x0
    ys = sorted(
        (h[1] + h[3]) / 2
        for h in layout.horizontals
        if (h[1] + h[3]) / 2 > header_bottom and min(h[2], x1) - max(h[0], x0) >= 0.8 * width
    )
    return ys if len(ys) >= 3 else []


def _band_of(row: Row, bands: Sequence[float]) -> int | None:
    if not bands:
        return None
    centre = (row.top + row.bottom) / 2
    return sum(1 for y in bands if y < centre)


def extract_table(layouts: Sequence[PageLayout], vocab: TableVocab) -> Table | None:
    """The document's line-item table, continued across pages (header repeated or not)."""
    first: Header | None = None
    items: list[Item] = []
    totals: Item | None = None
    carry: Header | None = None
    for layout in layouts:
        headers = find_headers(layout, vocab)
        if headers:
            header = headers[0]
            first = first or header
            part = page_items(layout, header, header.last_row, vocab)
        elif carry is not None:
            # No header on this page: the table runs on under the previous page's columns.
            header = Header(layout.number, -1, -1, carry.columns)
            part = page_items(layout, header, -1, vocab)
        else:
            continue
        items.extend(part.items)
        if part.totals is not None:
            totals = part.totals
        carry = None if part.ended else header
        if totals is not None:
            break
    if first is None:
        return None
    return Table(first, tuple(items), totals)
