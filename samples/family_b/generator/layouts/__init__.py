"""Layouts: each renders one document type's canonical values into a PDF in its own style.

A `Layout` names the canonical fields it prints, so truth.json holds exactly those; `adjust`
turns the model's values into what the print states where printing loses precision (LBS).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..world import Case

Values = dict[str, Any]
Render = Callable[[Any, Case], bytes]


@dataclass(frozen=True)
class Layout:
    name: str
    doc_type: str
    prints: frozenset[str]
    render: Render
    adjust: Callable[[Values], Values] | None = None

    def select(self, values: Values) -> Values:
        """The values this layout prints (fields the case lacks, such as an L/C number, stay out)."""
        chosen = {k: v for k, v in values.items() if k in self.prints}
        return self.adjust(chosen) if self.adjust else chosen
