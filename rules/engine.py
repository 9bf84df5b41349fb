"""Runs the rule catalogue over one order's documents (or one unlinked document alone)."""

from __future__ import annotations

import logging

from extractors.datamodel import DocType, ExtractedDocument
from rules.config import RulesConfig
from rules.context import Context
from rules.finding import Finding, Severity
from rules.order import Order
from rules.primitives import fold, party_core
from rules.registry import CheckFn, Rule, load_all

log = logging.getLogger(__name__)


def check(
    order: Order | None, documents: list[ExtractedDocument], config: RulesConfig | None = None
) -> list[Finding]:
    """Every enabled rule's findings for these documents, each with its id, identical ones once.

    With `order` None the documents are checked on their own: validity, internal arithmetic and
    identifiers (rules comparing with the order stay silent).
    """
    config = config or RulesConfig()
    ctx = Context.build(order, documents, config)
    findings: dict[str, Finding] = {}
    for rule in load_all().values():
        if rule.check is None or rule.id in config.disabled:
            continue
        for finding in _run(rule, rule.check, ctx):
            finding = finding.with_id()
            findings.setdefault(finding.id, finding)
    return sorted(findings.values(), key=lambda f: (f.file or "", f.rule, f.field or "", f.message))


def _run(rule: Rule, check_fn: CheckFn, ctx: Context) -> list[Finding]:
    """One rule's findings; a rule that fails is reported as a finding, never stops the others."""
    try:
        return list(check_fn(ctx))
    except Exception as e:  # a bug in one rule must not cost the analyst the other rules' findings
        log.exception("rule %s failed on %s", rule.id, ctx.po_number)
        return [
            Finding(
                rule=rule.id,
                severity=Severity.WARNING,
                po_number=ctx.po_number,
                message=f"Rule {rule.id} could not be evaluated ({type(e).__name__}: {e}); check by hand",
                title=rule.title,
                source=rule.source,
            )
        ]


_COMPLIANCE = (DocType.DECLARATION_OF_CONFORMITY, DocType.TEST_REPORT, DocType.LAB_CERTIFICATE)


def _product_key(doc: ExtractedDocument) -> tuple[str, str] | None:
    """(manufacturer, product) of a compliance document, normalised, when it names both."""
    if doc.doc_type not in _COMPLIANCE:
        return None
    party = next((doc.value(n) for n in ("manufacturer", "applicant", "holder") if doc.value(n)), None)
    name = party.get("name") if isinstance(party, dict) else None
    product = doc.value("product_name")
    if not isinstance(name, str) or not isinstance(product, str) or not name or not product:
        return None
    return party_core(name), fold(product)


def group_unlinked(documents: list[ExtractedDocument]) -> list[list[ExtractedDocument]]:
    """Documents no order claims, grouped so that one product's DoC, reports and certificates are
    checked together (a certificate's report number against the report); every other one alone.
    """
    groups: dict[object, list[ExtractedDocument]] = {}
    for doc in documents:
        key = _product_key(doc) or doc.file
        groups.setdefault(key, []).append(doc)
    return list(groups.values())
