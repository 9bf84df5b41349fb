"""findings.xlsx: header, filter, frozen pane, order column; document text never becomes a formula."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from pipeline.xlsx import findings_xlsx
from rules.finding import Finding, Severity


def test_sheet_layout(batch):
    sheet = load_workbook(io.BytesIO(findings_xlsx(batch.findings, {}))).active
    header = [c.value for c in sheet[1]]
    assert header[0] == "Order" and "Expected" in header and "Found" in header
    assert sheet.max_row == len(batch.findings) + 1
    assert sheet.auto_filter.ref == sheet.dimensions
    assert sheet.freeze_panes == "B2"
    orders = {r[0] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert orders == {"PO-2026-0417", None}


def test_formula_like_text_stays_text():
    hostile = Finding(
        rule="CI-001",
        severity=Severity.ERROR,
        po_number='=HYPERLINK("http://x","click")',
        found="+cmd|' /C calc'!A0",
        message="bell\x07 inside",
    ).with_id()
    wb = load_workbook(io.BytesIO(findings_xlsx([hostile], {})))
    row = next(wb.active.iter_rows(min_row=2))
    assert row[0].data_type == "s" and row[0].value.startswith("=HYPERLINK")
    assert all(c.data_type != "f" for c in row)
    assert "bell inside" in [c.value for c in row]
