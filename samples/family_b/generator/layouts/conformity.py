"""EU Declarations of Conformity: the Decision 768/2008 Annex III numbered form and a letter."""

from __future__ import annotations

from extractors.schema import DeclarationOfConformity

from ..fmt import fmt_date
from ..pdfkit import Sheet
from ..world import Case
from . import Layout
from .common import letterhead, party_lines

_ALL = frozenset(DeclarationOfConformity.model_fields) - {"notified_body_number"}  # Module A: no NB

#: Short titles as declarations print them after the number (repealed acts included on purpose).
ACT_TITLES = {
    "2014/35/EU": "Low Voltage Directive (LVD)",
    "2014/30/EU": "Electromagnetic Compatibility Directive (EMC)",
    "2011/65/EU": "RoHS Directive",
    "(EU) 2015/863": "Delegated Directive amending Annex II to 2011/65/EU",
    "2004/108/EC": "Electromagnetic Compatibility Directive",
    "2006/95/EC": "Low Voltage Directive",
}


def _annex_iii(doc: DeclarationOfConformity, case: Case) -> bytes:
    s = Sheet(f"EU Declaration of Conformity {case.declaration.number}")
    assert doc.manufacturer and doc.issue_date
    s.text(s.width / 2, 48, "EU DECLARATION OF CONFORMITY", font="Helvetica-Bold", size=16, align="center")
    s.text(s.width / 2, 70, f"No. {case.declaration.number}", size=10, align="center")
    x, top = 56, 104

    def item(number: str, heading: str, body: list[str], *, size: float = 9.5) -> None:
        nonlocal top
        s.text(x, top, number, font="Helvetica-Bold", size=size)
        s.text(x + 22, top, heading, font="Helvetica-Bold", size=size)
        top = s.lines(x + 22, top + 14, body, size=size) + 8

    item("1.", "Product model / product:", [f"{doc.product_name}, model(s): {', '.join(doc.models)}"])
    item("2.", "Name and address of the manufacturer:", party_lines(doc.manufacturer, 440, size=9.5))
    item(
        "3.",
        "This declaration of conformity is issued under the sole responsibility of the manufacturer.",
        [],
    )
    rating = (
        "Rated voltage 220-240 V~, 50/60 Hz" if case.mains_powered else "Powered by 2 x 1.5 V AAA batteries"
    )
    item(
        "4.",
        "Object of the declaration:",
        [f"Product: {doc.product_name}", f"Models: {', '.join(doc.models)}", rating],
    )
    item(
        "5.",
        "The object of the declaration described above is in conformity with the relevant Union "
        "harmonisation legislation:",
        [f"{d}  {ACT_TITLES.get(d, '')}" for d in doc.directives],
    )
    item("6.", "References to the relevant harmonised standards used:", list(doc.standards), size=9)
    item(
        "7.",
        "Notified body:",
        ["Not applicable (conformity assessment Module A, internal production control)"],
    )
    item(
        "8.",
        "Additional information:",
        [
            "Technical documentation held by the manufacturer; test reports "
            + ", ".join(r.number for r in case.reports)
        ],
    )
    top += 4
    s.text(x, top, "Signed for and on behalf of:", size=9.5)
    s.text(x + 140, top, doc.manufacturer.name, size=9.5)
    s.text(x, top + 16, "Place and date of issue:", size=9.5)
    s.text(x + 140, top + 16, f"{doc.place_of_issue}, {fmt_date(doc.issue_date, 'dotted')}", size=9.5)
    s.signature(x + 140, top + 30, 130, 44, doc.signatory_name or "")
    s.text(x, top + 84, "Name, function:", size=9.5)
    s.text(x + 140, top + 84, f"{doc.signatory_name}, {doc.signatory_function}", size=9.5)
    return s.finish()


def _letter(doc: DeclarationOfConformity, case: Case) -> bytes:
    s = Sheet("Declaration of Conformity")
    assert doc.manufacturer and doc.issue_date
    top = letterhead(s, case.supplier) + 30
    s.text(s.width / 2, top, "Declaration of Conformity", font="Times-Bold", size=18, align="center")
    s.text(
        s.width / 2, top + 22, f"(Ref. {case.declaration.number})", font="Times-Roman", size=9, align="center"
    )
    x, width = 64, 467
    top += 56
    top = (
        s.paragraph(
            x,
            top,
            width,
            f"We, {doc.manufacturer.name}, {doc.manufacturer.address}, declare under our "
            "sole responsibility that the product",
            font="Times-Roman",
            size=11,
        )
        + 8
    )
    s.text(x + 40, top, doc.product_name or "", font="Times-Bold", size=12)
    s.text(x + 40, top + 16, "Models: " + ", ".join(doc.models), font="Times-Bold", size=11)
    top += 42
    top = (
        s.paragraph(
            x,
            top,
            width,
            "to which this declaration relates is in conformity with the essential "
            "requirements of the following directives:",
            font="Times-Roman",
            size=11,
        )
        + 4
    )
    top = (
        s.lines(
            x + 40,
            top,
            [f"{d} - {ACT_TITLES.get(d, '')}" for d in doc.directives],
            font="Times-Roman",
            size=11,
        )
        + 8
    )
    top = (
        s.paragraph(
            x,
            top,
            width,
            "and that the following harmonised standards have been applied:",
            font="Times-Roman",
            size=11,
        )
        + 4
    )
    top = s.lines(x + 40, top, list(doc.standards), font="Times-Roman", size=10.5) + 20
    s.text(x, top, f"{doc.place_of_issue}, {fmt_date(doc.issue_date, 'long')}", font="Times-Roman", size=11)
    s.signature(x, top + 16, 140, 48, doc.signatory_name or "")
    s.text(x, top + 70, doc.signatory_name or "", font="Times-Bold", size=11)
    s.text(x, top + 85, doc.signatory_function or "", font="Times-Italic", size=11)
    return s.finish()


CONFORMITY_LAYOUTS = (
    Layout("doc-annex-iii-numbered", "declaration_of_conformity", _ALL, _annex_iii),
    Layout("doc-letter", "declaration_of_conformity", _ALL, _letter),
)
