"""findings.xlsx: the findings as a spreadsheet an analyst filters and hands on."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Mapping, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from pipeline.review import Decision
from rules.finding import Finding

#: (header, width) per column; the order column comes first, as analysts work order by order.
COLUMNS: tuple[tuple[str, int], ...] = (
    ("Order", 16),
    ("Status", 10),
    ("Severity", 9),
    ("Rule", 10),
    ("Title", 36),
    ("File", 32),
    ("Document type", 20),
    ("Field", 18),
    ("Expected", 24),
    ("Found", 24),
    ("Message", 60),
    ("Page", 6),
    ("Related files", 30),
    ("Source", 30),
    ("Reviewed by", 14),
    ("Reviewed at", 18),
    ("Comment", 40),
    ("Id", 18),
)

# Characters XML 1.0 cannot hold; openpyxl refuses them, and OCR text sometimes has them.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SEVERITY_FILL = {
    "error": PatternFill("solid", fgColor="F8D7DA"),
    "warning": PatternFill("solid", fgColor="FFF3CD"),
}


def findings_xlsx(findings: Sequence[Finding], decisions: Mapping[str, Decision]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Findings"
    ws.append([h for h, _ in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for f in findings:
        ws.append([_text(v) for v in _row(f, decisions.get(f.fingerprint()))])
        ws.cell(ws.max_row, 3).fill = _SEVERITY_FILL.get(f.severity, PatternFill())
    for i, (_, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if isinstance(cell.value, str):
                cell.data_type = "s"  # document text such as "=HYPERLINK(...)" stays text, never a formula
    ws.auto_filter.ref = ws.dimensions
    ws.freeze_panes = "B2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _row(f: Finding, d: Decision | None) -> list[object]:
    return [
        f.po_number,
        f.status,
        str(f.severity),
        f.rule,
        f.title,
        f.file,
        f.doc_type,
        f.field,
        f.expected,
        f.found,
        f.message,
        f.evidence.page if f.evidence else None,
        "; ".join(f.related_files),
        f.source,
        d.by if d else None,
        d.when if d else None,
        d.comment if d else None,
        f.fingerprint(),
    ]


def _text(value: object) -> object:
    if value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return value
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return _ILLEGAL.sub("", text)
