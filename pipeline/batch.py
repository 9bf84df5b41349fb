"""What a batch does once its documents are extracted: link, check, write. No Prefect here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from extractors.datamodel import ExtractedDocument
from pipeline.link import link_documents
from pipeline.steps import is_duplicate, mark_duplicates
from rules.config import RulesConfig
from rules.engine import check
from rules.finding import Finding
from rules.order import Order


@dataclass
class BatchResult:
    documents: list[ExtractedDocument]
    findings: list[Finding]
    order_errors: list[str] = field(default_factory=list)

    @property
    def problem_files(self) -> int:
        return sum(1 for d in self.documents if d.problems)


def assemble(docs: Sequence[ExtractedDocument], orders: Mapping[str, Order]) -> list[ExtractedDocument]:
    """Duplicates marked and every document linked to its order where one can be found."""
    return link_documents(mark_duplicates(sorted(docs, key=lambda d: d.file)), orders)


def check_all(
    docs: Sequence[ExtractedDocument], orders: Mapping[str, Order], config: RulesConfig
) -> list[Finding]:
    """Each order with documents in this batch checked as a shipment; each unlinked document alone.

    Orders with no document in the batch are not checked: nothing has arrived for them yet.
    """
    live = [d for d in docs if not is_duplicate(d)]
    findings: list[Finding] = []
    for po, order in orders.items():
        shipment = [d for d in live if d.po_number == po]
        if shipment:
            findings.extend(check(order, shipment, config))
    for doc in live:
        if doc.po_number is None or doc.po_number not in orders:
            findings.extend(check(None, [doc], config))
    return dedupe(findings)


def dedupe(findings: Sequence[Finding]) -> list[Finding]:
    seen: dict[str, Finding] = {}
    for f in findings:
        f = f if f.id else f.with_id()
        seen.setdefault(f.id, f)
    return list(seen.values())
