"""Drawing helpers over a reportlab canvas, in top-down coordinates (points from the top edge).

Layouts compose these: labelled boxes (value below or right of the label), tables (ruled,
zebra or unruled), wrapped paragraphs, a drawn signature and a company chop.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from PIL import Image, ImageDraw, ImageFilter
from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

CJK = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(CJK))

Align = Literal["left", "right", "center"]
TableStyle = Literal["ruled", "zebra", "plain"]
LabelPlacement = Literal["below", "right"]

ZEBRA = Color(0.90, 0.93, 0.97)
SHADE = Color(0.88, 0.88, 0.88)
CHOP_RED = Color(0.82, 0.10, 0.12, alpha=0.75)


def has_cjk(text: str) -> bool:
    return any(ord(ch) >= 0x2E80 for ch in text)


@dataclass(frozen=True)
class Column:
    title: str
    width: float
    align: Align = "left"


class Sheet:
    """One PDF being drawn; `top` arguments are distances from the page's top edge."""

    def __init__(self, title: str, *, landscape_page: bool = False) -> None:
        self.buffer = io.BytesIO()
        self.size = landscape(A4) if landscape_page else A4
        self.width, self.height = self.size
        # invariant=1 keeps creation dates and ids out of the file: reruns give identical bytes.
        self.canvas = Canvas(self.buffer, pagesize=self.size, invariant=1)
        self.canvas.setTitle(title)
        self.canvas.setAuthor("")

    # text ---------------------------------------------------------------------------------
    def text(
        self, x: float, top: float, s: str, *, font: str = "Helvetica", size: float = 9, align: Align = "left"
    ) -> None:
        face = CJK if has_cjk(s) else font
        c = self.canvas
        c.setFont(face, size)
        y = self.height - top - size
        if align == "right":
            c.drawRightString(x, y, s)
        elif align == "center":
            c.drawCentredString(x, y, s)
        else:
            c.drawString(x, y, s)

    def lines(
        self,
        x: float,
        top: float,
        rows: Sequence[str],
        *,
        font: str = "Helvetica",
        size: float = 9,
        leading: float | None = None,
        align: Align = "left",
    ) -> float:
        """Draws one string per line; returns the top of the next line."""
        step = leading or size * 1.25
        for row in rows:
            self.text(x, top, row, font=font, size=size, align=align)
            top += step
        return top

    def paragraph(
        self,
        x: float,
        top: float,
        width: float,
        s: str,
        *,
        font: str = "Helvetica",
        size: float = 9,
        leading: float | None = None,
    ) -> float:
        face = CJK if has_cjk(s) else font
        return self.lines(x, top, simpleSplit(s, face, size, width), font=font, size=size, leading=leading)

    # boxes --------------------------------------------------------------------------------
    def rect(
        self,
        x: float,
        top: float,
        w: float,
        h: float,
        *,
        fill: Color | None = None,
        stroke: bool = True,
        line_width: float = 0.6,
    ) -> None:
        c = self.canvas
        c.setLineWidth(line_width)
        if fill is not None:
            c.setFillColor(fill)
        c.rect(x, self.height - top - h, w, h, stroke=int(stroke), fill=int(fill is not None))
        c.setFillColor(black)

    def hline(self, x0: float, x1: float, top: float, *, width: float = 0.6) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.line(x0, self.height - top, x1, self.height - top)

    def field_box(
        self,
        x: float,
        top: float,
        w: float,
        h: float,
        label: str,
        values: Sequence[str],
        *,
        placement: LabelPlacement = "below",
        label_size: float = 6.5,
        size: float = 9,
        font: str = "Helvetica",
        border: bool = True,
    ) -> None:
        """A form box: small label, then the value lines below it or to its right."""
        if border:
            self.rect(x, top, w, h)
        self.text(x + 3, top + 2.5, label, font="Helvetica", size=label_size)
        if placement == "below":
            self.lines(x + 6, top + 4 + label_size + 2, values, font=font, size=size)
        else:
            face = CJK if has_cjk(label) else "Helvetica"
            offset = pdfmetrics.stringWidth(label, face, label_size) + 8
            self.lines(x + 3 + offset, top + 2, values, font=font, size=size)

    def pair(
        self,
        x: float,
        top: float,
        label: str,
        value: str,
        *,
        gap: float = 80,
        size: float = 9,
        bold_label: bool = True,
    ) -> None:
        """A label with its value to the right, aligned on a tab stop."""
        self.text(x, top, label, font="Helvetica-Bold" if bold_label else "Helvetica", size=size)
        self.text(x + gap, top, value, size=size)

    # tables -------------------------------------------------------------------------------
    def table(
        self,
        x: float,
        top: float,
        columns: Sequence[Column],
        rows: Sequence[Sequence[str]],
        *,
        style: TableStyle = "ruled",
        size: float = 8,
        header_font: str = "Helvetica-Bold",
        font: str = "Helvetica",
        padding: float = 3,
        header_fill: Color | None = SHADE,
    ) -> float:
        """Draws header and rows with wrapped cells; returns the bottom of the table."""
        total = sum(col.width for col in columns)
        line_h = size * 1.2
        header_h = self._row_height(columns, [c.title for c in columns], header_font, size, padding)
        if style != "plain" and header_fill is not None:
            self.rect(x, top, total, header_h, fill=header_fill, stroke=style == "ruled")
        self._draw_row(x, top, columns, [c.title for c in columns], header_font, size, padding, line_h)
        y = top + header_h
        if style == "plain":
            self.hline(x, x + total, y, width=0.9)
        for n, row in enumerate(rows):
            h = self._row_height(columns, row, font, size, padding)
            if style == "zebra" and n % 2 == 0:
                self.rect(x, y, total, h, fill=ZEBRA, stroke=False)
            if style == "ruled":
                self._grid(x, y, columns, h)
            self._draw_row(x, y, columns, row, font, size, padding, line_h)
            y += h
        if style == "ruled":
            self._grid(x, top, columns, header_h)
        else:
            self.hline(x, x + total, y, width=0.9)
        return y

    def _cell_lines(self, text: str, width: float, font: str, size: float, padding: float) -> list[str]:
        face = CJK if has_cjk(text) else font
        out: list[str] = []
        for part in text.split("\n"):
            out += simpleSplit(part, face, size, width - 2 * padding) or [""]
        return out

    def _row_height(
        self, columns: Sequence[Column], row: Sequence[str], font: str, size: float, padding: float
    ) -> float:
        most = max(
            len(self._cell_lines(t, c.width, font, size, padding)) for c, t in zip(columns, row, strict=True)
        )
        return most * size * 1.2 + 2 * padding

    def _draw_row(
        self,
        x: float,
        top: float,
        columns: Sequence[Column],
        row: Sequence[str],
        font: str,
        size: float,
        padding: float,
        line_h: float,
    ) -> None:
        for col, cell in zip(columns, row, strict=True):
            anchor = {"left": x + padding, "right": x + col.width - padding, "center": x + col.width / 2}
            self.lines(
                anchor[col.align],
                top + padding,
                self._cell_lines(cell, col.width, font, size, padding),
                font=font,
                size=size,
                leading=line_h,
                align=col.align,
            )
            x += col.width

    def _grid(self, x: float, top: float, columns: Sequence[Column], h: float) -> None:
        for col in columns:
            self.rect(x, top, col.width, h)
            x += col.width

    # marks --------------------------------------------------------------------------------
    def signature(self, x: float, top: float, w: float, h: float, seed: str) -> None:
        self.canvas.drawImage(ImageReader(signature_image(seed)), x, self.height - top - h, w, h, mask="auto")

    def chop(self, cx: float, ctop: float, radius: float, lines: Sequence[str]) -> None:
        """A red company chop: ring, star and the name in short lines."""
        c = self.canvas
        c.saveState()
        c.setStrokeColor(CHOP_RED)
        c.setFillColor(CHOP_RED)
        c.setLineWidth(1.6)
        cy = self.height - ctop
        c.circle(cx, cy, radius, stroke=1, fill=0)
        star = [
            (
                cx + radius * 0.22 * math.cos(math.pi / 2 + k * 4 * math.pi / 5),
                cy + radius * 0.22 * math.sin(math.pi / 2 + k * 4 * math.pi / 5),
            )
            for k in range(5)
        ]
        path = c.beginPath()
        path.moveTo(*star[0])
        for point in star[1:]:
            path.lineTo(*point)
        path.close()
        c.drawPath(path, stroke=0, fill=1)
        c.setFont(CJK if any(has_cjk(s) for s in lines) else "Helvetica-Bold", 5.5)
        for n, s in enumerate(lines[:2]):
            c.drawCentredString(cx, cy + (radius * 0.42 if n == 0 else -radius * 0.6), s)
        c.restoreState()

    def footer(self, s: str, *, size: float = 6.5) -> None:
        self.text(self.width / 2, self.height - 28, s, size=size, align="center")

    def new_page(self) -> None:
        self.canvas.showPage()

    def finish(self) -> bytes:
        self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue()


def signature_image(seed: str) -> Image.Image:
    """A handwritten-looking scribble, drawn at 4x and downsampled; the same seed, the same hand."""
    rng = random.Random(seed)
    w, h = 720, 240
    img = Image.new("RGBA", (w, h), (255, 255, 255, 0))
    draw = ImageDraw.Draw(img)
    ink = (20, 30, 110, 255)
    x = 40.0
    points: list[tuple[float, float]] = []
    for _ in range(rng.randint(5, 8)):
        amp, freq = rng.uniform(35, 80), rng.uniform(0.05, 0.12)
        phase = rng.uniform(0, math.pi)
        span = rng.uniform(50, 110)
        for t in range(int(span)):
            points.append((x + t, h / 2 + amp * math.sin(phase + t * freq) * math.cos(t * freq / 3)))
        x += span
    draw.line(points, fill=ink, width=7, joint="curve")
    draw.line([(50, h * 0.78), (x - 20, h * 0.70)], fill=ink, width=5)
    img = img.filter(ImageFilter.GaussianBlur(1.2)).resize((w // 3, h // 3), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    img.save(out, format="PNG")
    out.seek(0)
    return Image.open(out)
