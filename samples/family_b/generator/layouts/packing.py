"""Packing lists: zebra rows with a bilingual title, unruled columns, weights in pounds."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from extractors.schema import PackingList

from ..fmt import fmt_date, fmt_number, kg_to_lb, lb_to_kg
from ..pdfkit import Column, Sheet
from ..world import Case
from . import Layout
from .common import chop_lines, letterhead

_ALL = frozenset(PackingList.model_fields)


def _line_cbm(case: Case, model: str | None) -> Decimal:
    return next((i.cbm for i in case.items if i.model == model), Decimal("0"))


def _marks(s: Sheet, x: float, top: float, pl: PackingList, title: str) -> float:
    s.text(x, top, title, font="Helvetica-Bold", size=8.5)
    return s.lines(x + 4, top + 13, (pl.shipping_marks or "").split(", "), size=8.5)


def _zebra(pl: PackingList, case: Case) -> bytes:
    s = Sheet(f"Packing list {pl.invoice_number}")
    top = letterhead(s, case.supplier) + 6
    s.text(s.width / 2, top, "装箱单  PACKING LIST", font="Helvetica-Bold", size=15, align="center")
    top += 30
    s.pair(40, top, "Invoice No.:", pl.invoice_number or "", gap=70)
    s.pair(40, top + 13, "P/O No.:", pl.po_number or "", gap=70)
    s.pair(330, top, "Date:", fmt_date(case.packing_list_date, "iso"), gap=60)
    s.pair(330, top + 13, "Messrs.:", case.buyer.name, gap=60)
    top += 40
    columns = [
        Column("Model", 70),
        Column("Description", 160),
        Column("Quantity (pcs)", 58, "right"),
        Column("Cartons", 45, "right"),
        Column("N.W. (kg)", 55, "right"),
        Column("G.W. (kg)", 55, "right"),
        Column("Meas. (m3)", 50, "right"),
    ]
    rows = [
        [
            line.model or "",
            line.description or "",
            f"{line.quantity:,}",
            str(line.packages),
            fmt_number(line.net_weight_kg, 1),
            fmt_number(line.gross_weight_kg, 1),
            fmt_number(_line_cbm(case, line.model), 3),
        ]
        for line in pl.lines
        if line.net_weight_kg is not None and line.gross_weight_kg is not None
    ]
    assert pl.total_net_weight_kg and pl.total_gross_weight_kg and pl.total_measurement_cbm
    rows.append(
        [
            "TOTAL",
            "",
            f"{sum(line.quantity or 0 for line in pl.lines):,}",
            str(pl.total_packages),
            fmt_number(pl.total_net_weight_kg, 1),
            fmt_number(pl.total_gross_weight_kg, 1),
            fmt_number(pl.total_measurement_cbm, 3),
        ]
    )
    top = s.table(40, top, columns, rows, style="zebra", size=8.5) + 24
    top = _marks(s, 40, top, pl, "Shipping Marks 唛头:") + 16
    s.text(40, top, "Packing: export cartons on no pallets. Each carton with inner foam protection.", size=8)
    s.chop(470, top + 70, 34, chop_lines(case.supplier))
    s.signature(420, top + 40, 110, 36, case.supplier.name)
    return s.finish()


def _unruled(pl: PackingList, case: Case) -> bytes:
    s = Sheet(f"Packing list {pl.invoice_number}")
    s.text(42, 40, case.supplier.name, font="Helvetica-Bold", size=11)
    s.lines(42, 55, case.supplier.address_lines, size=8.5)
    s.text(553, 38, "PACKING LIST", font="Helvetica-Bold", size=20, align="right")
    s.text(360, 90, "INV #", size=8.5)
    s.text(553, 90, pl.invoice_number or "", font="Helvetica-Bold", size=8.5, align="right")
    s.text(360, 103, "Your order", size=8.5)
    s.text(553, 103, pl.po_number or "", font="Helvetica-Bold", size=8.5, align="right")
    s.text(360, 116, "Date", size=8.5)
    s.text(
        553, 116, fmt_date(case.packing_list_date, "dotted"), font="Helvetica-Bold", size=8.5, align="right"
    )
    s.text(42, 100, "Deliver to", font="Helvetica-Bold", size=8.5)
    s.lines(42, 113, [case.buyer.name, *case.buyer.address_lines], size=9)
    columns = [
        Column("Article", 70),
        Column("Description", 175),
        Column("Pieces", 50, "right"),
        Column("Packages", 52, "right"),
        Column("Net kg", 55, "right"),
        Column("Gross kg", 55, "right"),
        Column("CBM", 50, "right"),
    ]
    rows = [
        [
            line.model or "",
            line.description or "",
            fmt_number(Decimal(line.quantity or 0), 0, "eu"),
            str(line.packages),
            fmt_number(line.net_weight_kg, 1, "eu"),
            fmt_number(line.gross_weight_kg, 1, "eu"),
            fmt_number(_line_cbm(case, line.model), 3, "eu"),
        ]
        for line in pl.lines
        if line.net_weight_kg is not None and line.gross_weight_kg is not None
    ]
    top = s.table(42, 185, columns, rows, style="plain", size=8.5) + 8
    assert pl.total_net_weight_kg and pl.total_gross_weight_kg and pl.total_measurement_cbm
    totals = [
        ("Total packages", f"{pl.total_packages} cartons"),
        ("Total net weight", f"{fmt_number(pl.total_net_weight_kg, 1, 'eu')} kg"),
        ("Total gross weight", f"{fmt_number(pl.total_gross_weight_kg, 1, 'eu')} kg"),
        ("Total volume", f"{fmt_number(pl.total_measurement_cbm, 3, 'eu')} m3"),
    ]
    for n, (label, value) in enumerate(totals):
        s.text(360, top + n * 13, label, size=8.5)
        s.text(553, top + n * 13, value, font="Helvetica-Bold", size=8.5, align="right")
    _marks(s, 42, top, pl, "Marks & Nos.")
    return s.finish()


def _pounds(pl: PackingList, case: Case) -> bytes:
    """Line weights in LBS only (the factory's US-market template); totals in both units."""
    s = Sheet(f"Packing list {pl.invoice_number}")
    top = letterhead(s, case.supplier, centred=False) + 10
    s.text(553, 40, "PACKING LIST", font="Times-Bold", size=18, align="right")
    s.text(
        553,
        62,
        f"Date: {fmt_date(case.packing_list_date, 'dmy_upper')}",
        font="Times-Roman",
        size=9,
        align="right",
    )
    s.rect(40, top, 515, 30)
    s.text(46, top + 5, f"Invoice No.: {pl.invoice_number}", font="Times-Bold", size=10)
    s.text(300, top + 5, f"Purchase Order: {pl.po_number}", font="Times-Bold", size=10)
    s.text(
        46,
        top + 17,
        f"Consignee: {case.consignee.name}, {case.consignee.address}",
        font="Times-Roman",
        size=8,
    )
    top += 44
    columns = [
        Column("Item No.", 62),
        Column("Description of Goods", 175),
        Column("Q'ty (PCS)", 55, "right"),
        Column("CTNS", 40, "right"),
        Column("N.W. (LBS)", 62, "right"),
        Column("G.W. (LBS)", 62, "right"),
        Column("CBM", 59, "right"),
    ]
    rows = [
        [
            line.model or "",
            line.description or "",
            str(line.quantity),
            str(line.packages),
            fmt_number(kg_to_lb(line.net_weight_kg), 1),
            fmt_number(kg_to_lb(line.gross_weight_kg), 1),
            fmt_number(_line_cbm(case, line.model), 3),
        ]
        for line in pl.lines
        if line.net_weight_kg is not None and line.gross_weight_kg is not None
    ]
    top = s.table(40, top, columns, rows, style="ruled", size=8.5, header_fill=None) + 12
    assert pl.total_net_weight_kg and pl.total_gross_weight_kg and pl.total_measurement_cbm
    totals = [
        ("TOTAL PACKAGES:", f"{pl.total_packages} CTNS"),
        (
            "TOTAL N.W.:",
            f"{fmt_number(kg_to_lb(pl.total_net_weight_kg), 1)} LBS"
            f" ({fmt_number(pl.total_net_weight_kg, 1)} KGS)",
        ),
        (
            "TOTAL G.W.:",
            f"{fmt_number(kg_to_lb(pl.total_gross_weight_kg), 1)} LBS"
            f" ({fmt_number(pl.total_gross_weight_kg, 1)} KGS)",
        ),
        ("TOTAL MEAS.:", f"{fmt_number(pl.total_measurement_cbm, 3)} CBM"),
    ]
    for n, (label, value) in enumerate(totals):
        s.text(300, top + n * 13, label, font="Times-Bold", size=9)
        s.text(395, top + n * 13, value, font="Times-Roman", size=9)
    _marks(s, 40, top, pl, "SHIPPING MARKS:")
    s.text(40, top + 90, "1 LB = 0.45359237 KG", font="Times-Italic", size=8)
    s.signature(400, top + 100, 110, 36, case.supplier.name)
    return s.finish()


def _as_printed_in_pounds(values: dict[str, Any]) -> dict[str, Any]:
    """Line weights are printed in LBS only: the kilograms a reader gets back from the print."""
    lines = [
        {
            **line,
            "net_weight_kg": lb_to_kg(kg_to_lb(line["net_weight_kg"])),
            "gross_weight_kg": lb_to_kg(kg_to_lb(line["gross_weight_kg"])),
        }
        for line in values["lines"]
    ]
    return {**values, "lines": lines}


PACKING_LAYOUTS = (
    Layout("packing-zebra-bilingual", "packing_list", _ALL, _zebra),
    Layout("packing-unruled-eu", "packing_list", _ALL, _unruled),
    Layout("packing-pounds", "packing_list", _ALL, _pounds, adjust=_as_printed_in_pounds),
)
