"""Scale-out on Prefect's own engine: a server and a process work pool on loopback, against a local run.

Run: `.venv/bin/python -m benchmarks.scaleout [--workers 2] [--text-docs 60]`, or
`benchmarks.speed --scaleout`, which prints its figure beside the local ones.

What it does, all on 127.0.0.1:
1. the same inbox (the samples' text documents, made distinct, plus every sample scan) through a
   local `tradecheck run --workers N` — the figure from `benchmarks.speed`'s method, start-up excluded;
2. `prefect server start` (`pipeline.serve.ensure_server`), a `process` work pool, and N
   `prefect worker start --limit 1` processes on it — on several machines these would be one worker
   per machine, all pointed at the same PREFECT_API_URL, inbox share and `--store` database;
3. `tradecheck-scheduled-batch` deployed from this checkout to the pool, and N flow runs of it
   submitted at once over the same inbox with one worker process each: the ledger's claims split the
   files between them, so each file is read once;
4. the wall time from submission until every flow run is final (the server's own start-up, a
   one-off for a long-running server, is reported apart), and the documents the shared store holds.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.speed import build_inbox, env_with, page_count, run_pipeline, truth_files

ROOT = Path(__file__).resolve().parent.parent
POOL = "tradecheck-bench"
PORT = 4251
TEXT_DOCS = 60


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--text-docs", type=int, default=TEXT_DOCS)
    parser.add_argument(
        "--scan-docs", type=int, default=0, help="scanned documents (default: every sample scan)"
    )
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="tc-scaleout-"))
    try:
        figures = measure(work, args.workers, args.text_docs, args.scan_docs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(figures, indent=2))
    local, pool = figures["local_pages_s"], figures["pool_pages_s"]
    print(f"local run, {args.workers} worker processes:   {local:.2f} pages/s (start-up excluded)")
    print(f"Prefect server + {args.workers} pool workers: {pool:.2f} pages/s (submission to last run final)")
    print(f"pool / local: {pool / local:.2f}; server start-up {figures['server_start_s']:.1f} s")
    return 0 if figures["pool_documents"] == figures["documents"] else 1


def measure(work: Path, workers: int, text_docs: int, scan_docs: int) -> dict:
    inbox = work / "inbox"
    scans = truth_files("ocr")[: scan_docs or None]
    files = build_inbox(truth_files("text"), text_docs, inbox / "text")
    files += build_inbox(scans, len(scans), inbox / "scans")
    pages = sum(page_count(f) for f in files)
    orders = work / "orders.json"
    orders.write_text("[]", encoding="utf-8")
    (work / "empty").mkdir()

    home = work / "local-prefect"
    run_pipeline(
        work / "empty", orders, work / "o0", env_with(home, work / "c0")
    )  # builds Prefect's database
    start_up = run_pipeline(work / "empty", orders, work / "o0", env_with(home, work / "c0")).wall_s
    local = run_pipeline(inbox, orders, work / "o-local", env_with(home, work / "c1"), workers=workers)

    started = time.perf_counter()
    from pipeline.serve import ensure_server, prefect_command

    with ensure_server(work / "server-home", PORT) as api:
        server_start = time.perf_counter() - started
        env = {**os.environ, "PREFECT_API_URL": api, "TRADECHECK_CACHE_DIR": str(work / "c2")}
        subprocess.run(
            [*prefect_command(), "work-pool", "create", POOL, "--type", "process", "--overwrite"],
            env=env,
            check=True,
            capture_output=True,
        )
        pool_workers = [
            subprocess.Popen(
                [
                    *prefect_command(),
                    "worker",
                    "start",
                    "--pool",
                    POOL,
                    "--limit",
                    "1",
                    "--name",
                    f"bench-{i}",
                ],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            for i in range(workers)
        ]
        try:
            out = work / "o-pool"
            wall = asyncio.run(run_on_pool(inbox, orders, out, workers))
        finally:
            for w in pool_workers:
                stop_worker(w)
    held = json.loads((out / "documents.json").read_text(encoding="utf-8"))
    return {
        "documents": len(files),
        "pages": pages,
        "local_start_up_s": start_up,
        "local_wall_s": local.wall_s,
        "local_pages_s": pages / max(local.wall_s - start_up, 1e-6),
        "server_start_s": server_start,
        "pool_wall_s": wall,
        "pool_pages_s": pages / wall,
        "pool_documents": len(held),
    }


def stop_worker(worker: subprocess.Popen[bytes]) -> None:
    """A pool worker and whatever it started (its own session): asked to stop, and whatever is left
    after 30 s killed (a worker has been seen to take longer to leave its polling loop)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(worker.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        worker.wait(30)
    with contextlib.suppress(ProcessLookupError):  # the worker, or a flow run it left behind
        os.killpg(worker.pid, signal.SIGKILL)
    worker.wait()


async def run_on_pool(inbox: Path, orders: Path, out: Path, runs: int) -> float:
    """Deploy the scheduled batch to the pool, submit `runs` flow runs at once, wait for them all."""
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment

    from pipeline.flows import scheduled_batch

    source = await scheduled_batch.from_source(
        source=str(ROOT), entrypoint="pipeline/flows.py:scheduled_batch"
    )
    await source.deploy(name="bench", work_pool_name=POOL, build=False, push=False, print_next_steps=False)
    parameters = {
        "inbox": str(inbox),
        "orders": str(orders),
        "out": str(out),
        "keep_in_place": True,
        "workers": 1,
    }
    started = time.perf_counter()
    submitted = [
        await run_deployment("tradecheck-scheduled-batch/bench", parameters=parameters, timeout=0)
        for _ in range(runs)
    ]
    async with get_client() as client:
        while True:
            states = [(await client.read_flow_run(r.id)).state for r in submitted]
            if all(s is not None and s.is_final() for s in states):
                break
            await asyncio.sleep(0.5)
    wall = time.perf_counter() - started
    failed = [s.name for s in states if s is not None and not s.is_completed()]
    if failed:
        print(f"flow runs ended {failed}", file=sys.stderr)
    return wall


if __name__ == "__main__":
    sys.exit(main())
