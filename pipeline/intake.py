"""One file's way through the ledger: registered, claimed, read in a bounded worker, committed;
and the outputs published from what the ledger holds. Shared by `run` (flows) and `watch`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from extractors.datamodel import ExtractedDocument
from extractors.reader import ReadSettings
from pipeline.batch import BatchResult, build_result
from pipeline.cache import ExtractionCache, extractor_version
from pipeline.dask_pool import DaskPool
from pipeline.ingest import InboxFile, sha256_of
from pipeline.orders import load_orders
from pipeline.publish import write_batch
from pipeline.settings import Settings
from pipeline.steps import extract_file
from pipeline.store import Entry, Ledger, Origin, owner_id
from pipeline.workers import TimedOut, WorkerDied, WorkerError, WorkerPool
from rules.config import load_config

log = logging.getLogger(__name__)

#: A claim outlives the document's own deadline by this much, for the commit after it.
LEASE_MARGIN_S = 120.0
#: How often a batch looks whether another process has finished a file it holds.
WAIT_POLL_S = 0.5


def read_settings(settings: Settings) -> ReadSettings:
    return ReadSettings(
        dpi=settings.dpi,
        max_pages=settings.max_pages,
        max_pixels=settings.max_pixels,
        page_timeout_s=settings.page_timeout_s,
    )


def file_signature(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns


def unreadable_reason(doc: ExtractedDocument) -> str | None:
    """Why nothing at all could be read from the file (quarantine), or None when something was."""
    if doc.pages == 0 and doc.problems:
        return "; ".join(doc.problems)
    return None


@dataclass
class Intake:
    ledger: Ledger
    pool: WorkerPool | DaskPool
    settings: Settings
    read: ReadSettings
    cache: ExtractionCache | None
    owner: str
    extractor: str = field(default_factory=extractor_version)

    def register(self, file: InboxFile, origin: Origin) -> Entry | None:
        """The file's ledger entry, or None when it vanished or changed while being hashed."""
        try:
            before = file_signature(file.path)
            sha = sha256_of(file.path)
            if file_signature(file.path) != before:
                return None
        except OSError:
            return None
        entry = self.ledger.arrive(file.rel, sha, before[0], before[1], origin)
        if origin == "run" and entry.status == "extracted":
            # A batch promises results of this version of tradecheck, as the extraction cache does.
            return self.ledger.reopen_if_stale(entry.id, self.extractor)
        return entry

    def process(self, entry: Entry, path: Path, *, wait: bool) -> Entry:
        """Read the entry's file once, commit the result; with `wait`, also wait for another holder."""
        lease = self.settings.doc_timeout_s + LEASE_MARGIN_S
        while not self.ledger.claim(entry.id, self.owner, lease):
            current = self.ledger.get(entry.id)
            if not wait or current.settled or self.ledger.holder(entry.id) is None:
                return current  # settled, or failed by its holder: the next pass retries it
            time.sleep(WAIT_POLL_S)
        if not path.exists():  # checked under the claim: nobody else is moving it now
            log.warning("%s: vanished from the inbox before it was read", entry.rel)
            self.ledger.retire(entry.id, "vanished from the inbox before it was read", ("received", "failed"))
            return self.ledger.get(entry.id)
        return self._read_and_commit(entry, path)

    def _read_and_commit(self, entry: Entry, path: Path) -> Entry:
        started = time.monotonic()
        doc = self.ledger.stored_document(entry.sha256, self.extractor)
        if doc is not None:
            log.info("%s: identical bytes already read; reusing that result", entry.rel)
            return self.ledger.record_document(
                entry.id, self.owner, doc, unreadable_reason(doc), self.extractor
            )
        try:
            doc = self.pool.run(
                extract_file, (path, entry.rel, self.read, self.cache), self.settings.doc_timeout_s
            )
        except (TimedOut, WorkerDied, WorkerError) as e:
            log.warning("%s: failed: %s", entry.rel, e)
            return self.ledger.record_failure(
                entry.id,
                self.owner,
                f"failed: {e}",
                self.settings.max_attempts,
                self.settings.retry_backoff_s,
            )
        if doc.sha256 and doc.sha256 != entry.sha256:
            log.warning("%s: changed while being read; it will be taken again", entry.rel)
            self.ledger.retire(entry.id, "changed while being read", ("received", "failed"))
            return self.ledger.get(entry.id)
        reason = unreadable_reason(doc)
        log.info(
            "%s: %s in %.1f s%s",
            entry.rel,
            doc.doc_type,
            time.monotonic() - started,
            f" (unreadable: {reason})" if reason else "",
        )
        return self.ledger.record_document(entry.id, self.owner, doc, reason, self.extractor)

    def publish(
        self, out: Path, orders: Path, entries: Sequence[Entry], origin: Origin, documents_root: Path
    ) -> BatchResult:
        """Link and check the entries' documents, write every output file, record the publication."""
        book = load_orders(orders)
        docs = self.ledger.documents(entries)
        result = build_result(docs, book, load_config(self.settings.rules_config))
        write_batch(out, result, documents_root)
        self.ledger.save_publication(
            origin, documents_root, result.documents, result.findings, result.order_errors, entries
        )
        return result


@contextmanager
def open_intake(out: Path, settings: Settings) -> Iterator[Intake]:
    read = read_settings(settings)
    cache = ExtractionCache(settings.cache_dir, read) if settings.cache_dir else None
    ledger = Ledger.for_out(out, settings.store_url)
    pool: WorkerPool | DaskPool = (
        DaskPool(settings.dask_address)
        if settings.dask_address
        else WorkerPool(settings.workers, settings.worker_recycle_after, preload=(extract_file.__module__,))
    )
    try:
        yield Intake(ledger, pool, settings, read, cache, owner_id())
    finally:
        pool.close()
        ledger.close()
