"""OCR backend and image preparation: real tesseract on small rendered forms, pure steps on arrays."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytesseract
import pytest
from reportlab.lib.pagesizes import A4, A5
from reportlab.pdfgen import canvas

from extractors.backends import imaging
from extractors.backends.imaging import Upright
from extractors.backends.ocr import (
    Budget,
    OcrTimeout,
    data_to_words,
    detect_orientation,
    is_legible,
    languages_for,
    legibility,
    ocr_page,
    read_upright,
)
from extractors.datamodel import Word

DPI = 200
FIELDS = {"Consignee": "NORDLICHT GMBH", "Vessel": "MSC AURORA", "Container": "MSCU1234565"}


def _rendered(
    draw: Callable[[canvas.Canvas, float, float], None], pagesize: tuple[float, float] = A4, dpi: int = DPI
) -> np.ndarray:
    """A page drawn by `draw(canvas, width, height)`, rendered grey."""
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=pagesize)
    draw(c, *pagesize)
    c.save()
    pdf = pdfium.PdfDocument(buffer.getvalue())
    grey = pdf[0].render(scale=dpi / 72, grayscale=True).to_numpy().copy()
    pdf.close()
    return grey


def _boxed_form(c: canvas.Canvas, width: float, height: float) -> None:
    c.setFont("Helvetica-Bold", 14)
    c.drawString(40, height - 50, "BILL OF LADING")
    c.setFont("Helvetica", 10)
    for i, (label, value) in enumerate(FIELDS.items()):
        top = height - 90 - i * 60
        c.rect(30, top - 44, width - 60, 44)  # each field boxed; the value almost touches the lines
        c.drawString(34, top - 14, f"{label}:")
        c.drawString(34, top - 36, value)
        c.line(150, top, 150, top - 44)  # a column rule through the box


@pytest.fixture(scope="module")
def boxed_form() -> np.ndarray:
    """An A5 form whose values sit in tight ruled boxes, rendered grey at 200 dpi."""
    return _rendered(_boxed_form, A5)


def test_boxed_form_values_read_and_box_lines_returned(boxed_form: np.ndarray) -> None:
    page = ocr_page(boxed_form, Upright(), "eng", Budget.start(60))
    text = " ".join(w.text for w in page.words)
    for label, value in FIELDS.items():
        assert label in text and value in text
    assert all(0.0 < w.conf <= 1.0 for w in page.words)
    long_rules = [s for s in page.segments if s.horizontal and s.x1 - s.x0 > 0.8 * page.width]
    assert len(long_rules) >= 2 * len(FIELDS)  # top and bottom of every box
    assert any(not s.horizontal and abs(s.x0 - 150 * DPI / 72) < 4 for s in page.segments)
    # Read on the page cut to its print, the words are placed on the whole page: "Consignee:" is
    # drawn at x = 34 pt, its capitals' tops 104 - 7.2 pt below the top of the page (Helvetica 10 pt).
    label = next(w for w in page.words if w.text == "Consignee:")
    assert abs(label.x0 - 34 * DPI / 72) < 4 and abs(label.top - (104 - 7.2) * DPI / 72) < 4


def test_ink_box_is_the_print_with_paper_around_it() -> None:
    binary = np.zeros((1000, 800), np.uint8)
    assert imaging.ink_box(binary) == (0, 0, 800, 1000)  # a blank page stays whole
    binary[300:340, 200:500] = 255  # a line of print
    binary[50, 50] = binary[900:902, 700:702] = 255  # specks in the margins
    margin = round(imaging.INK_MARGIN * 1000)
    assert imaging.ink_box(binary) == (200 - margin, 300 - margin, 500 + margin, 340 + margin)
    binary[:, :10] = 255  # a dark scanner edge down the side keeps the page's full width
    assert imaging.ink_box(binary)[0] == 0


@pytest.mark.slow  # read as it lies, found illegible, OSD, read again turned
def test_upside_down_page_is_found_and_turned(boxed_form: np.ndarray) -> None:
    flipped = np.ascontiguousarray(np.rot90(boxed_form, 2))
    assert imaging.likely_turn(flipped, imaging.level(flipped)) is None  # too few lines to tell
    page = read_upright(flipped, "eng", Budget.start(60))
    assert page.turn.quarter_turns == 2 and page.turn.rotation == 180
    assert "NORDLICHT" in " ".join(w.text for w in page.words)
    vessel = next(w for w in page.words if w.text.startswith("Vessel"))
    container = next(w for w in page.words if w.text.startswith("Container"))
    assert vessel.top < container.top  # reading order restored: Vessel's box is above Container's


def test_upright_form_is_read_once_without_osd(
    boxed_form: np.ndarray, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_osd(*args: object, **kwargs: object) -> None:
        raise AssertionError("OSD asked about an upright page")

    monkeypatch.setattr(pytesseract, "image_to_osd", no_osd)
    page = read_upright(boxed_form, "eng", Budget.start(60))
    assert page.turn.quarter_turns == 0 and "NORDLICHT" in " ".join(w.text for w in page.words)


@pytest.mark.slow  # OSD, then one read turned
def test_page_on_its_side_is_turned_before_it_is_read(
    boxed_form: np.ndarray, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = []
    read = pytesseract.image_to_data
    monkeypatch.setattr(pytesseract, "image_to_data", lambda *a, **k: reads.append(1) or read(*a, **k))
    sideways = np.ascontiguousarray(np.rot90(boxed_form, 1))  # counter-clockwise: 270° to stand it up
    page = read_upright(sideways, "eng", Budget.start(60))
    assert page.turn.rotation == 90 and "NORDLICHT" in " ".join(w.text for w in page.words)
    assert len(reads) == 1  # not read on its side first


PROSE = (
    "We hereby declare that the products described below, model PX-200, are in conformity with the "
    "relevant Union harmonisation legislation. Shipped in good order and condition on board the vessel "
    "named above: 1,250 cartons; delivered at the port of discharge (Hamburg) against payment. "
)


def _prose_page(capitals: bool = False) -> np.ndarray:
    """An A4 page of running text, rendered grey at 150 dpi."""

    def prose(c: canvas.Canvas, width: float, height: float) -> None:
        c.setFont("Helvetica", 11)
        text = textwrap.wrap((PROSE.upper() if capitals else PROSE) * 5, 85)
        for row, line in enumerate(text):
            c.drawString(50, 780 - 16 * row, line)

    return _rendered(prose, dpi=150)


@pytest.mark.parametrize("quarter_turns", [0, 1, 2, 3])
def test_text_lines_tell_which_way_up_a_page_lies(quarter_turns: int) -> None:
    page = np.ascontiguousarray(np.rot90(_prose_page(), quarter_turns))
    turn = imaging.likely_turn(page, imaging.level(page))
    assert turn is not None and turn.quarter_turns == (4 - quarter_turns) % 4
    capitals = np.ascontiguousarray(np.rot90(_prose_page(capitals=True), quarter_turns))
    assert imaging.likely_turn(capitals, imaging.level(capitals)) is None  # no x-height: OSD decides


def test_ascender_excess_is_signed_by_which_way_up() -> None:
    page = _prose_page()
    assert imaging.ascender_excess(page) >= imaging.MIN_ASCENDER_EXCESS
    assert imaging.ascender_excess(np.ascontiguousarray(np.rot90(page, 2))) <= -imaging.MIN_ASCENDER_EXCESS
    assert abs(imaging.ascender_excess(_prose_page(capitals=True))) < imaging.MIN_ASCENDER_EXCESS
    assert imaging.ascender_excess(np.full((800, 600), 255, np.uint8)) == 0.0


@pytest.mark.parametrize("quarter_turns", [1, 2, 3])
def test_turned_text_is_read_once_without_osd(quarter_turns: int, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_osd(*args: object, **kwargs: object) -> None:
        raise AssertionError("OSD asked about a page its text lines stand up")

    reads = []
    read = pytesseract.image_to_data
    monkeypatch.setattr(pytesseract, "image_to_osd", no_osd)
    monkeypatch.setattr(pytesseract, "image_to_data", lambda *a, **k: reads.append(1) or read(*a, **k))
    turned = np.ascontiguousarray(np.rot90(_prose_page(), quarter_turns))
    page = read_upright(turned, "eng", Budget.start(60))
    assert page.turn.quarter_turns == (4 - quarter_turns) % 4
    assert "harmonisation" in " ".join(w.text for w in page.words)
    assert len(reads) == 1


@pytest.mark.slow  # a wrong guess costs a read: upside down (illegible), OSD, upright
def test_a_wrong_guess_falls_back_to_osd(boxed_form: np.ndarray, monkeypatch: pytest.MonkeyPatch) -> None:
    osd_calls = []
    osd = pytesseract.image_to_osd
    monkeypatch.setattr(imaging, "likely_turn", lambda *_: Upright(2))
    monkeypatch.setattr(pytesseract, "image_to_osd", lambda *a, **k: osd_calls.append(1) or osd(*a, **k))
    page = read_upright(boxed_form, "eng", Budget.start(60))
    assert page.turn.quarter_turns == 0 and "NORDLICHT" in " ".join(w.text for w in page.words)
    assert len(osd_calls) == 1


def test_budget_runs_out_as_an_ocr_timeout(boxed_form: np.ndarray) -> None:
    with pytest.raises(OcrTimeout, match=r"OCR timed out after 0\.05 s"):
        ocr_page(boxed_form, Upright(), "eng", Budget.start(0.05))


def test_data_to_words_scales_conf_and_drops_noise() -> None:
    data = {
        "text": ["", "Invoice", "~", "42"],
        "left": [0, 10, 50, 80],
        "top": [0, 5, 5, 5],
        "width": [100, 30, 2, 10],
        "height": [20, 10, 2, 10],
        "conf": [-1, 96.5, 3, 71],
    }
    words = data_to_words(data)
    assert [(w.text, w.conf) for w in words] == [("Invoice", 0.965), ("42", 0.71)]
    assert words[0].bbox == (10, 5, 40, 15)


def test_chinese_added_only_for_han_script() -> None:
    assert languages_for("eng", "Han") == "eng+chi_sim"
    assert languages_for("eng", "Latin") == "eng"
    assert languages_for("eng+chi_sim", "Han") == "eng+chi_sim"


LINES = ("Gross weight 5120.0 KGS", "Consignee: NORDLICHT GMBH", "Vessel MSC AURORA 0412W")


def _text_lines_image() -> np.ndarray:
    image = np.full((1200, 900), 255, np.uint8)
    for row in range(12):
        y = 100 + row * 80
        cv2.putText(image, LINES[row % len(LINES)], (60, y), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 3)
    return image


def test_skew_angle_levels_a_tilted_page() -> None:
    tilted = imaging.rotate(_text_lines_image(), 1.5)
    assert imaging.skew_angle(tilted) == pytest.approx(-1.5, abs=0.25)
    assert imaging.skew_angle(np.full((800, 600), 255, np.uint8)) == 0.0  # blank page


def test_level_sees_text_lines_running_up_the_page() -> None:
    page = _text_lines_image()
    assert not imaging.level(page).sideways
    assert imaging.level(np.ascontiguousarray(np.rot90(page))).sideways
    assert imaging.level(np.full((800, 600), 255, np.uint8)) == imaging.Level(0.0, False)


def test_rules_found_erased_and_collapsed_to_lines() -> None:
    image = _text_lines_image()
    image[600:603, 50:850] = 0  # a 3-px horizontal rule
    image[200:1100, 450:452] = 0  # a vertical rule
    binary = imaging.binarise(image)
    rules = imaging.find_rules(binary)
    assert rules.horizontal_lines == [(50, 601, 850, 601)]
    assert rules.vertical_lines == [(451, 200, 451, 1100)]
    clean = imaging.erase_rules(image, rules.horizontal, rules.vertical)
    assert clean[601, 50:850].min() == 255 and clean[200:1100, 451].min() > 0
    assert (clean < 128).sum() > 0.8 * (_text_lines_image() < 128).sum()  # the text survives


def test_rules_inside_a_dark_margin_survive_it() -> None:
    """A scan with dark margins all round: the margins make one thick ring in the rule mask, which is
    dropped without taking the rules inside its hole with it."""
    binary = np.zeros((1200, 900), np.uint8)
    binary[:120, :] = binary[-120:, :] = binary[:, :120] = binary[:, -120:] = 255
    binary[600:603, 200:700] = 255  # a table rule on the page
    rules = imaging.find_rules(binary)
    assert rules.horizontal_lines == [(200, 601, 700, 601)]
    assert rules.horizontal[601, 200:700].min() == 255 and rules.horizontal[:120].max() == 0


def test_binarise_copes_with_a_shadow_across_the_page() -> None:
    image = _text_lines_image().astype(np.int16)
    shadow = np.linspace(0, 140, image.shape[1], dtype=np.int16)  # paper darkens to the right
    shaded = np.clip(image - shadow, 0, 255).astype(np.uint8)
    ink = imaging.binarise(shaded)
    right_paper = ink[20:60, 700:880]  # blank strip above the first line, in the shadow
    assert right_paper.mean() < 10  # not taken for ink


def test_enlarge_and_upright_size() -> None:
    small = np.zeros((500, 400), np.uint8)
    enlarged, factor = imaging.enlarge(small, 2000)
    assert factor == 3.0 and enlarged.shape == (1500, 1200)  # capped at 3x
    assert imaging.enlarge(np.zeros((3000, 2000), np.uint8), 2000)[1] == 1.0
    assert imaging.upright_size(400, 500, Upright(1)) == (500, 400)
    assert imaging.make_upright(small, Upright(1, 0.0)).shape == (400, 500)


@pytest.mark.parametrize("quarter_turns", [0, 1, 2, 3])
def test_upright_rotation_is_the_clockwise_degrees(quarter_turns: int) -> None:
    # the page was turned counter-clockwise by quarter_turns to stand upright: as clockwise degrees
    assert Upright(quarter_turns).rotation == (360 - 90 * quarter_turns) % 360


def test_osd_failure_on_a_sparse_page_means_upright() -> None:
    blank = np.full((1400, 1000), 255, np.uint8)
    cv2.putText(blank, "x", (500, 700), cv2.FONT_HERSHEY_SIMPLEX, 1, 0, 2)
    assert detect_orientation(blank, Budget.start(60)) == (0, None)


def test_legible_means_enough_confident_words() -> None:
    def words(*confs: float) -> list[Word]:
        return [Word(f"word{i}", 0, 0, 10, 10, conf) for i, conf in enumerate(confs)]

    assert is_legible(words(0.9, 0.8, 0.85, 0.7, 0.9))
    assert not is_legible(words(0.9, 0.8, 0.85, 0.7))  # too few
    assert not is_legible(words(0.4, 0.3, 0.5, 0.45, 0.35, 0.9))  # garbage of a page read upside down
    assert legibility([Word("|", 0, 0, 1, 1, 0.9), Word("PO-1", 0, 0, 1, 1, 0.6)]) == (1, 0.6)


def _invoice_with_reversed_print(c: canvas.Canvas, width: float, height: float) -> None:
    """A black title bar and a dark blue table header in white, the table's column rules through it."""
    c.setFillColorRGB(0.1, 0.1, 0.1)
    c.rect(40, height - 90, width - 80, 40, fill=1, stroke=0)
    c.setFillColorRGB(1, 1, 1)
    c.setFont("Helvetica-Bold", 20)
    c.drawString(60, height - 78, "COMMERCIAL INVOICE")
    c.setFillColorRGB(0, 0, 0)
    c.setFont("Helvetica", 11)
    c.drawString(60, height - 130, "Invoice No.: INV-2026-0412")
    c.setFillColorRGB(0.15, 0.2, 0.45)
    c.rect(40, height - 240, width - 80, 22, fill=1, stroke=0)
    columns = (60, "DESCRIPTION", "LED desk lamp"), (260, "QUANTITY", "1200 PCS"), (400, "AMOUNT", "USD 5040")
    for x, header, value in columns:
        c.setFillColorRGB(1, 1, 1)
        c.setFont("Helvetica-Bold", 10)
        c.drawString(x, height - 233, header)
        c.setFillColorRGB(0, 0, 0)
        c.setFont("Helvetica", 10)
        c.drawString(x, height - 258, value)
        c.line(x - 8, height - 218, x - 8, height - 270)
    c.rect(40, height - 270, width - 80, 52)


def test_reversed_print_is_turned_dark_and_read() -> None:
    grey = _rendered(_invoice_with_reversed_print)
    bars = imaging.reversed_print(grey, imaging.binarise(grey))
    assert len(bars) == 2 and all(bar.letters - bar.bar > 150 for bar in bars)
    text = " ".join(w.text for w in ocr_page(grey, Upright(), "eng", Budget.start(60)).words)
    for words in ("COMMERCIAL INVOICE", "DESCRIPTION", "QUANTITY", "AMOUNT", "INV-2026-0412", "USD 5040"):
        assert words in text


def _dark_but_not_reversed(c: canvas.Canvas, width: float, height: float) -> None:
    """A lab's logo in huge bold letters, black print on a grey-shaded row, and a scanner's dark
    edge along the top of the page."""
    c.setFont("Helvetica-Bold", 90)
    c.drawString(60, height - 220, "RoHS")
    c.setFillColorRGB(0.6, 0.6, 0.6)
    c.rect(40, height - 320, width - 80, 24, fill=1, stroke=0)
    c.setFillColorRGB(0, 0, 0)
    c.setFont("Helvetica", 11)
    c.drawString(60, height - 312, "Lead (Pb) 1000 mg/kg ND Pass")
    c.rect(0, height - 30, width, 30, fill=1, stroke=0)
    c.setFillColorRGB(1, 1, 1)
    c.drawString(200, height - 18, "scanner edge")


def test_bold_letters_shaded_rows_and_dark_edges_are_left_as_they_are() -> None:
    grey = _rendered(_dark_but_not_reversed)
    binary = imaging.binarise(grey)
    assert imaging.reversed_print(grey, binary) == []
    same_grey, same_binary = imaging.unreverse(grey, binary)
    assert same_grey is grey and same_binary is binary
