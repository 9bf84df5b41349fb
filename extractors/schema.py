"""The canonical fields of each document type (CONTRACT.md), as typed models.

Extractors store each field's value in `ExtractedField.value`; `typed_view` validates those
values into the model of the document's type, which is what the rules read. Dates are
`date`, amounts and weights `Decimal` (kg), counts `int`, codes upper-case strings.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

from extractors.datamodel import DocType, ExtractedDocument


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Party(_Model):
    name: str
    address: str | None = None


class InvoiceLine(_Model):
    model: str | None = None
    description: str | None = None
    hs_code: str | None = None
    quantity: int | None = None
    unit: str | None = None
    unit_price: Decimal | None = None
    amount: Decimal | None = None


class PackingLine(_Model):
    model: str | None = None
    description: str | None = None
    quantity: int | None = None
    packages: int | None = None
    net_weight_kg: Decimal | None = None
    gross_weight_kg: Decimal | None = None


class SubstanceResult(_Model):
    result: str | None = None  # as printed after normalising: "ND", "12", "<2"
    limit: str | None = None


class CommercialInvoice(_Model):
    invoice_number: str | None = None
    invoice_date: date | None = None
    seller: Party | None = None
    buyer: Party | None = None
    po_number: str | None = None
    lc_number: str | None = None
    incoterm: str | None = None
    incoterm_place: str | None = None
    currency: str | None = None
    lines: list[InvoiceLine] = []
    total_amount: Decimal | None = None
    country_of_origin: str | None = None
    port_of_loading: str | None = None
    port_of_discharge: str | None = None


class PackingList(_Model):
    invoice_number: str | None = None
    po_number: str | None = None
    lines: list[PackingLine] = []
    total_packages: int | None = None
    total_net_weight_kg: Decimal | None = None
    total_gross_weight_kg: Decimal | None = None
    total_measurement_cbm: Decimal | None = None
    shipping_marks: str | None = None


class BillOfLading(_Model):
    bl_number: str | None = None
    shipper: Party | None = None
    consignee: Party | None = None
    notify_party: Party | None = None
    vessel: str | None = None
    voyage: str | None = None
    port_of_loading: str | None = None
    port_of_discharge: str | None = None
    place_of_receipt: str | None = None
    place_of_delivery: str | None = None
    on_board_date: date | None = None
    issue_date: date | None = None
    number_of_originals: int | None = None
    container_numbers: list[str] = []
    seal_numbers: list[str] = []
    packages: int | None = None
    gross_weight_kg: Decimal | None = None
    measurement_cbm: Decimal | None = None
    description: str | None = None
    freight_terms: str | None = None  # "PREPAID" | "COLLECT" as printed, upper-case
    carrier: str | None = None


class CertificateOfOrigin(_Model):
    certificate_number: str | None = None
    exporter: Party | None = None
    consignee: Party | None = None
    transport: str | None = None
    port_of_loading: str | None = None
    port_of_discharge: str | None = None
    destination_country: str | None = None
    country_of_origin: str | None = None
    hs_codes: list[str] = []
    description: str | None = None
    packages: int | None = None
    gross_weight_kg: Decimal | None = None
    invoice_number: str | None = None
    invoice_date: date | None = None
    issue_date: date | None = None
    issuing_authority: str | None = None
    origin_criterion: str | None = None


class DeclarationOfConformity(_Model):
    manufacturer: Party | None = None
    product_name: str | None = None
    models: list[str] = []
    directives: list[str] = []
    standards: list[str] = []
    notified_body_number: str | None = None
    place_of_issue: str | None = None
    issue_date: date | None = None
    signatory_name: str | None = None
    signatory_function: str | None = None


ReportType = Literal["RoHS", "EMC", "LVD", "RED", "FOOD_CONTACT", "other"]


class TestReport(_Model):
    __test__ = False  # not a pytest class

    report_type: ReportType | None = None
    report_number: str | None = None
    issuer: str | None = None
    applicant: Party | None = None
    manufacturer: Party | None = None
    product_name: str | None = None
    models: list[str] = []
    standards: list[str] = []
    test_date: date | None = None
    issue_date: date | None = None
    valid_until: date | None = None
    conclusion: Literal["PASS", "FAIL"] | None = None
    substances: dict[str, SubstanceResult] = {}


class LabCertificate(_Model):
    certificate_number: str | None = None
    issuer: str | None = None
    holder: Party | None = None
    manufacturer: Party | None = None
    product_name: str | None = None
    models: list[str] = []
    directives: list[str] = []
    standards: list[str] = []
    report_numbers: list[str] = []
    issue_date: date | None = None
    valid_until: date | None = None


class Unknown(_Model):
    pass


SCHEMAS: dict[DocType, type[_Model]] = {
    DocType.COMMERCIAL_INVOICE: CommercialInvoice,
    DocType.PACKING_LIST: PackingList,
    DocType.BILL_OF_LADING: BillOfLading,
    DocType.CERTIFICATE_OF_ORIGIN: CertificateOfOrigin,
    DocType.DECLARATION_OF_CONFORMITY: DeclarationOfConformity,
    DocType.TEST_REPORT: TestReport,
    DocType.LAB_CERTIFICATE: LabCertificate,
    DocType.UNKNOWN: Unknown,
}


def field_names(doc_type: DocType) -> tuple[str, ...]:
    return tuple(SCHEMAS[doc_type].model_fields)


def typed_view(doc: ExtractedDocument) -> _Model:
    """The document's field values validated into its type's model (evidence stays on `doc`)."""
    values = {name: f.value for name, f in doc.fields.items() if f.value is not None}
    return SCHEMAS[doc.doc_type].model_validate(values)
