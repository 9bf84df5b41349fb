"""The engine's behaviour: ids and de-duplication, low confidence, unreadable values, no order, config."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from extractors.datamodel import DocType
from rules.config import ConfigError, RulesConfig, load_config
from rules.engine import check
from rules.finding import Severity
from rules.listing import catalogue, render_table
from rules.order import Order
from rules.registry import load_all

Set = Any


def test_findings_have_ids_and_come_once(clean: Set) -> None:
    clean.fields("bl.pdf")["consignee"] = {"name": "Nordlicht Home GmbH"}
    docs = clean.documents()
    twice = check(Order.model_validate(clean.order), docs + docs)
    once = check(Order.model_validate(clean.order), docs)
    assert [f.id for f in twice if f.rule == "BL-009"] == [f.id for f in once if f.rule == "BL-009"]
    assert all(len(f.id) == 16 for f in once)


def test_low_confidence_error_becomes_a_warning(clean: Set) -> None:
    clean.fields("bl.pdf")["consignee"] = {"name": "Nordlicht Home GmbH"}
    clean.confidence["bl.pdf"] = 0.4
    (f,) = clean.of_rule(clean.run(), "BL-009")
    assert f.severity == Severity.WARNING and "low-confidence reading" in f.message


def test_an_unreadable_value_costs_only_that_value(clean: Set) -> None:
    clean.fields("bl.pdf")["number_of_originals"] = "ZERO (0)"
    clean.fields("bl.pdf")["container_numbers"] = ["MSCU1234565"]
    findings = clean.run()
    assert "could not be read ('ZERO (0)'" in clean.of_rule(findings, "BL-005")[0].message
    assert clean.of_rule(findings, "ID-001")


def test_without_order_only_validity_arithmetic_and_identifiers(clean: Set) -> None:
    clean.fields("bl.pdf")["consignee"] = {"name": "Nordlicht Home GmbH"}
    clean.fields("bl.pdf")["container_numbers"] = ["MSCU1234565"]
    clean.fields("invoice.pdf")["lines"][0]["amount"] = "16400.00"
    findings = check(None, clean.documents())
    rules = {f.rule for f in findings}
    assert {"ID-001", "INV-005"} <= rules and "BL-009" not in rules
    assert all(f.po_number == "PO-2026-0417" for f in findings)  # from the documents' own link


def test_unknown_documents_and_empty_input_raise_nothing() -> None:
    assert check(None, []) == []


def test_config_disables_and_overrides(clean: Set) -> None:
    clean.fields("bl.pdf")["freight_terms"] = "FREIGHT PREPAID"
    docs, order = clean.documents(), Order.model_validate(clean.order)
    assert [f.severity for f in check(order, docs) if f.rule == "BL-011"] == [Severity.WARNING]
    config = RulesConfig(severity={"BL-011": Severity.ERROR})
    assert [f.severity for f in check(order, docs, config) if f.rule == "BL-011"] == [Severity.ERROR]
    assert not [f for f in check(order, docs, RulesConfig(disabled={"BL-011"})) if f.rule == "BL-011"]


def test_load_config_from_toml(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(
        'disabled = ["CE-99"]\n[severity]\n"BL-011" = "info"\n[tolerances]\nweight_abs_kg = "2"\n'
    )
    with pytest.raises(ConfigError, match="unknown rule ids"):
        load_config(path)
    path.write_text(
        'disabled = ["CE-002"]\n[severity]\n"BL-011" = "info"\n[tolerances]\nweight_abs_kg = "2"\n'
    )
    config = load_config(path)
    assert config.severity["BL-011"] == Severity.INFO and str(config.tolerances.weight_abs_kg) == "2"
    assert load_config(None) == RulesConfig()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('[tolerances]\nweigth_pct = "1"\n', ["tolerances.weigth_pct", "allowed keys", "weight_pct"]),
        ('[severity]\n"BL-011" = "fatal"\n', ["severity.BL-011", "'error', 'warning' or 'info'"]),
        ("disabled = [", ["cannot read"]),
    ],
)
def test_config_errors_name_file_key_and_allowed_values(tmp_path: Path, text: str, words: list[str]) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert str(path) in str(err.value)
    for word in words:
        assert word in str(err.value)


def test_catalogue_lists_every_rule_with_reasons_for_those_left_out() -> None:
    everything = catalogue(include_left_out=True)
    implemented = catalogue()
    assert len(everything) == len(load_all()) > len(implemented) > 60
    left_out = [i for i in everything if not i.implemented]
    assert left_out and all(i.left_out_because for i in left_out)
    ids = [i.id for i in everything]
    assert ids.index("CE-001") < ids.index("STD-001") < ids.index("ID-010") < ids.index("AQL-001")
    table = render_table(everything)
    assert "left out" in table and "CE-013" in table and table.splitlines()[-1].endswith("left out")


def test_every_rule_names_a_source_and_doc_types() -> None:
    for rule in load_all().values():
        assert rule.source and rule.title
        assert rule.doc_types or not rule.implemented, rule.id
        assert all(isinstance(t, DocType) for t in rule.doc_types)


CATALOGUE = Path("/work/shared/rules-catalogue.md")


@pytest.mark.skipif(not CATALOGUE.exists(), reason="shared rule catalogue not present")
def test_registry_holds_exactly_the_catalogue_ids() -> None:
    import re

    text = CATALOGUE.read_text(encoding="utf-8")
    ids = set(re.findall(r"\b(?:CE|STD|ROHS|LAB|FCM|BL|CO|INV|PL|XDOC|DATE|ID|AQL)-\d{3}\b", text))
    assert ids == set(load_all())


def test_reference_data_validates() -> None:
    from rules import tables

    assert len(tables.annex2().substances) == 10
    assert {s.symbol: str(s.limit_mg_kg) for s in tables.annex2().substances}["Cd"] == "100"
    assert tables.incoterms().obsolete["DAT"] == "DPU"
    assert {p.locode for p in tables.ports().ports} >= {"CNNGB", "CNSHA", "CNYTN", "DEHAM", "NLRTM", "FRLEH"}
    assert all(s.cutoff.year >= 2007 for s in tables.acts().superseded)


def test_odd_values_cost_only_themselves() -> None:
    from extractors.datamodel import ExtractedDocument, ExtractedField
    from rules.context import tolerant_view

    fields = {
        "consignee": {"address": "no name"},
        "number_of_originals": "THREE (3) and more",
        "container_numbers": ["CSQU3054383"],
        "seal_numbers": "not a list",
    }
    doc = ExtractedDocument(
        file="x.pdf",
        sha256="",
        doc_type=DocType.BILL_OF_LADING,
        fields={n: ExtractedField(value=v, confidence=1.0) for n, v in fields.items()},
    )
    view, unreadable = tolerant_view(doc)
    assert view.container_numbers == ["CSQU3054383"]
    assert view.consignee is None and view.number_of_originals is None and view.seal_numbers == []
    assert {"consignee", "number_of_originals", "seal_numbers"} <= set(unreadable)


def test_placeholders_count_as_not_given(clean: Set) -> None:
    clean.order["lc_number"] = "LC-DE-88812"
    clean.fields("invoice.pdf")["lc_number"] = "N/A"
    assert clean.of_rule(clean.run(), "XDOC-001") == []
    clean.fields("invoice.pdf")["lc_number"] = "LC-DE-88813"
    assert clean.of_rule(clean.run(), "XDOC-001")
