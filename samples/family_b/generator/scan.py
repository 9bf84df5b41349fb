"""Turning a rendered PDF into what a scanner or a phone would deliver.

Each degradation is a small pure function over a PIL image; a render kind strings a few of
them together. Seeds come from the output path, so reruns give the same bytes.
"""

from __future__ import annotations

import io
import time
import zlib
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

RenderKind = Literal["text", "scan-pdf", "png", "jpeg", "photo", "tiff"]


def rng_for(key: str) -> np.random.Generator:
    return np.random.default_rng(zlib.crc32(key.encode()))


def rasterise(pdf: bytes, dpi: int) -> list[Image.Image]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for page in doc]
    finally:
        doc.close()


def rotate(img: Image.Image, degrees: float) -> Image.Image:
    fill = 255 if img.mode == "L" else (255, 255, 255)
    return img.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=fill)


def blur(img: Image.Image, radius: float) -> Image.Image:
    return img.filter(ImageFilter.GaussianBlur(radius))


def add_noise(img: Image.Image, rng: np.random.Generator, sigma: float) -> Image.Image:
    a = np.asarray(img, dtype=np.float32)
    a = a + rng.normal(0, sigma, a.shape)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), mode=img.mode)


def paper_tone(img: Image.Image, level: int) -> Image.Image:
    """Scanner glass is never pure white: lift the blacks and dim the white a little."""
    a = np.asarray(img, dtype=np.float32)
    return Image.fromarray((18 + a * (level - 18) / 255).astype(np.uint8), mode=img.mode)


def jpeg_roundtrip(img: Image.Image, quality: int) -> Image.Image:
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=quality)
    out.seek(0)
    return Image.open(out).copy()


def uneven_light(img: Image.Image, rng: np.random.Generator) -> Image.Image:
    """A desk lamp on one side: a smooth brightness falloff across the sheet, slightly warm."""
    rgb = np.asarray(img.convert("RGB"), dtype=np.float32)
    h, w = rgb.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    cx, cy = w * rng.uniform(0.15, 0.35), h * rng.uniform(0.1, 0.3)
    dist = np.hypot(xx - cx, yy - cy) / np.hypot(w, h)
    light = (1.0 - 0.38 * dist)[..., None]
    tint = np.array([1.0, 0.97, 0.9], dtype=np.float32)
    return Image.fromarray(np.clip(rgb * light * tint, 0, 255).astype(np.uint8), mode="RGB")


def perspective(img: Image.Image, rng: np.random.Generator, amount: float) -> Image.Image:
    """A mild keystone, as when the phone is not held exactly parallel to the sheet."""
    desk = (92, 84, 74)
    w, h = img.size
    pad = int(max(w, h) * 0.04)
    canvas = Image.new("RGB", (w + 2 * pad, h + 2 * pad), desk)
    canvas.paste(img, (pad, pad))
    W, H = canvas.size
    d = amount * W
    j = rng.uniform(-0.2, 0.2, 8) * d
    # Source corners for the output's upper-left, lower-left, lower-right, upper-right: sampling a
    # wider strip at the top makes the sheet's far edge look narrower.
    quad = (-d + j[0], j[1], j[2], H + j[3], W + j[4], H + j[5], W + d + j[6], j[7])
    return canvas.transform(
        (W, H), Image.Transform.QUAD, quad, resample=Image.Resampling.BICUBIC, fillcolor=desk
    )


def scanned(pages: Sequence[Image.Image], key: str, *, noise: float = 7) -> list[Image.Image]:
    rng = rng_for(key)
    out = []
    for page in pages:
        page = rotate(page, float(rng.uniform(-1.2, 1.2)))
        page = paper_tone(blur(page, float(rng.uniform(0.5, 0.9))), 238)
        out.append(jpeg_roundtrip(add_noise(page, rng, sigma=noise), 70) if noise else page)
    return out


def photographed(page: Image.Image, key: str) -> Image.Image:
    rng = rng_for(key)
    page = rotate(page, float(rng.uniform(-2.0, 2.0)))
    img = perspective(page.convert("RGB"), rng, amount=0.025)
    img = uneven_light(img, rng)
    img = blur(img, 0.8)
    return add_noise(img, rng, sigma=5)


def images_to_pdf(pages: Sequence[Image.Image], dpi: int) -> bytes:
    out = io.BytesIO()
    first, *rest = [p.convert("L") for p in pages]
    # Fixed dates: Pillow would stamp the current time and make every rebuild differ.
    stamp = time.strptime("2026-11-01", "%Y-%m-%d")
    first.save(
        out,
        format="PDF",
        resolution=dpi,
        save_all=True,
        append_images=rest,
        quality=70,
        creationDate=stamp,
        modDate=stamp,
    )
    return out.getvalue()


def image_bytes(img: Image.Image, fmt: Literal["PNG", "JPEG"], dpi: int, quality: int = 80) -> bytes:
    out = io.BytesIO()
    if fmt == "PNG":
        # A scanner's "text" mode: 16 grey levels keep the file small and the strokes sharp.
        img.convert("L").quantize(16).save(out, format="PNG", dpi=(dpi, dpi), optimize=True)
    else:
        img.save(out, format="JPEG", quality=quality, dpi=(dpi, dpi))
    return out.getvalue()


def fax_tiff(pages: Sequence[Image.Image], dpi: int) -> bytes:
    """A multi-page bilevel CCITT G4 TIFF, as scan-to-fax and document scanners write."""
    bilevel = [p.point(lambda v: 255 if v > 150 else 0).convert("1") for p in pages]
    out = io.BytesIO()
    first, *rest = bilevel
    first.save(out, format="TIFF", compression="group4", dpi=(dpi, dpi), save_all=True, append_images=rest)
    return out.getvalue()


DPI: dict[RenderKind, int] = {"scan-pdf": 200, "png": 200, "jpeg": 200, "photo": 200, "tiff": 300}
EXTENSIONS: dict[RenderKind, str] = {
    "text": "pdf",
    "scan-pdf": "pdf",
    "png": "png",
    "jpeg": "jpg",
    "photo": "jpg",
    "tiff": "tif",
}


def deliver(pdf: bytes, kind: RenderKind, key: str) -> bytes:
    """The file as it reaches the inbox: the PDF itself or a degraded image of it."""
    if kind == "text":
        return pdf
    dpi = DPI[kind]
    pages = rasterise(pdf, dpi)
    match kind:
        case "scan-pdf":
            return images_to_pdf(scanned(pages, key), dpi)
        case "png":
            return image_bytes(scanned(pages, key, noise=0)[0], "PNG", dpi)
        case "jpeg":
            return image_bytes(scanned(pages, key)[0], "JPEG", dpi, quality=75)
        case "photo":
            return image_bytes(photographed(pages[0], key), "JPEG", dpi, quality=78)
        case "tiff":
            return fax_tiff([rotate(p, float(rng_for(key).uniform(-0.8, 0.8))) for p in pages], dpi)
