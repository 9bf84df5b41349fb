"""Small pieces several layouts share: country names, amounts in words, letterheads."""

from __future__ import annotations

from decimal import Decimal

from reportlab.pdfbase.pdfmetrics import stringWidth

from extractors.schema import Party

from ..fmt import in_words
from ..pdfkit import Sheet
from ..world import Company

CURRENCY_WORDS = {"EUR": "EURO", "USD": "US DOLLARS", "CNY": "CHINESE YUAN"}

#: Chinese trade names the factories print above their English names.
CHINESE_NAMES = {
    "Foshan Shunde Meiyu Electrical Appliance Co., Ltd.": "佛山市顺德区美宇电器有限公司",
    "Xiamen Brightway Lighting Technology Co., Ltd.": "厦门明途照明科技有限公司",
    "Suzhou Kaiyuan Electronics Co., Ltd.": "苏州凯源电子有限公司",
}


def amount_in_words(currency: str, amount: Decimal) -> str:
    whole = int(amount)
    cents = int((amount - whole) * 100)
    words = f"SAY {CURRENCY_WORDS.get(currency, currency)} {in_words(whole)}"
    return words + (f" AND CENTS {in_words(cents)} ONLY" if cents else " ONLY")


def letterhead(sheet: Sheet, company: Company, *, top: float = 36, centred: bool = True) -> float:
    """Chinese name, English name, address and phone; returns the top of what follows."""
    x = sheet.width / 2 if centred else 42
    align = "center" if centred else "left"
    if company.name in CHINESE_NAMES:
        sheet.text(x, top, CHINESE_NAMES[company.name], size=14, align=align)
        top += 19
    sheet.text(x, top, company.name, font="Helvetica-Bold", size=12, align=align)
    top += 15
    sheet.text(x, top, company.address, size=8, align=align)
    top += 11
    if company.phone:
        sheet.text(x, top, f"Tel. {company.phone}", size=8, align=align)
        top += 11
    return top


def chop_lines(company: Company) -> list[str]:
    """The text of a company chop: the Chinese name split over two lines, else the English one."""
    name = CHINESE_NAMES.get(company.name)
    if name is None:
        words = company.name.split()
        return [" ".join(words[:2]), " ".join(words[2:4])]
    half = len(name) // 2
    return [name[:half], name[half:]]


def party_lines(p: Party | None, width: float, *, font: str = "Helvetica", size: float = 9) -> list[str]:
    """Name, then the address packed into lines that break only at ", ".

    Joining the printed address lines with ", " then gives back exactly the canonical address.
    """
    assert p is not None
    lines: list[str] = []
    for part in (p.address or "").split(", "):
        candidate = f"{lines[-1]}, {part}" if lines else part
        if lines and stringWidth(candidate, font, size) <= width:
            lines[-1] = candidate
        else:
            lines.append(part)
    return [p.name, *lines]
