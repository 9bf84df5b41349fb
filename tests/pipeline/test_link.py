from __future__ import annotations

from extractors.datamodel import DocType, ExtractedDocument, ExtractedField
from pipeline.link import link_documents
from rules.order import Order


def order(po: str, models: list[str], lc: str | None = None) -> Order:
    return Order.model_validate(
        {
            "po_number": po,
            "lc_number": lc,
            "buyer": {"name": "B"},
            "supplier": {"name": "S"},
            "lines": [{"line": i + 1, "model": m, "quantity": 1} for i, m in enumerate(models)],
        }
    )


ORDERS = {
    o.po_number: o
    for o in (order("PO-2026-0417", ["HD-K1702"], "LC-88812"), order("PO-2026-0420", ["LP-60"]))
}


def doc(
    file: str, text: str = "", doc_type: DocType = DocType.COMMERCIAL_INVOICE, **fields: object
) -> ExtractedDocument:
    return ExtractedDocument(
        file=file,
        sha256=file,
        doc_type=doc_type,
        text=text,
        fields={k: ExtractedField(value=v, confidence=1.0) for k, v in fields.items()},
    )


def linked(*docs: ExtractedDocument) -> dict[str, tuple[str | None, str | None]]:
    return {d.file: (d.po_number, d.link_reason) for d in link_documents(list(docs), ORDERS)}


def test_folder_wins_and_says_so():
    [(po, reason)] = linked(doc("PO-2026-0420/x.pdf", text="PO-2026-0417")).values()
    assert po == "PO-2026-0420" and "folder 'PO-2026-0420/'" in reason


def test_folder_name_matches_loosely_but_unknown_folder_does_not_link():
    result = linked(doc("po 2026 0417/a.pdf"), doc("unsorted/b.pdf"))
    assert result["po 2026 0417/a.pdf"][0] == "PO-2026-0417"
    assert result["unsorted/b.pdf"] == (None, "no order found from folder or references")


def test_printed_po_number_field():
    [(po, reason)] = linked(doc("a.pdf", po_number="PO 2026-0417")).values()
    assert po == "PO-2026-0417" and "printed on the document" in reason


def test_lc_number():
    [(po, reason)] = linked(doc("a.pdf", lc_number="LC-88812")).values()
    assert po == "PO-2026-0417" and "L/C" in reason


def test_po_number_in_text_only_when_unambiguous():
    assert linked(doc("a.pdf", text="Your order PO-2026-0420 of 3 Aug"))["a.pdf"][0] == "PO-2026-0420"
    assert linked(doc("b.pdf", text="PO-2026-0420 and PO-2026-0417"))["b.pdf"][0] is None


def test_models_pick_the_order_with_most_matches():
    [(po, reason)] = linked(doc("a.pdf", text="Model: LP-60 LED panel")).values()
    assert po == "PO-2026-0420" and "LP-60" in reason


def test_an_unrecognised_document_is_not_linked_by_models_alone():
    assert linked(doc("cat.pdf", text="Model LP-60", doc_type=DocType.UNKNOWN))["cat.pdf"][0] is None


def test_shared_invoice_number_links_in_a_chain():
    result = linked(
        doc("PO-2026-0417/inv.pdf", invoice_number="INV-1"),
        doc("x/pl.pdf", invoice_number="INV-1", bl_number="BL-9"),
        doc("y/bl.pdf", bl_number="BL-9"),
    )
    assert (
        result["x/pl.pdf"][0] == "PO-2026-0417"
        and "shared with PO-2026-0417/inv.pdf" in result["x/pl.pdf"][1]
    )
    assert result["y/bl.pdf"][0] == "PO-2026-0417" and "x/pl.pdf" in result["y/bl.pdf"][1]
