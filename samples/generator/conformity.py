"""EU Declaration of Conformity: a letter on the maker's letterhead and the Annex III numbered table."""

from __future__ import annotations

from samples.generator.common import DocSpec, Fields, Style, letterhead, party_block, signature, stamp
from samples.generator.fmt import fmt_date
from samples.generator.model import Case
from samples.generator.pdf import Col, Sheet

ACT_TITLES = {
    "2014/35/EU": "Low Voltage Directive (LVD)",
    "2014/30/EU": "Electromagnetic Compatibility Directive (EMC)",
    "2011/65/EU": "RoHS Directive (restriction of hazardous substances)",
    "(EU) 2015/863": "Commission Delegated Directive amending Annex II to 2011/65/EU",
    "2014/53/EU": "Radio Equipment Directive (RED)",
    "2004/108/EC": "Electromagnetic Compatibility Directive",
    "2006/95/EC": "Low Voltage Directive",
}


def fields(case: Case, style: Style) -> Fields:
    return {
        "manufacturer": case.supplier,
        "product_name": case.product_name,
        "models": list(case.models),
        "directives": list(case.directives),
        "standards": list(case.doc_standards),
        "place_of_issue": case.doc_place,
        "issue_date": case.doc_date,
        "signatory_name": case.doc_signatory,
        "signatory_function": case.doc_function,
    }


def _acts(f: Fields) -> list[str]:
    return [f"{act}  {ACT_TITLES.get(act, '')}".rstrip() for act in f["directives"]]


def _doc_number(case: Case) -> str:
    return f"DoC-{case.models[0]}-{case.doc_date:%Y%m}"


def render_letter(sheet: Sheet, f: Fields, case: Case, style: Style) -> None:
    y = letterhead(sheet, f["manufacturer"], size=14, family="Times-Roman")
    sheet.text(sheet.width / 2, y + 20, "EU DECLARATION OF CONFORMITY", 15, bold=True, align="center")
    sheet.text(sheet.width / 2, y + 36, f"No. {_doc_number(case)}", 9, align="center")
    y += 64
    sheet.text(50, y, "We,", 9.5)
    y = sheet.lines(70, y + 14, party_block(f["manufacturer"]), 9.5)
    sheet.text(50, y + 4, "declare under our sole responsibility that the product", 9.5)
    label = ("Model(s):", "Type / Model:", "Models:")[style.labels]
    sheet.text(70, y + 22, "Product:", 9.5, bold=True)
    sheet.text(160, y + 22, f["product_name"], 9.5)
    sheet.text(70, y + 36, label, 9.5, bold=True)
    sheet.text(160, y + 36, ", ".join(f["models"]), 9.5)
    y += 60
    y = sheet.lines(
        50,
        y,
        sheet.wrap(
            "to which this declaration relates is in conformity with the relevant Union "
            "harmonisation legislation:",
            495,
            9.5,
        ),
        9.5,
    )
    y = sheet.lines(70, y + 4, _acts(f), 9.5) + 6
    sheet.text(50, y, "and with the following harmonised standards and technical specifications:", 9.5)
    y = sheet.lines(70, y + 16, f["standards"], 9.5) + 10
    sheet.text(
        50,
        y,
        "Additional information: the CE marking was affixed in 2026. Technical documentation is held "
        "by the manufacturer.",
        8.5,
    )
    y += 30
    sheet.text(
        50, y, f"Place and date of issue: {f['place_of_issue']}, {fmt_date(f['issue_date'], style.date)}", 9.5
    )
    signature(
        sheet,
        50,
        y + 44,
        f.get("signatory_name"),
        f["signatory_function"],
        caption="Signed for and on behalf of the manufacturer",
    )
    stamp(sheet, 330, y + 40, [f["manufacturer"].name.split()[0].upper(), "QUALITY DEPT."])


def render_table(sheet: Sheet, f: Fields, case: Case, style: Style) -> None:
    sheet.text(sheet.width / 2, 50, "EU Declaration of Conformity", 17, bold=True, align="center")
    sheet.text(sheet.width / 2, 66, "(according to Decision No 768/2008/EC, Annex III)", 8.5, align="center")
    cols = (Col(170), Col(345))
    wrap = sheet.wrap
    rows = [
        ["1. Product model / product", f"Model(s): {', '.join(f['models'])}\nDoC No.: {_doc_number(case)}"],
        ["2. Name and address of the\nmanufacturer", "\n".join(party_block(f["manufacturer"]))],
        [
            "3. Responsibility",
            "\n".join(
                wrap(
                    "This declaration of conformity is issued under the sole "
                    "responsibility of the manufacturer.",
                    335,
                    8.5,
                )
            ),
        ],
        ["4. Object of the declaration", f"Product name: {f['product_name']}"],
        ["5. Union harmonisation\nlegislation", "\n".join(_acts(f))],
        ["6. Harmonised standards\nused", "\n".join(f["standards"])],
        ["7. Notified body", "Not applicable (internal production control, Module A)"],
        ["8. Additional information", "Technical file kept by the manufacturer."],
    ]
    y = sheet.table(40, 84, cols, ["Item", "Details"], rows, grid=True, size=8.5, row_h=17, header_h=18)
    y += 24
    sheet.text(40, y, "Signed for and on behalf of:", 9, bold=True)
    sheet.text(40, y + 14, f["manufacturer"].name, 9)
    place_label = ("Place and date of issue:", "Issued at:", "Place / Date:")[style.labels]
    sheet.text(40, y + 32, f"{place_label} {f['place_of_issue']}, {fmt_date(f['issue_date'], style.date)}", 9)
    sheet.text(40, y + 50, f"Name: {f.get('signatory_name', '')}", 9)
    sheet.text(40, y + 64, f"Function: {f['signatory_function']}", 9)
    signature(sheet, 330, y + 50, None, None, caption="Signature")


DECLARATION = DocSpec(
    "declaration_of_conformity", fields, {"doc-letter": render_letter, "doc-table": render_table}
)
