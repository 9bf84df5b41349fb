"""Section 8a: the commercial invoice (INV-)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from extractors.datamodel import DocType
from extractors.schema import InvoiceLine, PackingLine
from rules import tables
from rules.checks._compare import compact, compare_party, missing, near_miss
from rules.context import Context, Doc
from rules.finding import Finding, Severity
from rules.order import Order, OrderLine
from rules.primitives import (
    contains_word,
    minor_units,
    resolve_currency,
    round_money,
    same_place,
    within_tolerance,
)
from rules.registry import rule

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
INV = DocType.COMMERCIAL_INVOICE


def is_goods(line: InvoiceLine | PackingLine) -> bool:
    """A table row that invoices or packs goods (a quantity or amount), not a heading or a note."""
    return any(getattr(line, n, None) is not None for n in ("quantity", "amount", "packages"))


def not_ordered(ctx: Context, model: str) -> str:
    """How a message says which ordered model a printed one should have been."""
    ordered = ctx.order.models if ctx.order else []
    wanted = near_miss(model, ordered)
    return f"the order has '{wanted}'" if wanted else f"ordered: {', '.join(ordered)}"


def order_line(ctx: Context, model: str | None) -> OrderLine | None:
    if ctx.order is None or not model:
        return None
    return next((line for line in ctx.order.lines if compact(line.model) == compact(model)), None)


def counted(unit: str | None) -> bool:
    """Goods counted in units or packing units: UCP 600 art. 30(b)'s ±5 % does not apply."""
    return unit is None or contains_word(unit, tables.words().counted_units)


def about(line: OrderLine) -> bool:
    """An ordered line worded "about"/"approximately": UCP 600 art. 30(a) allows ±10 %."""
    return contains_word(f"{line.description or ''} {line.unit or ''}", tables.words().about_words)


def quantity_tolerance(ctx: Context, ordered: OrderLine, unit: str | None) -> Decimal:
    tol = ctx.config.tolerances
    if about(ordered):
        return tol.about_pct
    return Decimal(0) if counted(unit or ordered.unit) else tol.quantity_pct


@rule(
    "INV-001",
    "An invoice is presented, issued by the supplier",
    E,
    [INV],
    "UCP 600 art. 18(a)(i); ISBP C1-C2",
)
def seller(ctx: Context) -> Iterator[Finding]:
    if ctx.order and not ctx.of_type(INV):
        yield ctx.finding(
            "INV-001",
            None,
            "doc_type",
            f"No commercial invoice among the documents of {ctx.order.po_number}",
            expected=INV.value,
        )
    for doc in ctx.of_type(INV):
        if doc.view.seller is None:
            yield missing(ctx, "INV-001", doc, "seller", "seller")
        elif ctx.order:
            yield from compare_party(
                ctx,
                "INV-001",
                doc,
                "seller",
                doc.view.seller.name,
                ctx.order.supplier.name,
                "seller",
                "the order's supplier",
            )


@rule("INV-002", "Made out to the buyer", E, [INV], "UCP 600 art. 18(a)(ii)")
def buyer(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.of_type(INV):
        if doc.view.buyer is None:
            yield missing(ctx, "INV-002", doc, "buyer", "buyer")
        elif ctx.order:
            yield from compare_party(
                ctx,
                "INV-002",
                doc,
                "buyer",
                doc.view.buyer.name,
                ctx.order.buyer.name,
                "buyer",
                "the order's buyer",
            )


@rule("INV-003", "Currency = the order's currency", E, [INV], "UCP 600 art. 18(a)(iii)")
def currency(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.of_type(INV):
        printed = doc.view.currency
        if printed is None:
            yield missing(ctx, "INV-003", doc, "currency", "currency")
        elif (
            ctx.order
            and ctx.order.currency
            and resolve_currency(printed)
            and printed.upper() != ctx.order.currency.upper()
        ):
            yield ctx.finding(
                "INV-003",
                doc,
                "currency",
                f"Invoice currency {printed} differs from the order's currency {ctx.order.currency}",
                expected=ctx.order.currency,
                found=printed,
            )


@rule(
    "INV-004",
    "Model numbers exactly as ordered; no goods not called for",
    E,
    [INV],
    "UCP 600 art. 18(c); ISBP C3-C4",
)
def models(ctx: Context) -> Iterator[Finding]:
    if ctx.order is None:
        return
    for doc in ctx.of_type(INV):
        invoiced = {compact(line.model) for line in doc.view.lines if line.model}
        for n, line in enumerate(doc.view.lines, 1):
            if line.model and is_goods(line) and order_line(ctx, line.model) is None:
                yield ctx.finding(
                    "INV-004",
                    doc,
                    f"lines[{n}].model",
                    f"Invoice line {n} model '{line.model}' is not on the order "
                    f"({not_ordered(ctx, line.model)})",
                    expected=ctx.order.models,
                    found=line.model,
                )
        absent = [m for m in ctx.order.models if compact(m) not in invoiced]
        if doc.view.lines and absent:
            yield ctx.finding(
                "INV-004",
                doc,
                "lines",
                f"Ordered model(s) {', '.join(absent)} not invoiced",
                expected=absent,
                found=[line.model for line in doc.view.lines],
                severity=W,
            )


@rule("INV-005", "qty x unit price = line amount; sum of lines = total", E, [INV], "ISBP A22 (note)")
def arithmetic(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.of_type(INV):
        yield from _line_arithmetic(ctx, doc)
        amounts = [line.amount for line in doc.view.lines]
        total = doc.view.total_amount
        if total is not None and amounts and all(a is not None for a in amounts):
            summed = sum(amounts, Decimal(0))
            if abs(summed - total) > _allowance(ctx, doc):
                yield ctx.finding(
                    "INV-005",
                    doc,
                    "total_amount",
                    f"Invoice total {total} differs from the sum of its lines {summed}",
                    expected=str(summed),
                    found=str(total),
                )


def _allowance(ctx: Context, doc: Doc) -> Decimal:
    return Decimal(ctx.config.tolerances.amount_minor_units).scaleb(-minor_units(doc.view.currency))


def _line_arithmetic(ctx: Context, doc: Doc) -> Iterator[Finding]:
    for n, line in enumerate(doc.view.lines, 1):
        if line.quantity is None or line.unit_price is None or line.amount is None:
            continue
        product = round_money(line.quantity * line.unit_price, doc.view.currency)
        if abs(product - line.amount) > _allowance(ctx, doc):
            yield ctx.finding(
                "INV-005",
                doc,
                f"lines[{n}].amount",
                f"Invoice line {n} ({line.model or line.description or '?'}): {line.quantity} x "
                f"{line.unit_price} = {product}, but the amount printed is {line.amount}",
                expected=str(product),
                found=str(line.amount),
            )


@rule("INV-006", "Unit prices and trade term (with named place) as in the order", E, [INV], "ISBP 745 §C")
def prices_and_terms(ctx: Context) -> Iterator[Finding]:
    if ctx.order is None:
        return
    for doc in ctx.of_type(INV):
        for n, line in enumerate(doc.view.lines, 1):
            ordered = order_line(ctx, line.model)
            if (
                ordered
                and ordered.unit_price is not None
                and line.unit_price is not None
                and not within_tolerance(
                    line.unit_price,
                    ordered.unit_price,
                    pct=ctx.config.tolerances.about_pct if about(ordered) else Decimal(0),
                )
            ):
                yield ctx.finding(
                    "INV-006",
                    doc,
                    f"lines[{n}].unit_price",
                    f"Invoice unit price {line.unit_price} for {line.model} differs from the order's "
                    f"{ordered.unit_price}",
                    expected=str(ordered.unit_price),
                    found=str(line.unit_price),
                )
        yield from _trade_term(ctx, ctx.order, doc)


def _trade_term(ctx: Context, order: Order, doc: Doc) -> Iterator[Finding]:
    term, place = doc.view.incoterm, doc.view.incoterm_place
    wanted_term, wanted_place = order.incoterm, order.incoterm_place
    if term is None:
        if wanted_term:
            yield missing(ctx, "INV-006", doc, "incoterm", "trade term (Incoterm)")
        return
    if wanted_term and term.upper() != wanted_term.upper():
        yield ctx.finding(
            "INV-006",
            doc,
            "incoterm",
            f"Invoice trade term {term} differs from the order's {wanted_term}",
            expected=wanted_term,
            found=term,
        )
    if place and wanted_place and not same_place(place, wanted_place):
        yield ctx.finding(
            "INV-006",
            doc,
            "incoterm_place",
            f"Invoice names the place '{place}' for {term}; the order says '{wanted_place}'",
            expected=wanted_place,
            found=place,
        )


@rule("INV-007", "Invoice amount not above the order amount", E, [INV], "UCP 600 arts 18(b), 30")
def amount(ctx: Context) -> Iterator[Finding]:
    if ctx.order is None or ctx.order.total_amount is None:
        return
    ceiling = ctx.order.total_amount * (1 + ctx.config.tolerances.order_amount_pct / 100)
    for doc in ctx.of_type(INV):
        total = doc.view.total_amount
        if total is not None and total > ceiling:
            yield ctx.finding(
                "INV-007",
                doc,
                "total_amount",
                f"Invoice total {total} exceeds the order's total {ctx.order.total_amount}",
                expected=f"<= {ctx.order.total_amount}",
                found=str(total),
            )


@rule(
    "INV-008",
    "Quantities as ordered (±5 % only for goods not counted in units)",
    E,
    [INV],
    "UCP 600 art. 30(b)",
)
def quantities(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.of_type(INV):
        for n, line in enumerate(doc.view.lines, 1):
            ordered = order_line(ctx, line.model)
            if ordered is None or line.quantity is None or line.quantity == ordered.quantity:
                continue
            pct = quantity_tolerance(ctx, ordered, line.unit)
            if not within_tolerance(Decimal(line.quantity), Decimal(ordered.quantity), pct=pct):
                yield ctx.finding(
                    "INV-008",
                    doc,
                    f"lines[{n}].quantity",
                    f"Invoice quantity {line.quantity} for {line.model} differs from the ordered "
                    f"{ordered.quantity}",
                    expected=ordered.quantity,
                    found=line.quantity,
                )
