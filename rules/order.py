"""The order record (CONTRACT.md, "The order record"): what every document is checked against."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class OrderParty(_Strict):
    name: str
    address: str | None = None
    country: str | None = None


class OrderLine(_Strict):
    line: int
    model: str
    description: str | None = None
    hs_code: str | None = None
    quantity: int
    unit: str | None = None
    unit_price: Decimal | None = None


CertificateType = Literal["DOC", "RoHS", "EMC", "LVD", "RED", "FOOD_CONTACT", "LAB_CERTIFICATE"]


class RequiredCertificate(_Strict):
    type: CertificateType
    directives: list[str] = Field(default_factory=list)
    market: str | None = None


class Order(_Strict):
    po_number: str
    order_date: date | None = None
    buyer: OrderParty
    supplier: OrderParty
    consignee: OrderParty | None = None
    notify_party: OrderParty | None = None
    incoterm: str | None = None
    incoterm_place: str | None = None
    currency: str | None = None
    lc_number: str | None = None
    latest_shipment_date: date | None = None
    port_of_loading: str | None = None
    port_of_discharge: str | None = None
    destination_country: str | None = None
    lines: list[OrderLine] = Field(default_factory=list)
    total_amount: Decimal | None = None
    packages: int | None = None
    gross_weight_kg: Decimal | None = None
    required_certificates: list[RequiredCertificate] = Field(default_factory=list)

    @property
    def models(self) -> list[str]:
        return [line.model for line in self.lines]
