"""Bills of lading and a sea waybill: a carrier grid, a labels-right form, a waybill."""

from __future__ import annotations

from extractors.schema import BillOfLading

from ..fmt import fmt_date, fmt_number, in_words
from ..pdfkit import Sheet
from ..world import Case
from . import Layout
from .common import party_lines

_ALL = frozenset(BillOfLading.model_fields)


def _goods_rows(bl: BillOfLading, case: Case) -> tuple[list[str], list[str]]:
    """Left column: containers / seals and marks; right column: packages and description."""
    left = [
        f"{c} / {seal} / {case.shipment.containers[n].size_type}"
        for n, (c, seal) in enumerate(zip(bl.container_numbers, bl.seal_numbers, strict=True))
    ]
    left += ["", *case.shipping_marks]
    right = [
        f"{bl.packages} CARTONS",
        f"SAID TO CONTAIN: {bl.description}",
        "",
        f"INVOICE NO. {case.invoice_number}",
        f"HS CODE {case.items[0].hs_code}",
    ]
    return left, right


def _grid(bl: BillOfLading, case: Case) -> bytes:
    """Classic carrier form: boxes with the label on top and the value below."""
    s = Sheet(f"B/L {bl.bl_number}")
    assert bl.on_board_date and bl.issue_date and bl.gross_weight_kg and bl.measurement_cbm
    x0, w = 32, 531
    s.field_box(x0, 30, 290, 66, "Shipper", party_lines(bl.shipper, 280))
    s.field_box(x0 + 290, 30, w - 290, 30, "B/L No.", [bl.bl_number or ""], size=11, font="Helvetica-Bold")
    s.rect(x0 + 290, 60, w - 290, 36)
    s.text(x0 + 290 + (w - 290) / 2, 64, bl.carrier or "", font="Helvetica-Bold", size=10, align="center")
    s.text(
        x0 + 290 + (w - 290) / 2,
        80,
        case.shipment.document_title,
        font="Helvetica-Bold",
        size=12,
        align="center",
    )
    s.field_box(x0, 96, 290, 66, "Consignee", party_lines(bl.consignee, 280))
    s.rect(x0 + 290, 96, w - 290, 132)
    s.paragraph(
        x0 + 296,
        102,
        w - 302,
        "RECEIVED in external apparent good order and condition except as otherwise noted the total number "
        "of containers or other packages or units enumerated below for transportation from the place of "
        "receipt to the place of delivery subject to the terms hereof. One of the original Bills of Lading "
        "must be surrendered duly endorsed in exchange for the goods or delivery order.",
        size=6.5,
    )
    s.field_box(x0, 162, 290, 66, "Notify Party", party_lines(bl.notify_party, 280))
    boxes = [
        ("Pre-carriage by", "TRUCK"),
        ("Place of Receipt", bl.place_of_receipt or ""),
        ("Ocean Vessel / Voy. No.", f"{bl.vessel} / {bl.voyage}"),
        ("Port of Loading", bl.port_of_loading or ""),
        ("Port of Discharge", bl.port_of_discharge or ""),
        ("Place of Delivery", bl.place_of_delivery or ""),
    ]
    for n, (label, value) in enumerate(boxes):
        s.field_box(x0 + (n % 2) * 265.5, 228 + (n // 2) * 28, 265.5, 28, label, [value], size=8.5)
    top = 312
    heads = [
        ("Container / Seal No.  Marks & Nos.", 170),
        ("No. of Pkgs", 60),
        ("Description of Goods", 161),
        ("Gross Weight (KGS)", 70),
        ("Measurement (CBM)", 70),
    ]
    x = x0
    for title, width in heads:
        s.field_box(x, top, width, 230, title, [])
        x += width
    left, right = _goods_rows(bl, case)
    s.lines(x0 + 4, top + 16, left, size=7.5)
    s.text(x0 + 174, top + 16, str(bl.packages), size=8.5)
    s.lines(x0 + 234, top + 16, right, size=7.5)
    s.text(x0 + 391 + 66, top + 16, fmt_number(bl.gross_weight_kg, 3), size=8.5, align="right")
    s.text(x0 + 461 + 66, top + 16, fmt_number(bl.measurement_cbm, 3), size=8.5, align="right")
    s.text(x0 + 234, top + 120, f"FREIGHT {bl.freight_terms}", font="Helvetica-Bold", size=9)
    s.text(x0 + 234, top + 136, "SHIPPER'S LOAD, COUNT AND SEAL", size=7.5)
    s.text(x0 + 4, top + 200, f"TOTAL: {in_words(bl.packages or 0)} ({bl.packages}) CARTONS ONLY", size=8)
    top += 230
    s.field_box(
        x0,
        top,
        177,
        40,
        "Number of Original B(s)/L",
        [f"{in_words(bl.number_of_originals or 0)} ({bl.number_of_originals})"],
    )
    s.field_box(
        x0 + 177,
        top,
        177,
        40,
        "Place and Date of Issue",
        [f"{case.shipment.place_of_issue}, {fmt_date(bl.issue_date, 'dmy_upper')}"],
    )
    s.field_box(
        x0 + 354,
        top,
        177,
        40,
        "Laden on Board the Vessel",
        [f"{bl.vessel}", f"DATE {fmt_date(bl.on_board_date, 'dmy_upper')}"],
    )
    top += 40
    s.field_box(x0, top, w, 70, "Signed for the Carrier", [f"AS AGENT FOR THE CARRIER {bl.carrier}"], size=8)
    s.signature(x0 + 330, top + 18, 120, 40, f"{bl.carrier} agent")
    return s.finish()


def _right_labels(bl: BillOfLading, case: Case) -> bytes:
    """Labels to the left of their values, a two-column top and the goods as a list."""
    s = Sheet(f"Bill of Lading {bl.bl_number}")
    assert bl.on_board_date and bl.issue_date and bl.gross_weight_kg and bl.measurement_cbm
    s.text(42, 36, bl.carrier or "", font="Helvetica-Bold", size=13)
    s.text(42, 53, ", ".join(case.shipment.carrier_address), size=7.5)
    s.text(553, 36, "BILL OF LADING", font="Helvetica-Bold", size=16, align="right")
    s.text(553, 55, "FOR PORT-TO-PORT OR COMBINED TRANSPORT", size=7, align="right")
    s.rect(380, 70, 173, 22)
    s.text(386, 76, "Bill No.", font="Helvetica-Bold", size=8.5)
    s.text(548, 76, bl.bl_number or "", font="Helvetica-Bold", size=9, align="right")
    parties = [
        ("Shipper/Exporter", bl.shipper),
        ("Consignee (complete name and address)", bl.consignee),
        ("Notify Party (complete name and address)", bl.notify_party),
    ]
    top = 104
    for label, p in parties:
        s.text(42, top, label, font="Helvetica-Bold", size=8)
        s.lines(42, top + 12, party_lines(p, 270, size=8.5), size=8.5)
        top += 62
    right = [
        ("Place of Receipt", bl.place_of_receipt),
        ("Port of Lading", bl.port_of_loading),
        ("Port of Discharge", bl.port_of_discharge),
        ("Place of Delivery", bl.place_of_delivery),
        ("Vessel", bl.vessel),
        ("Voyage No.", bl.voyage),
        ("Freight payable", bl.freight_terms),
        ("Originals issued", f"{bl.number_of_originals} ({in_words(bl.number_of_originals or 0)})"),
    ]
    for n, (label, value) in enumerate(right):
        s.text(330, 104 + n * 16, label, font="Helvetica-Bold", size=8)
        s.text(420, 104 + n * 16, value or "", size=8.5)
    top = max(top, 240) + 8
    s.hline(42, 553, top, width=1.0)
    s.text(42, top + 5, "PARTICULARS FURNISHED BY SHIPPER", font="Helvetica-Bold", size=8)
    top += 22
    s.text(42, top, "Containers / Seals", font="Helvetica-Bold", size=8)
    for n, (c, seal) in enumerate(zip(bl.container_numbers, bl.seal_numbers, strict=True)):
        s.text(150, top + n * 12, f"{c}    seal {seal}    {case.shipment.containers[n].size_type}", size=8.5)
    top += 12 * len(bl.container_numbers) + 8
    rows = [
        ("Number of packages", f"{bl.packages} CTNS"),
        ("Description of Goods", bl.description or ""),
        ("Gross weight", f"{fmt_number(bl.gross_weight_kg, 1)} KGS"),
        ("Measurement", f"{fmt_number(bl.measurement_cbm, 3)} CBM"),
        ("Marks & Numbers", " / ".join(case.shipping_marks)),
    ]
    for label, value in rows:
        s.text(42, top, label, font="Helvetica-Bold", size=8)
        s.text(150, top, value, size=8.5)
        top += 14
    s.text(150, top + 4, f"L/C NO. {case.lc_number}" if case.lc_number else "", size=8)
    top += 30
    s.hline(42, 553, top, width=1.0)
    s.text(42, top + 8, "SHIPPED ON BOARD", font="Helvetica-Bold", size=9)
    s.text(150, top + 8, fmt_date(bl.on_board_date, "us_abbrev"), size=9)
    s.text(42, top + 24, "Date of Issue", font="Helvetica-Bold", size=8)
    s.text(
        150, top + 24, f"{fmt_date(bl.issue_date, 'us_abbrev')} at {case.shipment.place_of_issue}", size=8.5
    )
    s.paragraph(
        42,
        top + 48,
        300,
        "IN WITNESS whereof the number of original Bills of Lading stated above have "
        "been signed, one of which being accomplished, the others to stand void.",
        size=7,
    )
    s.signature(380, top + 40, 120, 40, f"{bl.carrier} master")
    s.text(380, top + 86, "As agent for the Carrier", size=8)
    return s.finish()


def _waybill(bl: BillOfLading, case: Case) -> bytes:
    """A non-negotiable sea waybill: no originals, dotted dates, consignor/consignee vocabulary."""
    s = Sheet(f"Sea Waybill {bl.bl_number}")
    assert bl.on_board_date and bl.issue_date and bl.gross_weight_kg and bl.measurement_cbm
    s.rect(32, 30, 531, 40, fill=None)
    s.text(40, 36, bl.carrier or "", font="Helvetica-Bold", size=14)
    s.text(555, 36, "SEA WAYBILL", font="Helvetica-Bold", size=14, align="right")
    s.text(
        555,
        54,
        "NON-NEGOTIABLE  -  SWB No. " + (bl.bl_number or ""),
        font="Helvetica",
        size=8.5,
        align="right",
    )
    boxes = [("Consignor", bl.shipper), ("Consignee", bl.consignee), ("Notify Address", bl.notify_party)]
    for n, (label, p) in enumerate(boxes):
        s.field_box(32, 70 + n * 64, 300, 64, label, party_lines(p, 290, size=8.5), size=8.5)
    facts = [
        ("Place of Receipt", bl.place_of_receipt),
        ("Vessel(s)", bl.vessel),
        ("Voyage-No.", bl.voyage),
        ("Port of Loading", bl.port_of_loading),
        ("Port of Discharge", bl.port_of_discharge),
        ("Place of Delivery", bl.place_of_delivery),
    ]
    for n, (label, value) in enumerate(facts):
        s.field_box(332, 70 + n * 32, 231, 32, label, [value or ""], size=9)
    top = 270
    s.hline(32, 563, top, width=1.0)
    s.text(36, top + 4, "Container Nos., Seal Nos.; Marks and Nos.", size=6.5)
    s.text(215, top + 4, "Number and Kind of Packages; Description of Goods", size=6.5)
    s.text(470, top + 4, "Gross Weight / Measurement", size=6.5)
    goods_top = top + 18
    for n, (c, seal) in enumerate(zip(bl.container_numbers, bl.seal_numbers, strict=True)):
        s.text(36, goods_top + n * 24, c, size=9)
        s.text(36, goods_top + n * 24 + 11, f"SEAL: {seal}", size=8)
    s.lines(36, goods_top + 30, case.shipping_marks, size=8)
    s.lines(
        215,
        goods_top,
        [
            f"{bl.packages} CARTONS",
            bl.description or "",
            "",
            f"INVOICE {case.invoice_number}",
            f"FREIGHT {bl.freight_terms}",
        ],
        size=8.5,
    )
    s.lines(
        470,
        goods_top,
        [f"{fmt_number(bl.gross_weight_kg, 1)} KG", f"{fmt_number(bl.measurement_cbm, 3)} M3"],
        size=8.5,
    )
    top = 470
    s.hline(32, 563, top, width=1.0)
    s.paragraph(
        36,
        top + 6,
        520,
        "This Sea Waybill is not a document of title. Delivery will be made to the "
        "consignee named above, or his authorised agent, on production of proof of identity. No original "
        "document will be issued.",
        size=7,
    )
    s.field_box(32, top + 40, 177, 34, "Shipped on Board Date", [fmt_date(bl.on_board_date, "dotted")])
    s.field_box(
        209,
        top + 40,
        177,
        34,
        "Place and Date of Issue",
        [f"{case.shipment.place_of_issue}, {fmt_date(bl.issue_date, 'dotted')}"],
    )
    s.field_box(386, top + 40, 177, 34, "Carrier's Agent", ["SIGNED AS AGENT"])
    s.signature(400, top + 80, 120, 40, f"{bl.carrier} swb")
    return s.finish()


LADING_LAYOUTS = (
    Layout("bl-carrier-grid", "bill_of_lading", _ALL, _grid),
    Layout("bl-labels-right", "bill_of_lading", _ALL, _right_labels),
    Layout("sea-waybill", "bill_of_lading", _ALL - {"number_of_originals"}, _waybill),
)
