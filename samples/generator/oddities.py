"""Bad and odd inputs an inbox really gets: cut-off downloads, locked PDFs, Word files, twins, blank forms."""

from __future__ import annotations

import zipfile
from pathlib import Path

from reportlab.lib.pdfencrypt import StandardEncryption

from samples.generator.common import Style
from samples.generator.invoice import render_blank
from samples.generator.pdf import Sheet

EMAIL = """From: Amy Zhou <export@kaili-appliance.example.cn>
To: purchasing@casamoderna.example.it
Subject: RE: PO-2026-0431 shipment

Dear Marco,

the toasters of PO-2026-0431 are loaded, vessel MAERSK EMDEN 643W, ETD Shenzhen next week.
Invoice KL26-1107 and the packing list follow by courier together with the certificate of origin.

Best regards,
Amy Zhou
Export Department
"""

_DOCX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/></Relationships>'
    ),
}


def _docx_body(paragraphs: list[str]) -> str:
    runs = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{runs}</w:body></w:document>"
    )


def write_docx(target: Path, paragraphs: list[str]) -> None:
    """A minimal Word file; fixed timestamps keep the bytes the same on every run."""
    parts = {**_DOCX_PARTS, "word/document.xml": _docx_body(paragraphs)}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():
            zf.writestr(zipfile.ZipInfo(name, date_time=(2026, 10, 20, 9, 0, 0)), text)


def write_truncated(source: Path, target: Path, keep: float = 0.55) -> None:
    data = source.read_bytes()
    target.write_bytes(data[: int(len(data) * keep)])


def write_blank_invoice(target: Path) -> None:
    sheet = Sheet(target)
    render_blank(sheet, Style("iso", "kgs", "ctns", 0, False, False), "USD")
    sheet.save()


def encryption(password: str) -> StandardEncryption:
    return StandardEncryption(password, ownerPassword=password + "-owner", strength=128)
