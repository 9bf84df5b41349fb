"""Packing list: a ruled form with a full grid and an open weight list with carton ranges."""

from __future__ import annotations

from decimal import Decimal

from samples.generator.common import DocSpec, Fields, Style, letterhead, party_block, signature
from samples.generator.fmt import fmt_cbm, fmt_date, fmt_packages, fmt_weight
from samples.generator.model import Case
from samples.generator.pdf import Col, Sheet


def fields(case: Case, style: Style) -> Fields:
    return {
        "invoice_number": case.invoice_number,
        "po_number": case.po_number,
        "lines": [
            {
                "model": p.model,
                "description": style.text(p.description),
                "quantity": p.quantity,
                "packages": p.cartons,
                "net_weight_kg": p.net_kg,
                "gross_weight_kg": p.gross_kg,
            }
            for p in case.products
        ],
        "total_packages": case.packages,
        "total_net_weight_kg": case.net_kg,
        "total_gross_weight_kg": case.gross_kg,
        "total_measurement_cbm": case.cbm,
        "shipping_marks": ", ".join(case.shipping_marks),
    }


def _num(kg: Decimal) -> str:
    return f"{kg:,.2f}"


_BOXED_COLS = (
    Col(72),
    Col(150),
    Col(52, "right"),
    Col(38, "right"),
    Col(42, "right"),
    Col(58, "right"),
    Col(58, "right"),
    Col(53, "right"),
)


def render_boxed(sheet: Sheet, f: Fields, case: Case, style: Style) -> None:
    sheet.text(sheet.width / 2, 40, "PACKING LIST", 16, bold=True, align="center")
    if style.bilingual:
        sheet.text(sheet.width / 2, 58, "装箱单", 12, align="center")
    left, mid, right, top = 36.0, 306.0, 559.0, 68.0
    sheet.cell(left, top, mid - left, 84, "Shipper / Exporter", party_block(style.party(case.supplier)))
    sheet.cell(left, top + 84, mid - left, 84, "Consignee", party_block(style.party(case.buyer)))
    inv_label = (
        "发票号 Invoice No." if style.bilingual else ("Invoice No.", "Invoice Ref.", "INV #")[style.labels]
    )
    sheet.cell(mid, top, right - mid, 42, inv_label, [f["invoice_number"]])
    sheet.cell(mid, top + 42, right - mid, 42, "Date", [fmt_date(case.invoice_date, style.date)])
    sheet.cell(
        mid, top + 84, right - mid, 42, "订单号 P.O. No." if style.bilingual else "P.O. No.", [f["po_number"]]
    )
    sheet.cell(
        mid,
        top + 126,
        right - mid,
        42,
        "Shipping Marks",
        sheet.wrap(f["shipping_marks"], right - mid - 10, 7.5),
        size=7.5,
    )
    sheet.cell(
        left,
        top + 168,
        right - left,
        30,
        "Description of goods",
        [style.text(f"{case.product_name}, packed in export cartons")],
    )
    rows = []
    for ln, product in zip(f["lines"], case.products, strict=True):
        desc = "\n".join(sheet.wrap(ln["description"], _BOXED_COLS[1].width - 6, 8))
        rows.append(
            [
                ln["model"],
                desc,
                f"{ln['quantity']:,}",
                str(product.per_carton),
                f"{ln['packages']:,}",
                _num(ln["net_weight_kg"]),
                _num(ln["gross_weight_kg"]),
                f"{product.cbm:.3f}",
            ]
        )
    rows.append(
        [
            "TOTAL",
            "",
            f"{sum(ln['quantity'] for ln in f['lines']):,}",
            "",
            f"{f['total_packages']:,}",
            _num(f["total_net_weight_kg"]),
            _num(f["total_gross_weight_kg"]),
            f"{f['total_measurement_cbm']:.3f}",
        ]
    )
    header = [
        "Model",
        "Description",
        "Qty\n(PCS)",
        "PCS/\nCTN",
        "CTNS",
        "N.W.\n(KGS)",
        "G.W.\n(KGS)",
        "Meas.\n(CBM)",
    ]
    y = sheet.table(left, top + 210, _BOXED_COLS, header, rows, grid=True, bold_last=True)
    summary = [
        f"TOTAL PACKAGES: {fmt_packages(f['total_packages'], style.packages)}",
        f"TOTAL NET WEIGHT: {fmt_weight(f['total_net_weight_kg'], style.weight)}",
        f"TOTAL GROSS WEIGHT: {fmt_weight(f['total_gross_weight_kg'], style.weight)}",
        f"TOTAL MEASUREMENT: {fmt_cbm(f['total_measurement_cbm'], 'cbm')}",
    ]
    sheet.lines(left, y + 18, summary, 8.5, bold=True)
    sheet.lines(380, y + 62, sheet.wrap(f"For and on behalf of {case.supplier.name}", 175, 7.5), 7.5)
    signature(sheet, 380, y + 110, None, None)


_OPEN_COLS = (
    Col(56),
    Col(80),
    Col(146),
    Col(50, "right"),
    Col(40, "right"),
    Col(50, "right"),
    Col(55, "right"),
)


def render_open(sheet: Sheet, f: Fields, case: Case, style: Style) -> None:
    y = letterhead(sheet, style.party(case.supplier), size=14)
    sheet.text(40, y + 12, "PACKING LIST / WEIGHT LIST", 13, bold=True)
    y += 34
    refs = [
        ("Invoice Number" if style.labels else "Our Invoice", f["invoice_number"]),
        ("Purchase Order", f["po_number"]),
        ("Date", fmt_date(case.invoice_date, style.date)),
    ]
    for i, (label, value) in enumerate(refs):
        sheet.text(40, y + i * 13, f"{label}:", 9, bold=True)
        sheet.text(130, y + i * 13, value, 9)
    sheet.text(330, y, "Marks & Nos.:", 9, bold=True)
    sheet.lines(330, y + 13, f["shipping_marks"].split(", "), 9)
    y += 13 * max(len(refs), len(case.shipping_marks) + 1) + 14
    rows, first = [], 1
    for ln in f["lines"]:
        last = first + ln["packages"] - 1
        desc = "\n".join(sheet.wrap(ln["description"], _OPEN_COLS[2].width - 6, 8))
        rows.append(
            [
                f"{first}-{last}",
                ln["model"],
                desc,
                f"{ln['quantity']:,}",
                str(ln["packages"]),
                f"{ln['net_weight_kg']:.1f}",
                f"{ln['gross_weight_kg']:.1f}",
            ]
        )
        first = last + 1
    rows.append(
        [
            "",
            "",
            "Total",
            f"{sum(ln['quantity'] for ln in f['lines']):,}",
            str(f["total_packages"]),
            f"{f['total_net_weight_kg']:.1f}",
            f"{f['total_gross_weight_kg']:.1f}",
        ]
    )
    header = ["C/No.", "Model", "Description", "Quantity", "Ctns", "N.W. kg", "G.W. kg"]
    y = sheet.table(40, y, _OPEN_COLS, header, rows, grid=False, header_h=18, bold_last=True)
    totals = [
        ("Total packages", fmt_packages(f["total_packages"], style.packages)),
        ("Total net weight", fmt_weight(f["total_net_weight_kg"], style.weight)),
        ("Total gross weight", fmt_weight(f["total_gross_weight_kg"], style.weight)),
        ("Total measurement", fmt_cbm(f["total_measurement_cbm"], "m3")),
    ]
    for i, (label, value) in enumerate(totals):
        sheet.text(40, y + 20 + i * 13, f"{label}:", 9, bold=True)
        sheet.text(150, y + 20 + i * 13, value, 9)
    signature(sheet, 360, y + 110, case.doc_signatory, "Shipping Department")


PACKING_LIST = DocSpec("packing_list", fields, {"pl-boxed": render_boxed, "pl-open": render_open})
