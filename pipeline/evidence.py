"""Evidence images: the page region around a field's box, the value highlighted, as a data URI.

A field's bbox is in the units of its page (PDF points, or pixels of an image file), with the
origin top-left. The page is rendered standing as the reader's Page stood, the box scaled to the
rendering, a band of context cut around it, shrunk, highlighted and encoded in
whichever of PNG or JPEG is smaller. Crops are cached on disk by (sha256, page, bbox), so
re-rendering the report after each review decision costs no rendering.
"""

from __future__ import annotations

import base64
import hashlib
import io
import logging
import os
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from PIL import Image, ImageDraw

from extractors.datamodel import BBox
from pipeline.outputs import atomic_write

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Stance:
    """How the reader stood a page, for a rendering to stand the same without reading it again: its
    quarter turn and skew in degrees, and whether it OCR'd the page (each None when unknown)."""

    rotation: int | None = None
    skew: float | None = None
    scanned: bool | None = None


#: (file, page number, dpi, how the reader stood the page) -> the page, standing as the reader's Page
Renderer = Callable[[Path, int, int, Stance], Image.Image]
Box = tuple[int, int, int, int]

#: Rendering resolution for PDFs: sharp enough to read 7 pt print once cropped.
RENDER_DPI = 150
#: Context kept around the box, as fractions of the page's width and height.
CONTEXT_X, CONTEXT_Y = 0.2, 0.04
#: The crop shown is at most this size (pixels); larger crops are shrunk.
MAX_WIDTH, MAX_HEIGHT = 720, 300
#: Pages kept rendered while a report is built (a page often carries several findings).
PAGE_MEMORY = 3
#: Part of the cache key: bump when the look of the crops changes.
STYLE_VERSION = "1"

_HIGHLIGHT = (255, 214, 0, 80)
_OUTLINE = (214, 40, 40, 255)


def default_renderer(path: Path, page_number: int, dpi: int, stance: Stance) -> Image.Image:
    from extractors.reader import render_page  # the backends' rendering, oriented like its Page

    return render_page(
        path, page_number, dpi, rotation=stance.rotation, skew=stance.skew, scanned=stance.scanned
    )


# ---- geometry: pure functions over boxes --------------------------------------------------------


def scale_box(bbox: BBox, factor: float) -> tuple[float, float, float, float]:
    """The box in pixels, corners put in order (a box written right-to-left is still a box)."""
    x0, x1 = sorted((bbox[0], bbox[2]))
    top, bottom = sorted((bbox[1], bbox[3]))
    return (x0 * factor, top * factor, x1 * factor, bottom * factor)


def context_box(box: Sequence[float], width: int, height: int) -> Box:
    """`box` widened by a band of context (at least a line above and below), kept on the page."""
    x0, top, x1, bottom = box
    line = max(bottom - top, height * 0.008)
    dx = max(width * CONTEXT_X, (x1 - x0) * 0.25)
    dy = max(height * CONTEXT_Y, line * 1.2)
    return (
        max(0, int(x0 - dx)),
        max(0, int(top - dy)),
        min(width, int(x1 + dx + 1)),
        min(height, int(bottom + dy + 1)),
    )


def shrink_factor(width: int, height: int) -> float:
    return min(1.0, MAX_WIDTH / max(width, 1), MAX_HEIGHT / max(height, 1))


def relative_box(box: Sequence[float], crop: Box, factor: float) -> Box:
    """`box` (page pixels) in the coordinates of `crop` after it was scaled by `factor`."""
    return (
        round((box[0] - crop[0]) * factor),
        round((box[1] - crop[1]) * factor),
        round((box[2] - crop[0]) * factor),
        round((box[3] - crop[1]) * factor),
    )


# ---- pixels --------------------------------------------------------------------------------------


def cut_evidence(page: Image.Image, box: Sequence[float]) -> Image.Image:
    """The highlighted crop around `box` (pixels of `page`)."""
    crop = context_box(box, page.width, page.height)
    region = page.crop(crop).convert("RGB")
    factor = shrink_factor(region.width, region.height)
    if factor < 1.0:
        size = (max(1, round(region.width * factor)), max(1, round(region.height * factor)))
        region = region.resize(size, Image.Resampling.LANCZOS)
    return highlight(region, relative_box(box, crop, factor))


def highlight(image: Image.Image, box: Box) -> Image.Image:
    pad = 2
    marked = (box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad)
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    ImageDraw.Draw(overlay).rectangle(marked, fill=_HIGHLIGHT, outline=_OUTLINE, width=2)
    return Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")


def encode(image: Image.Image) -> tuple[str, bytes]:
    """(mime type, bytes): a 32-colour PNG for clean renderings, JPEG for photos, whichever is smaller.

    Octree quantising without PNG's optimize pass: a crop in 3 ms rather than 13, and no larger."""
    png = io.BytesIO()
    image.quantize(colors=32, method=Image.Quantize.FASTOCTREE).save(png, "PNG")
    jpeg = io.BytesIO()
    image.save(jpeg, "JPEG", quality=72, optimize=True)
    if png.tell() <= jpeg.tell():
        return "image/png", png.getvalue()
    return "image/jpeg", jpeg.getvalue()


def data_uri(mime: str, data: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


# ---- files ---------------------------------------------------------------------------------------


def is_pdf(path: Path) -> bool:
    """By the bytes, as the reader decides (a PDF may carry junk before its header)."""
    with path.open("rb") as fh:
        return b"%PDF" in fh.read(1024)


def units_to_pixels(path: Path, dpi: int) -> float:
    """Scale from a page's bbox units to the rendering's pixels (the renderer's contract):
    PDF points rendered at `dpi`; image files come back at their own resolution."""
    return dpi / 72 if is_pdf(path) else 1.0


@dataclass(frozen=True)
class Originals:
    """Where each input file is now, and the report's link to it at a page.

    `watch` moves finished files into `<out>/archive/` (same relative path), so both are looked in.
    `base_url` is set when the report is served (the web UI serves originals itself); otherwise
    links are relative to `out`, where report.html lies, so the report opens from disk.
    """

    inbox: Path | None
    out: Path
    base_url: str | None = None

    def path(self, rel: str) -> Path | None:
        roots = [r for r in (self.inbox, self.out / "archive") if r is not None]
        return next((root / rel for root in roots if (root / rel).is_file()), None)

    def href(self, rel: str, page: int | None = None) -> str | None:
        found = self.path(rel)
        pdf = is_pdf(found) if found else rel.lower().endswith(".pdf")
        fragment = f"#page={page}" if page and pdf else ""
        if self.base_url is not None:
            return f"{self.base_url}{quote(rel)}{fragment}"
        target = found or (self.inbox / rel if self.inbox else None)
        if target is None:
            return None
        return quote(Path(os.path.relpath(target, self.out)).as_posix()) + fragment


@dataclass(frozen=True)
class EvidenceKey:
    sha256: str
    page: int
    bbox: BBox
    #: How the reader stood the page; the same for every key of a page, so not part of the digest.
    stance: Stance = Stance()

    def digest(self) -> str:
        blob = f"{self.sha256}:{self.page}:{[round(v, 1) for v in self.bbox]}:{STYLE_VERSION}"
        return hashlib.sha256(blob.encode()).hexdigest()[:24]


class EvidenceImages:
    """Evidence crops for one report: rendered pages kept briefly, crops cached on disk."""

    def __init__(
        self, cache_dir: Path | None, renderer: Renderer = default_renderer, dpi: int = RENDER_DPI
    ) -> None:
        self._cache_dir = cache_dir
        self._render = renderer
        self._dpi = dpi
        self._pages: OrderedDict[tuple[Path, int], tuple[Image.Image, float]] = OrderedDict()
        self._made: dict[EvidenceKey, str | None] = {}

    def image(self, original: Path | None, key: EvidenceKey) -> str | None:
        """A data URI of the crop, or None when the original cannot be read (moved, deleted, broken)."""
        if key not in self._made:
            self._made[key] = self._cached(key) or self._make(original, key)
        return self._made[key]

    def cached(self, key: EvidenceKey) -> bool:
        return self._cache_dir is not None and any(
            (self._cache_dir / f"{key.digest()}.{ext}").exists() for ext in ("png", "jpg")
        )

    def _cached(self, key: EvidenceKey) -> str | None:
        if self._cache_dir is None:
            return None
        for mime, ext in (("image/png", "png"), ("image/jpeg", "jpg")):
            path = self._cache_dir / f"{key.digest()}.{ext}"
            if path.exists():
                return data_uri(mime, path.read_bytes())
        return None

    def _make(self, original: Path | None, key: EvidenceKey) -> str | None:
        if original is None:
            return None
        try:
            page, factor = self._page(original, key)
            mime, data = encode(cut_evidence(page, scale_box(key.bbox, factor)))
        except Exception as e:  # any unreadable original: the report shows the finding without a picture
            log.warning("no evidence image for %s page %d: %s", original, key.page, e)
            return None
        if self._cache_dir is not None:
            ext = "png" if mime == "image/png" else "jpg"
            atomic_write(self._cache_dir / f"{key.digest()}.{ext}", data)
        return data_uri(mime, data)

    def _page(self, path: Path, key: EvidenceKey) -> tuple[Image.Image, float]:
        """The rendered page and the factor from bbox units to its pixels."""
        slot = (path, key.page)
        if slot in self._pages:
            self._pages.move_to_end(slot)
            return self._pages[slot]
        image = self._render(path, key.page, self._dpi, key.stance)
        factor = units_to_pixels(path, self._dpi)
        self._pages[slot] = (image, factor)
        while len(self._pages) > PAGE_MEMORY:
            self._pages.popitem(last=False)
        return image, factor


def render_into_cache(original: Path, keys: Sequence[EvidenceKey], cache_dir: Path) -> int:
    """Render the crops of `keys` from one original into `cache_dir` (run in a worker process, so
    that a report's pages are rendered in parallel); the number made."""
    images = EvidenceImages(cache_dir)
    return sum(1 for key in keys if images.image(original, key) is not None)
