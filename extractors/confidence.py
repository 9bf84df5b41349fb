"""How sure a field is: how it was found, how well it was read, and whether its value validates.

A field found right at an exactly matching label starts high, a fuzzy label (OCR noise) or a table cell
a little lower, a value found by pattern alone lower still. OCR word confidence scales it down; a value
that validates (an ISO 6346 check digit, a parsed date) lifts it, one that fails lowers it hard.
"""

from __future__ import annotations

from typing import Literal

Found = Literal["label", "label-fuzzy", "table", "pattern", "derived", "guess"]

BASE: dict[Found, float] = {
    "label": 0.9,
    "label-fuzzy": 0.8,
    "table": 0.85,
    "pattern": 0.75,
    "derived": 0.8,
    "guess": 0.5,
}
#: Added when the value passed a check beyond parsing (check digit, arithmetic, known code list).
VALIDATED_BONUS = 0.08
#: Factor when the printed text did not parse into the field's kind of value.
INVALID_FACTOR = 0.5


def field_confidence(found: Found, *, ocr_conf: float | None = None, valid: bool | None = None) -> float:
    """`ocr_conf`: the lowest tesseract confidence (0..1) among the value's words, None for a text layer.
    `valid`: True when validated, False when the text failed to parse or validate, None when untested."""
    score = BASE[found]
    if ocr_conf is not None:
        score *= 0.55 + 0.45 * max(0.0, min(1.0, ocr_conf))
    if valid is True:
        score += VALIDATED_BONUS
    elif valid is False:
        score *= INVALID_FACTOR
    return round(max(0.0, min(0.99, score)), 3)
