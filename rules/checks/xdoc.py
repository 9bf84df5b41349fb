"""Section 9: consistency across documents (XDOC-)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from extractors.datamodel import DocType
from rules import tables
from rules.checks._compare import compact, compare_party, compare_ports, model_listed
from rules.checks.bl import incoterm_of
from rules.checks.invoice import is_goods, not_ordered, order_line, quantity_tolerance
from rules.context import Context, label
from rules.finding import Finding, Severity
from rules.primitives import country_in_address, same_place, within_tolerance
from rules.registry import left_out, rule

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
INV, PL, BL, CO = (
    DocType.COMMERCIAL_INVOICE,
    DocType.PACKING_LIST,
    DocType.BILL_OF_LADING,
    DocType.CERTIFICATE_OF_ORIGIN,
)


@rule(
    "XDOC-001",
    "Data on the invoice not conflicting with the order (L/C number, ports)",
    E,
    [INV],
    "UCP 600 art. 14(d)",
)
def invoice_vs_order(ctx: Context) -> Iterator[Finding]:
    if ctx.order is None:
        return
    for doc in ctx.of_type(INV):
        lc = doc.view.lc_number
        if lc and ctx.order.lc_number and compact(lc) != compact(ctx.order.lc_number):
            yield ctx.finding(
                "XDOC-001",
                doc,
                "lc_number",
                f"Invoice L/C number '{lc}' differs from the order's '{ctx.order.lc_number}'",
                expected=ctx.order.lc_number,
                found=lc,
            )
        yield from compare_ports(ctx, "XDOC-001", doc, "Invoice")


left_out(
    "XDOC-002",
    "Invoice description corresponds; other documents may use general terms",
    E,
    "UCP 600 art. 14(e)",
    "whether a description is a fair general term needs judgement the rules cannot make",
)

_PARTIES = {
    INV: (("seller", "supplier"), ("buyer", "buyer")),
    BL: (("shipper", "supplier"), ("consignee", "consignee")),
    CO: (("exporter", "supplier"), ("consignee", "consignee")),
}


@rule(
    "XDOC-003", "Party addresses in the same country as in the order", W, [INV, BL, CO], "UCP 600 art. 14(j)"
)
def address_countries(ctx: Context) -> Iterator[Finding]:
    if ctx.order is None:
        return
    for doc in ctx.of_type(*_PARTIES):
        for field, role in _PARTIES[doc.doc_type]:
            party = getattr(doc.view, field)
            expected = getattr(ctx.order, role) or (ctx.order.buyer if role == "consignee" else None)
            if party is None or not party.address or expected is None or not expected.country:
                continue
            country = country_in_address(party.address)
            if country and country != expected.country.upper():
                yield ctx.finding(
                    "XDOC-003",
                    doc,
                    field,
                    f"{label(doc)} {field} address is in {country}; the order's {role} is in "
                    f"{expected.country}",
                    expected=expected.country,
                    found=country,
                )


@dataclass(frozen=True)
class _Quantity:
    what: str
    attrs: dict[DocType, str]
    order_attr: str | None
    unit: str


_TOTALS = (
    _Quantity("number of packages", {PL: "total_packages", BL: "packages", CO: "packages"}, "packages", ""),
    _Quantity(
        "gross weight",
        {PL: "total_gross_weight_kg", BL: "gross_weight_kg", CO: "gross_weight_kg"},
        "gross_weight_kg",
        " kg",
    ),
    _Quantity("volume", {PL: "total_measurement_cbm", BL: "measurement_cbm"}, None, " cbm"),
)


def _agree(ctx: Context, q: _Quantity, a: Decimal, b: Decimal) -> bool:
    tol = ctx.config.tolerances
    if q.unit == " kg":
        return within_tolerance(a, b, pct=tol.weight_pct, absolute=tol.weight_abs_kg)
    if q.unit == " cbm":
        return within_tolerance(a, b, pct=tol.cbm_pct, absolute=tol.cbm_abs)
    return a == b


@rule(
    "XDOC-004",
    "Packages, gross weight and volume equal on order, PL, B/L and CO",
    E,
    [PL, BL, CO],
    "UCP 600 art. 14(d); ISBP M6",
)
def totals(ctx: Context) -> Iterator[Finding]:
    for q in _TOTALS:
        values = [
            (d, Decimal(getattr(d.view, q.attrs[d.doc_type])))
            for d in ctx.of_type(*q.attrs)
            if getattr(d.view, q.attrs[d.doc_type]) is not None
        ]
        ordered = getattr(ctx.order, q.order_attr) if ctx.order and q.order_attr else None
        if ordered is not None:
            reference, source, ref_doc = Decimal(ordered), "the order's", None
        else:
            ranked = sorted(values, key=lambda v: list(q.attrs).index(v[0].doc_type))
            if not ranked:
                continue
            ref_doc, reference = ranked[0]
            source = f"the {label(ref_doc).lower() if ref_doc.doc_type != BL else 'B/L'}'s"
        for doc, value in values:
            if doc is not ref_doc and not _agree(ctx, q, value, reference):
                yield ctx.finding(
                    "XDOC-004",
                    doc,
                    q.attrs[doc.doc_type],
                    f"{label(doc)} {q.what} {value}{q.unit} differs from {source} {reference}{q.unit}",
                    expected=str(reference),
                    found=str(value),
                    related=[ref_doc] if ref_doc else [],
                )


@rule(
    "XDOC-005",
    "Container and seal numbers identical on every document that lists them",
    E,
    [BL],
    "UCP 600 art. 14(d)",
)
def containers(ctx: Context) -> Iterator[Finding]:
    for attr in ("container_numbers", "seal_numbers"):
        listing = [
            (d, {compact(c) for c in getattr(d.view, attr)}) for d in ctx.docs if getattr(d.view, attr, None)
        ]
        for doc, codes in listing:
            others = [(o, c) for o, c in listing if o is not doc and c != codes]
            if others:
                yield ctx.finding(
                    "XDOC-005",
                    doc,
                    attr,
                    f"{label(doc)} {attr.replace('_', ' ')} {sorted(codes)} differ from those on "
                    f"{', '.join(o.file for o, _ in others)}",
                    found=sorted(codes),
                    expected=sorted(others[0][1]),
                    related=[o for o, _ in others],
                )


left_out(
    "XDOC-006",
    "Shipping marks consistent",
    W,
    "ISBP A32-A34",
    "only the packing list carries shipping marks among the canonical fields",
)


@rule(
    "XDOC-007",
    "Incoterm place fits the transport: FOB/FAS place = port of loading, CFR/CIF place = port of discharge",
    E,
    [INV, BL],
    "Incoterms 2020",
)
def incoterm_place(ctx: Context) -> Iterator[Finding]:
    term = incoterm_of(ctx)
    entry = next((t for t in tables.incoterms().terms if t.code == term), None)
    if entry is None or entry.place == "named":
        return  # EXW/FCA hand-over points and CPT/CIP/D-term destinations may lie off the B/L's route
    # the order's port when it names one (a B/L deviating from it is BL-004's), else the B/Ls'
    bls = [] if ctx.order and getattr(ctx.order, entry.place) else ctx.of_type(BL)
    ports = [getattr(b.view, entry.place) for b in bls if getattr(b.view, entry.place)]
    if ctx.order and getattr(ctx.order, entry.place):
        ports = [getattr(ctx.order, entry.place)]
    what = entry.place.replace("_", " ")
    for doc in ctx.of_type(INV):
        place = doc.view.incoterm_place
        if place and ports and not any(same_place(place, p) for p in ports):
            yield ctx.finding(
                "XDOC-007",
                doc,
                "incoterm_place",
                f"Invoice names '{term} {place}', but under {term} the named place is the {what} "
                f"({' / '.join(ports)})",
                expected=ports,
                found=place,
                related=bls,
            )


@rule("XDOC-008", "Models on the packing list identical to the order", E, [PL], "CE-005; LAB-003")
def packing_models(ctx: Context) -> Iterator[Finding]:
    if ctx.order is None:
        return
    for doc in ctx.of_type(PL):
        listed = [line.model for line in doc.view.lines if line.model]
        for n, line in enumerate(doc.view.lines, 1):
            if line.model and is_goods(line) and order_line(ctx, line.model) is None:
                yield ctx.finding(
                    "XDOC-008",
                    doc,
                    f"lines[{n}].model",
                    f"Packing list line {n} model '{line.model}' is not on the order "
                    f"({not_ordered(ctx, line.model)})",
                    found=line.model,
                    expected=ctx.order.models,
                )
        absent = [m for m in ctx.order.models if not model_listed(m, listed)]
        if listed and absent:
            yield ctx.finding(
                "XDOC-008",
                doc,
                "lines",
                f"Ordered model(s) {', '.join(absent)} not on the packing list",
                expected=absent,
                found=listed,
            )


@rule(
    "XDOC-009",
    "Manufacturer consistent across DoC, test reports and certificates (when no order names one)",
    W,
    [DocType.DECLARATION_OF_CONFORMITY, DocType.TEST_REPORT, DocType.LAB_CERTIFICATE],
    "CE-003",
)
def manufacturers(ctx: Context) -> Iterator[Finding]:
    if ctx.order is not None:
        return  # CE-003 and LAB-004 compare each document with the order's supplier
    declared = [d for d in ctx.of_type(DocType.DECLARATION_OF_CONFORMITY) if d.view.manufacturer]
    if not declared:
        return
    name = declared[0].view.manufacturer.name
    for doc in ctx.of_type(DocType.TEST_REPORT, DocType.LAB_CERTIFICATE):
        party = (
            doc.view.manufacturer or doc.view.applicant
            if doc.doc_type == DocType.TEST_REPORT
            else doc.view.manufacturer or doc.view.holder
        )
        if party:
            for f in compare_party(
                ctx,
                "XDOC-009",
                doc,
                "manufacturer",
                party.name,
                name,
                "manufacturer",
                "the DoC's manufacturer",
                different=W,
                drift=INFO,
            ):
                yield f.model_copy(update={"related_files": [declared[0].file]})


@rule("XDOC-010", "HS codes: first 6 digits equal on order, invoice and CO", E, [INV, CO], "HS")
def hs_codes(ctx: Context) -> Iterator[Finding]:
    def six(code: str) -> str:
        return "".join(ch for ch in code if ch.isdigit())[:6]

    invoices = ctx.of_type(INV)
    for doc in invoices:
        for n, line in enumerate(doc.view.lines, 1):
            ordered = order_line(ctx, line.model)
            if ordered and ordered.hs_code and line.hs_code and six(ordered.hs_code) != six(line.hs_code):
                yield ctx.finding(
                    "XDOC-010",
                    doc,
                    f"lines[{n}].hs_code",
                    f"Invoice HS code {line.hs_code} for {line.model} differs from the order's "
                    f"{ordered.hs_code} in its first 6 digits",
                    expected=ordered.hs_code,
                    found=line.hs_code,
                )
    reference = {six(line.hs_code) for line in (ctx.order.lines if ctx.order else []) if line.hs_code} or {
        six(line.hs_code) for d in invoices for line in d.view.lines if line.hs_code
    }
    for doc in ctx.of_type(CO):
        for code in doc.view.hs_codes:
            if reference and six(code) not in reference:
                yield ctx.finding(
                    "XDOC-010",
                    doc,
                    "hs_codes",
                    f"CO HS code {code} matches none of the invoiced/ordered codes in its first 6 digits "
                    f"({', '.join(sorted(reference))})",
                    expected=sorted(reference),
                    found=code,
                    related=invoices,
                )


@rule("XDOC-011", "Quantities equal on order, invoice and packing list", E, [PL], "UCP 600 art. 14(d)")
def quantities(ctx: Context) -> Iterator[Finding]:
    invoiced = {
        compact(line.model): line.quantity
        for d in ctx.of_type(INV)
        for line in d.view.lines
        if line.model and line.quantity is not None
    }
    for doc in ctx.of_type(PL):
        for n, line in enumerate(doc.view.lines, 1):
            if not line.model or line.quantity is None:
                continue
            ordered = order_line(ctx, line.model)
            expected = ordered.quantity if ordered else invoiced.get(compact(line.model))
            source = "the order's" if ordered else "the invoice's"
            if expected is None or expected == line.quantity:
                continue
            pct = quantity_tolerance(ctx, ordered, None) if ordered else Decimal(0)
            if not within_tolerance(Decimal(line.quantity), Decimal(expected), pct=pct):
                yield ctx.finding(
                    "XDOC-011",
                    doc,
                    f"lines[{n}].quantity",
                    f"Packing list quantity {line.quantity} for {line.model} differs from {source} "
                    f"{expected}",
                    expected=expected,
                    found=line.quantity,
                )


left_out(
    "XDOC-012",
    "Insurance: currency, >= 110 % CIF value, PoL to PoD",
    E,
    "UCP 600 art. 28(f)",
    "insurance documents are not among the document types read",
)


@rule(
    "XDOC-013",
    "Identifiers exact: the PO number printed on invoice and packing list",
    E,
    [INV, PL],
    "ISBP A23",
)
def po_numbers(ctx: Context) -> Iterator[Finding]:
    if ctx.order is None:
        return
    for doc in ctx.of_type(INV, PL):
        printed = doc.view.po_number
        if printed and compact(printed) != compact(ctx.order.po_number):
            yield ctx.finding(
                "XDOC-013",
                doc,
                "po_number",
                f"{label(doc)} refers to order '{printed}', not {ctx.order.po_number}",
                expected=ctx.order.po_number,
                found=printed,
            )
