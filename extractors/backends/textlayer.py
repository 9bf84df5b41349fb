"""Text-layer backend: the words, ruled lines and image areas of a PDF page, read with pdfium.

pdfium gives character boxes and path geometry an order of magnitude faster than pdfminer
(pdfplumber), so both come from it: characters are grouped into words the way pdfplumber's
`extract_words` does (split on spaces, on gaps over `x_tolerance`, on line changes), and
ruled lines are read from path objects (stroked lines, rectangle edges, thin filled bars).
Everything is returned in the upright page: origin top-left, PDF points, /Rotate applied.
"""

from __future__ import annotations

import ctypes
import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractors.datamodel import BBox, Segment, Word

#: Characters closer than this (points, along the line) belong to the same word (pdfplumber's default).
X_TOLERANCE = 3.0
#: Characters whose tops differ by more than this (points) are on different lines.
Y_TOLERANCE = 3.0
#: A filled rectangle no thicker than this (points) is drawn as a rule, not an area.
THIN_FILL = 3.0
#: Ruled lines shorter than this (points) are glyph-like marks, not table or box borders.
MIN_SEGMENT = 3.0

# pdfium reports ligature glyphs as one code point; pdfplumber's extract_words expands them.
LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "ft", "ﬆ": "st"}

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(frozen=True, slots=True)
class PageFrame:
    """Maps PDF user space (origin bottom-left, unrotated) to the upright page as displayed."""

    left: float
    bottom: float
    width: float  # of the crop box, unrotated
    height: float
    rotation: int  # /Rotate, clockwise, one of 0, 90, 180, 270

    @property
    def size(self) -> tuple[float, float]:
        """Width and height of the upright page."""
        return (self.height, self.width) if self.rotation in (90, 270) else (self.width, self.height)

    def point(self, x: float, y: float) -> tuple[float, float]:
        x, y = x - self.left, y - self.bottom
        if self.rotation == 90:
            return y, x
        if self.rotation == 180:
            return self.width - x, y
        if self.rotation == 270:
            return self.height - y, self.width - x
        return x, self.height - y

    def box(self, left: float, bottom: float, right: float, top: float) -> BBox:
        (ax, ay), (bx, by) = self.point(left, bottom), self.point(right, top)
        return (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))


@dataclass(frozen=True, slots=True)
class TextLayer:
    """What a PDF page holds besides its pixels."""

    width: float
    height: float
    words: list[Word]
    segments: list[Segment]
    #: Areas covered by raster images, upright page coordinates.
    images: list[BBox]

    @property
    def char_count(self) -> int:
        return sum(len(w.text) for w in self.words)


@dataclass(frozen=True, slots=True)
class _Char:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    direction: int  # reading direction on the upright page, degrees counter-clockwise: 0/90/180/270


def page_frame(page: pdfium.PdfPage) -> PageFrame:
    left, bottom, right, top = page.get_cropbox()
    return PageFrame(left, bottom, right - left, top - bottom, page.get_rotation() % 360)


def read_text_layer(page: pdfium.PdfPage) -> TextLayer:
    """Words, ruled lines and image areas of one page."""
    frame = page_frame(page)
    textpage = page.get_textpage()
    try:
        words = chars_to_words(_read_chars(textpage, frame))
    finally:
        textpage.close()
    segments: list[Segment] = []
    images: list[BBox] = []
    for kind, obj, ctm in _walk_objects(page):
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            segments.extend(_path_segments(obj, ctm, frame))
        elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images.append(_image_box(obj, ctm, frame))
    width, height = frame.size
    return TextLayer(width, height, words, _inside(segments, width, height), images)


# --- characters and words -------------------------------------------------------------------


def _read_chars(textpage: pdfium.PdfTextPage, frame: PageFrame) -> list[_Char]:
    rect = pdfium_c.FS_RECTF()
    chars = []
    for i in range(textpage.count_chars()):
        code = pdfium_c.FPDFText_GetUnicode(textpage, i)
        text = chr(code) if code < 0x110000 else ""
        if not text.isprintable() or text.isspace() or not text:
            chars.append(None)  # a word break
            continue
        pdfium_c.FPDFText_GetLooseCharBox(textpage, i, rect)
        x0, top, x1, bottom = frame.box(rect.left, rect.bottom, rect.right, rect.top)
        angle = math.degrees(pdfium_c.FPDFText_GetCharAngle(textpage, i))
        direction = round((angle - frame.rotation) / 90) % 4 * 90
        chars.append(_Char(LIGATURES.get(text, text), x0, top, x1, bottom, direction))
    return chars  # type: ignore[return-value]


def _along(char: _Char) -> tuple[float, float]:
    """Start and end of the character along its reading direction."""
    if char.direction == 0:
        return char.x0, char.x1
    if char.direction == 180:
        return -char.x1, -char.x0
    if char.direction == 90:
        return -char.bottom, -char.top
    return char.top, char.bottom


def _across(char: _Char) -> float:
    return char.top if char.direction in (0, 180) else char.x0


def _same_word(prev: _Char, char: _Char) -> bool:
    (p_start, p_end), (c_start, c_end) = _along(prev), _along(char)
    return (
        prev.direction == char.direction
        and c_start <= p_end + X_TOLERANCE  # no gap wider than the tolerance ...
        and c_end >= p_start - X_TOLERANCE  # ... and not behind the previous character
        and abs(_across(char) - _across(prev)) <= Y_TOLERANCE
    )


def _is_overprint(prev: _Char, char: _Char) -> bool:
    """Fake bold: the same glyph drawn again a fraction of a point away."""
    return char.text == prev.text and abs(char.x0 - prev.x0) < 1 and abs(char.top - prev.top) < 1


def chars_to_words(chars: list[_Char | None]) -> list[Word]:
    """Group characters (None = a space or line break) into words, in content order."""
    words: list[Word] = []
    run: list[_Char] = []
    for char in [*chars, None]:
        if char is not None and run and _is_overprint(run[-1], char):
            continue
        if char is None or (run and not _same_word(run[-1], char)):
            if run:
                words.append(_run_to_word(run))
            run = []
        if char is not None:
            run.append(char)
    return words


def _run_to_word(run: list[_Char]) -> Word:
    return Word(
        "".join(c.text for c in run),
        min(c.x0 for c in run),
        min(c.top for c in run),
        max(c.x1 for c in run),
        max(c.bottom for c in run),
    )


# --- page objects: paths and images ---------------------------------------------------------


def _multiply(a: Matrix, b: Matrix) -> Matrix:
    """a then b, PDF convention (row vectors)."""
    return (
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _matrix(obj: ctypes.c_void_p) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _walk_objects(page: pdfium.PdfPage, max_depth: int = 8) -> Iterator[tuple[int, ctypes.c_void_p, Matrix]]:
    """Every path and image object with the matrix from its container (page or form XObject) to the page.

    pdfium gives a nested object's geometry in its form's space, so form matrices are composed here.
    """

    def walk(count, get, parent, ctm: Matrix, depth: int):  # type: ignore[no-untyped-def]
        for i in range(count(parent)):
            obj = get(parent, i)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < max_depth:
                inner = _multiply(_matrix(obj), ctm)
                yield from walk(
                    pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject, obj, inner, depth + 1
                )
            elif kind in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE):
                yield kind, obj, ctm

    yield from walk(pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, page, IDENTITY, 0)


def _image_box(obj: ctypes.c_void_p, ctm: Matrix, frame: PageFrame) -> BBox:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
    corners = [_apply(ctm, x, y) for x in (left.value, right.value) for y in (bottom.value, top.value)]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    return frame.box(min(xs), min(ys), max(xs), max(ys))


def _subpaths(obj: ctypes.c_void_p, m: Matrix, frame: PageFrame) -> list[list[tuple[float, float] | None]]:
    """The path's subpaths as upright-page points; None stands for a curve (never a rule)."""
    x, y = ctypes.c_float(), ctypes.c_float()
    subpaths: list[list[tuple[float, float] | None]] = []
    for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        point = frame.point(*_apply(m, x.value, y.value))
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append([point])
        else:
            subpaths[-1].append(point if kind == pdfium_c.FPDF_SEGMENT_LINETO else None)
        if pdfium_c.FPDFPathSegment_GetClose(seg) and subpaths[-1][0] is not None:
            subpaths[-1].append(subpaths[-1][0])
    return subpaths


def _edges(points: list[tuple[float, float] | None]) -> Iterator[Segment]:
    """Axis-parallel straight edges of one subpath."""
    for a, b in itertools.pairwise(points):
        if a is None or b is None:
            continue
        x0, x1, y0, y1 = min(a[0], b[0]), max(a[0], b[0]), min(a[1], b[1]), max(a[1], b[1])
        if (y1 - y0 < 1 or x1 - x0 < 1) and max(x1 - x0, y1 - y0) >= MIN_SEGMENT:
            yield Segment(x0, y0, x1, y1)


def _thin_bar(points: list[tuple[float, float] | None]) -> Segment | None:
    """A filled subpath no thicker than THIN_FILL, as the rule along its middle."""
    if None in points or len(points) < 3:
        return None
    xs, ys = [p[0] for p in points if p], [p[1] for p in points if p]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    if y1 - y0 <= THIN_FILL and x1 - x0 >= MIN_SEGMENT:
        mid = (y0 + y1) / 2
        return Segment(x0, mid, x1, mid)
    if x1 - x0 <= THIN_FILL and y1 - y0 >= MIN_SEGMENT:
        mid = (x0 + x1) / 2
        return Segment(mid, y0, mid, y1)
    return None


def _path_segments(obj: ctypes.c_void_p, ctm: Matrix, frame: PageFrame) -> list[Segment]:
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj, fill_mode, stroke)
    m = _multiply(_matrix(obj), ctm)
    segments: list[Segment] = []
    for points in _subpaths(obj, m, frame):
        bar = _thin_bar(points) if fill_mode.value else None
        if bar is not None:
            segments.append(bar)
        elif stroke.value or fill_mode.value:
            # Stroked outlines are rules; so are the edges of filled cells (shaded table cells).
            segments.extend(_edges(points))
    return segments


def _inside(segments: list[Segment], width: float, height: float, slack: float = 1.0) -> list[Segment]:
    """Clamp to the page; drop what lies beyond it (content outside the crop box).

    `slack` keeps borders drawn on the page's very edge, which rounding puts a hair outside.
    """
    kept = []
    for s in segments:
        if s.x1 < -slack or s.x0 > width + slack or s.bottom < -slack or s.top > height + slack:
            continue
        x0, x1 = min(max(s.x0, 0.0), width), min(max(s.x1, 0.0), width)
        top, bottom = min(max(s.top, 0.0), height), min(max(s.bottom, 0.0), height)
        if max(x1 - x0, bottom - top) >= MIN_SEGMENT:
            kept.append(Segment(x0, top, x1, bottom))
    return kept
