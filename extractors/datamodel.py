"""What a document is, once read: pages of positioned words, and fields with their evidence.

Coordinates everywhere are (x0, top, x1, bottom) with the origin at the page's top-left
corner, in PDF points for PDF pages and in pixels of the image's own resolution for image
files (the contract's bbox). Backends produce `Page`s; extractors turn pages into `Field`s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, computed_field
from pydantic import Field as PydField

Method = Literal["text", "ocr"]
DocMethod = Literal["text", "ocr", "mixed"]
BBox = tuple[float, float, float, float]

#: Below this a field is shown as "low confidence" and is not trusted silently.
LOW_CONFIDENCE = 0.6


class DocType(StrEnum):
    COMMERCIAL_INVOICE = "commercial_invoice"
    PACKING_LIST = "packing_list"
    BILL_OF_LADING = "bill_of_lading"
    CERTIFICATE_OF_ORIGIN = "certificate_of_origin"
    DECLARATION_OF_CONFORMITY = "declaration_of_conformity"
    TEST_REPORT = "test_report"
    LAB_CERTIFICATE = "lab_certificate"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Word:
    """One word as a backend read it. `conf` is 1.0 for a text layer, tesseract's 0..1 for OCR."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float = 1.0

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass(frozen=True, slots=True)
class Segment:
    """A ruled line of the page (table or box border), horizontal or vertical."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.bottom - self.top)


@dataclass(slots=True)
class Page:
    """A page as every extractor sees it, whichever backend read it."""

    number: int  # 1-based
    width: float
    height: float
    words: list[Word]
    method: Method
    segments: list[Segment] = field(default_factory=list)
    rotation: int = 0  # degrees the backend turned the page to make it upright
    skew: float = 0.0  # then degrees (counter-clockwise) it straightened the page by
    problems: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


class ExtractedField(BaseModel):
    """A field's normalised value with the evidence for it (contract: value, page, bbox, confidence)."""

    model_config = ConfigDict(extra="forbid")

    value: Any
    page: int | None = None
    bbox: BBox | None = None
    confidence: float = PydField(default=0.0, ge=0.0, le=1.0)
    method: Literal["text", "ocr", "derived"] = "text"
    #: The text as printed, from which the value was read.
    text: str | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def low_confidence(self) -> bool:
        return self.confidence < LOW_CONFIDENCE


class ExtractedDocument(BaseModel):
    """One input file after extraction and linking: an element of documents.json."""

    model_config = ConfigDict(extra="forbid")

    file: str  # path relative to the inbox, with forward slashes
    sha256: str
    doc_type: DocType = DocType.UNKNOWN
    po_number: str | None = None
    pages: int = 0
    method: DocMethod | None = None
    fields: dict[str, ExtractedField] = PydField(default_factory=dict)
    problems: list[str] = PydField(default_factory=list)
    #: Degrees each page was turned to stand upright: evidence renderings reuse them instead of
    #: finding the orientation of a scan again.
    page_rotations: list[int] = PydField(default_factory=list)
    #: And the degrees each page was then straightened by (OCR'd pages; 0 for text pages).
    page_skews: list[float] = PydField(default_factory=list)
    #: Why the classifier chose doc_type, and why the linker chose po_number.
    classification_reason: str | None = None
    link_reason: str | None = None
    #: The document's words in reading order, kept for linking by references; not written out.
    text: str = PydField(default="", exclude=True, repr=False)

    def value(self, name: str, default: Any = None) -> Any:
        f = self.fields.get(name)
        return default if f is None or f.value is None else f.value
