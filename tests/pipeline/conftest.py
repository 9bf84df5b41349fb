from __future__ import annotations

import copy
from typing import Any

import pytest

ORDER: dict[str, Any] = {
    "po_number": "PO-2026-0417",
    "order_date": "2026-08-03",
    "buyer": {"name": "Nordlicht Haushaltswaren GmbH", "address": "Hafenstr. 1, Hamburg", "country": "DE"},
    "supplier": {"name": "Ningbo Hengda Electric Appliance Co., Ltd.", "address": "Cixi", "country": "CN"},
    "consignee": {
        "name": "Nordlicht Haushaltswaren GmbH",
        "address": "Hafenstr. 1, Hamburg",
        "country": "DE",
    },
    "incoterm": "FOB",
    "incoterm_place": "Ningbo",
    "currency": "USD",
    "lc_number": "LC-DE-88812",
    "latest_shipment_date": "2026-10-15",
    "port_of_loading": "Ningbo, China",
    "port_of_discharge": "Hamburg, Germany",
    "destination_country": "DE",
    "lines": [
        {
            "line": 1,
            "model": "HD-K1702",
            "description": "Electric kettle 1.7 L, 2200 W",
            "hs_code": "8516.71",
            "quantity": 2400,
            "unit": "pcs",
            "unit_price": "6.85",
        }
    ],
    "total_amount": "16440.00",
    "packages": 400,
    "gross_weight_kg": "5120.0",
    "required_certificates": [
        {"type": "DOC", "directives": ["2014/35/EU", "2014/30/EU", "2011/65/EU"]},
        {"type": "RoHS"},
        {"type": "EMC"},
        {"type": "LVD"},
        {"type": "FOOD_CONTACT", "market": "FR"},
    ],
}


@pytest.fixture
def order() -> dict[str, Any]:
    return copy.deepcopy(ORDER)
