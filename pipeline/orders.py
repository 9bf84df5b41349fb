"""Loading order records: a JSON list, a folder of JSON files, or a CSV with one row per order line.

A bad order stops nothing but itself: every order is validated on its own, and each failure
becomes one message naming the file, the PO number and the offending key.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from rules.order import Order

PARTY_KEYS = ("buyer", "supplier", "consignee", "notify_party")
PARTY_PARTS = ("name", "address", "country")
LINE_KEYS = ("line", "model", "description", "hs_code", "quantity", "unit", "unit_price")
ORDER_KEYS = (
    "po_number",
    "order_date",
    "incoterm",
    "incoterm_place",
    "currency",
    "lc_number",
    "latest_shipment_date",
    "port_of_loading",
    "port_of_discharge",
    "destination_country",
    "total_amount",
    "packages",
    "gross_weight_kg",
    "required_certificates",
)
CSV_COLUMNS = frozenset(
    ORDER_KEYS + LINE_KEYS + tuple(f"{p}_{part}" for p in PARTY_KEYS for part in PARTY_PARTS)
)


class OrdersError(Exception):
    """An orders file cannot be read at all (not JSON/CSV, not a list)."""


@dataclass
class OrderBook:
    orders: dict[str, Order] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def load_orders(path: Path) -> OrderBook:
    """Every valid order under `path`; files and orders that are not, as messages in `errors`.

    Raises FileNotFoundError only when `path` itself does not exist.
    """
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file or folder")
    book = OrderBook()
    files = (
        sorted(p for p in path.rglob("*") if p.suffix.lower() in {".json", ".csv"})
        if path.is_dir()
        else [path]
    )
    if not files:
        book.errors.append(f"{path}: folder holds no .json or .csv order files")
    for file in files:
        try:
            raw = _raw_orders(file)
        except OrdersError as e:
            book.errors.append(str(e))
            continue
        for po, item in raw:
            _add(book, file, po, item)
    return book


def _raw_orders(file: Path) -> list[tuple[str, Any]]:
    if file.suffix.lower() == ".csv":
        return list(_orders_from_csv(file))
    try:
        data = json.loads(file.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as e:
        raise OrdersError(f"{file}: cannot read ({e})") from e
    except json.JSONDecodeError as e:
        raise OrdersError(f"{file}: not valid JSON ({e.msg} at line {e.lineno}, column {e.colno})") from e
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise OrdersError(f"{file}: expected a list of orders, found {type(data).__name__}")
    return [(_po_of(item), item) for item in data]


def _po_of(item: Any) -> str:
    return str(item.get("po_number") or "?") if isinstance(item, dict) else "?"


def _add(book: OrderBook, file: Path, po: str, item: Any) -> None:
    try:
        order = Order.model_validate(item)
    except ValidationError as e:
        book.errors.extend(f"{file}: order {po}: {msg}" for msg in _validation_messages(e))
        return
    if order.po_number in book.orders:
        book.errors.append(f"{file}: order {po}: PO number appears twice; the first one is kept")
        return
    book.orders[order.po_number] = order


def _validation_messages(error: ValidationError) -> Iterator[str]:
    for err in error.errors():
        where = ".".join(str(p) for p in err["loc"]) or "order"
        if err["type"] == "extra_forbidden":
            yield f"unknown key '{where}'"
        elif err["type"] == "missing":
            yield f"missing key '{where}'"
        else:
            yield f"'{where}': {err['msg']} (got {err.get('input')!r})"


def _orders_from_csv(file: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    try:
        with file.open(newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise OrdersError(f"{file}: cannot read CSV ({e})") from e
    unknown = sorted(set(rows[0]) - CSV_COLUMNS) if rows else []
    if unknown:
        raise OrdersError(f"{file}: unknown column(s) {', '.join(repr(c) for c in unknown)}")
    by_po: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_po.setdefault(row.get("po_number", "").strip() or "?", []).append(row)
    for po, po_rows in by_po.items():
        yield po, _order_from_rows(po_rows)


def _order_from_rows(rows: list[dict[str, str]]) -> dict[str, Any]:
    """Order-level columns from the first row; one line per row."""
    first = {k: v.strip() for k, v in rows[0].items() if v and v.strip()}
    order: dict[str, Any] = {k: first[k] for k in ORDER_KEYS if k in first}
    for party in PARTY_KEYS:
        parts = {part: first[f"{party}_{part}"] for part in PARTY_PARTS if f"{party}_{part}" in first}
        if parts:
            order[party] = parts
    if "required_certificates" in order:
        order["required_certificates"] = list(parse_certificates_cell(order["required_certificates"]))
    order["lines"] = [
        {k: row[k].strip() for k in LINE_KEYS if row.get(k) and row[k].strip()}
        for row in rows
        if any(row.get(k) for k in LINE_KEYS)
    ]
    return order


def parse_certificates_cell(cell: str) -> Iterable[dict[str, Any]]:
    """`DOC: 2014/35/EU 2014/30/EU; RoHS; EMC; FOOD_CONTACT: FR` → required_certificates entries."""
    for entry in filter(None, (e.strip() for e in cell.split(";"))):
        kind, _, args = entry.partition(":")
        kind, values = kind.strip(), args.split()
        if kind == "FOOD_CONTACT":
            yield {"type": kind, "market": values[0]} if values else {"type": kind}
        else:
            yield {"type": kind, "directives": values} if values else {"type": kind}
