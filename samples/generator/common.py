"""What every document layout shares: the per-document print style and a few page furnishings."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from samples.generator.fmt import DATE_STYLES
from samples.generator.model import Case, Party
from samples.generator.pdf import Sheet

Fields = dict[str, Any]


@dataclass(frozen=True)
class Style:
    """Choices a clerk makes when filling one document: date spelling, units, label wording."""

    date: str
    weight: str  # kgs | kg
    packages: str  # ctns | words | cartons
    labels: int  # index into a layout's label variants
    bilingual: bool
    upper: bool  # print free text upper-case, as forwarders and chambers do

    @staticmethod
    def draw(rng: random.Random, bilingual: bool = False) -> Style:
        return Style(
            date=rng.choice(DATE_STYLES if bilingual else DATE_STYLES[:-1]),
            weight=rng.choice(("kgs", "kg")),
            packages=rng.choice(("ctns", "words", "cartons")),
            labels=rng.randrange(3),
            bilingual=bilingual,
            upper=rng.random() < 0.5,
        )

    def text(self, value: str) -> str:
        return value.upper() if self.upper else value

    def party(self, party: Party) -> Party:
        return upper_party(party) if self.upper else party


def upper_party(party: Party) -> Party:
    return replace(party, name=party.name.upper(), lines=tuple(line.upper() for line in party.lines))


@dataclass(frozen=True)
class DocSpec:
    """A document type: how its fields come from a case, and the layouts that print them."""

    doc_type: str
    fields: Callable[[Case, Style], Fields]
    layouts: dict[str, Callable[[Sheet, Fields, Case, Style], None]]


def party_block(party: Party) -> list[str]:
    return [party.name, *party.lines]


def letterhead(
    sheet: Sheet, party: Party, y: float = 48, size: float = 15, family: str | None = None, extra: str = ""
) -> float:
    """Company name centred over its address; returns the y below the rule under it."""
    sheet.text(sheet.width / 2, y, party.name, size, bold=True, align="center", family=family)
    y += size * 0.9
    for line in (*party.lines, *([extra] if extra else [])):
        sheet.text(sheet.width / 2, y, line, 8.5, align="center", family=family)
        y += 11
    sheet.hline(40, sheet.width - 40, y - 4, 1.2)
    return y + 8


def signature(
    sheet: Sheet,
    x: float,
    y: float,
    name: str | None,
    function: str | None,
    caption: str = "Authorised signature",
) -> None:
    """A drawn scribble over a rule, then the printed name and function (when given)."""
    sheet.curve([(x + 5, y - 4), (x + 30, y - 28), (x + 45, y + 6), (x + 70, y - 14)], 0.9)
    sheet.curve([(x + 70, y - 14), (x + 85, y - 24), (x + 95, y), (x + 120, y - 8)], 0.9)
    sheet.hline(x, x + 170, y + 4, 0.5)
    sheet.text(x, y + 14, caption, 7)
    if name:
        sheet.text(x, y + 26, name, 9, bold=True)
    if function:
        sheet.text(x, y + 37, function, 8.5)


def stamp(sheet: Sheet, x: float, y: float, lines: list[str]) -> None:
    """A round company chop with its name around the centre."""
    sheet.circle(x, y, 38, 1.4)
    for i, line in enumerate(lines):
        sheet.text(x, y - 6 + i * 9, line, 6.5, bold=True, align="center")
