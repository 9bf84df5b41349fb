from __future__ import annotations

from extractors.datamodel import DocType, ExtractedDocument, ExtractedField
from pipeline.batch import assemble, is_superseded, mark_superseded
from pipeline.steps import is_duplicate


def _bl(file: str, sha: str, number: str | None) -> ExtractedDocument:
    fields = {"bl_number": ExtractedField(value=number, page=1, confidence=0.9)} if number else {}
    return ExtractedDocument(file=file, sha256=sha, doc_type=DocType.BILL_OF_LADING, fields=fields)


def test_a_reissue_supersedes_the_earlier_issue_which_stays_shown():
    old, new, other = (
        _bl("z/draft.pdf", "a", "MEDU 123"),
        _bl("a/final.pdf", "b", "medu-123"),
        _bl("c.pdf", "c", "X9"),
    )
    marked = mark_superseded([old, new, other])  # oldest first: the order, not the names, decides
    assert marked[0].problems == [
        "superseded by a/final.pdf (reissued with the same B/L number MEDU 123); not checked"
    ]
    assert [is_superseded(d) for d in marked] == [True, False, False]


def test_documents_without_a_number_or_of_another_type_are_never_superseded():
    invoice = ExtractedDocument(
        file="inv.pdf",
        sha256="d",
        doc_type=DocType.COMMERCIAL_INVOICE,
        fields={"invoice_number": ExtractedField(value="MEDU 123", page=1, confidence=0.9)},
    )
    docs = [_bl("a.pdf", "a", None), _bl("b.pdf", "b", None), invoice, _bl("c.pdf", "c", "MEDU 123")]
    assert not any(is_superseded(d) for d in mark_superseded(docs))


def test_a_copy_is_a_duplicate_of_the_earliest_not_a_reissue():
    first, copy = _bl("z.pdf", "same", "B1"), _bl("a.pdf", "same", "B1")
    docs = assemble([first, copy], {})
    by_file = {d.file: d for d in docs}
    assert [d.file for d in docs] == ["a.pdf", "z.pdf"]  # written sorted by file
    assert is_duplicate(by_file["a.pdf"]) and not is_duplicate(by_file["z.pdf"])
    assert not any(is_superseded(d) for d in docs)
