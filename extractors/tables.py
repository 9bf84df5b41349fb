"""Line-item tables: header found by vocabulary, columns by the header's positions (or the ruled grid),
rows grouped into items, a totals row, and tables that continue on the next page.

The chain is `find_header` (a row holding enough column terms) → `header_columns` (x-intervals, every
header cell a column, named or not, so unnamed columns bound the named ones) → `table_rows` (the rows
under the header, split into cells) → `rows_to_items` (ruled bands, or a row with a value in an anchor
column starting an item and text-only rows continuing it) → `Table`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from extractors.datamodel import BBox, Word
from extractors.doctypes import TableVocab
from extractors.layout import (
    NUMBERING as _NUMBERING,
)
from extractors.layout import (
    SEGMENT_SLACK,
    PageLayout,
    Row,
    Term,
    Terms,
    compile_terms,
    median,
    tokens_match,
    tokens_of,
    union_bbox,
)
from extractors.normalize import parse_decimal

#: Rows further than this many line heights below the previous row end the table.
DEFAULT_ROW_GAP = 3.0
#: A text-only row this close (in line heights) under an item continues its cells.
DEFAULT_CONTINUATION_GAP = 1.3

#: Whether a row under a table ends it (the caller knows the document's labels).
RowStop = Callable[[Row], bool]

_DIGIT = re.compile(r"\d")
_HEADER_UNIT = re.compile(r"\b(lbs?|kgs?|cbm|m3|m³|pcs)\b", re.I)
_FIGURE = re.compile(r"^[\d.,\-/]*\d[\d.,\-/]*$")
_PAREN = re.compile(r"^\(.*\)[.:]?$")
#: A unit printed beside a column name ('Amount USD', 'N.W. (kg)') belongs to that column.
_UNIT_WORD = re.compile(
    r"^\(.*\)[.:]?$|^\(?(usd|eur|rmb|cny|gbp|us\$|kgs?|pcs|cbm|m3|m³|%|\$|€)\)?[.:]?$", re.I
)
_HEADER_TAIL = re.compile(r"^\(?[A-Za-z./%³$€#'-]{1,8}\)?[.:]?$|^\(.*\)$")


@dataclass(frozen=True, slots=True)
class Column:
    name: str | None  # None: a column the vocabulary does not name
    x0: float
    x1: float
    #: The unit printed in the header ('N.W. (lbs)' → 'lbs'), for cells that print bare figures.
    unit: str | None = None


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


def _row_header_cells(row: Row, terms: Terms) -> list[_Cell]:
    """Column terms matched within each phrase, longest first; leftover words as unnamed cells."""
    cells: list[_Cell] = []
    for phrase in row.phrases:
        cells.extend(_phrase_header_cells(phrase.words, terms))
    return sorted(cells, key=lambda c: min(w.x0 for w in c.words))


def _phrase_header_cells(words: Sequence[Word], terms: Terms) -> list[_Cell]:
    cells: list[_Cell] = []
    if words:
        # A unit in parentheses inside a header ('Unit (USD) Price') is not part of the column's name.
        toks = [(i, t) for i, w in enumerate(words) if not _PAREN.match(w.text) for t in tokens_of(w.text)]
        used: set[int] = set()
        pos = 0
        while pos < len(toks):
            match = _term_at(toks, pos, terms)
            if match is None:
                pos += 1
                continue
            end, term = match
            idx = sorted({toks[k][0] for k in range(pos, end)})
            cells.append(_Cell(term.field, tuple(words[i] for i in idx)))
            used.update(idx)
            pos = end
        rest: list[Word] = []
        for i, w in enumerate(words):
            if _NUMBERING.match(w.text) and i not in used:
                continue  # a box number ('6.', '10.') names no column
            if i in used:
                if rest:
                    cells.append(_Cell(None, tuple(rest)))
                rest = []
            else:
                rest.append(w)
        if rest:
            cells.append(_Cell(None, tuple(rest)))
    return _join_same_name(sorted(cells, key=lambda c: min(w.x0 for w in c.words)))


def _join_same_name(cells: Sequence[_Cell]) -> list[_Cell]:
    """Neighbouring cells naming one column ('Item / Model', '品名 Description') are one cell; a unit
    printed after a column name ('USD', '(kg)') joins it."""
    out: list[_Cell] = []
    for cell in cells:
        if len(out) >= 2 and cell.name and out[-2].name == cell.name and _is_punct(out[-1]):
            out[-2:] = [_Cell(cell.name, out[-2].words + out[-1].words + cell.words)]
        elif out and cell.name and out[-1].name == cell.name:
            out[-1] = _Cell(cell.name, out[-1].words + cell.words)
        elif out and cell.name is None and out[-1].name and all(_UNIT_WORD.match(w.text) for w in cell.words):
            out[-1] = _Cell(out[-1].name, out[-1].words + cell.words)
        else:
            out.append(cell)
    return out


def _term_at(toks: Sequence[tuple[int, str]], pos: int, terms: Terms) -> tuple[int, Term] | None:
    """The longest term matching at `pos`, an exact match before a fuzzy one of the same length."""
    best: tuple[int, bool, Term] | None = None
    for term in terms.starting_at(toks[pos][1]):  # longest first
        n = len(term.tokens)
        if best is not None and n < best[0]:
            break
        if pos + n > len(toks):
            continue
        matches = [tokens_match(toks[pos + k][1], term.tokens[k]) for k in range(n)]
        if all(m[0] for m in matches):
            exact = all(m[1] for m in matches)
            if best is None or (exact and not best[1]):
                best = (n, exact, term)
    return (pos + best[0], best[2]) if best else None


def find_headers(layout: PageLayout, vocab: TableVocab) -> list[Header]:
    """Table headers: blocks of close rows without figures (a header printed over two or three rows,
    Chinese over English, 'Unit Price' over '(USD)') whose column terms name enough columns."""
    terms = compile_terms(vocab.columns)
    headers = []
    i = 0
    while i < len(layout.rows):
        last = _header_block_end(layout, i)
        for end in range(last, i - 1, -1):
            cells = _dedupe(
                _merge_cells([c for r in layout.rows[i : end + 1] for c in _row_header_cells(r, terms)])
            )
            if _is_header(cells, vocab) and not _is_prose(layout.rows[i : end + 1], cells):
                row = layout.rows[i]
                headers.append(Header(layout.number, i, end, header_columns(layout, cells, row, end)))
                i = end
                break
        i += 1
    return headers


def _is_prose(rows: Sequence[Row], cells: Sequence[_Cell]) -> bool:
    """A sentence that happens to mention 'quantity' and 'price': long phrases, or few of its words
    naming columns."""
    if any(len(p.words) >= 8 for r in rows for p in r.phrases):
        return True
    words = [
        w for c in cells for w in c.words if any(ch.isalnum() for ch in w.text) and not _PAREN.match(w.text)
    ]
    named = [w for c in cells if c.name for w in c.words]
    return len(named) < 0.35 * max(len(words), 1)


def _header_block_end(layout: PageLayout, start: int, max_rows: int = 4) -> int:
    """The last row of the block of close, figure-free rows that starts at `start`."""
    end = start
    for row in layout.rows[start + 1 : start + max_rows]:
        prev = layout.rows[end]
        height = median([w.bottom - w.top for w in row.words])
        if row.top - prev.bottom > 0.8 * height or _has_figures(row) or _has_figures(layout.rows[start]):
            break
        end = row.index
    return end


def _has_figures(row: Row) -> bool:
    return any(_DIGIT.search(w.text) for w in row.words if not _NUMBERING.match(w.text))


def _is_punct(cell: _Cell) -> bool:
    return cell.name is None and all(not any(ch.isalnum() for ch in w.text) for w in cell.words)


def _dedupe(cells: Sequence[_Cell]) -> list[_Cell]:
    """A name printed twice ('Total' quantity and 'Total' amount): its rightmost use keeps it."""
    seen: set[str] = set()
    out = []
    for c in reversed(cells):
        out.append(_Cell(c.name if c.name not in seen else None, c.words))
        if c.name:
            seen.add(c.name)
    return list(reversed(out))


def _is_header(cells: Sequence[_Cell], vocab: TableVocab) -> bool:
    names = {c.name for c in cells if c.name}
    return len(names) >= vocab.min_columns and bool(names & set(vocab.anchor))


def _merge_cells(cells: Sequence[_Cell]) -> list[_Cell]:
    """Cells of stacked header rows that overlap horizontally are one column; the first name wins."""
    merged: list[_Cell] = []
    for cell in sorted(cells, key=lambda c: min(w.x0 for w in c.words)):
        x0, x1 = min(w.x0 for w in cell.words), max(w.x1 for w in cell.words)
        if merged:
            last = merged[-1]
            l0, l1 = min(w.x0 for w in last.words), max(w.x1 for w in last.words)
            if x0 < l1 and x1 > l0:
                merged[-1] = _Cell(last.name or cell.name, last.words + cell.words)
                continue
        merged.append(cell)
    return merged


def header_columns(layout: PageLayout, cells: Sequence[_Cell], row: Row, last_row: int) -> tuple[Column, ...]:
    """Column intervals: between ruled verticals crossing the header when there are any, else split
    halfway across the gaps between neighbouring header cells."""
    top, bottom = row.top, layout.rows[last_row].bottom
    rules = sorted(
        (v[0] + v[2]) / 2
        for v in layout.verticals
        if v[1] <= bottom + SEGMENT_SLACK and v[3] >= top - SEGMENT_SLACK
    )
    spans = [(min(w.x0 for w in c.words), max(w.x1 for w in c.words)) for c in cells]
    if len(rules) >= 2:
        return tuple(_ruled_column(c, s, rules, layout.page.width) for c, s in zip(cells, spans, strict=True))
    cols = []
    for i, (cell, (x0, x1)) in enumerate(zip(cells, spans, strict=True)):
        left = 0.0 if i == 0 else (spans[i - 1][1] + x0) / 2
        right = layout.page.width if i == len(cells) - 1 else (x1 + spans[i + 1][0]) / 2
        cols.append(Column(cell.name, left, right, _unit(cell)))
    return tuple(cols)


def _unit(cell: _Cell) -> str | None:
    m = _HEADER_UNIT.search(" ".join(w.text for w in cell.words))
    return m.group(1).lower() if m else None


def _ruled_column(cell: _Cell, span: tuple[float, float], rules: Sequence[float], width: float) -> Column:
    centre = (span[0] + span[1]) / 2
    left = max((r for r in rules if r <= centre), default=0.0)
    right = min((r for r in rules if r >= centre), default=width)
    return Column(cell.name, left, right, _unit(cell))


# --- rows → items -----------------------------------------------------------------------------


def split_row(row: Row, columns: Sequence[Column]) -> dict[str, tuple[Word, ...]]:
    """Each word to the column holding its centre; a description phrase that runs across the next
    column's boundary stays whole (left-aligned text overflows, numbers don't)."""
    cells: dict[str, list[Word]] = {}
    for phrase in row.phrases:
        cols = [_column_at(columns, w) for w in phrase.words]
        first = cols[0]
        whole = first is not None and first.name == "description" and len({id(c) for c in cols}) > 1
        for k, (w, col) in enumerate(zip(phrase.words, cols, strict=True)):
            # A figure run on after a description ('… dia. 9405.11') belongs to its own column.
            figure = (
                k == len(phrase.words) - 1
                and col is not None
                and col.name not in (None, "description")
                and _FIGURE.match(w.text)
            )
            target = first if whole and not figure else col
            if target is not None and target.name is not None:
                cells.setdefault(target.name, []).append(w)
    return {k: tuple(v) for k, v in cells.items()}


def _column_at(columns: Sequence[Column], w: Word) -> Column | None:
    cx = (w.x0 + w.x1) / 2
    holding = [c for c in columns if c.x0 <= cx < c.x1]
    # In a ruled grid an unnamed header scrap may share a named column's cell.
    return next((c for c in holding if c.name), holding[0] if holding else None)


def _merge(a: dict[str, tuple[Word, ...]], b: dict[str, tuple[Word, ...]]) -> dict[str, tuple[Word, ...]]:
    return {k: a.get(k, ()) + b.get(k, ()) for k in {*a, *b}}


def _is_totals(row: Row, vocab: TableVocab) -> bool:
    """A totals row: one of its first phrases is a totals term, alone or followed by a figure
    ('TOTAL', 'Total: 3,600 PCS', 'TOTAL 合计'), not a field named with it ('TOTAL PACKAGES: 400')."""
    terms = [tokens_of(term) for term in vocab.totals]
    for phrase in row.phrases[:3]:
        toks = tokens_of(phrase.text)
        for t in terms:
            if toks[: len(t)] == t and (len(toks) == len(t) or not re.search(r"[a-z]", toks[len(t)])):
                return True
    return False


#: Columns that name an item, never filled on a totals row.
_NAMING_COLUMNS = ("model", "description")


def _sums_items(
    row: Row, cells: dict[str, tuple[Word, ...]], items: Sequence[Item], vocab: TableVocab
) -> bool:
    """A totals row whose 'TOTAL' went unread (OCR drops or garbles a label now and then): nothing
    on it but figures (and a unit), two or more of them in the columns that mark an item, each the
    sum of its column above. A row with a model, a container number, a mark or an HS code, in their
    columns or in one whose header went unread, lists an item."""
    figures = {*vocab.anchor} - set(_NAMING_COLUMNS)
    if not items or any(name not in figures and name != "unit" for name in cells):
        return False
    unit = cells.get("unit", ())
    if any(not _FIGURE.match(w.text) and w not in unit for w in row.words):
        return False
    sums = 0
    for column in figures:
        figure = parse_decimal(" ".join(w.text for w in cells.get(column, ())))
        if figure is None:
            continue
        above = [v for item in items if (v := parse_decimal(item.text(column))) is not None]
        if len(above) < len(items) or abs(sum(above) - figure) > Decimal("0.01"):
            return False
        sums += 1
    return sums >= 2


def _has_anchor(cells: dict[str, tuple[Word, ...]], vocab: TableVocab) -> bool:
    return any(_DIGIT.search(" ".join(w.text for w in cells.get(a, ()))) for a in vocab.anchor)


@dataclass(slots=True)
class _Page:
    items: list[Item]
    totals: Item | None
    ended: bool  # the table stopped on this page (totals or a gap), rather than at the page's foot


def page_items(
    layout: PageLayout, header: Header, start_row: int, vocab: TableVocab, stop: RowStop | None = None
) -> _Page:
    """Items from the rows after `start_row`, until the totals row, a wide gap, or a row `stop` names
    (a labelled field printed under the table: 'Total packages', 'Marks & Nos.')."""
    bands = _ruled_bands(layout, header, layout.rows[start_row].bottom if start_row >= 0 else 0.0)
    items: list[Item] = []
    pending: dict[str, tuple[Word, ...]] = {}
    last_bottom = layout.rows[start_row].bottom if start_row >= 0 else 0.0
    last_band: int | None = None
    for row in layout.rows[start_row + 1 :]:
        height = median([w.bottom - w.top for w in row.words])
        if items and row.top - last_bottom > DEFAULT_ROW_GAP * height:
            return _Page(items, None, True)
        cells = split_row(row, header.columns)
        if items and stop is not None and stop(row) and not _is_totals(row, vocab):
            return _Page(items, None, True)
        if _is_totals(row, vocab) or (not pending and _sums_items(row, cells, items, vocab)):
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


def extract_table(
    layouts: Sequence[PageLayout], vocab: TableVocab, stop: RowStop | None = None
) -> Table | None:
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
            part = page_items(layout, header, header.last_row, vocab, stop)
        elif carry is not None:
            # No header on this page: the table runs on under the previous page's columns.
            header = Header(layout.number, -1, -1, carry.columns)
            part = page_items(layout, header, -1, vocab, stop)
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
