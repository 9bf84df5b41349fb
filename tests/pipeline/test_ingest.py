from __future__ import annotations

import hashlib

from pipeline.ingest import is_candidate, scan_inbox, sha256_of


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
