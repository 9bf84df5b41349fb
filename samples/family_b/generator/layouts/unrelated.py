"""A file that is not trade paperwork: a factory's product catalogue page that names ordered models."""

from __future__ import annotations

from extractors.schema import Unknown

from ..pdfkit import Column, Sheet
from ..world import Case
from . import Layout
from .common import letterhead

#: The catalogue's extra models and specifications (it lists more than any one order holds).
SERIES = [
    ("BW-CL1812", "18 W", "1350 lm", "3000/4000 K", "dia. 260 mm", "5.90 - 6.40", "1000"),
    ("BW-CL2418", "24 W", "1800 lm", "3000/4000/6500 K", "dia. 300 mm", "7.20 - 7.90", "1000"),
    ("BW-CL3624", "36 W", "2900 lm", "4000 K", "dia. 400 mm", "10.40 - 11.30", "800"),
    ("BW-PN3012", "32 W", "3400 lm", "4000 K", "300 x 1200 mm", "11.80 - 12.90", "500"),
    ("BW-PN6060", "40 W", "4000 lm", "4000/6500 K", "600 x 600 mm", "12.10 - 13.20", "500"),
]


def _catalogue(_: Unknown, case: Case) -> bytes:
    s = Sheet("Product catalogue 2027")
    top = letterhead(s, case.supplier) + 20
    s.text(s.width / 2, top, "PRODUCT CATALOGUE 2027", font="Helvetica-Bold", size=20, align="center")
    s.text(
        s.width / 2,
        top + 26,
        "LED ceiling lights and panels - indoor, IP20, Class II",
        size=10,
        align="center",
    )
    top += 60
    columns = [
        Column("Model", 70),
        Column("Power", 40, "right"),
        Column("Flux", 55, "right"),
        Column("CCT", 90),
        Column("Size", 80),
        Column("FOB Xiamen USD", 90, "right"),
        Column("MOQ pcs", 50, "right"),
    ]
    top = s.table(40, top, columns, [list(row) for row in SERIES], style="zebra", size=8.5) + 16
    s.paragraph(
        40,
        top,
        515,
        "Prices are indicative, FOB Xiamen, valid for orders confirmed before 31 March 2027. "
        "Custom colour temperatures and dimmable drivers on request. All models CE and RoHS compliant; "
        "test reports available on request. Samples free of charge, freight collect.",
        size=9,
    )
    s.footer("www.brightway-lighting.example  |  sales@brightway-lighting.example")
    return s.finish()


UNRELATED_LAYOUTS = (Layout("catalogue-page", "unknown", frozenset(), _catalogue),)
