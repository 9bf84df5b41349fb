"""Analysts' decisions on findings, kept in `<out>/reviews.json` across runs.

A decision is keyed by the finding's fingerprint (rule, order, document, field, value found), so
it applies again to the same finding in the next run, and lapses when the value found changes:
the changed finding is a new one and comes back open.
"""

from __future__ import annotations

import fcntl
import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from pipeline.outputs import atomic_write
from rules.finding import Finding

REVIEWS_FILE = "reviews.json"
_LOCK_FILE = ".reviews.lock"

Verdict = Literal["accepted", "waived"]


class Decision(BaseModel):
    """One analyst's verdict on one finding, with what the finding said when it was decided."""

    model_config = ConfigDict(extra="forbid")

    status: Verdict
    by: str = Field(min_length=1)
    at: datetime
    comment: str = ""
    # The finding as it was decided, so reviews.json reads on its own and survives a rule's rewording.
    rule: str
    po_number: str | None = None
    file: str | None = None
    field: str | None = None
    found: Any = None

    @property
    def when(self) -> str:
        return self.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def summary(decision: Decision | None) -> str:
    """A decision in one line, as the report and the commands show it."""
    if decision is None:
        return "not reviewed"
    text = f"{decision.status} by {decision.by} on {decision.when}"
    return f"{text}: “{decision.comment}”" if decision.comment else text


Decisions = dict[str, Decision]
_DECISIONS = TypeAdapter(Decisions)


class UnknownFinding(LookupError):
    """No finding (or more than one) in the run matches the id given."""


class ReviewsUnreadable(ValueError):
    """reviews.json exists but cannot be read (edited by hand?); it is never overwritten then."""


def load_decisions(out: Path) -> Decisions:
    path = out / REVIEWS_FILE
    if not path.exists():
        return {}
    try:
        return _DECISIONS.validate_json(path.read_bytes())
    except ValueError as e:  # pydantic's ValidationError is one
        raise ReviewsUnreadable(f"{path} cannot be read, decisions not applied: {_first_line(e)}") from e


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0]


def apply_decisions(findings: Sequence[Finding], decisions: Mapping[str, Decision]) -> list[Finding]:
    """Each finding with the status its decision gives it; open where there is none (any more)."""
    return [_with_status(f, decisions.get(f.fingerprint())) for f in findings]


def _with_status(finding: Finding, decision: Decision | None) -> Finding:
    status = decision.status if decision else "open"
    return finding.model_copy(update={"status": status, "id": finding.id or finding.fingerprint()})


def find_finding(findings: Sequence[Finding], finding_id: str) -> Finding:
    """The finding whose id (the fingerprint) is `finding_id`, or starts with it if that is unique."""
    exact = [f for f in findings if f.fingerprint() == finding_id]
    matches = exact or [f for f in findings if finding_id and f.fingerprint().startswith(finding_id)]
    if len(matches) != 1:
        what = "no finding" if not matches else f"{len(matches)} findings"
        raise UnknownFinding(f"{what} with id {finding_id!r} in this run")
    return matches[0]


def decide(
    out: Path,
    finding: Finding,
    status: Verdict | Literal["open"],
    by: str,
    comment: str = "",
    now: datetime | None = None,
) -> Decision | None:
    """Records (or, for "open", withdraws) the decision on `finding`; returns what is stored."""
    key = finding.fingerprint()
    with review_lock(out):
        decisions = load_decisions(out)
        if status == "open":
            decisions.pop(key, None)
            decision = None
        else:
            decision = Decision(
                status=status,
                by=by,
                at=now or datetime.now(UTC),
                comment=comment,
                rule=finding.rule,
                po_number=finding.po_number,
                file=finding.file,
                field=finding.field,
                found=finding.found,
            )
            decisions[key] = decision
        atomic_write(out / REVIEWS_FILE, _dump(decisions))
    return decision


def _dump(decisions: Decisions) -> str:
    data = {k: v.model_dump(mode="json") for k, v in sorted(decisions.items())}
    return json.dumps(data, indent=2, ensure_ascii=False)


@contextmanager
def review_lock(out: Path) -> Iterator[None]:
    """One writer of reviews and outputs at a time: the web UI, the shell and a watcher share `out`.

    Not re-entrant (flock per open file): take it once per operation.
    """
    out.mkdir(parents=True, exist_ok=True)
    with (out / _LOCK_FILE).open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
