"""Fixtures for the operations tests (watch, ledger, crash, concurrency): real files, real processes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

TRADECHECK = [sys.executable, "-m", "pipeline.cli"]


def write_invoice_pdf(path: Path, number: int) -> Path:
    """A one-page text PDF of an invoice whose number (and so whose bytes) is `number`'s own."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = canvas.Canvas(str(path), invariant=True)  # invariant: same number, same bytes
    lines = [
        "COMMERCIAL INVOICE",
        f"Invoice No.: TC-{number:06d}",
        "Invoice Date: 2026-10-01",
        "Seller: Ningbo Test Appliance Co., Ltd.",
        f"Total Amount: USD {number}.00",
    ]
    for i, line in enumerate(lines):
        pdf.drawString(72, 800 - 20 * i, line)
    pdf.save()
    return path


@pytest.fixture
def ops_pdf() -> Callable[[Path, int], Path]:
    return write_invoice_pdf


@pytest.fixture
def ops_env(tmp_path: Path) -> dict[str, str]:
    """Environment for tradecheck subprocesses: own extraction cache, one OCR thread, no Prefect server."""
    return {
        **os.environ,
        "TRADECHECK_CACHE_DIR": str(tmp_path / "cache"),
        "OMP_THREAD_LIMIT": "1",
        "TRADECHECK_WORKERS": "1",
    }


@pytest.fixture
def ops_orders(tmp_path: Path) -> Path:
    path = tmp_path / "orders.json"
    path.write_text("[]", encoding="utf-8")
    return path


class Procs:
    """tradecheck subprocesses started by a test, all killed at its end."""

    def __init__(self, env: dict[str, str], logs: Path):
        self.env = env
        self.logs = logs
        self.started: list[subprocess.Popen[bytes]] = []

    def start(self, *args: str) -> subprocess.Popen[bytes]:
        self.logs.mkdir(parents=True, exist_ok=True)
        log = (self.logs / f"{len(self.started)}-{args[0]}.log").open("wb")
        proc = subprocess.Popen([*TRADECHECK, *args], env=self.env, stdout=log, stderr=subprocess.STDOUT)
        self.started.append(proc)
        return proc

    def log(self, index: int) -> str:
        """The tail of its output, for assertion messages."""
        return next(self.logs.glob(f"{index}-*.log")).read_text(errors="replace")[-4000:]

    def kill_all(self) -> None:
        for proc in self.started:
            if proc.poll() is None:
                proc.kill()
                proc.wait(10)


@pytest.fixture
def ops_procs(ops_env: dict[str, str], tmp_path: Path) -> Iterator[Procs]:
    procs = Procs(ops_env, tmp_path / "logs")
    yield procs
    procs.kill_all()


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


@pytest.fixture
def ops_wait() -> Callable[[Callable[[], bool], float, str], None]:
    return wait_for
