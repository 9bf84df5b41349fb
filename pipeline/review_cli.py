"""`tradecheck review` and `tradecheck ui`: analysts' decisions from the shell or a browser."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Literal, cast

import click

_out_dir = click.Path(exists=True, file_okay=False, path_type=Path)


@click.command()
@click.argument("finding_id")
@click.option("--accept", "status", flag_value="accepted", help="The deviation is acceptable.")
@click.option("--waive", "status", flag_value="waived", help="The rule does not apply here (say why).")
@click.option("--reopen", "status", flag_value="open", help="Withdraw an earlier decision.")
@click.option("--comment", default="", help="Why; required with --waive.")
@click.option("--by", default=getpass.getuser, show_default="your login name", help="Who decides.")
@click.option("--out", type=_out_dir, required=True, help="A folder written by `tradecheck run`.")
def review(finding_id: str, status: str | None, comment: str, by: str, out: Path) -> int:
    """Accept or waive finding FINDING_ID (its id in findings.json; a unique prefix will do).

    The decision is kept in OUT/reviews.json and applied to every output now and in later runs,
    until the value found changes.
    """
    from pipeline.outputs import read_outputs
    from pipeline.publish import republish
    from pipeline.review import ReviewsUnreadable, UnknownFinding, Verdict, decide, find_finding, summary

    if status is None:
        raise click.UsageError("say --accept, --waive or --reopen")
    if status == "waived" and not comment.strip():
        raise click.UsageError("a waiver needs --comment saying why")
    _, findings = read_outputs(out)
    try:
        finding = find_finding(findings, finding_id)
    except UnknownFinding as e:
        raise click.ClickException(str(e)) from e
    try:
        decision = decide(out, finding, cast(Verdict | Literal["open"], status), by, comment.strip())
    except ReviewsUnreadable as e:
        raise click.ClickException(str(e)) from e
    republish(out)
    click.echo(f"{finding.fingerprint()} {finding.rule} {finding.file or '(missing document)'}: ", nl=False)
    click.echo(summary(decision))
    return 0


@click.command()
@click.option("--out", type=_out_dir, required=True, help="A folder written by `tradecheck run`.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="0: any free port."
)
@click.option("--by", default=getpass.getuser, show_default="your login name", help="Default reviewer name.")
@click.option(
    "--token", envvar="TRADECHECK_UI_TOKEN", help="Fixed access token [default: a new random one per start]."
)
def ui(out: Path, host: str, port: int, by: str, token: str | None) -> int:
    """Serve the report with accept / waive buttons on a local web page. Ctrl-C stops it."""
    from pipeline.ui import is_loopback, make_server

    try:
        server = make_server(out, host, port, by, token)
    except OSError as e:
        raise click.ClickException(f"cannot listen on {host}:{port}: {e}") from e
    if not is_loopback(host):
        click.echo(f"listening beyond this machine; requests need the token {server.app.token}", err=True)
    click.echo(f"review at {server.url}  (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped")
    finally:
        server.server_close()
    return 0
