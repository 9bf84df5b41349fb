"""Bill of lading: the carrier's classic boxed form and a Courier-typed open multimodal B/L."""

from __future__ import annotations

from samples.generator.common import DocSpec, Fields, Style, party_block, signature, upper_party
from samples.generator.fmt import fmt_cbm, fmt_date, fmt_packages, fmt_weight, number_words
from samples.generator.model import Case
from samples.generator.pdf import Col, Sheet


def fields(case: Case, style: Style) -> Fields:
    ship = case.shipment
    freight = "PREPAID" if case.incoterm in {"CIF", "CFR", "CPT", "CIP"} else "COLLECT"
    return {
        "bl_number": ship.bl_number,
        "shipper": upper_party(case.supplier),
        "consignee": upper_party(case.consignee),
        "notify_party": upper_party(case.notify_party),
        "vessel": ship.vessel,
        "voyage": ship.voyage,
        "port_of_loading": case.port_of_loading.upper(),
        "port_of_discharge": case.port_of_discharge.upper(),
        "place_of_receipt": ship.place_of_receipt,
        "place_of_delivery": ship.place_of_delivery,
        "on_board_date": ship.on_board_date,
        "issue_date": ship.on_board_date,
        "number_of_originals": 3,
        "container_numbers": list(ship.containers),
        "seal_numbers": list(ship.seals),
        "packages": case.packages,
        "gross_weight_kg": case.gross_kg,
        "measurement_cbm": case.cbm,
        "description": case.product_name.upper(),
        "freight_terms": freight,
        "carrier": ship.carrier,
    }


def _containers(f: Fields, case: Case) -> list[str]:
    return [
        f"{c} / {s} / {case.shipment.container_type}"
        for c, s in zip(f["container_numbers"], f["seal_numbers"], strict=True)
    ]


def _originals(n: int, style: Style) -> str:
    return f"{number_words(n)} ({n})" if style.labels != 1 else f"{n} ({number_words(n)})"


# Label wordings of the boxed form as different carriers print them, chosen by `Style.labels`.
_BOXED_LABELS: dict[str, tuple[str, str, str]] = {
    "shipper": ("Shipper", "Shipper / Exporter", "Shipper (complete name and address)"),
    "consignee": ("Consignee (if 'To Order' so indicate)", "Consignee", "Consigned to"),
    "notify": (
        "Notify Party (carrier not responsible for failure to notify)",
        "Notify Party",
        "Notify Address",
    ),
    "bl_number": ("B/L No.", "B/L NO.", "Bill of Lading No."),
    "receipt": ("Place of Receipt", "Place of Receipt", "Place of Receipt by Pre-carrier"),
    "vessel": ("Ocean Vessel / Voy. No.", "Vessel / Voyage", "Ocean Vessel   Voy. No."),
    "loading": ("Port of Loading", "Port of Loading", "Loading Port"),
    "discharge": ("Port of Discharge", "Port of Discharge", "Discharge Port"),
    "delivery": ("Place of Delivery", "Place of Delivery", "Final Place of Delivery"),
    "originals": ("Number of Original B(s)/L", "No. of Original B/L", "Number of Originals"),
    "issue": ("Place and Date of Issue", "Place and Date of Issue", "Issued at / on"),
    "on_board": ("Shipped on Board the Vessel — Date", "Laden on Board Date", "On Board Date"),
}


def _label(key: str, style: Style) -> str:
    return _BOXED_LABELS[key][style.labels % 3]


def render_boxed(sheet: Sheet, f: Fields, case: Case, style: Style) -> None:
    left, mid, right, top = 30.0, 300.0, 565.0, 30.0
    sheet.cell(left, top, mid - left, 80, _label("shipper", style), party_block(f["shipper"]), size=7.8)
    sheet.cell(
        left, top + 80, mid - left, 80, _label("consignee", style), party_block(f["consignee"]), size=7.8
    )
    sheet.cell(
        left, top + 160, mid - left, 80, _label("notify", style), party_block(f["notify_party"]), size=7.8
    )
    sheet.rect(mid, top, right - mid, 240)
    sheet.text(mid + 10, top + 16, _label("bl_number", style), 8)
    sheet.text(mid + 88, top + 16, f["bl_number"], 11, bold=True)
    sheet.text((mid + right) / 2, top + 60, f["carrier"], 11, bold=True, align="center")
    sheet.text((mid + right) / 2, top + 84, "BILL OF LADING", 16, bold=True, align="center")
    sheet.text((mid + right) / 2, top + 100, "PORT TO PORT OR COMBINED TRANSPORT", 8, align="center")
    terms = (
        "RECEIVED in external apparent good order and condition except as otherwise noted. The total "
        "number of containers or other packages or units shown in this Bill of Lading, said by the "
        "shipper to contain the goods described, is subject to the terms and conditions overleaf."
    )
    sheet.lines(mid + 8, top + 124, sheet.wrap(terms, right - mid - 16, 6.5), 6.5)
    y = top + 240
    row = (right - left) / 4
    cells = [
        ("Pre-carriage by", []),
        (_label("receipt", style), [f["place_of_receipt"]]),
        (_label("vessel", style), [f"{f['vessel']} / {f['voyage']}"]),
        (_label("loading", style), [f["port_of_loading"]]),
        (_label("discharge", style), [f["port_of_discharge"]]),
        (_label("delivery", style), [f["place_of_delivery"]]),
        ("Final Destination (for merchant's reference)", []),
        ("Type of Movement", ["FCL / FCL   CY / CY"]),
    ]
    for i, (label, values) in enumerate(cells):
        sheet.cell(left + (i % 4) * row, y + (i // 4) * 32, row, 32, label, values, size=8)
    y += 72
    sheet.text(left, y - 2, "PARTICULARS FURNISHED BY SHIPPER", 7, bold=True)
    cols = (Col(150), Col(70, "right"), Col(175), Col(70, "right"), Col(70, "right"))
    desc = [
        "SHIPPER'S LOAD, COUNT & SEAL",
        "SAID TO CONTAIN:",
        f["description"],
        f"INVOICE {case.invoice_number}",
        "",
        f"FREIGHT {f['freight_terms']}",
    ]
    marks = [*_containers(f, case), "", *case.shipping_marks]
    body = [
        "\n".join(marks),
        fmt_packages(f["packages"], "ctns"),
        "\n".join(desc),
        fmt_weight(f["gross_weight_kg"], "kgs"),
        fmt_cbm(f["measurement_cbm"], "cbm"),
    ]
    header = [
        "Container No. / Seal No.\nMarks and Numbers",
        "No. of\nPackages",
        "Kind of Packages; Description of Goods",
        "Gross Weight",
        "Measurement",
    ]
    y = sheet.table(left, y + 2, cols, header, [body], grid=True, size=7.5, row_h=14)
    sheet.text(
        left,
        y + 14,
        f"TOTAL NUMBER OF PACKAGES (IN WORDS): SAY {fmt_packages(f['packages'], 'words')}",
        8,
        bold=True,
    )
    y += 24
    bottom = [
        ("Freight & Charges", [f"FREIGHT {f['freight_terms']} AS ARRANGED"]),
        (_label("originals", style), [_originals(f["number_of_originals"], style)]),
        (
            _label("issue", style),
            [f"{f['port_of_loading'].split(',')[0]}, {fmt_date(f['issue_date'], style.date)}"],
        ),
        (_label("on_board", style), [fmt_date(f["on_board_date"], style.date)]),
    ]
    for i, (label, values) in enumerate(bottom):
        sheet.cell(
            left + (i % 2) * (right - left) / 2, y + (i // 2) * 34, (right - left) / 2, 34, label, values
        )
    signature(
        sheet, 370, y + 110, None, None, caption=f"As agent for the carrier {case.shipment.carrier_short}"
    )


def render_open(sheet: Sheet, f: Fields, case: Case, style: Style) -> None:
    mono = "Courier"
    sheet.text(40, 46, f["carrier"], 14, bold=True)
    sheet.text(40, 62, "BILL OF LADING FOR OCEAN TRANSPORT OR MULTIMODAL TRANSPORT", 9)
    sheet.text(
        555,
        46,
        f"BL NO. {f['bl_number']}" if style.labels else f"B/L: {f['bl_number']}",
        12,
        bold=True,
        align="right",
        family=mono,
    )
    sheet.hline(40, 555, 72, 1.5)
    blocks = [("SHIPPER", f["shipper"]), ("CONSIGNEE", f["consignee"]), ("NOTIFY PARTY", f["notify_party"])]
    y = 90
    for label, party in blocks:
        sheet.text(40, y, label, 7.5, bold=True)
        y = sheet.lines(48, y + 12, party_block(party), 9, family=mono) + 6
    facts = [
        ("PLACE OF RECEIPT", f["place_of_receipt"]),
        ("PORT OF LOADING", f["port_of_loading"]),
        ("VESSEL", f["vessel"]),
        ("VOYAGE NO.", f["voyage"]),
        ("PORT OF DISCHARGE", f["port_of_discharge"]),
        ("PLACE OF DELIVERY", f["place_of_delivery"]),
    ]
    for i, (label, value) in enumerate(facts):
        x, yy = 40 + (i % 2) * 258, y + (i // 2) * 30
        sheet.text(x, yy, label, 7.5, bold=True)
        sheet.text(x + 8, yy + 12, value, 9, family=mono)
    y += 96
    cols = (Col(140), Col(75), Col(150), Col(75, "right"), Col(75, "right"))
    containers = "\n".join(
        c
        for pair in zip(f["container_numbers"], f["seal_numbers"], strict=True)
        for c in (pair[0], f"SEAL {pair[1]}")
    )
    body = [
        containers,
        fmt_packages(f["packages"], "ctns"),
        "\n".join([f["description"], f"PO NO. {case.po_number}", "SHIPPER'S LOAD AND COUNT"]),
        f"{f['gross_weight_kg']:.2f} KG",
        f"{f['measurement_cbm']:.3f} M3",
    ]
    header = ["CONTAINER / SEAL", "PACKAGES", "DESCRIPTION OF GOODS", "GROSS WT", "MEASUREMENT"]
    y = sheet.table(40, y, cols, header, [body], grid=False, header_h=18, size=8)
    lines = [
        f"FREIGHT {f['freight_terms']}",
        f"NO. OF ORIGINAL B/L: {_originals(f['number_of_originals'], style)}",
        f"DATE OF ISSUE: {fmt_date(f['issue_date'], style.date)}",
    ]
    sheet.lines(40, y + 20, lines, 9, family=mono)
    sheet.rect(330, y + 10, 225, 58, 1.2)
    sheet.text(442, y + 26, "SHIPPED ON BOARD", 10, bold=True, align="center")
    sheet.text(442, y + 42, fmt_date(f["on_board_date"], style.date), 10, align="center", family=mono)
    sheet.text(442, y + 58, f"{f['port_of_loading'].split(',')[0]}", 8, align="center", family=mono)
    signature(sheet, 330, y + 120, None, None, caption=f"Signed for the carrier {f['carrier']}")


BILL_OF_LADING = DocSpec("bill_of_lading", fields, {"bl-boxed": render_boxed, "bl-open": render_open})
