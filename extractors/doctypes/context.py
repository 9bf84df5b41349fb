"""The read-only view of one document that the per-type modules work from."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from extractors.datamodel import Page, Word
from extractors.doctypes import Vocabulary
from extractors.layout import LabelHit, LabelIndex, PageLayout, Row


@dataclass
class DocContext:
    pages: Sequence[Page]
    layouts: Sequence[PageLayout]
    hits: Sequence[LabelHit]
    index: LabelIndex
    vocab: Vocabulary

    def page(self, number: int) -> Page:
        return next(p for p in self.pages if p.number == number)

    def layout(self, number: int) -> PageLayout:
        return self.index.layout(number)

    def rows(self) -> Iterator[tuple[Page, Row]]:
        for lay in self.layouts:
            for row in lay.rows:
                yield lay.page, row

    @cached_property
    def text(self) -> str:
        """The document's text, a row per line, in reading order."""
        return "\n".join(row.text for _, row in self.rows())

    def find_words(self, needle: str) -> tuple[Page, tuple[Word, ...]] | None:
        """The first row holding `needle` (case-insensitive), with the words that spell it."""
        low = needle.lower()
        for page, row in self.rows():
            if low not in row.text.lower():
                continue
            words = tuple(w for w in row.words if w.text.lower() in low or low in w.text.lower())
            return page, words or row.words
        return None
