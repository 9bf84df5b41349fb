"""The CCPIT non-preferential certificate of origin: twelve bilingual numbered boxes."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from extractors.schema import CertificateOfOrigin

from ..fmt import DateStyle, fmt_date, fmt_number, in_words
from ..pdfkit import Sheet
from ..world import Case
from . import Layout
from .common import chop_lines, party_lines

_ALL = frozenset(CertificateOfOrigin.model_fields) - {"origin_criterion"}  # non-preferential: no criterion


def _ccpit(co: CertificateOfOrigin, case: Case, date_style: DateStyle) -> bytes:
    s = Sheet(f"Certificate of origin {co.certificate_number}")
    assert co.invoice_date and co.issue_date and co.gross_weight_kg
    x0, w, mid = 32, 531, 300
    s.field_box(x0, 30, mid - x0, 70, "1. Exporter 出口方", party_lines(co.exporter, 255, size=8.5), size=8.5)
    s.rect(mid, 30, x0 + w - mid, 140)
    s.text(mid + 8, 36, f"Certificate No.  {co.certificate_number}", font="Helvetica-Bold", size=9)
    s.text(mid + 131, 62, "CERTIFICATE OF ORIGIN", font="Helvetica-Bold", size=12, align="center")
    s.text(mid + 131, 78, "OF", font="Helvetica-Bold", size=9, align="center")
    s.text(mid + 131, 92, "THE PEOPLE'S REPUBLIC OF CHINA", font="Helvetica-Bold", size=11, align="center")
    s.text(mid + 131, 112, "中华人民共和国原产地证明书", size=12, align="center")
    s.field_box(
        x0, 100, mid - x0, 70, "2. Consignee 收货方", party_lines(co.consignee, 255, size=8.5), size=8.5
    )
    s.field_box(
        x0,
        170,
        mid - x0,
        60,
        "3. Means of transport and route 运输方式和路线",
        [co.transport or "", f"FROM {co.port_of_loading}", f"TO {co.port_of_discharge}"],
        size=8.5,
    )
    s.field_box(
        x0,
        230,
        mid - x0,
        32,
        "4. Country / region of destination 目的国（地区）",
        [co.destination_country or ""],
        size=8.5,
    )
    s.field_box(
        mid,
        170,
        x0 + w - mid,
        92,
        "5. For certifying authority use only 签证机构用栏",
        ["Verify at: www.ccpiteco.net", f"Code: {(co.certificate_number or '').replace('/', '')[-10:]}"],
        size=7.5,
    )
    top, h = 262, 250
    cols = [
        ("6. Marks and numbers\n唛头及包装号", 105),
        ("7. Number and kind of packages;\ndescription of goods\n包装件数及种类；商品名称", 205),
        ("8. H.S. Code\n编码", 60),
        ("9. Quantity\n数量", 80),
        ("10. Number and date\nof invoices 发票号码及日期", 81),
    ]
    x = x0
    for title, width in cols:
        s.rect(x, top, width, h)
        s.lines(x + 3, top + 3, title.split("\n"), size=6.5, leading=8)
        x += width
    body = top + 34
    s.lines(x0 + 4, body, case.shipping_marks, size=8)
    below = s.paragraph(
        x0 + 109, body, 195, f"{co.packages} ({in_words(co.packages or 0)}) CARTONS OF", size=8
    )
    s.lines(x0 + 109, below, [co.description or "", "", "*" * 30], size=8)
    s.lines(x0 + 314, body, co.hs_codes, size=8.5)
    quantity = sum(i.quantity for i in case.items)
    s.lines(x0 + 374, body, [f"{quantity} PCS", f"G.W. {fmt_number(co.gross_weight_kg, 1)} KGS"], size=8)
    s.lines(x0 + 454, body, [co.invoice_number or "", fmt_date(co.invoice_date, date_style)], size=8)
    top += h
    s.rect(x0, top, mid - x0, 170)
    s.lines(x0 + 3, top + 3, ["11. Declaration by the exporter 出口方声明"], size=6.5)
    s.paragraph(
        x0 + 6,
        top + 16,
        mid - x0 - 12,
        "The undersigned hereby declares that the above details and statements are correct, that all "
        f"the goods were produced in {co.country_of_origin} and that they comply "
        "with the Rules of Origin of the People's Republic of China.",
        size=7.5,
    )
    s.chop(x0 + 190, top + 105, 30, chop_lines(case.supplier))
    s.signature(x0 + 30, top + 80, 100, 34, case.supplier.name)
    s.text(
        x0 + 6,
        top + 140,
        f"{case.origin.exporter_declaration_place}, {fmt_date(co.issue_date, date_style)}",
        size=8.5,
    )
    s.hline(x0 + 6, mid - 6, top + 152, width=0.4)
    s.text(x0 + 6, top + 155, "Place and date, signature and stamp of authorized signatory", size=6)
    s.rect(mid, top, x0 + w - mid, 170)
    s.lines(mid + 3, top + 3, ["12. Certification 签证机构证明"], size=6.5)
    s.paragraph(
        mid + 6,
        top + 16,
        x0 + w - mid - 12,
        "It is hereby certified that the declaration by the exporter is correct.",
        size=7.5,
    )
    s.paragraph(
        mid + 6, top + 42, x0 + w - mid - 12, co.issuing_authority or "", font="Helvetica-Bold", size=7.5
    )
    s.chop(mid + 200, top + 110, 32, ["CCPIT", "CERTIFICATION"])
    s.signature(mid + 20, top + 90, 100, 34, co.issuing_authority or "")
    s.text(
        mid + 6,
        top + 140,
        f"{case.origin.exporter_declaration_place}, {fmt_date(co.issue_date, date_style)}",
        size=8.5,
    )
    s.hline(mid + 6, x0 + w - 6, top + 152, width=0.4)
    s.text(mid + 6, top + 155, "Place and date, signature and stamp of certifying authority", size=6)
    return s.finish()


def _variant(style: DateStyle) -> Callable[[CertificateOfOrigin, Case], bytes]:
    return partial(_ccpit, date_style=style)


ORIGIN_LAYOUTS = (
    Layout("co-ccpit-us-dates", "certificate_of_origin", _ALL, _variant("us_abbrev")),
    Layout("co-ccpit-long-dates", "certificate_of_origin", _ALL, _variant("long")),
    Layout("co-ccpit-iso-dates", "certificate_of_origin", _ALL, _variant("iso")),
)
