"""The seeded discrepancies: each one changes what a single document prints, and says so.

A `Seed` names the document it touches and the rules any of which should catch it; its `apply`
edits that document's fields in place and returns (expected, found) as rich values, so the truth
entry shows the very value that was printed. A seed with no `apply` removes the document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from samples.generator.common import Fields
from samples.generator.model import CENT, Party

Apply = Callable[[Fields], tuple[Any, Any]]


@dataclass(frozen=True)
class Seed:
    kind: str
    rules: tuple[str, ...]
    po_number: str
    doc: str  # document key within the order (inv, pl, bl, co, doc, rohs, emc, lvd, labcert, food)
    field: str
    note: str
    apply: Apply | None = None  # None: the document is left out of the inbox


def _replace(f: Fields, key: str, value: Any) -> tuple[Any, Any]:
    old = f[key]
    f[key] = value
    return old, value


def _replace_in_list(f: Fields, key: str, old: str, new: str) -> tuple[Any, Any]:
    before = list(f[key])
    f[key] = [new if item == old else item for item in before]
    return before, f[key]


def _wrong_check_digit(f: Fields) -> tuple[Any, Any]:
    boxes = list(f["container_numbers"])
    good = boxes[1]
    boxes[1] = good[:-1] + str((int(good[-1]) + 1) % 10)
    f["container_numbers"] = boxes
    return good, boxes[1]


def _line_amount(f: Fields) -> tuple[Any, Any]:
    line = f["lines"][1]
    right = line["amount"]
    line["amount"] = Decimal("11250.00")
    return right, line["amount"]


def _unit_price(f: Fields) -> tuple[Any, Any]:
    line = f["lines"][0]
    ordered = line["unit_price"]
    line["unit_price"] = Decimal("6.15")
    line["amount"] = (line["quantity"] * line["unit_price"]).quantize(CENT)
    f["total_amount"] = sum((ln["amount"] for ln in f["lines"]), Decimal("0.00"))
    return ordered, line["unit_price"]


def _late_shipment(f: Fields) -> tuple[Any, Any]:
    late = date(2026, 10, 24)
    f["issue_date"] = late
    return _replace(f, "on_board_date", late)[0], late


def _six_substances(f: Fields) -> tuple[Any, Any]:
    phthalates = {"DEHP", "BBP", "DBP", "DIBP"}
    before = sorted(f["substances"])
    f["substances"] = {k: v for k, v in f["substances"].items() if k not in phthalates}
    f["standards"] = [s for s in f["standards"] if not s.startswith("IEC 62321-8")]
    return before, sorted(f["substances"])


def _lead_over_limit(f: Fields) -> tuple[Any, Any]:
    lead = f["substances"]["Pb"]
    before = dict(lead)
    lead["result"] = "1350"
    return before, dict(lead)


def _drop_model(f: Fields) -> tuple[Any, Any]:
    before = list(f["models"])
    f["models"] = before[:1]
    return before, f["models"]


def _hs_code(f: Fields) -> tuple[Any, Any]:
    before = list(f["hs_codes"])
    f["hs_codes"] = [c.replace("8507.60", "8507.80").replace("85076000", "85078000") for c in before]
    return before, f["hs_codes"]


def _drop(f: Fields, key: str) -> tuple[Any, Any]:
    return f.pop(key), None


def _expired(f: Fields) -> tuple[Any, Any]:
    expiry = date(2026, 10, 13)
    items = list(f.items())
    f.clear()
    for key, value in items:
        if key == "conclusion":
            f["valid_until"] = expiry
        f[key] = value
    return None, expiry


OTHER_CONSIGNEE = Party(
    "BRIGHTLUX DISTRIBUTION B.V.", ("WESTBLAAK 180", "3012 KN ROTTERDAM", "NETHERLANDS"), "NL"
)
OTHER_MAKER = Party(
    "Shenzhen Guangming Opto Lighting Co., Ltd.",
    ("No. 19 Huaxia Road, Guangming District", "Shenzhen, Guangdong 518106, China"),
    "CN",
)

SEEDS: tuple[Seed, ...] = (
    Seed(
        "bl_consignee_differs",
        ("BL-009", "XDOC-001"),
        "PO-2026-0422",
        "bl",
        "consignee",
        "B/L consigned to another company than the order's consignee",
        lambda f: _replace(f, "consignee", OTHER_CONSIGNEE),
    ),
    Seed(
        "container_check_digit",
        ("ID-001", "BL-012"),
        "PO-2026-0422",
        "bl",
        "container_numbers",
        "second container number printed with a wrong ISO 6346 check digit",
        _wrong_check_digit,
    ),
    Seed(
        "line_amount_wrong",
        ("INV-005",),
        "PO-2026-0422",
        "inv",
        "lines",
        "line 2 amount 11,250.00 but 1,200 x 9.60 = 11,520.00; the total is the true sum, so it does not "
        "match the printed lines either",
        _line_amount,
    ),
    Seed(
        "freight_collect_under_cif",
        ("BL-011",),
        "PO-2026-0422",
        "bl",
        "freight_terms",
        "FREIGHT COLLECT on a CIF Rotterdam sale",
        lambda f: _replace(f, "freight_terms", "COLLECT"),
    ),
    Seed(
        "doc_repealed_directive",
        ("STD-001", "CE-006"),
        "PO-2026-0422",
        "doc",
        "directives",
        "DoC cites the repealed EMC directive 2004/108/EC instead of 2014/30/EU",
        lambda f: _replace_in_list(f, "directives", "2014/30/EU", "2004/108/EC"),
    ),
    Seed(
        "report_manufacturer_differs",
        ("LAB-004", "XDOC-009"),
        "PO-2026-0422",
        "emc",
        "manufacturer",
        "EMC report names another factory as manufacturer",
        lambda f: _replace(f, "manufacturer", OTHER_MAKER),
    ),
    Seed(
        "bl_gross_weight_differs",
        ("XDOC-004", "PL-004", "BL-013"),
        "PO-2026-0438",
        "bl",
        "gross_weight_kg",
        "B/L gross weight 385 kg above the packing list total",
        lambda f: _replace(f, "gross_weight_kg", f["gross_weight_kg"] + Decimal("385.0")),
    ),
    Seed(
        "shipped_after_latest_date",
        ("DATE-001",),
        "PO-2026-0438",
        "bl",
        "on_board_date",
        "shipped on board 2026-10-24, latest shipment date 2026-10-20",
        _late_shipment,
    ),
    Seed(
        "rohs_six_substances",
        ("ROHS-001",),
        "PO-2026-0438",
        "rohs",
        "substances",
        "RoHS report tests only the six original substances (no phthalates)",
        _six_substances,
    ),
    Seed(
        "doc_withdrawn_standard",
        ("STD-001", "CE-007"),
        "PO-2026-0438",
        "doc",
        "standards",
        "DoC cites withdrawn EN 60950-1 instead of EN 62368-1",
        lambda f: _replace_in_list(f, "standards", "EN 62368-1:2014+A11:2017", "EN 60950-1:2006+A2:2013"),
    ),
    Seed(
        "doc_missing_model",
        ("CE-005", "XDOC-008"),
        "PO-2026-0438",
        "doc",
        "models",
        "DoC lists only VX-PD20; ordered model VX-PB10K is not covered",
        _drop_model,
    ),
    Seed(
        "co_hs_code_differs",
        ("XDOC-010", "CO-010"),
        "PO-2026-0438",
        "co",
        "hs_codes",
        "CO gives 8507.80 for the power banks, the invoice 8507.60",
        _hs_code,
    ),
    Seed(
        "unit_price_differs",
        ("INV-006",),
        "PO-2026-0445",
        "inv",
        "lines",
        "JL-LB10 invoiced at 6.15 EUR, ordered at 5.95 EUR (line amount and total follow the higher price)",
        _unit_price,
    ),
    Seed(
        "lab_certificate_unknown_report",
        ("LAB-002",),
        "PO-2026-0445",
        "labcert",
        "report_numbers",
        "certificate cites report NBHCS26040290, which does not exist (the LVD report is NBHCS26040209)",
        lambda f: _replace(f, "report_numbers", ["NBHCS26040290"]),
    ),
    Seed(
        "report_expired",
        ("DATE-009", "LAB-007"),
        "PO-2026-0445",
        "lvd",
        "valid_until",
        "LVD report valid until 2026-10-13, shipped 2026-10-29",
        _expired,
    ),
    Seed(
        "co_invoice_number_differs",
        ("CO-012",),
        "PO-2026-0445",
        "co",
        "invoice_number",
        "CO box 10 cites invoice JL2026-181, the invoice is JL2026-118",
        lambda f: _replace(f, "invoice_number", "JL2026-181"),
    ),
    Seed(
        "rohs_over_limit_pass",
        ("ROHS-003",),
        "PO-2026-0445",
        "rohs",
        "substances",
        "Pb 1350 mg/kg above the 1000 mg/kg limit, conclusion still PASS",
        _lead_over_limit,
    ),
    Seed(
        "doc_without_signatory",
        ("CE-010",),
        "PO-2026-0422",
        "doc",
        "signatory_name",
        "DoC signed with a function but no signatory name",
        lambda f: _drop(f, "signatory_name"),
    ),
    Seed(
        "invoice_currency_differs",
        ("INV-003",),
        "PO-2026-0438",
        "inv",
        "currency",
        "invoice in EUR, the order is in USD (amounts unchanged)",
        lambda f: _replace(f, "currency", "EUR"),
    ),
    Seed(
        "bl_port_of_discharge_differs",
        ("BL-004",),
        "PO-2026-0445",
        "bl",
        "port_of_discharge",
        "B/L port of discharge Antwerp, the order's is Le Havre",
        lambda f: _replace(f, "port_of_discharge", "ANTWERP, BELGIUM"),
    ),
    Seed(
        "bl_packages_differ",
        ("XDOC-004", "BL-013", "PL-004"),
        "PO-2026-0445",
        "bl",
        "packages",
        "B/L counts 710 cartons, packing list and CO 700",
        lambda f: _replace(f, "packages", 710),
    ),
    Seed(
        "doc_missing",
        ("CE-001",),
        "PO-2026-0445",
        "doc",
        "doc_type",
        "no EU Declaration of Conformity for the order; only a lab certificate of compliance",
    ),
)
