"""The rule catalogue in code: every rule's id, title, severity, documents read, source and check.

Checks register themselves with `@rule(...)` in their section's module (rules/checks/*.py); a
catalogue rule that cannot be decided from the extracted fields is registered with `left_out(...)`
and the reason, so `tradecheck rules --all` can say why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from extractors.datamodel import DocType
from rules.finding import Finding, Severity

if TYPE_CHECKING:
    from rules.context import Context

CheckFn = Callable[["Context"], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    title: str
    severity: Severity  # the highest severity the rule raises; some also raise lower ones
    doc_types: tuple[DocType, ...]
    source: str
    check: CheckFn | None = None  # None: left out
    left_out_because: str | None = None

    @property
    def implemented(self) -> bool:
        return self.check is not None


RULES: dict[str, Rule] = {}


def _register(entry: Rule) -> None:
    if entry.id in RULES:
        raise ValueError(f"rule {entry.id} registered twice")
    RULES[entry.id] = entry


def rule(
    id: str, title: str, severity: Severity, doc_types: Iterable[DocType], source: str
) -> Callable[[CheckFn], CheckFn]:
    """Register the decorated function as the check of catalogue rule `id`."""

    def register(check: CheckFn) -> CheckFn:
        _register(Rule(id, title, severity, tuple(doc_types), source, check=check))
        return check

    return register


def left_out(id: str, title: str, severity: Severity, source: str, because: str) -> None:
    """Record a catalogue rule that is not checked, and why."""
    _register(Rule(id, title, severity, (), source, left_out_because=because))


def load_all() -> dict[str, Rule]:
    """Every rule, implemented or not (importing the section modules registers them)."""
    import rules.checks  # noqa: F401

    return RULES


def known_rule_ids() -> set[str]:
    return set(load_all())
