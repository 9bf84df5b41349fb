"""report.html: which shipments can go, what is wrong with the others, and where it says so."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from jinja2 import Environment, PackageLoader, select_autoescape

from extractors.datamodel import ExtractedDocument
from rules.finding import Finding, Severity

_ENV = Environment(loader=PackageLoader("pipeline", "templates"), autoescape=select_autoescape(default=True))
_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class OrderStatus:
    po_number: str | None
    status: str  # clean | warnings | errors | documents missing | unlinked
    documents: list[ExtractedDocument]
    findings: list[Finding]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity and f.status == "open")


def order_statuses(docs: Sequence[ExtractedDocument], findings: Sequence[Finding]) -> list[OrderStatus]:
    pos = sorted({d.po_number for d in docs if d.po_number} | {f.po_number for f in findings if f.po_number})
    rows = [_status(po, docs, findings) for po in pos]
    unlinked = [d for d in docs if not d.po_number]
    if unlinked:
        rows.append(_status(None, docs, findings))
    return rows


def _status(po: str | None, docs: Sequence[ExtractedDocument], findings: Sequence[Finding]) -> OrderStatus:
    mine = [d for d in docs if d.po_number == po]
    found = [f for f in findings if f.po_number == po]
    open_ = [f for f in found if f.status == "open"]
    if po is None:
        status = "unlinked"
    elif any(f.field == "doc_type" and f.file is None for f in open_):
        status = "documents missing"
    elif any(f.severity == Severity.ERROR for f in open_):
        status = "errors"
    elif any(f.severity == Severity.WARNING for f in open_):
        status = "warnings"
    else:
        status = "clean"
    return OrderStatus(po, status, mine, found)


def render_report(
    docs: Sequence[ExtractedDocument],
    findings: Sequence[Finding],
    order_errors: Sequence[str] = (),
) -> str:
    ordered = sorted(findings, key=lambda f: (f.po_number or "~", _SEVERITY_RANK[f.severity], f.rule))
    return _ENV.get_template("report.html.j2").render(
        statuses=order_statuses(docs, findings),
        findings=ordered,
        documents=docs,
        order_errors=order_errors,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )
