"""report.html: which shipments can go, what is wrong with the others, and where it says so.

One self-contained page: styles and script inline, allowed by their hashes in a
Content-Security-Policy that forbids every remote load; evidence images as data URIs. Every
string from a document goes through Jinja's autoescaping, never `|safe`.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from importlib.resources import files
from statistics import fmean
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from extractors.datamodel import LOW_CONFIDENCE, ExtractedDocument
from pipeline.review import Decision, summary
from rules.finding import Finding, Severity

_ENV = Environment(loader=PackageLoader("pipeline", "templates"), autoescape=select_autoescape(default=True))
_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_STATUS_RANK = {"documents missing": 0, "errors": 1, "warnings": 2, "unlinked": 3, "clean": 4}

#: (finding, document it is about) -> data URI of its evidence crop, or None.
EvidenceSource = Callable[[Finding, ExtractedDocument | None], str | None]
#: (relative file, page) -> link to the original at that page, or None.
LinkSource = Callable[[str, int | None], str | None]


@dataclass(frozen=True)
class Live:
    """The report as the review web app serves it: review controls, and the token its API wants."""

    token: str
    reviewer: str


@dataclass(frozen=True)
class DocumentView:
    doc: ExtractedDocument
    link: str | None

    @property
    def confidence(self) -> float | None:
        """The weakest field's confidence: a document is as trustworthy as its worst value."""
        values = [f.confidence for f in self.doc.fields.values() if f.method != "derived"]
        return min(values) if values else None

    @property
    def mean_confidence(self) -> float | None:
        values = [f.confidence for f in self.doc.fields.values() if f.method != "derived"]
        return fmean(values) if values else None

    @property
    def low_fields(self) -> list[str]:
        return sorted(name for name, f in self.doc.fields.items() if f.confidence < LOW_CONFIDENCE)

    @property
    def says_low_confidence(self) -> bool:
        """The extraction already named its weak fields among the problems."""
        return any("low confidence" in p for p in self.doc.problems)


@dataclass(frozen=True)
class FindingView:
    finding: Finding
    decision: Decision | None
    image: str | None
    link: str | None
    #: Set when an earlier finding shows the same picture: the report holds each picture once
    #: and its script copies it here (the same value flagged by several rules).
    same_image_as: str | None = None

    @property
    def id(self) -> str:
        return self.finding.id or self.finding.fingerprint()


@dataclass(frozen=True)
class OrderStatus:
    po_number: str | None
    status: str  # clean | warnings | errors | documents missing | unlinked
    documents: list[ExtractedDocument]
    findings: list[Finding]
    document_views: list[DocumentView] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity and f.status == "open")

    @property
    def reviewed(self) -> int:
        return sum(1 for f in self.findings if f.status != "open")

    @property
    def missing(self) -> list[Finding]:
        """Open findings for required documents that did not arrive."""
        return [f for f in self.findings if f.file is None and f.field == "doc_type" and f.status == "open"]

    @property
    def anchor(self) -> str:
        return "order-" + "".join(c if c.isalnum() else "-" for c in (self.po_number or "unlinked"))


def order_statuses(docs: Sequence[ExtractedDocument], findings: Sequence[Finding]) -> list[OrderStatus]:
    pos = sorted({d.po_number for d in docs if d.po_number} | {f.po_number for f in findings if f.po_number})
    rows = [_status(po, docs, findings) for po in pos]
    if any(not d.po_number for d in docs):
        rows.append(_status(None, docs, findings))
    return rows


def _status(po: str | None, docs: Sequence[ExtractedDocument], findings: Sequence[Finding]) -> OrderStatus:
    mine = [d for d in docs if d.po_number == po]
    found = [f for f in findings if f.po_number == po]
    open_ = [f for f in found if f.status == "open"]
    if po is None:
        status = "unlinked"
    elif any(f.field == "doc_type" and f.file is None for f in open_):
        status = "documents missing"
    elif any(f.severity == Severity.ERROR for f in open_):
        status = "errors"
    elif any(f.severity == Severity.WARNING for f in open_):
        status = "warnings"
    else:
        status = "clean"
    return OrderStatus(po, status, mine, found)


def show(value: Any) -> str:
    """A value as an analyst reads it: a party by its name and address, a list joined."""
    if value is None or value == "":
        return "—"
    if isinstance(value, dict):
        if "name" in value:
            return ", ".join(str(v) for v in (value.get("name"), value.get("address")) if v)
        return "; ".join(f"{k}: {show(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(show(v) for v in value) or "—"
    return str(value)


def _asset(name: str) -> tuple[str, str]:
    """An inline asset's text and its CSP hash source."""
    text = files("pipeline").joinpath("templates", name).read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return text, f"'sha256-{digest}'"


def content_security_policy(style_hash: str, script_hash: str, live: bool) -> str:
    """Nothing loads from anywhere; the served report may call back its own origin's API only."""
    parts = [
        "default-src 'none'",
        "img-src data:",
        f"style-src {style_hash}",
        f"script-src {script_hash}",
        "base-uri 'none'",
        "form-action 'none'",
    ]
    if live:
        parts.append("connect-src 'self'")
    return "; ".join(parts)


#: A filter's key for "none" (a finding with no order, a missing document); "" means "all".
NONE = "-"


def key(value: str | None) -> str:
    return value or NONE


def _worst_first(s: OrderStatus) -> tuple[int, str]:
    return (_STATUS_RANK[s.status], s.po_number or "")


def _page_order(f: Finding) -> tuple[str, int]:
    return (f.file or "", (f.evidence.page if f.evidence else None) or 0)


def _finding_order(f: Finding) -> tuple[str, int, str, str]:
    return (f.po_number or "~", _SEVERITY_RANK[f.severity], f.rule, f.file or "")


def render_report(
    docs: Sequence[ExtractedDocument],
    findings: Sequence[Finding],
    order_errors: Sequence[str] = (),
    *,
    decisions: Mapping[str, Decision] | None = None,
    evidence: EvidenceSource | None = None,
    links: LinkSource | None = None,
    live: Live | None = None,
    notices: Sequence[str] = (),
) -> str:
    """The report. `notices` are problems of the output folder itself (an unreadable reviews.json)."""
    decisions = decisions or {}
    by_file = {d.file: d for d in docs}

    def link(rel: str | None, page: int | None = None) -> str | None:
        return links(rel, page) if links and rel else None

    # Page by page, so that each page is rendered once however its findings are sorted below.
    images = {
        id(f): evidence(f, by_file.get(f.file or ""))
        for f in sorted(findings, key=_page_order)
        if evidence and f.evidence
    }
    views = _share_images(
        [
            FindingView(
                finding=f,
                decision=decisions.get(f.fingerprint()),
                image=images.get(id(f)),
                link=link(f.file, f.evidence.page if f.evidence else None),
            )
            for f in sorted(findings, key=_finding_order)
        ]
    )
    statuses = [
        replace(s, document_views=[DocumentView(d, link(d.file)) for d in s.documents])
        for s in sorted(order_statuses(docs, findings), key=_worst_first)
    ]
    style, style_hash = _asset("report.css")
    script, script_hash = _asset("report.js")
    return _ENV.get_template("report.html.j2").render(
        csp=content_security_policy(style_hash, script_hash, live is not None),
        style=style,
        script=script,
        live=live,
        statuses=statuses,
        findings=views,
        documents=docs,
        order_errors=order_errors,
        notices=notices,
        filters=_filter_options(findings),
        show=show,
        summary=summary,
        key=key,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )


def _share_images(views: list[FindingView]) -> list[FindingView]:
    first: dict[str, str] = {}
    shared = []
    for v in views:
        if v.image and v.image in first:
            v = replace(v, image=None, same_image_as=first[v.image])
        elif v.image:
            first[v.image] = v.id
        shared.append(v)
    return shared


def _filter_options(findings: Sequence[Finding]) -> dict[str, list[tuple[str, str]]]:
    """(value, label) choices for each filter, from what the findings hold."""
    rules = {f.rule: f.title or "" for f in findings}
    return {
        "order": [
            (po, po if po != NONE else "(no order)") for po in sorted({key(f.po_number) for f in findings})
        ],
        "severity": [(s.value, s.value) for s in Severity if any(f.severity == s for f in findings)],
        "rule": [(r, f"{r} — {t}" if t else r) for r, t in sorted(rules.items())],
        "doctype": [
            (t, t.replace("_", " ") if t != NONE else "(no document)")
            for t in sorted({key(f.doc_type) for f in findings})
        ],
        # All three always: a decision taken in the served page changes statuses without a reload.
        "status": [(s, s) for s in ("open", "accepted", "waived")],
    }
