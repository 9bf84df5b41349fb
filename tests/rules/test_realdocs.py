"""The real documents' known defects (realdocs/SOURCES.md, labels' notes), from their hand labels."""

from __future__ import annotations

import pytest

from benchmarks.rules import (
    REALDOC_DEFECTS,
    REALDOCS,
    caught_by,
    realdoc_documents,
    realdocs_expected,
)
from rules.engine import check, group_unlinked
from rules.finding import Finding, Severity

pytestmark = pytest.mark.skipif(not (REALDOCS / "labels").is_dir(), reason="real documents not present")


@pytest.fixture(scope="module")
def findings() -> list[Finding]:
    return [f for group in group_unlinked(realdoc_documents()) for f in check(None, group)]


@pytest.mark.parametrize("expected", realdocs_expected(), ids=[f"{d[0]}:{d[2]}" for d in REALDOC_DEFECTS])
def test_known_defect_is_flagged(expected, findings: list[Finding]) -> None:
    assert caught_by(expected, findings)


def test_errors_only_on_documents_with_known_defects(findings: list[Finding]) -> None:
    defective = {file for file, _, _ in REALDOC_DEFECTS}
    assert [f.message for f in findings if f.severity == Severity.ERROR and f.file not in defective] == []


def test_messages_name_the_values(findings: list[Finding]) -> None:
    by_file = {(f.file, f.rule): f.message for f in findings}
    assert "QHJ206002801/EN" in by_file[("rohs/hardwario_chester_rohs_tvoc.pdf", "LAB-002")]
    assert "QHJ2206002801/EN" in by_file[("rohs/hardwario_chester_rohs_tvoc.pdf", "LAB-002")]
    assert "should be 2" in by_file[("bill_of_lading/mindee_sample_bl.jpg", "ID-001")]
    assert "2014/35/EU" in by_file[("eu_doc/hardwario_chester_ec_doc.pdf", "CE-006")]


def test_one_products_documents_are_grouped() -> None:
    groups = {tuple(sorted(d.file for d in g)) for g in group_unlinked(realdoc_documents())}
    hardwario = next(g for g in groups if any("hardwario" in f for f in g))
    assert len(hardwario) == 5 and all("hardwario" in f for f in hardwario)
    assert ("bill_of_lading/mindee_sample_bl.jpg",) in groups
