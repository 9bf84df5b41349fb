from __future__ import annotations

import hashlib

from PIL import Image
from reportlab.pdfgen import canvas

from pipeline.ingest import is_candidate, pages_estimate, scan_inbox, sha256_of


def test_temporary_hidden_and_side_files_are_not_work():
    for name in ("scan.pdf.part", "a.crdownload", "~$invoice.docx", ".DS_Store", "x.pdf.error.txt", "t.tmp"):
        assert not is_candidate(name), name
    for name in ("invoice.pdf", "扫描 1.jpg", "B L (2).PDF"):
        assert is_candidate(name), name


def test_scan_is_recursive_stable_and_skips_hidden_folders_and_out(tmp_path):
    inbox = tmp_path / "in"
    for rel in ("b.pdf", "PO-1/a.pdf", "PO-1/deep/er/c.png", ".git/x.pdf", "out/documents.json", "d.part"):
        (inbox / rel).parent.mkdir(parents=True, exist_ok=True)
        (inbox / rel).write_bytes(b"x")
    found = [f.rel for f in scan_inbox(inbox, exclude=(inbox / "out",))]
    assert found == ["PO-1/a.pdf", "PO-1/deep/er/c.png", "b.pdf"]


def test_sha256_matches_hashlib(tmp_path):
    path = tmp_path / "f.bin"
    path.write_bytes(b"abc" * 1_000_000)
    assert sha256_of(path, chunk=4096) == hashlib.sha256(b"abc" * 1_000_000).hexdigest()


def test_pages_are_told_from_a_pdfs_page_objects_and_an_images_frames(tmp_path):
    pdf = tmp_path / "three.pdf"
    c = canvas.Canvas(str(pdf), pageCompression=0)
    for n in range(3):
        c.drawString(72, 720, f"page {n}")
        c.showPage()
    c.save()
    tiff = tmp_path / "two.tif"
    pages = [Image.new("1", (800, 1100), 1) for _ in range(2)]
    pages[0].save(tiff, save_all=True, append_images=pages[1:], compression="group4")
    photo = tmp_path / "photo.jpg"
    Image.effect_noise((1600, 1200), 60).convert("RGB").save(photo)

    assert pages_estimate(pdf) == 3
    assert {pages_estimate(pdf, chunk=n) for n in (1, 7, 64, 100)} == {3}  # matches across blocks count once
    assert pages_estimate(tiff) == 2
    assert pages_estimate(photo) == 1
    assert tiff.stat().st_size < photo.stat().st_size  # why bytes alone would order them wrongly


def test_pages_that_cannot_be_told_are_none(tmp_path):
    hidden = tmp_path / "objstm.pdf"  # pages kept in a compressed object stream
    hidden.write_bytes(b"%PDF-1.5\n1 0 obj <</Type/ObjStm /N 3 /First 12 /Filter/FlateDecode>> stream\nx\n")
    for name, data in (("broken.png", b"\x89PNG\r\n garbage"), ("empty.pdf", b""), ("notes.txt", b"hello")):
        (tmp_path / name).write_bytes(data)
        assert pages_estimate(tmp_path / name) is None, name
    assert pages_estimate(hidden) is None
    assert pages_estimate(tmp_path / "missing.pdf") is None
