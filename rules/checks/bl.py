"""Section 6: the bill of lading (BL-)."""

from __future__ import annotations

from collections.abc import Iterator

from extractors.datamodel import DocType
from rules import tables
from rules.checks._compare import compare_party, compare_ports, confidently_present, missing
from rules.context import Context
from rules.finding import Finding, Severity
from rules.primitives import fold, is_same_as_consignee, is_to_order, same_place
from rules.registry import left_out, rule

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
BL = DocType.BILL_OF_LADING
UCP = "UCP 600 art. 20"


@rule("BL-001", "A B/L is presented and names the carrier", E, [BL], UCP + "(a)(i); ISBP E3-E5")
def carrier(ctx: Context) -> Iterator[Finding]:
    if ctx.order and not ctx.of_type(BL):
        yield ctx.finding(
            "BL-001",
            None,
            "doc_type",
            f"No bill of lading among the documents of {ctx.order.po_number}",
            expected=BL.value,
        )
    for doc in ctx.of_type(BL):
        if not confidently_present(doc, "carrier"):
            yield missing(ctx, "BL-001", doc, "carrier", "carrier")


@rule(
    "BL-002",
    "Shipped on board: an on-board date (needed when the place of receipt is not the port of loading)",
    E,
    [BL],
    UCP + "(a)(ii); ISBP E6",
)
def on_board(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.of_type(BL):
        if doc.view.on_board_date:
            continue
        receipt, loading = doc.view.place_of_receipt, doc.view.port_of_loading
        if receipt and loading and not same_place(receipt, loading):
            yield ctx.finding(
                "BL-002",
                doc,
                "on_board_date",
                f"B/L has no on-board notation date although goods were received at '{receipt}', not "
                f"at the port of loading '{loading}'",
                severity=W,
            )
        else:
            yield missing(
                ctx,
                "BL-002",
                doc,
                "on_board_date",
                "on-board date (the issue date counts as shipment)",
                info=True,
            )


left_out(
    "BL-003",
    "Shipment date = on-board notation date, else issue date",
    E,
    UCP + "(a)(ii)",
    "a definition, applied by the engine to every date rule (rules/context.py shipment_of)",
)


@rule("BL-004", "Port of loading and port of discharge as in the order", E, [BL], UCP + "(a)(iii)")
def ports(ctx: Context) -> Iterator[Finding]:
    if ctx.order is None:
        return
    for doc in ctx.of_type(BL):
        yield from compare_ports(ctx, "BL-004", doc, "B/L")


@rule("BL-005", "Number of original B/Ls stated (a full set)", E, [BL], UCP + "(a)(iv), 17")
def originals(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.of_type(BL):
        count = doc.view.number_of_originals
        if count is None:
            yield missing(ctx, "BL-005", doc, "number_of_originals", "number of originals")
        elif count < 1:
            under_lc = bool(ctx.order and ctx.order.lc_number)
            yield ctx.finding(
                "BL-005",
                doc,
                "number_of_originals",
                f"B/L states {count} originals (a surrendered or express B/L): there is no original "
                "set to present" + (" under the L/C" if under_lc else ""),
                expected=">= 1",
                found=count,
                severity=E if under_lc else W,
            )


_NO_CLAUSES = "the B/L's clauses are not among the canonical fields"
left_out("BL-006", "No charter-party indication", E, UCP + "(a)(vi); ISBP E1", _NO_CLAUSES)
left_out("BL-007", "Clean: no clause declaring defective goods or packing", E, "UCP 600 art. 27", _NO_CLAUSES)
left_out("BL-008", "Not 'loaded on deck'", E, "UCP 600 art. 26", _NO_CLAUSES)


@rule(
    "BL-009",
    "Consignee as in the order ('to order' forms need endorsement)",
    E,
    [BL],
    "UCP 600 art. 14(d); ISBP E",
)
def consignee(ctx: Context) -> Iterator[Finding]:
    if ctx.order is None:
        return
    expected = ctx.order.consignee or ctx.order.buyer
    for doc in ctx.of_type(BL):
        party = doc.view.consignee
        if party is None:
            yield missing(ctx, "BL-009", doc, "consignee", "consignee")
        elif is_to_order(party.name):
            under_lc = bool(ctx.order.lc_number)
            yield ctx.finding(
                "BL-009",
                doc,
                "consignee",
                f"B/L is consigned '{party.name}': it must be endorsed"
                + ("" if under_lc else f"; the order names consignee '{expected.name}'"),
                expected=expected.name,
                found=party.name,
                severity=INFO if under_lc else W,
            )
        else:
            yield from compare_party(
                ctx,
                "BL-009",
                doc,
                "consignee",
                party.name,
                expected.name,
                "consignee",
                "the order's consignee",
            )


@rule("BL-010", "Notify party as in the order", W, [BL], "ISBP E")
def notify(ctx: Context) -> Iterator[Finding]:
    if ctx.order is None or ctx.order.notify_party is None:
        return
    for doc in ctx.of_type(BL):
        party = doc.view.notify_party
        if party is None:
            continue
        name = (
            doc.view.consignee.name if is_same_as_consignee(party.name) and doc.view.consignee else party.name
        )
        yield from compare_party(
            ctx,
            "BL-010",
            doc,
            "notify_party",
            name,
            ctx.order.notify_party.name,
            "notify party",
            "the order's notify party",
            different=W,
            drift=W,
        )


def incoterm_of(ctx: Context) -> str | None:
    """The trade term agreed: the order's, else the one the invoice states."""
    if ctx.order and ctx.order.incoterm:
        return ctx.order.incoterm.upper()
    invoices = [d.view.incoterm for d in ctx.of_type(DocType.COMMERCIAL_INVOICE) if d.view.incoterm]
    return invoices[0].upper() if invoices else None


@rule(
    "BL-011",
    "Freight prepaid under C/D terms, collect under E/F terms",
    W,
    [BL],
    "practice (2nd); UCP 600 art. 14(d)",
)
def freight(ctx: Context) -> Iterator[Finding]:
    term = incoterm_of(ctx)
    entry = next((t for t in tables.incoterms().terms if t.code == term), None)
    if entry is None:
        return
    for doc in ctx.of_type(BL):
        printed = doc.view.freight_terms
        if not printed:
            continue
        said = {w for w in ("PREPAID", "COLLECT") if w in fold(printed).upper()}
        if said and entry.freight not in said:
            yield ctx.finding(
                "BL-011",
                doc,
                "freight_terms",
                f"B/L says freight '{printed}' under {term}, where freight should be {entry.freight}",
                expected=entry.freight,
                found=printed,
            )


@rule("BL-012", "Seal numbers present for every container (FCL)", W, [BL], "ISO 17712")
def seals(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.of_type(BL):
        containers, seals_ = doc.view.container_numbers, doc.view.seal_numbers
        if containers and len(seals_) < len(containers):
            yield ctx.finding(
                "BL-012",
                doc,
                "seal_numbers",
                f"B/L lists {len(containers)} container(s) but {len(seals_)} seal number(s)",
                expected=len(containers),
                found=len(seals_),
            )


left_out(
    "BL-013",
    "Packages, gross weight and volume equal the packing list",
    E,
    "UCP 600 art. 14(d)(e); ISBP M6",
    "checked as XDOC-004, so that one discrepancy gives one finding",
)


@rule("BL-014", "Shipper may differ from the supplier (information)", INFO, [BL], "UCP 600 art. 14(k)")
def shipper(ctx: Context) -> Iterator[Finding]:
    if ctx.order is None:
        return
    for doc in ctx.of_type(BL):
        if doc.view.shipper:
            yield from compare_party(
                ctx,
                "BL-014",
                doc,
                "shipper",
                doc.view.shipper.name,
                ctx.order.supplier.name,
                "shipper",
                "the order's supplier",
                different=INFO,
                drift=INFO,
                note=" (allowed: UCP 600 art. 14(k))",
            )


left_out(
    "BL-015",
    "Transhipment acceptable if one B/L covers the whole carriage",
    INFO,
    UCP + "(c)",
    "transhipment clauses are not among the canonical fields",
)
left_out(
    "BL-016",
    "Corrections authenticated",
    W,
    "ISBP A (corrections)",
    "corrections and their authentication are not visible in the extracted fields",
)
