"""Lab test reports: RoHS with substances in rows (portrait) or in columns (landscape),
an EMC test summary and an LVD clause checklist."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from extractors.schema import Party, TestReport

from ..fmt import DateStyle, fmt_date
from ..pdfkit import Column, Sheet
from ..world import Case, Report
from . import Layout
from .common import party_lines

_COMMON = frozenset(TestReport.model_fields) - {"valid_until", "substances"}
_ROHS = _COMMON | {"substances"}

SUBSTANCE_NAMES = {
    "Pb": "Lead (Pb)",
    "Hg": "Mercury (Hg)",
    "Cd": "Cadmium (Cd)",
    "Cr(VI)": "Hexavalent chromium (Cr(VI))",
    "PBBs": "Polybrominated biphenyls (PBBs)",
    "PBDEs": "Polybrominated diphenyl ethers (PBDEs)",
    "DEHP": "Bis(2-ethylhexyl) phthalate (DEHP)",
    "BBP": "Butyl benzyl phthalate (BBP)",
    "DBP": "Dibutyl phthalate (DBP)",
    "DIBP": "Diisobutyl phthalate (DIBP)",
}
METHODS = {
    "Pb": "IEC 62321-5",
    "Hg": "IEC 62321-4",
    "Cd": "IEC 62321-5",
    "Cr(VI)": "IEC 62321-7-2",
    "PBBs": "IEC 62321-6",
    "PBDEs": "IEC 62321-6",
}
MDL = {"Cd": "2", "Hg": "2", "Pb": "2", "Cr(VI)": "8"}

TITLES = {
    "RoHS": "TEST REPORT - RoHS",
    "EMC": "EMC TEST REPORT",
    "LVD": "TEST REPORT - LOW VOLTAGE DIRECTIVE (ELECTRICAL SAFETY)",
}


def _party(p: Party | None, width: float = 395) -> str:
    """Name and address on their own lines, the address broken only at its commas."""
    return "\n".join(party_lines(p, width, size=8.5))


def _lab_header(s: Sheet, report: Report, tr: TestReport, page: int, pages: int) -> float:
    s.text(40, 30, tr.issuer or "", font="Helvetica-Bold", size=11)
    s.text(40, 45, ", ".join(report.lab.address_lines), size=7.5)
    s.text(s.width - 40, 30, f"{report.lab.accreditation}  ILAC-MRA", size=7.5, align="right")
    s.text(
        s.width - 40, 45, f"Report No.: {tr.report_number}    Page {page} of {pages}", size=7.5, align="right"
    )
    s.hline(40, s.width - 40, 58, width=1.2)
    return 72


def _facts(tr: TestReport, date_style: DateStyle, report: Report) -> list[tuple[str, str]]:
    assert tr.test_date and tr.issue_date
    return [
        ("Report No.", tr.report_number or ""),
        ("Applicant", _party(tr.applicant)),
        ("Manufacturer", _party(tr.manufacturer)),
        ("Product name", tr.product_name or ""),
        ("Model(s)", ", ".join(tr.models)),
        ("Sample received", fmt_date(report.received, date_style)),
        ("Test date", fmt_date(tr.test_date, date_style)),
        ("Date of issue", fmt_date(tr.issue_date, date_style)),
    ]


def _fact_table(s: Sheet, top: float, facts: list[tuple[str, str]], width: float) -> float:
    columns = [Column("Item", 110), Column("Particulars", width - 110)]
    return s.table(40, top, columns, [list(f) for f in facts], style="ruled", size=8.5, header_fill=None)


def _sign_off(s: Sheet, top: float, report: Report, x: float = 40) -> None:
    s.text(x, top, "Tested by:", size=8.5)
    s.text(x + 60, top, report.engineer, size=8.5)
    s.text(x + 230, top, "Approved by:", size=8.5)
    s.signature(x + 300, top - 22, 100, 32, report.approver)
    s.text(x + 300, top + 14, f"{report.approver}, Technical Manager", size=8.5)


def _rohs_rows(tr: TestReport, case: Case, date_style: DateStyle) -> bytes:
    report = case.report("RoHS")
    s = Sheet(f"Test report {tr.report_number}")
    top = _lab_header(s, report, tr, 1, 2) + 8
    s.text(s.width / 2, top, TITLES["RoHS"], font="Helvetica-Bold", size=15, align="center")
    top = _fact_table(s, top + 30, _facts(tr, date_style, report), 515) + 16
    s.text(40, top, "Test requested:", font="Helvetica-Bold", size=9)
    top = (
        s.paragraph(
            140,
            top,
            415,
            "Directive 2011/65/EU Annex II as amended by Commission Delegated Directive "
            "(EU) 2015/863: Pb, Hg, Cd, Cr(VI), PBBs, PBDEs, DEHP, BBP, DBP, DIBP.",
            size=9,
        )
        + 8
    )
    s.text(40, top, "Test method:", font="Helvetica-Bold", size=9)
    top = s.lines(140, top, tr.standards, size=9) + 8
    s.text(40, top, "Conclusion:", font="Helvetica-Bold", size=9)
    s.text(140, top, f"{tr.conclusion}  (the submitted sample complies with the limits of Annex II)", size=9)
    _sign_off(s, top + 60, report)
    s.new_page()
    top = _lab_header(s, report, tr, 2, 2) + 8
    s.text(40, top, "Test results", font="Helvetica-Bold", size=11)
    s.text(
        40,
        top + 16,
        f"Sample: {tr.product_name}, composite of all homogeneous materials; models {', '.join(tr.models)}",
        size=8.5,
    )
    columns = [
        Column("Test item", 190),
        Column("Method", 85),
        Column("Unit", 40, "center"),
        Column("MDL", 40, "right"),
        Column("Limit", 50, "right"),
        Column("Result", 50, "right"),
        Column("Verdict", 60, "center"),
    ]
    rows = [
        [
            SUBSTANCE_NAMES[name],
            METHODS.get(name, "IEC 62321-8"),
            "mg/kg",
            MDL.get(name, "50"),
            r.limit or "",
            r.result or "",
            "Pass",
        ]
        for name, r in tr.substances.items()
    ]
    top = s.table(40, top + 36, columns, rows, style="ruled", size=8.5) + 10
    s.lines(
        40,
        top,
        [
            "Notes: mg/kg = ppm; ND = not detected (below MDL); MDL = method detection limit.",
            "*** End of report ***",
        ],
        size=8,
    )
    return s.finish()


def _rohs_columns(tr: TestReport, case: Case, date_style: DateStyle) -> bytes:
    report = case.report("RoHS")
    s = Sheet(f"Test report {tr.report_number}", landscape_page=True)
    top = _lab_header(s, report, tr, 1, 1) + 4
    s.text(s.width / 2, top, TITLES["RoHS"], font="Helvetica-Bold", size=14, align="center")
    top += 26
    facts = _facts(tr, date_style, report)
    half = (len(facts) + 1) // 2
    bottoms = []
    for column, x in ((facts[:half], 40), (facts[half:], 560)):
        y = top
        for label, value in column:
            s.text(x, y, label + ":", font="Helvetica-Bold", size=8.5)
            y = s.lines(x + 85, y, value.split("\n"), size=8.5) + 3
        bottoms.append(y)
    top = max(bottoms) + 10
    s.text(40, top, "Methods: " + "; ".join(tr.standards), size=8)
    top += 18
    names = list(tr.substances)
    columns = [Column("Substance", 102)] + [Column(name, 66, "center") for name in names]
    rows = [
        ["Limit (mg/kg)", *[tr.substances[n].limit or "" for n in names]],
        ["MDL (mg/kg)", *[MDL.get(n, "50") for n in names]],
        ["Result (mg/kg)", *[tr.substances[n].result or "" for n in names]],
        ["Verdict", *["Pass"] * len(names)],
    ]
    top = s.table(40, top, columns, rows, style="ruled", size=8.5) + 12
    s.text(40, top, f"Conclusion: {tr.conclusion}", font="Helvetica-Bold", size=10)
    s.text(
        40,
        top + 16,
        "ND = not detected. Limits per Annex II of Directive 2011/65/EU as amended by (EU) 2015/863.",
        size=8,
    )
    _sign_off(s, top + 60, report)
    return s.finish()


EMC_TESTS = [
    ("Disturbance voltage (mains terminals)", "EN IEC 55014-1"),
    ("Radiated disturbance", "EN IEC 55014-1"),
    ("Harmonic current emissions", "EN IEC 61000-3-2"),
    ("Voltage fluctuations and flicker", "EN 61000-3-3"),
    ("Electrostatic discharge", "EN 61000-4-2"),
    ("Radiated RF immunity", "EN 61000-4-3"),
    ("Electrical fast transients / burst", "EN 61000-4-4"),
    ("Surge immunity", "EN 61000-4-5"),
]


def _emc_summary(tr: TestReport, case: Case, date_style: DateStyle) -> bytes:
    report = case.report("EMC")
    s = Sheet(f"Test report {tr.report_number}")
    top = _lab_header(s, report, tr, 1, 1) + 8
    s.text(s.width / 2, top, TITLES["EMC"], font="Helvetica-Bold", size=15, align="center")
    top = _fact_table(s, top + 30, _facts(tr, date_style, report), 515) + 14
    s.text(40, top, "Standards applied:", font="Helvetica-Bold", size=9)
    top = s.lines(150, top, tr.standards, size=9) + 10
    s.text(40, top, "Summary of test results", font="Helvetica-Bold", size=10)
    tests = EMC_TESTS if case.mains_powered else EMC_TESTS[1:2] + EMC_TESTS[4:6]
    columns = [Column("Test item", 220), Column("Basic standard", 150), Column("Result", 145, "center")]
    top = s.table(40, top + 16, columns, [[t, std, "PASS"] for t, std in tests], style="zebra", size=8.5) + 12
    s.text(40, top, f"Overall verdict: {tr.conclusion}", font="Helvetica-Bold", size=10)
    _sign_off(s, top + 50, report)
    return s.finish()


LVD_CLAUSES = [
    ("5", "General conditions for the tests", "P"),
    ("7", "Marking and instructions", "P"),
    ("8", "Protection against access to live parts", "P"),
    ("10", "Power input and current", "P"),
    ("11", "Heating", "P"),
    ("13", "Leakage current and electric strength at operating temperature", "P"),
    ("16", "Leakage current and electric strength", "P"),
    ("19", "Abnormal operation", "P"),
    ("20", "Stability and mechanical hazards", "P"),
    ("22", "Construction", "P"),
    ("29", "Clearances, creepage distances and solid insulation", "P"),
    ("30", "Resistance to heat and fire", "P"),
]


LUMINAIRE_CLAUSES = [
    ("0", "General test requirements", "P"),
    ("2", "Classification of luminaires", "P"),
    ("3", "Marking", "P"),
    ("4", "Construction", "P"),
    ("7", "Provision for earthing", "N/A"),
    ("8", "Protection against electric shock", "P"),
    (
        "10",
        "Insulation resistance and electric strength, touch current and protective conductor current",
        "P",
    ),
    ("11", "Creepage distances and clearances", "P"),
    ("12", "Endurance tests and thermal tests", "P"),
    ("13", "Resistance to heat, fire and tracking", "P"),
]


def _lvd_clauses(tr: TestReport, case: Case, date_style: DateStyle) -> bytes:
    report = case.report("LVD")
    s = Sheet(f"Test report {tr.report_number}")
    top = _lab_header(s, report, tr, 1, 2) + 8
    s.text(s.width / 2, top, TITLES["LVD"], font="Helvetica-Bold", size=13, align="center")
    top = _fact_table(s, top + 28, _facts(tr, date_style, report), 515) + 14
    s.text(40, top, "Testing standards:", font="Helvetica-Bold", size=9)
    top = s.lines(150, top, tr.standards, size=9) + 10
    s.text(40, top, "Rating:", font="Helvetica-Bold", size=9)
    s.text(150, top, "220-240 V~, 50/60 Hz, Class II", size=9)
    s.text(40, top + 18, "Test result:", font="Helvetica-Bold", size=9)
    s.text(150, top + 18, tr.conclusion or "", font="Helvetica-Bold", size=9)
    s.text(40, top + 36, "Possible verdicts: P = pass, F = fail, N/A = not applicable", size=8)
    _sign_off(s, top + 90, report)
    s.new_page()
    top = _lab_header(s, report, tr, 2, 2) + 8
    s.text(40, top, f"Clause checklist ({tr.standards[0].split(':')[0]})", font="Helvetica-Bold", size=10)
    columns = [
        Column("Clause", 50, "center"),
        Column("Requirement - Test", 330),
        Column("Result - Remark", 85),
        Column("Verdict", 50, "center"),
    ]
    clauses = LUMINAIRE_CLAUSES if "60598" in tr.standards[0] else LVD_CLAUSES
    rows = [[c, text, "Complies" if v == "P" else "Class II", v] for c, text, v in clauses]
    top = s.table(40, top + 18, columns, rows, style="ruled", size=8.5) + 10
    s.text(40, top, "*** End of test report ***", size=8)
    return s.finish()


def _dated(render: Callable[[TestReport, Case, DateStyle], bytes], style: DateStyle) -> Callable[..., bytes]:
    return partial(render, date_style=style)


REPORT_LAYOUTS = (
    Layout("rohs-substance-rows", "test_report", _ROHS, _dated(_rohs_rows, "iso")),
    Layout("rohs-substance-columns-landscape", "test_report", _ROHS, _dated(_rohs_columns, "dotted")),
    Layout("rohs-substance-rows-long-dates", "test_report", _ROHS, _dated(_rohs_rows, "long")),
    Layout("emc-summary-iso", "test_report", _COMMON, _dated(_emc_summary, "iso")),
    Layout("emc-summary-dotted", "test_report", _COMMON, _dated(_emc_summary, "dotted")),
    Layout("emc-summary-long", "test_report", _COMMON, _dated(_emc_summary, "long")),
    Layout("lvd-clause-checklist", "test_report", _COMMON, _dated(_lvd_clauses, "iso")),
    Layout("lvd-clause-checklist-dotted", "test_report", _COMMON, _dated(_lvd_clauses, "dotted")),
)
