"""Typed entities: the values the tokenizer would split, glued text layers, and negatives."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.entities import LABELS, Entity, find_entities

INVOICE = """Shipper: Ningbo Hengda Electric Appliance Co., Ltd.
Consignee: Nordlicht Haushaltswaren GmbH, Hamburg
Invoice date: 15 Oct 2026  Terms: FOB NINGBO Incoterms 2020
TOTAL: USD 16,440.00   G.W. 5,120.00 KGS  28.50 CBM  400 CTNS
SAY FOUR HUNDRED (400) CARTONS ONLY
Container MSCU 123456-5 HS CODE: 8516.71
Directive 2014/30/EU, EN 55014-1:2017+A11:2020, REACH 1907/2006, Notified Body No. 0123
"""


def labelled(text: str, labels=None) -> list[tuple[str, str]]:
    return [(e.label, e.text) for e in find_entities(text, labels)]


def test_invoice_entities_in_order() -> None:
    assert labelled(INVOICE) == [
        ("PARTY", "Ningbo Hengda Electric Appliance Co., Ltd."),
        ("PARTY", "Nordlicht Haushaltswaren GmbH"),
        ("DATE", "15 Oct 2026"),
        ("INCOTERM", "FOB"),
        ("AMOUNT", "USD 16,440.00"),
        ("WEIGHT", "5,120.00 KGS"),
        ("VOLUME", "28.50 CBM"),
        ("COUNT", "400 CTNS"),
        ("COUNT", "FOUR HUNDRED (400) CARTONS"),
        ("CONTAINER", "MSCU 123456-5"),
        ("HS_CODE", "8516.71"),
        ("DIRECTIVE", "2014/30/EU"),
        ("STANDARD", "EN 55014-1:2017+A11:2020"),
        ("REGULATION", "1907/2006"),
        ("NB_NUMBER", "0123"),
    ]


def test_offsets_point_into_the_text() -> None:
    for entity in find_entities(INVOICE):
        assert INVOICE[entity.start : entity.end] == entity.text


def test_label_filter() -> None:
    assert labelled(INVOICE, {"DIRECTIVE", "STANDARD"}) == [
        ("DIRECTIVE", "2014/30/EU"),
        ("STANDARD", "EN 55014-1:2017+A11:2020"),
    ]
    assert labelled("USD 16,440.00", {"CURRENCY"}) == [("CURRENCY", "USD")]
    # the currency is inside the amount when both are asked for
    assert labelled("USD 16,440.00", {"CURRENCY", "AMOUNT"}) == [("AMOUNT", "USD 16,440.00")]


def test_two_parties_on_one_line_stay_apart() -> None:
    text = (
        "INTERNATIONAL LOGISTICS LTD. GLOBAL SHIPPING CO., LTD.\n"
        "Applicant Acme Co., Ltd. Manufacturer Foo GmbH"
    )
    assert labelled(text, {"PARTY"}) == [
        ("PARTY", "INTERNATIONAL LOGISTICS LTD."),
        ("PARTY", "GLOBAL SHIPPING CO., LTD."),
        ("PARTY", "Acme Co., Ltd."),
        ("PARTY", "Foo GmbH"),
    ]


def test_unknown_label_is_an_error_naming_it() -> None:
    with pytest.raises(ValueError, match="PORTS"):
        find_entities("x", {"PORTS"})


@pytest.mark.parametrize(
    ("text", "label", "value"),
    [
        ("RoHSDirective2011/65/EUand(EU)2015/863.", "DIRECTIVE", "2011/65/EU"),
        ("ReferencetoIEC62321-3-1-2013(Ed1.0)Procedures", "STANDARD", "IEC62321-3-1-2013(Ed1.0)"),
        ("ETSI EN 301 489-1 V2.2.3:2019-11", "STANDARD", "ETSI EN 301 489-1 V2.2.3:2019-11"),
        ("Date: 12. Mar.2025", "DATE", "12. Mar.2025"),
        ("US$16,440.00", "AMOUNT", "US$16,440.00"),
        ("16.440,00 EUR", "AMOUNT", "16.440,00 EUR"),
        ("11288 LBS", "WEIGHT", "11288 LBS"),
        ("28,5 m3", "VOLUME", "28,5 m3"),
        ("two pallets", "COUNT", "two pallets"),
        ("HS CODE: 85167100", "HS_CODE", "85167100"),
        ("CIF Hamburg", "INCOTERM", "CIF"),
        ("C&F Rotterdam", "INCOTERM", "C&F"),
        (
            "Laboratory: CCIC (Shenzhen)Environmental ServiceCo.,Ltd.",
            "PARTY",
            "CCIC (Shenzhen)Environmental ServiceCo.,Ltd.",
        ),
        ("Manufacturer HARDWARIO a.s.", "PARTY", "HARDWARIO a.s."),
        ("Signed on behalf of Chipglobe GmbH", "PARTY", "Chipglobe GmbH"),
        ("Red Pitaya d.o.o., Velika pot 21", "PARTY", "Red Pitaya d.o.o."),
        ("Crownstone B.V.\nStationsplein 45", "PARTY", "Crownstone B.V."),
        ("Carrier: Evergreen Marine Corp. (Taiwan) Ltd.", "PARTY", "Evergreen Marine Corp. (Taiwan) Ltd."),
        ("Invoice Amazon Web Services, Inc.", "PARTY", "Amazon Web Services, Inc."),
        ("Van der Berg Wonen B.V.", "PARTY", "Van der Berg Wonen B.V."),
    ],
)
def test_single_entities(text: str, label: str, value: str) -> None:
    assert (label, value) in labelled(text)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("USA AS CARRIER", "PARTY"),
        ("Jonkerbosplein 52 • 6534 AB Nijmegen", "PARTY"),  # a Dutch postcode, not a Swedish AB
        ("EGHU6964579 200 CTNS USB CHARGER 2345.00 KG", "PARTY"),  # kilograms, not a KG
        ("Registered Company Number: CHE-422.797.739", "PARTY"),
        ("The product is safe under conditions of normal use", "PARTY"),
        ("Tel: 86-755-86632632", "HS_CODE"),
        ("Valid 2014/2015", "DIRECTIVE"),
        ("1024 Ecublens", "NB_NUMBER"),
        ("5120 KGS", "AMOUNT"),  # KGS is a currency code, but not on trade paperwork
        ("ALL RISKS 2020", "AMOUNT"),
        ("5120 PCS", "WEIGHT"),
        ("Report No. QHJ2206002801/EN Page 1", "STANDARD"),
        ("INFORMATION", "INCOTERM"),
        ("EN 55032:2015", "DATE"),
    ],
)
def test_no_entity(text: str, label: str) -> None:
    assert find_entities(text, {label}) == []


@settings(deadline=None, max_examples=60)
@given(st.text(alphabet=st.sampled_from("ACDEFGHIKLMNOPRSTUVW0123456789 .,:/-+()&$€\n"), max_size=200))
def test_never_raises_and_entities_never_overlap(text: str) -> None:
    entities = find_entities(text)
    for entity in entities:
        assert text[entity.start : entity.end] == entity.text
    for first, second in pairwise(entities):
        assert first.end <= second.start


def test_all_labels_known() -> None:
    assert find_entities("", None) == []
    assert set(LABELS) >= {"DATE", "AMOUNT", "CONTAINER", "PARTY", "INCOTERM", "CURRENCY"}


REAL_DOC = Path("/work/shared/realdocs/emc/hardwario_chester_red_tvoc.pdf")


@pytest.mark.skipif(not REAL_DOC.exists(), reason="real documents not present")
def test_real_lab_certificate() -> None:
    with pdfplumber.open(REAL_DOC) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    entities = find_entities(text)
    by_label: dict[str, list[str]] = {}
    for entity in entities:
        by_label.setdefault(entity.label, []).append(entity.text)
    assert by_label["DIRECTIVE"] == ["2014/53/EU"]
    assert by_label["DATE"][0] == "Sep. 23, 2022"
    assert len(by_label["STANDARD"]) == 13
    assert "Shenzhen Huatongwei International Inspection Co., Ltd." in by_label["PARTY"]
    assert "HARDWARIO a.s." in by_label["PARTY"]
    assert "NB_NUMBER" not in by_label and "CONTAINER" not in by_label
    assert all(isinstance(e, Entity) and text[e.start : e.end] == e.text for e in entities)
