"""A lab's voluntary "Certificate of Compliance": a framed certificate and a plain verification letter."""

from __future__ import annotations

from samples.generator.common import DocSpec, Fields, Style, party_block, signature, stamp
from samples.generator.fmt import fmt_date
from samples.generator.model import Case, LabCert, Report
from samples.generator.pdf import Col, Sheet

_DIRECTIVES = {"EMC": ["2014/30/EU"], "LVD": ["2014/35/EU"], "RoHS": ["2011/65/EU", "(EU) 2015/863"]}


def _basis(case: Case) -> tuple[LabCert, Report]:
    cert = case.lab_certificate
    report = case.report(cert.report_kind) if cert else None
    if cert is None or report is None:
        raise ValueError(f"{case.po_number} has no lab certificate or no report behind it")
    return cert, report


def fields(case: Case, style: Style) -> Fields:
    cert, report = _basis(case)
    return {
        "certificate_number": cert.number,
        "issuer": report.lab.name,
        "holder": case.supplier,
        "manufacturer": case.supplier,
        "product_name": case.product_name,
        "models": list(report.models),
        "directives": _DIRECTIVES[report.kind],
        "standards": list(report.standards),
        "report_numbers": [report.number],
        "issue_date": cert.issue_date,
        "valid_until": cert.valid_until,
    }


def render_framed(sheet: Sheet, f: Fields, case: Case, style: Style) -> None:
    _cert, report = _basis(case)
    sheet.rect(24, 24, sheet.width - 48, sheet.height - 48, 2.5)
    sheet.rect(32, 32, sheet.width - 64, sheet.height - 64, 0.8)
    mid = sheet.width / 2
    sheet.text(mid, 80, f["issuer"], 13, bold=True, align="center", family="Times-Roman")
    sheet.text(mid, 96, ", ".join(report.lab.lines), 7.5, align="center")
    sheet.text(mid, 150, "CERTIFICATE OF COMPLIANCE", 22, bold=True, align="center", family="Times-Roman")
    sheet.text(mid, 174, f"Certificate No.: {f['certificate_number']}", 11, align="center")
    sheet.text(
        mid,
        204,
        "This is to certify that the product described below has been tested and found in compliance with",
        9,
        align="center",
    )
    sheet.text(
        mid, 217, "the essential requirements of the following directive(s) and standards.", 9, align="center"
    )
    rows = [
        ("Certificate Holder", party_block(f["holder"])),
        ("Manufacturer", party_block(f["manufacturer"])),
        ("Product", [f["product_name"]]),
        ("Model(s)", [", ".join(f["models"])]),
        ("Directive(s)", f["directives"]),
        ("Standard(s)", f["standards"]),
        ("Test Report No.", f["report_numbers"]),
        ("Date of Issue", [fmt_date(f["issue_date"], style.date)]),
        ("Valid Until", [fmt_date(f["valid_until"], style.date)]),
    ]
    y = 250.0
    for label, values in rows:
        sheet.text(200, y, f"{label}:", 9.5, bold=True, align="right")
        y = sheet.lines(212, y, values, 9.5) + 5
    sheet.lines(
        70,
        y + 18,
        sheet.wrap(
            "The certificate is based on a single evaluation of the submitted sample(s) "
            "and does not imply an assessment of the production.",
            455,
            8,
        ),
        8,
    )
    stamp(sheet, 150, y + 110, ["CERTIFIED", report.lab.accreditation])
    signature(
        sheet,
        340,
        y + 100,
        report.lab.signatories[1],
        "Certification Manager",
        caption="Authorised signatory",
    )


def render_plain(sheet: Sheet, f: Fields, case: Case, style: Style) -> None:
    _cert, report = _basis(case)
    sheet.text(40, 50, f["issuer"], 12, bold=True)
    sheet.lines(40, 64, [*report.lab.lines, report.lab.accreditation], 8)
    sheet.hline(40, 555, 110, 1)
    sheet.text(40, 140, "VERIFICATION OF COMPLIANCE", 16, bold=True)
    sheet.text(40, 158, "Certificate of Compliance", 10)
    rows = [
        ["Verification / Certificate No.", f["certificate_number"]],
        ["Applicant / Holder", "\n".join(party_block(f["holder"]))],
        ["Manufacturer", "\n".join(party_block(f["manufacturer"]))],
        ["Product Description", f["product_name"]],
        ["Model No.", "\n".join(f["models"])],
        ["Directive", "\n".join(f["directives"])],
        ["Applied Standards", "\n".join(f["standards"])],
        ["Report No.", "\n".join(f["report_numbers"])],
        ["Issue Date", fmt_date(f["issue_date"], style.date)],
        ["Expiry Date", fmt_date(f["valid_until"], style.date)],
    ]
    y = sheet.table(40, 176, (Col(170), Col(345)), ["", ""], rows, grid=True, size=8.5, header_h=4)
    sheet.lines(
        40,
        y + 20,
        sheet.wrap(
            "The equipment has been tested by the laboratory named above on the "
            "submitted sample; the manufacturer remains responsible for the EU Declaration of "
            "Conformity and the CE marking.",
            515,
            8.5,
        ),
        8.5,
    )
    signature(sheet, 40, y + 90, report.lab.signatories[1], "Certification Manager", caption="Signature")
    stamp(sheet, 420, y + 80, ["VERIFIED", report.lab.accreditation])


LAB_CERTIFICATE = DocSpec(
    "lab_certificate", fields, {"cert-framed": render_framed, "cert-plain": render_plain}
)
