"""The family's plan (which document of which order in which layout and rendering) and its build."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from extractors.datamodel import DocType
from extractors.schema import SCHEMAS
from rules.order import Order

from . import truth
from .cases import BLENDERS, LIGHTS, SCALES
from .discrepancies import TAMPERS, Tamper
from .layouts import Layout
from .layouts.conformity import CONFORMITY_LAYOUTS
from .layouts.invoice import INVOICE_LAYOUTS
from .layouts.lading import LADING_LAYOUTS
from .layouts.origin import ORIGIN_LAYOUTS
from .layouts.packing import PACKING_LAYOUTS
from .layouts.reports import REPORT_LAYOUTS
from .layouts.unrelated import UNRELATED_LAYOUTS
from .scan import EXTENSIONS, RenderKind, deliver
from .world import Case

LAYOUTS: dict[str, Layout] = {
    layout.name: layout
    for layout in (
        *INVOICE_LAYOUTS,
        *PACKING_LAYOUTS,
        *LADING_LAYOUTS,
        *ORIGIN_LAYOUTS,
        *CONFORMITY_LAYOUTS,
        *REPORT_LAYOUTS,
        *UNRELATED_LAYOUTS,
    )
}


@dataclass(frozen=True)
class Planned:
    case: Case
    stem: str  # path in the inbox without extension; a folder only when filed under its PO
    layout: str
    render: RenderKind
    report_type: str | None = None
    linked: bool = True  # False: the file belongs to no order (truth po_number null)

    @property
    def path(self) -> str:
        return f"{self.stem}.{EXTENSIONS[self.render]}"


PLAN: tuple[Planned, ...] = (
    Planned(BLENDERS, "4500817265/CI_MY26-E0917", "invoice-bilingual-grid", "text"),
    Planned(BLENDERS, "4500817265/PL_MY26-E0917", "packing-zebra-bilingual", "scan-pdf"),
    Planned(BLENDERS, "4500817265/BL_COSU6384920170", "bl-carrier-grid", "text"),
    Planned(BLENDERS, "4500817265/CO_26C4406A1873", "co-ccpit-us-dates", "png"),
    Planned(BLENDERS, "4500817265/EU-DoC hand blenders", "doc-annex-iii-numbered", "text"),
    Planned(BLENDERS, "4500817265/RoHS_HX26060418R", "rohs-substance-rows", "scan-pdf", "RoHS"),
    Planned(BLENDERS, "4500817265/EMC_HX26060523E", "emc-summary-iso", "text", "EMC"),
    Planned(BLENDERS, "LVD_HX26060524S_MY-HB602", "lvd-clause-checklist", "text", "LVD"),
    Planned(LIGHTS, "CL-260093/Invoice BWL-EX-261008-2", "invoice-euro-zebra", "text"),
    Planned(LIGHTS, "CL-260093/packing list", "packing-unruled-eu", "text"),
    Planned(LIGHTS, "CL-260093/scan_BL_EGLV142600381275", "bl-labels-right", "scan-pdf"),
    Planned(LIGHTS, "CL-260093/CO_26C3502B0671", "co-ccpit-long-dates", "text"),
    Planned(LIGHTS, "CL-260093/IMG_20261012_094415", "doc-letter", "photo"),
    Planned(LIGHTS, "RK-R2604-0712 RoHS report", "rohs-substance-columns-landscape", "text", "RoHS"),
    Planned(LIGHTS, "CL-260093/EMC_RK-E2604-0715", "emc-summary-dotted", "png", "EMC"),
    Planned(LIGHTS, "CL-260093/LVD_RK-S2604-0716", "lvd-clause-checklist-dotted", "text", "LVD"),
    Planned(SCALES, "ZAM-2026-0412/invoice_scan", "invoice-typewriter", "jpeg"),
    Planned(SCALES, "ZAM-2026-0412/PL_KYE2610-0388", "packing-pounds", "text"),
    Planned(SCALES, "ZAM-2026-0412/SWB_HLCUSHA2610BQ742", "sea-waybill", "text"),
    Planned(SCALES, "ZAM-2026-0412/CO_26C3205A2204", "co-ccpit-iso-dates", "scan-pdf"),
    Planned(SCALES, "DoC_KY-KS500_KY-KS520B", "doc-annex-iii-numbered", "text"),
    Planned(SCALES, "ZAM-2026-0412/RoHS_TPT-26R-07193", "rohs-substance-rows-long-dates", "tiff", "RoHS"),
    Planned(SCALES, "ZAM-2026-0412/EMC_TPT-26E-07208", "emc-summary-long", "text", "EMC"),
    Planned(LIGHTS, "Brightway catalogue 2027", "catalogue-page", "text", linked=False),
)


def document_values(planned: Planned, tampers: tuple[Tamper, ...]) -> tuple[BaseModel, list[dict[str, Any]]]:
    """The validated field values the document prints, and the discrepancies seeded into them."""
    layout = LAYOUTS[planned.layout]
    values = layout.select(truth.values_for(planned.case, layout.doc_type, planned.report_type))
    seeded = []
    for tamper in (t for t in tampers if t.file == planned.stem):
        expected, found = tamper.mutate(values)
        seeded.append(
            {
                "id": tamper.id,
                "kind": tamper.kind,
                "rules": list(tamper.rules),
                "po_number": tamper.po_number,
                "file": planned.path,
                "field": tamper.field,
                "expected": expected,
                "found": found,
                "note": tamper.note,
            }
        )
    return SCHEMAS[DocType(layout.doc_type)].model_validate(values), seeded


def truth_entry(planned: Planned, fields: dict[str, Any]) -> dict[str, Any]:
    return {
        "doc_type": LAYOUTS[planned.layout].doc_type,
        "po_number": planned.case.po_number if planned.linked else None,
        "layout": planned.layout,
        "render": "jpeg" if planned.render == "photo" else planned.render,
        "method": "text" if planned.render == "text" else "ocr",
        "fields": fields,
        "problems": [],
    }


def orders() -> list[dict[str, Any]]:
    records = [truth.order_record(case) for case in (BLENDERS, LIGHTS, SCALES)]
    for record in records:
        Order.model_validate(record)  # fail the build, not the consumers, on a bad record
    return records


def build(out: Path) -> dict[str, Any]:
    """Writes inbox/, orders.json and truth.json under `out`; returns the truth document."""
    inbox = out / "inbox"
    documents: dict[str, Any] = {}
    discrepancies: list[dict[str, Any]] = []
    for planned in PLAN:
        model, seeded = document_values(planned, TAMPERS)
        pdf = LAYOUTS[planned.layout].render(model, planned.case)
        target = inbox / planned.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(deliver(pdf, planned.render, planned.path))
        documents[planned.path] = truth_entry(planned, model.model_dump(mode="json", exclude_unset=True))
        discrepancies += seeded
    result = {
        "generator": "samples/family_b/generate.py",
        "family": "B",
        "documents": documents,
        "discrepancies": sorted(discrepancies, key=lambda d: d["id"]),
    }
    (out / "orders.json").write_text(json.dumps(orders(), indent=2, ensure_ascii=False) + "\n")
    (out / "truth.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return result
