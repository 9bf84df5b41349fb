"""The data model of one order's world: parties, goods, shipment and compliance papers.

Everything a document prints comes from here; `truth` turns it into canonical field values.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Company(_Frozen):
    name: str
    address_lines: tuple[str, ...]
    country: str  # ISO 3166-1 alpha-2
    phone: str = ""

    @property
    def address(self) -> str:
        return ", ".join(self.address_lines)


class Item(_Frozen):
    """One order line plus how the factory packs it."""

    model: str
    description: str
    hs_code: str
    quantity: int
    unit: str
    unit_price: Decimal
    per_carton: int
    carton_net_kg: Decimal
    carton_gross_kg: Decimal
    carton_cbm: Decimal

    @property
    def amount(self) -> Decimal:
        return (self.quantity * self.unit_price).quantize(Decimal("0.01"))

    @property
    def cartons(self) -> int:
        return self.quantity // self.per_carton

    @property
    def net_kg(self) -> Decimal:
        return self.cartons * self.carton_net_kg

    @property
    def gross_kg(self) -> Decimal:
        return self.cartons * self.carton_gross_kg

    @property
    def cbm(self) -> Decimal:
        return self.cartons * self.carton_cbm


class Container(_Frozen):
    owner_serial: str  # owner code, category and serial: the check digit is computed
    seal: str
    size_type: str


class Shipment(_Frozen):
    carrier: str
    carrier_address: tuple[str, ...]
    document_title: str  # "BILL OF LADING" or "SEA WAYBILL"
    bl_number: str
    vessel: str
    voyage: str
    place_of_receipt: str
    place_of_delivery: str
    containers: tuple[Container, ...]
    on_board_date: date
    issue_date: date
    place_of_issue: str
    number_of_originals: int | None  # None: a sea waybill has no originals
    general_description: str


class Lab(_Frozen):
    name: str
    address_lines: tuple[str, ...]
    accreditation: str


class Report(_Frozen):
    report_type: str  # RoHS | EMC | LVD
    number: str
    lab: Lab
    standards: tuple[str, ...]
    received: date
    test_date: date
    issue_date: date
    engineer: str
    approver: str


class Declaration(_Frozen):
    number: str
    directives: tuple[str, ...]
    standards: tuple[str, ...]
    place: str
    issue_date: date
    signatory_name: str
    signatory_function: str


class Origin(_Frozen):
    certificate_number: str
    issuing_authority: str
    issue_date: date
    exporter_declaration_place: str


class Case(_Frozen):
    """One purchase order and everything its paperwork says."""

    po_number: str
    order_date: date
    buyer: Company
    supplier: Company
    consignee: Company
    notify_party: Company
    incoterm: str
    incoterm_place: str
    currency: str
    lc_number: str | None
    latest_shipment_date: date
    port_of_loading: str
    port_of_discharge: str
    destination_country: str
    product_name: str
    items: tuple[Item, ...]
    invoice_number: str
    invoice_date: date
    packing_list_date: date
    shipping_marks: tuple[str, ...]
    shipment: Shipment
    origin: Origin
    declaration: Declaration
    reports: tuple[Report, ...]
    mains_powered: bool

    @property
    def total_amount(self) -> Decimal:
        return sum((item.amount for item in self.items), Decimal("0.00"))

    @property
    def total_cartons(self) -> int:
        return sum(item.cartons for item in self.items)

    @property
    def total_net_kg(self) -> Decimal:
        return sum((item.net_kg for item in self.items), Decimal("0"))

    @property
    def total_gross_kg(self) -> Decimal:
        return sum((item.gross_kg for item in self.items), Decimal("0"))

    @property
    def total_cbm(self) -> Decimal:
        return sum((item.cbm for item in self.items), Decimal("0"))

    @property
    def models(self) -> list[str]:
        return [item.model for item in self.items]

    def report(self, report_type: str) -> Report:
        return next(r for r in self.reports if r.report_type == report_type)
