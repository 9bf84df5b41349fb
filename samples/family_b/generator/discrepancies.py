"""The seeded discrepancies: each changes one printed value of one document before rendering.

A `Tamper` names the file, the canonical field and the catalogue rules that should catch it;
`mutate` edits the document's values in place and returns (expected, found) for truth.json.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .truth import Values


@dataclass(frozen=True)
class Tamper:
    id: str
    kind: str
    rules: tuple[str, ...]
    po_number: str
    file: str  # path in the inbox without its extension
    field: str
    note: str
    mutate: Callable[[Values], tuple[Any, Any]]


def swap_digits(text: str, i: int) -> str:
    """The commonest typing slip: two neighbouring characters exchanged."""
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :]


def wrong_check_digit(values: Values) -> tuple[str, str]:
    good = values["container_numbers"][0]
    bad = good[:-1] + str((int(good[-1]) + 3) % 10)
    values["container_numbers"][0] = bad
    return good, bad


def line_amount_slip(values: Values) -> tuple[str, str]:
    """Line 2's amount mistyped; the total adds up the printed amounts, so only qty x price disagrees."""
    line = values["lines"][1]
    good: Decimal = line["amount"]
    line["amount"] = Decimal(swap_digits(str(good), 2))
    values["total_amount"] = sum((row["amount"] for row in values["lines"]), Decimal("0.00"))
    return str(good), str(line["amount"])


def model_typo(values: Values) -> tuple[str, str]:
    good = values["models"][0]
    values["models"][0] = swap_digits(good, len(good) - 2)
    return good, values["models"][0]


def repealed_emc_directive(values: Values) -> tuple[str, str]:
    n = values["directives"].index("2014/30/EU")
    values["directives"][n] = "2004/108/EC"
    return "2014/30/EU", "2004/108/EC"


def other_discharge_port(values: Values) -> tuple[str, str]:
    good = values["port_of_discharge"]
    values["port_of_discharge"] = "La Spezia, Italy"
    return good, values["port_of_discharge"]


def gross_weight_slip(values: Values) -> tuple[str, str]:
    good: Decimal = values["gross_weight_kg"]
    values["gross_weight_kg"] = Decimal(swap_digits(str(good), 3))
    return str(good), str(values["gross_weight_kg"])


TAMPERS: tuple[Tamper, ...] = (
    Tamper(
        "b01",
        "container_check_digit",
        ("BL-012", "ID-001"),
        "4500817265",
        "4500817265/BL_COSU6384920170",
        "container_numbers",
        "container number fails the ISO 6346 check digit",
        wrong_check_digit,
    ),
    Tamper(
        "b02",
        "invoice_line_arithmetic",
        ("INV-005", "INV-007"),
        "4500817265",
        "4500817265/CI_MY26-E0917",
        "lines[1].amount",
        "line 2 amount printed 17400.00 for 1200 x 14.20 = 17040.00; total follows the printed amounts",
        line_amount_slip,
    ),
    Tamper(
        "b03",
        "test_report_model_mismatch",
        ("XDOC-008", "LAB-003"),
        "4500817265",
        "4500817265/EMC_HX26060523E",
        "models",
        "EMC report names model MY-HB620 instead of MY-HB602",
        model_typo,
    ),
    Tamper(
        "b04",
        "outdated_directive",
        ("STD-001", "CE-006"),
        "CL-260093",
        "CL-260093/IMG_20261012_094415",
        "directives",
        "DoC dated 2026 cites the EMC directive 2004/108/EC, repealed 20 April 2016",
        repealed_emc_directive,
    ),
    Tamper(
        "b05",
        "port_of_discharge_mismatch",
        ("BL-004", "XDOC-001"),
        "CL-260093",
        "CL-260093/scan_BL_EGLV142600381275",
        "port_of_discharge",
        "B/L discharges at La Spezia while the order and L/C name Genova",
        other_discharge_port,
    ),
    Tamper(
        "b06",
        "gross_weight_mismatch",
        ("CO-011", "XDOC-004"),
        "CL-260093",
        "CL-260093/CO_26C3502B0671",
        "gross_weight_kg",
        "certificate of origin states 11179.5 kg gross against 11197.5 kg on packing list and B/L",
        gross_weight_slip,
    ),
)
