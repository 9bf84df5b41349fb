"""Everything a finished batch writes into --out, each file replaced atomically."""

from __future__ import annotations

from pathlib import Path

from pipeline.batch import BatchResult
from pipeline.outputs import atomic_write, write_outputs
from pipeline.report import render_report


def write_batch(out: Path, result: BatchResult, inbox: Path) -> Path:
    """documents.json, findings.json, findings.csv and report.html; returns the report's path.

    `inbox` is where the originals are, for the report's links and evidence images.
    """
    write_outputs(out, result.documents, result.findings)
    report = out / "report.html"
    atomic_write(report, render_report(result.documents, result.findings, result.order_errors))
    return report
