"""The review server over real HTTP: token, Host check, API validation."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from pipeline.ui import TOKEN_HEADER, ReviewServer, is_loopback, make_server


@contextmanager
def running(out: Path, host: str = "127.0.0.1") -> Iterator[ReviewServer]:
    server = make_server(out, host, 0, reviewer="Ines")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def call(url: str, body: dict | None = None, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        url, data=data, headers={"Content-Type": "application/json", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def local(server: ReviewServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/"


def test_loopback_page_embeds_the_token_and_the_api_wants_it(published: Path, batch):
    with running(published) as server:
        status, page = call(local(server))
        assert status == 200 and server.app.token.encode() in page
        review = {"id": batch.finding("CI-004").fingerprint(), "status": "accepted", "comment": "ok"}
        assert call(local(server) + "api/review", review)[0] == 403
        assert call(local(server) + "api/review", review, {TOKEN_HEADER: "wrong"})[0] == 403
        status, body = call(local(server) + "api/review", review, {TOKEN_HEADER: server.app.token})
        assert status == 200 and json.loads(body)["status"] == "accepted"
    findings = {f["rule"]: f["status"] for f in json.loads((published / "findings.json").read_text())}
    assert findings["CI-004"] == "accepted"


def test_api_rejects_bad_requests(published: Path):
    with running(published) as server:
        auth = {TOKEN_HEADER: server.app.token}
        url = local(server) + "api/review"
        assert call(url, {"id": "ffffffff", "status": "accepted"}, auth)[0] == 404
        assert call(url, {"id": "ffffffff", "status": "deleted"}, auth)[0] == 400
        assert call(url, {"id": "ffffffff", "status": "accepted", "extra": 1}, auth)[0] == 400
        assert (
            call(url, {"id": "ffffffff", "status": "accepted"}, {**auth, "Content-Type": "text/plain"})[0]
            == 415
        )


def test_foreign_host_header_is_refused(published: Path):
    """A page on evil.example resolving to 127.0.0.1 (DNS rebinding) gets nothing."""
    with running(published) as server:
        assert call(local(server), headers={"Host": "evil.example"})[0] == 421


def test_beyond_loopback_every_request_needs_the_token(published: Path):
    with running(published, host="0.0.0.0") as server:
        base = local(server)
        assert "?token=" in server.url
        assert call(base)[0] == 401
        assert call(base + "?token=wrong")[0] == 401
        assert call(base + "original/PO-2026-0417/invoice.pdf")[0] == 401
        assert call(f"{base}?token={server.app.token}")[0] == 200
        status, body = call(
            base + "original/PO-2026-0417/invoice.pdf", headers={TOKEN_HEADER: server.app.token}
        )
        assert status == 200 and body.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
        ("example.com", False),
    ],
)
def test_loopback_detection(host: str, loopback: bool):
    assert is_loopback(host) is loopback


def test_ui_command_prints_its_url_and_stops_on_ctrl_c(published: Path):
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "ui", "--out", str(published), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert url, line
        assert call(url.group(0))[0] == 200
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
