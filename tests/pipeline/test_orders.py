from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.orders import load_orders, parse_certificates_cell


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_json_list_loads_every_field(tmp_path, order):
    book = load_orders(write(tmp_path / "orders.json", [order]))
    assert book.errors == []
    loaded = book.orders["PO-2026-0417"]
    assert loaded.lines[0].unit_price == Decimal("6.85")
    assert loaded.required_certificates[0].directives == ["2014/35/EU", "2014/30/EU", "2011/65/EU"]
    assert loaded.required_certificates[-1].market == "FR"


def test_empty_list_is_no_orders_and_no_error(tmp_path):
    book = load_orders(write(tmp_path / "orders.json", []))
    assert book.orders == {} and book.errors == []


def test_unknown_key_is_named_with_the_po_number(tmp_path, order):
    order["incoterms"] = "FOB"
    book = load_orders(write(tmp_path / "orders.json", [order]))
    assert book.orders == {}
    assert len(book.errors) == 1
    assert "order PO-2026-0417" in book.errors[0] and "unknown key 'incoterms'" in book.errors[0]


def test_unknown_nested_key_is_named(tmp_path, order):
    order["lines"][0]["colour"] = "red"
    [error] = load_orders(write(tmp_path / "orders.json", [order])).errors
    assert "unknown key 'lines.0.colour'" in error


def test_a_bad_order_stops_only_itself(tmp_path, order):
    bad = dict(order, po_number="PO-BAD-1", packages="many")
    book = load_orders(write(tmp_path / "orders.json", [bad, order]))
    assert list(book.orders) == ["PO-2026-0417"]
    assert "order PO-BAD-1" in book.errors[0] and "'packages'" in book.errors[0]


def test_missing_required_key_is_named(tmp_path, order):
    del order["supplier"]
    [error] = load_orders(write(tmp_path / "orders.json", [order])).errors
    assert "missing key 'supplier'" in error


def test_folder_of_files_with_one_broken_file(tmp_path, order):
    folder = tmp_path / "orders"
    folder.mkdir()
    write(folder / "a.json", order)
    (folder / "b.json").write_text("{not json", encoding="utf-8")
    book = load_orders(folder)
    assert list(book.orders) == ["PO-2026-0417"]
    assert "b.json" in book.errors[0] and "not valid JSON" in book.errors[0]


def test_a_single_broken_file_is_an_error_not_a_crash(tmp_path):
    path = tmp_path / "orders.json"
    path.write_text('{"po_number": ', encoding="utf-8")
    book = load_orders(path)
    assert book.orders == {} and "not valid JSON" in book.errors[0]


def test_missing_path_raises(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file"):
        load_orders(tmp_path / "nope.json")


def test_duplicate_po_keeps_the_first(tmp_path, order):
    second = dict(order, currency="EUR")
    book = load_orders(write(tmp_path / "orders.json", [order, second]))
    assert book.orders["PO-2026-0417"].currency == "USD"
    assert "appears twice" in book.errors[0]


def _write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


CSV_ROW = {
    "po_number": "PO-7",
    "order_date": "2026-08-03",
    "buyer_name": "Käufer GmbH",
    "buyer_country": "DE",
    "supplier_name": "Cixi Factory Co., Ltd.",
    "supplier_country": "CN",
    "currency": "EUR",
    "required_certificates": "DOC: 2014/35/EU 2014/30/EU; RoHS; FOOD_CONTACT: FR",
    "line": "1",
    "model": "K-1",
    "quantity": "100",
    "unit_price": "2.50",
}


def test_csv_one_row_per_line_order_columns_repeated(tmp_path):
    rows = [CSV_ROW, dict(CSV_ROW, line="2", model="K-2", quantity="50", unit_price="3.00")]
    book = load_orders(_write_csv(tmp_path / "orders.csv", rows))
    assert book.errors == []
    order = book.orders["PO-7"]
    assert [line.model for line in order.lines] == ["K-1", "K-2"]
    assert order.buyer.name == "Käufer GmbH"
    assert order.required_certificates[0].directives == ["2014/35/EU", "2014/30/EU"]
    assert order.required_certificates[2].market == "FR"


def test_csv_unknown_column_is_named(tmp_path):
    book = load_orders(_write_csv(tmp_path / "orders.csv", [dict(CSV_ROW, colour="red")]))
    assert book.orders == {} and "unknown column(s) 'colour'" in book.errors[0]


def test_certificates_cell_syntax():
    assert list(parse_certificates_cell("EMC; LAB_CERTIFICATE")) == [
        {"type": "EMC"},
        {"type": "LAB_CERTIFICATE"},
    ]
