"""What a check sees: the order, the documents with their typed values, the shipment date.

Also the one way a check builds a finding (`Context.finding`), so every finding carries the
evidence of its field, the order's number, the configured severity and the low-confidence rule.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import BaseModel, ValidationError

from extractors.datamodel import DocType, ExtractedDocument, ExtractedField
from extractors.schema import SCHEMAS
from rules import tables
from rules.config import RulesConfig
from rules.finding import Evidence, Finding, Severity
from rules.order import Order
from rules.registry import RULES


def _set_none(values: dict[str, Any], loc: tuple[Any, ...]) -> None:
    """Clear the innermost value at `loc` (a line item's quantity, say), keeping the rest."""
    target: Any = values
    for part in loc[:-1]:
        target = target[part]
    if isinstance(target, dict):
        target[loc[-1]] = None


def tolerant_view(doc: ExtractedDocument) -> tuple[BaseModel, dict[str, str]]:
    """The document's typed view, leaving out (and naming) values that don't fit their type.

    An extractor's odd value ("ZERO (0)" as a count) must cost that value, never the document.
    """
    model = SCHEMAS[doc.doc_type]
    placeholders = set(tables.words().placeholders)
    values = {
        n: copy.deepcopy(f.value)
        for n, f in doc.fields.items()
        if f.value is not None
        and n in model.model_fields
        and not (isinstance(f.value, str) and f.value.strip().casefold() in placeholders)  # "N/A": none given
    }
    unreadable: dict[str, str] = {}
    while True:
        try:
            return model.model_validate(values), unreadable
        except ValidationError as e:
            for err in e.errors():
                loc, name = err["loc"], str(err["loc"][0])
                key = ".".join(str(p) for p in loc)
                if (
                    key in unreadable or len(loc) == 1
                ):  # clearing the inner value did not help: drop the field
                    values.pop(name, None)
                    unreadable.setdefault(name, err["msg"])
                else:
                    _set_none(values, loc)
                unreadable[key] = err["msg"]


@dataclass
class Doc:
    """An extracted document and its typed view."""

    source: ExtractedDocument
    view: Any
    unreadable: dict[str, str] = field(default_factory=dict)

    @property
    def file(self) -> str:
        return self.source.file

    @property
    def doc_type(self) -> DocType:
        return self.source.doc_type

    def field(self, name: str) -> ExtractedField | None:
        return self.source.fields.get(re.split(r"[\[.]", name)[0])


@dataclass(frozen=True)
class Shipment:
    date: date
    basis: str  # "B/L on-board date", "B/L issue date", "order's latest shipment date"
    file: str | None

    def __str__(self) -> str:
        return f"{self.date} ({self.basis})"


def shipment_of(order: Order | None, docs: list[Doc], config: RulesConfig) -> Shipment | None:
    """B/L on-board date, else B/L issue date, else (by policy) the order's latest shipment date."""
    bls = [d for d in docs if d.doc_type == DocType.BILL_OF_LADING]
    for attr, basis in (("on_board_date", "B/L on-board date"), ("issue_date", "B/L issue date")):
        dated = [(getattr(d.view, attr), d.file) for d in bls if getattr(d.view, attr)]
        if dated:
            when, file = max(dated)
            return Shipment(when, basis, file)
    if order and order.latest_shipment_date and config.shipment_date_fallback == "latest_shipment_date":
        return Shipment(order.latest_shipment_date, "order's latest shipment date", None)
    return None


@dataclass
class Context:
    order: Order | None
    docs: list[Doc]
    config: RulesConfig
    shipment: Shipment | None

    @classmethod
    def build(cls, order: Order | None, documents: list[ExtractedDocument], config: RulesConfig) -> Context:
        docs = [Doc(d, *tolerant_view(d)) for d in documents]
        return cls(order, docs, config, shipment_of(order, docs, config))

    @property
    def po_number(self) -> str | None:
        if self.order:
            return self.order.po_number
        return next((d.source.po_number for d in self.docs if d.source.po_number), None)

    def of_type(self, *doc_types: DocType) -> list[Doc]:
        return [d for d in self.docs if d.doc_type in doc_types]

    def finding(
        self,
        rule_id: str,
        doc: Doc | None,
        field_name: str | None,
        message: str,
        *,
        expected: Any = None,
        found: Any = None,
        severity: Severity | None = None,
        related: Iterable[Doc | str] = (),
    ) -> Finding:
        """A finding of `rule_id` on `doc` (None: the order as a whole), evidence from its field."""
        rule = RULES[rule_id]
        sev = self.config.severity.get(rule_id) or severity or rule.severity
        evidence, extracted = None, doc.field(field_name) if doc and field_name else None
        if extracted is not None:
            evidence = Evidence(page=extracted.page, bbox=extracted.bbox, text=extracted.text)
            if sev == Severity.ERROR and extracted.low_confidence and self.config.downgrade_low_confidence:
                sev = Severity.WARNING
                message += f" (low-confidence reading, {extracted.confidence:.2f}: check the document)"
        return Finding(
            rule=rule_id,
            severity=sev,
            po_number=self.po_number,
            file=doc.file if doc else None,
            doc_type=str(doc.doc_type) if doc else None,
            field=field_name,
            expected=_jsonable(expected),
            found=_jsonable(found),
            message=message,
            evidence=evidence,
            related_files=sorted(
                {r if isinstance(r, str) else r.file for r in related} - {doc.file if doc else ""}
            ),
            title=rule.title,
            source=rule.source,
        )


def _jsonable(value: Any) -> Any:
    """Dates and decimals as the contract prints them; lists and dicts element-wise."""
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_none=True)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


DOC_LABELS = {
    DocType.COMMERCIAL_INVOICE: "Invoice",
    DocType.PACKING_LIST: "Packing list",
    DocType.BILL_OF_LADING: "B/L",
    DocType.CERTIFICATE_OF_ORIGIN: "CO",
    DocType.DECLARATION_OF_CONFORMITY: "DoC",
    DocType.TEST_REPORT: "Test report",
    DocType.LAB_CERTIFICATE: "Lab certificate",
    DocType.UNKNOWN: "Document",
}


def label(doc: Doc) -> str:
    """How a message names the document: "B/L", "RoHS test report"."""
    if doc.doc_type == DocType.TEST_REPORT and doc.view.report_type:
        return f"{doc.view.report_type} test report"
    return DOC_LABELS[doc.doc_type]
