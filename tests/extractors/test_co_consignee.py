"""Certificates of origin: box 2 read from its place when OCR lost the 'Consignee' label."""

from __future__ import annotations

from extractors.datamodel import Page
from extractors.doctypes.common import is_organisation
from extractors.extract import extract_pages
from tests.extractors.printed import page, words


def co_page(box2_label: str) -> Page:
    lines = [
        words("1. Exporter", 36, 34),
        words("Certificate No. 26C4406A1873", 320, 38),
        words("Foshan Meiyu Electrical Appliance Co., Ltd.", 39, 48),
        words("No. 18 Xingye Road, Foshan 528306, China", 39, 62),
        words("CERTIFICATE OF ORIGIN", 360, 70),
        words(box2_label, 36, 100),
        words("Van der Berg Wonen B.V.", 39, 114),
        words("Ringbaan-Oost 102", 39, 128),
        words("5013 CD Tilburg, The Netherlands", 39, 142),
        words("3. Means of transport and route", 35, 190),
        words("FROM Nansha, China TO Rotterdam BY SEA", 39, 204),
        words("4. Country / region of destination", 35, 240),
        words("THE NETHERLANDS", 39, 254),
        words("8. H.S. Code", 300, 290),
        words("10. Number and date of invoices", 420, 290),
        words("8509.40", 300, 310),
        words("MY26-E0917", 420, 310),
        words("Sep. 24, 2026", 420, 324),
        words("Foshan, Sep. 27, 2026", 39, 500),
    ]
    return page(*lines, method="ocr")


def test_company_under_the_exporter_is_the_consignee_when_its_label_was_lost():
    consignee = extract_pages([co_page("+ Comino tee")]).fields["consignee"].value
    assert consignee == {
        "name": "Van der Berg Wonen B.V.",
        "address": "Ringbaan-Oost 102, 5013 CD Tilburg, The Netherlands",
    }


def test_legal_forms_ending_with_a_full_stop():
    assert is_organisation("Van der Berg Wonen B.V.")
    assert is_organisation("Casa Lumi S.r.l.")
    assert not is_organisation("Ringbaan-Oost 102")


def test_no_company_under_the_exporter_no_consignee_invented():
    page = co_page("+ Comino tee")
    page.words = [w for w in page.words if w.top not in (114, 128, 142)] + words("TO ORDER", 39, 114)
    assert "consignee" not in extract_pages([page]).fields
