"""Text-layer backend: words and ruled lines from pdfium, checked against pdfplumber and known drawings."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from extractors.backends.textlayer import PageFrame, read_text_layer

REALDOCS = Path("/work/shared/realdocs")
WIDTH, HEIGHT = A4


def _boxed_form(path: Path) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 11)
    c.drawString(72, HEIGHT - 100, "Invoice No. INV-2026-0417")
    c.rect(60, HEIGHT - 220, 300, 80, stroke=1, fill=0)  # a box: four edges
    c.drawString(70, HEIGHT - 160, "Consignee: Nordlicht GmbH")
    c.line(60, HEIGHT - 300, 500, HEIGHT - 300)  # a rule
    c.rect(60, HEIGHT - 400, 400, 1.5, stroke=0, fill=1)  # a thin filled bar, as some PDFs draw rules
    c.save()
    return path


def _layer(path: Path, index: int = 0):  # type: ignore[no-untyped-def]
    pdf = pdfium.PdfDocument(path)
    try:
        return read_text_layer(pdf[index])
    finally:
        pdf.close()


def test_words_carry_top_left_positions_in_points(tmp_path: Path) -> None:
    layer = _layer(_boxed_form(tmp_path / "form.pdf"))
    assert (layer.width, layer.height) == pytest.approx((WIDTH, HEIGHT))
    texts = [w.text for w in layer.words]
    assert texts[:3] == ["Invoice", "No.", "INV-2026-0417"]
    invoice = layer.words[0]
    assert invoice.x0 == pytest.approx(72, abs=0.5)
    assert invoice.bottom == pytest.approx(100, abs=3)  # baseline 100 pt from the top, plus descent
    assert invoice.top < invoice.bottom
    assert all(w.conf == 1.0 for w in layer.words)


def test_ruled_lines_from_strokes_rect_edges_and_thin_fills(tmp_path: Path) -> None:
    layer = _layer(_boxed_form(tmp_path / "form.pdf"))
    horizontal = sorted((round(s.top), round(s.x0), round(s.x1)) for s in layer.segments if s.horizontal)
    vertical = sorted(
        (round(s.x0), round(s.top), round(s.bottom)) for s in layer.segments if not s.horizontal
    )
    box_top, box_bottom = 140, 220  # drawn 140..220 pt below the top edge
    assert (box_top, 60, 360) in horizontal and (box_bottom, 60, 360) in horizontal
    assert (60, box_top, box_bottom) in vertical and (360, box_top, box_bottom) in vertical
    assert (300, 60, 500) in horizontal  # the stroked rule
    assert any(abs(top - 399) <= 1 and x1 - x0 == 400 for top, x0, x1 in horizontal)  # the bar, as one rule


def test_rotated_page_comes_out_upright(tmp_path: Path) -> None:
    """Content stored sideways with /Rotate 90 (as scanners emit it) reads upright, as a viewer shows it."""
    path = tmp_path / "sideways.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setPageRotation(90)  # reportlab stores the page landscape (842 x 595) and turns it for display
    c.rotate(90)  # text drawn up the stored page, so that it is level once turned
    c.setFont("Helvetica", 12)
    c.drawString(72, -100, "Packing List PL-88")
    c.line(72, -120, 550, -120)
    c.showPage()  # reportlab writes /Rotate when the page is finished
    c.save()
    layer = _layer(path)
    assert (layer.width, layer.height) == pytest.approx((WIDTH, HEIGHT))  # portrait, as displayed
    first = layer.words[0]
    assert [w.text for w in layer.words] == ["Packing", "List", "PL-88"]
    assert first.x0 == pytest.approx(72, abs=0.5) and first.bottom == pytest.approx(100, abs=3)
    assert first.x1 - first.x0 > first.bottom - first.top  # runs left to right, not down the page
    assert any(s.horizontal and abs(s.top - 120) < 1 and s.x1 - s.x0 > 470 for s in layer.segments)


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_page_frame_maps_corners(rotation: int) -> None:
    frame = PageFrame(10, 20, 100, 200, rotation)
    width, height = frame.size
    corners = {frame.point(x, y) for x in (10, 110) for y in (20, 220)}
    assert corners == {(0, 0), (width, 0), (0, height), (width, height)}
    # the top-left of the unrotated page lands where a clockwise turn puts it
    expected = {0: (0, 0), 90: (width, 0), 180: (width, height), 270: (0, height)}[rotation]
    assert frame.point(10, 220) == expected


@pytest.mark.parametrize(
    "name",
    [
        "eu_doc/rpi_pico_eu_doc.pdf",
        "packing_list/blank_packing_list_form.pdf",
        "rohs/nexperia_rohs_declaration.pdf",
    ],
)
def test_agrees_with_pdfplumber_on_real_documents(name: str) -> None:
    path = REALDOCS / name
    layer = _layer(path)
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        theirs = page.extract_words()
        edges = [e for e in page.edges if e["object_type"] in ("line", "rect_edge")]
    ours = Counter(w.text for w in layer.words)
    common = sum((ours & Counter(w["text"] for w in theirs)).values())
    assert common >= 0.97 * len(theirs)
    # every straight ruled edge pdfplumber sees, we see too (within 1.5 pt)
    long_edges = [e for e in edges if max(e["x1"] - e["x0"], e["bottom"] - e["top"]) >= 3]
    for e in long_edges:
        assert any(
            abs(s.x0 - e["x0"]) < 1.5
            and abs(s.x1 - e["x1"]) < 1.5
            and abs(s.top - e["top"]) < 1.5
            and abs(s.bottom - e["bottom"]) < 1.5
            for s in layer.segments
        ), e


def test_scanned_pdf_has_no_words_but_a_page_sized_image() -> None:
    layer = _layer(REALDOCS / "eu_doc/crownstone_eu_doc_scan.pdf")
    assert layer.words == []
    (image,) = layer.images
    assert (image[2] - image[0]) * (image[3] - image[1]) > 0.9 * layer.width * layer.height


def test_spaces_missing_in_the_content_stream_still_split_words() -> None:
    """The CCIC report draws text without space characters; pdfplumber glues its words together."""
    layer = _layer(REALDOCS / "rohs/hardwario_chester_rohs_report_ccic.pdf")
    texts = {w.text for w in layer.words}
    assert {"Report", "QHJ2206002801/EN", "Issued:"} <= texts
