"""Packing lists: a total printed under 'Total …' beats the items table's column header."""

from __future__ import annotations

from extractors.datamodel import Word
from extractors.extract import extract_pages
from tests.extractors.printed import page
from tests.extractors.printed import words as printed_words


def words(text: str, x: float, y: float) -> list[Word]:
    return printed_words(text, x, y, char=5, gap=4, height=9)


def test_total_volume_line_not_the_first_items_cbm_cell():
    lines = [
        words("Xiamen Brightway Lighting Co., Ltd.", 40, 40),
        words("PACKING LIST", 420, 40),
        words("INV #", 360, 90),
        words("BWL-EX-261008-2", 470, 90),
        words("Article", 40, 190),
        words("Pieces", 300, 190),
        words("Packages", 350, 190),
        words("Net kg", 420, 190),
        words("Gross kg", 470, 190),
        words("CBM", 530, 190),
        words("BW-CL2418", 40, 205),
        words("3.000", 300, 205),
        words("300", 360, 205),
        words("2.850,0", 420, 205),
        words("3.300,0", 470, 205),
        words("19,200", 525, 205),
        words("BW-CL3624", 40, 221),
        words("2.400", 300, 221),
        words("300", 360, 221),
        words("3.120,0", 420, 221),
        words("3.660,0", 470, 221),
        words("25,800", 525, 221),
        words("Total packages", 360, 280),
        words("600 cartons", 500, 280),
        words("Total volume", 360, 294),
        words("45,000 m3", 500, 294),
    ]
    packing_list = page(*lines)
    assert float(extract_pages([packing_list]).fields["total_measurement_cbm"].value) == 45.0
