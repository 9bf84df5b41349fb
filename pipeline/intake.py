"""One file's way through the ledger: registered, claimed, read in a bounded worker, committed;
and the outputs published from what the ledger holds. Shared by `run` (flows) and `watch`.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from extractors.datamodel import ExtractedDocument
from extractors.reader import ReadSettings
from pipeline.batch import BatchResult, build_result
from pipeline.cache import ExtractionCache, extractor_version, source_digest
from pipeline.dask_pool import DaskPool
from pipeline.evidence import EvidenceKey, render_into_cache
from pipeline.ingest import InboxFile, pages_estimate, scan_inbox, sha256_of
from pipeline.orders import load_orders
from pipeline.publish import EVIDENCE_CACHE, ReportSources, current_outputs, write_batch
from pipeline.review import REVIEWS_FILE
from pipeline.settings import Settings
from pipeline.steps import extract_file
from pipeline.store import Entry, Ledger, Origin, owner_id
from pipeline.workers import (
    READER_PRELOAD,
    TimedOut,
    WorkerDied,
    WorkerError,
    WorkerPool,
    early_pool,
    early_workers,
)
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

    def register(
        self, file: InboxFile, origin: Origin, known: Mapping[tuple[str, str], Entry] | None = None
    ) -> Entry | None:
        """The file's ledger entry, or None when it vanished or changed while being hashed.
        `known`: the ledger's open entries, looked up at once for a batch (`register_all`)."""
        try:
            before = file_signature(file.path)
            sha = sha256_of(file.path)
            if file_signature(file.path) != before:
                return None
        except OSError:
            return None
        entry = (known or {}).get((file.rel, sha)) or self.ledger.arrive(
            file.rel, sha, before[0], before[1], origin
        )
        if origin == "run" and entry.status == "extracted" and entry.extractor != self.extractor:
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

    def register_all(self, files: Sequence[InboxFile], origin: Origin) -> list[tuple[InboxFile, Entry]]:
        """`register` for a batch, the ledger's known files looked up in one query; files that
        vanished or changed while being hashed are left out."""
        known = self.ledger.open_entries()
        return [(f, e) for f in files if (e := self.register(f, origin, known))]

    def process_all(self, registered: Sequence[tuple[InboxFile, Entry]]) -> list[Entry]:
        """`process` for every file, as many at once as there are workers; returned in the order
        given. Entries already settled (an unchanged file of an earlier run) cost nothing."""
        todo = sorted(
            ((file, entry) for file, entry in registered if not entry.settled),
            key=lambda item: _length(item[0].path, item[1].size),
            reverse=True,
        )
        with ThreadPoolExecutor(self.settings.workers, thread_name_prefix="tradecheck-doc") as ex:
            read = list(ex.map(lambda item: self.process(item[1], item[0].path, wait=True), todo))
        done = {entry.id: new for (_, entry), new in zip(todo, read, strict=True)}
        return [done.get(entry.id, entry) for _, entry in registered]

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
        """Link and check the entries' documents, write every output file, record the publication;
        or, when nothing they are made of changed since the outputs were written, leave them."""
        inputs = inputs_digest(entries, orders, self.settings.rules_config, documents_root, out)
        if (current := current_outputs(out, inputs)) is not None:
            log.info("nothing changed since %s was written: left as it is", out)
            return BatchResult(*current)
        book = load_orders(orders)
        docs = self.ledger.documents(entries)
        result = build_result(docs, book, load_config(self.settings.rules_config))
        self._render_evidence(out, result, documents_root)
        write_batch(out, result, documents_root, inputs=inputs)
        self.ledger.save_publication(
            origin, documents_root, result.documents, result.findings, result.order_errors, entries
        )
        return result

    def _render_evidence(self, out: Path, result: BatchResult, documents_root: Path) -> None:
        """The report's evidence crops rendered in the worker processes, in parallel, before the
        report is written, which then finds them cached. (Not on Dask: its machines may not see the
        originals.) A crop that fails here is tried again, and reported, by the report."""
        if isinstance(self.pool, DaskPool):
            return
        jobs = ReportSources.for_out(out, documents_root).missing(result.documents, result.findings)
        cache_dir = out / EVIDENCE_CACHE

        def render(job: tuple[Path, list[EvidenceKey]]) -> None:
            try:
                self.pool.run(render_into_cache, (*job, cache_dir), self.settings.doc_timeout_s)
            except (TimedOut, WorkerDied, WorkerError) as e:
                log.info("evidence of %s left to the report: %s", job[0], e)

        with ThreadPoolExecutor(self.settings.workers, thread_name_prefix="tradecheck-evidence") as ex:
            list(ex.map(render, jobs))


def _length(path: Path, size: int) -> tuple[float, int]:
    """How long a file takes to read, as an order: the last file to finish ends the read step, so
    a short one had better be last. Pages tell it better than bytes (a bilevel TIFF of two pages is
    smaller than a photo of one); a file whose pages cannot be told goes first, where being long
    costs nothing."""
    pages = pages_estimate(path)
    return (math.inf if pages is None else pages, size)


def inputs_digest(
    entries: Sequence[Entry], orders: Path, rules_config: Path | None, documents_root: Path, out: Path
) -> str:
    """What a publication is made of: the entries (their bytes, state and extractor version, in
    order), the orders, the rules configuration, the analysts' decisions, where the originals are,
    and the code that links, checks and writes."""
    digest = hashlib.sha256()
    parts = [source_digest("rules"), source_digest("pipeline"), str(documents_root)]
    parts += [
        f"{e.id}|{e.sha256}|{e.status}|{e.location}|{e.extractor}|{e.attempts}|{e.quarantine_reason}|{e.last_error}"
        for e in entries
    ]
    for part in parts:
        digest.update(part.encode() + b"\0")
    for path in (orders, rules_config, out / REVIEWS_FILE):
        for file in _files_of(path):
            digest.update(file.as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


def _files_of(path: Path | None) -> list[Path]:
    if path is None or not path.exists():
        return []
    return sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]


def early_workers_for(inbox: Path, out: Path, settings: Settings) -> AbstractContextManager[None]:
    """Reading workers started before the batch's flow, so that their imports (seconds) overlap
    Prefect's start, when some file here was not read before; otherwise none are started."""
    if settings.dask_address:
        return nullcontext()
    ledger = Ledger.for_out(out, settings.store_url)
    try:
        known = ledger.read_signatures()
    finally:
        ledger.close()
    if all((f.rel, *file_signature(f.path)) in known for f in scan_inbox(inbox, exclude=(out,))):
        return nullcontext()
    return early_workers(settings.workers, settings.worker_recycle_after)


@contextmanager
def open_intake(out: Path, settings: Settings) -> Iterator[Intake]:
    read = read_settings(settings)
    cache = ExtractionCache(settings.cache_dir, read) if settings.cache_dir else None
    ledger = Ledger.for_out(out, settings.store_url)
    early = None if settings.dask_address else early_pool()
    pool: WorkerPool | DaskPool = early or (
        DaskPool(settings.dask_address)
        if settings.dask_address
        else WorkerPool(settings.workers, settings.worker_recycle_after, preload=READER_PRELOAD)
    )
    try:
        yield Intake(ledger, pool, settings, read, cache, owner_id())
    finally:
        if pool is not early:  # an early pool belongs to whoever started it
            pool.close()
        ledger.close()
