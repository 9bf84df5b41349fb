"""A clean order with its full set of documents, built directly as ExtractedDocuments.

Tests start from `clean_set()` (no findings above info) and change one value to seed a defect.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from extractors.datamodel import DocType, ExtractedDocument, ExtractedField
from rules.engine import check
from rules.finding import Finding, Severity
from rules.order import Order

SUPPLIER = {
    "name": "Ningbo Hengda Electric Appliance Co., Ltd.",
    "address": "No. 88 Binhai Road, Cixi, Ningbo, Zhejiang, China",
}
BUYER = {"name": "Nordlicht Haushaltswaren GmbH", "address": "Hafenstrasse 12, 20457 Hamburg, Germany"}

ORDER: dict[str, Any] = {
    "po_number": "PO-2026-0417",
    "order_date": "2026-08-03",
    "buyer": {**BUYER, "country": "DE"},
    "supplier": {**SUPPLIER, "country": "CN"},
    "consignee": {**BUYER, "country": "DE"},
    "notify_party": {**BUYER, "country": "DE"},
    "incoterm": "FOB",
    "incoterm_place": "Ningbo",
    "currency": "USD",
    "latest_shipment_date": "2026-10-15",
    "port_of_loading": "Ningbo, China",
    "port_of_discharge": "Hamburg, Germany",
    "destination_country": "DE",
    "lines": [
        {
            "line": 1,
            "model": "HD-K1702",
            "description": "Electric kettle 1.7 L",
            "hs_code": "8516.71",
            "quantity": 2400,
            "unit": "pcs",
            "unit_price": "6.85",
        },
        {
            "line": 2,
            "model": "HD-T0910",
            "description": "Toaster 2 slices",
            "hs_code": "8516.72",
            "quantity": 1000,
            "unit": "pcs",
            "unit_price": "8.20",
        },
    ],
    "total_amount": "24640.00",
    "packages": 500,
    "gross_weight_kg": "6120.0",
    "required_certificates": [
        {"type": "DOC", "directives": ["2014/35/EU", "2014/30/EU", "2011/65/EU"]},
        {"type": "RoHS"},
        {"type": "EMC"},
        {"type": "LVD"},
    ],
}

SUBSTANCES = {
    s: {"result": "ND", "limit": "100" if s == "Cd" else "1000"}
    for s in ("Pb", "Hg", "Cd", "Cr(VI)", "PBBs", "PBDEs", "DEHP", "BBP", "DBP", "DIBP")
}
MODELS = ["HD-K1702", "HD-T0910"]
MANUFACTURER = SUPPLIER

DOCUMENTS: dict[str, tuple[DocType, dict[str, Any]]] = {
    "invoice.pdf": (
        DocType.COMMERCIAL_INVOICE,
        {
            "invoice_number": "HD-INV-26-0912",
            "invoice_date": "2026-09-28",
            "seller": SUPPLIER,
            "buyer": BUYER,
            "po_number": "PO-2026-0417",
            "incoterm": "FOB",
            "incoterm_place": "Ningbo",
            "currency": "USD",
            "lines": [
                {
                    "model": "HD-K1702",
                    "hs_code": "8516.71",
                    "quantity": 2400,
                    "unit": "pcs",
                    "unit_price": "6.85",
                    "amount": "16440.00",
                },
                {
                    "model": "HD-T0910",
                    "hs_code": "8516.72",
                    "quantity": 1000,
                    "unit": "pcs",
                    "unit_price": "8.20",
                    "amount": "8200.00",
                },
            ],
            "total_amount": "24640.00",
            "country_of_origin": "China",
            "port_of_loading": "Ningbo",
            "port_of_discharge": "Hamburg",
        },
    ),
    "packing.pdf": (
        DocType.PACKING_LIST,
        {
            "invoice_number": "HD-INV-26-0912",
            "po_number": "PO-2026-0417",
            "lines": [
                {
                    "model": "HD-K1702",
                    "quantity": 2400,
                    "packages": 400,
                    "net_weight_kg": "4320.0",
                    "gross_weight_kg": "5120.0",
                },
                {
                    "model": "HD-T0910",
                    "quantity": 1000,
                    "packages": 100,
                    "net_weight_kg": "800.0",
                    "gross_weight_kg": "1000.0",
                },
            ],
            "total_packages": 500,
            "total_net_weight_kg": "5120.0",
            "total_gross_weight_kg": "6120.0",
            "total_measurement_cbm": "28.5",
        },
    ),
    "bl.pdf": (
        DocType.BILL_OF_LADING,
        {
            "bl_number": "COSU6123456780",
            "shipper": SUPPLIER,
            "consignee": BUYER,
            "notify_party": BUYER,
            "vessel": "COSCO HAMBURG",
            "voyage": "041W",
            "port_of_loading": "NINGBO, CHINA",
            "port_of_discharge": "HAMBURG, GERMANY",
            "on_board_date": "2026-10-10",
            "issue_date": "2026-10-10",
            "number_of_originals": 3,
            "container_numbers": ["CSQU3054383"],
            "seal_numbers": ["CN1234567"],
            "packages": 500,
            "gross_weight_kg": "6120.0",
            "measurement_cbm": "28.5",
            "freight_terms": "FREIGHT COLLECT",
            "carrier": "COSCO SHIPPING Lines",
        },
    ),
    "co.pdf": (
        DocType.CERTIFICATE_OF_ORIGIN,
        {
            "certificate_number": "CCPIT 26 C3302 0001",
            "exporter": SUPPLIER,
            "consignee": BUYER,
            "port_of_loading": "Ningbo",
            "destination_country": "Germany",
            "country_of_origin": "China",
            "hs_codes": ["8516.71", "8516.72"],
            "packages": 500,
            "gross_weight_kg": "6120.0",
            "invoice_number": "HD-INV-26-0912",
            "invoice_date": "2026-09-28",
            "issue_date": "2026-10-08",
            "issuing_authority": "China Council for the Promotion of International Trade",
        },
    ),
    "doc.pdf": (
        DocType.DECLARATION_OF_CONFORMITY,
        {
            "manufacturer": MANUFACTURER,
            "product_name": "Electric kettle, toaster",
            "models": MODELS,
            "directives": ["2014/35/EU", "2014/30/EU", "2011/65/EU", "(EU) 2015/863"],
            "standards": [
                "EN 60335-1:2012+A11:2014",
                "EN 60335-2-15:2016",
                "EN 55014-1:2017+A11:2020",
                "EN 61000-3-2:2014",
                "EN IEC 63000:2018",
            ],
            "place_of_issue": "Ningbo",
            "issue_date": "2026-09-01",
            "signatory_name": "Li Wei",
            "signatory_function": "General Manager",
        },
    ),
    "rohs.pdf": (
        DocType.TEST_REPORT,
        {
            "report_type": "RoHS",
            "report_number": "ATR-R-2608-117",
            "issuer": "Shenzhen Anbotek Testing Co., Ltd.",
            "applicant": SUPPLIER,
            "manufacturer": MANUFACTURER,
            "product_name": "Electric kettle",
            "models": MODELS,
            "standards": ["IEC 62321-5:2013", "IEC 62321-8:2017"],
            "test_date": "2026-08-10",
            "issue_date": "2026-08-20",
            "conclusion": "PASS",
            "substances": SUBSTANCES,
        },
    ),
    "emc.pdf": (
        DocType.TEST_REPORT,
        {
            "report_type": "EMC",
            "report_number": "ATR-E-2608-118",
            "issuer": "Shenzhen Anbotek Testing Co., Ltd.",
            "applicant": SUPPLIER,
            "manufacturer": MANUFACTURER,
            "models": MODELS,
            "standards": [
                "EN 55014-1:2017+A11:2020",
                "EN 55014-2:2015",
                "EN 61000-3-2:2014",
                "EN 61000-3-3:2013",
            ],
            "test_date": "2026-08-11",
            "issue_date": "2026-08-21",
            "conclusion": "PASS",
        },
    ),
    "lvd.pdf": (
        DocType.TEST_REPORT,
        {
            "report_type": "LVD",
            "report_number": "ATR-L-2608-119",
            "issuer": "Shenzhen Anbotek Testing Co., Ltd.",
            "applicant": SUPPLIER,
            "manufacturer": MANUFACTURER,
            "models": MODELS,
            "standards": ["EN 60335-1:2012+A11:2014", "EN 60335-2-15:2016"],
            "test_date": "2026-08-12",
            "issue_date": "2026-08-22",
            "conclusion": "PASS",
        },
    ),
}


def document(
    file: str,
    doc_type: DocType,
    fields: dict[str, Any],
    *,
    confidence: float = 0.95,
    po_number: str | None = "PO-2026-0417",
) -> ExtractedDocument:
    """An ExtractedDocument whose every field sits on page 1 with a made-up box."""
    return ExtractedDocument(
        file=file,
        sha256="0" * 64,
        doc_type=doc_type,
        po_number=po_number,
        pages=1,
        method="text",
        fields={
            name: ExtractedField(
                value=value,
                page=1,
                bbox=(10.0, 10.0 * i, 200.0, 10.0 * i + 8),
                confidence=confidence,
                text=str(value),
            )
            for i, (name, value) in enumerate(fields.items(), 1)
        },
    )


class Set:
    """The clean order and documents, as mutable dicts; `run()` checks them."""

    def __init__(self) -> None:
        self.order = copy.deepcopy(ORDER)
        self.docs = {f: (t, copy.deepcopy(v)) for f, (t, v) in DOCUMENTS.items()}
        self.confidence: dict[str, float] = {}

    def fields(self, file: str) -> dict[str, Any]:
        return self.docs[file][1]

    def add(self, file: str, doc_type: DocType, fields: dict[str, Any]) -> None:
        self.docs[file] = (doc_type, fields)

    def documents(self) -> list[ExtractedDocument]:
        return [document(f, t, v, confidence=self.confidence.get(f, 0.95)) for f, (t, v) in self.docs.items()]

    def run(self, *, with_order: bool = True) -> list[Finding]:
        return check(Order.model_validate(self.order) if with_order else None, self.documents())

    @staticmethod
    def of_rule(findings: list[Finding], rule: str, severity: Severity | None = None) -> list[Finding]:
        return [f for f in findings if f.rule == rule and (severity is None or f.severity == severity)]

    @staticmethod
    def above_info(findings: list[Finding]) -> list[Finding]:
        return [f for f in findings if f.severity != Severity.INFO]


@pytest.fixture
def clean() -> Set:
    """A fresh clean order and its documents (tests import nothing from conftest: importlib mode)."""
    return Set()
