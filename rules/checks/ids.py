"""Section 11: identifiers (ID-): containers, seals, HS codes, UN/LOCODEs, currencies, Incoterms …"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import pycountry

from extractors.datamodel import DocType
from extractors.identifiers import CONTAINER_RE, is_valid_container, iso6346_check_digit
from rules import tables
from rules.checks._compare import compact
from rules.context import Context, label
from rules.finding import Finding, Severity
from rules.primitives import currency_alias, fold, port_code, resolve_country, resolve_currency
from rules.registry import rule

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
BL, INV, CO = DocType.BILL_OF_LADING, DocType.COMMERCIAL_INVOICE, DocType.CERTIFICATE_OF_ORIGIN


@rule("ID-001", "Container numbers pass ISO 6346 (format and check digit)", E, [BL], "ISO 6346")
def containers(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.docs:
        for code in getattr(doc.view, "container_numbers", []):
            if is_valid_container(code):
                continue
            clean = compact(code)
            if CONTAINER_RE.match(clean):
                why = f"its check digit should be {iso6346_check_digit(clean[:10])}, not {clean[10]}"
            else:
                why = "it is not 3 letters, U/J/Z, 6 digits and a check digit"
            yield ctx.finding(
                "ID-001",
                doc,
                "container_numbers",
                f"{label(doc)} container number {code} fails ISO 6346: {why}",
                found=code,
            )


@rule("ID-002", "Seal numbers alphanumeric and not repeated", W, [BL], "ISO 17712")
def seals(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.docs:
        seals_ = getattr(doc.view, "seal_numbers", [])
        for seal, count in Counter(compact(s) for s in seals_).items():
            if count > 1:
                yield ctx.finding(
                    "ID-002",
                    doc,
                    "seal_numbers",
                    f"{label(doc)} lists seal number {seal} {count} times",
                    found=seal,
                )
        for seal in seals_:
            if not re.fullmatch(r"[A-Za-z0-9\- ]+", seal):
                yield ctx.finding(
                    "ID-002",
                    doc,
                    "seal_numbers",
                    f"{label(doc)} seal number '{seal}' is not alphanumeric",
                    found=seal,
                )


def _hs_problem(code: str) -> str | None:
    digits = "".join(ch for ch in code if ch.isdigit())
    if len(digits) < 6:
        return "fewer than 6 digits"
    if not 1 <= int(digits[:2]) <= 97 or digits[:2] == "77":
        return f"chapter {digits[:2]} does not exist"
    return None


@rule("ID-003", "HS codes have at least 6 digits in an existing chapter", W, [INV, CO], "WCO HS")
def hs_codes(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.of_type(INV):
        for n, line in enumerate(doc.view.lines, 1):
            if line.hs_code and (why := _hs_problem(line.hs_code)):
                yield ctx.finding(
                    "ID-003",
                    doc,
                    f"lines[{n}].hs_code",
                    f"Invoice line {n} HS code {line.hs_code}: {why}",
                    found=line.hs_code,
                )
    for doc in ctx.of_type(CO):
        for code in doc.view.hs_codes:
            if why := _hs_problem(code):
                yield ctx.finding("ID-003", doc, "hs_codes", f"CO HS code {code}: {why}", found=code)


_PORT_FIELDS = ("port_of_loading", "port_of_discharge", "place_of_receipt", "place_of_delivery")


@rule("ID-004", "Ports printed as UN/LOCODE have a valid country part", W, [BL, INV, CO], "UNECE UN/LOCODE")
def locodes(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.docs:
        for name in _PORT_FIELDS:
            printed = getattr(doc.view, name, None)
            code = (printed or "").strip()
            if (
                re.fullmatch(r"[A-Z]{2}[A-Z2-9]{3}", code)
                and pycountry.countries.get(alpha_2=code[:2]) is None
                and port_code(code) is None
            ):
                yield ctx.finding(
                    "ID-004",
                    doc,
                    name,
                    f"{label(doc)} {name.replace('_', ' ')} '{printed}' is not a valid UN/LOCODE "
                    f"({code[:2]} is no ISO 3166 country)",
                    found=printed,
                )


@rule("ID-005", "Currency is an ISO 4217 code", E, [INV], "ISO 4217")
def currency(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.of_type(INV):
        printed = doc.view.currency
        if printed and resolve_currency(printed) is None:
            alias = currency_alias(printed)
            hint = f" (use {alias})" if alias else ""
            yield ctx.finding(
                "ID-005",
                doc,
                "currency",
                f"Invoice currency '{printed}' is not an ISO 4217 code{hint}",
                expected=alias,
                found=printed,
            )


@rule("ID-006", "Trade term is an Incoterms 2020 term followed by a named place", E, [INV], "Incoterms 2020")
def incoterm(ctx: Context) -> Iterator[Finding]:
    data = tables.incoterms()
    codes = {t.code for t in data.terms}
    for doc in ctx.of_type(INV):
        term = (doc.view.incoterm or "").strip().upper()
        if not term:
            continue
        if term in data.obsolete:
            yield ctx.finding(
                "ID-006",
                doc,
                "incoterm",
                f"Invoice uses '{term}', not an Incoterms 2020 term (now {data.obsolete[term]})",
                expected=data.obsolete[term],
                found=term,
                severity=W,
            )
        elif term not in codes:
            yield ctx.finding(
                "ID-006",
                doc,
                "incoterm",
                f"Invoice trade term '{term}' is not an Incoterms 2020 term",
                expected=sorted(codes),
                found=term,
            )
        elif not doc.view.incoterm_place:
            yield ctx.finding(
                "ID-006",
                doc,
                "incoterm_place",
                f"Invoice trade term {term} is not followed by a named place",
                severity=W,
            )


_COUNTRY_FIELDS = {INV: ("country_of_origin",), CO: ("country_of_origin", "destination_country")}


@rule("ID-007", "Countries are ISO 3166-1 countries", E, [INV, CO], "ISO 3166-1")
def countries(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.of_type(*_COUNTRY_FIELDS):
        for name in _COUNTRY_FIELDS[doc.doc_type]:
            printed = getattr(doc.view, name)
            if printed and resolve_country(printed) is None:
                two_letters = bool(re.fullmatch(r"[A-Za-z]{2}", printed.strip()))
                yield ctx.finding(
                    "ID-007",
                    doc,
                    name,
                    f"{label(doc)} {name.replace('_', ' ')} '{printed}' is not an ISO 3166-1 country",
                    found=printed,
                    severity=E if two_letters else W,
                )


@rule("ID-008", "Notified body number has 4 digits", E, [DocType.DECLARATION_OF_CONFORMITY], "NANDO")
def nb_number(ctx: Context) -> Iterator[Finding]:
    for doc in ctx.of_type(DocType.DECLARATION_OF_CONFORMITY):
        nb = doc.view.notified_body_number
        if nb and not re.fullmatch(r"\d{4}", nb.strip()):
            yield ctx.finding(
                "ID-008",
                doc,
                "notified_body_number",
                f"DoC notified body number '{nb}' is not a 4-digit NANDO number",
                found=nb,
            )


def _carrier_scac(name: str) -> str | None:
    folded = f" {fold(name)} "
    for carrier in tables.carriers().carriers:
        if any(f" {fold(n)} " in folded for n in carrier.names) or fold(name) == carrier.scac.lower():
            return carrier.scac
    return None


@rule("ID-009", "A carrier given as a code is a known SCAC", W, [BL], "NMFTA SCAC")
def scac(ctx: Context) -> Iterator[Finding]:
    known = {c.scac for c in tables.carriers().carriers}
    for doc in ctx.of_type(BL):
        printed = (doc.view.carrier or "").strip()
        if re.fullmatch(r"[A-Z]{2,4}", printed) and printed not in known:
            yield ctx.finding(
                "ID-009",
                doc,
                "carrier",
                f"B/L carrier '{printed}' looks like a SCAC code but is not a known ocean carrier's",
                found=printed,
                severity=INFO,
            )


@rule(
    "ID-010", "B/L number 6-20 letters/digits; a SCAC prefix matches the carrier", W, [BL], "ANSI X12; (2nd)"
)
def bl_number(ctx: Context) -> Iterator[Finding]:
    known = {c.scac for c in tables.carriers().carriers}
    for doc in ctx.of_type(BL):
        number = doc.view.bl_number
        if not number:
            continue
        clean = compact(number)
        if not re.fullmatch(r"[A-Z0-9]{6,20}", clean):
            yield ctx.finding(
                "ID-010",
                doc,
                "bl_number",
                f"B/L number '{number}' is not 6-20 letters and digits",
                found=number,
            )
        prefix = clean[:4]
        named = _carrier_scac(doc.view.carrier) if doc.view.carrier else None
        if prefix in known and named and prefix != named:
            yield ctx.finding(
                "ID-010",
                doc,
                "bl_number",
                f"B/L number '{number}' starts with {prefix}, another carrier's SCAC than "
                f"'{doc.view.carrier}' ({named}): a house B/L?",
                expected=named,
                found=prefix,
            )
