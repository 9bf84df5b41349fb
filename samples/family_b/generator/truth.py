"""Canonical field values of every document of a case, and the case's order record.

Values are plain Python (str, int, Decimal, date, dicts for parties and lines); the build
step keeps only the fields a layout prints and validates them into `extractors.schema`.
"""

from __future__ import annotations

import random
from typing import Any

import pycountry

from extractors.identifiers import iso6346_check_digit

from .world import Case, Company, Container, Report

Values = dict[str, Any]

#: RoHS Annex II (as amended by (EU) 2015/863) in mg/kg, keyed as the reports print the symbol.
ROHS_LIMITS: dict[str, str] = {
    "Pb": "1000",
    "Hg": "1000",
    "Cd": "100",
    "Cr(VI)": "1000",
    "PBBs": "1000",
    "PBDEs": "1000",
    "DEHP": "1000",
    "BBP": "1000",
    "DBP": "1000",
    "DIBP": "1000",
}


def country_name(code: str) -> str:
    """The country as the documents print it (China, not "China, People's Republic of")."""
    return {"CN": "China", "NL": "The Netherlands"}.get(code) or pycountry.countries.get(alpha_2=code).name


def party(company: Company) -> Values:
    return {"name": company.name, "address": company.address}


def container_number(container: Container) -> str:
    return f"{container.owner_serial}{iso6346_check_digit(container.owner_serial)}"


def invoice(case: Case) -> Values:
    values: Values = {
        "invoice_number": case.invoice_number,
        "invoice_date": case.invoice_date,
        "seller": party(case.supplier),
        "buyer": party(case.buyer),
        "po_number": case.po_number,
        "incoterm": case.incoterm,
        "incoterm_place": case.incoterm_place,
        "currency": case.currency,
        "lines": [
            {
                "model": i.model,
                "description": i.description,
                "hs_code": i.hs_code,
                "quantity": i.quantity,
                "unit": i.unit,
                "unit_price": i.unit_price,
                "amount": i.amount,
            }
            for i in case.items
        ],
        "total_amount": case.total_amount,
        "country_of_origin": country_name(case.supplier.country),
        "port_of_loading": case.port_of_loading,
        "port_of_discharge": case.port_of_discharge,
    }
    if case.lc_number:
        values["lc_number"] = case.lc_number
    return values


def packing_list(case: Case) -> Values:
    return {
        "invoice_number": case.invoice_number,
        "po_number": case.po_number,
        "lines": [
            {
                "model": i.model,
                "description": i.description,
                "quantity": i.quantity,
                "packages": i.cartons,
                "net_weight_kg": i.net_kg,
                "gross_weight_kg": i.gross_kg,
            }
            for i in case.items
        ],
        "total_packages": case.total_cartons,
        "total_net_weight_kg": case.total_net_kg,
        "total_gross_weight_kg": case.total_gross_kg,
        "total_measurement_cbm": case.total_cbm,
        "shipping_marks": ", ".join(case.shipping_marks),
    }


def bill_of_lading(case: Case) -> Values:
    s = case.shipment
    values: Values = {
        "bl_number": s.bl_number,
        "shipper": party(case.supplier),
        "consignee": party(case.consignee),
        "notify_party": party(case.notify_party),
        "vessel": s.vessel,
        "voyage": s.voyage,
        "port_of_loading": case.port_of_loading,
        "port_of_discharge": case.port_of_discharge,
        "place_of_receipt": s.place_of_receipt,
        "place_of_delivery": s.place_of_delivery,
        "on_board_date": s.on_board_date,
        "issue_date": s.issue_date,
        "container_numbers": [container_number(c) for c in s.containers],
        "seal_numbers": [c.seal for c in s.containers],
        "packages": case.total_cartons,
        "gross_weight_kg": case.total_gross_kg,
        "measurement_cbm": case.total_cbm,
        "description": s.general_description,
        # Incoterms 2020: the seller pays main carriage under C-terms only.
        "freight_terms": "PREPAID" if case.incoterm.startswith("C") else "COLLECT",
        "carrier": s.carrier,
    }
    if s.number_of_originals is not None:
        values["number_of_originals"] = s.number_of_originals
    return values


def certificate_of_origin(case: Case) -> Values:
    return {
        "certificate_number": case.origin.certificate_number,
        "exporter": party(case.supplier),
        "consignee": party(case.buyer),
        "transport": "BY SEA",
        "port_of_loading": case.port_of_loading,
        "port_of_discharge": case.port_of_discharge,
        "destination_country": country_name(case.destination_country).upper(),  # box 4 is in capitals
        "country_of_origin": country_name(case.supplier.country),
        "hs_codes": list(dict.fromkeys(i.hs_code for i in case.items)),
        "description": case.shipment.general_description,
        "packages": case.total_cartons,
        "gross_weight_kg": case.total_gross_kg,
        "invoice_number": case.invoice_number,
        "invoice_date": case.invoice_date,
        "issue_date": case.origin.issue_date,
        "issuing_authority": case.origin.issuing_authority,
    }


def printed_acts(directives: tuple[str, ...]) -> list[str]:
    """The acts a declaration cites: RoHS with its amending act (EU) 2015/863 on a line of its own,
    as real declarations print it and their hand labels count it."""
    return [act for d in directives for act in ((d, "(EU) 2015/863") if d == "2011/65/EU" else (d,))]


def declaration_of_conformity(case: Case) -> Values:
    d = case.declaration
    return {
        "manufacturer": party(case.supplier),
        "product_name": case.product_name,
        "models": case.models,
        "directives": printed_acts(d.directives),
        "standards": list(d.standards),
        "place_of_issue": d.place,
        "issue_date": d.issue_date,
        "signatory_name": d.signatory_name,
        "signatory_function": d.signatory_function,
    }


def substances(report: Report) -> dict[str, Values]:
    """Seeded results: mostly not detected, a few traces well under the limit."""
    rng = random.Random(report.number)
    traces = {"Pb": (8, 60), "Cd": (3, 12), "DEHP": (60, 180)}  # all above the MDLs the reports print
    results: dict[str, Values] = {}
    for name, limit in ROHS_LIMITS.items():
        span = traces.get(name)
        result = str(rng.randint(*span)) if span and rng.random() < 0.6 else "ND"
        results[name] = {"result": result, "limit": limit}
    return results


def test_report(case: Case, report_type: str) -> Values:
    r = case.report(report_type)
    values: Values = {
        "report_type": r.report_type,
        "report_number": r.number,
        "issuer": r.lab.name,
        "applicant": party(case.supplier),
        "manufacturer": party(case.supplier),
        "product_name": case.product_name,
        "models": case.models,
        "standards": list(r.standards),
        "test_date": r.test_date,
        "issue_date": r.issue_date,
        "conclusion": "PASS",
    }
    if report_type == "RoHS":
        values["substances"] = substances(r)
    return values


def _order_party(company: Company) -> Values:
    return {"name": company.name, "address": company.address, "country": company.country}


def order_record(case: Case) -> Values:
    """The buyer's PO as the contract's order record (JSON-ready)."""
    certificates: list[Values] = [{"type": "DOC", "directives": list(case.declaration.directives)}]
    certificates += [{"type": r.report_type} for r in case.reports]
    record: Values = {
        "po_number": case.po_number,
        "order_date": case.order_date.isoformat(),
        "buyer": _order_party(case.buyer),
        "supplier": _order_party(case.supplier),
        "consignee": _order_party(case.consignee),
        "notify_party": _order_party(case.notify_party),
        "incoterm": case.incoterm,
        "incoterm_place": case.incoterm_place,
        "currency": case.currency,
        "latest_shipment_date": case.latest_shipment_date.isoformat(),
        "port_of_loading": case.port_of_loading,
        "port_of_discharge": case.port_of_discharge,
        "destination_country": case.destination_country,
        "lines": [
            {
                "line": n,
                "model": i.model,
                "description": i.description,
                "hs_code": i.hs_code,
                "quantity": i.quantity,
                "unit": i.unit,
                "unit_price": str(i.unit_price),
            }
            for n, i in enumerate(case.items, start=1)
        ],
        "total_amount": str(case.total_amount),
        "packages": case.total_cartons,
        "gross_weight_kg": str(case.total_gross_kg),
        "required_certificates": certificates,
    }
    if case.lc_number:
        record["lc_number"] = case.lc_number
    return record


BUILDERS = {
    "commercial_invoice": invoice,
    "packing_list": packing_list,
    "bill_of_lading": bill_of_lading,
    "certificate_of_origin": certificate_of_origin,
    "declaration_of_conformity": declaration_of_conformity,
    "unknown": lambda case: {},
}


def values_for(case: Case, doc_type: str, report_type: str | None = None) -> Values:
    if doc_type == "test_report":
        assert report_type is not None
        return test_report(case, report_type)
    return BUILDERS[doc_type](case)
