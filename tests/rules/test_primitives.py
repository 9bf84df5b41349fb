"""The pure helpers, on the values the catalogue and the real documents give."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.identifiers import is_valid_container
from rules.primitives import (
    PartyMatch,
    Result,
    act_ref,
    country_in_address,
    match_party,
    mg_per_kg,
    minor_units,
    port_code,
    resolve_country,
    resolve_currency,
    rohs_result,
    round_money,
    same_place,
    standard_families,
    standard_ref,
    substance_symbol,
    withdrawn_standard,
    within_tolerance,
)


@pytest.mark.parametrize(
    ("code", "valid"),
    [("CSQU3054383", True), ("ABCU1234560", True), ("FFAU1234567", False), ("MSCU1234565", False)],
)
def test_iso6346_catalogue_vectors(code: str, valid: bool) -> None:
    # the catalogue's vectors hold; the realdocs Mindee B/L's and CONTRACT.md's example do not
    assert is_valid_container(code) is valid


@pytest.mark.parametrize(
    ("a", "b", "verdict"),
    [
        (
            "Ningbo Hengda Electric Appliance Co., Ltd.",
            "NINGBO HENGDA ELECTRIC APPLIANCE CO LTD",
            PartyMatch.SAME,
        ),
        ("Nordlicht Haushaltswaren GmbH", "Nordlicht Haushaltwaren GmbH", PartyMatch.DRIFT),
        (
            "Ningbo Hengda Electric Appliance Co., Ltd.",
            "Hengda Electric Appliance Co., Ltd.",
            PartyMatch.DRIFT,
        ),
        ("Nordlicht Haushaltswaren GmbH", "Nordlicht Home GmbH", PartyMatch.DIFFERENT),
        (
            "Ningbo Hengda Electric Appliance Co., Ltd.",
            "Cixi Hengda Electric Appliance Co., Ltd.",
            PartyMatch.DIFFERENT,
        ),
    ],
)
def test_party_match(a: str, b: str, verdict: PartyMatch) -> None:
    assert match_party(a, b)[0] == verdict


@pytest.mark.parametrize("printed", ["Ningbo", "NINGBO, CHINA", "CNNGB", "Ningbo-Zhoushan, China"])
def test_ningbo_spellings(printed: str) -> None:
    assert port_code(printed) == "CNNGB"


def test_places() -> None:
    assert same_place("Hamburg, Germany", "DEHAM")
    assert not same_place("Genova, Italy", "La Spezia, Italy")
    assert same_place("Some Inland Town, China", "SOME INLAND TOWN")
    assert port_code("Nowhere") is None


def test_currencies_and_minor_units() -> None:
    assert resolve_currency("usd") == "USD" and resolve_currency("RMB") is None
    assert minor_units("JPY") == 0 and minor_units("EUR") == 2 and minor_units("KWD") == 3
    assert round_money(Decimal("16439.995"), "USD") == Decimal("16440.00")
    assert round_money(Decimal("1234.5"), "JPY") == Decimal("1235")


def test_countries() -> None:
    assert (
        resolve_country("CHINA") == "CN"
        and resolve_country("P.R.C.") == "CN"
        and resolve_country("XC") is None
    )
    assert country_in_address("U Jezu 525/4, 460 01 Liberec, CZECHIA") == "CZ"
    assert country_in_address("Maurice Wilkes Building, Cowley Road, Cambridge, CB4 0DS") is None


def test_tolerance() -> None:
    assert within_tolerance(Decimal("5120.4"), Decimal("5120"), pct=Decimal(0), absolute=Decimal(1))
    assert not within_tolerance(Decimal("11179.5"), Decimal("11197.5"), pct=Decimal(0), absolute=Decimal(1))
    assert within_tolerance(Decimal(104), Decimal(100), pct=Decimal(5))


@pytest.mark.parametrize(
    ("printed", "year", "number", "suffix"),
    [
        ("2014/30/EU", "2014", "30", "EU"),
        ("(EU) 2015/863", "2015", "863", "EU"),
        ("EU 2015/863", "2015", "863", "EU"),
        ("2014/35/EC", "2014", "35", "EC"),
        ("RoHS 2011/65", "2011", "65", None),
    ],
)
def test_act_refs(printed: str, year: str, number: str, suffix: str | None) -> None:
    ref = act_ref(printed)
    assert ref is not None and (ref.year, ref.number, ref.suffix) == (year, number, suffix)


@pytest.mark.parametrize(
    ("printed", "core", "year", "edition", "families", "withdrawn"),
    [
        ("ETSI EN 301 489-1 V2.2.3:2019-11", "301 489-1", "2019", True, {"EMC"}, None),
        ("IEC CISPR -24:2010 (Second Edition)", "CISPR 24", "2010", True, {"EMC"}, "EN 55024"),
        ("IEC 60950-1 :2005 (Second edition) + A1 :2009", "60950-1", "2005", True, {"LVD"}, "EN 60950-1"),
        ("IEC 62321-3-1-2013", "62321-3-1", "2013", True, {"ROHS"}, None),
        ("EN 61439-2 ed.2", "61439-2", None, True, {"LVD"}, None),
        ("EN 62471", "62471", None, False, {"LVD"}, None),
        ("EN 55022:2010", "55022", "2010", True, {"EMC"}, "EN 55022"),
        ("EN 61000-3-2:2019", "61000-3-2", "2019", True, {"EMC"}, None),
        ("EN 300 328 V2.2.2", "300 328", None, True, {"RED"}, None),
    ],
)
def test_standard_refs(
    printed: str, core: str, year: str | None, edition: bool, families: set[str], withdrawn: str | None
) -> None:
    ref = standard_ref(printed)
    assert ref is not None and (ref.core, ref.year, ref.edition_marked) == (core, year, edition)
    assert standard_families(ref.core) == families
    entry = withdrawn_standard(ref)
    assert (entry.label if entry else None) == withdrawn


def test_substances_and_results() -> None:
    assert substance_symbol("Lead (Pb)") == "Pb" and substance_symbol("Cr6+") == "Cr(VI)"
    assert substance_symbol("PBBs") == "PBB" and substance_symbol("Diisobutyl phthalate") == "DIBP"
    assert substance_symbol("Antimony") is None
    assert mg_per_kg("0.01%") == Decimal(100) and mg_per_kg("1,000 mg/kg") == Decimal(1000)
    assert rohs_result("ND", Decimal(100)) == Result.BELOW
    assert rohs_result("<2", Decimal(100)) == Result.BELOW
    assert rohs_result("150", Decimal(100)) == Result.ABOVE
    assert rohs_result("n.d.", Decimal(100)) == Result.BELOW
    assert rohs_result("see remark", Decimal(100)) == Result.UNKNOWN
