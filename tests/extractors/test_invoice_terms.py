"""Commercial invoices: a bare 'Terms:' label is the trade term only when an Incoterm is printed."""

from __future__ import annotations

from extractors.datamodel import Page
from extractors.extract import extract_pages
from tests.extractors.printed import page, words


def invoice(terms: str) -> Page:
    lines = [
        words("COMMERCIAL INVOICE", 200, 30),
        words("Invoice No.:", 320, 80),
        words("KYE2610-0388", 420, 80),
        words("Invoice Date:", 320, 100),
        words("16-OCT-2026", 420, 100),
        words("Terms:", 320, 120),
        words(terms, 420, 120),
        words("Currency:", 320, 140),
        words("USD", 420, 140),
        words("Seller:", 40, 80),
        words("Suzhou Kaiyuan Electronics Co., Ltd.", 40, 94),
        words("No. 9 Zhujiang Road, Suzhou", 40, 108),
        words("Total Amount:", 320, 300),
        words("USD 21400.00", 420, 300),
    ]
    return page(*lines)


def test_bare_terms_label_gives_the_incoterm_and_its_place():
    fields = extract_pages([invoice("FOB Shanghai")]).fields
    assert fields["incoterm"].value == "FOB"
    assert fields["incoterm_place"].value == "Shanghai"


def test_payment_terms_under_a_bare_terms_label_are_no_incoterm():
    assert "incoterm" not in extract_pages([invoice("Net 30 days")]).fields
