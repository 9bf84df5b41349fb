"""The watched folder: files taken once stable, read once, moved once their result is committed.

File-system events only hurry a rescan: events get lost (network shares, overflowing inotify
queues, files present before the start), so a full rescan runs every `rescan_seconds` anyway
and is the only way a file enters. A file is taken when its size and mtime have not changed
for `stable_seconds` and it opens for reading: scanners that rewrite a PDF after every page
keep changing it until they are done.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from pipeline.archive import (
    archive_file,
    destination,
    quarantine_file,
    sweep_temporaries,
    write_error_note,
)
from pipeline.ingest import InboxFile, scan_inbox, sha256_of
from pipeline.intake import Intake, file_signature, open_intake
from pipeline.settings import Settings
from pipeline.store import Entry

log = logging.getLogger(__name__)

Signature = tuple[int, int]  # size, mtime_ns
#: Loop tick; also the shortest delay between an event and the rescan it triggers.
TICK_S = 0.25
#: A temporary file in --out untouched this long belongs to a writer that was killed.
STALE_TEMPORARY_S = 600.0
#: Events hurry the next rescan, but not closer than this: a 300-file drop (and our own moves out
#: of the inbox) sends thousands of events, and each rescan walks the whole inbox.
EVENT_RESCAN_GAP_S = 1.0
#: Documents handed to the executor per worker process.
QUEUE_PER_WORKER = 4
#: After an unexpected error the loop waits this long before its next round.
ERROR_PAUSE_S = 5.0


def show_progress() -> None:
    """A long-running watcher logs each document (unless -v already asked for more)."""
    logger = logging.getLogger("pipeline")
    if logger.getEffectiveLevel() > logging.INFO:
        logger.setLevel(logging.INFO)


@dataclass(frozen=True)
class WatchOptions:
    inbox: Path
    orders: Path
    out: Path
    archive: Path | None  # None: originals stay where they are
    once: bool = False

    @classmethod
    def build(
        cls, inbox: Path, orders: Path, out: Path, archive: str | Path | None, keep_in_place: bool, once: bool
    ) -> WatchOptions:
        out = out.resolve()
        chosen = None if keep_in_place else (Path(archive).resolve() if archive else out / "archive")
        return cls(inbox.resolve(), orders.resolve(), out, chosen, once)

    @property
    def quarantine(self) -> Path:
        return self.out / "quarantine"

    @property
    def documents_root(self) -> Path:
        """Where the originals are for the report's links."""
        return self.archive or self.inbox


@dataclass
class WatchSummary:
    taken: int = 0
    read: int = 0
    failed: int = 0
    archived: int = 0
    quarantined: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(vars(self))


class StabilityTracker:
    """Files seen, and since when unchanged; `ready()` hands each over once stable."""

    def __init__(self, delay: float, clock: Callable[[], float] = time.monotonic):
        self.delay = delay
        self.clock = clock
        self._seen: dict[str, tuple[InboxFile, Signature, float]] = {}
        #: Files handed over, by signature: a rescan of files left in place does not re-hash them.
        self._handed: dict[str, Signature] = {}

    def observe(self, file: InboxFile) -> None:
        try:
            sig = file_signature(file.path)
        except OSError:
            self._seen.pop(file.rel, None)
            return
        if self._handed.get(file.rel) == sig:
            return
        known = self._seen.get(file.rel)
        if known is None or known[1] != sig:
            self._seen[file.rel] = (file, sig, self.clock())

    def ready(self) -> list[InboxFile]:
        now = self.clock()
        out = []
        for rel, (file, sig, since) in list(self._seen.items()):
            if now - since < self.delay:
                continue
            try:
                current = file_signature(file.path)
            except OSError:
                del self._seen[rel]
                continue
            if current != sig:
                self._seen[rel] = (file, current, now)
            elif readable(file.path):
                del self._seen[rel]
                self._handed[rel] = sig
                out.append(file)
        return out

    def forget(self, rel: str) -> None:
        """Taken again at its next sighting (its hand-over did not hold)."""
        self._handed.pop(rel, None)

    @property
    def waiting(self) -> int:
        return len(self._seen)


def readable(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            fh.read(1)
    except OSError:
        return False
    return True


class _Nudge(FileSystemEventHandler):
    def __init__(self, wake: threading.Event):
        self.wake = wake

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory:
            self.wake.set()


@contextmanager
def observing(folder: Path, wake: threading.Event) -> Iterator[None]:
    """watchdog events on `folder` set `wake`; without a working observer, rescans alone carry on."""
    observer = Observer()
    try:
        observer.schedule(_Nudge(wake), str(folder), recursive=True)
        observer.start()
    except OSError as e:  # inotify limits reached, unsupported file system…
        log.warning("file-system events unavailable (%s); relying on rescans", e)
        yield
        return
    try:
        yield
    finally:
        # Our own moves queue events up to the last moment; watchdog logs those as errors at stop.
        logging.getLogger("watchdog.observers.inotify").setLevel(logging.CRITICAL)
        observer.stop()
        observer.join(5)


@dataclass
class _LoopState:
    tracker: StabilityTracker
    inflight: dict[int, Future[Entry]] = field(default_factory=dict)
    #: Registered, not yet handed to a worker (the queue is kept short).
    sighted: dict[int, Entry] = field(default_factory=dict)
    dirty: bool = True  # the outputs lag behind the ledger
    last_publish: float = 0.0
    publish_cost: float = 0.0  # seconds the last publication took
    next_scan: float = 0.0
    last_scan: float = float("-inf")
    nudged: bool = False  # a file-system event came since the last scan


class Watcher:
    def __init__(self, options: WatchOptions, settings: Settings):
        self.options = options
        self.settings = settings
        self.summary = WatchSummary()
        self._stop = threading.Event()
        self._wake = threading.Event()

    def request_stop(self, *_: object) -> None:
        self._stop.set()
        self._wake.set()

    def run(self) -> WatchSummary:
        o = self.options
        with (
            _stop_signals(self.request_stop),
            open_intake(o.out, self.settings) as intake,
            ThreadPoolExecutor(self.settings.workers, thread_name_prefix="tradecheck-doc") as executor,
            observing(o.inbox, self._wake),
        ):
            log.info("watching %s (archive: %s)", o.inbox, o.archive or "kept in place")
            self._loop(intake, executor)
        log.info("stopped: %s", self.summary.as_dict())
        return self.summary

    def _loop(self, intake: Intake, executor: ThreadPoolExecutor) -> None:
        o = self.options
        state = _LoopState(StabilityTracker(self.settings.stable_seconds))
        for path in sweep_temporaries(o.out, STALE_TEMPORARY_S):
            log.info("removed %s, left by a process that was killed", path)
        for entry in intake.ledger.unmoved("watch"):  # committed before a crash, not yet moved
            self._settle(intake, entry, state.tracker)
        while not self._stop.is_set():
            try:
                if self._tick(intake, executor, state):
                    break
            except Exception:
                if o.once:
                    raise
                # A watcher left alone for months logs and carries on: the ledger keeps every file's place.
                log.exception("unexpected error; carrying on in %g s", ERROR_PAUSE_S)
                self._stop.wait(ERROR_PAUSE_S)
                continue
            busy = state.inflight or state.tracker.waiting
            if self._wake.wait(TICK_S if busy else min(1.0, self.settings.rescan_seconds)):
                self._wake.clear()
                state.nudged = True
        self._finish(intake, executor, state)

    def _tick(self, intake: Intake, executor: ThreadPoolExecutor, state: _LoopState) -> bool:
        """One round: look, take what is stable, collect what finished, publish. True when done (--once)."""
        o = self.options
        now = time.monotonic()
        hurried = state.nudged and now - state.last_scan >= EVENT_RESCAN_GAP_S
        if now >= state.next_scan or hurried:
            state.nudged = False
            for f in scan_inbox(o.inbox, exclude=self._excluded()):
                state.tracker.observe(f)
            state.last_scan, state.next_scan = now, now + self.settings.rescan_seconds
        for f in state.tracker.ready():
            entry = intake.register(f, "watch")
            if entry is None:
                state.tracker.forget(f.rel)
                continue
            self.summary.taken += 1
            if entry.settled:
                self._settle(intake, entry, state.tracker)
            else:
                state.sighted[entry.id] = entry  # of any origin: a crashed `run` may have left it
        self._submit(intake, executor, state.inflight, state.sighted)
        for entry_id, fut in list(state.inflight.items()):
            if fut.done():
                del state.inflight[entry_id]
                entry = self._outcome(fut, intake, entry_id)
                if entry.status == "received":  # another process holds it: look again later
                    state.tracker.forget(entry.rel)
                self._settle(intake, entry, state.tracker)
                state.dirty = True
        # Publishing a big ledger takes a while (1.5 s for 300 documents): at most a fifth of the time.
        gap = max(self.settings.publish_interval_s, 4 * state.publish_cost)
        if state.dirty and (not state.inflight or now - state.last_publish >= gap):
            self._publish(intake)
            state.last_publish = time.monotonic()
            state.dirty, state.publish_cost = False, state.last_publish - now
        idle = not (state.inflight or state.sighted or state.tracker.waiting)
        return o.once and idle and not self._due_now(intake, state.inflight)

    def _excluded(self) -> tuple[Path, ...]:
        o = self.options
        return tuple(p for p in (o.out, o.archive) if p is not None)

    def _due_now(self, intake: Intake, inflight: dict[int, Future[Entry]]) -> bool:
        """Entries to read now that nobody holds (failed ones waiting for back-off do not count)."""
        return any(e.id not in inflight for e in intake.ledger.due("watch", limit=len(inflight) + 1))

    def _submit(
        self,
        intake: Intake,
        executor: ThreadPoolExecutor,
        inflight: dict[int, Future[Entry]],
        sighted: dict[int, Entry],
    ) -> None:
        # A short queue (new arrivals and a stop request are not stuck behind hundreds of files),
        # long enough to keep the workers busy while this thread publishes.
        room = QUEUE_PER_WORKER * self.settings.workers - len(inflight)
        if room <= 0:
            return
        due = {e.id: e for e in intake.ledger.due("watch", limit=room + len(inflight))}
        for entry in [*sighted.values(), *due.values()]:
            if room <= 0:
                return
            sighted.pop(entry.id, None)
            if entry.id in inflight:
                continue
            path = self.options.inbox / entry.rel
            inflight[entry.id] = executor.submit(intake.process, entry, path, wait=False)
            room -= 1

    def _outcome(self, fut: Future[Entry], intake: Intake, entry_id: int) -> Entry:
        try:
            entry = fut.result()
        except Exception:
            log.exception("reading entry %d failed outside the worker", entry_id)
            return intake.ledger.get(entry_id)
        if entry.status == "failed" or (entry.settled and entry.last_error):
            self.summary.failed += 1
        elif entry.settled:
            self.summary.read += 1
        return entry

    def _settle(self, intake: Intake, entry: Entry, tracker: StabilityTracker) -> None:
        """Move a committed file out of the inbox: to the archive, or to quarantine with its cause."""
        o = self.options
        if o.archive is None or entry.status != "extracted" or entry.location != "inbox":
            return
        src = o.inbox / entry.rel
        root = o.quarantine if entry.quarantine_reason else o.archive
        try:
            if not src.exists():
                self._adopt_finished_move(intake, entry, root)
                return
            if file_signature(src) != (entry.size, entry.mtime_ns):
                # New bytes under the old name after it was read: those are a new arrival.
                intake.ledger.retire(
                    entry.id, "replaced in the inbox by new content before archiving", ("extracted",)
                )
                tracker.forget(entry.rel)
                return
            if entry.quarantine_reason:
                moved = quarantine_file(src, root, entry.rel, entry.quarantine_reason)
                intake.ledger.record_moved(entry.id, "quarantine", moved)
                self.summary.quarantined += 1
            else:
                moved = archive_file(src, root, entry.rel)
                intake.ledger.record_moved(entry.id, "archive", moved)
                self.summary.archived += 1
        except OSError as e:
            log.error("%s: cannot move it out of the inbox (%s); left in place", entry.rel, e)

    def _adopt_finished_move(self, intake: Intake, entry: Entry, root: Path) -> None:
        """The source is gone: a move cut short after its rename is recorded; otherwise someone removed it."""
        dest = destination(root, entry.rel)
        if not dest.exists() or sha256_of(dest) != entry.sha256:
            return
        if entry.quarantine_reason:
            write_error_note(dest, entry.rel, entry.quarantine_reason)
            intake.ledger.record_moved(entry.id, "quarantine", dest)
        else:
            intake.ledger.record_moved(entry.id, "archive", dest)

    def _publish(self, intake: Intake) -> None:
        o = self.options
        try:
            intake.publish(o.out, o.orders, intake.ledger.live(), "watch", o.documents_root)
        except (OSError, RuntimeError) as e:
            log.error("cannot write the outputs in %s: %s", o.out, e)

    def _finish(self, intake: Intake, executor: ThreadPoolExecutor, state: _LoopState) -> None:
        """Stop after the documents in hand: queued ones are dropped (still 'received' in the ledger)."""
        executor.shutdown(wait=False, cancel_futures=True)
        for entry_id, fut in state.inflight.items():
            if fut.cancelled():
                continue
            self._settle(intake, self._outcome(fut, intake, entry_id), state.tracker)
            state.dirty = True
        if state.dirty:
            self._publish(intake)


@contextmanager
def _stop_signals(handler: Callable[[], None]) -> Iterator[None]:
    """SIGINT and SIGTERM ask for a clean stop (only the main thread may install handlers)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def _on_signal(signum: int, _frame: FrameType | None) -> None:
        log.warning("%s received: stopping after the documents in hand", signal.Signals(signum).name)
        handler()

    previous = {s: signal.signal(s, _on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, h in previous.items():
            with suppress(ValueError):
                signal.signal(s, h)
