"""Non-preferential certificate of origin (China, CCPIT): the classic 12-box form and a stacked variant."""

from __future__ import annotations

from samples.generator.common import DocSpec, Fields, Style, party_block, signature, stamp, upper_party
from samples.generator.fmt import fmt_date, fmt_packages, fmt_weight
from samples.generator.model import Case
from samples.generator.pdf import Col, Sheet


def _hs(code: str, dotted: bool) -> str:
    return code if dotted else code.replace(".", "") + "00"


def fields(case: Case, style: Style) -> Fields:
    hs = list(dict.fromkeys(_hs(p.hs_code, style.labels % 2 == 0) for p in case.products))
    return {
        "certificate_number": case.co_number,
        "exporter": upper_party(case.supplier),
        "consignee": upper_party(case.consignee),
        "transport": "BY SEA",
        "port_of_loading": case.port_of_loading.upper(),
        "port_of_discharge": case.port_of_discharge.upper(),
        "destination_country": case.destination_country_name.upper(),
        "country_of_origin": "CHINA",
        "hs_codes": hs,
        "description": case.product_name.upper(),
        "packages": case.packages,
        "gross_weight_kg": case.gross_kg,
        "invoice_number": case.invoice_number,
        "invoice_date": case.invoice_date,
        "issue_date": case.co_issue_date,
        "issuing_authority": case.co_authority.upper(),
    }


def _declaration(f: Fields) -> str:
    return (
        "The undersigned hereby declares that the above details and statements are correct, that all the "
        f"goods were produced in {f['country_of_origin']} and that they comply with the Rules of Origin of "
        "the People's Republic of China."
    )


_CERTIFICATION = "It is hereby certified that the declaration by the exporter is correct."


def _goods_lines(sheet: Sheet, f: Fields, case: Case, width: float) -> list[str]:
    return [
        *sheet.wrap(fmt_packages(f["packages"], "words"), width - 8, 8),
        f"OF {f['description']}",
        *sheet.wrap(f"MODEL: {', '.join(case.models)}", width - 8, 8),
        "* * * * * * * * * * * * * * * *",
    ]


def _quantity_lines(f: Fields, case: Case) -> list[str]:
    return [
        *(f"{p.quantity:,} PCS" for p in case.products),
        f"G.W. {fmt_weight(f['gross_weight_kg'], 'kgs')}",
    ]


def _verification(case: Case) -> list[str]:
    """Box 5: where the chamber's online check of the certificate is."""
    return ["Verify at www.ccpit.org", f"Ref. {case.co_number.split()[-1]}"]


def _place(f: Fields) -> str:
    return f["port_of_loading"].split(",")[0]


def render_boxed(sheet: Sheet, f: Fields, case: Case, style: Style) -> None:
    left, mid, right, top = 30.0, 300.0, 565.0, 30.0
    sheet.cell(left, top, mid - left, 86, "1. Exporter", party_block(f["exporter"]))
    sheet.cell(left, top + 86, mid - left, 86, "2. Consignee", party_block(f["consignee"]))
    sheet.cell(
        left,
        top + 172,
        mid - left,
        60,
        "3. Means of transport and route",
        [f"FROM {f['port_of_loading']}", f"TO {f['port_of_discharge']}", f["transport"]],
    )
    sheet.cell(
        left, top + 232, mid - left, 34, "4. Country / region of destination", [f["destination_country"]]
    )
    sheet.rect(mid, top, right - mid, 172)
    sheet.text(mid + 10, top + 16, f"Certificate No. {f['certificate_number']}", 9, bold=True)
    title_y = top + 58
    if style.bilingual:
        sheet.text((mid + right) / 2, top + 40, "中华人民共和国原产地证明书", 12, align="center")
    for i, line in enumerate(("CERTIFICATE OF ORIGIN", "OF", "THE PEOPLE'S REPUBLIC OF CHINA")):
        sheet.text((mid + right) / 2, title_y + i * 16, line, 12 if i != 1 else 9, bold=True, align="center")
    sheet.cell(
        mid,
        top + 172,
        right - mid,
        94,
        "5. For certifying authority use only",
        _verification(case),
    )
    cols = (Col(100), Col(190), Col(65, "center"), Col(85, "right"), Col(95))
    header = [
        "6. Marks and numbers",
        "7. Number and kind of packages;\ndescription of goods",
        "8. H.S. Code",
        "9. Quantity",
        "10. Number and date\nof invoices",
    ]
    body = [
        "\n".join(case.shipping_marks),
        "\n".join(_goods_lines(sheet, f, case, cols[1].width)),
        "\n".join(f["hs_codes"]),
        "\n".join(_quantity_lines(f, case)),
        "\n".join([f["invoice_number"], fmt_date(f["invoice_date"], style.date)]),
    ]
    y = sheet.table(left, top + 266, cols, header, [body], grid=True, size=8, header_h=26, row_h=16)
    y = max(y, 520)
    half = (right - left) / 2
    sheet.rect(left, y, half, 210)
    sheet.rect(left + half, y, half, 210)
    sheet.text(left + 4, y + 12, "11. Declaration by the exporter", 7.5, bold=True)
    sheet.lines(left + 6, y + 28, sheet.wrap(_declaration(f), half - 14, 8), 8)
    sheet.text(left + 6, y + 150, f"{_place(f)}, CHINA  {fmt_date(f['issue_date'], style.date)}", 8.5)
    signature(
        sheet,
        left + 6,
        y + 178,
        None,
        None,
        caption="Place and date, signature and stamp of authorised signatory",
    )
    sheet.text(left + half + 4, y + 12, "12. Certification", 7.5, bold=True)
    sheet.lines(left + half + 6, y + 28, sheet.wrap(_CERTIFICATION, half - 14, 8), 8)
    sheet.lines(left + half + 6, y + 60, sheet.wrap(f["issuing_authority"], half - 14, 8), 8, bold=True)
    sheet.text(left + half + 6, y + 150, f"{_place(f)}, CHINA  {fmt_date(f['issue_date'], style.date)}", 8.5)
    stamp(sheet, left + half + 200, y + 120, ["CCPIT", "CERTIFICATION"])
    signature(
        sheet,
        left + half + 6,
        y + 178,
        None,
        None,
        caption="Place and date, signature and stamp of certifying authority",
    )


def render_stacked(sheet: Sheet, f: Fields, case: Case, style: Style) -> None:
    sheet.text(40, 40, "ORIGINAL", 9, bold=True)
    sheet.text(555, 40, f"No. {f['certificate_number']}", 10, bold=True, align="right")
    if style.bilingual:
        sheet.text(sheet.width / 2, 64, "原产地证明书", 13, align="center")
    sheet.text(
        sheet.width / 2, 84, "CERTIFICATE OF ORIGIN", 16, bold=True, align="center", family="Times-Roman"
    )
    sheet.text(sheet.width / 2, 98, "(Non-preferential) — The People's Republic of China", 9, align="center")
    sheet.hline(40, 555, 106, 1)
    y = 124.0
    sections = [
        ("1. Exporter (name and full address)", party_block(f["exporter"])),
        ("2. Consignee (name and full address)", party_block(f["consignee"])),
        (
            "3. Means of transport and route",
            [f"{f['transport']}: FROM {f['port_of_loading']} TO {f['port_of_discharge']}"],
        ),
        ("4. Country / region of destination", [f["destination_country"]]),
        ("5. For certifying authority use only", [", ".join(_verification(case))]),
    ]
    for label, values in sections:
        sheet.text(40, y, label, 7.5, bold=True)
        y = sheet.lines(50, y + 12, values, 9) + 4
        sheet.hline(40, 555, y - 6, 0.3)
    cols = (Col(95), Col(195), Col(70), Col(75, "right"), Col(80))
    header = ["6. Marks & Nos.", "7. Packages / Description", "8. HS Code", "9. Quantity", "10. Invoice"]
    body = [
        "\n".join(case.shipping_marks),
        "\n".join(_goods_lines(sheet, f, case, cols[1].width)),
        "\n".join(f["hs_codes"]),
        "\n".join(_quantity_lines(f, case)),
        "\n".join([f"No. {f['invoice_number']}", f"of {fmt_date(f['invoice_date'], style.date)}"]),
    ]
    y = sheet.table(40, y + 4, cols, header, [body], grid=False, header_h=18, size=8)
    sheet.text(40, y + 20, "11. Declaration by the exporter", 7.5, bold=True)
    y = sheet.lines(50, y + 33, sheet.wrap(_declaration(f), 500, 8.5), 8.5)
    sheet.text(50, y + 4, f"Place and date: {_place(f)}, {fmt_date(f['issue_date'], style.date)}", 8.5)
    signature(sheet, 50, y + 40, case.doc_signatory, None, caption="Signature of authorised signatory")
    y += 86
    sheet.text(40, y, "12. Certification", 7.5, bold=True)
    sheet.text(50, y + 13, _CERTIFICATION, 8.5)
    sheet.text(50, y + 26, f["issuing_authority"], 8.5, bold=True)
    sheet.text(50, y + 39, f"Issued at {_place(f)} on {fmt_date(f['issue_date'], style.date)}", 8.5)
    stamp(sheet, 490, y + 80, ["CCPIT", "CERTIFIED"])
    signature(sheet, 50, y + 76, None, None, caption="Certifying authority")


CERTIFICATE_OF_ORIGIN = DocSpec(
    "certificate_of_origin", fields, {"co-boxed": render_boxed, "co-stacked": render_stacked}
)
