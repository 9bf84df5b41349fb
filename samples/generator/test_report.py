"""Test reports (RoHS, EMC, LVD, food contact): a lab's ruled cover sheet and an open report style.

The RoHS report in the cover layout runs over two pages (summary, then the result table), with the
report number repeated in every page header as ISO/IEC 17025 asks.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from functools import partial

from samples.generator.common import DocSpec, Fields, Style, party_block, signature, stamp
from samples.generator.fmt import fmt_date
from samples.generator.model import Case, Lab, Report
from samples.generator.pdf import Col, Sheet

# (key, printed name, limit mg/kg, method, MDL mg/kg)
SUBSTANCES = (
    ("Pb", "Lead (Pb)", "1000", "IEC 62321-5:2013", "2"),
    ("Hg", "Mercury (Hg)", "1000", "IEC 62321-4:2013+A1:2017", "2"),
    ("Cd", "Cadmium (Cd)", "100", "IEC 62321-5:2013", "2"),
    ("Cr(VI)", "Hexavalent Chromium (Cr(VI))", "1000", "IEC 62321-7-2:2017", "8"),
    ("PBBs", "Polybrominated Biphenyls (PBBs)", "1000", "IEC 62321-6:2015", "5"),
    ("PBDEs", "Polybrominated Diphenyl Ethers (PBDEs)", "1000", "IEC 62321-6:2015", "5"),
    ("DEHP", "Bis(2-ethylhexyl) phthalate (DEHP)", "1000", "IEC 62321-8:2017", "50"),
    ("BBP", "Butyl benzyl phthalate (BBP)", "1000", "IEC 62321-8:2017", "50"),
    ("DBP", "Dibutyl phthalate (DBP)", "1000", "IEC 62321-8:2017", "50"),
    ("DIBP", "Diisobutyl phthalate (DIBP)", "1000", "IEC 62321-8:2017", "50"),
)
_SUBSTANCE_ROWS = {key: (name, limit, method, mdl) for key, name, limit, method, mdl in SUBSTANCES}

EMC_ITEMS = (
    ("Conducted disturbance at mains terminals", "EN 55014-1 / EN 55032"),
    ("Disturbance power / radiated disturbance", "EN 55014-1 / EN 55032"),
    ("Harmonic current emissions", "EN 61000-3-2"),
    ("Voltage fluctuations and flicker", "EN 61000-3-3"),
    ("Electrostatic discharge immunity", "EN 61000-4-2"),
    ("Electrical fast transient / burst immunity", "EN 61000-4-4"),
    ("Surge immunity", "EN 61000-4-5"),
)
IEC_60335_CLAUSES = (
    ("5", "General conditions for the tests"),
    ("7", "Marking and instructions"),
    ("8", "Protection against access to live parts"),
    ("11", "Heating"),
    ("13", "Leakage current and electric strength at operating temperature"),
    ("19", "Abnormal operation"),
    ("22", "Construction"),
    ("29", "Clearances, creepage distances and solid insulation"),
)
IEC_62368_CLAUSES = (
    ("4", "General requirements"),
    ("5", "Electrically-caused injury"),
    ("6", "Electrically-caused fire"),
    ("7", "Injury caused by hazardous substances"),
    ("8", "Mechanically-caused injury"),
    ("9", "Thermal burn injury"),
    ("10", "Radiation"),
    ("F", "Equipment markings, instructions and instructional safeguards"),
)
FOOD_ITEMS = (
    ("Migration globale / Overall migration", "A: éthanol 10 %", "2 h à 70 °C", "1.2"),
    ("Migration globale / Overall migration", "B: acide acétique 3 %", "2 h à 70 °C", "1.6"),
    ("Migration globale / Overall migration", "D2: huile d'olive", "2 h à 70 °C", "3.4"),
)


def _product_name(case: Case, report: Report) -> str:
    if set(report.models) == set(case.models):
        return case.product_name
    product = next(p for p in case.products if p.model in report.models)
    return product.description.split(",")[0]


def substance_results(report: Report) -> dict[str, dict[str, str]]:
    """Per-substance results of a clean RoHS report: mostly ND, a few traces well below the limit."""
    rng = random.Random(report.number)
    results = {key: {"result": "ND", "limit": limit} for key, _name, limit, _method, _mdl in SUBSTANCES}
    if rng.random() < 0.6:
        results["Pb"]["result"] = str(rng.randrange(5, 40))
    return results


def fields(case: Case, style: Style, kind: str) -> Fields:
    report = case.report(kind)
    if report is None:
        raise ValueError(f"{case.po_number} has no {kind} report")
    out: Fields = {
        "report_type": kind,
        "report_number": report.number,
        "issuer": report.lab.name,
        "applicant": case.supplier,
        "manufacturer": case.supplier,
        "product_name": _product_name(case, report),
        "models": list(report.models),
        "standards": list(report.standards),
        "test_date": report.test_end,
        "issue_date": report.issue_date,
    }
    if report.valid_until:
        out["valid_until"] = report.valid_until
    out["conclusion"] = "PASS"
    if kind == "RoHS":
        out["substances"] = substance_results(report)
    return out


_TITLES = {
    "RoHS": "RoHS TEST REPORT",
    "EMC": "EMC TEST REPORT",
    "LVD": "LVD TEST REPORT (SAFETY)",
    "FOOD_CONTACT": "RAPPORT D'ESSAI / TEST REPORT",
}


def _page_header(sheet: Sheet, f: Fields, page: int, pages: int) -> None:
    sheet.text(40, 30, f["issuer"], 9, bold=True)
    sheet.text(555, 30, f"Report No.: {f['report_number']}", 8.5, align="right")
    sheet.text(555, 42, f"Page {page} of {pages}", 8, align="right")
    sheet.hline(40, 555, 48, 0.8)


# Cover-sheet label wordings of different labs, chosen by `Style.labels`.
_COVER_LABELS: dict[str, tuple[str, str, str]] = {
    "applicant": ("Applicant", "Applicant", "Client"),
    "manufacturer": ("Manufacturer", "Manufacturer", "Manufacturer / Factory"),
    "product": ("Product Name", "Sample Description", "Product"),
    "models": ("Model No.", "Model(s)", "Type Reference"),
    "standards": ("Test Standards / Methods", "Test Specification", "Standard(s)"),
    "test_date": ("Date of Test", "Test Date", "Testing Date"),
    "issue_date": ("Date of Issue", "Issue Date", "Date of Report"),
    "valid_until": ("Valid Until", "Expiry Date", "Valid Until"),
    "conclusion": ("Test Result", "Conclusion", "Overall Verdict"),
}


def _info_rows(f: Fields, style: Style) -> list[list[str]]:
    values = {
        "applicant": "\n".join(party_block(f["applicant"])),
        "manufacturer": "\n".join(party_block(f["manufacturer"])),
        "product": f["product_name"],
        "models": ", ".join(f["models"]),
        "standards": "\n".join(f["standards"]),
        "test_date": fmt_date(f["test_date"], style.date),
        "issue_date": fmt_date(f["issue_date"], style.date),
    }
    if "valid_until" in f:
        values["valid_until"] = fmt_date(f["valid_until"], style.date)
    values["conclusion"] = f["conclusion"]
    return [[_COVER_LABELS[key][style.labels % 3], value] for key, value in values.items()]


def _results_table(sheet: Sheet, f: Fields, y: float, grid: bool) -> float:
    kind = f["report_type"]
    if kind == "RoHS":
        cols = (
            Col(170),
            Col(40, "center"),
            Col(120),
            Col(45, "right"),
            Col(50, "right"),
            Col(50, "right"),
            Col(40, "center"),
        )
        rows = []
        for key, sub in f["substances"].items():
            name, _limit, method, mdl = _SUBSTANCE_ROWS[key]
            verdict = "P" if sub["result"] == "ND" or int(sub["result"]) <= int(sub["limit"]) else "F"
            rows.append([name, "mg/kg", method, mdl, sub["limit"], sub["result"], verdict])
        header = ["Test Item", "Unit", "Test Method", "MDL", "Limit", "Result", "Verdict"]
        y = sheet.table(40, y, cols, header, rows, grid=grid, size=8)
        notes = [
            "Notes: mg/kg = ppm; ND = not detected (< MDL); MDL = method detection limit;",
            "P = pass, F = fail. Limits per Annex II of Directive 2011/65/EU as amended by (EU) 2015/863.",
        ]
        return sheet.lines(40, y + 14, notes, 7.5)
    if kind == "EMC":
        cols = (Col(250), Col(165), Col(100, "center"))
        rows = [[item, basis, "PASS"] for item, basis in EMC_ITEMS]
        return sheet.table(40, y, cols, ["Test Item", "Basic Standard", "Result"], rows, grid=grid, size=8.5)
    if kind == "LVD":
        cols = (Col(50, "center"), Col(365), Col(100, "center"))
        clauses = IEC_62368_CLAUSES if any("62368" in s for s in f["standards"]) else IEC_60335_CLAUSES
        rows = [[clause, title, "P"] for clause, title in clauses]
        return sheet.table(
            40, y, cols, ["Clause", "Requirement - Test", "Verdict"], rows, grid=grid, size=8.5
        )
    cols = (Col(175), Col(135), Col(85), Col(60, "right"), Col(60, "right"))
    rows = [[item, simulant, cond, result, "10"] for item, simulant, cond, result in FOOD_ITEMS]
    header = ["Essai / Test", "Simulant", "Conditions", "mg/dm²", "Limite"]
    return sheet.table(40, y, cols, header, rows, grid=grid, size=8)


def _closing(sheet: Sheet, lab: Lab, y: float, lab_lines: Sequence[str]) -> None:
    tester, approver = lab.signatories
    signature(sheet, 40, y + 40, tester, "Test Engineer", caption="Tested by")
    signature(sheet, 320, y + 40, approver, "Technical Manager", caption="Approved by")
    stamp(sheet, 250, y + 30, ["TEST", "REPORT SEAL"])
    sheet.lines(40, y + 100, lab_lines, 7.5)
    sheet.text(sheet.width / 2, y + 140, "*** End of Report ***", 9, bold=True, align="center")


def render_cover(sheet: Sheet, f: Fields, case: Case, style: Style) -> None:
    report = case.report(f["report_type"])
    assert report is not None
    pages = 2 if f["report_type"] == "RoHS" else 1
    _page_header(sheet, f, 1, pages)
    sheet.text(sheet.width / 2, 84, _TITLES[f["report_type"]], 18, bold=True, align="center")
    sheet.text(sheet.width / 2, 102, f"Report No.: {f['report_number']}", 11, align="center")
    y = sheet.table(
        40,
        118,
        (Col(150), Col(365)),
        ["Item", "Information"],
        _info_rows(f, style),
        grid=True,
        size=8.5,
        header_h=18,
    )
    if pages == 2:
        summary = (
            f"Summary: based on the tests performed on the submitted samples, the results of Pb, Hg, Cd, "
            f"Cr(VI), PBBs, PBDEs{', DEHP, BBP, DBP, DIBP' if 'DEHP' in f['substances'] else ''} comply "
            f"with the limits of RoHS Directive 2011/65/EU and its amendment (EU) 2015/863."
        )
        y = sheet.lines(40, y + 20, sheet.wrap(summary, 515, 9), 9)
        sheet.text(
            40,
            y + 12,
            "Tested components: plastic housing, power cord insulation, PCB assembly, metal parts.",
            8.5,
        )
        sheet.lines(40, 780, [f"Accreditation: {report.lab.accreditation}", *report.lab.lines], 7.5)
        sheet.new_page()
        _page_header(sheet, f, 2, pages)
        sheet.text(40, 74, "TEST RESULTS", 12, bold=True)
        y = _results_table(sheet, f, 86, grid=True)
    else:
        sheet.text(40, y + 22, "TEST RESULTS SUMMARY", 10, bold=True)
        y = _results_table(sheet, f, y + 30, grid=True)
    _closing(
        sheet,
        report.lab,
        y + 10,
        [report.lab.name, *report.lab.lines, f"Accreditation: {report.lab.accreditation}"],
    )


def render_open(sheet: Sheet, f: Fields, case: Case, style: Style) -> None:
    report = case.report(f["report_type"])
    assert report is not None
    french = f["report_type"] == "FOOD_CONTACT"
    sheet.text(40, 46, f["issuer"], 13, bold=True, family="Times-Roman")
    sheet.lines(40, 60, [*report.lab.lines, report.lab.accreditation], 8)
    sheet.text(555, 46, _TITLES[f["report_type"]], 12, bold=True, align="right")
    sheet.text(
        555, 62, f"{'N° de rapport' if french else 'Report Number'}: {f['report_number']}", 9, align="right"
    )
    sheet.hline(40, 555, 112, 1.2)
    pairs = [
        ("Demandeur / Applicant" if french else "Applicant", party_block(f["applicant"])),
        ("Fabricant / Manufacturer" if french else "Manufacturer", party_block(f["manufacturer"])),
    ]
    y = 130.0
    for i, (label, values) in enumerate(pairs):
        sheet.text(40 + i * 265, y, label, 8, bold=True)
        sheet.lines(40 + i * 265, y + 12, values, 8.5)
    y += 12 + 11 * max(len(v) for _, v in pairs) + 8
    facts = [
        ("Produit / Product" if french else "Sample Description", f["product_name"]),
        ("Référence / Models" if french else "Model(s)", ", ".join(f["models"])),
        ("Date d'essai / Test date" if french else "Test Date", fmt_date(f["test_date"], style.date)),
        ("Date d'émission / Issue date" if french else "Issue Date", fmt_date(f["issue_date"], style.date)),
    ]
    if "valid_until" in f:
        facts.append(
            (
                "Valable jusqu'au / Valid until" if french else "Valid Until",
                fmt_date(f["valid_until"], style.date),
            )
        )
    for label, value in facts:
        sheet.text(40, y, label, 8, bold=True)
        sheet.text(40, y + 11, value, 9)
        y += 26
    sheet.text(40, y, "Méthodes / Methods" if french else "Standards Applied", 8, bold=True)
    y = sheet.lines(40, y + 11, f["standards"], 9) + 4
    if french:
        y = sheet.lines(
            40,
            y,
            sheet.wrap(
                "Exigences : Règlement (CE) n° 1935/2004 ; Règlement (UE) n° 10/2011 "
                "(limite de migration globale 10 mg/dm²) ; marché : France.",
                515,
                8.5,
            ),
            8.5,
        )
    y = _results_table(sheet, f, y + 6, grid=False)
    verdict = "Conclusion : CONFORME" if french else "Conclusion"
    sheet.text(40, y + 20, f"{verdict} — {f['conclusion']}", 11, bold=True)
    _closing(
        sheet,
        report.lab,
        y + 30,
        [
            "This report shall not be reproduced except in full without the written approval "
            "of the laboratory."
        ],
    )


def _spec(kind: str) -> DocSpec:
    return DocSpec(
        "test_report", partial(fields, kind=kind), {"report-cover": render_cover, "report-open": render_open}
    )


ROHS_REPORT, EMC_REPORT, LVD_REPORT, FOOD_REPORT = (_spec(k) for k in ("RoHS", "EMC", "LVD", "FOOD_CONTACT"))
