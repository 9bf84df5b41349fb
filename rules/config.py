"""What an analyst may tune: rules on/off, severities, tolerances, the reference-date policy.

Loaded from TOML, e.g.

    disabled = ["CE-013"]
    [severity]
    "BL-011" = "info"
    [tolerances]
    weight_pct = "0.5"
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from rules.finding import Severity


class ConfigError(ValueError):
    """A bad rules configuration file; the message names the file, the key and what is allowed."""


class Tolerances(BaseModel):
    model_config = ConfigDict(extra="forbid")

    #: Weights (kg) and volumes (cbm) compared across documents: equal within pct % or the absolute
    #: allowance. Documents must not conflict (ISBP 745 M6), so the defaults allow rounding only
    #: (whole kg on a B/L, pounds converted to kg).
    weight_pct: Decimal = Field(default=Decimal("0"), ge=0)
    weight_abs_kg: Decimal = Field(default=Decimal("1"), ge=0)
    cbm_pct: Decimal = Field(default=Decimal("0"), ge=0)
    cbm_abs: Decimal = Field(default=Decimal("0.05"), ge=0)
    #: UCP 600 art. 30(a): "about"/"approximately" allows ±10 % on amount, quantity, unit price.
    about_pct: Decimal = Field(default=Decimal("10"), ge=0)
    #: UCP 600 art. 30(b): ±5 % on quantities not counted in units or packing units.
    quantity_pct: Decimal = Field(default=Decimal("5"), ge=0)
    #: Allowed difference between qty × unit price and the printed amount, in the currency's minor units.
    amount_minor_units: int = Field(default=1, ge=0)
    #: Invoice total above the order total by more than this % is an over-drawing (UCP 600 art. 18(b)).
    order_amount_pct: Decimal = Field(default=Decimal("0"), ge=0)
    #: rapidfuzz ratio (0–100) from which two party names count as the same party misspelt.
    party_drift_ratio: float = Field(default=90.0, ge=0, le=100)


class RulesConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    #: Rule ids not run.
    disabled: set[str] = Field(default_factory=set)
    #: Severity per rule id, replacing the rule's own for every finding it raises.
    severity: dict[str, Severity] = Field(default_factory=dict)
    tolerances: Tolerances = Field(default_factory=Tolerances)
    #: Whether the order's latest shipment date stands in for the shipment date when no B/L gives one
    #: (B/L on-board date first, then B/L issue date). "none": date checks against shipment are skipped.
    shipment_date_fallback: Literal["latest_shipment_date", "none"] = "latest_shipment_date"
    #: An error resting only on a field read with low confidence is lowered to a warning.
    downgrade_low_confidence: bool = True


def _describe(error: dict, path: Path) -> str:
    key = ".".join(str(p) for p in error["loc"]) or "(top level)"
    allowed = ""
    if error["type"] == "extra_forbidden":
        parent = RulesConfig
        for part in error["loc"][:-1]:
            parent = parent.model_fields[str(part)].annotation  # type: ignore[assignment]
        allowed = f"; allowed keys: {', '.join(parent.model_fields)}"  # type: ignore[union-attr]
    return f"{path}: key '{key}': {error['msg']}{allowed}"


def load_config(path: Path | None) -> RulesConfig:
    """The configuration in a TOML file (defaults when path is None); unknown rule ids are errors."""
    if path is None:
        return RulesConfig()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"{path}: cannot read rules configuration: {e}") from e
    try:
        config = RulesConfig.model_validate(data)
    except ValidationError as e:
        raise ConfigError("\n".join(_describe(err, path) for err in e.errors())) from e
    from rules.registry import known_rule_ids  # the checks register themselves on import

    known = known_rule_ids()
    unknown = sorted((config.disabled | config.severity.keys()) - known)
    if unknown:
        raise ConfigError(
            f"{path}: unknown rule ids {unknown}; allowed: the ids `tradecheck rules --all` lists"
        )
    return config
