"""The rule catalogue as `tradecheck rules` prints it."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from rules.config import RulesConfig
from rules.finding import Severity
from rules.registry import load_all


class RuleInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    title: str
    severity: Severity
    doc_types: list[str]
    source: str
    implemented: bool
    left_out_because: str | None = None
    enabled: bool = True


def _order_key(rule_id: str) -> tuple[int, int]:
    sections = ["CE", "STD", "ROHS", "LAB", "FCM", "BL", "CO", "INV", "PL", "XDOC", "DATE", "ID", "AQL"]
    prefix, _, number = rule_id.partition("-")
    return (sections.index(prefix) if prefix in sections else len(sections), int(number or 0))


def catalogue(config: RulesConfig | None = None, include_left_out: bool = False) -> list[RuleInfo]:
    """Every implemented rule (with the configured severity), and with include_left_out those left out."""
    config = config or RulesConfig()
    infos = [
        RuleInfo(
            id=r.id,
            title=r.title,
            severity=config.severity.get(r.id, r.severity),
            doc_types=[str(t) for t in r.doc_types],
            source=r.source,
            implemented=r.implemented,
            left_out_because=r.left_out_because,
            enabled=r.implemented and r.id not in config.disabled,
        )
        for r in load_all().values()
        if r.implemented or include_left_out
    ]
    return sorted(infos, key=lambda i: _order_key(i.id))


def render_table(infos: list[RuleInfo]) -> str:
    """A plain-text table: id, severity, status, title and source (and why a rule is left out)."""
    rows = [("ID", "SEV", "STATUS", "CHECKS", "SOURCE")]
    for i in infos:
        status = "on" if i.enabled else ("off" if i.implemented else "left out")
        title = i.title if i.implemented else f"{i.title} — not checked: {i.left_out_because}"
        rows.append((i.id, i.severity.value, status, title, i.source))
    widths = [max(len(r[c]) for r in rows) for c in range(3)]
    lines = []
    for r in rows:
        lines.append("  ".join(r[c].ljust(widths[c]) for c in range(3)) + f"  {r[3]}  [{r[4]}]")
    implemented = sum(i.implemented for i in infos)
    lines.append(f"{implemented} rules checked, {len(infos) - implemented} left out")
    return "\n".join(lines)
