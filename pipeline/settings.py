"""Run settings: one pydantic-settings object, built at start-up from flags and TRADECHECK_* variables."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_cache() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "tradecheck"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TRADECHECK_", extra="forbid")

    workers: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1, le=64)
    dpi: int = Field(default=300, ge=100, le=600)
    max_pages: int = Field(default=50, ge=1)
    page_timeout_s: float = Field(default=60.0, gt=0)
    #: Extraction results are kept by content hash; a changed extractor invalidates them.
    cache_dir: Path | None = Field(default_factory=_default_cache)
    rules_config: Path | None = None
