"""Pages → doc_type and the contract's fields with evidence: the chain the pipeline calls.

classify → labels of that type (vocabulary) → each field from the first label whose value parses →
the line-item table → what the type's own module adds (`extractors/doctypes/<type>.py`) → confidence
and problems (blank form, low-confidence fields).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from extractors.classify import classify_layouts
from extractors.datamodel import LOW_CONFIDENCE, DocType, ExtractedField, Page
from extractors.doctypes import (
    Kind,
    Vocabulary,
    bill_of_lading,
    certificate_of_origin,
    commercial_invoice,
    declaration_of_conformity,
    lab_certificate,
    packing_list,
    test_report,
    vocabulary,
)
from extractors.doctypes.common import Parsed, make_field, parse_kind
from extractors.doctypes.context import DocContext
from extractors.layout import (
    LabelHit,
    LabelIndex,
    Value,
    caption_values,
    compile_terms,
    find_labels,
    is_empty_mark,
    label_values,
    page_layout,
)

#: A row that prints a party's address under its own label.
_ADDRESS_ROW = re.compile(r"^\s*(?:address|add\.|地址)\s*[.…]*\s*[:：]\s*(?P<address>\S.*)$", re.I)

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
        for hit, value, parsed in _parsed_values(ctx, name, fv.kind, fv.max_lines):
            page = ctx.page(hit.page)
            found = "label" if hit.exact else "label-fuzzy"
            fields[name] = make_field(parsed.value, page, value.words, found, valid=parsed.valid)
            for extra_name, extra_value in parsed.extra.items():
                side.setdefault(extra_name, make_field(extra_value, page, value.words, found))
            break
    for name, f in side.items():
        fields.setdefault(name, f)
    fields.update({k: v for k, v in captioned_fields(ctx, vocab).items() if k not in fields})
    for name, fv in vocab.fields.items():
        if fv.kind == "party" and name in fields:
            fields[name] = with_address_row(ctx, fields[name])
    return fields


def with_address_row(ctx: DocContext, party: ExtractedField) -> ExtractedField:
    """'Applicant: HARDWARIO a.s.' with 'Address: U Jezu 525/4, …' on the next row: the address."""
    if (
        not isinstance(party.value, dict)
        or party.value.get("address")
        or party.bbox is None
        or party.page is None
    ):
        return party
    layout = ctx.layout(party.page)
    height = party.bbox[3] - party.bbox[1]
    for row in layout.rows:
        if row.top <= party.bbox[1] + 1 or row.top - party.bbox[3] > 2.5 * height:
            continue
        m = _ADDRESS_ROW.match(row.text)
        if m:
            address = m.group("address").strip(" ,")
            value = {**party.value, "address": address}
            return party.model_copy(update={"value": value, "text": f"{party.text} / {row.text}"})
        return party
    return party


def captioned_fields(ctx: DocContext, vocab: Vocabulary) -> dict[str, ExtractedField]:
    """Fields whose label is a caption under the value, for those the labels did not give."""
    captions = {name: fv.captions for name, fv in vocab.fields.items() if fv.captions}
    if not captions:
        return {}
    fields: dict[str, ExtractedField] = {}
    for hit in find_labels(ctx.layouts, compile_terms(captions)):
        if hit.field in fields:
            continue
        for value in caption_values(ctx.index, hit):
            parsed = parse_kind(vocab.fields[hit.field].kind, value.line_texts)
            if parsed is not None:
                page = ctx.page(hit.page)
                fields[hit.field] = make_field(parsed.value, page, value.words, "label", valid=parsed.valid)
                break
    return fields


def _parsed_values(
    ctx: DocContext, name: str, kind: Kind, max_lines: int
) -> Iterator[tuple[LabelHit, Value, Parsed]]:
    """Every label of the field in order of trust, each with its candidate values that parse."""
    for hit in _ordered(ctx.hits, name):
        for value in label_values(ctx.index, hit, max_lines):
            if is_empty_mark(value.text):
                return  # printed as 'N/A': the document says there is none
            parsed = parse_kind(kind, value.line_texts)
            if parsed is not None:
                yield hit, value, parsed
                break
            if value.how == "inline" and len(value.lines[0]) > 1:
                break  # 'Label: value' printed on one line: what lies below belongs to another field


def _ordered(hits: Sequence[LabelHit], name: str) -> list[LabelHit]:
    mine = [h for h in hits if h.field == name and not h.wrap]
    return sorted(mine, key=lambda h: (not h.strong, -(h.exact + h.colon + h.at_start), h.page, h.row))
