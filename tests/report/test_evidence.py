"""Evidence crops from real files: PDF boxes in points, image boxes in pixels; the disk cache."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from pipeline.evidence import (
    EvidenceImages,
    EvidenceKey,
    Originals,
    context_box,
    cut_evidence,
    relative_box,
    scale_box,
    shrink_factor,
)


def decode(uri: str) -> Image.Image:
    header, data = uri.split(",", 1)
    assert header in ("data:image/png;base64", "data:image/jpeg;base64")
    return Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB")


def highlighted(image: Image.Image) -> np.ndarray:
    """Mask of the outline's red pixels."""
    a = np.asarray(image).astype(int)
    return (a[..., 0] > 170) & (a[..., 1] < 90) & (a[..., 2] < 90)


def test_context_box_stays_on_the_page_and_keeps_the_box():
    crop = context_box((5, 5, 50, 20), 1000, 1400)
    assert crop[0] == 0 and crop[1] == 0
    assert crop[2] > 50 and crop[3] > 20
    far = context_box((900, 1380, 999, 1399), 1000, 1400)
    assert far[2] == 1000 and far[3] == 1400


def test_boxes_are_scaled_with_their_corners_in_order():
    assert scale_box((100, 50, 20, 10), 2.0) == (40, 20, 200, 100)


def test_big_crops_are_shrunk_and_the_box_follows():
    factor = shrink_factor(2000, 400)
    assert factor == pytest.approx(0.36)
    assert relative_box((1100, 250, 1300, 300), (100, 200, 2100, 600), factor) == (360, 18, 432, 36)


def test_highlight_sits_on_the_value(tmp_path: Path):
    page = Image.new("RGB", (1000, 1400), "white")
    box = (600, 700, 700, 720)
    crop = cut_evidence(page, box)
    ys, xs = np.nonzero(highlighted(crop))
    # The outline surrounds the value, inside a crop that shows context on both sides.
    assert xs.min() > 0 and xs.max() < crop.width - 1
    assert ys.min() > 0 and ys.max() < crop.height - 1
    assert (xs.max() - xs.min()) == pytest.approx(100 + 4, abs=3)


def evidence_for(batch, rule: str) -> tuple[Path, EvidenceKey]:
    finding = batch.finding(rule)
    doc = next(d for d in batch.documents if d.file == finding.file)
    key = EvidenceKey(doc.sha256, finding.evidence.page, finding.evidence.bbox)
    return batch.inbox / doc.file, key


@pytest.mark.parametrize("rule", ["CI-004", "BL-007"])
def test_crop_shows_the_value_under_the_highlight(batch, rule: str, tmp_path: Path):
    """Text PDF (bbox in points, page rendered at 150 dpi) and photo (bbox in the image's pixels)."""
    path, key = evidence_for(batch, rule)
    image = decode(EvidenceImages(tmp_path).image(path, key))
    mask = highlighted(image)
    ys, xs = np.nonzero(mask)
    inside = np.asarray(image.convert("L"))[ys.min() + 3 : ys.max() - 2, xs.min() + 3 : xs.max() - 2]
    assert (inside < 110).mean() > 0.04  # dark ink of the value inside the box
    assert image.width <= 720 and image.height <= 300


def test_second_page_of_a_pdf(batch, tmp_path: Path):
    path, key = evidence_for(batch, "CO-001")
    assert key.page == 2
    image = decode(EvidenceImages(tmp_path).image(path, key))
    assert highlighted(image).any()


def test_crops_come_from_the_cache_without_rendering(batch, tmp_path: Path):
    path, key = evidence_for(batch, "CI-004")
    first = EvidenceImages(tmp_path).image(path, key)

    def no_rendering(*_: object) -> Image.Image:
        raise AssertionError("rendered although cached")

    assert EvidenceImages(tmp_path, renderer=no_rendering).image(path, key) == first
    assert len(list(tmp_path.iterdir())) == 1


def test_unreadable_or_missing_original_gives_no_image(batch, tmp_path: Path):
    _, key = evidence_for(batch, "CI-004")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj")
    assert EvidenceImages(None).image(broken, key) is None
    assert EvidenceImages(None).image(None, key) is None


def test_originals_are_found_in_the_archive_and_linked_relative_to_the_report(tmp_path: Path):
    out = tmp_path / "out"
    (out / "archive" / "PO 1").mkdir(parents=True)
    (out / "archive" / "PO 1" / "inv.pdf").write_bytes(b"%PDF-1.7\n")
    originals = Originals(tmp_path / "inbox", out)
    assert originals.path("PO 1/inv.pdf") == out / "archive" / "PO 1" / "inv.pdf"
    assert originals.href("PO 1/inv.pdf", 3) == "archive/PO%201/inv.pdf#page=3"
    assert originals.href("gone/photo.jpg", 1) == "../inbox/gone/photo.jpg"
    assert Originals(None, out, "/original/").href("PO 1/inv.pdf", 2) == "/original/PO%201/inv.pdf#page=2"


def test_crops_missing_from_the_cache_are_listed_by_original_and_rendered_there_in_advance(
    batch, tmp_path: Path
):
    """What `run` does in its worker processes before writing the report, which then renders nothing."""
    from pipeline.evidence import render_into_cache
    from pipeline.publish import ReportSources

    out = tmp_path / "out"
    sources = ReportSources.for_out(out, batch.inbox)
    jobs = sources.missing(batch.documents, batch.findings)
    assert jobs and all(original.is_file() and keys for original, keys in jobs)
    assert sum(render_into_cache(original, keys, out / ".evidence") for original, keys in jobs) == sum(
        len(keys) for _, keys in jobs
    )
    assert sources.missing(batch.documents, batch.findings) == []

    def no_rendering(*_: object) -> Image.Image:
        raise AssertionError("rendered although rendered in advance")

    cached = ReportSources.for_out(out, batch.inbox, renderer=no_rendering)
    shown = [f for f in batch.findings if f.evidence and f.evidence.bbox]
    assert shown and all(
        cached.evidence(f, next(d for d in batch.documents if d.file == f.file)) for f in shown
    )
