"""Builds family A: orders.json, the inbox of documents and truth.json, the same bytes every run."""

from __future__ import annotations

import argparse
import json
import random
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from samples.generator.catalogue import build_cases
from samples.generator.common import Fields, Style
from samples.generator.discrepancies import SEEDS, Seed
from samples.generator.model import Case, Party
from samples.generator.oddities import EMAIL, encryption, write_blank_invoice, write_docx, write_truncated
from samples.generator.pdf import Sheet
from samples.generator.plan import PLAN, SPECS, Placement
from samples.generator.scan import ScanSettings, scan
from samples.generator.truth import to_json

SEED = 20261126
SAMPLES = Path(__file__).resolve().parents[1]


@dataclass
class Built:
    placement: Placement
    case: Case
    style: Style
    fields: Fields


def _party_record(party: Party) -> dict[str, str]:
    return {"name": party.name, "address": party.address, "country": party.country}


def order_record(case: Case) -> dict[str, Any]:
    """The purchase order exactly in the contract's order-record shape."""
    record: dict[str, Any] = {
        "po_number": case.po_number,
        "order_date": case.order_date.isoformat(),
        "buyer": _party_record(case.buyer),
        "supplier": _party_record(case.supplier),
        "consignee": _party_record(case.consignee),
        "notify_party": _party_record(case.notify_party),
        "incoterm": case.incoterm,
        "incoterm_place": case.incoterm_place,
        "currency": case.currency,
    }
    if case.lc_number:
        record["lc_number"] = case.lc_number
    if case.latest_shipment_date:
        record["latest_shipment_date"] = case.latest_shipment_date.isoformat()
    record |= {
        "port_of_loading": case.port_of_loading,
        "port_of_discharge": case.port_of_discharge,
        "destination_country": case.destination_country,
        "lines": [
            {
                "line": i,
                "model": p.model,
                "description": p.description,
                "hs_code": p.hs_code,
                "quantity": p.quantity,
                "unit": p.unit,
                "unit_price": str(p.unit_price),
            }
            for i, p in enumerate(case.products, 1)
        ],
        "total_amount": str(case.total_amount),
        "packages": case.packages,
        "gross_weight_kg": to_json(case.gross_kg, "gross_weight_kg"),
        "required_certificates": _required(case),
    }
    return record


def _required(case: Case) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = [
        {"type": "DOC", "directives": [d for d in case.directives if "2015/863" not in d]}
    ]
    out += [{"type": r.kind} for r in case.reports if r.kind in {"RoHS", "EMC", "LVD"}]
    if "FOOD_CONTACT" in case.extra_required:
        out.append({"type": "FOOD_CONTACT", "market": case.food_market})
    if "LAB_CERTIFICATE" in case.extra_required:
        out.append({"type": "LAB_CERTIFICATE"})
    return out


def build_documents(cases: dict[str, Case]) -> dict[tuple[str, str], Built]:
    built = {}
    for placement in PLAN:
        case = cases[placement.po_number]
        style = Style.draw(random.Random(f"{placement.po_number}/{placement.doc}"), placement.bilingual)
        built[(placement.po_number, placement.doc)] = Built(
            placement, case, style, SPECS[placement.doc].fields(case, style)
        )
    return built


def apply_seeds(built: dict[tuple[str, str], Built]) -> list[dict[str, Any]]:
    return [_apply(i, seed, built) for i, seed in enumerate(SEEDS, 1)]


def _apply(number: int, seed: Seed, built: dict[tuple[str, str], Built]) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": f"d{number:02d}",
        "kind": seed.kind,
        "rules": list(seed.rules),
        "po_number": seed.po_number,
    }
    target = built.get((seed.po_number, seed.doc))
    if seed.apply is None:
        if target is not None:
            raise ValueError(
                f"{seed.kind}: {seed.doc} of {seed.po_number} is meant to be missing but is planned"
            )
        expected, found, file = SPECS[seed.doc].doc_type, None, None
    else:
        if target is None:
            raise ValueError(f"{seed.kind}: no {seed.doc} planned for {seed.po_number}")
        expected, found = seed.apply(target.fields)
        file = target.placement.path
    return entry | {
        "file": file,
        "field": seed.field,
        "expected": to_json(expected, seed.field),
        "found": to_json(found, seed.field),
        "note": seed.note,
    }


def render_pdf(item: Built, target: Path, encrypt: object | None = None) -> int:
    target.parent.mkdir(parents=True, exist_ok=True)
    sheet = Sheet(target, encrypt=encrypt)
    SPECS[item.placement.doc].layouts[item.placement.layout](sheet, item.fields, item.case, item.style)
    sheet.save()
    return sheet.pages


def write_document(item: Built, inbox: Path, scratch: Path) -> None:
    p = item.placement
    target = inbox / p.path
    if p.render == "text":
        render_pdf(item, target)
        return
    source = scratch / f"{p.po_number}-{p.doc}.pdf"
    render_pdf(item, source)
    photo = p.render == "jpeg"
    settings = ScanSettings(dpi=220 if photo else 200, turn=p.turn, photo=photo)
    scan(source, target, p.render, settings, seed=p.path)


def truth_entry(item: Built) -> dict[str, Any]:
    p = item.placement
    return {
        "doc_type": SPECS[p.doc].doc_type,
        "po_number": p.po_number,
        "layout": p.layout,
        "render": p.render,
        "method": "text" if p.render == "text" else "ocr",
        "fields": to_json(item.fields),
        "problems": [],
    }


def _odd(
    doc_type: str,
    render: str,
    problems: list[str],
    layout: str = "none",
    po_number: str | None = None,
    fields: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "doc_type": doc_type,
        "po_number": po_number,
        "layout": layout,
        "render": render,
        "method": "text",
        "fields": fields or {},
        "problems": problems,
    }


def write_oddities(
    built: dict[tuple[str, str], Built], inbox: Path, scratch: Path, truth: dict[str, dict[str, Any]]
) -> None:
    odd = inbox / "unsorted"
    odd.mkdir(parents=True, exist_ok=True)
    pl = built[("PO-2026-0460", "pl")]
    source = scratch / "truncate-me.pdf"
    render_pdf(pl, source)
    write_truncated(source, odd / "download.pdf")
    truth["unsorted/download.pdf"] = _odd("unknown", "text", ["truncated"])
    render_pdf(built[("PO-2026-0438", "pl")], odd / "secure_doc.pdf", encrypt=encryption("voltix2026"))
    truth["unsorted/secure_doc.pdf"] = _odd("unknown", "text", ["encrypted"])
    (odd / "email_from_supplier.txt").write_text(EMAIL, encoding="utf-8")
    truth["unsorted/email_from_supplier.txt"] = _odd("unknown", "text", ["unsupported file type"])
    write_docx(
        odd / "Shipping instructions.docx",
        [
            "Shipping instructions PO-2026-0460",
            "Consignee: Hogar Vital Distribuciones S.L., Madrid",
            "Port of discharge: Valencia, Spain",
            "Notify: Transitarios Levante S.A.",
        ],
    )
    truth["unsorted/Shipping instructions.docx"] = _odd("unknown", "text", ["unsupported file type"])
    original = built[("PO-2026-0431", "inv")].placement.path
    shutil.copyfile(inbox / original, odd / "documents (3).pdf")
    twin = truth[original]
    truth["unsorted/documents (3).pdf"] = twin | {"problems": ["duplicate"]}
    write_blank_invoice(odd / "form.pdf")
    truth["unsorted/form.pdf"] = _odd("commercial_invoice", "text", ["blank form"], layout="invoice-boxed")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate sample family A (deterministic).")
    parser.add_argument(
        "--out", type=Path, default=SAMPLES, help="folder for inbox/, orders.json, truth.json"
    )
    out: Path = parser.parse_args(argv).out
    cases = {c.po_number: c for c in build_cases(random.Random(SEED))}
    built = build_documents(cases)
    discrepancies = apply_seeds(built)
    inbox = out / "inbox"
    shutil.rmtree(inbox, ignore_errors=True)
    truth: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for item in built.values():
            write_document(item, inbox, Path(tmp))
            truth[item.placement.path] = truth_entry(item)
        write_oddities(built, inbox, Path(tmp), truth)
    orders = [order_record(c) for c in cases.values()]
    _dump(out / "orders.json", orders)
    _dump(
        out / "truth.json",
        {
            "generator": "samples/generate.py",
            "family": "A",
            "documents": dict(sorted(truth.items())),
            "discrepancies": discrepancies,
        },
    )
    print(f"{len(truth)} files, {len(orders)} orders, {len(discrepancies)} discrepancies -> {inbox}")
    return 0


def _dump(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
