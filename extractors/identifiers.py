"""Validation of printed identifiers, shared by extraction (confidence) and the rules.

ISO 6346 container numbers: owner code (3 letters), category (U, J or Z), 6-digit serial and a
check digit; letters take values 10..38 skipping multiples of 11, each position i is weighted
2**i, and the check digit is (sum mod 11) mod 10.
"""

from __future__ import annotations

import re

CONTAINER_RE = re.compile(r"^[A-Z]{3}[UJZ]\d{6}\d$")


def _letter_values() -> dict[str, int]:
    values, n = {}, 10
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        if n % 11 == 0:
            n += 1
        values[letter] = n
        n += 1
    return values


_LETTER_VALUES = _letter_values()


def iso6346_check_digit(first_ten: str) -> int:
    """Check digit for the owner code, category and serial (the first ten characters)."""
    total = sum(
        (_LETTER_VALUES[c] if c.isalpha() else int(c)) * 2**i for i, c in enumerate(first_ten.upper())
    )
    return total % 11 % 10


def is_valid_container(code: str) -> bool:
    code = code.upper().replace(" ", "").replace("-", "")
    return bool(CONTAINER_RE.match(code)) and iso6346_check_digit(code[:10]) == int(code[10])
