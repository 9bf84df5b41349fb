"""Soak: files dropped for minutes into a watched folder whose watcher is killed and restarted.

    .venv/bin/python -m benchmarks.soak --minutes 5 --rate 2 --kill-every 20

A dropper writes files at `--rate` per second (bursts of up to 30 at once, one in ten written
slowly in chunks, one in eight a duplicate, one in twelve unreadable, unicode and space names in
nested folders). Meanwhile the watcher is SIGKILLed (one time in three SIGTERMed) every
`--kill-every` seconds, give or take half, and started again. At the end one `watch --once`
finishes the work, and the script prints: files in / processed / quarantined / lost / doubled.
Exit status 1 when anything was lost or doubled. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import psutil
from reportlab.pdfgen import canvas

NAMES = ("invoice", "packing list", "B-L draft", "Ursprungszeugnis", "发票", "déclaration", "scan")


@dataclass
class Tally:
    files_in: int
    processed: int
    quarantined: int
    lost: int
    doubled: int
    seconds: float
    kills: int
    peak_rss_mb: float

    def lines(self) -> str:
        return "\n".join(f"{k.replace('_', ' ')}: {v}" for k, v in vars(self).items())


def pdf_bytes(number: int, tmp: Path) -> bytes:
    path = tmp / f"{number}.pdf"
    pdf = canvas.Canvas(str(path), invariant=True)
    for i, line in enumerate(
        ["COMMERCIAL INVOICE", f"Invoice No.: SK-{number:07d}", f"Total Amount: USD {number}.00"]
    ):
        pdf.drawString(72, 800 - 20 * i, line)
    pdf.save()
    data = path.read_bytes()
    path.unlink()
    return data


class Dropper(threading.Thread):
    def __init__(self, inbox: Path, rate: float, seconds: float, rng: random.Random, scratch: Path):
        super().__init__(daemon=True)
        self.inbox, self.rate, self.seconds, self.rng, self.scratch = inbox, rate, seconds, rng, scratch
        self.dropped: dict[str, bytes] = {}
        self._count = 0

    def run(self) -> None:
        end = time.monotonic() + self.seconds
        while time.monotonic() < end:
            burst = self.rng.choice([1, 1, 2, 5, 30])
            for _ in range(burst):
                self._drop_one()
            time.sleep(burst / self.rate)

    def _drop_one(self) -> None:
        n = self._count
        self._count += 1
        rel = f"{self.rng.choice(NAMES)} {n % 7}/{self.rng.choice(NAMES)} {n:05d}.pdf"
        if n % 12 == 11:
            data = f"%PDF-1.7\n%{n}\n".encode() + bytes(range(256)) * 8  # unreadable
        elif n % 8 == 7 and self.dropped:
            data = self.dropped[self.rng.choice(sorted(self.dropped))]  # a duplicate
        else:
            data = pdf_bytes(n, self.scratch)
        target = self.inbox / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if n % 10 == 9:
            self._write_slowly(target, data)
        else:
            tmp = target.with_name(f".{target.name}.part")  # how mail rules and sync tools write
            tmp.write_bytes(data)
            tmp.rename(target)
        self.dropped[rel] = data

    def _write_slowly(self, target: Path, data: bytes) -> None:
        step = max(1, len(data) // 4)
        with target.open("wb") as fh:
            for i in range(0, len(data), step):
                fh.write(data[i : i + step])
                fh.flush()
                time.sleep(0.3)


def start_watcher(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as fh:
        return subprocess.Popen(
            [sys.executable, "-m", "pipeline.cli", *args], stdout=fh, stderr=subprocess.STDOUT
        )


def family_rss(proc: subprocess.Popen[bytes]) -> int:
    try:
        root = psutil.Process(proc.pid)
        return sum(p.memory_info().rss for p in [root, *root.children(recursive=True)])
    except psutil.NoSuchProcess:
        return 0


def tally(dropped: dict[str, bytes], out: Path, started: float, kills: int, peak: int) -> Tally:
    found = {
        rel: [p for p in (out / "archive" / rel, out / "quarantine" / rel) if p.exists()] for rel in dropped
    }
    lost = [rel for rel, where in found.items() if not where or where[0].read_bytes() != dropped[rel]]
    with sqlite3.connect(out / "tradecheck.db") as db:
        rows = db.execute("SELECT rel, sha256 FROM files WHERE status != 'retired'").fetchall()
    docs = json.loads((out / "documents.json").read_text(encoding="utf-8"))
    doubled = sum(n - 1 for n in Counter(rows).values() if n > 1)
    doubled += sum(n - 1 for n in Counter(d["file"] for d in docs).values() if n > 1)
    return Tally(
        files_in=len(dropped),
        processed=sum(1 for where in found.values() if where),
        quarantined=sum(1 for rel in dropped if (out / "quarantine" / rel).exists()),
        lost=len(lost),
        doubled=doubled,
        seconds=round(time.monotonic() - started),
        kills=kills,
        peak_rss_mb=round(peak / 2**20),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--rate", type=float, default=2, help="files per second on average")
    parser.add_argument("--kill-every", type=float, default=20, help="seconds between kills (±50 %%)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    opts = parser.parse_args(argv)
    rng = random.Random(opts.seed)
    root = opts.keep or Path(tempfile.mkdtemp(prefix="tradecheck-soak-"))
    inbox, out, scratch = root / "inbox", root / "out", root / "scratch"
    for d in (inbox, out, scratch):
        d.mkdir(parents=True, exist_ok=True)
    (root / "orders.json").write_text("[]", encoding="utf-8")
    args = ["watch", "--inbox", str(inbox), "--orders", str(root / "orders.json"), "--out", str(out)]
    args += ["--workers", str(opts.workers), "--stable-seconds", "1", "--rescan-seconds", "5"]

    started = time.monotonic()
    dropper = Dropper(inbox, opts.rate, opts.minutes * 60, rng, scratch)
    dropper.start()
    kills, peak = 0, 0
    proc = start_watcher(args, root / "watch.log")
    while dropper.is_alive():
        deadline = time.monotonic() + opts.kill_every * rng.uniform(0.5, 1.5)
        while time.monotonic() < deadline and dropper.is_alive():
            peak = max(peak, family_rss(proc))
            time.sleep(0.5)
        proc.send_signal(signal.SIGTERM if rng.random() < 1 / 3 else signal.SIGKILL)
        proc.wait(120)
        kills += 1
        proc = start_watcher(args, root / "watch.log")
    proc.terminate()
    proc.wait(120)
    final = start_watcher([*args, "--once"], root / "watch.log")
    while final.poll() is None:
        peak = max(peak, family_rss(final))
        time.sleep(0.5)
    result = tally(dropper.dropped, out, started, kills, peak)
    print(result.lines())
    print(f"work folder: {root}")
    return 1 if result.lost or result.doubled or final.returncode else 0


if __name__ == "__main__":
    sys.exit(main())
