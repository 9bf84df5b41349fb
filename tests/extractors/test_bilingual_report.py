"""Test reports from French and German labs: their labels name the fields beside the English ones."""

from __future__ import annotations

from extractors.datamodel import Page, Word
from extractors.extract import extract_pages
from tests.extractors.printed import words as printed_words


def words(text: str, x: float, y: float) -> list[Word]:
    return printed_words(text, x, y, char=5, gap=3, height=9)


def test_french_labels_of_a_bilingual_report():
    lines = [
        words("Laboratoire Contact Expertise SAS", 48, 42),
        words("RAPPORT D'ESSAI / TEST REPORT", 360, 42),
        words("N° de rapport: LACE-26-04417", 440, 60),
        words("Demandeur / Applicant", 48, 129),
        words("Fabricant / Manufacturer", 313, 129),
        words("Cixi Jinlong Appliance Co., Ltd.", 48, 141),
        words("Ningbo Aokai Electrical Co., Ltd.", 313, 141),
        words("No. 77 Beisanhuan East Road", 48, 152),
        words("No. 1299 Mingguang Road", 313, 152),
        words("Date d'essai / Test date", 48, 245),
        words("2026/06/19", 48, 256),
        words("Conclusion : CONFORME - PASS", 48, 477),
    ]
    fields = extract_pages([Page(1, 610, 850, [w for ln in lines for w in ln], "text", [])]).fields
    assert fields["report_number"].value == "LACE-26-04417"
    assert fields["applicant"].value["name"] == "Cixi Jinlong Appliance Co., Ltd."
    assert fields["manufacturer"].value["name"] == "Ningbo Aokai Electrical Co., Ltd."
