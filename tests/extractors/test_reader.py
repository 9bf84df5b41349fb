"""The reader: format from bytes, unreadable files named, text/OCR per page, caps, rendering."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4, A6
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from extractors import reader
from extractors.backends.textlayer import TextLayer
from extractors.datamodel import BBox, Word
from extractors.reader import (
    ReadSettings,
    UnreadableDocument,
    judge_text_layer,
    read_document,
    render_page,
    sniff,
)

REALDOCS = Path("/work/shared/realdocs")


def _text_pdf(path: Path, pages: int = 1, **kwargs: object) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4, **kwargs)  # type: ignore[arg-type]
    for number in range(1, pages + 1):
        c.setFont("Helvetica", 12)
        c.drawString(72, 760, f"Commercial Invoice CI-{number:03d} dated 2026-09-14 for PO-2026-0417")
        c.showPage()
    c.save()
    return path


def _label_image(text: str, size: tuple[int, int] = (880, 500)) -> Image.Image:
    """A small grey picture of printed text, rendered by pdfium from a reportlab page."""
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A6)
    c.setFont("Helvetica-Bold", 16)
    for i, line in enumerate(text.split("\n")):
        c.drawString(20, 380 - 26 * i, line)
    c.save()
    pdf = pdfium.PdfDocument(buffer.getvalue())
    image = pdf[0].render(scale=3).to_pil().convert("L").crop((0, 0, *size))
    pdf.close()
    return image


LABEL = "SHIPPING MARK\nNORDLICHT HAMBURG\nPO-2026-0417"


# --- format and unreadable files ------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.7\n", "pdf"),
        (b"\r\n\x00junk%PDF-1.4\n", "pdf"),  # junk before the header is tolerated by readers
        (b"\x89PNG\r\n\x1a\n\x00", "png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "jpeg"),
        (b"II*\x00\x08\x00", "tiff"),
        (b"MM\x00*\x00\x00", "tiff"),
    ],
)
def test_format_from_the_bytes(head: bytes, kind: str) -> None:
    assert sniff(head) == kind


@pytest.mark.parametrize(
    ("head", "reason"),
    [
        (b"", "empty file"),
        (b"PK\x03\x04\x14\x00", "unsupported file type: not a PDF or image (looks like a ZIP/Office file)"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "unsupported file type: not a PDF or image (looks like an old Office file (.doc/.xls))",
        ),
        (b"<!DOCTYPE html><html>", "unsupported file type: not a PDF or image (looks like an HTML page)"),
        (
            b"po_number,model\nPO-1,HD-K1702\n",
            "unsupported file type: not a PDF or image (looks like a text file)",
        ),
        (b"GIF89a\x01\x00", "unsupported file type: not a PDF or image (looks like a GIF image)"),
    ],
)
def test_what_is_not_a_document_is_named(head: bytes, reason: str) -> None:
    with pytest.raises(UnreadableDocument) as caught:
        sniff(head)
    assert caught.value.reason == reason


def test_extension_is_ignored(tmp_path: Path) -> None:
    disguised = tmp_path / "invoice.pdf"
    with zipfile.ZipFile(disguised, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(UnreadableDocument, match="looks like a ZIP/Office file"):
        read_document(disguised)
    real_pdf = _text_pdf(tmp_path / "scan.jpg")
    assert read_document(real_pdf).pages[0].method == "text"


def test_empty_truncated_and_encrypted_pdfs(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    whole = _text_pdf(tmp_path / "whole.pdf").read_bytes()
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(whole[: len(whole) // 2])
    encrypted = _text_pdf(tmp_path / "locked.pdf", encrypt=StandardEncryption("secret", canPrint=0))
    for path, reason in [
        (empty, "empty file"),
        (truncated, "truncated PDF"),
        (encrypted, "encrypted PDF, no password"),
    ]:
        with pytest.raises(UnreadableDocument) as caught:
            read_document(path)
        assert caught.value.reason == reason


def test_pdf_with_only_an_owner_password_is_read(tmp_path: Path) -> None:
    path = _text_pdf(
        tmp_path / "restricted.pdf", encrypt=StandardEncryption("", ownerPassword="owner", canPrint=0)
    )
    assert "CI-001" in read_document(path).pages[0].text


def test_image_over_the_pixel_cap_is_refused_before_decoding(tmp_path: Path) -> None:
    path = tmp_path / "huge.png"
    Image.new("L", (3000, 1000), 255).save(path)
    with pytest.raises(UnreadableDocument) as caught:
        read_document(path, ReadSettings(max_pixels=2_000_000))
    assert caught.value.reason == "image of 3 megapixels exceeds the 2 megapixel cap"


def test_truncated_jpeg(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    Image.new("L", (400, 300), 200).save(buffer, "JPEG")
    path = tmp_path / "cut.jpg"
    path.write_bytes(buffer.getvalue()[:300])
    with pytest.raises(UnreadableDocument, match=r"(truncated|damaged) JPEG image"):
        read_document(path)


def test_oversized_pdf_page_is_rendered_at_a_lower_dpi(tmp_path: Path) -> None:
    path = tmp_path / "poster.pdf"
    c = canvas.Canvas(str(path), pagesize=(3000, 3000))  # no text layer: it goes to OCR
    c.showPage()
    c.save()
    (page,) = read_document(path, ReadSettings(max_pixels=2_000_000)).pages
    assert page.method == "ocr" and (page.width, page.height) == (3000, 3000)
    assert page.problems == ["page 1: rendered at 33 dpi to stay under the pixel cap"]


@pytest.mark.parametrize(
    ("words", "images", "use_text", "scan_areas"),
    [
        ([], [], False, ()),  # nothing in the text layer
        ([("Invoice", 300)], [], True, ()),
        ([("Invoice", 300)], [(0, 100, 600, 700)], True, ()),  # text on top of a background image
        # a browser's print header above a page-sized picture of a certificate
        (
            [("ROHS-Certificate.jpg", 20), ("https://example.com/coc.jpg", 780)],
            [(0, 60, 600, 760)],
            False,
            ((0, 60, 600, 760),),
        ),
    ],
)
def test_judge_text_layer(
    words: list[tuple[str, float]], images: list[BBox], use_text: bool, scan_areas: tuple[BBox, ...]
) -> None:
    layer = TextLayer(600, 800, [Word(text * 3, 50, top, 200, top + 10) for text, top in words], [], images)
    verdict = judge_text_layer(layer, min_chars=20)
    assert (verdict.use_text, verdict.scan_areas) == (use_text, scan_areas), verdict.reason


def test_a_coarse_scan_is_rendered_at_the_settings_dpi(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not at the scan's own 200 dpi: read so, family B's scanned certificate of origin lost its fields."""
    path = tmp_path / "scan.pdf"
    scan = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
    scan.paste(_label_image(LABEL), (100, 100))
    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawImage(ImageReader(scan), 0, 0, width=A4[0], height=A4[1])
    c.save()
    rendered = []
    render = reader._render_grey
    monkeypatch.setattr(reader, "_render_grey", lambda page, dpi: rendered.append(dpi) or render(page, dpi))
    page = read_document(path, ReadSettings(dpi=300)).pages[0]
    assert page.method == "ocr" and "NORDLICHT" in page.text
    assert rendered == [300]


def test_settings_reject_unknown_keys() -> None:
    with pytest.raises(ValueError, match="dpii"):
        ReadSettings(dpii=200)  # type: ignore[call-arg]


# --- text PDFs ----------------------------------------------------------------------------


def test_text_pdf_pages_use_the_text_layer_and_the_file_is_untouched(tmp_path: Path) -> None:
    path = _text_pdf(tmp_path / "invoice.pdf", pages=3)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = read_document(path)
    assert [p.method for p in result.pages] == ["text"] * 3
    assert [p.number for p in result.pages] == [1, 2, 3]
    assert "CI-002" in result.pages[1].text and result.problems == []
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_page_cap_reads_the_first_pages_and_says_so(tmp_path: Path) -> None:
    result = read_document(_text_pdf(tmp_path / "long.pdf", pages=5), ReadSettings(max_pages=2))
    assert len(result.pages) == 2
    assert result.problems == ["only the first 2 of 5 pages read"]


# --- scans, images, mixed documents (real tesseract) ---------------------------------------


def test_mixed_pdf_text_page_then_scanned_page(tmp_path: Path) -> None:
    path = tmp_path / "mixed.pdf"
    c = canvas.Canvas(str(path), pagesize=A6)
    c.setFont("Helvetica", 10)
    c.drawString(20, 380, "Packing list PL-77 for order PO-2026-0417, page one")
    c.showPage()
    c.drawImage(ImageReader(_label_image(LABEL)), 0, 0, width=A6[0], height=A6[0] * 500 / 880)
    c.showPage()
    c.save()
    result = read_document(path, ReadSettings(dpi=200))
    text_page, scanned = result.pages
    assert (text_page.method, scanned.method) == ("text", "ocr")
    assert "NORDLICHT" in scanned.text and "PO-2026-0417" in scanned.text
    assert (scanned.width, scanned.height) == pytest.approx(A6, abs=1)  # points, like the text page
    word = next(w for w in scanned.words if w.text == "NORDLICHT")
    assert 0 < word.x0 < word.x1 < A6[0] and word.bottom < A6[1]


def test_png_and_jpeg_read_in_their_own_pixels(tmp_path: Path) -> None:
    image = _label_image(LABEL)
    for name in ("label.png", "label.jpg"):
        path = tmp_path / name
        image.save(path)
        (page,) = read_document(path).pages
        assert page.method == "ocr" and (page.width, page.height) == (880, 500)
        assert "NORDLICHT" in page.text
        word = next(w for w in page.words if w.text == "NORDLICHT")
        assert 0 < word.x0 < word.x1 <= 880 and 0 < word.top < word.bottom <= 500


@pytest.mark.slow  # two OCR'd pages plus an orientation check
def test_multipage_tiff_with_an_upside_down_page(tmp_path: Path) -> None:
    first = _label_image(LABEL)
    second = _label_image("CERTIFICATE OF ORIGIN\nNO. CCPIT 2026 0815\nMADE IN CHINA").rotate(180)
    path = tmp_path / "fax.tiff"
    first.save(path, save_all=True, append_images=[second], compression="tiff_lzw")
    result = read_document(path)
    assert [p.number for p in result.pages] == [1, 2]
    assert "NORDLICHT" in result.pages[0].text
    assert result.pages[1].rotation == 180 and "ORIGIN" in result.pages[1].text


def test_exif_orientation_of_phone_photos_is_applied(tmp_path: Path) -> None:
    image = _label_image(LABEL).rotate(90, expand=True)  # stored sideways ...
    exif = Image.Exif()
    exif[0x0112] = 6  # ... with the tag that tells viewers to turn it 90° clockwise
    path = tmp_path / "photo.jpg"
    image.save(path, exif=exif)
    (page,) = read_document(path).pages
    assert (page.width, page.height) == (880, 500) and page.rotation == 0
    assert "NORDLICHT" in page.text


@pytest.mark.slow  # a real 300-dpi OCR page
def test_browser_print_of_a_scan_keeps_header_text_and_ocrs_the_image() -> None:
    (page,) = read_document(REALDOCS / "rohs/bcwt_jlc_pcb_rohs_coc_print.pdf").pages
    assert page.method == "ocr"
    words = {w.text for w in page.words}
    assert "ROHS-Certificate-of-Compliance.jpg" in words  # the browser's header, from the text layer
    assert {"Certificate", "Compliance"} <= words  # from the image
    header = next(w for w in page.words if w.text == "ROHS-Certificate-of-Compliance.jpg")
    assert header.conf == 1.0


# --- rendering for evidence ---------------------------------------------------------------


def test_render_page_matches_page_coordinates(tmp_path: Path) -> None:
    path = _text_pdf(tmp_path / "invoice.pdf")
    (page,) = read_document(path).pages
    image = render_page(path, 1, 144)
    assert image.mode == "RGB" and image.size == (round(page.width * 2), round(page.height * 2))
    word = next(w for w in page.words if w.text.startswith("CI-001"))
    crop = np.asarray(image.convert("L").crop(tuple(round(v * 2) for v in word.bbox)))
    assert crop.min() < 80  # the word's ink is inside its box
    with pytest.raises(ValueError, match="no page 2"):
        render_page(path, 2, 72)


def test_a_page_known_read_from_its_text_layer_is_rendered_without_judging_it_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _text_pdf(tmp_path / "invoice.pdf")
    judged = np.asarray(render_page(path, 1, 144))

    def no_reading(*_: object) -> None:
        raise AssertionError("the text layer was read again")

    monkeypatch.setattr(reader, "read_text_layer", no_reading)
    assert np.array_equal(np.asarray(render_page(path, 1, 144, scanned=False)), judged)


@pytest.mark.slow  # OCR of an upside-down page: read, found illegible, OSD, read again
def test_render_page_of_an_image_stands_like_its_page(tmp_path: Path) -> None:
    path = tmp_path / "label.png"
    _label_image(LABEL).rotate(180).save(path)
    (page,) = read_document(path).pages
    assert page.rotation == 180
    image = render_page(path, 1, 300, rotation=page.rotation)
    assert image.size == (round(page.width), round(page.height))
    word = next(w for w in page.words if w.text == "NORDLICHT")
    assert np.asarray(image.convert("L").crop(tuple(round(v) for v in word.bbox))).min() < 80
