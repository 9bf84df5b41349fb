"""Fault injection: the watcher SIGKILLed at random moments, restarted, over several rounds.

Afterwards every file dropped must be processed exactly once (archived or quarantined, one
ledger entry, one line in documents.json), none lost, none doubled, no half-written output.
"""

from __future__ import annotations

import json
import random
import sqlite3
import time
from collections import Counter
from pathlib import Path

import pytest

from pipeline.ingest import sha256_of

pytestmark = pytest.mark.slow

ROUNDS = 3


def _drop(inbox: Path, start: int, count: int, ops_pdf) -> dict[str, bytes]:
    """`count` files under nested folders, one in six a duplicate, one in eight unreadable."""
    dropped = {}
    for n in range(start, start + count):
        rel = f"batch {n % 3}/sub/doc-{n:03d}.pdf"
        if n % 8 == 7:
            (inbox / rel).parent.mkdir(parents=True, exist_ok=True)
            (inbox / rel).write_bytes(b"%PDF-1.4\n1 0 obj\n<< truncated")
        else:
            ops_pdf(inbox / rel, n - 1 if n % 6 == 5 else n)  # n%6==5: the bytes of the file before
        dropped[rel] = (inbox / rel).read_bytes()
    return dropped


def _where_is(out: Path, rel: str) -> list[Path]:
    return [p for p in (out / "archive" / rel, out / "quarantine" / rel) if p.exists()]


def test_random_sigkills_lose_and_double_nothing(tmp_path, ops_pdf, ops_orders, ops_procs):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    args = ["watch", "--inbox", str(inbox), "--orders", str(ops_orders), "--out", str(out)]
    args += ["--stable-seconds", "0.3", "--rescan-seconds", "0.5", "--workers", "2"]
    rng = random.Random(20261126)
    dropped: dict[str, bytes] = {}
    for round_ in range(ROUNDS):
        dropped |= _drop(inbox, 12 * round_, 12, ops_pdf)
        proc = ops_procs.start(*args)
        time.sleep(rng.uniform(2.0, 9.0))
        proc.kill()  # SIGKILL: no clean-up of any kind
        proc.wait(10)
    final = ops_procs.start(*args, "--once")
    assert final.wait(180) == 0, ops_procs.log(ROUNDS)

    lost = [rel for rel in dropped if not _where_is(out, rel)]
    changed = [rel for rel in dropped if (p := _where_is(out, rel)) and p[0].read_bytes() != dropped[rel]]
    assert lost == [] and changed == []
    assert [p for p in inbox.rglob("*") if p.is_file()] == []
    # A kill can leave a hidden temporary (swept once stale), never a visible partial file.
    partial = [p for p in out.rglob("*") if p.name.endswith((".tmp", ".moving"))]
    assert all(p.name.startswith(".") for p in partial)

    docs = json.loads((out / "documents.json").read_text(encoding="utf-8"))  # parses: written whole
    assert sorted(d["file"] for d in docs) == sorted(dropped)
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert len({f["id"] for f in findings}) == len(findings)

    with sqlite3.connect(out / "tradecheck.db") as db:
        rows = db.execute(
            "SELECT rel, sha256, status, location FROM files WHERE status != 'retired'"
        ).fetchall()
    per_file = Counter((rel, sha) for rel, sha, _, _ in rows)
    assert [k for k, n in per_file.items() if n > 1] == []  # nothing doubled
    assert {(rel, status) for rel, _, status, _ in rows} == {(rel, "extracted") for rel in dropped}
    for rel, sha, _, location in rows:
        [where] = _where_is(out, rel)
        assert where.parent.parts[len(out.parts)] == location
        assert sha256_of(where) == sha
    for rel in dropped:
        if dropped[rel].endswith(b"truncated"):
            assert (out / "quarantine" / (rel + ".error.txt")).exists()


def _heavy_scan(path: Path) -> Path:
    """An A4 page at 300 dpi full of small text: many seconds of OCR."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.load_default(size=40)
    page = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(page)
    for i in range(70):
        draw.text((100, 60 + 48 * i), f"Line {i}: container MSCU1234565 gross 5120.0 kg", fill=0, font=font)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.save(path, compression="tiff_lzw", dpi=(300, 300))
    return path


def test_a_stuck_document_is_killed_and_the_others_go_on(tmp_path, ops_pdf, ops_orders, ops_procs):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    _heavy_scan(inbox / "stuck scan.tif")
    for i in range(4):
        ops_pdf(inbox / f"ok {i}.pdf", i)
    ops_procs.env |= {"TRADECHECK_DOC_TIMEOUT_S": "2", "TRADECHECK_MAX_ATTEMPTS": "1"}
    started = time.monotonic()
    proc = ops_procs.start(
        "watch", "--inbox", str(inbox), "--orders", str(ops_orders), "--out", str(out),
        "--stable-seconds", "0.2", "--once",
    )  # fmt: skip
    assert proc.wait(120) == 0, ops_procs.log(0)
    assert time.monotonic() - started < 60

    docs = {d["file"]: d for d in json.loads((out / "documents.json").read_text(encoding="utf-8"))}
    assert docs["stuck scan.tif"]["problems"] == ["failed: timed out after 2 s (1 attempt; not retried)"]
    assert "timed out after 2 s" in (out / "quarantine" / "stuck scan.tif.error.txt").read_text(
        encoding="utf-8"
    )
    assert all(docs[f"ok {i}.pdf"]["doc_type"] == "commercial_invoice" for i in range(4))
    assert sorted(p.name for p in (out / "archive").iterdir()) == [f"ok {i}.pdf" for i in range(4)]
