"""The contract's normalisers: printed forms found in trade paperwork, and their negatives."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.normalize import (
    Money,
    decimal_str,
    normalise_code,
    ocr_letters,
    parse_amount,
    parse_count,
    parse_currency,
    parse_date,
    parse_decimal,
    parse_volume_cbm,
    parse_weight_kg,
)

OCT_15 = date(2026, 10, 15)


@pytest.mark.parametrize(
    "text",
    [
        "15 Oct 2026",
        "2026/10/15",
        "Oct. 15, 2026",
        "15.10.2026",
        "2026-10-15",
        "2026年10月15日",
        "2026 年 10 月 15 日",
        "15-OCT-2026",
        "15-OCT-26",
        "15OCT2026",
        "October 15th, 2026",
        "15/10/2026",
        "10/15/2026",
        "DATE: 15 OCT. 2026",
        "Shipped on board 15 October 2026 at Ningbo",
        "15. Oktober 2026",
        "15 octobre 2026",
        "15 oktober 2026",
        "15 ottobre 2026",
        "2026-Oct-15",
    ],
)
def test_parse_date_printed_forms(text: str) -> None:
    assert parse_date(text) == OCT_15


def test_parse_date_accented_and_ordinal_forms() -> None:
    assert parse_date("1er février 2026") == date(2026, 2, 1)
    assert parse_date("3. März 2026") == date(2026, 3, 3)
    assert parse_date("12 mei 2026") == date(2026, 5, 12)
    assert parse_date("August 1st, 2026") == date(2026, 8, 1)


def test_parse_date_ambiguous_follows_dayfirst() -> None:
    assert parse_date("03/04/2026") == date(2026, 4, 3)
    assert parse_date("03/04/2026", dayfirst=False) == date(2026, 3, 4)
    # unambiguous ones ignore dayfirst
    assert parse_date("15/10/2026", dayfirst=False) == OCT_15
    assert parse_date("10/15/2026", dayfirst=True) == OCT_15


def test_parse_date_takes_the_first_date_in_the_text() -> None:
    assert parse_date("Test period 2022-06-30/2022-09-20") == date(2022, 6, 30)


@pytest.mark.parametrize(
    "text",
    [
        "31/02/2026",  # impossible
        "2026-13-01",
        "30 Feb 2026",
        "2014/30/EU",  # a directive number
        "EN 55032:2015+A11:2020",  # a standard edition
        "IEC 62321-3-1:2013",
        "Tel. +86 574 8765 4321",
        "Maybe tomorrow",
        "",
        "400 CTNS",
    ],
)
def test_parse_date_rejects(text: str) -> None:
    assert parse_date(text) is None


STYLES = [
    lambda d: d.strftime("%d %b %Y"),
    lambda d: d.strftime("%Y/%m/%d"),
    lambda d: d.strftime("%b. %d, %Y"),
    lambda d: d.strftime("%d.%m.%Y"),
    lambda d: d.isoformat(),
    lambda d: f"{d.year}年{d.month}月{d.day}日",
    lambda d: d.strftime("%d-%b-%Y").upper(),
    lambda d: d.strftime("%B %d, %Y"),
    lambda d: d.strftime("%d/%m/%Y"),
    lambda d: "DATE: " + d.strftime("%d %b. %Y").upper(),
]


@settings(deadline=None)  # regex timing varies on a shared machine
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)), st.sampled_from(STYLES))
def test_parse_date_round_trip(value: date, style) -> None:
    assert parse_date(style(value)) == value


@settings(deadline=None)  # regex timing varies on a shared machine
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)))
def test_parse_date_month_first_round_trip(value: date) -> None:
    assert parse_date(value.strftime("%m/%d/%Y"), dayfirst=False) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("16,440.00", "16440.00"),
        ("16.440,00", "16440.00"),
        ("1 234,5", "1234.5"),
        ("1\u00a0234,50", "1234.50"),
        ("1'234.50", "1234.50"),
        ("5120", "5120"),
        ("5,120", "5120"),
        ("5,12", "5.12"),
        ("1,234,567.8", "1234567.8"),
        ("1.234.567,8", "1234567.8"),
        ("TOTAL: USD 16,440.00", "16440.00"),
        ("-12.50", "-12.50"),
        ("Model HD-1702", "1702"),  # a hyphen inside a code is no minus sign
    ],
)
def test_parse_decimal(text: str, expected: str) -> None:
    value = parse_decimal(text)
    assert value == Decimal(expected)
    assert str(value) == expected


@pytest.mark.parametrize("text", ["", "n/a", "TOTAL", "—"])
def test_parse_decimal_none(text: str) -> None:
    assert parse_decimal(text) is None


def _english(value: Decimal) -> str:
    return f"{value:,.2f}"


def _german(value: Decimal) -> str:
    return f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def _french(value: Decimal) -> str:
    return f"{value:,.2f}".replace(",", "\u202f").replace(".", ",")


@settings(deadline=None)  # regex timing varies on a shared machine
@given(
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999"), places=2),
    st.sampled_from([_english, _german, _french, lambda v: f"{v:.2f}"]),
)
def test_parse_decimal_round_trip(value: Decimal, style) -> None:
    assert parse_decimal(style(value)) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("USD 16,440.00", Money("USD", Decimal("16440.00"))),
        ("16.440,00 EUR", Money("EUR", Decimal("16440.00"))),
        ("US$16,440.00", Money("USD", Decimal("16440.00"))),
        ("€ 1.234,50", Money("EUR", Decimal("1234.50"))),
        ("RMB 100", Money("CNY", Decimal("100"))),
        ("16440.00", Money(None, Decimal("16440.00"))),
        ("CHF 99.90", Money("CHF", Decimal("99.90"))),
    ],
)
def test_parse_amount(text: str, expected: Money) -> None:
    assert parse_amount(text) == expected


def test_parse_amount_none_without_number() -> None:
    assert parse_amount("USD") is None
    assert parse_amount("") is None


@settings(deadline=None)  # regex timing varies on a shared machine
@given(
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999999"), places=2),
    st.sampled_from(["USD {}", "{} EUR", "US${}", "€ {}", "RMB {}", "{} CNY"]),
    st.sampled_from([_english, _german]),
)
def test_parse_amount_round_trip(value: Decimal, template: str, style) -> None:
    money = parse_amount(template.format(style(value)))
    assert money is not None
    assert money.amount == value
    assert money.currency == parse_currency(template.format(""))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("US$", "USD"),
        ("$", "USD"),
        ("€", "EUR"),
        ("RMB", "CNY"),
        ("usd", "USD"),
        ("Currency: EUR", "EUR"),
        ("SAY US DOLLARS SIXTEEN THOUSAND", "USD"),
        ("CAD 100", "CAD"),
        ("Amount in GBP", "GBP"),
        ("S$ 100", "SGD"),  # the "$" of another dollar is no US dollar
        ("HK$1,000", "HKD"),
    ],
)
def test_parse_currency(text: str, expected: str) -> None:
    assert parse_currency(text) == expected


@pytest.mark.parametrize("text", ["ALL RISKS", "FOB NINGBO", "TOP QUALITY", "Europe", "", "PCS"])
def test_parse_currency_none(text: str) -> None:
    assert parse_currency(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5,120.00 KGS", "5120.00"),
        ("5120 kg", "5120"),
        ("5120KGS", "5120"),
        ("G.W.: 5,120.00 KGS", "5120.00"),
        ("KGS 5120", "5120"),
        ("11288 LBS", "5120.2"),
        ("5.12 T", "5120.00"),
        ("5.12 MT", "5120.00"),
        ("5.12 TONS", "5120.00"),
        ("5120", "5120"),
        ("28.5 CBM 5120 KGS", "5120"),
    ],
)
def test_parse_weight_kg(text: str, expected: str) -> None:
    assert parse_weight_kg(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["400 CTNS", "5120 PCS", "", "KGS"])
def test_parse_weight_kg_none(text: str) -> None:
    assert parse_weight_kg(text) is None


@settings(deadline=None)  # regex timing varies on a shared machine
@given(st.decimals(min_value=Decimal("0.1"), max_value=Decimal("999999"), places=1))
def test_parse_weight_kg_round_trip(value: Decimal) -> None:
    for text in (f"{value:,.1f} KGS", f"{value:.1f}kg", _german(value) + " KG"):
        assert parse_weight_kg(text) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("28.50 CBM", "28.50"),
        ("28,5 m3", "28.5"),
        ("28.5 M³", "28.5"),
        ("MEAS: 28.5", "28.5"),
        ("1000 CFT", "28.317"),
    ],
)
def test_parse_volume_cbm(text: str, expected: str) -> None:
    assert parse_volume_cbm(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["28 PCS", "5120 KGS", ""])
def test_parse_volume_cbm_none(text: str) -> None:
    assert parse_volume_cbm(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("400 CTNS", 400),
        ("FOUR HUNDRED (400) CARTONS ONLY", 400),
        ("four hundred cartons", 400),
        ("400", 400),
        ("1,200 PCS", 1200),
        ("SAY TOTAL TWO THOUSAND FOUR HUNDRED AND TWENTY-FIVE PCS ONLY", 2425),
        ("ONE MILLION TWO HUNDRED THOUSAND", 1_200_000),
        ("ZERO (0)", 0),
    ],
)
def test_parse_count(text: str, expected: int) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", ["12.5 CTNS", "CARTONS", "", "-3"])
def test_parse_count_none(text: str) -> None:
    assert parse_count(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mscu 123456-5", "MSCU1234565"),
        ("MSCU 1234565", "MSCU1234565"),
        ("8516.71", "8516.71"),
        (" 8516 71 00 ", "85167100"),
        ("po-2026-0417", "PO-2026-0417"),
    ],
)
def test_normalise_code(text: str, expected: str) -> None:
    assert normalise_code(text) == expected


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        ("5120.00", None, "5120.0"),
        ("5120", None, "5120.0"),
        ("5120.15", None, "5120.15"),
        ("1E+3", None, "1000.0"),
        ("16440", 2, "16440.00"),
        ("16440.005", 2, "16440.01"),
        ("6.85", 2, "6.85"),
    ],
)
def test_decimal_str(value: str, places: int | None, expected: str) -> None:
    assert decimal_str(Decimal(value), places=places) == expected


@settings(deadline=None)  # regex timing varies on a shared machine
@given(st.text(max_size=60))
def test_parsers_never_raise(text: str) -> None:
    for parser in (parse_date, parse_decimal, parse_amount, parse_weight_kg, parse_volume_cbm, parse_count):
        parser(text)
    parse_currency(text)
    normalise_code(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("3.000", 3000),
        ("3.000 PCS", 3000),
        ("12.500 pcs", 12500),
        ("1.250.000", 1250000),
        ("2400.00", 2400),
        ("3.5 pcs", None),
        ("Qty 3.000", 3000),
        ("2 x 3.000", 2),
    ],
)
def test_counts_read_dot_grouped_thousands(text, expected):
    assert parse_count(text) == expected


def test_ocr_letter_confusions_inside_words():
    assert ocr_letters("Capelle aan den |Jssel") == "Capelle aan den IJssel"
    assert ocr_letters("Ca|le Mayor 5") == "Calle Mayor 5"
    assert ocr_letters("20090 Segrate (Ml), Italy") == "20090 Segrate (MI), Italy"
    assert ocr_letters("VIA MlLANO 4") == "VIA MILANO 4"
    # Real words and separators stay: 'Il', 'El', 'Al', 'Mlle', a pipe between words.
    for text in ("Il Mobile S.r.l.", "El Corte Inglés", "Al Futtaim", "Mlle Dupont", "Tel | Fax"):
        assert ocr_letters(text) == text


def test_volume_with_a_comma_and_three_decimals_under_100_is_a_decimal_comma():
    assert parse_volume_cbm("71,625 m3") == Decimal("71.625")
    assert parse_volume_cbm("19,200 CBM") == Decimal("19.2")
    assert parse_volume_cbm("28,5 m3") == Decimal("28.5")
    assert parse_volume_cbm("1,250.5 CBM") == Decimal("1250.5")
