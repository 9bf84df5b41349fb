"""Per-document-type knowledge: the label vocabularies (data in `extractors/vocab/*.toml`, validated on
load) and, in the sibling modules, what each type needs beyond labels and tables."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from extractors.datamodel import DocType
from extractors.schema import field_names

#: How a field's printed text becomes its value (see `doctypes.common.parse_kind`).
Kind = Literal[
    "code",
    "criterion",
    "codes",
    "date",
    "date_range_end",
    "party",
    "person",
    "function",
    "text",
    "org",
    "marks",
    "goods",
    "place",
    "amount",
    "currency",
    "incoterm",
    "weight",
    "volume",
    "count",
    "containers",
    "seals",
    "hs_codes",
    "models",
    "freight",
    "conclusion",
    "standards",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FieldVocab(_Strict):
    kind: Kind
    labels: list[str]
    #: Lines a value may span below its first line (parties and addresses run over several).
    max_lines: int = 1
    #: Captions printed *under* their value (signature blocks: 'Place and date, signature and stamp').
    captions: list[str] = []
    #: Labels read only when none of `labels` gives a value: a forwarder's 'Job No.' is the B/L's
    #: number when it prints no 'B/L No.', not when it prints both.
    fallback_labels: list[str] = []


class TableVocab(_Strict):
    min_columns: int = 3
    #: Columns of which a header must hold at least one, and which mark a row as a new item.
    anchor: list[str]
    totals: list[str]
    columns: dict[str, list[str]]


class ClassifyVocab(_Strict):
    titles: list[str]
    trade_cues: list[str] = []
    uk_cues: list[str] = []


class Vocabulary(_Strict):
    doc_type: DocType
    classify: ClassifyVocab
    fields: dict[str, FieldVocab] = {}
    table: TableVocab | None = None

    @model_validator(mode="after")
    def _known_fields(self) -> Vocabulary:
        unknown = set(self.fields) - set(field_names(self.doc_type))
        if unknown:
            raise ValueError(
                f"{self.doc_type}: unknown fields {sorted(unknown)}; "
                f"known: {sorted(field_names(self.doc_type))}"
            )
        return self

    def labels(self) -> dict[str, list[str]]:
        return {name: f.labels for name, f in self.fields.items()}


@cache
def vocabulary(doc_type: DocType) -> Vocabulary:
    text = resources.files("extractors").joinpath("vocab", f"{doc_type.value}.toml").read_text("utf-8")
    return Vocabulary.model_validate(tomllib.loads(text))


def all_vocabularies() -> dict[DocType, Vocabulary]:
    return {t: vocabulary(t) for t in DocType if t is not DocType.UNKNOWN}
