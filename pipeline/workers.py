"""Worker processes that can be killed: a stuck document costs its worker, never the batch.

A `concurrent.futures` process pool cannot stop one task; here each worker is a spawned process
on its own pipe, so the caller waits with a deadline and kills that one process (and the
tesseract it started: each worker leads its own process group) when the deadline passes.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import multiprocessing
import os
import queue
import signal
import threading
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from multiprocessing.connection import Connection
from typing import Any, TypeVar

T = TypeVar("T")

log = logging.getLogger(__name__)

#: What a reading worker imports before its first document.
READER_PRELOAD = ("pipeline.steps",)
#: The thread pools of the numerical libraries a worker loads (OpenCV's own; OpenMP and BLAS for
#: numpy and the like), each sized by its variable when the library starts. tesseract is kept to
#: one thread apart from this (`extractors.backends.ocr`).
THREAD_VARIABLES = ("OPENCV_FOR_THREADS_NUM", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


class TimedOut(Exception):
    def __init__(self, seconds: float):
        super().__init__(f"timed out after {seconds:g} s")
        self.seconds = seconds


class WorkerDied(Exception):
    def __init__(self, exitcode: int | None):
        super().__init__(f"the worker process died (exit code {exitcode})")


class WorkerError(Exception):
    """The function raised in the worker; the message is its repr, the traceback stayed there."""


def usable_cores() -> int:
    """The cores this process may run on (a container or `taskset` can allow fewer than the machine has)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def thread_share(workers: int) -> int:
    """The threads one of `workers` processes may use for itself: its share of the usable cores.
    Each library sizes its pool by the whole machine; with a worker per core, the pools of every
    worker would fight over the same cores (as joblib's workers also avoid)."""
    return max(1, usable_cores() // workers)


def _serve(conn: Connection, threads: int) -> None:
    # Its own process group: Ctrl-C in a terminal reaches the parent only, which stops after the
    # documents in hand instead of losing them; and a kill of the group takes tesseract along.
    os.setsid()
    for name in THREAD_VARIABLES:  # before any import: the libraries read them as they load
        os.environ.setdefault(name, str(threads))
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            fn, args = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        try:
            reply: tuple[bool, Any] = (True, fn(*args))
        except Exception as e:
            reply = (False, f"{type(e).__name__}: {e}")
        try:
            conn.send(reply)
        except OSError:
            return


#: A fresh worker's imports (spaCy, OpenCV, pdfplumber…) take seconds on a busy machine: they are
#: done before its first document, so they never count against the document's deadline.
PRELOAD_TIMEOUT_S = 300.0


def _preload(modules: tuple[str, ...]) -> None:
    for name in modules:
        importlib.import_module(name)


class _Worker:
    def __init__(self, preload: tuple[str, ...], threads: int) -> None:
        ctx = multiprocessing.get_context("spawn")  # the parent runs threads; a fork would copy them
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(
            target=_serve, args=(child, threads), daemon=True, name="tradecheck-worker"
        )
        self.process.start()
        child.close()
        self.calls = 0
        if preload:
            try:
                self.call(_preload, (preload,), PRELOAD_TIMEOUT_S)
            except Exception:
                self.kill()
                raise
            self.calls = 0

    def call(self, fn: Callable[..., T], args: tuple[Any, ...], timeout: float) -> T:
        self.calls += 1
        self.conn.send((fn, args))
        if not self.conn.poll(timeout):
            raise TimedOut(timeout)
        try:
            ok, value = self.conn.recv()
        except (EOFError, OSError):
            self.process.join(1)
            raise WorkerDied(self.process.exitcode) from None
        if not ok:
            raise WorkerError(value)
        return value

    def kill(self) -> None:
        pid = self.process.pid
        if pid is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        self.conn.close()  # the worker sees EOF and returns
        self.process.join(5)
        if self.process.is_alive():
            self.kill()


class WorkerPool:
    """`size` worker processes shared by any number of threads; started on first use, each with
    its share of the cores for its libraries' own threads."""

    def __init__(self, size: int, recycle_after: int = 200, preload: tuple[str, ...] = ()):
        self.recycle_after = recycle_after
        self.preload = preload
        self.threads = thread_share(size)
        self._idle: queue.LifoQueue[_Worker | None] = queue.LifoQueue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._warming: list[threading.Thread] = []
        for _ in range(size):
            self._idle.put(None)

    def warm_up(self) -> None:
        """Start every worker now, in the background: their imports overlap the caller's own start-up
        instead of delaying the first document.

        The empty slots are taken here, before any thread starts: a thread taking its own could be
        handed a worker another thread had just started and put back, and leave its slot empty."""
        slots: list[_Worker | None] = []
        with contextlib.suppress(queue.Empty):
            while True:
                slots.append(self._idle.get_nowait())
        for slot in slots:
            if slot is not None:
                self._idle.put(slot)
                continue
            thread = threading.Thread(target=self._start_into_idle, daemon=True, name="tradecheck-warm-up")
            thread.start()
            self._warming.append(thread)

    def _start_into_idle(self) -> None:
        slot = None
        try:
            slot = self._start()
        except Exception as e:  # the slot stays empty: the first call starts a worker and says why
            log.warning("a worker process did not start: %s", e)
        self._idle.put(slot)

    def run(self, fn: Callable[..., T], args: tuple[Any, ...], timeout: float) -> T:
        """fn(*args) in a worker process; TimedOut, WorkerDied or WorkerError when it went wrong."""
        slot = self._idle.get()
        try:
            worker = slot or self._start()
        except BaseException:
            self._idle.put(None)  # the slot stays: the next call starts a worker again
            raise
        reusable = False
        try:
            result = worker.call(fn, args, timeout)
            reusable = True
            return result
        except WorkerError:
            reusable = True
            raise
        finally:
            if reusable and worker.calls < self.recycle_after:
                self._idle.put(worker)
            else:
                self._retire(worker, kill=not reusable)

    def _start(self) -> _Worker:
        worker = _Worker(self.preload, self.threads)
        with self._lock:
            self._all.add(worker)
        return worker

    def _retire(self, worker: _Worker, *, kill: bool) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.kill() if kill else worker.stop()
        self._idle.put(None)

    def close(self) -> None:
        for thread in self._warming:
            thread.join(PRELOAD_TIMEOUT_S)  # a worker still starting is stopped with the others
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.stop()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


_early: ContextVar[WorkerPool | None] = ContextVar("tradecheck_early_pool", default=None)


@contextlib.contextmanager
def early_workers(size: int, recycle_after: int) -> Iterator[None]:
    """Reading workers starting now, for `early_pool()` to hand to the batch inside: they import
    while Prefect starts. Closed on leaving."""
    with WorkerPool(size, recycle_after, preload=READER_PRELOAD) as pool:
        pool.warm_up()
        token = _early.set(pool)
        try:
            yield
        finally:
            _early.reset(token)


def early_pool() -> WorkerPool | None:
    return _early.get()
