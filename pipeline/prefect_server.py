"""Prefect's local server for `tradecheck run`, started first thing.

With no PREFECT_API_URL, Prefect starts an ephemeral server when the first flow runs, after its
client has imported the whole server application only to launch it: seconds of a 2-core machine,
before the server itself begins its own imports and database checks. Started here instead, at the
very start of the command, the server boots while this process imports its own modules, and the
client only connects to it. It is the server Prefect would start (the same uvicorn app, settings
and database under PREFECT_HOME; only the registration of block types is left out, see
SERVER_ENV, and a new database is built faster, see `prefect_db`), one per process, stopped when
the process ends. Its output goes to a log file under PREFECT_HOME rather than into the analyst's
terminal.

A PREFECT_API_URL in the environment (a real server) means none is started; one set in a Prefect
profile or settings file, which only Prefect itself reads, stops it again once Prefect is loaded.
"""

from __future__ import annotations

import atexit
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from pipeline import prefect_db, prefect_env

#: The settings Prefect's own ephemeral server runs with (no UI, services of an ephemeral server),
#: and no registration of Prefect's block types: a batch uses none, and on a fresh PREFECT_HOME
#: writing them took seconds of the cold start. Without the memo, the registration skipped here is
#: not recorded as done, so a full server later started on the same database still makes it.
SERVER_ENV = {
    "PREFECT_UI_ENABLED": "0",
    "PREFECT__SERVER_EPHEMERAL": "1",
    "PREFECT__SERVER_FINAL": "1",
    "PREFECT_API_BLOCKS_REGISTER_ON_START": "0",
    "PREFECT_MEMOIZE_BLOCK_AUTO_REGISTRATION": "0",
}
LOG_NAME = "tradecheck-server.log"


@dataclass
class LocalServer:
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def wait_ready(self, timeout: float) -> str:
        """The API's URL once it answers; RuntimeError naming the log when it does not."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"Prefect's local server exited with code {self.process.returncode}; see {self.log}"
                )
            try:
                with urllib.request.urlopen(f"{self.api_url}/health", timeout=2) as reply:
                    if reply.status == 200:
                        return self.api_url
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.1)
        raise RuntimeError(f"Prefect's local server did not answer within {timeout:g} s; see {self.log}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


_server: LocalServer | None = None


def start() -> None:
    """Start the local server in the background unless one runs or PREFECT_API_URL names another."""
    global _server
    prefect_env.apply()
    if os.environ.get("PREFECT_API_URL") or (_server and _server.process.poll() is None):
        return
    home = Path(os.environ.get("PREFECT_HOME", Path.home() / ".prefect")).expanduser()
    home.mkdir(parents=True, exist_ok=True)
    log = home / LOG_NAME
    port = _free_port()
    with log.open("wb") as sink:  # the latest run's server: what is worth reading after a failure
        process = subprocess.Popen(
            [sys.executable, "-m", "pipeline.prefect_server", str(port)],
            env={**os.environ, **SERVER_ENV},
            stdout=sink,
            stderr=sink,
            stdin=subprocess.DEVNULL,
        )
    _server = LocalServer(process, port, log)
    atexit.register(_server.stop)


def stop() -> None:
    """Stop the server started here, if any (a server configured elsewhere is used instead)."""
    global _server
    if _server is not None:
        _server.stop()
        _server = None


def api_url(timeout: float) -> str | None:
    """The started server's API URL once it answers, or None when none was started here."""
    return _server.wait_ready(timeout) if _server else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(port: int) -> None:
    """The server process: a new database built first (`prefect_db`), then Prefect's API app."""
    import uvicorn
    from prefect.settings import get_current_settings

    # Stopped while building (the run ended or chose another server), the build cleans up after
    # itself; uvicorn installs its own handlers once it starts.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    prefect_db.ensure_built(get_current_settings().server.database.connection_url.get_secret_value())
    uvicorn.run(
        "prefect.server.api.server:create_app",
        factory=True,
        host="127.0.0.1",
        port=port,
        log_level="error",
        lifespan="on",
    )


if __name__ == "__main__":
    serve(int(sys.argv[1]))
