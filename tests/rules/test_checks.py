"""Every implemented rule: silent on the clean set, fires once its defect is seeded."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from extractors.datamodel import DocType
from rules.finding import Severity
from rules.registry import load_all

Set = Any  # tests/rules/conftest.py Set, reached through the `clean` fixture
Seed = Callable[[Set], None]


def put(file: str, **values: object) -> Seed:
    def seed(s: Set) -> None:
        s.fields(file).update(values)

    return seed


def drop(file: str, *names: str) -> Seed:
    def seed(s: Set) -> None:
        for name in names:
            s.fields(file).pop(name, None)

    return seed


def remove(file: str) -> Seed:
    return lambda s: s.docs.pop(file)


def line(file: str, n: int, **values: object) -> Seed:
    return lambda s: s.fields(file)["lines"][n].update(values)


def order(**values: object) -> Seed:
    return lambda s: s.order.update(values)


def substance(symbol: str, **values: object) -> Seed:
    return lambda s: s.fields("rohs.pdf")["substances"][symbol].update(values)


def all_of(*seeds: Seed) -> Seed:
    def seed(s: Set) -> None:
        for one in seeds:
            one(s)

    return seed


def add_certificate(**values: object) -> Seed:
    fields = {
        "certificate_number": "ATC-2608-01",
        "issuer": "Shenzhen Anbotek Testing Co., Ltd.",
        "holder": {"name": "Ningbo Hengda Electric Appliance Co., Ltd."},
        "models": ["HD-K1702", "HD-T0910"],
        "directives": ["2011/65/EU"],
        "standards": ["IEC 62321-5:2013"],
        "report_numbers": ["ATR-R-2608-117"],
        "issue_date": "2026-08-25",
    }
    return lambda s: s.add("cert.pdf", DocType.LAB_CERTIFICATE, {**fields, **values})


def food_contact_order(s: Set) -> None:
    s.order["required_certificates"].append({"type": "FOOD_CONTACT", "market": "FR"})


def food_report(**values: object) -> Seed:
    fields = {
        "report_type": "FOOD_CONTACT",
        "report_number": "FC-1",
        "issuer": "Lab",
        "models": ["HD-K1702", "HD-T0910"],
        "issue_date": "2026-08-20",
        "conclusion": "PASS",
    }
    return lambda s: s.add("fcm.pdf", DocType.TEST_REPORT, {**fields, **values})


SEEDS: dict[str, Seed] = {
    "CE-001": remove("doc.pdf"),
    "CE-003": put("doc.pdf", manufacturer={"name": "Cixi Sunrise Appliance Factory", "address": "Cixi"}),
    "CE-005": put("doc.pdf", models=["HD-K1702"], product_name="Electric kettle"),
    "CE-006": put("doc.pdf", directives=["2014/35/EC", "2011/65/EU"]),
    "CE-007": put("doc.pdf", standards=["EN 60335-1", "EN IEC 63000:2018"]),
    "CE-008": all_of(
        put("doc.pdf", notified_body_number="0123", directives=["2014/35/EU", "2011/65/EU"]),
        order(required_certificates=[]),
    ),
    "CE-009": put("doc.pdf", issue_date="2026-11-01"),
    "CE-010": drop("doc.pdf", "signatory_name"),
    "CE-011": lambda s: s.add("doc2.pdf", *s.docs["doc.pdf"]),
    "CE-012": put(
        "doc.pdf", manufacturer={"name": "Shenzhen Anbotek Testing Co., Ltd.", "address": "Shenzhen"}
    ),
    "CE-014": put("doc.pdf", standards=["EN 300 328 V2.2.2", "EN IEC 63000:2018"]),
    "STD-001": put("doc.pdf", directives=["2004/108/EC", "2014/35/EU", "2011/65/EU"]),
    "STD-002": put("emc.pdf", standards=["EN 55014-1", "EN 55014-2:2015"]),
    "ROHS-001": lambda s: s.fields("rohs.pdf").update(
        substances={
            k: v
            for k, v in s.fields("rohs.pdf")["substances"].items()
            if k in ("Pb", "Hg", "Cd", "Cr(VI)", "PBBs", "PBDEs")
        }
    ),
    "ROHS-002": substance("Cd", limit="1000"),
    "ROHS-003": substance("Pb", result="1300"),
    "ROHS-004": put("rohs.pdf", standards=["GB/T 26125-2011"]),
    "ROHS-006": drop("rohs.pdf", "test_date"),
    "ROHS-007": put("rohs.pdf", product_name="PVC cable"),
    "ROHS-009": put("doc.pdf", standards=["EN 60335-1:2012+A11:2014", "EN 55014-1:2017"]),
    "LAB-001": drop("emc.pdf", "issuer"),
    "LAB-002": add_certificate(report_numbers=["ATR-R-268-117"]),
    "LAB-003": put("lvd.pdf", models=["HD-K1702"]),
    "LAB-004": put("emc.pdf", manufacturer={"name": "Zhongshan Bright Lighting Co., Ltd."}),
    "LAB-005": put(
        "emc.pdf",
        standards=["EN 55022:2010", "EN 55014-2:2015"],
        issue_date="2018-01-10",
        test_date="2018-01-02",
    ),
    "LAB-006": put("lvd.pdf", standards=["EN 55014-1:2017", "EN 61000-3-2:2014"]),
    "LAB-007": put("emc.pdf", test_date="2026-08-30"),
    "LAB-010": add_certificate(directives=["2002/95/EC"]),
    "FCM-001": all_of(food_contact_order, remove("doc.pdf")),
    "FCM-003": all_of(food_contact_order, food_report(conclusion="FAIL")),
    "BL-001": drop("bl.pdf", "carrier"),
    "BL-002": all_of(drop("bl.pdf", "on_board_date"), put("bl.pdf", place_of_receipt="Yiwu")),
    "BL-004": put("bl.pdf", port_of_discharge="ROTTERDAM, NETHERLANDS"),
    "BL-005": put("bl.pdf", number_of_originals=0),
    "BL-009": put("bl.pdf", consignee={"name": "Nordlicht Home GmbH"}),
    "BL-010": put("bl.pdf", notify_party={"name": "Hamburg Logistics Service GmbH"}),
    "BL-011": put("bl.pdf", freight_terms="FREIGHT PREPAID"),
    "BL-012": put("bl.pdf", seal_numbers=[]),
    "BL-014": put("bl.pdf", shipper={"name": "Ningbo Ocean Forwarding Co., Ltd."}),
    "CO-001": remove("co.pdf"),
    "CO-003": put("co.pdf", issuing_authority="Ningbo Hengda Export Department"),
    "CO-005": put("co.pdf", consignee={"name": "Baltic Import Sp. z o.o."}),
    "CO-006": put("co.pdf", exporter={"name": "Zhejiang Trading Import & Export Corp."}),
    "CO-007": put("co.pdf", country_of_origin="Vietnam"),
    "CO-008": put("co.pdf", destination_country="Poland"),
    "CO-010": drop("co.pdf", "hs_codes"),
    "CO-012": put("co.pdf", invoice_number="HD-INV-26-0913"),
    "CO-013": drop("co.pdf", "issue_date"),
    "INV-001": put("invoice.pdf", seller={"name": "Shenzhen Brightway Trading Ltd."}),
    "INV-002": put("invoice.pdf", buyer={"name": "Baltic Import Sp. z o.o."}),
    "INV-003": put("invoice.pdf", currency="EUR"),
    "INV-004": line("invoice.pdf", 1, model="HD-T0901"),
    "INV-005": line("invoice.pdf", 0, amount="16400.00"),
    "INV-006": line("invoice.pdf", 0, unit_price="6.95", amount="16680.00"),
    "INV-007": all_of(
        line("invoice.pdf", 0, unit_price="6.95", amount="16680.00"),
        put("invoice.pdf", total_amount="24880.00"),
    ),
    "INV-008": all_of(
        line("invoice.pdf", 0, quantity=2500, amount="17125.00"), put("invoice.pdf", total_amount="25325.00")
    ),
    "PL-001": remove("packing.pdf"),
    "PL-005": put("packing.pdf", total_net_weight_kg="5300.0"),
    "PL-006": put("packing.pdf", invoice_number="FWD-PL-7781"),
    "XDOC-001": put("invoice.pdf", port_of_discharge="Rotterdam"),
    "XDOC-003": put(
        "invoice.pdf",
        buyer={"name": "Nordlicht Haushaltswaren GmbH", "address": "Rue de Lyon 3, Paris, France"},
    ),
    "XDOC-004": put("bl.pdf", packages=480),
    "XDOC-005": lambda s: s.add(
        "bl2.pdf", DocType.BILL_OF_LADING, {**s.fields("bl.pdf"), "container_numbers": ["ABCU1234560"]}
    ),
    "XDOC-007": all_of(put("invoice.pdf", incoterm_place="Hamburg"), order(incoterm_place="Hamburg")),
    "XDOC-008": line("packing.pdf", 1, model="HD-T0901"),
    "XDOC-010": put("co.pdf", hs_codes=["8516.71", "8509.40"]),
    "XDOC-011": line("packing.pdf", 0, quantity=2300),
    "XDOC-013": put("invoice.pdf", po_number="PO-2026-0418"),
    "DATE-001": put("bl.pdf", on_board_date="2026-10-20"),
    "DATE-007": put("co.pdf", issue_date="2026-09-20"),
    "DATE-008": put("doc.pdf", issue_date="2026-08-15"),
    "DATE-009": put("emc.pdf", valid_until="2026-09-30"),
    "ID-001": put("bl.pdf", container_numbers=["MSCU1234565"]),
    "ID-002": put(
        "bl.pdf", container_numbers=["CSQU3054383", "ABCU1234560"], seal_numbers=["CN1234567", "CN1234567"]
    ),
    "ID-003": line("invoice.pdf", 0, hs_code="8516"),
    "ID-004": put("bl.pdf", port_of_discharge="XXHAM"),
    "ID-005": put("invoice.pdf", currency="RMB"),
    "ID-006": put("invoice.pdf", incoterm="DAT", incoterm_place="Hamburg"),
    "ID-007": put("co.pdf", country_of_origin="XC"),
    "ID-008": put("doc.pdf", notified_body_number="12345"),
    "ID-009": put("bl.pdf", carrier="QQQU"),
    "ID-010": put("bl.pdf", bl_number="MAEU-12"),
}
#: Rules that only speak when no order is given.
WITHOUT_ORDER = {"XDOC-009": put("emc.pdf", manufacturer={"name": "Zhongshan Bright Lighting Co., Ltd."})}


def test_every_implemented_rule_has_a_seed() -> None:
    implemented = {r.id for r in load_all().values() if r.implemented}
    assert implemented == set(SEEDS) | set(WITHOUT_ORDER)


def test_clean_set_has_no_finding_above_info(clean: Set) -> None:
    assert clean.above_info(clean.run()) == []
    assert clean.above_info(clean.run(with_order=False)) == []


@pytest.mark.parametrize("rule_id", sorted(SEEDS))
def test_rule_fires_on_its_defect_only(rule_id: str, clean: Set) -> None:
    s, of_rule = clean, clean.of_rule
    assert of_rule(s.run(), rule_id) == []
    SEEDS[rule_id](s)
    found = of_rule(s.run(), rule_id)
    assert found, f"{rule_id} did not fire"
    for f in found:
        assert f.message and f.id and f.title and f.po_number == "PO-2026-0417"


@pytest.mark.parametrize("rule_id", sorted(WITHOUT_ORDER))
def test_rule_without_order(rule_id: str, clean: Set) -> None:
    s, of_rule = clean, clean.of_rule
    assert of_rule(s.run(with_order=False), rule_id) == []
    WITHOUT_ORDER[rule_id](s)
    assert of_rule(s.run(with_order=False), rule_id)


def test_consistency_finding_sits_on_the_deviating_document(clean: Set) -> None:
    s, of_rule = clean, clean.of_rule
    SEEDS["BL-009"](s)
    (f,) = of_rule(s.run(), "BL-009")
    assert f.file == "bl.pdf" and f.field == "consignee" and f.severity == Severity.ERROR
    assert f.message == (
        "B/L consignee 'Nordlicht Home GmbH' differs from the order's consignee "
        "'Nordlicht Haushaltswaren GmbH'"
    )
    assert f.evidence is not None and f.evidence.page == 1 and f.evidence.text


def test_party_spelling_drift_is_a_warning(clean: Set) -> None:
    s, of_rule = clean, clean.of_rule
    put("bl.pdf", consignee={"name": "Nordlicht Haushaltwaren GmbH"})(s)
    (f,) = of_rule(s.run(), "BL-009")
    assert f.severity == Severity.WARNING and "spelt differently" in f.message


def test_port_spellings_match(clean: Set) -> None:
    s, of_rule = clean, clean.of_rule
    put("bl.pdf", port_of_loading="CNNGB", port_of_discharge="Hamburg")(s)
    assert of_rule(s.run(), "BL-004") == []


def test_missing_document_has_no_file_and_field_doc_type(clean: Set) -> None:
    s, of_rule = clean, clean.of_rule
    remove("doc.pdf")(s)
    (f,) = of_rule(s.run(), "CE-001")
    assert f.file is None and f.field == "doc_type" and f.severity == Severity.ERROR


def test_container_disagreement_is_raised_on_each_document_naming_the_other(clean: Set) -> None:
    s, of_rule = clean, clean.of_rule
    SEEDS["XDOC-005"](s)
    found = {f.file: f for f in of_rule(s.run(), "XDOC-005") if f.field == "container_numbers"}
    assert set(found) == {"bl.pdf", "bl2.pdf"}
    assert found["bl.pdf"].related_files == ["bl2.pdf"]


def test_missing_field_is_a_warning_not_an_error(clean: Set) -> None:
    s, of_rule = clean, clean.of_rule
    drop("doc.pdf", "issue_date", "place_of_issue")(s)
    found = of_rule(s.run(), "CE-009")
    assert {f.field for f in found} == {"issue_date", "place_of_issue"}
    assert all(f.severity == Severity.WARNING and "not found" in f.message for f in found)


def test_weights_within_tolerance_are_equal(clean: Set) -> None:
    s, of_rule = clean, clean.of_rule
    put("bl.pdf", gross_weight_kg="6120.4")(s)
    assert of_rule(s.run(), "XDOC-004") == []
    put("bl.pdf", gross_weight_kg="6200.0")(s)
    assert of_rule(s.run(), "XDOC-004", Severity.ERROR)


def test_repealed_directive_says_when_and_what_replaced_it(clean: Set) -> None:
    s, of_rule = clean, clean.of_rule
    SEEDS["STD-001"](s)
    (f,) = of_rule(s.run(), "STD-001")
    assert "2004/108/EC" in f.message and "2016-04-20" in f.message and "2014/30/EU" in f.message


def test_cd_limit_is_100_mg_per_kg(clean: Set) -> None:
    s, of_rule = clean, clean.of_rule
    substance("Cd", result="150")(s)
    assert of_rule(s.run(), "ROHS-003")
    substance("Cd", result="ND")(s)
    substance("Pb", result="150")(s)
    assert of_rule(s.run(), "ROHS-003") == []


def test_six_substances_suffice_before_22_july_2019(clean: Set) -> None:
    s, of_rule = clean, clean.of_rule
    SEEDS["ROHS-001"](s)
    put("bl.pdf", on_board_date="2019-07-01", issue_date="2019-07-01")(s)
    assert of_rule(s.run(), "ROHS-001") == []


def test_about_allows_ten_percent(clean: Set) -> None:
    s, of_rule = clean, clean.of_rule
    line("invoice.pdf", 0, quantity=2600, amount="17810.00")(s)
    put("invoice.pdf", total_amount="26010.00")(s)
    assert of_rule(s.run(), "INV-008")
    s.order["lines"][0]["description"] = "Electric kettle 1.7 L, about 2400 pcs"
    assert of_rule(s.run(), "INV-008") == []


def test_heading_rows_are_not_goods_and_misprints_name_the_ordered_model(clean: Set) -> None:
    s, of_rule = clean, clean.of_rule
    s.fields("invoice.pdf")["lines"].insert(0, {"model": "Model", "unit": "Unit"})
    assert of_rule(s.run(), "INV-004") == []
    line("invoice.pdf", 2, model="HD-T0901")(s)
    (f,) = of_rule(s.run(), "INV-004", Severity.ERROR)
    assert "the order has 'HD-T0910'" in f.message


def test_a_low_confidence_reading_does_not_prove_a_signatory(clean: Set) -> None:
    clean.confidence["doc.pdf"] = 0.34  # an OCR guess such as 'Nome' where no name is signed
    findings = clean.of_rule(clean.run(), "CE-010")
    name = [f for f in findings if f.field == "signatory_name"]
    assert len(name) == 1 and "only with low confidence" in name[0].message
    assert name[0].found == clean.fields("doc.pdf")["signatory_name"]
