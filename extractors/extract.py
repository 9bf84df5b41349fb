"""Pages → doc_type and the contract's fields with evidence: the chain the pipeline calls.

classify → labels of that type (vocabulary) → each field from the first label whose value parses →
the line-item table → what the type's own module adds (`extractors/doctypes/<type>.py`) → confidence
and problems (blank form, low-confidence fields).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from extractors.classify import classify_layouts
from extractors.datamodel import LOW_CONFIDENCE, DocType, ExtractedField, Page
from extractors.doctypes import Vocabulary, vocabulary
from extractors.doctypes import (
    bill_of_lading,
    certificate_of_origin,
    commercial_invoice,
    declaration_of_conformity,
    lab_certificate,
    packing_list,
    test_report,
)
from extractors.doctypes.common import make_field, parse_kind
from extractors.doctypes.context import DocContext
from extractors.layout import LabelHit, LabelIndex, compile_terms, find_labels, label_value, page_layout

Refiner = Callable[[DocContext, dict[str, ExtractedField]], dict[str, ExtractedField]]

#: What each type adds to the generic label extraction.
REFINERS: dict[DocType, Refiner] = {
    DocType.COMMERCIAL_INVOICE: commercial_invoice.refine,
    DocType.PACKING_LIST: packing_list.refine,
    DocType.BILL_OF_LADING: bill_of_lading.refine,
    DocType.CERTIFICATE_OF_ORIGIN: certificate_of_origin.refine,
    DocType.DECLARATION_OF_CONFORMITY: declaration_of_conformity.refine,
    DocType.TEST_REPORT: test_report.refine,
    DocType.LAB_CERTIFICATE: lab_certificate.refine,
}


@dataclass
class Extraction:
    doc_type: DocType
    fields: dict[str, ExtractedField]
    classification_reason: str
    problems: list[str] = field(default_factory=list)


def extract_pages(pages: list[Page]) -> Extraction:
    layouts = [page_layout(p) for p in pages]
    verdict = classify_layouts(layouts)
    problems = ["blank form"] if verdict.blank else []
    if verdict.doc_type is DocType.UNKNOWN or verdict.blank:
        if verdict.doc_type is DocType.UNKNOWN and not verdict.blank:
            problems.append(f"not a recognised trade document ({verdict.reason.split('; ')[-1]})")
        return Extraction(verdict.doc_type, {}, verdict.reason, problems)
    vocab = vocabulary(verdict.doc_type)
    hits = find_labels(layouts, compile_terms(vocab.labels()))
    ctx = DocContext(pages, layouts, hits, LabelIndex(layouts, hits), vocab)
    fields = labelled_fields(ctx, vocab)
    fields.update(REFINERS[verdict.doc_type](ctx, fields))
    fields = {k: v for k, v in fields.items() if v.value not in (None, "", [], {})}
    low = [name for name, f in fields.items() if f.confidence < LOW_CONFIDENCE]
    if low:
        problems.append(f"low confidence: {', '.join(low)}")
    return Extraction(verdict.doc_type, fields, verdict.reason, problems)


def labelled_fields(ctx: DocContext, vocab: Vocabulary) -> dict[str, ExtractedField]:
    """Each field from its labels in reading order: the first whose value parses wins, an exact label
    before a fuzzy one. Side values (an incoterm's place, a total's currency) fill their own fields."""
    fields: dict[str, ExtractedField] = {}
    side: dict[str, ExtractedField] = {}
    for name, fv in vocab.fields.items():
        for hit in _ordered(ctx.hits, name):
            value = label_value(ctx.index, hit, fv.max_lines)
            if value is None:
                continue
            parsed = parse_kind(fv.kind, value.line_texts)
            if parsed is None:
                continue
            page = ctx.page(hit.page)
            found = "label" if hit.exact else "label-fuzzy"
            fields[name] = make_field(parsed.value, page, value.words, found, valid=parsed.valid)
            for extra_name, extra_value in parsed.extra.items():
                side.setdefault(extra_name, make_field(extra_value, page, value.words, found))
            break
    for name, f in side.items():
        fields.setdefault(name, f)
    return fields


def _ordered(hits: Sequence[LabelHit], name: str) -> list[LabelHit]:
    mine = [h for h in hits if h.field == name]
    return sorted(mine, key=lambda h: (-(h.exact + h.colon), h.page, h.row))
