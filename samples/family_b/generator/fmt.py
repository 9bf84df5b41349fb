"""How the documents print dates, amounts and weights: each layout picks its own habits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

DateStyle = Literal["iso", "dotted", "us_abbrev", "cn", "dmy_upper", "long"]
NumberStyle = Literal["en", "eu", "plain"]

_ABBREV = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sep.", "Oct.", "Nov.", "Dec.")
_LONG = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

#: 1 lb = 0.45359237 kg exactly (international pound, 1959).
KG_PER_LB = Decimal("0.45359237")


def fmt_date(value: date, style: DateStyle) -> str:
    """Only formats a reader cannot misread: the month is a name or the order is fixed by locale."""
    match style:
        case "iso":
            return value.isoformat()
        case "dotted":
            return f"{value.day:02d}.{value.month:02d}.{value.year}"
        case "us_abbrev":
            return f"{_ABBREV[value.month - 1]} {value.day}, {value.year}"
        case "cn":
            return f"{value.year}年{value.month}月{value.day}日"
        case "dmy_upper":
            return f"{value.day:02d}-{_ABBREV[value.month - 1].rstrip('.').upper()}-{value.year}"
        case "long":
            return f"{value.day} {_LONG[value.month - 1]} {value.year}"


def fmt_number(value: Decimal, places: int, style: NumberStyle = "en") -> str:
    text = f"{value:,.{places}f}"
    match style:
        case "en":
            return text
        case "eu":
            return text.replace(",", "_").replace(".", ",").replace("_", ".")
        case "plain":
            return text.replace(",", "")


def kg_to_lb(kg: Decimal) -> Decimal:
    return (kg / KG_PER_LB).quantize(Decimal("0.1"))


def lb_to_kg(lb: Decimal) -> Decimal:
    return (lb * KG_PER_LB).quantize(Decimal("0.1"))


_ONES = (
    "",
    "ONE",
    "TWO",
    "THREE",
    "FOUR",
    "FIVE",
    "SIX",
    "SEVEN",
    "EIGHT",
    "NINE",
    "TEN",
    "ELEVEN",
    "TWELVE",
    "THIRTEEN",
    "FOURTEEN",
    "FIFTEEN",
    "SIXTEEN",
    "SEVENTEEN",
    "EIGHTEEN",
    "NINETEEN",
)
_TENS = ("", "", "TWENTY", "THIRTY", "FORTY", "FIFTY", "SIXTY", "SEVENTY", "EIGHTY", "NINETY")


def in_words(n: int) -> str:
    """English words for 0 < n < 1,000,000, as "SAY TOTAL" lines print them."""
    if n >= 1000:
        rest = n % 1000
        return f"{in_words(n // 1000)} THOUSAND" + (f" {in_words(rest)}" if rest else "")
    if n >= 100:
        rest = n % 100
        return f"{_ONES[n // 100]} HUNDRED" + (f" AND {in_words(rest)}" if rest else "")
    if n >= 20:
        return _TENS[n // 10] + (f"-{_ONES[n % 10]}" if n % 10 else "")
    return _ONES[n]
