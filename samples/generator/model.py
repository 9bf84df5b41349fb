"""The one data model each order's documents are rendered from.

A `Case` holds everything about one order and its shipment: the purchase order itself, the
products, the shipping and the compliance paperwork's identities. Document modules turn a case
into the canonical fields of one document (rich Python values); layouts print those values and
`truth.to_json` normalises the very same values into truth.json, so print and truth cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

CENT = Decimal("0.01")
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Party:
    """A name over printed address lines; the canonical address joins the lines with ", "."""

    name: str
    lines: tuple[str, ...]
    country: str  # ISO 3166-1 alpha-2
    phone: str = ""

    @property
    def address(self) -> str:
        return ", ".join(self.lines)


@dataclass(frozen=True)
class Product:
    """One order line and how it is packed."""

    model: str
    description: str
    hs_code: str
    quantity: int
    unit_price: Decimal
    per_carton: int
    carton_net_kg: Decimal
    carton_gross_kg: Decimal
    carton_cbm: Decimal
    unit: str = "pcs"
    mains_powered: bool = True

    @property
    def amount(self) -> Decimal:
        return (self.quantity * self.unit_price).quantize(CENT)

    @property
    def cartons(self) -> int:
        return -(-self.quantity // self.per_carton)

    @property
    def net_kg(self) -> Decimal:
        return (self.cartons * self.carton_net_kg).quantize(TENTH)

    @property
    def gross_kg(self) -> Decimal:
        return (self.cartons * self.carton_gross_kg).quantize(TENTH)

    @property
    def cbm(self) -> Decimal:
        return (self.cartons * self.carton_cbm).quantize(CENT)


@dataclass(frozen=True)
class Lab:
    name: str
    lines: tuple[str, ...]
    accreditation: str
    signatories: tuple[str, str] = ("Li Na", "Zhang Wei")  # tested by, approved by


@dataclass(frozen=True)
class Report:
    """A test report's identity; its content comes from the case."""

    kind: str  # RoHS | EMC | LVD | FOOD_CONTACT
    number: str
    lab: Lab
    models: tuple[str, ...]
    standards: tuple[str, ...]
    test_start: date
    test_end: date
    issue_date: date
    valid_until: date | None = None


@dataclass(frozen=True)
class LabCert:
    """A lab's voluntary "certificate of compliance" summarising one of the case's reports."""

    number: str
    report_kind: str
    issue_date: date
    valid_until: date


@dataclass(frozen=True)
class Shipment:
    carrier: str
    carrier_short: str
    bl_number: str
    vessel: str
    voyage: str
    place_of_receipt: str
    place_of_delivery: str
    on_board_date: date
    containers: tuple[str, ...]
    seals: tuple[str, ...]
    container_type: str = "40HQ"


@dataclass(frozen=True)
class Case:
    """One purchase order with everything printed on its documents."""

    po_number: str
    order_date: date
    buyer: Party
    supplier: Party
    consignee: Party
    notify_party: Party
    incoterm: str
    incoterm_place: str
    currency: str
    port_of_loading: str
    port_of_discharge: str
    destination_country: str
    destination_country_name: str
    products: tuple[Product, ...]
    product_name: str
    invoice_number: str
    invoice_date: date
    co_number: str
    co_issue_date: date
    co_authority: str
    doc_place: str
    doc_date: date
    doc_signatory: str
    doc_function: str
    directives: tuple[str, ...]
    doc_standards: tuple[str, ...]
    shipment: Shipment
    reports: tuple[Report, ...]
    shipping_marks: tuple[str, ...]
    lc_number: str | None = None
    latest_shipment_date: date | None = None
    food_market: str | None = None
    lab_certificate: LabCert | None = None
    extra_required: tuple[str, ...] = field(default_factory=tuple)

    @property
    def models(self) -> tuple[str, ...]:
        return tuple(p.model for p in self.products)

    @property
    def total_amount(self) -> Decimal:
        return sum((p.amount for p in self.products), Decimal("0.00"))

    @property
    def packages(self) -> int:
        return sum(p.cartons for p in self.products)

    @property
    def net_kg(self) -> Decimal:
        return sum((p.net_kg for p in self.products), Decimal("0.0"))

    @property
    def gross_kg(self) -> Decimal:
        return sum((p.gross_kg for p in self.products), Decimal("0.0"))

    @property
    def cbm(self) -> Decimal:
        return sum((p.cbm for p in self.products), Decimal("0.00"))

    def report(self, kind: str) -> Report | None:
        return next((r for r in self.reports if r.kind == kind), None)
