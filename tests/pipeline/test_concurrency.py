"""Several processes on one folder, and a big drop all at once."""

from __future__ import annotations

import json
import sqlite3
import time
from collections import Counter
from pathlib import Path

import psutil
import pytest

pytestmark = pytest.mark.slow


def _rows(out: Path) -> list[tuple[str, str, str, str | None]]:
    with sqlite3.connect(out / "tradecheck.db") as db:
        return db.execute(
            "SELECT rel, sha256, status, read_by FROM files WHERE status != 'retired'"
        ).fetchall()


def test_run_and_watch_at_once_read_each_file_once(tmp_path, ops_pdf, ops_orders, ops_procs):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    for i in range(30):
        ops_pdf(inbox / f"PO-{i % 3}" / f"doc {i}.pdf", i)
    common = ["--inbox", str(inbox), "--orders", str(ops_orders), "--out", str(out)]
    watch_args = ["watch", *common, "--stable-seconds", "0.2", "--rescan-seconds", "0.5", "--workers", "1"]
    watcher = ops_procs.start(*watch_args)
    batch = ops_procs.start("run", *common, "--workers", "2")
    assert batch.wait(240) == 0, ops_procs.log(1)
    watcher.terminate()  # SIGTERM: stop after the documents in hand
    assert watcher.wait(120) == 0, ops_procs.log(0)
    # A last pass moves what the batch held when the watcher looked.
    assert ops_procs.start(*watch_args, "--once").wait(120) == 0, ops_procs.log(2)

    rows = _rows(out)
    assert Counter((rel, sha) for rel, sha, _, _ in rows).most_common(1)[0][1] == 1  # none read twice
    assert {status for _, _, status, _ in rows} == {"extracted"}
    assert len(rows) == 30
    readers = Counter(reader.split(":")[1] for *_, reader in rows if reader)
    assert set(readers) <= {str(watcher.pid), str(batch.pid)}
    assert sorted(
        p.relative_to(out / "archive").as_posix() for p in (out / "archive").rglob("*.pdf")
    ) == sorted(f"PO-{i % 3}/doc {i}.pdf" for i in range(30))
    assert [p for p in inbox.rglob("*") if p.is_file()] == []


def _peak_rss_mb(proc: psutil.Process, until_exit: float) -> float:
    """Peak resident memory of a process and its children together, sampled until it exits."""
    peak = 0
    deadline = time.monotonic() + until_exit
    while proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE and time.monotonic() < deadline:
        try:
            family = [proc, *proc.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in family if p.is_running()))
        except psutil.NoSuchProcess:
            pass
        time.sleep(0.5)
    return peak / 2**20


def test_three_hundred_files_at_once_with_duplicates_and_bad_files(tmp_path, ops_pdf, ops_orders, ops_procs):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    expected_bad, expected_dupes = set(), set()
    for i in range(300):
        rel = f"drop {i // 50}/file {i:03d}.pdf"
        if i % 25 == 24:
            (inbox / rel).parent.mkdir(parents=True, exist_ok=True)
            (inbox / rel).write_bytes(
                f"%PDF-1.7\n%{i}\n".encode() + bytes(range(256)) * 4
            )  # no xref, no trailer
            expected_bad.add(rel)
        elif i % 10 == 9:
            ops_pdf(inbox / rel, i - 1)  # the bytes of its neighbour
            expected_dupes.add(rel)
        else:
            ops_pdf(inbox / rel, i)
    started = time.monotonic()
    proc = ops_procs.start(
        "watch", "--inbox", str(inbox), "--orders", str(ops_orders), "--out", str(out),
        "--stable-seconds", "0.5", "--workers", "2", "--once",
    )  # fmt: skip
    peak_mb = _peak_rss_mb(psutil.Process(proc.pid), until_exit=600)
    assert proc.wait(60) == 0, ops_procs.log(0)
    elapsed = time.monotonic() - started

    docs = {d["file"]: d for d in json.loads((out / "documents.json").read_text(encoding="utf-8"))}
    assert len(docs) == 300
    quarantined = {p.relative_to(out / "quarantine").as_posix() for p in (out / "quarantine").rglob("*.pdf")}
    assert quarantined == expected_bad
    dupes = {rel for rel, d in docs.items() if any(p.startswith("duplicate of") for p in d["problems"])}
    assert dupes == expected_dupes
    assert len(list((out / "archive").rglob("*.pdf"))) == 300 - len(expected_bad)
    assert [p for p in inbox.rglob("*") if p.is_file()] == []
    assert len(_rows(out)) == 300
    print(f"300 files in {elapsed:.0f} s, peak RSS (watcher + workers) {peak_mb:.0f} MB")
    assert peak_mb < 1500
