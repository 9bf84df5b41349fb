"""The Prefect layer: one flow per batch, one task per document. Logic lives in batch/steps."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from pipeline import prefect_env

prefect_env.apply()

from prefect import flow, task
from prefect.cache_policies import NONE
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from extractors.datamodel import ExtractedDocument
from extractors.reader import ReadSettings
from pipeline.batch import BatchResult, assemble, check_all
from pipeline.cache import ExtractionCache
from pipeline.ingest import scan_inbox
from pipeline.orders import load_orders
from pipeline.publish import write_batch
from pipeline.settings import Settings
from pipeline.steps import extract_file
from rules.config import load_config


def read_settings(settings: Settings) -> ReadSettings:
    return ReadSettings(
        dpi=settings.dpi, max_pages=settings.max_pages, page_timeout_s=settings.page_timeout_s
    )


@contextmanager
def process_pool(workers: int) -> Iterator[Executor | None]:
    """Worker processes for extraction (OCR and pdfplumber are CPU-bound); none for one worker.

    Spawned, not forked: the parent runs Prefect's threads and event loop, which a fork would copy
    in an undefined state.
    """
    if workers <= 1:
        yield None
        return
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield pool


@task(name="extract", task_run_name="extract {rel}", cache_policy=NONE)
def extract_task(
    path: Path, rel: str, read: ReadSettings, cache: ExtractionCache | None, pool: Executor | None
) -> ExtractedDocument:
    if pool is None:
        return extract_file(path, rel, read, cache)
    return pool.submit(extract_file, path, rel, read, cache).result()


@flow(name="tradecheck-batch", flow_run_name="batch {inbox}", validate_parameters=False)
def batch_flow(inbox: Path, orders: Path, out: Path, settings: Settings) -> BatchResult:
    book = load_orders(orders)
    config = load_config(settings.rules_config)
    read = read_settings(settings)
    cache = ExtractionCache(settings.cache_dir, read) if settings.cache_dir else None
    files = scan_inbox(inbox, exclude=(out,))
    with process_pool(min(settings.workers, len(files))) as pool:
        futures = [extract_task.submit(f.path, f.rel, read, quote(cache), quote(pool)) for f in files]
        docs = [fut.result() for fut in futures]
    docs = assemble(docs, book.orders)
    result = BatchResult(docs, check_all(docs, book.orders, config), book.errors)
    write_batch(out, result, inbox)
    return result


def run_batch(inbox: Path, orders: Path, out: Path, settings: Settings) -> BatchResult:
    """One batch as a Prefect flow run, with as many extraction threads as workers."""
    runner = ThreadPoolTaskRunner(max_workers=settings.workers)
    return batch_flow.with_options(task_runner=runner)(inbox, orders, out, settings)
