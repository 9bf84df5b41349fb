"""Killable worker processes, with functions of the standard library as the work."""

from __future__ import annotations

import os
import threading
import time

import cv2
import psutil
import pytest

from pipeline import workers
from pipeline.workers import TimedOut, WorkerDied, WorkerError, WorkerPool, thread_share


def test_a_stuck_call_is_killed_at_its_deadline_and_the_pool_goes_on():
    with WorkerPool(1) as pool:
        first = pool.run(os.getpid, (), 30)
        started = time.monotonic()
        with pytest.raises(TimedOut, match=r"timed out after 0\.5 s"):
            pool.run(time.sleep, (60,), 0.5)
        assert time.monotonic() - started < 5
        assert not psutil.pid_exists(first) or psutil.Process(first).status() == psutil.STATUS_ZOMBIE
        assert pool.run(os.getpid, (), 30) != first  # a fresh worker took its place


def test_a_crashing_worker_is_reported_and_replaced():
    with WorkerPool(1) as pool:
        with pytest.raises(WorkerDied, match="exit code 3"):
            pool.run(os._exit, (3,), 30)
        assert pool.run(abs, (-2,), 30) == 2


def test_an_exception_in_the_work_keeps_the_worker():
    with WorkerPool(1) as pool:
        pid = pool.run(os.getpid, (), 30)
        with pytest.raises(WorkerError, match="ValueError"):
            pool.run(int, ("not a number",), 30)
        assert pool.run(os.getpid, (), 30) == pid


def test_workers_are_recycled_after_a_number_of_documents():
    with WorkerPool(1, recycle_after=2) as pool:
        pids = [pool.run(os.getpid, (), 30) for _ in range(4)]
    assert pids[0] == pids[1] != pids[2] == pids[3]


def test_preloading_does_not_count_against_the_first_deadline():
    with WorkerPool(1, preload=("pipeline.steps",)) as pool:
        assert pool.run(abs, (-1,), 0.5) == 1  # the heavy imports happened before the clock started


def _worker_pids() -> set[int]:
    """This process's worker processes (multiprocessing's resource tracker, also a child, left out)."""
    return {p.pid for p in psutil.Process().children() if "spawn_main" in " ".join(p.cmdline())}


def test_warm_up_starts_every_worker_before_the_first_call():
    before = _worker_pids()
    with WorkerPool(2) as pool:
        pool.warm_up()
        deadline = time.monotonic() + 120
        while len(_worker_pids() - before) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        started = _worker_pids() - before
        assert len(started) >= 2
        assert pool.run(os.getpid, (), 60) in started  # the call went to a warmed worker


class _RunsAtOnce(threading.Thread):
    """A thread that has finished by the time `start` returns: the slowest scheduling of the next one."""

    def start(self) -> None:
        super().start()
        self.join()


def test_warm_up_starts_every_worker_however_its_threads_are_scheduled(monkeypatch):
    before = _worker_pids()
    monkeypatch.setattr(workers.threading, "Thread", _RunsAtOnce)
    with WorkerPool(2) as pool:
        pool.warm_up()  # each warm-up thread done before the next starts
        assert len(_worker_pids() - before) == 2


def test_a_workers_thread_share_is_its_part_of_the_cores(monkeypatch):
    monkeypatch.setattr(workers.os, "sched_getaffinity", lambda pid: {0, 1, 2, 3})
    assert [thread_share(n) for n in (1, 2, 3, 4, 8)] == [4, 2, 1, 1, 1]


@pytest.fixture
def unset_thread_variables(monkeypatch):
    for name in workers.THREAD_VARIABLES:  # Dask's import sets some of them in this process
        monkeypatch.delenv(name, raising=False)


@pytest.mark.usefixtures("unset_thread_variables")
def test_opencv_in_a_worker_uses_the_workers_share_of_the_cores():
    cores = thread_share(1)
    with WorkerPool(1) as alone, WorkerPool(cores) as one_per_core:
        assert alone.run(cv2.getNumThreads, (), 60) == cores
        assert one_per_core.run(cv2.getNumThreads, (), 60) == 1


@pytest.mark.usefixtures("unset_thread_variables")
def test_an_operators_own_thread_setting_wins(monkeypatch):
    monkeypatch.setenv("OPENCV_FOR_THREADS_NUM", "3")
    with WorkerPool(1) as pool:
        assert pool.run(cv2.getNumThreads, (), 60) == 3
        assert pool.run(os.getenv, ("OMP_NUM_THREADS",), 60) == str(thread_share(1))
