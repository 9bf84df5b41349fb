"""`tradecheck watch` and `tradecheck serve`: the commands an operator leaves running.

Imports nothing from `pipeline.cli` at module level: the CLI imports this module to register
the commands.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from pipeline.options import checked_rules_config
from pipeline.settings import Settings

_existing_dir = click.Path(exists=True, file_okay=False, path_type=Path)
_existing = click.Path(exists=True, path_type=Path)
_dir = click.Path(file_okay=False, path_type=Path)


def _common(fn: Any) -> Any:
    """Options shared by watch and serve."""
    options = [
        click.option("--inbox", type=_existing_dir, required=True, help="Folder the documents arrive in."),
        click.option("--orders", type=_existing, required=True, help="Orders: JSON list, folder or CSV."),
        click.option(
            "--out", type=_dir, required=True, help="Folder for the report, its data and the ledger."
        ),
        click.option("--archive", type=_dir, help="Where processed originals go [default: <out>/archive]."),
        click.option("--keep-in-place", is_flag=True, help="Leave originals in the inbox."),
        click.option(
            "--workers", type=click.IntRange(1, 64), help="Documents read in parallel [default: cores]."
        ),
        click.option(
            "--store",
            help="Ledger URL, e.g. postgresql+psycopg://user@host/db [default: SQLite in --out; "
            "env TRADECHECK_STORE_URL].",
        ),
        click.option(
            "--rules-config",
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            callback=checked_rules_config,
            help="TOML file enabling/disabling rules, severities and tolerances.",
        ),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _settings(**overrides: Any) -> Settings:
    return Settings(**{k: v for k, v in overrides.items() if v is not None})


@click.command()
@_common
@click.option("--stable-seconds", type=click.FloatRange(min=0), help="Unchanged this long = complete [5].")
@click.option("--rescan-seconds", type=click.FloatRange(min=0.1), help="Full rescan interval [30].")
@click.option("--once", is_flag=True, help="Process what is in the inbox now, then exit.")
def watch(
    inbox: Path,
    orders: Path,
    out: Path,
    archive: Path | None,
    keep_in_place: bool,
    workers: int | None,
    store: str | None,
    rules_config: Path | None,
    stable_seconds: float | None,
    rescan_seconds: float | None,
    once: bool,
) -> int:
    """Keep processing files as they arrive in --inbox; Ctrl-C stops after the documents in hand."""
    from pipeline.cli import EXIT_FAILED, EXIT_OK
    from pipeline.watch import Watcher, WatchOptions, show_progress

    settings = _settings(
        workers=workers,
        store_url=store,
        rules_config=rules_config,
        stable_seconds=stable_seconds,
        rescan_seconds=rescan_seconds,
    )
    options = WatchOptions.build(inbox, orders, out, archive, keep_in_place, once)
    show_progress()
    try:
        summary = Watcher(options, settings).run()
    except (OSError, RuntimeError) as e:
        click.echo(f"tradecheck: the watcher could not run: {e}", err=True)
        return EXIT_FAILED
    click.echo(
        f"{summary.taken} files taken: {summary.read} read, {summary.failed} failed, "
        f"{summary.archived} archived, {summary.quarantined} quarantined"
    )
    return EXIT_OK


@click.command()
@_common
@click.option("--cron", help="When the scheduled batch runs [default: hourly; env TRADECHECK_SCHEDULE_CRON].")
@click.option("--no-watch", is_flag=True, help="Serve the scheduled batch only.")
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=4200,
    show_default=True,
    help="Port of the Prefect server started here when PREFECT_API_URL is unset.",
)
def serve(
    inbox: Path,
    orders: Path,
    out: Path,
    archive: Path | None,
    keep_in_place: bool,
    workers: int | None,
    store: str | None,
    rules_config: Path | None,
    cron: str | None,
    no_watch: bool,
    port: int,
) -> int:
    """Register and serve the Prefect deployments: the watcher and the scheduled batch."""
    from pipeline.cli import EXIT_FAILED, EXIT_OK
    from pipeline.serve import DeploymentPlan, ServerUnavailable, ensure_server, serve_plan

    settings = _settings(workers=workers, store_url=store, rules_config=rules_config, schedule_cron=cron)
    plan = DeploymentPlan(
        inbox=inbox.resolve(),
        orders=orders.resolve(),
        out=out.resolve(),
        archive=archive.resolve() if archive else None,
        keep_in_place=keep_in_place,
        workers=workers,
        cron=settings.schedule_cron,
        watch=not no_watch,
        store=store,
        rules_config=rules_config.resolve() if rules_config else None,
    )
    try:
        with ensure_server(out.resolve() / "prefect", port):
            serve_plan(plan)
    except ServerUnavailable as e:
        click.echo(f"tradecheck: {e}", err=True)
        return EXIT_FAILED
    return EXIT_OK
