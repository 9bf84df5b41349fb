"""What every document layout shares: the per-document print style and a few page furnishings."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
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
        if not self.upper:
            return party
        return Party(party.name.upper(), tuple(line.upper() for line in party.lines), party.country)


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
    c = sheet._c  # the scribble is the one drawing that needs the raw canvas
    c.setLineWidth(0.9)
    base = sheet.height - y
    c.bezier(x + 5, base + 4, x + 30, base + 28, x + 45, base - 6, x + 70, base + 14)
    c.bezier(x + 70, base + 14, x + 85, base + 24, x + 95, base, x + 120, base + 8)
    sheet.hline(x, x + 170, y + 4, 0.5)
    sheet.text(x, y + 14, caption, 7)
    if name:
        sheet.text(x, y + 26, name, 9, bold=True)
    if function:
        sheet.text(x, y + 37, function, 8.5)


def stamp(sheet: Sheet, x: float, y: float, lines: list[str]) -> None:
    """A round company chop with its name around the centre."""
    c = sheet._c
    c.setLineWidth(1.4)
    c.circle(x, sheet.height - y, 38, stroke=1, fill=0)
    for i, line in enumerate(lines):
        sheet.text(x, y - 6 + i * 9, line, 6.5, bold=True, align="center")
