"""The Prefect layer: a batch is a flow of three tasks (register, read, publish); the watcher and the
scheduled batch are flows for `tradecheck serve`. Logic lives in intake, batch, watch.

A task per step, not per document: Prefect's server spends 5-74 ms on each task run, as much as
reading a text page takes, so per-document tasks would cost more than the documents. The ledger
records each document's progress and failures instead, and `-v` logs each one.

The tasks carry no tags: before a tagged task run starts, Prefect asks its server for a slot of
each tag's concurrency limit, and that round trip took up to 1.9 s here (the publish step after a
long read), more than the publishing itself.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pipeline import prefect_env, prefect_server

prefect_env.apply()

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE
from prefect.settings import (
    PREFECT_API_URL,
    PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
    PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS,
    temporary_settings,
)
from prefect.utilities.annotations import quote

from pipeline.batch import BatchResult
from pipeline.ingest import InboxFile, scan_inbox
from pipeline.intake import Intake, open_intake, read_settings
from pipeline.settings import Settings
from pipeline.store import Entry

__all__ = ["batch_flow", "read_settings", "run_batch", "scheduled_batch", "watch_flow"]

log = logging.getLogger(__name__)


@contextmanager
def _timed(step: str) -> Iterator[None]:
    """The step's wall time in the log (`tradecheck -v`): where a batch's time goes."""
    start = time.monotonic()
    yield
    log.info("%s took %.2f s", step, time.monotonic() - start)


@task(name="register", cache_policy=NONE)
def register_task(intake: Intake, files: list[InboxFile]) -> list[tuple[InboxFile, Entry]]:
    """Each file hashed and entered in the ledger; files that vanished or changed meanwhile left out."""
    return intake.register_all(files, "run")


@task(name="read", cache_policy=NONE)
def read_task(intake: Intake, registered: list[tuple[InboxFile, Entry]]) -> list[Entry]:
    """Every file read in the worker processes (or its earlier result reused), each committed to the
    ledger as it finishes."""
    return intake.process_all(registered)


@task(name="publish", cache_policy=NONE)
def publish_task(intake: Intake, out: Path, orders: Path, entries: list[Entry], inbox: Path) -> BatchResult:
    """Link and check the documents, write every output file."""
    return intake.publish(out, orders, entries, "run", inbox)


@flow(name="tradecheck-batch", flow_run_name="batch {inbox}", validate_parameters=False)
def batch_flow(inbox: Path, orders: Path, out: Path, settings: Settings) -> BatchResult:
    logger = get_run_logger()
    files = scan_inbox(inbox, exclude=(out,))
    with open_intake(out, settings) as intake:
        with _timed("register"):
            registered = register_task(quote(intake), quote(files))
        with _timed("read"):
            entries = read_task(quote(intake), quote(registered))
        shown = [e for e in entries if e.status in ("extracted", "failed")]
        with _timed("publish"):
            result = publish_task(quote(intake), out, orders, quote(shown), inbox)
    failed = sum(1 for e in entries if e.status == "failed" or e.quarantine_reason)
    logger.info(
        "%d files, %d read or reused, %d failed or unreadable, %d left out (vanished or changed)",
        len(files),
        len(shown),
        failed,
        len(files) - len(shown),
    )
    return result


def run_batch(inbox: Path, orders: Path, out: Path, settings: Settings) -> BatchResult:
    """One batch as a Prefect flow run, on the local server `prefect_server.start` began (when it did)."""
    with temporary_settings(updates=local_server_settings()):
        return batch_flow(inbox, orders, out, settings)


def local_server_settings() -> dict[Any, Any]:
    """The settings of a run on the local server this process started: its URL, and no heartbeats
    (they only cost a second at the end of a run). None when a server is configured in a Prefect
    profile or settings file, which `prefect_server.start` could not see: that server is used."""
    if PREFECT_API_URL.value():
        prefect_server.stop()
        return {}
    url = prefect_server.api_url(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value())
    return {PREFECT_API_URL: url, PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None} if url else {}


def _settings(workers: int | None, store: str | None, rules_config: str | None) -> Settings:
    overrides = {"workers": workers, "store_url": store, "rules_config": rules_config}
    return Settings(**{k: v for k, v in overrides.items() if v is not None})


def _watch(
    inbox: str,
    orders: str,
    out: str,
    archive: str | None,
    keep_in_place: bool,
    settings: Settings,
    *,
    once: bool,
) -> dict[str, int]:
    from pipeline.watch import Watcher, WatchOptions, show_progress  # watchdog is for these flows only

    show_progress()
    options = WatchOptions.build(Path(inbox), Path(orders), Path(out), archive, keep_in_place, once=once)
    summary = Watcher(options, settings).run().as_dict()
    get_run_logger().info("%s", summary)
    return summary


@flow(name="tradecheck-scheduled-batch", flow_run_name="sweep {inbox}")
def scheduled_batch(
    inbox: str,
    orders: str,
    out: str,
    archive: str | None = None,
    keep_in_place: bool = False,
    workers: int | None = None,
    store: str | None = None,
    rules_config: str | None = None,
) -> dict[str, int]:
    """Everything now in the inbox through the ledger, archived, and the outputs re-checked against
    the orders as they are now (`watch --once`): shares the watcher's ledger and outputs."""
    return _watch(
        inbox, orders, out, archive, keep_in_place, _settings(workers, store, rules_config), once=True
    )


@flow(name="tradecheck-watch", flow_run_name="watch {inbox}")
def watch_flow(
    inbox: str,
    orders: str,
    out: str,
    archive: str | None = None,
    keep_in_place: bool = False,
    workers: int | None = None,
    store: str | None = None,
    rules_config: str | None = None,
) -> dict[str, int]:
    """The watcher as a long-running flow run; cancelling it stops after the documents in hand."""
    return _watch(
        inbox, orders, out, archive, keep_in_place, _settings(workers, store, rules_config), once=False
    )
