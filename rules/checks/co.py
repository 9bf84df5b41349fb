"""Section 7: the certificate of origin (CO-)."""

from __future__ import annotations

from collections.abc import Iterator

from extractors.datamodel import DocType
from rules import tables
from rules.checks._compare import compact, compare_party, confidently_present, missing
from rules.context import Context, Doc
from rules.finding import Finding, Severity
from rules.primitives import PartyMatch, contains_word, is_to_order, match_party, port_code, resolve_country
from rules.registry import left_out, rule

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
CO = DocType.CERTIFICATE_OF_ORIGIN
CO_RULES = "China CO filling rules (2nd)"


def exporter_is_supplier(ctx: Context, doc: Doc) -> bool:
    if ctx.order is None or doc.view.exporter is None:
        return True
    return match_party(doc.view.exporter.name, ctx.order.supplier.name)[0] != PartyMatch.DIFFERENT


@rule("CO-001", "A certificate of origin is presented", E, [CO], "ISBP L1")
def present(ctx: Context) -> Iterator[Finding]:
    if ctx.order and not ctx.of_type(CO):
        yield ctx.finding(
            "CO-001",
            None,
            "doc_type",
            f"No certificate of origin among the documents of {ctx.order.po_number}",
            expected=CO.value,
        )


left_out(
    "CO-002",
    "Specific CO form if required (GSP Form A, FTA form)",
    E,
    "ISBP L2",
    "the order record names no required CO form",
)


@rule("CO-003", "Issued by CCPIT or China Customs", W, [CO], "ISBP L3")
def authority(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.of_type(CO):
        issuer = doc.view.issuing_authority
        if not issuer:
            yield missing(ctx, "CO-003", doc, "issuing_authority", "issuing authority")
        elif not contains_word(issuer, tables.words().co_authorities):
            yield ctx.finding(
                "CO-003",
                doc,
                "issuing_authority",
                f"CO issued by '{issuer}', neither CCPIT nor China Customs",
                found=issuer,
            )


left_out(
    "CO-004",
    "Goods description corresponds (general terms allowed)",
    E,
    "ISBP L4",
    "whether a description is a fair general term for the goods needs judgement the rules cannot make",
)


@rule("CO-005", "Consignee box filled; not conflicting with the order (else the B/L)", W, [CO], "ISBP 821 L5")
def consignee(ctx: Context) -> Iterator[Finding]:
    bls = [
        d
        for d in ctx.of_type(DocType.BILL_OF_LADING)
        if d.view.consignee and not is_to_order(d.view.consignee.name)
    ]
    for doc in ctx.of_type(CO):
        party = doc.view.consignee
        if party is None:
            yield missing(ctx, "CO-005", doc, "consignee", "consignee")
            continue
        if is_to_order(party.name):
            continue
        if ctx.order:
            expected = ctx.order.consignee or ctx.order.buyer
            yield from compare_party(
                ctx,
                "CO-005",
                doc,
                "consignee",
                party.name,
                expected.name,
                "consignee",
                "the order's consignee",
                different=W,
                drift=INFO,
            )
        elif bls:
            for f in compare_party(
                ctx,
                "CO-005",
                doc,
                "consignee",
                party.name,
                bls[0].view.consignee.name,
                "consignee",
                "the B/L's consignee",
                different=W,
                drift=INFO,
            ):
                yield f.model_copy(update={"related_files": [bls[0].file]})


@rule(
    "CO-006",
    "Exporter may differ from the supplier; invoice references may then differ (information)",
    INFO,
    [CO],
    "ISBP L8",
)
def exporter(ctx: Context) -> Iterator[Finding]:
    if ctx.order is None:
        return
    for doc in ctx.of_type(CO):
        if doc.view.exporter:
            yield from compare_party(
                ctx,
                "CO-006",
                doc,
                "exporter",
                doc.view.exporter.name,
                ctx.order.supplier.name,
                "exporter",
                "the order's supplier",
                different=INFO,
                drift=INFO,
                note=" (allowed: ISBP 745 L8; its invoice references may then differ)",
            )


@rule("CO-007", "Country of origin is China (or as ordered) and agrees with the invoice", E, [CO], "ISBP L1")
def origin(ctx: Context) -> Iterator[Finding]:
    expected = (ctx.order.supplier.country if ctx.order else None) or "CN"
    for doc in ctx.of_type(CO):
        printed = doc.view.country_of_origin
        if not printed:
            yield missing(ctx, "CO-007", doc, "country_of_origin", "country of origin")
            continue
        code = resolve_country(printed)
        if code and code != expected.upper():
            yield ctx.finding(
                "CO-007",
                doc,
                "country_of_origin",
                f"CO states origin '{printed}'; the supplier is in {expected}",
                expected=expected,
                found=printed,
            )


@rule(
    "CO-008",
    "Loading port in China, route as on the B/L; destination = the importing country",
    W,
    [CO],
    CO_RULES,
)
def route(ctx: Context) -> Iterator[Finding]:
    bls = ctx.of_type(DocType.BILL_OF_LADING)
    for doc in ctx.of_type(CO):
        loading = doc.view.port_of_loading
        code = port_code(loading) if loading else None
        if code and code[:2] not in ("CN", "HK"):
            yield ctx.finding(
                "CO-008",
                doc,
                "port_of_loading",
                f"CO port of loading '{loading}' is not in China",
                found=loading,
            )
        bl_code = next((port_code(b.view.port_of_loading) for b in bls if b.view.port_of_loading), None)
        if code and bl_code and code != bl_code:
            yield ctx.finding(
                "CO-008",
                doc,
                "port_of_loading",
                f"CO port of loading '{loading}' differs from the B/L's",
                found=loading,
                related=bls,
            )
        wanted = ctx.order.destination_country if ctx.order else None
        printed = doc.view.destination_country
        if wanted and printed and resolve_country(printed) not in (None, wanted.upper()):
            yield ctx.finding(
                "CO-008",
                doc,
                "destination_country",
                f"CO destination '{printed}' differs from the order's destination country {wanted}",
                expected=wanted,
                found=printed,
            )


left_out(
    "CO-009",
    "Box 6 marks equal the invoice/PL marks",
    W,
    CO_RULES,
    "a CO's shipping marks are not among its canonical fields",
)


@rule("CO-010", "HS code present on the CO", W, [CO], "HS; XDOC-010")
def hs_present(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.of_type(CO):
        if not doc.view.hs_codes:
            yield missing(ctx, "CO-010", doc, "hs_codes", "HS code")


left_out(
    "CO-011",
    "Quantity/packages equal the invoice, PL and B/L",
    E,
    "UCP 600 art. 14(d)",
    "checked as XDOC-004 (packages, weight), so that one discrepancy gives one finding",
)


@rule("CO-012", "Box 10 invoice number and date = the commercial invoice", W, [CO], "ISBP L8")
def invoice_reference(ctx: Context) -> Iterator[Finding]:
    invoices = [d for d in ctx.of_type(DocType.COMMERCIAL_INVOICE) if d.view.invoice_number]
    if not invoices:
        return
    invoice = invoices[0]
    for doc in ctx.of_type(CO):
        severity = W if exporter_is_supplier(ctx, doc) else INFO  # CO-006: a third-party exporter may differ
        number = doc.view.invoice_number
        if number and compact(number) not in {compact(i.view.invoice_number) for i in invoices}:
            yield ctx.finding(
                "CO-012",
                doc,
                "invoice_number",
                f"CO refers to invoice '{number}'; the invoice is '{invoice.view.invoice_number}'",
                expected=invoice.view.invoice_number,
                found=number,
                severity=severity,
                related=[invoice],
            )
        dated = doc.view.invoice_date
        if (
            number
            and dated
            and invoice.view.invoice_date
            and dated != invoice.view.invoice_date
            and compact(number) == compact(invoice.view.invoice_number)
        ):
            yield ctx.finding(
                "CO-012",
                doc,
                "invoice_date",
                f"CO gives invoice date {dated}; the invoice is dated {invoice.view.invoice_date}",
                expected=invoice.view.invoice_date,
                found=dated,
                severity=severity,
                related=[invoice],
            )


@rule("CO-013", "Certification dated (and signed, stamped)", E, [CO], "CCPIT notice")
def certification(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.of_type(CO):
        if not confidently_present(doc, "issue_date"):
            yield missing(ctx, "CO-013", doc, "issue_date", "date of certification")


left_out(
    "CO-014",
    "Description closed by a '***' end marker",
    INFO,
    CO_RULES,
    "end markers are not kept in the normalised description",
)
