"""The `tradecheck` command. `main(argv) -> int` so tests call it with a list.

Exit codes (CONTRACT.md): 0 the batch ran, whatever it found; 1 the batch itself could not run;
2 bad usage.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from pipeline import prefect_server
from pipeline.options import checked_rules_config
from pipeline.settings import Settings

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

_existing_dir = click.Path(exists=True, file_okay=False, path_type=Path)
_existing = click.Path(exists=True, path_type=Path)
_out_dir = click.Path(file_okay=False, path_type=Path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="Log each document's reading decisions.")
@click.version_option(package_name="tradecheck")
def cli(verbose: bool) -> None:
    """Checks trade and compliance paperwork against purchase orders."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )


@cli.command()
@click.option(
    "--inbox", type=_existing_dir, required=True, help="Folder of documents (searched recursively)."
)
@click.option(
    "--orders", type=_existing, required=True, help="Orders: JSON list, folder of JSON files, or CSV."
)
@click.option("--out", type=_out_dir, required=True, help="Folder for the report and its data files.")
@click.option("--workers", type=click.IntRange(1, 64), help="Documents read in parallel [default: cores].")
@click.option(
    "--rules-config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    callback=checked_rules_config,
    help="TOML file enabling/disabling rules, severities and tolerances.",
)
@click.option("--no-cache", is_flag=True, help="Re-read every file even if its extraction is cached.")
def run(
    inbox: Path, orders: Path, out: Path, workers: int | None, rules_config: Path | None, no_cache: bool
) -> int:
    """One batch over every file under --inbox; writes the report into --out."""
    overrides = {"workers": workers, "rules_config": rules_config}
    settings = Settings(**{k: v for k, v in overrides.items() if v is not None})
    if no_cache:
        settings = settings.model_copy(update={"cache_dir": None})
    try:
        out.mkdir(parents=True, exist_ok=True)  # fail before Prefect spends seconds starting
    except OSError as e:
        click.echo(f"tradecheck: cannot create the output folder {out}: {e.strerror or e}", err=True)
        return EXIT_FAILED
    try:
        prefect_server.start()  # Prefect's server boots while this process imports the pipeline
        from pipeline.intake import early_workers_for

        with early_workers_for(inbox, out, settings):
            from pipeline.flows import run_batch  # slow to import (Prefect); other commands don't need it

            result = run_batch(inbox.resolve(), orders.resolve(), out.resolve(), settings)
    except (OSError, RuntimeError) as e:
        click.echo(f"tradecheck: the batch could not run: {e}", err=True)
        return EXIT_FAILED
    for error in result.order_errors:
        click.echo(f"orders: {error}", err=True)
    severities = [f.severity for f in result.findings]
    click.echo(
        f"{len(result.documents)} documents ({result.problem_files} with problems); "
        f"{severities.count('error')} errors, {severities.count('warning')} warnings, "
        f"{severities.count('info')} notes"
    )
    click.echo(f"report: {out.resolve() / 'report.html'}")
    return EXIT_OK


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def extract(file: Path) -> int:
    """Print the extracted document (JSON) for one file, for debugging."""
    from pipeline.flows import read_settings
    from pipeline.steps import extract_file

    doc = extract_file(file, file.name, read_settings(Settings()))
    click.echo(json.dumps(doc.model_dump(mode="json"), indent=2, ensure_ascii=False))
    return EXIT_OK


@cli.command()
@click.option("--out", type=_existing_dir, required=True, help="A folder written by run or watch.")
@click.option("--store", help="Ledger URL when not the SQLite file in --out (env TRADECHECK_STORE_URL).")
def report(out: Path, store: str | None) -> int:
    """Re-render the report and its data files from the store, without re-processing."""
    from pipeline.batch import BatchResult
    from pipeline.publish import write_batch
    from pipeline.store import DB_NAME, Ledger, default_url

    url = store or Settings().store_url
    if url is None and not (out / DB_NAME).exists():
        return _report_from_outputs(out)
    try:
        ledger = Ledger(url or default_url(out))
    except RuntimeError as e:
        click.echo(f"tradecheck: {e}", err=True)
        return EXIT_FAILED
    try:
        publication = ledger.latest_publication()
    finally:
        ledger.close()
    if publication is None:
        click.echo(f"tradecheck: the store of {out} holds no results yet", err=True)
        return EXIT_FAILED
    result = BatchResult(publication.documents, publication.findings, publication.order_errors)
    path = write_batch(out, result, publication.documents_root)
    click.echo(f"report: {path.resolve()}")
    return EXIT_OK


def _report_from_outputs(out: Path) -> int:
    """An output folder from before the store: the report from its documents.json and findings.json."""
    from pipeline.outputs import atomic_write, read_outputs
    from pipeline.report import render_report

    try:
        docs, findings = read_outputs(out)
    except (OSError, ValueError) as e:
        click.echo(f"tradecheck: cannot read the results in {out}: {e}", err=True)
        return EXIT_FAILED
    atomic_write(out / "report.html", render_report(docs, findings))
    click.echo(f"report: {(out / 'report.html').resolve()}")
    return EXIT_OK


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--all", "include_left_out", is_flag=True, help="Also the catalogue rules left out, and why.")
@click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    callback=checked_rules_config,
    help="Rules config (TOML).",
)
def rules(as_json: bool, include_left_out: bool, config: Path | None) -> int:
    """The rule catalogue: id, what it checks, severity, source."""
    from rules.config import load_config
    from rules.listing import catalogue, render_table

    infos = catalogue(load_config(config), include_left_out=include_left_out)
    if as_json:
        click.echo(json.dumps([i.model_dump(mode="json") for i in infos], indent=2, ensure_ascii=False))
    else:
        click.echo(render_table(infos))
    return EXIT_OK


from pipeline.ops_cli import serve, watch  # noqa: E402  (ops_cli imports nothing from here at import)

cli.add_command(watch)
cli.add_command(serve)

from pipeline.review_cli import review, ui  # noqa: E402  (review_cli imports nothing from here)

cli.add_command(review)
cli.add_command(ui)


def main(argv: list[str] | None = None) -> int:
    try:
        result = cli.main(args=argv, prog_name="tradecheck", standalone_mode=False)
    except click.ClickException as e:
        e.show()
        return e.exit_code
    except click.Abort:
        click.echo("Aborted.", err=True)
        return 130
    return result if isinstance(result, int) else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
