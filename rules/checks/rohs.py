"""Section 3: RoHS test reports and the DoC's RoHS standard (ROHS-)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from extractors.datamodel import DocType
from extractors.schema import SubstanceResult
from rules import tables
from rules.checks._compare import missing
from rules.context import Context, Doc
from rules.finding import Finding, Severity
from rules.primitives import (
    Result,
    act_key,
    act_ref,
    contains_word,
    mg_per_kg,
    rohs_result,
    standard_families,
    standard_ref,
    substance_symbol,
)
from rules.registry import left_out, rule

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
REPORT = DocType.TEST_REPORT
ANNEX2 = "Dir. 2011/65/EU Annex II as amended by (EU) 2015/863"


def rohs_reports(ctx: Context) -> list[Doc]:
    return [d for d in ctx.of_type(REPORT) if d.view.report_type == "RoHS"]


def _symbols(doc: Doc) -> dict[str, tuple[str, SubstanceResult]]:
    """Annex II symbol → (printed name, result) for the substances the report lists."""
    found = {}
    for name, entry in doc.view.substances.items():
        symbol = substance_symbol(name)
        if symbol:
            found[symbol] = (name, entry)
    return found


def _reference_date(ctx: Context, doc: Doc) -> date:
    if ctx.shipment:
        return ctx.shipment.date
    return doc.view.issue_date or date.today()


@rule(
    "ROHS-001",
    "RoHS report covers all 10 Annex II substances (EEE shipped after 22 Jul 2019)",
    E,
    [REPORT],
    ANNEX2,
)
def all_substances(ctx: Context) -> Iterator[Finding]:
    if ctx.order and any(c.type == "RoHS" for c in ctx.order.required_certificates) and not rohs_reports(ctx):
        yield ctx.finding(
            "ROHS-001",
            None,
            "doc_type",
            f"No RoHS test report among the documents of {ctx.order.po_number}, which requires one",
            expected="test_report (RoHS)",
        )
    for doc in rohs_reports(ctx):
        if not doc.view.substances:
            yield missing(ctx, "ROHS-001", doc, "substances", "substance results")
            continue
        when = _reference_date(ctx, doc)
        due = [s.symbol for s in tables.annex2().substances if s.applies_from <= when]
        absent = [s for s in due if s not in _symbols(doc)]
        if absent:
            yield ctx.finding(
                "ROHS-001",
                doc,
                "substances",
                f"RoHS report covers {len(due) - len(absent)} of the {len(due)} Annex II substances "
                f"due on {when}; missing: {', '.join(absent)}",
                expected=due,
                found=sorted(_symbols(doc)),
            )


@rule("ROHS-002", "Stated limits equal Annex II (mg/kg; Cd 100, others 1000)", E, [REPORT], ANNEX2)
def limits(ctx: Context) -> Iterator[Finding]:
    annex = {s.symbol: s.limit_mg_kg for s in tables.annex2().substances}
    for doc in rohs_reports(ctx):
        for symbol, (name, entry) in _symbols(doc).items():
            stated = mg_per_kg(entry.limit)
            if stated is not None and stated != annex[symbol]:
                yield ctx.finding(
                    "ROHS-002",
                    doc,
                    "substances",
                    f"RoHS report states a limit of {entry.limit} mg/kg for {name}; "
                    f"Annex II allows {annex[symbol]} mg/kg",
                    expected=str(annex[symbol]),
                    found=entry.limit,
                )


@rule(
    "ROHS-003",
    "Every result at most the limit; overall conclusion consistent with the results",
    E,
    [REPORT],
    ANNEX2,
)
def results(ctx: Context) -> Iterator[Finding]:
    annex = {s.symbol: s.limit_mg_kg for s in tables.annex2().substances}
    for doc in rohs_reports(ctx):
        verdicts = {}
        for symbol, (name, entry) in _symbols(doc).items():
            verdicts[symbol] = rohs_result(entry.result, annex[symbol])
            if verdicts[symbol] == Result.ABOVE:
                yield ctx.finding(
                    "ROHS-003",
                    doc,
                    "substances",
                    f"RoHS report result for {name} is {entry.result}, above the Annex II limit of "
                    f"{annex[symbol]} mg/kg",
                    expected=f"<= {annex[symbol]}",
                    found=entry.result,
                )
        over = [s for s, v in verdicts.items() if v == Result.ABOVE]
        if doc.view.conclusion == "PASS" and over:
            yield ctx.finding(
                "ROHS-003",
                doc,
                "conclusion",
                f"RoHS report concludes PASS although the result(s) for {', '.join(over)} "
                "exceed the Annex II limits",
                expected="FAIL",
                found="PASS",
            )
        elif doc.view.conclusion == "FAIL":
            yield ctx.finding(
                "ROHS-003", doc, "conclusion", "RoHS report concludes FAIL", expected="PASS", found="FAIL"
            )


@rule("ROHS-004", "Test methods are IEC 62321 parts", W, [REPORT], "IEC 62321 series")
def methods(ctx: Context) -> Iterator[Finding]:
    for doc in rohs_reports(ctx):
        refs = [standard_ref(s) for s in doc.view.standards]
        if doc.view.standards and not any(r and r.core.startswith("62321") for r in refs):
            yield ctx.finding(
                "ROHS-004",
                doc,
                "standards",
                f"RoHS report names no IEC 62321 test method (methods: {', '.join(doc.view.standards)})",
                expected="IEC 62321-x",
                found=doc.view.standards,
            )


left_out(
    "ROHS-005",
    "XRF-only Cr/Br results are screening; inconclusive results need wet chemistry",
    W,
    "IEC 62321-3-1",
    "the method per substance and XRF verdicts are not among the canonical fields",
)


@rule(
    "ROHS-006",
    "ISO/IEC 17025 minimum content: report no., lab, customer, dates",
    E,
    [REPORT],
    "ISO/IEC 17025:2017 §7.8.2.1",
)
def minimum_content(ctx: Context) -> Iterator[Finding]:
    wanted = [
        ("report_number", "report number"),
        ("issuer", "laboratory"),
        ("applicant", "customer (applicant)"),
        ("test_date", "test date"),
        ("issue_date", "date of issue"),
    ]
    for doc in rohs_reports(ctx):
        for name, what in wanted:
            if getattr(doc.view, name) is None:
                yield missing(ctx, "ROHS-006", doc, name, what)


@rule(
    "ROHS-007",
    "A component-only report (e.g. 'PVC cable') does not cover the whole product",
    W,
    [REPORT],
    "Annex II (homogeneous material)",
)
def component_only(ctx: Context) -> Iterator[Finding]:
    for doc in rohs_reports(ctx):
        product = doc.view.product_name
        if product and contains_word(product, tables.words().component_words):
            yield ctx.finding(
                "ROHS-007",
                doc,
                "product_name",
                f"RoHS report tests '{product}', which looks like a component or material, not the "
                "finished product",
                found=product,
            )


left_out(
    "ROHS-008",
    "Claimed exemptions cite Annex III/IV entries that have not expired",
    INFO,
    "Art 5",
    "exemption claims are not among the canonical fields",
)


@rule(
    "ROHS-009",
    "DoC citing RoHS lists EN IEC 63000:2018 (EN 50581 withdrawn 18 Nov 2021)",
    W,
    [DocType.DECLARATION_OF_CONFORMITY],
    "Impl. Dec. (EU) 2020/659",
)
def doc_rohs_standard(ctx: Context) -> Iterator[Finding]:
    rohs_keys = {act_key("2011/65/EU"), act_key("(EU) 2015/863")}
    for doc in ctx.of_type(DocType.DECLARATION_OF_CONFORMITY):
        cites_rohs = any((r := act_ref(d)) and r.key in rohs_keys for d in doc.view.directives)
        rohs_std = any(
            (r := standard_ref(s)) and "ROHS" in standard_families(r.core) for s in doc.view.standards
        )
        if cites_rohs and not rohs_std:
            yield ctx.finding(
                "ROHS-009",
                doc,
                "standards",
                "DoC cites the RoHS Directive but lists no RoHS standard (EN IEC 63000:2018)",
                expected="EN IEC 63000:2018",
                found=doc.view.standards,
            )
