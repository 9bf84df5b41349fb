"""Reading on a Dask cluster: the same `run(fn, args, timeout)` as the local worker pool.

With TRADECHECK_DASK_ADDRESS set, every document a batch or the watcher reads is sent to that
cluster (`dask scheduler` on one machine, `dask worker tcp://scheduler:8786` on each machine with
tradecheck installed and the inbox mounted at the same path). The ledger, linking, checks and
outputs stay in the process that claimed the files, so a Prefect task only hands a path over:
nothing process-local has to travel, which is why this is a Dask client and not prefect-dask's
task runner (whose tasks would have to carry the ledger connection).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pipeline.workers import TimedOut, WorkerError

T = TypeVar("T")


class DaskPool:
    def __init__(self, address: str) -> None:
        from distributed import Client  # an optional extra: `pip install -e '.[dask]'`

        self.client = Client(address, set_as_default=False)

    def run(self, fn: Callable[..., T], args: tuple[Any, ...], timeout: float) -> T:
        future = self.client.submit(fn, *args, pure=False)
        try:
            return future.result(timeout=timeout)
        except TimeoutError as e:
            # Dask cannot stop a running task; cancelling frees the slot once it returns.
            future.cancel()
            raise TimedOut(timeout) from e
        except Exception as e:
            raise WorkerError(f"{type(e).__name__}: {e}") from e

    def close(self) -> None:
        self.client.close()
