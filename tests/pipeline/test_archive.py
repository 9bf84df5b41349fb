from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from pipeline.archive import ERROR_SUFFIX, archive_file, move_file, quarantine_file, sweep_temporaries
from pipeline.ingest import sha256_of


def _file(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_archive_keeps_the_folders_and_the_bytes(tmp_path):
    src = _file(tmp_path / "inbox" / "PO 1" / "naïve 发票 scan.pdf", b"%PDF-1.4 one")
    digest, mtime = sha256_of(src), src.stat().st_mtime_ns
    moved = archive_file(src, tmp_path / "archive", "PO 1/naïve 发票 scan.pdf")
    assert moved == tmp_path / "archive" / "PO 1" / "naïve 发票 scan.pdf"
    assert not src.exists()
    assert sha256_of(moved) == digest and moved.stat().st_mtime_ns == mtime


def test_a_taken_name_with_other_bytes_gets_a_numbered_sibling(tmp_path):
    _file(tmp_path / "archive" / "a.pdf", b"first")
    moved = archive_file(_file(tmp_path / "inbox" / "a.pdf", b"second"), tmp_path / "archive", "a.pdf")
    assert moved.name == "a (2).pdf"
    assert (tmp_path / "archive" / "a.pdf").read_bytes() == b"first"
    assert moved.read_bytes() == b"second"


def test_a_taken_name_with_the_same_bytes_just_drops_the_source(tmp_path):
    """What a move cut short after its copy leaves behind: finishing it must not make a second copy."""
    _file(tmp_path / "archive" / "a.pdf", b"same")
    src = _file(tmp_path / "inbox" / "a.pdf", b"same")
    assert archive_file(src, tmp_path / "archive", "a.pdf") == tmp_path / "archive" / "a.pdf"
    assert not src.exists()
    assert sorted(p.name for p in (tmp_path / "archive").iterdir()) == ["a.pdf"]


@pytest.mark.skipif(not Path("/dev/shm").is_dir(), reason="needs a second file system")
def test_across_file_systems_copy_fsync_unlink(tmp_path):
    src = _file(tmp_path / "inbox" / "big.tif", os.urandom(300_000))
    digest = sha256_of(src)
    with tempfile.TemporaryDirectory(dir="/dev/shm") as other:
        assert os.stat(other).st_dev != src.stat().st_dev
        moved = move_file(src, Path(other) / "deep" / "er" / "big.tif")
        assert sha256_of(moved) == digest
        assert not src.exists()
        assert [p.name for p in moved.parent.iterdir()] == ["big.tif"]  # no temporary left behind


def test_quarantine_writes_the_cause_beside_the_file(tmp_path):
    src = _file(tmp_path / "inbox" / "x" / "broken.pdf", b"%PDF-1.4 trunc")
    moved = quarantine_file(src, tmp_path / "quarantine", "x/broken.pdf", "truncated PDF")
    note = moved.with_name("broken.pdf" + ERROR_SUFFIX)
    assert moved.read_bytes() == b"%PDF-1.4 trunc"
    assert "truncated PDF" in note.read_text(encoding="utf-8")
    assert "x/broken.pdf" in note.read_text(encoding="utf-8")


def test_only_stale_temporaries_are_swept(tmp_path):
    stale = _file(tmp_path / "out" / ".documents.json.abc.tmp", b"half")
    young = _file(tmp_path / "out" / "archive" / ".a.pdf.moving", b"half")
    kept = _file(tmp_path / "out" / "report.tmp", b"a visible name is not ours")
    os.utime(stale, (1, 1))
    assert sweep_temporaries(tmp_path / "out", 600) == [stale]
    assert young.exists() and kept.exists() and not stale.exists()
