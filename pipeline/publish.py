"""Everything a finished batch writes into --out, each file replaced atomically.

Review decisions (reviews.json) are applied on every write, so a re-run, a watcher's update and
a decision taken in the web UI all produce the same statuses in every output.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from extractors.datamodel import ExtractedDocument
from pipeline.evidence import EvidenceImages, EvidenceKey, Originals, Renderer, Stance, default_renderer
from pipeline.outputs import atomic_write, read_outputs, write_outputs
from pipeline.report import Live, render_report
from pipeline.review import Decisions, ReviewsUnreadable, apply_decisions, load_decisions, review_lock
from pipeline.xlsx import findings_xlsx
from rules.finding import Finding

if TYPE_CHECKING:  # the batch imports the rule engine; publishing needs only its results
    from pipeline.batch import BatchResult

log = logging.getLogger(__name__)

#: What the report needs besides documents and findings to be rendered again later.
RUN_FILE = "run.json"
EVIDENCE_CACHE = ".evidence"
OUTPUT_FILES = ("documents.json", "findings.json", "findings.csv", "findings.xlsx", "report.html", RUN_FILE)


class RunInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")

    inbox: Path | None = None
    order_errors: list[str] = []
    #: A digest of everything the outputs were made from (`intake.inputs_digest`).
    inputs: str | None = None


@dataclass(frozen=True)
class ReportSources:
    """Where a report finds the originals, and how it renders their pages."""

    originals: Originals
    images: EvidenceImages

    @classmethod
    def for_out(
        cls, out: Path, inbox: Path | None, base_url: str | None = None, renderer: Renderer = default_renderer
    ) -> ReportSources:
        return cls(Originals(inbox, out, base_url), EvidenceImages(out / EVIDENCE_CACHE, renderer))

    def evidence(self, finding: Finding, doc: ExtractedDocument | None) -> str | None:
        key = evidence_key(finding, doc)
        if doc is None or key is None:
            return None
        return self.images.image(self.originals.path(doc.file), key)

    def missing(
        self, docs: Sequence[ExtractedDocument], findings: Sequence[Finding]
    ) -> list[tuple[Path, list[EvidenceKey]]]:
        """The evidence crops a report of these findings shows and the cache lacks, by original file."""
        by_file = {d.file: d for d in docs}
        jobs: dict[Path, list[EvidenceKey]] = {}
        for finding in findings:
            doc = by_file.get(finding.file or "")
            key = evidence_key(finding, doc)
            original = self.originals.path(doc.file) if doc else None
            if key and original and key not in jobs.get(original, ()) and not self.images.cached(key):
                jobs.setdefault(original, []).append(key)
        return list(jobs.items())


def evidence_key(finding: Finding, doc: ExtractedDocument | None) -> EvidenceKey | None:
    ev = finding.evidence
    if doc is None or ev is None or ev.page is None or ev.bbox is None:
        return None
    return EvidenceKey(doc.sha256, ev.page, ev.bbox, stance(doc, ev.page))


def stance(doc: ExtractedDocument, page: int) -> Stance:
    """How the reader stood the document's page, as far as the document records it."""
    rotations, skews = doc.page_rotations, doc.page_skews
    return Stance(
        rotation=rotations[page - 1] if 0 < page <= len(rotations) else None,
        skew=skews[page - 1] if 0 < page <= len(skews) else None,
        scanned={"text": False, "ocr": True}.get(doc.method or ""),  # mixed: unknown per page
    )


def write_batch(
    out: Path,
    result: BatchResult,
    inbox: Path,
    renderer: Renderer = default_renderer,
    inputs: str | None = None,
) -> Path:
    """documents.json, findings.json, findings.csv, findings.xlsx and report.html; returns the report's path.

    `inbox` is where the originals are, for the report's links and evidence images; `inputs` the
    digest of what the result was made from (`current_outputs`).
    """
    return publish(out, result.documents, result.findings, result.order_errors, inbox, renderer, inputs)


def current_outputs(
    out: Path, inputs: str
) -> tuple[list[ExtractedDocument], list[Finding], list[str]] | None:
    """(documents, findings, order errors) as `out` holds them, when every output is there and was
    written from exactly these inputs; else None. An unchanged batch then writes nothing."""
    if not all((out / name).is_file() for name in OUTPUT_FILES):
        return None
    try:
        info = read_run_info(out)
        if info.inputs != inputs:
            return None
        docs, findings = read_outputs(out)
    except (OSError, ValueError) as e:  # damaged or hand-edited outputs are written again
        log.info("outputs in %s are written again: %s", out, e)
        return None
    return docs, findings, info.order_errors


def publish(
    out: Path,
    docs: Sequence[ExtractedDocument],
    findings: Sequence[Finding],
    order_errors: Sequence[str],
    inbox: Path | None,
    renderer: Renderer = default_renderer,
    inputs: str | None = None,
) -> Path:
    info = RunInfo(inbox=inbox.resolve() if inbox else None, order_errors=list(order_errors), inputs=inputs)
    with review_lock(out):
        atomic_write(out / RUN_FILE, info.model_dump_json(indent=2))
        return _publish(out, docs, findings, info, renderer)


def republish(out: Path, renderer: Renderer = default_renderer) -> Path:
    """Every output of `out` written again from its stored results, with the current decisions."""
    with review_lock(out):
        docs, findings = read_outputs(out)
        return _publish(out, docs, findings, read_run_info(out), renderer)


def read_run_info(out: Path) -> RunInfo:
    path = out / RUN_FILE
    return RunInfo.model_validate(json.loads(path.read_text("utf-8"))) if path.exists() else RunInfo()


def _publish(
    out: Path,
    docs: Sequence[ExtractedDocument],
    findings: Sequence[Finding],
    info: RunInfo,
    renderer: Renderer,
) -> Path:
    decisions, notices = _decisions(out)
    findings = apply_decisions(findings, decisions)
    write_outputs(out, docs, findings)
    atomic_write(out / "findings.xlsx", findings_xlsx(findings, decisions))
    sources = ReportSources.for_out(out, info.inbox, renderer=renderer)
    html = render_report(
        docs,
        findings,
        info.order_errors,
        decisions=decisions,
        evidence=sources.evidence,
        links=sources.originals.href,
        notices=notices,
    )
    report = out / "report.html"
    atomic_write(report, html)
    return report


def _decisions(out: Path) -> tuple[Decisions, list[str]]:
    """The decisions, or none and the reason: a broken reviews.json must not stop a batch's outputs."""
    try:
        return load_decisions(out), []
    except ReviewsUnreadable as e:
        log.error("%s", e)
        return {}, [str(e)]


def render_live(out: Path, live: Live, renderer: Renderer = default_renderer) -> str:
    """The report as the web UI serves it: review controls, originals served under /original/."""
    docs, findings = read_outputs(out)
    info = read_run_info(out)
    decisions, notices = _decisions(out)  # unreadable: shown; deciding is refused until it is mended
    sources = ReportSources.for_out(out, info.inbox, base_url="/original/", renderer=renderer)
    return render_report(
        docs,
        apply_decisions(findings, decisions),
        info.order_errors,
        decisions=decisions,
        evidence=sources.evidence,
        links=sources.originals.href,
        live=live,
        notices=notices,
    )
