"""report.html as written: self-contained, strict CSP, every document string escaped."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

from pipeline.report import order_statuses, render_report


class Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inline: dict[str, str] = {}
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._open = tag if tag in ("script", "style") else None

    def handle_data(self, data: str) -> None:
        if self._open:
            self.inline[self._open] = self.inline.get(self._open, "") + data

    def handle_endtag(self, tag: str) -> None:
        self._open = None


def parse(html: str) -> Collect:
    c = Collect()
    c.feed(html)
    return c


def csp_of(doc: Collect) -> dict[str, str]:
    meta = next(a for t, a in doc.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    return dict(part.strip().split(" ", 1) for part in (meta["content"] or "").split(";"))


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_csp_allows_only_the_inline_code_by_hash(published: Path):
    doc = parse((published / "report.html").read_text())
    csp = csp_of(doc)
    assert csp["default-src"] == "'none'"
    assert csp["img-src"] == "data:"
    assert csp["script-src"] == sha(doc.inline["script"])
    assert csp["style-src"] == sha(doc.inline["style"])
    assert "unsafe-inline" not in " ".join(csp.values())
    assert "connect-src" not in csp  # the report from disk talks to nobody


def test_nothing_is_loaded_from_elsewhere(published: Path):
    doc = parse((published / "report.html").read_text())
    for tag, attrs in doc.tags:
        assert not (attrs.get("src") or "data:").startswith(("http", "//")), (tag, attrs)
        assert tag != "link", attrs
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "style" not in attrs, (tag, attrs)  # would need 'unsafe-inline'


def test_document_strings_are_escaped(published: Path, batch):
    html = (published / "report.html").read_text()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count("<script>") == 1


def test_evidence_images_are_embedded_and_links_point_at_the_page(published: Path):
    doc = parse((published / "report.html").read_text())
    images = [a["src"] for t, a in doc.tags if t == "img" and "src" in a]
    assert len(images) == 5 and all(src.startswith("data:image/") for src in images)
    borrowed = [a for t, a in doc.tags if t == "img" and "data-same-as" in a]
    assert len(borrowed) == 1  # CI-010 shows the same value as CI-004: one picture in the file
    links = {a["href"] for t, a in doc.tags if t == "a" and (a.get("href") or "").startswith("../")}
    assert any(link.endswith("/inbox/PO-2026-0417/invoice.pdf#page=2") for link in links)
    assert any(link.endswith("/inbox/PO-2026-0417/bl_photo.png") for link in links)  # no pages to jump to
    assert all((published / unquote(link.split("#")[0])).resolve().is_file() for link in links)


def test_report_stays_small(published: Path):
    size = (published / "report.html").stat().st_size
    assert size < 120_000, size


def test_order_status_and_missing_documents(batch):
    statuses = {s.po_number: s for s in order_statuses(batch.documents, batch.findings)}
    assert statuses["PO-2026-0417"].status == "documents missing"
    assert [m.expected for m in statuses["PO-2026-0417"].missing] == ["declaration_of_conformity"]
    assert statuses["PO-2026-0999"].status == "clean"
    assert statuses[None].status == "unlinked"


def test_accepted_errors_no_longer_block_an_order(batch):
    reviewed = [
        f.model_copy(update={"status": "accepted"}) if f.severity == "error" else f for f in batch.findings
    ]
    statuses = {s.po_number: s for s in order_statuses(batch.documents, reviewed)}
    assert statuses["PO-2026-0417"].status == "warnings"


def test_plain_rendering_without_evidence_or_links(batch):
    html = render_report(batch.documents, batch.findings)
    assert "PO-2026-0417" in html and "data:image" not in html
    assert re.search(r'id="order-PO-2026-0999"', html)


def test_an_empty_batch_still_makes_a_report():
    html = render_report([], [])
    assert "No documents in this batch." in html and "No findings." in html
