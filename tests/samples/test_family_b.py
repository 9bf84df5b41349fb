"""Sample family B: its truth, orders and files agree with each other and with the contract."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytesseract
import pytest
from PIL import Image, ImageSequence

from extractors.datamodel import DocType
from extractors.identifiers import is_valid_container
from extractors.schema import SCHEMAS
from rules.order import Order

ROOT = Path(__file__).resolve().parents[2] / "samples" / "family_b"
INBOX = ROOT / "inbox"
TRUTH: dict[str, Any] = json.loads((ROOT / "truth.json").read_text())
ORDERS: list[dict[str, Any]] = json.loads((ROOT / "orders.json").read_text())
DOCUMENTS: dict[str, dict[str, Any]] = TRUTH["documents"]
TEXT_DOCS = [path for path, doc in DOCUMENTS.items() if doc["render"] == "text"]

#: Identifier-like fields: printed verbatim, so they must be in the text layer exactly.
VERBATIM = (
    "invoice_number",
    "po_number",
    "lc_number",
    "bl_number",
    "certificate_number",
    "report_number",
    "container_numbers",
    "seal_numbers",
    "models",
    "hs_codes",
    "directives",
    "standards",
    "vessel",
    "country_of_origin",
    "destination_country",
)
DATE_FIELDS = ("invoice_date", "issue_date", "on_board_date", "test_date")


def pdf_text(path: Path) -> str:
    doc = pdfium.PdfDocument(path)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def printed_values(fields: dict[str, Any], names: tuple[str, ...]) -> list[str]:
    """The string values of the named fields, lists flattened, in field order."""
    out: list[str] = []
    for name in names:
        value = fields.get(name)
        out += value if isinstance(value, list) else [value] if value else []
    return out


def field_at(fields: dict[str, Any], path: str) -> Any:
    """`lines[1].amount` -> fields["lines"][1]["amount"]."""
    value: Any = fields
    for name, index in re.findall(r"(\w+)(?:\[(\d+)\])?", path):
        value = value[name]
        if index:
            value = value[int(index)]
    return value


def test_orders_validate_and_every_document_names_one_of_them() -> None:
    orders = [Order.model_validate(record) for record in ORDERS]
    po_numbers = {order.po_number for order in orders}
    assert len(orders) == 3
    assert {doc["po_number"] for doc in DOCUMENTS.values() if doc["doc_type"] != "unknown"} == po_numbers
    unrelated = [doc for doc in DOCUMENTS.values() if doc["doc_type"] == "unknown"]
    assert unrelated and all(doc["po_number"] is None and doc["fields"] == {} for doc in unrelated)


def test_every_order_has_its_full_set_of_papers() -> None:
    base = {"commercial_invoice", "packing_list", "bill_of_lading", "certificate_of_origin"}
    for order in ORDERS:
        docs = [doc for doc in DOCUMENTS.values() if doc["po_number"] == order["po_number"]]
        kinds = {doc["doc_type"] for doc in docs}
        reports = {doc["fields"]["report_type"] for doc in docs if doc["doc_type"] == "test_report"}
        required = {c["type"] for c in order["required_certificates"]}
        assert base <= kinds and "declaration_of_conformity" in kinds
        assert reports == required - {"DOC"}


@pytest.mark.parametrize("path", sorted(DOCUMENTS))
def test_truth_fields_are_canonical_and_the_file_exists(path: str) -> None:
    doc = DOCUMENTS[path]
    assert (INBOX / path).is_file()
    doc_type = DocType(doc["doc_type"])
    SCHEMAS[doc_type].model_validate(doc["fields"])  # extra="forbid": a non-canonical name fails here
    assert doc["render"] in {"text", "scan-pdf", "png", "jpeg", "tiff"}
    assert doc["method"] == ("text" if doc["render"] == "text" else "ocr")
    for name in DATE_FIELDS:
        if name in doc["fields"]:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc["fields"][name])


def test_files_on_disk_are_exactly_the_truth_documents() -> None:
    on_disk = {p.relative_to(INBOX).as_posix() for p in INBOX.rglob("*") if p.is_file()}
    assert on_disk == set(DOCUMENTS)


def test_a_third_of_the_files_need_ocr_and_some_lie_loose_in_the_inbox() -> None:
    ocr = [doc for doc in DOCUMENTS.values() if doc["method"] == "ocr"]
    assert 0.3 <= len(ocr) / len(DOCUMENTS) <= 0.45
    assert {doc["render"] for doc in ocr} == {"scan-pdf", "png", "jpeg", "tiff"}
    loose = [path for path in DOCUMENTS if "/" not in path]
    assert 2 <= len(loose) <= 5


@pytest.mark.parametrize("path", TEXT_DOCS)
def test_text_layer_prints_the_truth_identifiers(path: str) -> None:
    text = squeeze(pdf_text(INBOX / path))
    fields = DOCUMENTS[path]["fields"]
    missing = [value for value in printed_values(fields, VERBATIM) if squeeze(value) not in text]
    assert missing == [], f"not printed in {path}"
    for party in ("seller", "buyer", "shipper", "consignee", "exporter", "manufacturer", "applicant"):
        if party in fields:
            assert squeeze(fields[party]["name"]) in text


@pytest.mark.parametrize("path", [p for p, d in DOCUMENTS.items() if d["render"] == "scan-pdf"])
def test_scanned_pdfs_have_no_text_layer(path: str) -> None:
    assert pdf_text(INBOX / path).strip() == ""


@pytest.mark.parametrize("path", [p for p, d in DOCUMENTS.items() if d["render"] in {"png", "jpeg", "tiff"}])
def test_images_open_at_scanner_resolution(path: str) -> None:
    with Image.open(INBOX / path) as image:
        assert image.width >= 1600 and image.height >= 1600


def test_discrepancies_are_printed_as_truth_says_and_one_order_is_clean() -> None:
    discrepancies = TRUTH["discrepancies"]
    assert 3 <= len({d["kind"] for d in discrepancies}) <= 6
    po_numbers = {order["po_number"] for order in ORDERS}
    assert len(po_numbers - {d["po_number"] for d in discrepancies}) == 1
    for d in discrepancies:
        doc = DOCUMENTS[d["file"]]
        assert doc["po_number"] == d["po_number"]
        assert all(re.fullmatch(r"[A-Z]+-\d{3}", rule) for rule in d["rules"])
        printed = field_at(doc["fields"], d["field"])
        assert d["found"] in (printed if isinstance(printed, list) else [printed])
        assert d["expected"] != d["found"]


def test_only_the_seeded_container_number_fails_its_check_digit() -> None:
    containers = [
        (path, c) for path, doc in DOCUMENTS.items() for c in doc["fields"].get("container_numbers", [])
    ]
    bad = {c for _, c in containers if not is_valid_container(c)}
    seeded = {d["found"] for d in TRUTH["discrepancies"] if d["kind"] == "container_check_digit"}
    assert bad == seeded and len(containers) == 4


def test_invoice_lines_add_up_except_where_seeded() -> None:
    seeded = {d["file"] for d in TRUTH["discrepancies"] if d["kind"] == "invoice_line_arithmetic"}
    for path, doc in DOCUMENTS.items():
        if doc["doc_type"] != "commercial_invoice":
            continue
        lines = doc["fields"]["lines"]
        products_ok = all(Decimal(ln["unit_price"]) * ln["quantity"] == Decimal(ln["amount"]) for ln in lines)
        assert products_ok == (path not in seeded)
        assert sum(Decimal(ln["amount"]) for ln in lines) == Decimal(doc["fields"]["total_amount"])


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.slow
def test_the_committed_output_is_what_the_generator_writes(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "generate.py"), "--out", str(tmp_path)], check=True, capture_output=True
    )
    assert (tmp_path / "truth.json").read_text() == (ROOT / "truth.json").read_text()
    assert (tmp_path / "orders.json").read_text() == (ROOT / "orders.json").read_text()
    assert _digests(tmp_path / "inbox") == _digests(INBOX)


#: Fields tesseract must read on the most degraded files, or the scans are too harsh to be fair.
OCR_IDENTIFIERS = ("invoice_number", "po_number", "report_number", "models", "directives")


#: The phone photo (uneven light, keystone) and the bilevel fax TIFF: the harshest renderings.
WORST = ("CL-260093/IMG_20261012_094415.jpg", "ZAM-2026-0412/RoHS_TPT-26R-07193.tif")


@pytest.mark.slow
@pytest.mark.parametrize("path", WORST)
def test_the_worst_images_stay_readable_by_plain_tesseract(
    path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OMP_THREAD_LIMIT", "1")
    fields = DOCUMENTS[path]["fields"]
    with Image.open(INBOX / path) as image:
        text = squeeze(" ".join(pytesseract.image_to_string(f.copy()) for f in ImageSequence.Iterator(image)))
    expected = printed_values(fields, OCR_IDENTIFIERS)
    assert len(expected) >= 3
    assert [v for v in expected if squeeze(v) not in text] == []
