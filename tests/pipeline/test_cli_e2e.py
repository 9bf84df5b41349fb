"""The whole pipe, folder to report, through the real CLI and a real Prefect flow, on samples/.

One batch run is shared by the module (Prefect's local server takes seconds to start).
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest

from pipeline.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
CONTRACT_CHECK = ROOT.parent / "shared" / "tools" / "contract_check.py"
TRUTH = json.loads((SAMPLES / "truth.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def run_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    argv = [
        "run",
        "--inbox",
        str(SAMPLES / "inbox"),
        "--orders",
        str(SAMPLES / "orders.json"),
        "--out",
        str(out),
    ]
    assert main(argv) == 0
    return out


@pytest.fixture(scope="module")
def documents(run_out) -> dict[str, dict]:
    return {d["file"]: d for d in json.loads((run_out / "documents.json").read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def findings(run_out) -> list[dict]:
    return json.loads((run_out / "findings.json").read_text(encoding="utf-8"))


def test_contract_check_passes(run_out):
    if not CONTRACT_CHECK.exists():
        pytest.skip(f"{CONTRACT_CHECK} is not beside this clone")
    result = subprocess.run(
        [sys.executable, str(CONTRACT_CHECK), str(run_out)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def test_every_file_is_in_documents_json(documents):
    inbox_files = {
        p.relative_to(SAMPLES / "inbox").as_posix() for p in (SAMPLES / "inbox").rglob("*") if p.is_file()
    }
    assert set(documents) == inbox_files


def test_doc_type_and_order_as_in_truth(documents):
    wrong = {
        rel: (documents[rel]["doc_type"], documents[rel]["po_number"], t["doc_type"], t["po_number"])
        for rel, t in TRUTH["documents"].items()
        if (documents[rel]["doc_type"], documents[rel]["po_number"]) != (t["doc_type"], t["po_number"])
        and not t["problems"]
    }
    assert wrong == {}


def test_bad_files_are_problems_not_crashes(documents):
    for rel, t in TRUTH["documents"].items():
        for word in t["problems"]:
            assert any(word.lower() in p.lower() for p in documents[rel]["problems"]), (
                rel,
                documents[rel]["problems"],
            )


def _same(found, expected) -> bool:
    if isinstance(expected, dict) and isinstance(found, dict):
        return all(_same(found.get(k), v) for k, v in expected.items())
    if isinstance(expected, list) and isinstance(found, list):
        return len(found) == len(expected) and all(_same(f, e) for f, e in zip(found, expected, strict=True))
    if isinstance(expected, str) and isinstance(found, str):
        try:
            return Decimal(found) == Decimal(expected)
        except InvalidOperation:
            return " ".join(found.split()).casefold() == " ".join(expected.split()).casefold()
    return found == expected


@pytest.mark.parametrize("method, floor", [("text", 0.95), ("ocr", 0.85)])
def test_field_values_match_truth(documents, method, floor):
    """A regression floor; the accuracy benchmark reports the exact figures per type and method."""
    total = right = 0
    misses = []
    for rel, t in TRUTH["documents"].items():
        if t["method"] != method or t["problems"]:
            continue
        for name, expected in t["fields"].items():
            total += 1
            found = documents[rel]["fields"].get(name, {}).get("value")
            if _same(found, expected):
                right += 1
            else:
                misses.append((rel, name))
    assert total and right / total >= floor, f"{right}/{total}; first misses: {misses[:15]}"


def test_every_seeded_discrepancy_is_found(findings):
    missed = [
        d["id"]
        for d in TRUTH["discrepancies"]
        if not any(
            f["rule"] in d["rules"]
            and f["po_number"] == d["po_number"]
            and (d["file"] is None or f["file"] == d["file"])
            for f in findings
        )
    ]
    assert missed == []


def test_clean_orders_have_no_errors(findings):
    seeded = {d["po_number"] for d in TRUTH["discrepancies"]}
    false_errors = [
        (f["po_number"], f["rule"], f["message"])
        for f in findings
        if f["severity"] == "error" and f["po_number"] and f["po_number"] not in seeded
    ]
    assert false_errors == []


def test_report_names_every_order(run_out):
    html = (run_out / "report.html").read_text(encoding="utf-8")
    for po in {t["po_number"] for t in TRUTH["documents"].values() if t["po_number"]}:
        assert po in html


def test_report_rerenders_from_results(run_out):
    (run_out / "report.html").unlink()
    assert main(["report", "--out", str(run_out)]) == 0
    assert (run_out / "report.html").stat().st_size > 0


def test_extract_prints_one_document(capsys):
    rel, t = next(
        (rel, t) for rel, t in TRUTH["documents"].items() if t["method"] == "text" and not t["problems"]
    )
    assert main(["extract", str(SAMPLES / "inbox" / rel)]) == 0
    assert json.loads(capsys.readouterr().out)["doc_type"] == t["doc_type"]


def test_bad_usage_exits_2(tmp_path):
    assert main(["run", "--orders", "x.json", "--out", str(tmp_path)]) == 2
    assert (
        main(["run", "--inbox", str(tmp_path / "missing"), "--orders", str(tmp_path), "--out", str(tmp_path)])
        == 2
    )


def test_unwritable_out_exits_1(tmp_path):
    orders = tmp_path / "orders.json"
    orders.write_text("[]", encoding="utf-8")
    assert main(["run", "--inbox", str(tmp_path), "--orders", str(orders), "--out", "/dev/null/out"]) == 1
