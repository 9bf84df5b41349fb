"""Decisions: kept by fingerprint, applied to every output, lapsing when the value changes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from pipeline.review import (
    ReviewsUnreadable,
    UnknownFinding,
    apply_decisions,
    decide,
    find_finding,
    load_decisions,
)
from pipeline.review_cli import review


def statuses(out: Path) -> dict[str, str]:
    return {f["rule"]: f["status"] for f in json.loads((out / "findings.json").read_text())}


def test_decision_is_stored_and_applied(batch, tmp_path: Path):
    finding = batch.finding("CI-004")
    decide(tmp_path, finding, "waived", "Ines", "L/C allows 5 % more")
    stored = load_decisions(tmp_path)[finding.fingerprint()]
    assert (stored.status, stored.by, stored.comment, stored.found) == (
        "waived",
        "Ines",
        "L/C allows 5 % more",
        "16440.50",
    )
    applied = {f.rule: f.status for f in apply_decisions(batch.findings, load_decisions(tmp_path))}
    assert applied["CI-004"] == "waived"
    assert set(applied.values()) == {"waived", "open"}


def test_reopening_withdraws_the_decision(batch, tmp_path: Path):
    finding = batch.finding("CI-004")
    decide(tmp_path, finding, "accepted", "Ines")
    decide(tmp_path, finding, "open", "Ines")
    assert load_decisions(tmp_path) == {}


def test_a_changed_value_reopens_the_finding(batch, published: Path):
    finding = batch.finding("CI-004")
    decide(published, finding, "accepted", "Ines", "rounding")
    batch.publish(published)
    assert statuses(published)["CI-004"] == "accepted"

    reissued = finding.model_copy(update={"found": "16440.90", "id": ""}).with_id()
    others = [f for f in batch.findings if f.rule != "CI-004"]
    from pipeline.publish import publish

    publish(published, batch.documents, [*others, reissued], [], batch.inbox)
    assert statuses(published)["CI-004"] == "open"
    # The old decision stays on file, for the record, but applies to nothing now.
    assert finding.fingerprint() in load_decisions(published)


def test_every_output_carries_the_decision(batch, published: Path):
    decide(published, batch.finding("BL-007"), "accepted", "Ines", "agreed")
    batch.publish(published)
    rows = list(csv.DictReader(io.StringIO((published / "findings.csv").read_text("utf-8-sig"))))
    assert {r["rule"]: r["status"] for r in rows}["BL-007"] == "accepted"
    sheet = load_workbook(published / "findings.xlsx").active
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[header.index("Rule")] == "BL-007")
    assert (row[header.index("Status")], row[header.index("Reviewed by")], row[header.index("Comment")]) == (
        "accepted",
        "Ines",
        "agreed",
    )
    html = (published / "report.html").read_text()
    assert "accepted by Ines" in html


def test_finding_ids_may_be_shortened_when_unique(batch):
    finding = batch.finding("ISO-001")
    assert find_finding(batch.findings, finding.fingerprint()[:8]) == finding
    with pytest.raises(UnknownFinding, match="no finding"):
        find_finding(batch.findings, "zzzz")
    with pytest.raises(UnknownFinding, match="no finding"):
        find_finding(batch.findings, "")
    with pytest.raises(UnknownFinding, match="2 findings"):
        find_finding([finding, finding], finding.fingerprint()[:4])


def test_review_command(batch, published: Path):
    finding = batch.finding("ISO-001")
    runner = CliRunner()
    args = [
        finding.fingerprint(),
        "--accept",
        "--comment",
        "carrier confirmed",
        "--by",
        "Tom",
        "--out",
        str(published),
    ]
    result = runner.invoke(review, args)
    assert result.exit_code == 0, result.output
    assert "accepted by Tom" in result.output
    assert statuses(published)["ISO-001"] == "accepted"

    waive_without_reason = runner.invoke(review, [finding.fingerprint(), "--waive", "--out", str(published)])
    assert waive_without_reason.exit_code == 2 and "comment" in waive_without_reason.output
    unknown = runner.invoke(review, ["ffffffffffff", "--accept", "--out", str(published)])
    assert unknown.exit_code == 1 and "no finding" in unknown.output
    assert runner.invoke(review, [finding.fingerprint(), "--reopen", "--out", str(published)]).exit_code == 0
    assert statuses(published)["ISO-001"] == "open"


def test_commands_are_part_of_tradecheck(batch, published: Path, capsys):
    from pipeline.cli import main

    finding = batch.finding("CO-001")
    short_id = finding.fingerprint()[:10]
    assert main(["review", short_id, "--accept", "--by", "Ines", "--out", str(published)]) == 0
    assert statuses(published)["CO-001"] == "accepted"
    assert main(["review", finding.fingerprint(), "--out", str(published)]) == 2
    assert "--accept, --waive or --reopen" in capsys.readouterr().err


def test_a_broken_reviews_file_is_reported_not_lost(batch, published: Path):
    broken = '{"3229dadd49c3e1d0": {"status": "accepted", "by": "Ines"'  # truncated by a hand edit
    (published / "reviews.json").write_text(broken)
    batch.publish(published)  # the batch's outputs are still written
    assert "cannot be read, decisions not applied" in (published / "report.html").read_text()
    with pytest.raises(ReviewsUnreadable):
        decide(published, batch.finding("CI-004"), "accepted", "Tom")
    result = CliRunner().invoke(
        review, [batch.finding("CI-004").fingerprint(), "--accept", "--out", str(published)]
    )
    assert result.exit_code == 1 and "cannot be read" in result.output
    assert (published / "reviews.json").read_text() == broken
