"""The report and the review UI in a real headless Chromium (Debian's), driven by Playwright."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page

from pipeline.ui import ReviewServer, make_server

pytestmark = pytest.mark.slow


class Watch:
    """Everything a page says: dialogs (an XSS would open one), console errors (CSP violations)."""

    def __init__(self, page: Page) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("dialog", self._dialog)
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _console(self, message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            self.errors.append(message.text)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    yield context.new_page()
    context.close()


def visible_ids(page: Page) -> list[str]:
    return page.eval_on_selector_all("tbody.finding:not([hidden])", "rows => rows.map(r => r.dataset.rule)")


def test_report_from_disk_filters_sorts_and_shows_evidence(published: Path, page: Page, tmp_path: Path):
    watch = Watch(page)
    page.goto((published / "report.html").as_uri())
    assert page.locator("#orders tbody tr").count() == 3
    assert page.locator("tbody.finding").count() == 7

    page.select_option("select[data-filter=severity]", "error")
    assert sorted(visible_ids(page)) == ["CI-004", "ISO-001", "REQ-001"]
    assert page.inner_text("#shown") == "3 of 7 findings"
    page.select_option("select[data-filter=doctype]", "bill_of_lading")
    assert visible_ids(page) == ["ISO-001"]
    page.select_option("select[data-filter=severity]", "")
    page.select_option("select[data-filter=doctype]", "")
    page.fill("input[data-filter=text]", "rotterdam")
    assert visible_ids(page) == ["BL-007"]
    page.fill("input[data-filter=text]", "")
    page.select_option("select[data-filter=order]", "-")
    assert visible_ids(page) == ["PL-002"]
    page.select_option("select[data-filter=order]", "")

    page.click("th[data-sort=rule]")
    assert visible_ids(page) == sorted(visible_ids(page))
    page.click("th[data-sort=rule]")
    assert visible_ids(page) == sorted(visible_ids(page), reverse=True)

    row = page.locator("tbody.finding[data-rule='CI-004']")
    image = row.locator("tr.evidence img")
    assert not image.is_visible()
    row.locator("button.toggle").click()
    assert image.is_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth") > 100
    assert row.locator("tr.evidence a").get_attribute("href").endswith("invoice.pdf#page=1")

    page.click("#expand-all")
    widths = page.eval_on_selector_all("tr.evidence img", "imgs => imgs.map(i => i.naturalWidth)")
    # Every finding with a box, text PDF and photo alike; CI-010 borrows CI-004's picture of the same value.
    assert len(widths) == 6 and min(widths) > 0
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    assert (tmp_path / "report.png").stat().st_size > 10_000
    assert watch.errors == [] and watch.dialogs == []
    assert all(url.startswith(("file:", "data:")) for url in watch.requests)


def test_documents_text_runs_nothing(published: Path, page: Page, batch):
    watch = Watch(page)
    page.goto((published / "report.html").as_uri())
    page.click("#expand-all")
    page.wait_for_timeout(200)
    assert watch.dialogs == []
    assert page.locator("img[src=x]").count() == 0
    # Shown as the text it is, in the table and in the document set.
    assert batch.xss_script in page.inner_text("tbody.finding[data-rule='PL-002']")
    assert batch.xss_script in page.inner_text("details#order-unlinked")


@pytest.fixture
def server(published: Path) -> Iterator[ReviewServer]:
    srv = make_server(published, reviewer="Ines")
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def test_ui_accepts_a_finding_and_the_decision_survives_republishing(
    server: ReviewServer, published: Path, page: Page, batch, tmp_path: Path
):
    watch = Watch(page)
    page.goto(server.url)
    assert page.input_value("#reviewer") == "Ines"
    warnings = page.locator("#orders tr[data-order='PO-2026-0417'] td").nth(4)
    assert warnings.inner_text() == "2"
    row = page.locator("tbody.finding[data-rule='BL-007']")
    row.locator("button.toggle").click()
    row.locator("input[name=comment]").fill("Rotterdam agreed with the buyer by mail")
    row.locator("button.accept").click()
    # The page's CSP forbids eval, so wait on a selector rather than a JS predicate.
    page.locator("tbody.finding[data-rule='BL-007'][data-status='accepted']").wait_for(timeout=10_000)
    assert "accepted by Ines" in row.locator(".decision").inner_text()
    # The overview follows: one warning fewer, one reviewed, for that order.
    reviewed = "#orders tr[data-order='PO-2026-0417'] td:nth-child(7)"
    page.locator(reviewed, has_text="1").wait_for(timeout=10_000)
    assert warnings.inner_text() == "1"  # CI-010 left open
    page.screenshot(path=str(tmp_path / "ui.png"), full_page=True)

    fingerprint = batch.finding("BL-007").fingerprint()
    reviews = json.loads((published / "reviews.json").read_text())
    assert reviews[fingerprint]["by"] == "Ines"

    batch.publish(published)  # the next run writes every output again, from fresh findings
    findings = {f["rule"]: f for f in json.loads((published / "findings.json").read_text())}
    assert findings["BL-007"]["status"] == "accepted"
    assert findings["CI-004"]["status"] == "open"
    page.reload()
    assert page.locator("tbody.finding[data-rule='BL-007']").get_attribute("data-status") == "accepted"
    page.goto((published / "report.html").as_uri())
    assert page.locator("tbody.finding[data-rule='BL-007'] .badge.status").inner_text() == "accepted"
    assert watch.errors == [] and watch.dialogs == []


def test_ui_serves_the_original_behind_the_evidence_link(server: ReviewServer, page: Page):
    page.goto(server.url)
    href = page.locator("tbody.finding[data-rule='ISO-001'] tr.evidence a").get_attribute("href")
    assert href == "/original/PO-2026-0417/bl_photo.png"
    response = page.request.get(server.url.rstrip("/") + href)
    assert response.ok and response.headers["content-type"] == "image/png"
    assert page.request.get(server.url + "original/..%2F..%2Fetc%2Fpasswd").status == 404
