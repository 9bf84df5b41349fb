"""Where each document lands: its layout, how it is rendered and under which name.

Written out by hand rather than drawn at random so the family meets its brief exactly: both
layouts of every type, about a third of the files scanned (spread over all types, one multi-page
TIFF, a two-page scanned PDF, pages turned 90 and 180 degrees), and ten files outside their
order's folder whose order must be found from what they print.
"""

from __future__ import annotations

from dataclasses import dataclass

from samples.generator.bill_of_lading import BILL_OF_LADING
from samples.generator.common import DocSpec
from samples.generator.conformity import DECLARATION
from samples.generator.invoice import INVOICE
from samples.generator.lab_certificate import LAB_CERTIFICATE
from samples.generator.origin import CERTIFICATE_OF_ORIGIN
from samples.generator.packing_list import PACKING_LIST
from samples.generator.test_report import EMC_REPORT, FOOD_REPORT, LVD_REPORT, ROHS_REPORT

SPECS: dict[str, DocSpec] = {
    "inv": INVOICE,
    "pl": PACKING_LIST,
    "bl": BILL_OF_LADING,
    "co": CERTIFICATE_OF_ORIGIN,
    "doc": DECLARATION,
    "rohs": ROHS_REPORT,
    "emc": EMC_REPORT,
    "lvd": LVD_REPORT,
    "labcert": LAB_CERTIFICATE,
    "food": FOOD_REPORT,
}


@dataclass(frozen=True)
class Placement:
    po_number: str
    doc: str  # key into SPECS
    layout: str
    render: str  # text | scan-pdf | png | jpeg | tiff
    path: str  # relative to the inbox
    bilingual: bool = False
    turn: int = 0  # degrees a scanned page was fed wrongly


def _p(
    po: str,
    doc: str,
    layout: str,
    render: str,
    name: str,
    bilingual: bool = False,
    turn: int = 0,
    loose: bool = False,
) -> Placement:
    return Placement(po, doc, layout, render, name if loose else f"{po}/{name}", bilingual, turn)


A, B, C, D, E, F = (
    "PO-2026-0417",
    "PO-2026-0422",
    "PO-2026-0431",
    "PO-2026-0438",
    "PO-2026-0445",
    "PO-2026-0460",
)

PLAN: tuple[Placement, ...] = (
    _p(A, "inv", "invoice-boxed", "text", "HD-INV-26-0912.pdf", bilingual=True),
    _p(A, "pl", "pl-open", "text", "HD-26-0912-2.pdf"),
    _p(A, "bl", "bl-boxed", "jpeg", "IMG_20261009_1532.jpg"),
    _p(A, "co", "co-boxed", "scan-pdf", "scan_0012.pdf", bilingual=True),
    _p(A, "doc", "doc-letter", "text", "HD-K1702_K1005.pdf"),
    _p(A, "rohs", "report-cover", "tiff", "scan_0013.tif"),
    _p(A, "emc", "report-open", "text", "NBHCE26030221.pdf"),
    _p(A, "lvd", "report-cover", "text", "NBHCS26030209.pdf"),
    _p(A, "labcert", "cert-plain", "text", "unsorted/VOC_0188.pdf", loose=True),
    _p(B, "inv", "invoice-letter", "scan-pdf", "BWL20261014.pdf"),
    _p(B, "pl", "pl-boxed", "text", "BWL20261014-2.pdf", bilingual=True),
    _p(B, "bl", "bl-open", "text", "MEDU draft.pdf"),
    _p(B, "co", "co-stacked", "text", "C264403002715.pdf"),
    _p(B, "doc", "doc-table", "jpeg", "IMG_0458.jpg", turn=180),
    _p(B, "rohs", "report-open", "text", "ABT-R.pdf"),
    _p(B, "emc", "report-cover", "png", "unsorted/scan_0031.png", loose=True),
    _p(B, "lvd", "report-open", "text", "documents.pdf"),
    _p(C, "inv", "invoice-letter", "text", "KL26-1107.pdf"),
    _p(C, "pl", "pl-boxed", "jpeg", "IMG_20261012_0915.jpg"),
    _p(C, "bl", "bl-boxed", "text", "Maersk 643W docs.pdf", loose=True),
    _p(C, "co", "co-boxed", "png", "unsorted/IMG_4471.png", bilingual=True, loose=True),
    _p(C, "doc", "doc-letter", "text", "KL-T2S850.pdf"),
    _p(C, "rohs", "report-open", "text", "ZJT-R.pdf"),
    _p(C, "emc", "report-cover", "text", "ZJT-E.pdf"),
    _p(C, "lvd", "report-open", "scan-pdf", "scan_0044.pdf", turn=90),
    _p(D, "inv", "invoice-boxed", "text", "unsorted/VX-26-0938.pdf", loose=True),
    _p(D, "pl", "pl-open", "text", "VX-26-0938 (2).pdf"),
    _p(D, "bl", "bl-open", "scan-pdf", "EGLV scan.pdf"),
    _p(D, "co", "co-stacked", "text", "C264403003188.pdf"),
    _p(D, "doc", "doc-table", "png", "unsorted/scan_0007.png", loose=True),
    _p(D, "rohs", "report-cover", "scan-pdf", "scan_0008.pdf"),
    _p(D, "emc", "report-open", "text", "ABT-E.pdf"),
    _p(D, "lvd", "report-cover", "text", "ABT-S.pdf"),
    _p(E, "inv", "invoice-boxed", "text", "JL2026-118.pdf", bilingual=True),
    _p(E, "pl", "pl-boxed", "text", "unsorted/att_3.pdf", loose=True),
    _p(E, "bl", "bl-boxed", "text", "COSU.pdf"),
    _p(E, "co", "co-boxed", "jpeg", "IMG_20261023_1104.jpg"),
    _p(E, "rohs", "report-open", "text", "NBHC-R.pdf"),
    _p(E, "emc", "report-cover", "text", "NBHC-E.pdf"),
    _p(E, "lvd", "report-open", "text", "NBHCS26040209.pdf"),
    _p(E, "labcert", "cert-framed", "jpeg", "WhatsApp Image 2026-10-20.jpeg"),
    _p(E, "food", "report-open", "scan-pdf", "unsorted/documents (2).pdf", loose=True),
    _p(F, "inv", "invoice-letter", "jpeg", "unsorted/IMG_20261016_103344.jpg", loose=True),
    _p(F, "pl", "pl-open", "text", "AK-EX-2610-25 (1).pdf"),
    _p(F, "bl", "bl-boxed", "text", "MEDU.pdf"),
    _p(F, "co", "co-stacked", "text", "CCPIT 263301B0596.pdf", bilingual=True),
    _p(F, "doc", "doc-letter", "text", "AK-HD2200.pdf"),
    _p(F, "rohs", "report-cover", "text", "NBHCR26060117.pdf"),
    _p(F, "emc", "report-open", "scan-pdf", "scan_0052.pdf"),
    _p(F, "lvd", "report-cover", "text", "unsorted/AK-HD2200 report.pdf", loose=True),
)
