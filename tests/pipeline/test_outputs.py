from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal

from extractors.datamodel import DocType, ExtractedDocument, ExtractedField
from pipeline.outputs import read_outputs, write_outputs
from rules.finding import Evidence, Finding, Severity


def sample() -> tuple[ExtractedDocument, Finding]:
    doc = ExtractedDocument(
        file="PO-1/inv.pdf",
        sha256="ab",
        doc_type=DocType.COMMERCIAL_INVOICE,
        po_number="PO-1",
        pages=1,
        method="text",
        text="not written out",
        fields={
            "invoice_date": ExtractedField(
                value=date(2026, 10, 15), page=1, bbox=(1, 2, 3, 4), confidence=0.9
            ),
            "total_amount": ExtractedField(value=Decimal("16440.00"), page=1, confidence=0.4, method="ocr"),
        },
    )
    finding = Finding(
        rule="INV-003",
        severity=Severity.ERROR,
        po_number="PO-1",
        file="PO-1/inv.pdf",
        doc_type="commercial_invoice",
        field="currency",
        expected="EUR",
        found="USD",
        message="Währung 'USD' ≠ 'EUR'",
        evidence=Evidence(page=1, bbox=(1, 2, 3, 4), text="USD"),
    ).with_id()
    return doc, finding


def test_documents_json_is_contract_shaped(tmp_path):
    doc, finding = sample()
    write_outputs(tmp_path, [doc], [finding])
    [written] = json.loads((tmp_path / "documents.json").read_text(encoding="utf-8"))
    assert written["fields"]["invoice_date"]["value"] == "2026-10-15"
    assert written["fields"]["total_amount"]["value"] == "16440.00"
    assert written["fields"]["total_amount"]["low_confidence"] is True
    assert written["fields"]["invoice_date"]["bbox"] == [1, 2, 3, 4]
    assert "text" not in written


def test_findings_csv_has_bom_and_keeps_accents(tmp_path):
    doc, finding = sample()
    write_outputs(tmp_path, [doc], [finding])
    raw = (tmp_path / "findings.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0]["message"] == "Währung 'USD' ≠ 'EUR'" and rows[0]["page"] == "1"


def test_round_trip_for_rerendering(tmp_path):
    doc, finding = sample()
    write_outputs(tmp_path, [doc], [finding])
    docs, findings = read_outputs(tmp_path)
    assert docs[0].fields["total_amount"].confidence == 0.4
    assert findings[0].id == finding.id == finding.fingerprint()


def test_no_temporary_files_left_behind(tmp_path):
    doc, finding = sample()
    write_outputs(tmp_path, [doc], [finding])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["documents.json", "findings.csv", "findings.json"]


def test_findings_csv_keeps_document_text_from_becoming_a_formula(tmp_path):
    doc, finding = sample()
    evil = finding.model_copy(update={"found": '=HYPERLINK("http://x","y")', "message": "-2+3"})
    write_outputs(tmp_path, [doc], [evil])
    rows = list(csv.DictReader(io.StringIO((tmp_path / "findings.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0]["found"] == '\'=HYPERLINK("http://x","y")' and rows[0]["message"] == "'-2+3"
