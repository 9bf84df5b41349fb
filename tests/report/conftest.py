"""A small batch built by hand: real PDFs and a PNG on disk, documents and findings pointing into them.

Field boxes of the PDFs are taken from the project's reader (the same words extraction would
see); those of the PNG are where PIL drew the text, in the image's own pixels.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from playwright.sync_api import Browser, sync_playwright
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from extractors.datamodel import BBox, DocType, ExtractedDocument, ExtractedField
from extractors.reader import read_document
from pipeline.publish import publish
from rules.finding import Evidence, Finding, Severity

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(2)>"
PORT_LINE = "Port of discharge: Rotterdam"
CONTAINER_LINE = "Container MSCU1234566"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _pdf(path: Path, pages: list[list[tuple[float, float, str]]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(path), pagesize=A4)
    for lines in pages:
        for x, y, text in lines:
            c.setFont("Helvetica-Bold" if y > 780 else "Helvetica", 16 if y > 780 else 10)
            c.drawString(x, y, text)
        c.rect(40, 60, 515, 700)  # a frame, so the crop shows some form around the value
        c.showPage()
    c.save()


def _png(path: Path, lines: list[tuple[int, int, str]]) -> dict[str, BBox]:
    """A phone-photo-like page; returns each line's box in the image's pixels."""
    image = Image.new("RGB", (1400, 1000), (236, 232, 222))
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=34)
    boxes: dict[str, BBox] = {}
    for x, y, text in lines:
        draw.text((x, y), text, fill=(25, 25, 30), font=font)
        boxes[text] = tuple(float(v) for v in draw.textbbox((x, y), text, font=font))  # type: ignore[assignment]
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)
    return boxes


def word_box(path: Path, page: int, *words: str) -> BBox:
    """The union of the boxes of `words` (consecutive) on `page`, as the reader reads them."""
    found = read_document(path).pages[page - 1].words
    texts = [w.text for w in found]
    i = next(i for i in range(len(texts)) if texts[i : i + len(words)] == list(words))
    chosen = found[i : i + len(words)]
    return (
        min(w.x0 for w in chosen),
        min(w.top for w in chosen),
        max(w.x1 for w in chosen),
        max(w.bottom for w in chosen),
    )


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _field(
    value: object, page: int, bbox: BBox, confidence: float = 0.98, method: str = "text"
) -> ExtractedField:
    return ExtractedField(value=value, page=page, bbox=bbox, confidence=confidence, method=method)  # type: ignore[arg-type]


@dataclass
class Batch:
    xss_script = XSS_SCRIPT
    xss_img = XSS_IMG

    inbox: Path
    documents: list[ExtractedDocument]
    findings: list[Finding]
    order_errors: list[str]

    def finding(self, rule: str) -> Finding:
        return next(f for f in self.findings if f.rule == rule)

    def publish(self, out: Path) -> Path:
        return publish(out, self.documents, self.findings, self.order_errors, self.inbox)


def make_batch(root: Path, total_found: str = "16,440.50") -> Batch:
    inbox = root / "inbox"
    invoice = inbox / "PO-2026-0417" / "invoice.pdf"
    _pdf(
        invoice,
        [
            [
                (60, 800, "COMMERCIAL INVOICE"),
                (60, 740, "Invoice No.: INV-88120"),
                (60, 720, "Date: 2026-09-14"),
                (60, 690, "Buyer: Nordlicht Haushaltswaren GmbH, Hafenstr. 1, Hamburg"),
                (60, 640, "Model HD-K1702 Electric kettle 1.7 L 2400 pcs USD 6.85 USD 16,440.00"),
                (360, 600, f"Total: USD {total_found}"),
            ],
            [
                (60, 800, "CONDITIONS"),
                (60, 700, "Country of origin: China"),
                (60, 680, "Incoterm: FOB Ningbo"),
            ],
        ],
    )
    photo = inbox / "PO-2026-0417" / "bl_photo.png"
    png_boxes = _png(
        photo,
        [
            (80, 80, "BILL OF LADING"),
            (80, 200, "B/L No. MSCU-BL-2231"),
            (80, 300, "Consignee: Nordlicht GmbH"),
            (80, 400, PORT_LINE),
            (80, 500, CONTAINER_LINE),
        ],
    )
    xss = inbox / "loose" / "xss.pdf"
    _pdf(
        xss,
        [[(60, 800, "PACKING LIST"), (60, 700, f"Consignee: {XSS_SCRIPT}"), (60, 680, f"Notify: {XSS_IMG}")]],
    )
    other = inbox / "PO-2026-0999" / "doc.pdf"
    _pdf(
        other,
        [[(60, 800, "EU DECLARATION OF CONFORMITY"), (60, 700, "We declare under our sole responsibility")]],
    )

    total_box = word_box(invoice, 1, "USD", total_found)
    origin_box = word_box(invoice, 2, "China")
    xss_box = word_box(xss, 1, "Consignee:")
    docs = [
        ExtractedDocument(
            file="PO-2026-0417/invoice.pdf",
            sha256=_sha(invoice),
            doc_type=DocType.COMMERCIAL_INVOICE,
            po_number="PO-2026-0417",
            pages=2,
            method="text",
            fields={
                "total_amount": _field(total_found.replace(",", ""), 1, total_box),
                "country_of_origin": _field("CN", 2, origin_box, 0.9),
            },
            classification_reason="title 'COMMERCIAL INVOICE'",
            link_reason="folder PO-2026-0417",
        ),
        ExtractedDocument(
            file="PO-2026-0417/bl_photo.png",
            sha256=_sha(photo),
            doc_type=DocType.BILL_OF_LADING,
            po_number="PO-2026-0417",
            pages=1,
            method="ocr",
            fields={
                "port_of_discharge": _field("Rotterdam", 1, png_boxes[PORT_LINE], 0.81, "ocr"),
                "container_numbers": _field(["MSCU1234566"], 1, png_boxes[CONTAINER_LINE], 0.42, "ocr"),
            },
            problems=["low confidence: container_numbers"],
            link_reason="folder PO-2026-0417",
        ),
        ExtractedDocument(
            file="loose/xss.pdf",
            sha256=_sha(xss),
            doc_type=DocType.PACKING_LIST,
            pages=1,
            method="text",
            fields={"consignee": _field({"name": XSS_SCRIPT, "address": XSS_IMG}, 1, xss_box)},
            problems=[f"no order found for consignee {XSS_SCRIPT}"],
        ),
        ExtractedDocument(
            file="PO-2026-0999/doc.pdf",
            sha256=_sha(other),
            doc_type=DocType.DECLARATION_OF_CONFORMITY,
            po_number="PO-2026-0999",
            pages=1,
            method="text",
        ),
    ]
    findings = [
        Finding(
            rule="CI-004",
            severity=Severity.ERROR,
            po_number="PO-2026-0417",
            file="PO-2026-0417/invoice.pdf",
            doc_type="commercial_invoice",
            field="total_amount",
            expected="16440.00",
            found=total_found.replace(",", ""),
            message="Invoice total differs from the order total",
            evidence=Evidence(page=1, bbox=total_box, text=f"USD {total_found}"),
            title="Invoice total equals the order total",
            source="UCP 600 art. 18",
        ),
        Finding(
            rule="CI-010",
            severity=Severity.WARNING,
            po_number="PO-2026-0417",
            file="PO-2026-0417/invoice.pdf",
            doc_type="commercial_invoice",
            field="total_amount",
            expected="16440.00",
            found=total_found.replace(",", ""),
            message="Invoice total differs from the sum of its lines",
            evidence=Evidence(page=1, bbox=total_box, text=f"USD {total_found}"),
            title="Invoice total equals the sum of the lines",
        ),
        Finding(
            rule="BL-007",
            severity=Severity.WARNING,
            po_number="PO-2026-0417",
            file="PO-2026-0417/bl_photo.png",
            doc_type="bill_of_lading",
            field="port_of_discharge",
            expected="Hamburg, Germany",
            found="Rotterdam",
            message="Port of discharge differs from the order",
            evidence=Evidence(page=1, bbox=png_boxes[PORT_LINE], text="Rotterdam"),
            title="B/L port of discharge matches the order",
            source="ISBP 745 E6",
        ),
        Finding(
            rule="ISO-001",
            severity=Severity.ERROR,
            po_number="PO-2026-0417",
            file="PO-2026-0417/bl_photo.png",
            doc_type="bill_of_lading",
            field="container_numbers",
            expected=None,
            found="MSCU1234566",
            message="Container number fails its ISO 6346 check digit",
            evidence=Evidence(page=1, bbox=png_boxes[CONTAINER_LINE], text="MSCU1234566"),
            title="Container numbers are valid ISO 6346",
            source="ISO 6346",
        ),
        Finding(
            rule="CO-001",
            severity=Severity.INFO,
            po_number="PO-2026-0417",
            file="PO-2026-0417/invoice.pdf",
            doc_type="commercial_invoice",
            field="country_of_origin",
            expected="CN",
            found="CN",
            message="Origin stated on the invoice",
            evidence=Evidence(page=2, bbox=origin_box, text="China"),
            title="Country of origin declared",
        ),
        Finding(
            rule="REQ-001",
            severity=Severity.ERROR,
            po_number="PO-2026-0417",
            file=None,
            doc_type=None,
            field="doc_type",
            expected="declaration_of_conformity",
            found=None,
            message="The order requires an EU Declaration of Conformity; none arrived",
            title="Required documents present",
        ),
        Finding(
            rule="PL-002",
            severity=Severity.WARNING,
            po_number=None,
            file="loose/xss.pdf",
            doc_type="packing_list",
            field="consignee",
            expected=XSS_IMG,
            found={"name": XSS_SCRIPT, "address": XSS_IMG},
            message=f"Consignee {XSS_SCRIPT} is not a known party",
            evidence=Evidence(page=1, bbox=xss_box, text=XSS_SCRIPT),
            title="Consignee is a known party",
            source=XSS_IMG,
        ),
    ]
    return Batch(inbox, docs, [f.with_id() for f in findings], ["orders.json: unknown key 'colour'"])


@pytest.fixture(scope="session")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    """Built once: its inbox is only read."""
    return make_batch(tmp_path_factory.mktemp("batch"))


@pytest.fixture(scope="session")
def published_once(batch: Batch, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("published") / "out"
    batch.publish(out)
    return out


@pytest.fixture
def published(published_once: Path, tmp_path: Path) -> Path:
    """A fresh copy of the out folder after publishing the batch (evidence cache included)."""
    return Path(shutil.copytree(published_once, tmp_path / "out"))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium driven by Playwright (no browser download)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent (the project's setup installs it: apt-get install -y chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()
