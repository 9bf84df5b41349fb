"""Which order each document belongs to, and why.

In order of strength: the folder `<PO number>/` it sits in; references printed in it (its PO
number field, the order's L/C number, a PO number anywhere in its text, the order's models);
then numbers it shares with documents already linked (invoice number, B/L number).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

from extractors.datamodel import DocType, ExtractedDocument
from rules.order import Order

#: Fields whose equal values tie two documents of one shipment together.
SHARED_NUMBER_FIELDS = ("invoice_number", "bl_number")


@dataclass(frozen=True, slots=True)
class Link:
    po_number: str
    reason: str


def squash(text: str) -> str:
    """Upper-case alphanumerics only: 'PO-2026 0417' and 'po20260417' compare equal."""
    return re.sub(r"[^0-9A-Z]", "", text.upper())


def by_folder(rel: str, orders: Mapping[str, Order]) -> Link | None:
    by_key = {squash(po): po for po in orders}
    for folder in reversed(PurePosixPath(rel).parts[:-1]):
        if po := by_key.get(squash(folder)):
            return Link(po, f"in folder '{folder}/'")
    return None


def by_references(doc: ExtractedDocument, orders: Mapping[str, Order]) -> Link | None:
    for link in (
        _by_po_field(doc, orders),
        _by_lc(doc, orders),
        _by_text(doc, orders),
        _by_models(doc, orders),
    ):
        if link:
            return link
    return None


def _by_po_field(doc: ExtractedDocument, orders: Mapping[str, Order]) -> Link | None:
    printed = doc.value("po_number")
    if printed:
        for po in orders:
            if squash(po) == squash(str(printed)):
                return Link(po, f"PO number '{printed}' printed on the document")
    return None


def _by_lc(doc: ExtractedDocument, orders: Mapping[str, Order]) -> Link | None:
    printed = doc.value("lc_number")
    if printed:
        for po, order in orders.items():
            if order.lc_number and squash(order.lc_number) == squash(str(printed)):
                return Link(po, f"L/C number '{printed}' of order {po}")
    return None


def _by_text(doc: ExtractedDocument, orders: Mapping[str, Order]) -> Link | None:
    text = squash(doc.text)
    hits = [po for po in orders if len(squash(po)) >= 5 and squash(po) in text]
    if len(hits) == 1:
        return Link(hits[0], f"PO number '{hits[0]}' appears in the text")
    return None


def _by_models(doc: ExtractedDocument, orders: Mapping[str, Order]) -> Link | None:
    # A catalogue or price list names models too: only a recognised trade document is linked by them.
    if doc.doc_type == DocType.UNKNOWN:
        return None
    words = set(_tokens(doc.text)) | {squash(m) for m in doc.value("models", []) if isinstance(m, str)}
    scores = {
        po: sorted(m for m in order.models if len(squash(m)) >= 4 and squash(m) in words)
        for po, order in orders.items()
    }
    best = max((len(v) for v in scores.values()), default=0)
    winners = [po for po, v in scores.items() if len(v) == best]
    if best and len(winners) == 1:
        po = winners[0]
        return Link(po, f"model(s) {', '.join(scores[po])} of order {po}")
    return None


def _tokens(text: str) -> Iterable[str]:
    return (squash(t) for t in re.split(r"[\s,;:()/]+", text) if t)


def by_shared_numbers(doc: ExtractedDocument, linked: Iterable[ExtractedDocument]) -> Link | None:
    for name in SHARED_NUMBER_FIELDS:
        mine = doc.value(name)
        if not mine:
            continue
        for other in linked:
            if other.po_number and other.value(name) and squash(str(other.value(name))) == squash(str(mine)):
                label = name.replace("_", " ").replace("bl ", "B/L ")
                return Link(other.po_number, f"{label} '{mine}' shared with {other.file}")
    return None


def link_documents(docs: list[ExtractedDocument], orders: Mapping[str, Order]) -> list[ExtractedDocument]:
    """Each document with po_number and link_reason set where an order could be found."""
    out = []
    for doc in docs:
        link = by_folder(doc.file, orders) or by_references(doc, orders)
        out.append(_apply(doc, link))
    changed = True
    while changed:  # a document linked by a shared number can link another in turn
        changed = False
        linked = [d for d in out if d.po_number]
        for i, doc in enumerate(out):
            if doc.po_number is None and (link := by_shared_numbers(doc, linked)):
                out[i] = _apply(doc, link)
                changed = True
    return out


def _apply(doc: ExtractedDocument, link: Link | None) -> ExtractedDocument:
    if link is None:
        return doc.model_copy(
            update={"po_number": None, "link_reason": "no order found from folder or references"}
        )
    return doc.model_copy(update={"po_number": link.po_number, "link_reason": link.reason})
