"""Normalising printed values into truth.json's canonical JSON (CONTRACT.md's documents.json values)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from samples.generator.model import CENT, TENTH, Party

#: Fields holding weights (kg, at least one decimal) rather than money (two decimals).
WEIGHT_KEYS = frozenset({"gross_weight_kg", "net_weight_kg", "total_net_weight_kg", "total_gross_weight_kg"})
CBM_KEYS = frozenset({"measurement_cbm", "total_measurement_cbm"})


def decimal_to_json(key: str, value: Decimal) -> str:
    if key in WEIGHT_KEYS:
        return str(value.quantize(TENTH)) if value == value.quantize(TENTH) else str(value)
    if key in CBM_KEYS:
        return f"{value.quantize(Decimal('0.001')).normalize():f}"
    return str(value.quantize(CENT))


def to_json(value: Any, key: str = "") -> Any:
    """One field value as truth.json holds it."""
    if isinstance(value, Party):
        return {"name": value.name, "address": value.address}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return decimal_to_json(key, value)
    if isinstance(value, dict):
        return {k: to_json(v, k) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v, key) for v in value]
    return value
