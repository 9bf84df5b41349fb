"""A file → pages of positioned words: format from the bytes, text layer where usable, OCR elsewhere.

Per PDF page the text layer is read first (pdfium, milliseconds); a page whose layer is empty,
tiny, or only a browser's print header over a large image is rendered and OCR'd. PNG, JPEG and
TIFF (every frame) are always OCR'd. The input file is only ever opened for reading.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import pypdfium2 as pdfium
import pytesseract
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError
from pydantic import BaseModel, ConfigDict, Field

from extractors.backends import imaging
from extractors.backends.imaging import Upright
from extractors.backends.ocr import Budget, OcrOptions, OcrPage, OcrTimeout, ocr_page, read_upright, turn_for
from extractors.backends.textlayer import TextLayer, read_text_layer
from extractors.datamodel import BBox, Page, Segment, Word

log = logging.getLogger(__name__)

FileKind = Literal["pdf", "png", "jpeg", "tiff"]

_IMAGE_SIGNATURES: tuple[tuple[bytes, FileKind], ...] = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
)
#: Formats people drop into the inbox by mistake, named so the problem says what the file is.
_LOOKALIKES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP/Office file"),
    (b"\xd0\xcf\x11\xe0", "an old Office file (.doc/.xls)"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "a WebP/RIFF file"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"{\\rtf", "an RTF document"),
    (b"II+\x00", "a BigTIFF image"),
)
#: A PDF may carry junk before its header; readers accept it within the first kilobyte.
_PDF_HEADER_WINDOW = 1024
#: An image covering this share of a page, with next to no text on it, is a scan to OCR.
IMAGE_COVER = 0.5
#: Image files with a shorter long side are enlarged before OCR (phone shots, web-sized scans).
MIN_OCR_LONG_SIDE = 2000


class ReadSettings(BaseModel):
    """How a document is read; the defaults suit A4 paperwork on a small machine."""

    model_config = ConfigDict(extra="forbid")

    dpi: int = Field(
        300,
        ge=72,
        le=600,
        description="rendering resolution for OCR of PDF pages, coarser scans too (lowered for max_pixels)",
    )
    max_pages: int = Field(50, ge=1)
    max_pixels: int = Field(60_000_000, ge=1_000_000, description="cap on an image's or rendering's size")
    page_timeout_s: float = Field(60, gt=0, description="tesseract time limit per page")
    languages: str = Field(
        "eng",
        description="tesseract languages; chi_sim is added when a page reads badly and OSD sees Chinese",
    )
    min_text_chars: int = Field(
        20, ge=0, description="a PDF page with fewer text-layer characters than this is OCR'd"
    )
    psm: int = Field(4, ge=0, le=13, description="tesseract page segmentation mode (4 read forms best)")


class UnreadableDocument(Exception):
    """The file cannot be read at all; `reason` says why in words a person understands."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class ReadResult:
    pages: list[Page]
    #: Non-fatal: pages not read, OCR timeouts, lowered resolution (each page's own are also on the Page).
    problems: list[str] = field(default_factory=list)


# --- format -----------------------------------------------------------------------------------


def sniff(head: bytes) -> FileKind:
    """The file's format from its first bytes; UnreadableDocument naming what it looks like otherwise."""
    if not head:
        raise UnreadableDocument("empty file")
    if b"%PDF-" in head[:_PDF_HEADER_WINDOW]:
        return "pdf"
    for signature, kind in _IMAGE_SIGNATURES:
        if head.startswith(signature):
            return kind
    for signature, name in _LOOKALIKES:
        if head.startswith(signature):
            raise UnreadableDocument(f"unsupported file type: not a PDF or image (looks like {name})")
    raise UnreadableDocument(
        f"unsupported file type: not a PDF or image (looks like {_describe_unknown(head)})"
    )


def _describe_unknown(head: bytes) -> str:
    try:
        text = head.decode("utf-8").lstrip().lower()
    except UnicodeDecodeError:
        return "binary data of an unknown format"
    if text.startswith(("<!doctype html", "<html")):
        return "an HTML page"
    if text.startswith("<?xml"):
        return "an XML file"
    if not text.strip("\x00"):
        return "a file of blanks"
    return "a text file"


def sniff_file(path: Path) -> FileKind:
    with path.open("rb") as handle:
        return sniff(handle.read(_PDF_HEADER_WINDOW))


# --- PDF --------------------------------------------------------------------------------------


def _open_pdf(path: Path) -> pdfium.PdfDocument:
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise UnreadableDocument("encrypted PDF, no password") from error
        raise UnreadableDocument("truncated PDF" if _lacks_end(path) else "damaged PDF") from error
    if len(pdf) == 0:
        pdf.close()
        raise UnreadableDocument("truncated PDF" if _lacks_end(path) else "PDF without pages")
    return pdf


def _lacks_end(path: Path) -> bool:
    with path.open("rb") as handle:
        handle.seek(max(0, path.stat().st_size - 2048))
        return b"%%EOF" not in handle.read()


@dataclass(frozen=True, slots=True)
class LayerVerdict:
    """Whether a page's text layer is used, and if not which part of the page is OCR'd."""

    use_text: bool
    reason: str
    #: Areas to OCR, keeping text-layer words elsewhere; empty means the whole page.
    scan_areas: tuple[BBox, ...] = ()


def judge_text_layer(layer: TextLayer, min_chars: int) -> LayerVerdict:
    """Text layer, OCR of the whole page, or OCR of the large images with the text around them kept."""
    chars = layer.char_count
    if chars < min_chars:
        return LayerVerdict(False, f"text layer has {chars} chars")
    scans = _scan_images(layer)
    if scans:
        on_images = sum(len(w.text) for w in layer.words if any(_centre_in(w.bbox, b) for b in scans))
        if on_images < min_chars:
            share = sum(_area(b) for b in scans) / (layer.width * layer.height)
            return LayerVerdict(
                False,
                f"text layer has {chars} chars, {on_images} of them over images "
                f"covering {share:.0%} of the page",
                scans,
            )
    return LayerVerdict(True, f"text layer has {chars} chars")


def _scan_images(layer: TextLayer) -> tuple[BBox, ...]:
    """The images large enough to be a scan of the page (or of most of it)."""
    return tuple(box for box in layer.images if _is_scan(box, layer))


def _is_scan(image: BBox, layer: TextLayer) -> bool:
    return _area(image) >= IMAGE_COVER * layer.width * layer.height


def _area(box: BBox) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def _centre_in(box: BBox, area: BBox) -> bool:
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return area[0] <= x <= area[2] and area[1] <= y <= area[3]


def _render_grey(page: pdfium.PdfPage, dpi: float) -> np.ndarray:
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    try:
        return bitmap.to_numpy().copy()
    finally:
        bitmap.close()


def _capped_dpi(width_pt: float, height_pt: float, dpi: int, max_pixels: int) -> int:
    """The highest dpi not above `dpi` at which the page stays under the pixel cap."""
    fit = math.sqrt(max_pixels / max(width_pt * height_pt, 1.0)) * 72  # a degenerate page has no area
    return min(dpi, max(1, math.floor(fit)))


def _read_pdf_page(page: pdfium.PdfPage, number: int, settings: ReadSettings) -> Page:
    layer = read_text_layer(page)
    verdict = judge_text_layer(layer, settings.min_text_chars)
    if verdict.use_text:
        log.debug("page %d: text layer — %s", number, verdict.reason)
        return Page(number, layer.width, layer.height, layer.words, "text", layer.segments)
    log.debug("page %d: OCR — %s", number, verdict.reason)
    problems = []
    # Not the scan's own resolution: 200-dpi scans rendered at 300 read better (family B's OCR fields
    # 91.5 % against 76.3 %), tesseract wanting letters taller than such scans give them.
    dpi = _capped_dpi(layer.width, layer.height, settings.dpi, settings.max_pixels)
    if dpi < settings.dpi:
        problems.append(f"page {number}: rendered at {dpi} dpi to stay under the pixel cap")
    # Text-layer words kept around the images show the page stands upright: read it as it is.
    scanned = _scan(_render_grey(page, dpi), number, settings, problems, turn=not verdict.scan_areas)
    if scanned is None:
        return Page(number, layer.width, layer.height, [], "ocr", [], problems=problems)
    size = (layer.height, layer.width) if scanned.turn.quarter_turns % 2 else (layer.width, layer.height)
    ocr = _scale_page(scanned, 72 / dpi, size, number, problems)
    if verdict.scan_areas:
        ocr = _merge(layer, ocr, verdict.scan_areas)
    return ocr


def _scan(
    grey: np.ndarray, number: int, settings: ReadSettings, problems: list[str], turn: bool = True
) -> OcrPage | None:
    """OCR within the page's time budget, turned upright unless `turn` is off; None with the reason
    among `problems` when tesseract overruns or fails."""
    budget = Budget.start(settings.page_timeout_s)
    options = OcrOptions(psm=settings.psm)
    try:
        if turn:
            return read_upright(grey, settings.languages, budget, options)
        return ocr_page(grey, Upright(), settings.languages, budget, options)
    except OcrTimeout as error:
        problems.append(f"page {number}: {error}")
    except pytesseract.TesseractError as error:
        problems.append(f"page {number}: OCR failed ({str(error).strip()[:120]})")
    return None


def _scale_page(
    scanned: OcrPage, factor: float, size: tuple[float, float], number: int, problems: list[str]
) -> Page:
    """OCR output in page units (points for PDF pages, the image's own pixels for image files).

    `size` is the upright page in those units, given rather than computed from the pixels so
    that rounding in rendering does not make a page a fraction of a unit off.
    """
    words = [
        Word(w.text, w.x0 * factor, w.top * factor, w.x1 * factor, w.bottom * factor, w.conf)
        for w in scanned.words
    ]
    segments = [
        Segment(s.x0 * factor, s.top * factor, s.x1 * factor, s.bottom * factor) for s in scanned.segments
    ]
    return Page(
        number,
        *size,
        words,
        "ocr",
        segments,
        rotation=scanned.turn.rotation,
        skew=scanned.turn.angle,
        problems=list(problems),
    )


def _merge(layer: TextLayer, ocr: Page, areas: tuple[BBox, ...]) -> Page:
    """Text-layer words around the scanned areas, OCR words and lines inside them, top to bottom."""
    top_of_scan = min(a[1] for a in areas)

    def inside(box: BBox) -> bool:
        return any(_centre_in(box, a) for a in areas)

    above = [w for w in layer.words if not inside(w.bbox) and w.bottom <= top_of_scan]
    below = [w for w in layer.words if not inside(w.bbox) and w.bottom > top_of_scan]
    scanned = [w for w in ocr.words if inside(w.bbox)]
    segments = [s for s in layer.segments if not inside(_segment_box(s))] + [
        s for s in ocr.segments if inside(_segment_box(s))
    ]
    return Page(
        ocr.number, layer.width, layer.height, above + scanned + below, "ocr", segments, problems=ocr.problems
    )


def _segment_box(segment: Segment) -> BBox:
    return (segment.x0, segment.top, segment.x1, segment.bottom)


def _read_pdf(path: Path, settings: ReadSettings) -> ReadResult:
    pdf = _open_pdf(path)
    try:
        count = len(pdf)
        problems = (
            []
            if count <= settings.max_pages
            else [f"only the first {settings.max_pages} of {count} pages read"]
        )
        pages = []
        for index in range(min(count, settings.max_pages)):
            page = pdf[index]
            try:
                pages.append(_read_pdf_page(page, index + 1, settings))
            finally:
                page.close()
        return ReadResult(pages, problems + [p for page in pages for p in page.problems])
    finally:
        pdf.close()


# --- images -----------------------------------------------------------------------------------


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1e6:.0f}"


def _open_image(path: Path, kind: FileKind) -> Image.Image:
    try:
        return Image.open(path)
    except Image.DecompressionBombError as error:  # far beyond any cap we would accept
        raise UnreadableDocument(f"image too large to open ({error})") from error
    except (UnidentifiedImageError, OSError) as error:
        reason = "truncated" if "truncated" in str(error).lower() else "damaged"
        raise UnreadableDocument(f"{reason} {kind.upper()} image") from error


def _frame_count(image: Image.Image) -> int | None:
    try:
        return int(getattr(image, "n_frames", 1))
    except (OSError, EOFError):  # a damaged multi-page TIFF: count unknown, read what can be read
        return None


def _frames(image: Image.Image, max_pixels: int) -> Iterator[Image.Image]:
    """The image's frames (one, or every page of a TIFF), each checked against the pixel cap."""
    for frame in ImageSequence.Iterator(image):
        width, height = frame.size
        if width * height > max_pixels:
            raise UnreadableDocument(
                f"image of {_megapixels(width * height)} megapixels exceeds the "
                f"{_megapixels(max_pixels)} megapixel cap"
            )
        yield frame


def image_grey(frame: Image.Image, kind: FileKind) -> np.ndarray:
    try:
        return imaging.pil_to_grey(frame)
    except OSError as error:  # PIL decodes lazily: a cut-off file fails here
        raise UnreadableDocument(f"truncated {kind.upper()} image") from error


def _read_image_frame(grey: np.ndarray, number: int, settings: ReadSettings) -> Page:
    log.debug("page %d: OCR — image file of %dx%d px", number, grey.shape[1], grey.shape[0])
    enlarged, factor = imaging.enlarge(grey, MIN_OCR_LONG_SIDE)
    problems: list[str] = []
    scanned = _scan(enlarged, number, settings, problems)
    if scanned is None:
        return Page(number, grey.shape[1], grey.shape[0], [], "ocr", [], problems=problems)
    log.debug("page %d: turned %d°, deskewed %.1f°", number, scanned.turn.rotation, scanned.turn.angle)
    size = imaging.upright_size(grey.shape[1], grey.shape[0], scanned.turn)
    return _scale_page(scanned, 1 / factor, size, number, problems)


def _read_image(path: Path, kind: FileKind, settings: ReadSettings) -> ReadResult:
    pages: list[Page] = []
    problems: list[str] = []
    with _open_image(path, kind) as image:
        count = _frame_count(image)
        for index, frame in enumerate(_frames(image, settings.max_pixels)):
            if index >= settings.max_pages:
                problems.append(f"only the first {settings.max_pages} of {count} pages read")
                break
            try:
                grey = image_grey(frame, kind)
            except UnreadableDocument as error:
                if not pages:
                    raise
                problems.append(f"page {index + 1}: {error.reason}; later pages not read")
                break
            pages.append(_read_image_frame(grey, index + 1, settings))
            del grey
    return ReadResult(pages, problems + [p for page in pages for p in page.problems])


# --- public -----------------------------------------------------------------------------------


def read_document(path: Path, settings: ReadSettings | None = None) -> ReadResult:
    """Every page of a PDF, PNG, JPEG or TIFF as positioned words; UnreadableDocument if none can be read."""
    settings = settings or ReadSettings()
    path = Path(path)
    kind = sniff_file(path)
    if kind == "pdf":
        return _read_pdf(path, settings)
    return _read_image(path, kind, settings)


def render_page(
    path: Path,
    page_number: int,
    dpi: int,
    settings: ReadSettings | None = None,
    rotation: int | None = None,
    scanned: bool | None = None,
    skew: float | None = None,
) -> Image.Image:
    """Page `page_number` (1-based) as an RGB image standing as the reader's Page does, for evidence crops.

    PDF pages are rendered at `dpi`, so a Page bbox times dpi/72 is a pixel box in the image;
    scanned pages are turned and deskewed as the reader turned them. Image files come back at
    their own resolution (`dpi` is ignored), where Page coordinates are already pixels. Pass the
    Page's `rotation` for scanned pages: without it the page is read again to find how it stands;
    with its `skew` too, the skew is not measured again. `scanned=False` (a page read from its text
    layer) skips judging the page's text layer again.
    """
    settings = settings or ReadSettings()
    path = Path(path)
    kind = sniff_file(path)
    if kind == "pdf":
        return _render_pdf_page(path, page_number, dpi, settings, scanned, rotation, skew)
    with _open_image(path, kind) as image:
        for index, frame in enumerate(_frames(image, settings.max_pixels)):
            if index + 1 == page_number:
                turn = _known_turn(rotation, skew) or _reader_turn(
                    imaging.enlarge(image_grey(frame, kind), MIN_OCR_LONG_SIDE)[0], settings, rotation
                )
                colour = np.asarray(ImageOps.exif_transpose(frame).convert("RGB"))
                return Image.fromarray(imaging.make_upright(colour, turn))
    raise ValueError(f"{path.name} has no page {page_number}")


def _known_turn(rotation: int | None, skew: float | None) -> Upright | None:
    """The turn the reader gave a page, when both its parts are known."""
    if rotation is None or skew is None:
        return None
    return Upright((-rotation // 90) % 4, skew)


def _reader_turn(grey: np.ndarray, settings: ReadSettings, rotation: int | None) -> Upright:
    """The turn the reader gave a scanned page: from its rotation when known, else by reading it again.

    The skew is measured again on the same pixels the reader measured it on, so it comes out the same.
    """
    if rotation is None:
        scanned = _scan(grey, 0, settings, [])
        return scanned.turn if scanned is not None else Upright()
    return turn_for(grey, (-rotation // 90) % 4)


def _render_pdf_page(
    path: Path,
    page_number: int,
    dpi: int,
    settings: ReadSettings,
    scanned: bool | None,
    rotation: int | None,
    skew: float | None,
) -> Image.Image:
    pdf = _open_pdf(path)
    try:
        if not 1 <= page_number <= len(pdf):
            raise ValueError(f"{path.name} has no page {page_number} (it has {len(pdf)})")
        page = pdf[page_number - 1]
        try:
            if scanned is False:
                return page.render(scale=dpi / 72, rev_byteorder=True).to_pil().convert("RGB")
            layer = read_text_layer(page)
            verdict = judge_text_layer(layer, settings.min_text_chars)
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True)  # RGB, not pdfium's BGR
            colour = bitmap.to_numpy().copy()
            bitmap.close()
            if not verdict.use_text and not verdict.scan_areas:
                turn = _known_turn(rotation, skew)
                if turn is None:
                    read_dpi = _capped_dpi(layer.width, layer.height, settings.dpi, settings.max_pixels)
                    turn = _reader_turn(_render_grey(page, read_dpi), settings, rotation)
                colour = imaging.make_upright(colour, turn)
            return Image.fromarray(colour).convert("RGB")
        finally:
            page.close()
    finally:
        pdf.close()
