"""Section 12: AQL sampling (AQL-): listed so the catalogue is complete; none is decidable."""

from __future__ import annotations

from rules.finding import Severity
from rules.registry import left_out

_NO_INSPECTION = "inspection (PSI) reports are not among the document types read"
left_out(
    "AQL-001",
    "Inspection report states lot size, level, code letter and sample size per ISO 2859-1",
    Severity.WARNING,
    "ISO 2859-1",
    _NO_INSPECTION,
)
left_out(
    "AQL-002",
    "Per defect class: defects <= Ac pass, >= Re fail; verdict consistent",
    Severity.ERROR,
    "ISO 2859-1",
    _NO_INSPECTION,
)
left_out(
    "AQL-003",
    "Inspection report references PO/model; lot = shipped quantity; dated before shipment",
    Severity.ERROR,
    "ISO 2859-1; ISBP Q2",
    _NO_INSPECTION,
)
