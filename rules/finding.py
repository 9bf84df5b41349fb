"""A finding: one rule's verdict on one value, with the evidence an analyst needs."""

from __future__ import annotations

import hashlib
import json
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from extractors.datamodel import BBox


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


Status = Literal["open", "accepted", "waived"]


class Evidence(BaseModel):
    model_config = ConfigDict(extra="forbid")

    page: int | None = None
    bbox: BBox | None = None
    text: str | None = None


class Finding(BaseModel):
    """An element of findings.json (CONTRACT.md)."""

    model_config = ConfigDict(extra="forbid")

    id: str = ""
    rule: str
    severity: Severity
    po_number: str | None = None
    file: str | None = None
    doc_type: str | None = None
    field: str | None = None
    expected: Any = None
    found: Any = None
    message: str
    evidence: Evidence | None = None
    related_files: list[str] = Field(default_factory=list)
    status: Status = "open"
    #: Rule title and source, repeated here so the report needs no catalogue look-up.
    title: str | None = None
    source: str | None = None

    def fingerprint(self) -> str:
        """Identity of a finding across runs: rule, order, document, field and the value found.

        A review decision is keyed on it, so a changed found value reopens the finding.
        """
        key = [self.rule, self.po_number, self.file, self.field, self.found]
        blob = json.dumps(key, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    def with_id(self) -> Finding:
        return self.model_copy(update={"id": self.fingerprint()})
