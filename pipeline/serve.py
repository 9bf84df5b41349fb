"""`tradecheck serve`: the Prefect deployments (scheduled batch, watcher) and the server they need.

Prefect's ephemeral server refuses schedules ("Cannot schedule flows on an ephemeral server"),
so with no PREFECT_API_URL a real `prefect server start` is started here on 127.0.0.1 (ready in
~14 s offline), kept beside the outputs (`<out>/prefect/`), and stopped with the command.
Nothing from prefect is imported before the server's address is in the environment: Prefect
reads its settings once, at import.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: A busy 2-core machine has been seen to need 14-30 s for a cold server start.
STARTUP_TIMEOUT_S = 120.0
TAGS = ["tradecheck"]
#: Flow runs log our own modules' lines too, so each document shows in the UI.
RUN_ENVIRONMENT = {"PREFECT_LOGGING_EXTRA_LOGGERS": "pipeline", "PREFECT_LOGGING_LEVEL": "INFO"}


class ServerUnavailable(RuntimeError):
    pass


@dataclass(frozen=True)
class DeploymentPlan:
    inbox: Path
    orders: Path
    out: Path
    archive: Path | None
    keep_in_place: bool
    workers: int | None
    cron: str
    watch: bool
    store: str | None = None
    rules_config: Path | None = None

    def parameters(self) -> dict[str, Any]:
        """The flows' parameters: plain JSON, as the Prefect API stores them."""
        return {
            "inbox": str(self.inbox),
            "orders": str(self.orders),
            "out": str(self.out),
            "archive": str(self.archive) if self.archive else None,
            "keep_in_place": self.keep_in_place,
            "workers": self.workers,
            "store": self.store,
            "rules_config": str(self.rules_config) if self.rules_config else None,
        }


def healthy(api_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


def prefect_command() -> list[str]:
    """The `prefect` CLI of this interpreter's environment."""
    beside = Path(sys.executable).with_name("prefect")
    return [str(beside)] if beside.exists() else [sys.executable, "-m", "prefect"]


@contextmanager
def ensure_server(home: Path, port: int) -> Iterator[str]:
    """The API URL of a Prefect server: PREFECT_API_URL's, one already on the port, or one started here."""
    configured = os.environ.get("PREFECT_API_URL")
    if configured:
        yield configured
        return
    api = f"http://127.0.0.1:{port}/api"
    if healthy(api):
        os.environ["PREFECT_API_URL"] = api
        yield api
        return
    home.mkdir(parents=True, exist_ok=True)
    log_path = home / "server.log"
    env = {
        **os.environ,
        "PREFECT_HOME": str(home),
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    }
    with log_path.open("ab") as log:
        server = subprocess.Popen(
            [*prefect_command(), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_until_healthy(api, server, log_path)
        os.environ["PREFECT_API_URL"] = api
        yield api
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()


def _wait_until_healthy(api: str, server: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise ServerUnavailable(
                f"the Prefect server exited with code {server.returncode} during start-up; see {log_path}. "
                "Set PREFECT_API_URL to use a server started elsewhere."
            )
        if healthy(api):
            return
        time.sleep(0.5)
    raise ServerUnavailable(
        f"the Prefect server did not answer on {api} within {STARTUP_TIMEOUT_S:g} s; see {log_path}"
    )


def build_deployments(plan: DeploymentPlan) -> list[Any]:
    """RunnerDeployments: the scheduled batch always, the watcher unless turned off."""
    from pipeline.flows import scheduled_batch, watch_flow

    deployments = [
        scheduled_batch.to_deployment(
            name="scheduled",
            cron=plan.cron,
            parameters=plan.parameters(),
            tags=TAGS,
            description=f"Every file now in {plan.inbox}, then the report re-checked ({plan.cron}).",
        )
    ]
    if plan.watch:
        deployments.append(
            watch_flow.to_deployment(
                name="watcher",
                parameters=plan.parameters(),
                tags=TAGS,
                description=f"Processes each file arriving in {plan.inbox} once it is complete.",
            )
        )
    return deployments


def serve_plan(plan: DeploymentPlan) -> None:
    """Register the deployments, start one watcher run, and serve until interrupted."""
    for key, value in RUN_ENVIRONMENT.items():
        os.environ.setdefault(key, value)
    from prefect import serve
    from prefect.deployments import run_deployment

    deployments = build_deployments(plan)
    if plan.watch:
        deployments[-1].apply()
        # A watcher has no schedule: it is started once and runs until cancelled.
        run_deployment("tradecheck-watch/watcher", timeout=0)
    serve(*deployments)
