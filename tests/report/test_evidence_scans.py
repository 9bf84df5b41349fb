"""Evidence from OCR'd pages: the box the reader gives, cut from what the renderer gives, holds the word.

A photo turned on its side and a scanned PDF (an image in a PDF; boxes in points) are read by the
project's reader with real tesseract; the highlighted part of the crop is read again by tesseract.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytesseract
import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from extractors.reader import read_document, render_page
from pipeline.evidence import (
    RENDER_DPI,
    EvidenceImages,
    EvidenceKey,
    cut_evidence,
    scale_box,
    units_to_pixels,
)

pytestmark = pytest.mark.slow

LINES = ["BILL OF LADING", "Shipper: Ningbo Hengda", "Port of discharge: Rotterdam", "Gross weight 5120 kg"]


def page_image() -> Image.Image:
    image = Image.new("L", (1240, 1754), 250)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=40)
    for i, text in enumerate(LINES):
        draw.text((120, 200 + 120 * i), text, fill=20, font=font)
    return image


def read_box(path: Path, word: str) -> tuple[int, tuple[float, float, float, float]]:
    for page in read_document(path).pages:
        for w in page.words:
            if w.text == word:
                return page.number, w.bbox
    raise AssertionError(f"{word} not read in {path}")


def highlighted_text(path: Path, page: int, bbox: tuple[float, float, float, float]) -> str:
    """Tesseract's reading of the outlined region, cut from the renderer's page as the report does."""
    rendered = render_page(path, page, RENDER_DPI)
    box = scale_box(bbox, units_to_pixels(path, RENDER_DPI))
    pad = 6
    region = rendered.crop((int(box[0]) - pad, int(box[1]) - pad, int(box[2]) + pad, int(box[3]) + pad))
    return pytesseract.image_to_string(region.convert("L"), config="--psm 7").strip()


def test_photo_on_its_side(tmp_path: Path):
    photo = tmp_path / "bl.png"
    page_image().rotate(90, expand=True).save(photo)
    page, bbox = read_box(photo, "Rotterdam")
    assert "Rotterdam" in highlighted_text(photo, page, bbox)
    key = EvidenceKey(hashlib.sha256(photo.read_bytes()).hexdigest(), page, bbox)
    assert EvidenceImages(tmp_path / "cache").image(photo, key) is not None


def test_scanned_pdf_boxes_in_points(tmp_path: Path):
    scan = tmp_path / "scan.png"
    page_image().save(scan)
    pdf = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.drawImage(str(scan), 0, 0, width=A4[0], height=A4[1])
    c.showPage()
    c.save()
    page, bbox = read_box(pdf, "Rotterdam")
    assert bbox[2] < A4[0] and bbox[3] < A4[1]  # points, not pixels
    assert "Rotterdam" in highlighted_text(pdf, page, bbox)
    crop = cut_evidence(render_page(pdf, page, RENDER_DPI), scale_box(bbox, units_to_pixels(pdf, RENDER_DPI)))
    assert np.asarray(crop).shape[1] <= 720


@pytest.mark.parametrize("kind", ["photo", "pdf"])
def test_a_page_rendered_as_the_reader_stood_it_needs_no_second_measure(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """With the page's rotation and skew from the reader, the rendering is the same as when the
    turn is found again, and nothing is measured again."""
    image = page_image().rotate(90 + 1.5, expand=True, fillcolor=250)
    path = tmp_path / "scan.png"
    image.save(path)
    if kind == "pdf":
        pdf = tmp_path / "scan.pdf"
        c = canvas.Canvas(str(pdf), pagesize=(A4[1], A4[0]))
        c.drawImage(str(path), 0, 0, width=A4[1], height=A4[0])
        c.showPage()
        c.save()
        path = pdf
    (page,) = read_document(path).pages
    assert page.rotation == 90 and page.skew != 0
    measured = np.asarray(render_page(path, 1, RENDER_DPI))

    import extractors.reader as reader

    def no_measuring(*_: object) -> None:
        raise AssertionError("the page's turn was measured again")

    monkeypatch.setattr(reader, "_reader_turn", no_measuring)
    known = np.asarray(render_page(path, 1, RENDER_DPI, rotation=page.rotation, skew=page.skew))
    assert known.shape == measured.shape
    assert np.mean(np.abs(known.astype(int) - measured.astype(int))) < 1.0
