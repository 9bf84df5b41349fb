"""Run settings: one pydantic-settings object, built at start-up from flags and TRADECHECK_* variables."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from pipeline.workers import usable_cores


def _default_cache() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "tradecheck"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TRADECHECK_", extra="forbid")

    workers: int = Field(default_factory=usable_cores, ge=1, le=64)
    dpi: int = Field(default=300, ge=100, le=600)
    max_pages: int = Field(default=50, ge=1)
    page_timeout_s: float = Field(default=60.0, gt=0)
    #: An image or a page rendering larger than this is read scaled down (decompression bombs).
    max_pixels: int = Field(default=60_000_000, ge=1_000_000)
    #: Extraction results are kept by content hash; a changed extractor invalidates them.
    cache_dir: Path | None = Field(default_factory=_default_cache)
    rules_config: Path | None = None

    #: A Dask scheduler ("tcp://host:8786") to read documents on; None reads in local worker processes.
    dask_address: str | None = None
    #: The ledger: None for SQLite at `<out>/tradecheck.db`, or an SQLAlchemy URL (PostgreSQL).
    store_url: str | None = None
    #: A document still being read after this long is killed with its worker and counted as failed.
    doc_timeout_s: float = Field(default=300.0, gt=0)
    #: Failed documents are retried this many times in all, waiting retry_backoff_s·2^(n-1) after the n-th.
    max_attempts: int = Field(default=3, ge=1)
    retry_backoff_s: float = Field(default=60.0, ge=0)
    #: A worker process is replaced after this many documents, so leaks cannot grow without bound.
    worker_recycle_after: int = Field(default=200, ge=1)

    #: watch: a file is taken once its size and mtime have not changed for this long.
    stable_seconds: float = Field(default=5.0, ge=0)
    #: watch: a full rescan of the inbox this often, for the file-system events that get lost.
    rescan_seconds: float = Field(default=30.0, gt=0)
    #: watch: the files in --out are rewritten at most this often while documents keep completing.
    publish_interval_s: float = Field(default=3.0, ge=0)

    #: serve: when the scheduled batch runs (cron, in the server's time zone).
    schedule_cron: str = "0 * * * *"
