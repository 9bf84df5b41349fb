"""What a batch does once its documents are extracted: link, check, write. No Prefect here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from extractors.datamodel import DocType, ExtractedDocument
from pipeline.link import link_documents, squash
from pipeline.orders import OrderBook
from pipeline.steps import is_duplicate, mark_duplicates
from rules.config import RulesConfig
from rules.engine import check, group_unlinked
from rules.finding import Finding
from rules.order import Order

#: The number that makes a document the same document when it is issued again with new content.
IDENTITY_FIELDS: dict[DocType, str] = {
    DocType.COMMERCIAL_INVOICE: "invoice_number",
    DocType.PACKING_LIST: "invoice_number",
    DocType.BILL_OF_LADING: "bl_number",
    DocType.CERTIFICATE_OF_ORIGIN: "certificate_number",
    DocType.TEST_REPORT: "report_number",
    DocType.LAB_CERTIFICATE: "certificate_number",
}
SUPERSEDED = "superseded by "


@dataclass
class BatchResult:
    documents: list[ExtractedDocument]
    findings: list[Finding]
    order_errors: list[str] = field(default_factory=list)

    @property
    def problem_files(self) -> int:
        return sum(1 for d in self.documents if d.problems)


def build_result(docs: Sequence[ExtractedDocument], book: OrderBook, config: RulesConfig) -> BatchResult:
    """`docs` oldest first (arrival order decides which copy is the original, which issue the newest)."""
    linked = assemble(docs, book.orders)
    return BatchResult(linked, check_all(linked, book.orders, config), book.errors)


def assemble(docs: Sequence[ExtractedDocument], orders: Mapping[str, Order]) -> list[ExtractedDocument]:
    """Duplicates and superseded issues marked, every document linked to its order where one can be
    found; sorted by file. `docs` come oldest first."""
    marked = mark_superseded(mark_duplicates(list(docs)))
    return sorted(link_documents(marked, orders), key=lambda d: d.file)


def identity(doc: ExtractedDocument) -> tuple[DocType, str] | None:
    name = IDENTITY_FIELDS.get(doc.doc_type)
    number = doc.value(name) if name else None
    key = squash(str(number)) if number else ""
    return (doc.doc_type, key) if key else None


def mark_superseded(docs: list[ExtractedDocument]) -> list[ExtractedDocument]:
    """A reissued document (same number, new content) replaces the earlier issue in the checks;
    the earlier one stays in the outputs, saying which file replaced it. `docs` come oldest first."""
    newest: dict[tuple[DocType, str], ExtractedDocument] = {}
    for doc in docs:
        if (key := identity(doc)) and not is_duplicate(doc):
            newest[key] = doc
    out = []
    for doc in docs:
        key = identity(doc)
        latest = newest.get(key) if key and not is_duplicate(doc) else None
        if latest is not None and latest.file != doc.file:
            name = IDENTITY_FIELDS[doc.doc_type]
            label = name.replace("_", " ").replace("bl ", "B/L ")
            problem = (
                f"{SUPERSEDED}{latest.file} (reissued with the same {label} {doc.value(name)}); not checked"
            )
            doc = doc.model_copy(update={"problems": [*doc.problems, problem]})
        out.append(doc)
    return out


def is_superseded(doc: ExtractedDocument) -> bool:
    return any(p.startswith(SUPERSEDED) for p in doc.problems)


def check_all(
    docs: Sequence[ExtractedDocument], orders: Mapping[str, Order], config: RulesConfig
) -> list[Finding]:
    """Each order with documents in this batch checked as a shipment; documents no order claims
    checked by product (a certificate's report number against its report), the rest alone.

    Orders with no document in the batch are not checked: nothing has arrived for them yet.
    Duplicates and superseded issues are not checked: their original or newer issue is.
    """
    live = [d for d in docs if not is_duplicate(d) and not is_superseded(d)]
    findings: list[Finding] = []
    for po, order in orders.items():
        shipment = [d for d in live if d.po_number == po]
        if shipment:
            findings.extend(check(order, shipment, config))
    unlinked = [d for d in live if d.po_number is None or d.po_number not in orders]
    for group in group_unlinked(unlinked):
        findings.extend(check(None, group, config))
    return dedupe(findings)


def dedupe(findings: Sequence[Finding]) -> list[Finding]:
    seen: dict[str, Finding] = {}
    for f in findings:
        f = f if f.id else f.with_id()
        seen.setdefault(f.id, f)
    return list(seen.values())
