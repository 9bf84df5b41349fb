"""Speed of the backends against the bare libraries they are built on.

Run: `.venv/bin/python -m benchmarks.backends [--repeats N] [--skip-ocr] [--files PDF ...]`

- Text layer: `read_text_layer` (words + ruled lines + image areas, pdfium) against bare pdfplumber
  `extract_words`, and against pdfplumber `extract_words` + `edges` (the same information from
  pdfplumber), over every page of the real text PDFs. Pages/s, median of the repeats.
- OCR: the reader's OCR path for a page (render, orientation, deskew, line removal, tesseract) against
  a bare pypdfium2 render at the same dpi + `pytesseract.image_to_data`, both single-threaded, over the
  real scans. Seconds per page.

The machine is shared: quote ratios measured in the same run rather than absolute figures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytesseract
from PIL import Image

from extractors.backends.textlayer import read_text_layer
from extractors.reader import ReadSettings, read_document

REALDOCS = Path("/work/shared/realdocs")
TEXT_PDFS = [
    "bill_of_lading/vics_blank_bol_form.pdf",
    "certificate_of_origin/imceca_co_form_blank.pdf",
    "commercial_invoice/odoo_demo_invoice.pdf",
    "commercial_invoice/qualityhosting_invoice_2014.pdf",
    "emc/hardwario_chester_emc_report_htw.pdf",
    "eu_doc/oratek_tofu_eu_doc.pdf",
    "packing_list/blank_packing_list_form.pdf",
    "rohs/nexperia_rohs_declaration.pdf",
]
SCANS = ["eu_doc/crownstone_eu_doc_scan.pdf", "rohs/sgs_paralight_display_led_rohs_p1_scan.pdf"]


def _pages_per_second(files: list[Path], read_file: Callable[[Path], int], repeats: int) -> float:
    rates = []
    for _ in range(repeats):
        start, pages = time.perf_counter(), 0
        for path in files:
            pages += read_file(path)
        rates.append(pages / (time.perf_counter() - start))
    return statistics.median(rates)


def _ours(path: Path) -> int:
    pdf = pdfium.PdfDocument(path)
    try:
        for page in pdf:
            read_text_layer(page)
            page.close()
        return len(pdf)
    finally:
        pdf.close()


def _plumber(with_edges: bool) -> Callable[[Path], int]:
    def read(path: Path) -> int:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_words()
                if with_edges:
                    _ = page.edges
                page.close()
            return len(pdf.pages)

    return read


def bench_text(files: list[Path], repeats: int) -> None:
    ours = _pages_per_second(files, _ours, repeats)
    words = _pages_per_second(files, _plumber(with_edges=False), repeats)
    both = _pages_per_second(files, _plumber(with_edges=True), repeats)
    pages = sum(len(pdfium.PdfDocument(p)) for p in files)
    print(f"text layer, {len(files)} PDFs, {pages} pages, median of {repeats}:")
    print(f"  read_text_layer (words + rules + images) {ours:8.1f} pages/s")
    print(f"  pdfplumber extract_words                  {words:8.1f} pages/s   ours is {ours / words:.1f}x")
    print(f"  pdfplumber extract_words + edges          {both:8.1f} pages/s   ours is {ours / both:.1f}x")


def _bare_ocr(path: Path, dpi: int) -> int:
    pdf = pdfium.PdfDocument(path)
    try:
        for page in pdf:
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            image = Image.fromarray(bitmap.to_numpy())
            pytesseract.image_to_data(image, config="--psm 4")
            bitmap.close()
            page.close()
        return len(pdf)
    finally:
        pdf.close()


def bench_ocr(files: list[Path], dpi: int) -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"
    settings = ReadSettings(dpi=dpi)
    timings: dict[str, tuple[float, int]] = {}
    for name, read in (
        ("reader OCR path", lambda p: len(read_document(p, settings).pages)),
        ("bare render + image_to_data", lambda p: _bare_ocr(p, dpi)),
    ):
        start, pages = time.perf_counter(), 0
        for path in files:
            pages += read(path)
        timings[name] = (time.perf_counter() - start, pages)
    print(f"OCR at {dpi} dpi, {len(files)} scanned PDFs, single-threaded tesseract:")
    for name, (seconds, pages) in timings.items():
        print(f"  {name:28} {seconds / pages:6.2f} s/page ({pages} pages)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--skip-ocr", action="store_true")
    parser.add_argument("--files", nargs="*", type=Path, help="text PDFs (default: the real documents)")
    args = parser.parse_args(argv)
    bench_text(args.files or [REALDOCS / name for name in TEXT_PDFS], args.repeats)
    if not args.skip_ocr:
        bench_ocr([REALDOCS / name for name in SCANS], args.dpi)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
