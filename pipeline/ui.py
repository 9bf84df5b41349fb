"""`tradecheck ui`: the report served on a local port, with accept / waive / reopen on each finding.

Standard library only. Bound to 127.0.0.1 by default; there the page embeds a per-session token
the review API wants in a header (a page from another site cannot read it), and the Host header
must name this server (no DNS rebinding). Bound elsewhere, every request needs the token, given
once as `?token=` (then kept in a strict same-site cookie) or in the header.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import logging
import mimetypes
import secrets
import socket
from dataclasses import dataclass, field
from http import HTTPStatus
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Literal
from urllib.parse import parse_qs, unquote, urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pipeline.evidence import Originals, Renderer, default_renderer, is_pdf
from pipeline.outputs import read_outputs
from pipeline.publish import read_run_info, render_live, republish
from pipeline.report import Live
from pipeline.review import UnknownFinding, decide, find_finding, summary

log = logging.getLogger(__name__)

TOKEN_HEADER = "X-Tradecheck-Token"
_COOKIE = "tradecheck_token"
_MAX_BODY = 64 * 1024
_IMAGE_TYPES = {"image/png", "image/jpeg", "image/tiff"}
_SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}


class ReviewRequest(BaseModel):
    """The body of POST /api/review."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str = Field(min_length=4, max_length=64)
    status: Literal["accepted", "waived", "open"]
    comment: str = Field(default="", max_length=2000)
    by: str = Field(default="", max_length=100)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def same_token(given: str | None, token: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), token.encode())


@dataclass
class ReviewApp:
    """What the server serves, independent of HTTP plumbing."""

    out: Path
    reviewer: str
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    token_for_pages: bool = False  # set when bound beyond loopback
    renderer: Renderer = default_renderer

    def page(self) -> bytes:
        return render_live(self.out, Live(self.token, self.reviewer), self.renderer).encode("utf-8")

    def original(self, rel: str) -> Path | None:
        """An input file named in documents.json, and only such a file (no path walking)."""
        docs, _ = read_outputs(self.out)
        if rel not in {d.file for d in docs}:
            return None
        return Originals(read_run_info(self.out).inbox, self.out).path(rel)

    def review(self, request: ReviewRequest) -> dict[str, str]:
        _, findings = read_outputs(self.out)
        finding = find_finding(findings, request.id)
        if request.status == "waived" and not request.comment:
            raise ValueError("a waiver needs a comment saying why")
        decision = decide(self.out, finding, request.status, request.by or self.reviewer, request.comment)
        republish(self.out, self.renderer)
        return {"id": finding.fingerprint(), "status": request.status, "summary": summary(decision)}


def content_type(path: Path) -> str:
    if is_pdf(path):
        return "application/pdf"
    guessed = mimetypes.guess_type(path.name)[0]
    return guessed if guessed in _IMAGE_TYPES else "application/octet-stream"


class Handler(BaseHTTPRequestHandler):
    server: ReviewServer
    server_version = "tradecheck"
    sys_version = ""

    # ---- routing ----

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if not self._allowed(url.query):
            return
        if url.path in ("/", "/report.html"):
            self._send(
                HTTPStatus.OK, self.server.app.page(), "text/html; charset=utf-8", self._new_cookie(url.query)
            )
        elif url.path.startswith("/original/"):
            self._original(unquote(url.path.removeprefix("/original/")))
        else:
            self._error(HTTPStatus.NOT_FOUND, "not found")

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path != "/api/review":
            self._error(HTTPStatus.NOT_FOUND, "not found")
            return
        if not self._allowed("") or not same_token(self.headers.get(TOKEN_HEADER), self.server.app.token):
            self._error(HTTPStatus.FORBIDDEN, "missing or wrong token")
            return
        if self.headers.get_content_type() != "application/json":
            self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send JSON")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if not 0 < length <= _MAX_BODY:
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "body missing or too large")
            return
        try:
            request = ReviewRequest.model_validate_json(self.rfile.read(length))
            answer = self.server.app.review(request)
        except ValidationError as e:
            self._error(HTTPStatus.BAD_REQUEST, e.errors()[0]["msg"])
        except UnknownFinding as e:
            self._error(HTTPStatus.NOT_FOUND, str(e))
        except ValueError as e:
            self._error(HTTPStatus.BAD_REQUEST, str(e))
        else:
            self._json(HTTPStatus.OK, answer)

    # ---- checks ----

    def _allowed(self, query: str) -> bool:
        """Host names this server (loopback binds); token presented (other binds)."""
        app = self.server.app
        if not app.token_for_pages:
            if self.headers.get("Host", "") not in self.server.local_hosts:
                self._error(HTTPStatus.MISDIRECTED_REQUEST, "unexpected Host header")
                return False
            return True
        given = (
            parse_qs(query).get("token", [None])[0] or self.headers.get(TOKEN_HEADER) or self._cookie_token()
        )
        if not same_token(given, app.token):
            self._error(HTTPStatus.UNAUTHORIZED, "this server wants its token: open the URL it printed")
            return False
        return True

    def _cookie_token(self) -> str | None:
        morsel = SimpleCookie(self.headers.get("Cookie", "")).get(_COOKIE)
        return morsel.value if morsel else None

    def _new_cookie(self, query: str) -> dict[str, str]:
        if not self.server.app.token_for_pages or "token" not in parse_qs(query):
            return {}
        return {"Set-Cookie": f"{_COOKIE}={self.server.app.token}; HttpOnly; SameSite=Strict; Path=/"}

    # ---- responses ----

    def _original(self, rel: str) -> None:
        path = self.server.app.original(rel)
        if path is None:
            self._error(HTTPStatus.NOT_FOUND, "no such input file")
            return
        kind = content_type(path)
        disposition = "attachment" if kind == "application/octet-stream" else "inline"
        headers = {"Content-Disposition": f"{disposition}", "Content-Security-Policy": "sandbox"}
        self._send(HTTPStatus.OK, path.read_bytes(), kind, headers)

    def _json(self, status: HTTPStatus, body: dict[str, str]) -> None:
        self._send(status, json.dumps(body, ensure_ascii=False).encode("utf-8"), "application/json")

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._json(status, {"error": message})

    def _send(
        self, status: HTTPStatus, body: bytes, kind: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in {**_SECURITY_HEADERS, **(headers or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        log.info("%s %s", self.address_string(), format % args)


class ReviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, app: ReviewApp, host: str, port: int) -> None:
        self.app = app
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        super().__init__((host, port), Handler)
        bound = self.server_address[1]
        self.local_hosts = {f"{name}:{bound}" for name in ("127.0.0.1", "localhost", "[::1]")}

    @property
    def url(self) -> str:
        host, port = self.server_address[0], self.server_address[1]
        shown = f"[{host}]" if ":" in str(host) else host
        query = f"?token={self.app.token}" if self.app.token_for_pages else ""
        return f"http://{shown}:{port}/{query}"


def make_server(
    out: Path,
    host: str = "127.0.0.1",
    port: int = 0,
    reviewer: str = "analyst",
    token: str | None = None,
    renderer: Renderer = default_renderer,
) -> ReviewServer:
    """A server ready to `serve_forever()`; port 0 picks a free one (see `.url`)."""
    app = ReviewApp(
        out,
        reviewer,
        token or secrets.token_urlsafe(24),
        token_for_pages=not is_loopback(host),
        renderer=renderer,
    )
    return ReviewServer(app, host, port)
