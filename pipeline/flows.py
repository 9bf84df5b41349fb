"""The Prefect layer: one flow per batch, one task per document; the watcher and the scheduled
batch as flows for `tradecheck serve`. Logic lives in intake, batch, watch."""

from __future__ import annotations

from pathlib import Path

from pipeline import prefect_env

prefect_env.apply()

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from pipeline.batch import BatchResult
from pipeline.ingest import scan_inbox
from pipeline.intake import Intake, open_intake, read_settings
from pipeline.settings import Settings
from pipeline.store import Entry

__all__ = ["batch_flow", "read_settings", "run_batch", "scheduled_batch", "watch_flow"]

TAGS = ["tradecheck"]


@task(name="read-document", task_run_name="read {rel}", cache_policy=NONE, tags=TAGS)
def read_task(intake: Intake, entry: Entry, path: Path, rel: str) -> Entry:
    """One file read in a worker process (or its earlier result reused), committed to the ledger."""
    return intake.process(entry, path, wait=True)


@flow(name="tradecheck-batch", flow_run_name="batch {inbox}", validate_parameters=False)
def batch_flow(inbox: Path, orders: Path, out: Path, settings: Settings) -> BatchResult:
    logger = get_run_logger()
    files = scan_inbox(inbox, exclude=(out,))
    with open_intake(out, settings) as intake:
        registered = [(f, e) for f in files if (e := intake.register(f, "run"))]
        futures = [read_task.submit(quote(intake), e, f.path, f.rel) for f, e in registered]
        entries = [fut.result() for fut in futures]
        shown = [e for e in entries if e.status in ("extracted", "failed")]
        result = intake.publish(out, orders, shown, "run", inbox)
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
    """One batch as a Prefect flow run; as many documents in flight as worker processes."""
    runner = ThreadPoolTaskRunner(max_workers=settings.workers)
    return batch_flow.with_options(task_runner=runner)(inbox, orders, out, settings)


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
