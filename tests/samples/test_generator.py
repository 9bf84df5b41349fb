"""Sample family A: orders, truth and the inbox agree with each other and with the contract."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pdfplumber
import pytesseract
import pytest
from PIL import Image

from extractors.datamodel import DocType
from extractors.schema import SCHEMAS
from rules.order import Order

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
INBOX = SAMPLES / "inbox"
TRUTH = json.loads((SAMPLES / "truth.json").read_text(encoding="utf-8"))
ORDERS = json.loads((SAMPLES / "orders.json").read_text(encoding="utf-8"))
DOCUMENTS: dict[str, dict[str, Any]] = TRUTH["documents"]
RULE_ID = re.compile(r"^(CE|STD|ROHS|LAB|FCM|BL|CO|INV|PL|XDOC|DATE|ID|AQL)-\d{3}$")


def test_orders_validate_as_order_records() -> None:
    orders = [Order.model_validate(o) for o in ORDERS]
    assert len(orders) >= 5
    assert len({o.po_number for o in orders}) == len(orders)
    for order in orders:
        assert order.total_amount == sum(line.quantity * line.unit_price for line in order.lines)


@pytest.mark.parametrize("path", sorted(DOCUMENTS))
def test_truth_document_exists_with_canonical_fields(path: str) -> None:
    doc = DOCUMENTS[path]
    assert (INBOX / path).is_file()
    doc_type = DocType(doc["doc_type"])
    unknown = set(doc["fields"]) - set(SCHEMAS[doc_type].model_fields)
    assert not unknown, f"{path}: not canonical for {doc_type}: {unknown}"
    SCHEMAS[doc_type].model_validate(doc["fields"])
    assert doc["po_number"] in {o["po_number"] for o in ORDERS} | {None}
    assert doc["method"] == ("text" if doc["render"] == "text" else "ocr")


def test_every_inbox_file_is_in_truth() -> None:
    files = {p.relative_to(INBOX).as_posix() for p in INBOX.rglob("*") if p.is_file()}
    assert files == set(DOCUMENTS)


def test_discrepancies_point_at_real_documents_and_rules() -> None:
    discrepancies = TRUTH["discrepancies"]
    assert len({d["kind"] for d in discrepancies}) >= 12
    for d in discrepancies:
        assert d["rules"] and all(RULE_ID.match(r) for r in d["rules"]), d
        if d["file"] is None:
            assert d["field"] == "doc_type"
        else:
            assert DOCUMENTS[d["file"]]["po_number"] == d["po_number"]
            # A field the fault removed from the print is absent from the truth too.
            assert d["field"] in DOCUMENTS[d["file"]]["fields"] or d["found"] is None
    flawed = {d["po_number"] for d in discrepancies}
    assert 0 < len(flawed) < len(ORDERS), "some orders must stay clean"


def _leaves(value: Any, key: str = "") -> list[tuple[str, Any]]:
    """(field name, value) of every printed scalar; party addresses are checked by their lines' words."""
    if isinstance(value, dict):
        return [leaf for k, v in value.items() for leaf in _leaves(v, key if k in {"result", "limit"} else k)]
    if isinstance(value, list):
        return [leaf for v in value for leaf in _leaves(v, key)]
    return [(key, value)]


def _as_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _as_number(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_DATE_PATTERNS = (
    (re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"), ("y", "m", "d")),
    (re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"), ("y", "m", "d")),
    (re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})"), ("d", "m", "y")),
    (re.compile(r"(\d{1,2})[ -]([A-Za-z]{3})[a-z]*\.?[ -](\d{4})"), ("d", "mon", "y")),
    (re.compile(r"([A-Za-z]{3})[a-z]*\.? (\d{1,2}), (\d{4})"), ("mon", "d", "y")),
)


def printed_dates(text: str) -> set[date]:
    """Every date the text spells in one of the usual ways, read independently of the generator."""
    found = set()
    for pattern, order in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            parts = dict(zip(order, match.groups(), strict=True))
            month = _MONTHS.get(parts["mon"].lower()) if "mon" in parts else int(parts["m"])
            try:
                found.add(date(int(parts["y"]), month or 0, int(parts["d"])))
            except ValueError:
                continue
    return found


def printed_numbers(text: str) -> set[Decimal]:
    return {Decimal(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}


def _missing(fields: dict[str, Any], text: str) -> list[str]:
    flat, words = text.replace(" ", ""), set(re.split(r"[,\s]+", text))
    dates, numbers = printed_dates(text), printed_numbers(text)
    missing = []
    for key, value in _leaves(fields):
        if isinstance(value, str) and (day := _as_date(value)) is not None:
            ok = day in dates
        elif (number := _as_number(value)) is not None:
            ok = number in numbers
        else:
            # A value wrapped over several lines of a table cell comes back interleaved with its
            # neighbours, and printed lines are joined with ", " in the truth; then each word must be printed.
            ok = value.replace(" ", "") in flat or not set(re.split(r"[,\s]+", value)) - words
        if not ok:
            missing.append(f"{key}={value!r}")
    return missing


TEXT_DOCS = sorted(p for p, d in DOCUMENTS.items() if d["render"] == "text" and not d["problems"])


@pytest.mark.parametrize("path", TEXT_DOCS)
def test_text_layer_prints_the_truth_values(path: str) -> None:
    with pdfplumber.open(INBOX / path) as pdf:
        text = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)
    missing = _missing(DOCUMENTS[path]["fields"], text)
    assert not missing, f"{path}: truth values not in the text layer: {missing}"


def test_printed_dates_and_numbers_are_read_in_every_spelling() -> None:
    text = "15 Oct 2026, 2026/10/15, Oct. 15, 2026, 15.10.2026, 15-OCT-2026, 2026年10月15日; 5,120.00 KGS"
    assert printed_dates(text) == {date(2026, 10, 15)}
    assert Decimal("5120.0") in printed_numbers(text)


def _digests(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.mark.slow
def test_generator_reproduces_the_committed_samples(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(SAMPLES / "generate.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    assert _digests(tmp_path / "inbox") == _digests(INBOX)
    for name in ("orders.json", "truth.json"):
        assert (tmp_path / name).read_bytes() == (SAMPLES / name).read_bytes()


@pytest.mark.slow
def test_upside_down_photo_is_legible_after_orientation_detection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMP_THREAD_LIMIT", "1")
    path = next(
        p
        for p, d in DOCUMENTS.items()
        if d["render"] == "jpeg" and d["doc_type"] == "declaration_of_conformity"
    )
    with Image.open(INBOX / path) as img:
        page = img.convert("L")
    assert pytesseract.image_to_osd(page, output_type=pytesseract.Output.DICT)["rotate"] == 180
    text = pytesseract.image_to_string(page.rotate(180))
    for model in DOCUMENTS[path]["fields"]["models"]:
        assert model in text
