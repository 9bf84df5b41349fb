"""The watched folder through the real CLI in real processes, on real (tiny) PDFs."""

from __future__ import annotations

import json
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from pipeline.ingest import InboxFile, sha256_of
from pipeline.watch import StabilityTracker


def _documents(out: Path) -> dict[str, dict]:
    return {d["file"]: d for d in json.loads((out / "documents.json").read_text(encoding="utf-8"))}


def _entries(out: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(out / "tradecheck.db") as db:
        return db.execute("SELECT rel, status, location FROM files ORDER BY id").fetchall()


def _watch_args(tmp_path: Path, orders: Path, *extra: str) -> list[str]:
    return [
        "watch",
        "--inbox",
        str(tmp_path / "inbox"),
        "--orders",
        str(orders),
        "--out",
        str(tmp_path / "out"),
        "--stable-seconds",
        "1",
        "--rescan-seconds",
        "0.5",
        *extra,
    ]


def test_stability_tracker_hands_over_only_files_unchanged_for_the_delay(tmp_path):
    clock = [0.0]
    tracker = StabilityTracker(2.0, clock=lambda: clock[0])
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF page 1")
    file = InboxFile(path, "scan.pdf")
    tracker.observe(file)
    clock[0] = 1.5
    with path.open("ab") as fh:
        fh.write(b" page 2")  # the scanner appends a page
    tracker.observe(file)
    clock[0] = 2.5
    assert tracker.ready() == []  # changed 1 s ago
    clock[0] = 3.6
    assert tracker.ready() == [file]
    tracker.observe(file)
    clock[0] = 10
    assert tracker.ready() == []  # handed over already: a rescan does not hand it over again


@pytest.mark.slow
def test_once_takes_deep_unicode_names_quarantines_bad_files_and_marks_duplicates(
    tmp_path, ops_pdf, ops_orders, ops_procs
):
    inbox = tmp_path / "inbox"
    names = [f"PO 7/déjà vu/深/层/naïve 发票 {i}.pdf" for i in range(3)]
    for i, name in enumerate(names):
        ops_pdf(inbox / name, i)
    ops_pdf(inbox / "copy of 1.pdf", 1)
    (inbox / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type")
    (inbox / "report.docx.crdownload").write_bytes(b"still downloading")
    (inbox / ".~lock.x.pdf#").write_bytes(b"lock")
    proc = ops_procs.start(*_watch_args(tmp_path, ops_orders, "--once"))
    assert proc.wait(120) == 0, ops_procs.log(0)

    out = tmp_path / "out"
    docs = _documents(out)
    assert set(docs) == {*names, "copy of 1.pdf", "broken.pdf"}
    assert any(
        p.startswith("duplicate of PO 7/déjà vu/深/层/naïve 发票 1.pdf")
        for p in docs["copy of 1.pdf"]["problems"]
    )
    assert docs["broken.pdf"]["problems"] == ["truncated PDF"]
    for name in names:
        assert (out / "archive" / name).is_file()
    assert (out / "quarantine" / "broken.pdf").is_file()
    assert "truncated PDF" in (out / "quarantine" / "broken.pdf.error.txt").read_text(encoding="utf-8")
    left = sorted(p.name for p in inbox.rglob("*") if p.is_file())
    assert left == [".~lock.x.pdf#", "report.docx.crdownload"]  # temporary names are not work
    assert not any(p.name.endswith(".tmp") for p in out.rglob("*"))


@pytest.mark.slow
def test_a_file_written_slowly_in_chunks_is_taken_once_complete(tmp_path, ops_pdf, ops_orders, ops_procs):
    (tmp_path / "inbox").mkdir()
    whole = ops_pdf(tmp_path / "made" / "slow.pdf", 42).read_bytes()
    proc = ops_procs.start(*_watch_args(tmp_path, ops_orders))
    target = tmp_path / "inbox" / "slow.pdf"
    chunks = [whole[i : i + len(whole) // 6 + 1] for i in range(0, len(whole), len(whole) // 6 + 1)]
    time.sleep(4)  # the watcher is up and rescanning
    with target.open("wb") as fh:
        for chunk in chunks:  # a scanner writing page by page, pausing under the stability delay
            fh.write(chunk)
            fh.flush()
            time.sleep(0.6)
    archived = tmp_path / "out" / "archive" / "slow.pdf"
    deadline = time.monotonic() + 90
    while not archived.exists() and time.monotonic() < deadline:
        assert proc.poll() is None, ops_procs.log(0)
        time.sleep(0.3)
    assert archived.read_bytes() == whole
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(60) == 0, ops_procs.log(0)
    assert _entries(tmp_path / "out") == [("slow.pdf", "extracted", "archive")]
    doc = _documents(tmp_path / "out")["slow.pdf"]
    assert doc["sha256"] == sha256_of(archived)
    assert doc["doc_type"] == "commercial_invoice" and doc["problems"] == []


@pytest.mark.slow
def test_keep_in_place_reads_each_file_once_over_many_rescans(tmp_path, ops_pdf, ops_orders, ops_procs):
    inbox = tmp_path / "inbox"
    for i in range(3):
        ops_pdf(inbox / f"f{i}.pdf", i)
    proc = ops_procs.start(*_watch_args(tmp_path, ops_orders, "--keep-in-place"))
    out = tmp_path / "out"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and not (
        (out / "documents.json").exists() and len(_documents(out)) == 3
    ):
        assert proc.poll() is None, ops_procs.log(0)
        time.sleep(0.3)
    time.sleep(2)  # four more rescans
    ops_pdf(inbox / "late.pdf", 99)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(_documents(out)) < 4:
        time.sleep(0.3)
    proc.send_signal(signal.SIGINT)  # Ctrl-C
    assert proc.wait(60) == 0, ops_procs.log(0)
    assert sorted(p.name for p in inbox.iterdir()) == ["f0.pdf", "f1.pdf", "f2.pdf", "late.pdf"]
    assert sorted(_entries(out)) == [(f"{n}.pdf", "extracted", "inbox") for n in ("f0", "f1", "f2", "late")]
    assert not (out / "archive").exists()
