"""Classification of real third-party documents and of the sample families, with the decisions of
substance: service invoices, UKCA declarations, lab certificates versus reports, blank forms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.classify import classify
from extractors.datamodel import DocType
from extractors.reader import read_document

REALDOCS = Path("/work/shared/realdocs")
ROOT = Path(__file__).resolve().parents[2]

#: (file under realdocs, expected type, blank) for real documents with a text layer.
REAL = [
    ("eu_doc/hardwario_chester_ec_doc.pdf", DocType.DECLARATION_OF_CONFORMITY, False),
    ("eu_doc/oratek_tofu_eu_doc.pdf", DocType.DECLARATION_OF_CONFORMITY, False),
    ("eu_doc/carenuity_sq_panel_eu_doc.pdf", DocType.DECLARATION_OF_CONFORMITY, False),
    ("eu_doc/oratek_tofu5_ukca_doc.pdf", DocType.UNKNOWN, False),  # UK regime, not an EU DoC
    ("rohs/hardwario_chester_rohs_tvoc.pdf", DocType.LAB_CERTIFICATE, False),
    ("emc/hardwario_chester_red_tvoc.pdf", DocType.LAB_CERTIFICATE, False),
    ("emc/hardwario_chester_emc_report_htw.pdf", DocType.TEST_REPORT, False),
    ("rohs/oratek_rohs_declaration.pdf", DocType.DECLARATION_OF_CONFORMITY, False),  # manufacturer's RoHS DoC
    ("commercial_invoice/aws_invoice_2014.pdf", DocType.UNKNOWN, False),  # services, not traded goods
    ("commercial_invoice/qualityhosting_invoice_2014.pdf", DocType.UNKNOWN, False),
    ("commercial_invoice/blank_commercial_invoice_form.pdf", DocType.COMMERCIAL_INVOICE, True),
    ("packing_list/blank_packing_list_form.pdf", DocType.PACKING_LIST, True),
    ("bill_of_lading/vics_blank_bol_form.pdf", DocType.BILL_OF_LADING, True),
    ("certificate_of_origin/imceca_co_form_blank.pdf", DocType.CERTIFICATE_OF_ORIGIN, True),
]


@pytest.mark.parametrize(("rel", "expected", "blank"), REAL, ids=[r[0] for r in REAL])
def test_real_documents(rel: str, expected: DocType, blank: bool):
    verdict = classify(read_document(REALDOCS / rel).pages)
    assert (verdict.doc_type, verdict.blank) == (expected, blank), verdict.reason
    assert verdict.reason  # the decision is always explained


def test_reason_names_title_and_labels():
    verdict = classify(read_document(REALDOCS / "rohs/hardwario_chester_rohs_tvoc.pdf").pages)
    assert "Test Verification of Conformity" in verdict.reason and "labels" in verdict.reason


def test_empty_page_is_unknown_and_blank():
    from extractors.datamodel import Page

    verdict = classify([Page(1, 595, 842, [], "ocr")])
    assert verdict.doc_type is DocType.UNKNOWN and verdict.blank


def _text_samples() -> list[tuple[Path, str, bool, str]]:
    out = []
    for base in (ROOT / "samples", ROOT / "samples" / "family_b"):
        truth = base / "truth.json"
        if not truth.exists():
            continue
        for rel, doc in json.loads(truth.read_text(encoding="utf-8"))["documents"].items():
            if doc["method"] == "text" and doc["doc_type"] != "unknown":
                blank = "blank form" in doc.get("problems", [])
                out.append((base / "inbox" / rel, doc["doc_type"], blank, f"{base.name}/{rel}"))
    return out


SAMPLES = _text_samples()


@pytest.mark.parametrize(("path", "expected", "blank", "name"), SAMPLES, ids=[s[3] for s in SAMPLES])
def test_sample_text_documents(path: Path, expected: str, blank: bool, name: str):
    verdict = classify(read_document(path).pages)
    assert verdict.doc_type.value == expected, verdict.reason
    assert verdict.blank == blank, verdict.reason
