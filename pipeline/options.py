"""Click option checks shared by every command that takes them."""

from __future__ import annotations

from pathlib import Path

import click


def checked_rules_config(ctx: click.Context, param: click.Parameter, path: Path | None) -> Path | None:
    """A rules config that does not load is bad usage, found before any document is read."""
    from rules.config import ConfigError, load_config

    if path is not None:
        try:
            load_config(path)
        except ConfigError as e:
            raise click.BadParameter(str(e), ctx=ctx, param=param) from e
    return path
