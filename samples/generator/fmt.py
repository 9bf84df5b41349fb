"""How values are printed: the many spellings of one date, amount, weight or count."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

#: Date spellings; "cn" (2026年10月15日) last, as only bilingual documents use it.
DATE_STYLES = ("dmy_mon", "ymd_slash", "mon_dot", "dmy_dot", "iso", "dmy_upper", "cn")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def fmt_date(d: date, style: str) -> str:
    month = _MONTHS[d.month - 1]
    match style:
        case "dmy_mon":
            return f"{d.day:02d} {month} {d.year}"
        case "ymd_slash":
            return f"{d.year}/{d.month:02d}/{d.day:02d}"
        case "mon_dot":
            return f"{month}{'' if month == 'May' else '.'} {d.day}, {d.year}"
        case "dmy_dot":
            return f"{d.day:02d}.{d.month:02d}.{d.year}"
        case "iso":
            return d.isoformat()
        case "cn":
            return f"{d.year}年{d.month}月{d.day}日"
        case "dmy_upper":
            return f"{d.day:02d}-{month.upper()}-{d.year}"
    raise ValueError(f"unknown date style {style!r}; known: {DATE_STYLES}")


def fmt_money(amount: Decimal, grouped: bool = True) -> str:
    return f"{amount:,.2f}" if grouped else f"{amount:.2f}"


def fmt_weight(kg: Decimal, style: str) -> str:
    match style:
        case "kgs":
            return f"{kg:,.2f} KGS"
        case "kg":
            return f"{kg.normalize():f} kg" if kg == kg.to_integral() else f"{kg:.1f} kg"
    raise ValueError(f"unknown weight style {style!r}")


def fmt_cbm(cbm: Decimal, style: str) -> str:
    return f"{cbm:.3f} CBM" if style == "cbm" else f"{cbm:.2f} m³"


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


def number_words(n: int) -> str:
    """English words for 1..999999, as written on B/Ls ("ONE THOUSAND FIFTY")."""
    if n >= 1000:
        rest = n % 1000
        return f"{number_words(n // 1000)} THOUSAND" + (f" {number_words(rest)}" if rest else "")
    if n >= 100:
        rest = n % 100
        return f"{_ONES[n // 100]} HUNDRED" + (f" AND {number_words(rest)}" if rest else "")
    if n >= 20:
        return _TENS[n // 10] + (f"-{_ONES[n % 10]}" if n % 10 else "")
    return _ONES[n]


def fmt_packages(n: int, style: str) -> str:
    match style:
        case "ctns":
            return f"{n} CTNS"
        case "words":
            return f"{number_words(n)} ({n}) CARTONS ONLY"
        case "cartons":
            return f"{n:,} cartons"
    raise ValueError(f"unknown package style {style!r}")
