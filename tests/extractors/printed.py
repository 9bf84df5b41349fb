"""Synthetic printed pages for extraction tests: words placed as a text layer gives them."""

from __future__ import annotations

from extractors.datamodel import Method, Page, Segment, Word

H = 10.0  # word height in points


def words(
    text: str, x: float, y: float, *, char: float = 6.0, gap: float = 4.0, height: float = H
) -> list[Word]:
    """Words of `text` left to right from (x, y), `char` points per character."""
    out = []
    for token in text.split():
        out.append(Word(token, x, y, x + char * len(token), y + height))
        x += char * len(token) + gap
    return out


def page(
    *word_lists: list[Word],
    segments: list[Segment] | None = None,
    width: float = 600,
    height: float = 800,
    method: Method = "text",
) -> Page:
    return Page(1, width, height, [w for ws in word_lists for w in ws], method, segments or [])
