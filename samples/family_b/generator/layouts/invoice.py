"""Commercial invoices: bilingual ruled grid, European-style two-column, plain typewriter."""

from __future__ import annotations

from decimal import Decimal

from extractors.schema import CommercialInvoice

from ..fmt import fmt_date, fmt_number
from ..pdfkit import Column, Sheet
from ..world import Case
from . import Layout
from .common import amount_in_words, chop_lines, letterhead, party_lines

_ALL = frozenset(CommercialInvoice.model_fields)


def _bilingual(inv: CommercialInvoice, case: Case) -> bytes:
    s = Sheet(f"Commercial Invoice {inv.invoice_number}")
    top = letterhead(s, case.supplier) + 8
    s.text(s.width / 2, top, "商业发票  COMMERCIAL INVOICE", font="Helvetica-Bold", size=15, align="center")
    top += 30
    assert inv.seller and inv.buyer and inv.invoice_date
    s.field_box(40, top, 260, 62, "卖方 Seller", party_lines(inv.seller, 250))
    s.field_box(40, top + 62, 260, 62, "买方 Buyer / Messrs.", party_lines(inv.buyer, 250))
    right = [
        ("发票号码 INV #", inv.invoice_number or ""),
        ("日期 Date of Issue", fmt_date(inv.invoice_date, "cn")),
        ("订单号 Your order", inv.po_number or ""),
        ("价格条款 Terms of delivery", f"{inv.incoterm} {inv.incoterm_place}"),
        ("币种 Currency", inv.currency or ""),
        ("装运港 Port of loading", inv.port_of_loading or ""),
        ("目的港 Port of discharge", inv.port_of_discharge or ""),
        ("原产国 Country of origin", inv.country_of_origin or ""),
    ]
    if inv.lc_number:
        right.append(("信用证号 L/C No.", inv.lc_number))
    for n, (label, value) in enumerate(right):
        s.field_box(300, top + n * 15.5, 255, 15.5, label, [value], placement="right", size=8.5)
    top += 140
    cur = inv.currency or ""
    columns = [
        Column("No.\n序号", 26, "center"),
        Column("Model\n型号", 62),
        Column("Description of Goods\n品名", 150),
        Column("HS Code\n海关编码", 52),
        Column("Qty\n数量", 44, "right"),
        Column("Unit\n单位", 30, "center"),
        Column(f"Unit price\n单价 ({cur})", 57, "right"),
        Column(f"Amount\n金额 ({cur})", 94, "right"),
    ]
    rows = [
        [
            str(n),
            line.model or "",
            line.description or "",
            line.hs_code or "",
            f"{line.quantity:,}",
            line.unit or "",
            fmt_number(line.unit_price, 2),
            fmt_number(line.amount, 2),
        ]
        for n, line in enumerate(inv.lines, start=1)
        if line.unit_price is not None and line.amount is not None
    ]
    assert inv.total_amount is not None
    rows.append(["", "", "TOTAL 合计", "", "", "", "", f"{cur} {fmt_number(inv.total_amount, 2)}"])
    top = s.table(40, top, columns, rows, style="ruled", size=8) + 10
    s.text(40, top, amount_in_words(cur, inv.total_amount), font="Helvetica-Bold", size=8)
    top += 22
    s.text(40, top, "Payment: T/T 30% deposit, 70% against copy of B/L.", size=8)
    s.text(40, top + 11, "Shipping marks: " + " / ".join(case.shipping_marks), size=8)
    s.text(380, top + 40, "For and on behalf of", size=8)
    s.text(380, top + 51, case.supplier.name, font="Helvetica-Bold", size=7.5)
    s.chop(470, top + 105, 34, chop_lines(case.supplier))
    s.signature(400, top + 70, 110, 36, case.supplier.name)
    s.hline(380, 555, top + 112)
    s.text(380, top + 115, "Authorized signature 授权签字", size=7)
    return s.finish()


def _euro(inv: CommercialInvoice, case: Case) -> bytes:
    """A European buyer-friendly design: decimal commas, dotted dates, two-column header."""
    s = Sheet(f"Invoice {inv.invoice_number}")
    assert inv.seller and inv.buyer and inv.invoice_date and inv.total_amount is not None
    s.text(42, 40, inv.seller.name, font="Helvetica-Bold", size=11)
    s.lines(42, 55, party_lines(inv.seller, 260, size=8.5)[1:], size=8.5)
    s.text(553, 38, "INVOICE", font="Helvetica-Bold", size=22, align="right")
    s.text(553, 64, "Commercial invoice for export", size=8, align="right")
    meta = [
        ("Invoice No.", inv.invoice_number or ""),
        ("Date of Issue", fmt_date(inv.invoice_date, "dotted")),
        ("Our ref.", "SO-" + (inv.invoice_number or "")[-8:]),
        ("Your order", inv.po_number or ""),
    ]
    if inv.lc_number:
        meta.append(("Documentary credit No.", inv.lc_number))
    for n, (label, value) in enumerate(meta):
        s.text(360, 100 + n * 13, label, size=8.5)
        s.text(553, 100 + n * 13, value, font="Helvetica-Bold", size=8.5, align="right")
    s.text(42, 104, "Invoice to", font="Helvetica-Bold", size=8.5)
    s.hline(42, 250, 116, width=0.4)
    s.lines(42, 120, party_lines(inv.buyer, 250), size=9)
    top = 185
    s.rect(42, top, 511, 44, fill=None)
    s.pair(
        48,
        top + 5,
        "Delivery terms",
        f"{inv.incoterm} {inv.incoterm_place} (Incoterms 2020)",
        gap=95,
        size=8.5,
    )
    s.pair(48, top + 18, "Port of Lading", inv.port_of_loading or "", gap=95, size=8.5)
    s.pair(48, top + 31, "Port of Discharge", inv.port_of_discharge or "", gap=95, size=8.5)
    s.pair(310, top + 5, "Currency", inv.currency or "", gap=95, size=8.5)
    s.pair(310, top + 18, "Origin of goods", inv.country_of_origin or "", gap=95, size=8.5)
    s.pair(310, top + 31, "Payment", "L/C at sight", gap=95, size=8.5)
    top += 62
    columns = [
        Column("Pos.", 28, "center"),
        Column("Article", 64),
        Column("Description", 170),
        Column("Customs tariff", 62),
        Column("Quantity", 52, "right"),
        Column("Unit", 28, "center"),
        Column("Price/unit", 50, "right"),
        Column("Amount", 57, "right"),
    ]
    rows = [
        [
            f"{n * 10}",
            line.model or "",
            line.description or "",
            line.hs_code or "",
            fmt_number(Decimal(line.quantity or 0), 0, "eu"),
            line.unit or "",
            fmt_number(line.unit_price, 2, "eu"),
            fmt_number(line.amount, 2, "eu"),
        ]
        for n, line in enumerate(inv.lines, start=1)
        if line.unit_price is not None and line.amount is not None
    ]
    top = s.table(42, top, columns, rows, style="zebra", size=8, header_fill=None) + 8
    s.text(430, top, "Total amount", font="Helvetica-Bold", size=10, align="right")
    s.text(
        553,
        top,
        f"{fmt_number(inv.total_amount, 2, 'eu')} {inv.currency}",
        font="Helvetica-Bold",
        size=10,
        align="right",
    )
    s.hline(440, 553, top + 14, width=1.2)
    top += 40
    s.paragraph(
        42,
        top,
        511,
        "We hereby certify that this invoice is true and correct and that the goods are of "
        "Chinese origin. Bank: Bank of China Xiamen Branch, SWIFT BKCHCNBJ73A.",
        size=8,
    )
    s.signature(380, top + 30, 120, 40, inv.seller.name + "euro")
    s.text(380, top + 75, "Export Manager", size=8)
    s.footer(f"{inv.seller.name} - {case.supplier.phone}")
    return s.finish()


def _plain(inv: CommercialInvoice, case: Case) -> bytes:
    """Unruled, typewriter face; labels to the left; HS code in its own column."""
    s = Sheet(f"Invoice {inv.invoice_number}")
    assert inv.seller and inv.buyer and inv.invoice_date and inv.total_amount is not None
    font = "Courier"
    s.text(
        s.width / 2, 44, "C O M M E R C I A L   I N V O I C E", font="Courier-Bold", size=14, align="center"
    )
    top = 84
    s.text(42, top, "Shipper/Exporter:", font="Courier-Bold", size=9)
    s.lines(42, top + 13, party_lines(inv.seller, 270, font=font), font=font, size=9)
    s.text(42, top + 70, "Sold to:", font="Courier-Bold", size=9)
    s.lines(42, top + 83, party_lines(inv.buyer, 270, font=font), font=font, size=9)
    meta = [
        ("Invoice No.:", inv.invoice_number or ""),
        ("Invoice Date:", fmt_date(inv.invoice_date, "dmy_upper")),
        ("P.O. No.:", inv.po_number or ""),
        ("Terms:", f"{inv.incoterm} {inv.incoterm_place}"),
        ("Currency:", inv.currency or ""),
        ("From:", inv.port_of_loading or ""),
        ("To:", inv.port_of_discharge or ""),
        ("Made in:", inv.country_of_origin or ""),
    ]
    for n, (label, value) in enumerate(meta):
        s.text(330, top + n * 14, label, font="Courier-Bold", size=9)
        s.text(420, top + n * 14, value, font=font, size=9)
    top += 150
    columns = [
        Column("ITEM", 70),
        Column("DESCRIPTION", 180),
        Column("HS", 50),
        Column("QTY", 45, "right"),
        Column("UNIT", 35, "center"),
        Column("U/PRICE", 55, "right"),
        Column("AMOUNT", 75, "right"),
    ]
    rows = [
        [
            line.model or "",
            line.description or "",
            line.hs_code or "",
            str(line.quantity),
            line.unit or "",
            fmt_number(line.unit_price, 2, "plain"),
            fmt_number(line.amount, 2, "plain"),
        ]
        for line in inv.lines
        if line.unit_price is not None and line.amount is not None
    ]
    top = s.table(42, top, columns, rows, style="plain", size=8.5, header_font="Courier-Bold", font=font) + 6
    s.text(
        553,
        top,
        f"TOTAL {inv.currency} {fmt_number(inv.total_amount, 2, 'plain')}",
        font="Courier-Bold",
        size=9.5,
        align="right",
    )
    top += 30
    s.text(42, top, amount_in_words(inv.currency or "", inv.total_amount), font=font, size=8.5)
    s.text(42, top + 40, "Marks: " + " / ".join(case.shipping_marks), font=font, size=8.5)
    s.signature(380, top + 70, 120, 40, inv.seller.name)
    s.text(380, top + 115, "(Authorized Signatory)", font=font, size=8)
    return s.finish()


INVOICE_LAYOUTS = (
    Layout("invoice-bilingual-grid", "commercial_invoice", _ALL, _bilingual),
    Layout("invoice-euro-zebra", "commercial_invoice", _ALL, _euro),
    Layout("invoice-typewriter", "commercial_invoice", _ALL, _plain),
)
