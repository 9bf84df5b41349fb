"""Comparisons many sections share, each returning the finding it implies (or nothing)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rapidfuzz import fuzz

from rules.context import Context, Doc, label
from rules.finding import Finding, Severity
from rules.primitives import PartyMatch, match_party, same_place


def confidently_present(doc: Doc, field: str) -> bool:
    """The field has a value read with enough confidence to count as printed.

    A presence check must not be satisfied by an OCR guess ('Nome' where no name is signed).
    """
    raw = doc.source.fields.get(field)
    return bool(getattr(doc.view, field)) and raw is not None and not raw.low_confidence


def missing(ctx: Context, rule_id: str, doc: Doc, field: str, what: str, *, info: bool = False) -> Finding:
    """A field the rule needs was not found, not readable, or read only with low confidence:
    low severity, extraction may have missed it."""
    raw = doc.source.fields.get(field)
    unreadable = field in doc.unreadable and raw is not None
    doubtful = raw is not None and raw.value not in (None, "", []) and raw.low_confidence
    if unreadable and raw is not None:
        message = f"{label(doc)} {what} could not be read ('{raw.value}': {doc.unreadable[field]})"
    elif doubtful and raw is not None:
        message = f"{label(doc)} {what} reads '{raw.value}' only with low confidence; check that it is there"
    else:
        message = f"{label(doc)} {what} not found on the document"
    return ctx.finding(
        rule_id,
        doc,
        field,
        message,
        found=raw.value if (unreadable or doubtful) and raw is not None else None,
        severity=Severity.INFO if info else Severity.WARNING,
    )


def compare_party(
    ctx: Context,
    rule_id: str,
    doc: Doc,
    field: str,
    found: str,
    expected: str,
    what: str,
    expected_what: str,
    *,
    different: Severity = Severity.ERROR,
    drift: Severity = Severity.WARNING,
    note: str = "",
) -> Iterator[Finding]:
    """Another party → `different`; the same party spelt a little differently → `drift`.

    `note` is appended to the message (why a difference is allowed, say).
    """
    verdict, score = match_party(found, expected, drift_threshold=ctx.config.tolerances.party_drift_ratio)
    if verdict == PartyMatch.SAME:
        return
    if verdict == PartyMatch.DIFFERENT:
        message = f"{label(doc)} {what} '{found}' differs from {expected_what} '{expected}'"
        severity = different
    else:
        message = (
            f"{label(doc)} {what} '{found}' is spelt differently from {expected_what} '{expected}' "
            f"(similarity {score:.0f} %): the same party misspelt?"
        )
        severity = drift
    yield ctx.finding(rule_id, doc, field, message + note, expected=expected, found=found, severity=severity)


def compact(code: str) -> str:
    """An identifier without spacing or punctuation, upper-case: "hd-k 1702" → "HDK1702"."""
    return re.sub(r"[^0-9A-Za-z]", "", code).upper()


def model_listed(model: str, listed: list[str], free_text: str | None = None) -> bool:
    """Whether an ordered model appears among a document's models (or as a word of its product name)."""
    wanted = compact(model)
    if any(compact(m) == wanted for m in listed):
        return True
    return bool(free_text) and wanted in {compact(w) for w in re.split(r"[\s,;/]+", free_text or "")}


def near_miss(code: str, candidates: list[str], *, threshold: float = 80.0) -> str | None:
    """The candidate an identifier is a misprint of ("MY-HB620" for "MY-HB602"), if one is close."""
    scored = [(fuzz.ratio(compact(code), compact(c)), c) for c in candidates if compact(c) != compact(code)]
    best = max(scored, default=(0.0, None))
    return best[1] if best[0] >= threshold else None


PORTS = (("port_of_loading", "port of loading"), ("port_of_discharge", "port of discharge"))


def compare_ports(ctx: Context, rule_id: str, doc: Doc, what_doc: str) -> Iterator[Finding]:
    """The document's ports of loading and discharge against the order's ("Ningbo" = "CNNGB")."""
    assert ctx.order is not None
    for name, what in PORTS:
        found, expected = getattr(doc.view, name), getattr(ctx.order, name)
        if found and expected and not same_place(found, expected):
            yield ctx.finding(
                rule_id,
                doc,
                name,
                f"{what_doc} {what} '{found}' differs from the order's {what} '{expected}'",
                expected=expected,
                found=found,
            )
