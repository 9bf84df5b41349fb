"""Drawing primitives over reportlab with a top-left origin, as documents are laid out by eye.

`Sheet` knows nothing about trade documents: text, ruled boxes, labelled cells, tables with a
full grid or only a header rule. Any string holding CJK characters is drawn with the built-in
CID font STSong-Light, which needs no font file and which pdfplumber reads back as Unicode.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

CJK_FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))

_BOLD = {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold", "Courier": "Courier-Bold"}


def has_cjk(text: str) -> bool:
    return any("\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in text)


@dataclass(frozen=True)
class Col:
    width: float
    align: str = "left"  # left | right | center


class Sheet:
    """One PDF file being drawn; y grows downwards from the top edge, in points."""

    def __init__(self, path: Path, family: str = "Helvetica", encrypt: object | None = None) -> None:
        self.width, self.height = A4
        self.family = family
        self.pages = 1
        self._c = canvas.Canvas(str(path), pagesize=A4, invariant=1, encrypt=encrypt)

    def font_for(self, text: str, bold: bool = False, family: str | None = None) -> str:
        if has_cjk(text):
            return CJK_FONT
        base = family or self.family
        return _BOLD[base] if bold else base

    def text_width(self, text: str, size: float, bold: bool = False, family: str | None = None) -> float:
        return pdfmetrics.stringWidth(text, self.font_for(text, bold, family), size)

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float = 9,
        bold: bool = False,
        align: str = "left",
        family: str | None = None,
    ) -> None:
        """Draw `text` with its baseline at `y`."""
        self._c.setFont(self.font_for(text, bold, family), size)
        baseline = self.height - y
        if align == "right":
            self._c.drawRightString(x, baseline, text)
        elif align == "center":
            self._c.drawCentredString(x, baseline, text)
        else:
            self._c.drawString(x, baseline, text)

    def lines(
        self,
        x: float,
        y: float,
        items: Sequence[str],
        size: float = 9,
        leading: float | None = None,
        bold: bool = False,
        family: str | None = None,
    ) -> float:
        """Draw one line per item from baseline `y`; returns the baseline after the last line."""
        step = leading or size * 1.3
        for item in items:
            self.text(x, y, item, size, bold, family=family)
            y += step
        return y

    def wrap(self, text: str, width: float, size: float, bold: bool = False) -> list[str]:
        words, out, line = text.split(), [], ""
        for word in words:
            candidate = f"{line} {word}".strip()
            if line and self.text_width(candidate, size, bold) > width:
                out.append(line)
                line = word
            else:
                line = candidate
        return [*out, line] if line else out

    def rect(
        self, x: float, y: float, w: float, h: float, line: float = 0.6, fill: float | None = None
    ) -> None:
        self._c.setLineWidth(line)
        if fill is not None:
            self._c.setFillGray(fill)
        self._c.rect(x, self.height - y - h, w, h, stroke=1, fill=int(fill is not None))
        self._c.setFillGray(0)

    def hline(self, x0: float, x1: float, y: float, line: float = 0.6) -> None:
        self._c.setLineWidth(line)
        self._c.line(x0, self.height - y, x1, self.height - y)

    def vline(self, x: float, y0: float, y1: float, line: float = 0.6) -> None:
        self._c.setLineWidth(line)
        self._c.line(x, self.height - y0, x, self.height - y1)

    def curve(self, points: Sequence[tuple[float, float]], line: float = 0.6) -> None:
        """A cubic Bézier through four (x, y) control points."""
        (x1, y1), (x2, y2), (x3, y3), (x4, y4) = points
        self._c.setLineWidth(line)
        h = self.height
        self._c.bezier(x1, h - y1, x2, h - y2, x3, h - y3, x4, h - y4)

    def circle(self, x: float, y: float, radius: float, line: float = 0.6) -> None:
        self._c.setLineWidth(line)
        self._c.circle(x, self.height - y, radius, stroke=1, fill=0)

    def cell(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        label: str,
        values: Sequence[str],
        size: float = 8.5,
        label_size: float = 6.5,
        boxed: bool = True,
    ) -> None:
        """A form cell: small label in the top-left corner, values on the lines below it."""
        if boxed:
            self.rect(x, y, w, h)
        self.text(x + 3, y + label_size + 2, label, label_size)
        self.lines(x + 5, y + label_size + size + 5, values, size)

    def table(
        self,
        x: float,
        y: float,
        cols: Sequence[Col],
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        grid: bool = True,
        size: float = 8,
        row_h: float = 15,
        header_h: float = 24,
        bold_last: bool = False,
    ) -> float:
        """Header and rows (any cell may hold "\\n" for more lines); `grid` rules every cell, else
        only the header. Returns the y below the table."""
        width = sum(c.width for c in cols)
        edges = [x]
        for c in cols:
            edges.append(edges[-1] + c.width)
        self._header(edges, cols, y, header, size, header_h, grid)
        top = y + header_h
        for i, row in enumerate(rows):
            bold = bold_last and i == len(rows) - 1
            height = row_h + (max(v.count("\n") for v in row) if row else 0) * (size + 2)
            for col, left, value in zip(cols, edges[:-1], row, strict=True):
                for k, part in enumerate(value.split("\n")):
                    self._cell_text(col, left, top + row_h - 4.5 + k * (size + 2), part, size, bold)
            if grid:
                self.hline(x, x + width, top + height, 0.4)
            top += height
        if grid:
            for edge in edges:
                self.vline(edge, y, top, 0.4)
        else:
            self.hline(x, x + width, top, 0.4)
        return top

    def _header(
        self,
        edges: list[float],
        cols: Sequence[Col],
        y: float,
        header: Sequence[str],
        size: float,
        height: float,
        grid: bool,
    ) -> None:
        width = edges[-1] - edges[0]
        if grid:
            self.rect(edges[0], y, width, height, 0.6)
        else:
            self.hline(edges[0], edges[-1], y, 0.8)
            self.hline(edges[0], edges[-1], y + height, 0.8)
        for col, left, title in zip(cols, edges[:-1], header, strict=True):
            parts = title.split("\n")
            base = y + (height - len(parts) * (size + 1)) / 2 + size
            for part in parts:
                self._cell_text(col, left, base, part, size, True)
                base += size + 1

    def _cell_text(self, col: Col, left: float, baseline: float, value: str, size: float, bold: bool) -> None:
        if col.align == "right":
            self.text(left + col.width - 3, baseline, value, size, bold, "right")
        elif col.align == "center":
            self.text(left + col.width / 2, baseline, value, size, bold, "center")
        else:
            self.text(left + 3, baseline, value, size, bold)

    def new_page(self) -> None:
        self._c.showPage()
        self.pages += 1

    def save(self) -> None:
        self._c.showPage()
        self._c.save()
