"""Bills of lading: a forwarder's reference as the number, the carrier named in the signature block,
packages and goods printed in one column, counts misread by OCR."""

from __future__ import annotations

from extractors.datamodel import Page, Word
from extractors.extract import extract_pages
from extractors.normalize import parse_count
from tests.extractors.printed import page, words

H = 10.0


def bl_page(*lines: list[Word]) -> Page:
    return page(*lines, width=760)


def _bl(number_label: str, more: tuple[list[Word], ...] = ()) -> Page:
    return bl_page(
        words("BILL OF LADING", 450, 20),
        words(number_label, 450, 60),
        words("XYZ123456", 450, 74),
        words("Shipper:", 40, 40),
        words("NORTHWIND EXPORTS LTD.", 40, 54),
        words("12 HARBOUR ROAD, NINGBO, CHINA", 40, 68),
        words("Consignee:", 40, 100),
        words("PACIFIC TRADING CO.", 40, 114),
        words("789 TRADE STREET, SINGAPORE", 40, 128),
        words("Port of loading:", 40, 200),
        words("NINGBO, CHINA", 40, 214),
        words("Port of discharge:", 240, 200),
        words("SINGAPORE", 240, 214),
        words("Ocean vessel:", 40, 240),
        words("EVER GIVEN V-202", 40, 254),
        words("Place and date of issue:", 40, 560),
        words("NINGBO, 30 SEP 2022", 40, 574),
        words("Shipped on board:", 40, 520),
        words("30 SEP 2022", 40, 534),
        words("Marks and numbers:", 40, 300),
        words("Number and kinds of packages:", 180, 300),
        words("Description of goods:", 380, 300),
        words("Gross weight:", 530, 300),
        words("Measurement:", 640, 300),
        words("N/M", 40, 316),
        words("ICTN", 180, 316),
        words("500 KGS", 530, 316),
        words("1.5 M3", 640, 316),
        words("ELECTRONIC COMPONENTS", 180, 330),
        words("50 PCS", 180, 344),
        words("SEAL NO: ABC1234567", 180, 380),
        words("Signature:", 340, 600),
        words("BLUE OCEAN LINES CO., LTD.", 340, 614),
        words("BY ________", 340, 640),
        words("AS CARRIER", 340, 654),
        *more,
    )


def test_job_number_is_the_bl_number_only_when_no_bl_number_is_printed():
    assert extract_pages([_bl("Job No.:")]).fields["bl_number"].value == "XYZ123456"
    both = _bl("Job No.:", (words("B/L No.:", 450, 100), words("BOL778899", 450, 114)))
    assert extract_pages([both]).fields["bl_number"].value == "BOL778899"


def test_carrier_named_above_its_capacity_in_the_signature_block():
    assert extract_pages([_bl("Job No.:")]).fields["carrier"].value == "BLUE OCEAN LINES CO., LTD."


def test_goods_printed_under_the_count_in_the_packages_column():
    fields = extract_pages([_bl("Job No.:")]).fields
    assert fields["packages"].value == 1
    assert fields["description"].value.replace(",", "") == "ELECTRONIC COMPONENTS 50 PCS"
    assert float(fields["gross_weight_kg"].value) == 500


def test_count_glued_to_its_unit_with_a_serif_one_read_as_a_letter():
    assert parse_count("ICTN") == 1
    assert parse_count("lO PLTS") == 10
    assert parse_count("I0 CTNS ELECTRONIC PARTS") == 10
    assert parse_count("400 CTNS") == 400
    assert parse_count("OCTN") is None  # a leading zero: not a count
    assert parse_count("Is a box") is None


def test_volume_printed_in_the_particulars_when_its_header_was_not_read():
    p = _bl("B/L No.:")
    p.words = [w for w in p.words if w.text not in ("Measurement:", "1.5", "M3")]
    p.words += words("4,335.00 KGS 37.700 CBM", 450, 360)
    assert extract_pages([p]).fields["measurement_cbm"].value == "37.7"
    # The tail of a decimal split by OCR ('1. 5M3') is not a volume of 5.
    p.words = [w for w in p.words if w.text not in ("37.700", "CBM")] + words("1CTN/500KGS/1. 5M3", 180, 366)
    assert "measurement_cbm" not in extract_pages([p]).fields


def test_volume_split_by_ocr_inside_a_printed_word_is_joined_again():
    p = _bl("B/L No.:")
    p.words = [w for w in p.words if w.text not in ("Measurement:", "1.5", "M3")]
    # '1CTN/500KGS/1.5M3' read as two words 1 pt apart: one printed word.
    p.words += [Word("ICTN/500KGS/1.", 180, 366, 264, 376), Word("5M3", 265, 366, 283, 376)]
    assert extract_pages([p]).fields["measurement_cbm"].value == "1.5"
