"""Turning a generated PDF into what a scanner or a phone makes of it.

Each page is rendered in greyscale, turned by a small skew, softened, given sensor noise and
JPEG artefacts, and saved as an image-only PDF, PNG, JPEG or multi-page TIFF. Every random
choice comes from the seed passed in, so the same seed gives the same bytes.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

RENDERS = ("scan-pdf", "png", "jpeg", "tiff")
PNG_LEVELS = 8
#: Fixed PDF timestamps so a scanned PDF has the same bytes on every run.
SCAN_TIME = datetime(2026, 10, 20, 9, 0, 0).timetuple()


@dataclass(frozen=True)
class ScanSettings:
    dpi: int = 200
    skew_max: float = 1.5  # degrees
    skew_min: float = 0.3
    blur: float = 0.6
    noise: float = 5.0  # standard deviation in grey levels
    jpeg_quality: int = 60
    turn: int = 0  # 0, 90 or 180: a page fed the wrong way round
    photo: bool = False  # taken with a phone: slight keystone and uneven light


def render_pages(pdf: Path, dpi: int) -> list[Image.Image]:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for page in doc]
    finally:
        doc.close()


def degrade(page: Image.Image, settings: ScanSettings, rng: random.Random) -> Image.Image:
    angle = rng.uniform(settings.skew_min, settings.skew_max) * rng.choice((-1, 1))
    img = page.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    if settings.photo:
        img = _keystone(img, rng)
    img = img.filter(ImageFilter.GaussianBlur(settings.blur))
    pixels = np.asarray(img, dtype=np.float32)
    if settings.photo:
        pixels = 255 - (255 - pixels) * 0.95 - _shade(pixels.shape, rng)
    noise = np.random.default_rng(rng.randrange(2**32)).normal(0.0, settings.noise, pixels.shape)
    # Paper is never pure white and toner never pure black on a scan.
    pixels = pixels * 0.86 + 22 + noise
    img = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")
    img = _jpeg_roundtrip(img, settings.jpeg_quality)
    return img.rotate(settings.turn, expand=True) if settings.turn else img


def _keystone(img: Image.Image, rng: random.Random, spread: float = 0.012) -> Image.Image:
    """The page as a phone held not quite parallel to it sees it: corners moved by up to `spread`."""
    w, h = img.size
    target = [(0, 0), (w, 0), (w, h), (0, h)]
    source = [(x + rng.uniform(-spread, spread) * w, y + rng.uniform(-spread, spread) * h) for x, y in target]
    rows = []
    for (x, y), (u, v) in zip(target, source, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    coeffs = np.linalg.solve(np.array(rows, dtype=float), np.array(source, dtype=float).reshape(8))
    return img.transform(
        (w, h), Image.Transform.PERSPECTIVE, tuple(coeffs), Image.Resampling.BICUBIC, fillcolor=255
    )


def _shade(shape: tuple[int, ...], rng: random.Random) -> np.ndarray:
    """Grey levels lost to a lamp on one side of the desk: a smooth ramp plus darker corners."""
    h, w = shape
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    angle = rng.uniform(0, 2 * np.pi)
    ramp = (np.cos(angle) * xs / w + np.sin(angle) * ys / h + 1) / 2
    vignette = ((xs / w - 0.5) ** 2 + (ys / h - 0.5) ** 2) * 2
    return 30 * ramp + 25 * vignette


def _jpeg_roundtrip(img: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    buf.seek(0)
    return Image.open(buf).convert("L")


def scan(pdf: Path, target: Path, render: str, settings: ScanSettings, seed: str) -> int:
    """Write `pdf` as a scan in `render` form to `target`; returns the number of pages."""
    rng = random.Random(seed)
    pages = [degrade(p, settings, rng) for p in render_pages(pdf, settings.dpi)]
    target.parent.mkdir(parents=True, exist_ok=True)
    if render == "scan-pdf":
        pages[0].save(
            target,
            "PDF",
            resolution=settings.dpi,
            save_all=True,
            append_images=pages[1:],
            quality=settings.jpeg_quality,
            creationDate=SCAN_TIME,
            modDate=SCAN_TIME,
        )
    elif render == "tiff":
        pages[0].save(
            target,
            "TIFF",
            save_all=True,
            append_images=pages[1:],
            compression="tiff_jpeg",
            dpi=(settings.dpi, settings.dpi),
        )
    elif render == "jpeg":
        _single(pages, render).save(
            target, "JPEG", quality=settings.jpeg_quality, dpi=(settings.dpi, settings.dpi)
        )
    elif render == "png":
        # Office scanners save PNGs with few grey levels; full noise would make them megabytes each.
        flat = _single(pages, render).point(lambda v: (v * PNG_LEVELS // 256) * (255 // (PNG_LEVELS - 1)))
        flat.save(target, "PNG", optimize=True, dpi=(settings.dpi, settings.dpi))
    else:
        raise ValueError(f"unknown render {render!r}; known: {RENDERS}")
    return len(pages)


def _single(pages: list[Image.Image], render: str) -> Image.Image:
    if len(pages) != 1:
        raise ValueError(f"{render} holds one page; this document has {len(pages)}")
    return pages[0]
