"""Commercial invoice: a ruled export form and an open letterhead invoice."""

from __future__ import annotations

from decimal import Decimal

from samples.generator.common import DocSpec, Fields, Style, letterhead, party_block, signature, stamp
from samples.generator.fmt import fmt_date, fmt_money, number_words
from samples.generator.model import Case, Party
from samples.generator.pdf import Col, Sheet

CURRENCY_WORDS = {"USD": "US DOLLARS", "EUR": "EUROS"}


def fields(case: Case, style: Style) -> Fields:
    out: Fields = {
        "invoice_number": case.invoice_number,
        "invoice_date": case.invoice_date,
        "seller": style.party(case.supplier),
        "buyer": style.party(case.buyer),
        "po_number": case.po_number,
    }
    if case.lc_number:
        out["lc_number"] = case.lc_number
    out |= {
        "incoterm": case.incoterm,
        "incoterm_place": style.text(case.incoterm_place),
        "currency": case.currency,
        "lines": [
            {
                "model": p.model,
                "description": style.text(p.description),
                "hs_code": p.hs_code,
                "quantity": p.quantity,
                "unit": style.text(p.unit),
                "unit_price": p.unit_price,
                "amount": p.amount,
            }
            for p in case.products
        ],
        "total_amount": case.total_amount,
        "country_of_origin": style.text("China"),
        "port_of_loading": style.text(case.port_of_loading),
        "port_of_discharge": style.text(case.port_of_discharge),
    }
    return out


def amount_in_words(amount: Decimal, currency: str) -> str:
    whole, cents = divmod(int(amount * 100), 100)
    tail = f" AND CENTS {number_words(cents)}" if cents else ""
    return f"SAY TOTAL {CURRENCY_WORDS.get(currency, currency)} {number_words(whole)}{tail} ONLY"


def _label(style: Style, variants: tuple[str, ...], chinese: str) -> str:
    return f"{chinese} {variants[0]}" if style.bilingual else variants[style.labels % len(variants)]


# Column set of the ruled form: No., Model, Description, HS code, Qty, Unit, Unit price, Amount.
_BOXED_COLS = (
    Col(22, "center"),
    Col(70),
    Col(160),
    Col(48, "center"),
    Col(48, "right"),
    Col(30, "center"),
    Col(60, "right"),
    Col(85, "right"),
)


def _boxed_skeleton(
    sheet: Sheet, style: Style, cells: dict[str, list[str]], rows: list[list[str]], currency: str
) -> float:
    """The ruled form with whatever values `cells` holds (none for a blank template)."""
    sheet.text(sheet.width / 2, 40, "COMMERCIAL INVOICE", 16, bold=True, align="center")
    if style.bilingual:
        sheet.text(sheet.width / 2, 58, "商业发票", 12, align="center")
    left, mid, right, top = 36.0, 306.0, 559.0, 68.0
    layout = [
        (
            "seller",
            left,
            top,
            mid - left,
            84,
            _label(style, ("Seller / Exporter", "Shipper", "Exporter"), "卖方"),
        ),
        (
            "invoice_number",
            mid,
            top,
            right - mid,
            42,
            _label(style, ("Invoice No.", "INV #", "Invoice Number"), "发票号"),
        ),
        (
            "invoice_date",
            mid,
            top + 42,
            right - mid,
            42,
            _label(style, ("Date", "Invoice Date", "Date of Issue"), "日期"),
        ),
        (
            "buyer",
            left,
            top + 84,
            mid - left,
            84,
            _label(style, ("Buyer / Messrs.", "Sold To", "Consignee / Buyer"), "买方"),
        ),
        (
            "po_number",
            mid,
            top + 84,
            (right - mid) / 2,
            42,
            _label(style, ("P.O. No.", "PO #", "Order Number"), "订单号"),
        ),
        (
            "lc_number",
            mid + (right - mid) / 2,
            top + 84,
            (right - mid) / 2,
            42,
            _label(style, ("L/C No.", "L/C #", "Credit Number"), "信用证号"),
        ),
        (
            "terms",
            mid,
            top + 126,
            (right - mid) / 2,
            42,
            _label(style, ("Terms of Delivery", "Incoterms", "Trade Terms"), "价格条款"),
        ),
        (
            "currency",
            mid + (right - mid) / 2,
            top + 126,
            (right - mid) / 2,
            42,
            _label(style, ("Currency",) * 3, "币种"),
        ),
        (
            "port_of_loading",
            left,
            top + 168,
            (mid - left) / 2,
            36,
            _label(style, ("Port of Loading", "From", "Loading Port"), "装运港"),
        ),
        (
            "port_of_discharge",
            left + (mid - left) / 2,
            top + 168,
            (mid - left) / 2,
            36,
            _label(style, ("Port of Discharge", "To", "Destination Port"), "目的港"),
        ),
        (
            "country_of_origin",
            mid,
            top + 168,
            right - mid,
            36,
            _label(style, ("Country of Origin", "Origin", "Made in"), "原产国"),
        ),
    ]
    for key, x, y, w, h, label in layout:
        sheet.cell(x, y, w, h, label, cells.get(key, []))
    header = [
        "No.",
        "Model",
        "Description of Goods",
        "HS Code",
        "Qty",
        "Unit",
        f"Unit Price\n({currency})",
        f"Amount\n({currency})",
    ]
    if style.bilingual:
        header = [
            "序号\nNo.",
            "型号\nModel",
            "品名 Description",
            "HS Code",
            "数量\nQty",
            "单位\nUnit",
            f"单价\n{currency}",
            f"金额\n{currency}",
        ]
    return sheet.table(left, top + 216, _BOXED_COLS, header, rows, grid=True, row_h=16, bold_last=True)


def _wrapped(sheet: Sheet, text: str, width: float) -> str:
    return "\n".join(sheet.wrap(text, width - 6, 8))


def render_boxed(sheet: Sheet, f: Fields, case: Case, style: Style) -> None:
    cur = f["currency"]
    rows = [
        [
            str(i),
            ln["model"],
            _wrapped(sheet, ln["description"], _BOXED_COLS[2].width),
            ln["hs_code"],
            f"{ln['quantity']:,}",
            ln["unit"],
            fmt_money(ln["unit_price"]),
            fmt_money(ln["amount"]),
        ]
        for i, ln in enumerate(f["lines"], 1)
    ]
    qty = sum(ln["quantity"] for ln in f["lines"])
    rows.append(["", "", "TOTAL", "", f"{qty:,}", "", "", f"{cur} {fmt_money(f['total_amount'])}"])
    cells = {
        "seller": party_block(f["seller"]),
        "buyer": party_block(f["buyer"]),
        "invoice_number": [f["invoice_number"]],
        "invoice_date": [fmt_date(f["invoice_date"], style.date)],
        "po_number": [f["po_number"]],
        "lc_number": [f.get("lc_number", "N/A")],
        "terms": [f"{f['incoterm']} {f['incoterm_place']}"],
        "currency": [cur],
        "port_of_loading": [f["port_of_loading"]],
        "port_of_discharge": [f["port_of_discharge"]],
        "country_of_origin": [f["country_of_origin"]],
    }
    y = _boxed_skeleton(sheet, style, cells, rows, cur)
    sheet.text(36, y + 16, amount_in_words(f["total_amount"], cur), 8, bold=True)
    sheet.text(
        36,
        y + 30,
        "Payment: T/T 30% deposit, 70% against copy of B/L"
        if "lc_number" not in f
        else "Payment: by irrevocable documentary credit",
        8,
    )
    sheet.text(36, y + 44, f"Shipping marks: {' / '.join(case.shipping_marks)}", 8)
    sheet.lines(380, y + 62, sheet.wrap(f"For and on behalf of {f['seller'].name}", 175, 7.5), 7.5)
    signature(sheet, 380, y + 100, None, None)
    stamp(sheet, 300, y + 110, ["EXPORT", "INVOICE SEAL"])


def render_blank(sheet: Sheet, style: Style, currency: str) -> None:
    """The same ruled form printed empty, as factories keep it in the drawer."""
    _boxed_skeleton(sheet, style, {}, [[""] * 8 for _ in range(8)], currency)


_LETTER_COLS = (
    Col(80),
    Col(190),
    Col(50),
    Col(55, "right"),
    Col(30, "center"),
    Col(55, "right"),
    Col(63, "right"),
)


def render_letter(sheet: Sheet, f: Fields, case: Case, style: Style) -> None:
    seller: Party = f["seller"]
    y = letterhead(sheet, seller, family="Times-Roman", extra=f"Tel: {seller.phone}" if seller.phone else "")
    sheet.text(
        sheet.width / 2,
        y + 14,
        "INVOICE" if style.labels == 1 else "COMMERCIAL INVOICE",
        15,
        bold=True,
        align="center",
        family="Times-Roman",
    )
    y += 40
    sheet.text(40, y, "Bill to:" if style.labels != 2 else "Messrs.", 9, bold=True)
    sheet.lines(40, y + 13, party_block(f["buyer"]), 9)
    labels = [
        (("Invoice Number:", "Invoice No.:", "INV #:")[style.labels], f["invoice_number"]),
        ("Date:", fmt_date(f["invoice_date"], style.date)),
        ("Your Order:" if style.labels else "PO No.:", f["po_number"]),
    ]
    if "lc_number" in f:
        labels.append(("L/C No.:", f["lc_number"]))
    for i, (label, value) in enumerate(labels):
        sheet.text(420, y + i * 13, label, 9, bold=True, align="right")
        sheet.text(426, y + i * 13, value, 9)
    y += 13 * max(len(f["buyer"].lines) + 2, len(labels)) + 12
    details = [
        ("Terms of delivery:", f"{f['incoterm']} {f['incoterm_place']} (Incoterms 2020)"),
        ("Currency:", f["currency"]),
        ("Port of loading:", f["port_of_loading"]),
        ("Port of discharge:", f["port_of_discharge"]),
        ("Country of origin:", f["country_of_origin"]),
    ]
    for i, (label, value) in enumerate(details):
        sheet.text(40, y + i * 12, label, 8.5, bold=True)
        sheet.text(140, y + i * 12, value, 8.5)
    y += 12 * len(details) + 10
    cur = f["currency"]
    grouped = style.labels != 2  # some clerks type amounts without thousands separators
    rows = [
        [
            ln["model"],
            _wrapped(sheet, ln["description"], _LETTER_COLS[1].width),
            ln["hs_code"],
            f"{ln['quantity']:,}",
            ln["unit"],
            fmt_money(ln["unit_price"], grouped),
            fmt_money(ln["amount"], grouped),
        ]
        for ln in f["lines"]
    ]
    rows.append(
        [
            "",
            "Total",
            "",
            f"{sum(ln['quantity'] for ln in f['lines']):,}",
            "",
            "",
            fmt_money(f["total_amount"], grouped),
        ]
    )
    header = ["Item / Model", "Description", "HS code", "Quantity", "Unit", f"Price {cur}", f"Amount {cur}"]
    y = sheet.table(40, y, _LETTER_COLS, header, rows, grid=False, header_h=18, bold_last=True)
    sheet.text(
        555, y + 16, f"Invoice total: {cur} {fmt_money(f['total_amount'])}", 10, bold=True, align="right"
    )
    sheet.text(
        40,
        y + 36,
        "We certify that this invoice is true and correct and that the goods are of Chinese origin.",
        8.5,
    )
    signature(sheet, 360, y + 90, case.doc_signatory, "Export Department")


INVOICE = DocSpec(
    "commercial_invoice", fields, {"invoice-boxed": render_boxed, "invoice-letter": render_letter}
)
