"""The rules' recall of seeded discrepancies and their false errors, alone and end to end.

Run: `.venv/bin/python -m benchmarks.rules [--mode truth|run|both] [--set samples|family_b|realdocs ...]
      [--run-dir SET=DIR ...] [--show]`

Modes:
- `truth` (a): the rules alone, fed with the ground truth's field values (`truth.json` for the sample
  families; the hand labels in `/work/shared/realdocs/labels/` for the real documents) as ExtractedDocuments
  with full confidence, grouped by their order (truth `po_number`);
- `run` (b): end to end, the `findings.json` of a real `tradecheck run` (made into a temporary folder, or
  read from `--run-dir samples=DIR`); with `--recheck` the findings are recomputed by the current rules
  from that run's `documents.json` (extraction as it was, rules as they are).

A seeded discrepancy counts as caught when a finding of one of its `rules` sits on its file (for a missing
document: a finding with no file on its order). A false error is an error-severity finding on an order that
has no seeded discrepancy, or on a file that has none (for the real documents: not in `REALDOC_DEFECTS`).
The real documents carry no seeded list; their known defects (SOURCES.md and the labels' notes) are listed
here as `REALDOC_DEFECTS` and count the same way.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.accuracy import run_tradecheck
from extractors.datamodel import DocType, ExtractedDocument, ExtractedField
from extractors.normalize import parse_count
from extractors.schema import SCHEMAS
from rules.engine import check, group_unlinked
from rules.finding import Finding, Severity
from rules.order import Order

ROOT = Path(__file__).resolve().parent.parent
REALDOCS = Path("/work/shared/realdocs")
SETS = {
    "samples": (ROOT / "samples/inbox", ROOT / "samples/truth.json", ROOT / "samples/orders.json"),
    "family_b": (
        ROOT / "samples/family_b/inbox",
        ROOT / "samples/family_b/truth.json",
        ROOT / "samples/family_b/orders.json",
    ),
}

#: Known defects of the real documents (SOURCES.md "Real defects", labels' notes): file → rules any of
#: which flags it, and what it is.
REALDOC_DEFECTS: list[tuple[str, tuple[str, ...], str]] = [
    (
        "eu_doc/crownstone_eu_doc_scan.pdf",
        ("STD-001", "CE-006"),
        "2017 DoC cites repealed 2004/108/EC, 2006/95/EC",
    ),
    ("eu_doc/oratek_tofu_eu_doc.pdf", ("CE-006",), "DoC names no directive"),
    ("eu_doc/rpi_pico_eu_doc.pdf", ("CE-009",), "DoC has no date"),
    ("eu_doc/redpitaya_ce_fcc_doc_2023.pdf", ("CE-006",), "DoC has no EMC directive"),
    (
        "eu_doc/redpitaya_ce_fcc_doc_2023.pdf",
        ("STD-001", "CE-007"),
        "DoC cites withdrawn CISPR 22/24, 60950-1",
    ),
    ("eu_doc/hardwario_chester_ec_doc.pdf", ("CE-006",), "DoC prints LVD as 2014/35/EC"),
    ("eu_doc/carenuity_sq_panel_eu_doc.pdf", ("ROHS-009",), "EN 62311 given as the RoHS standard"),
    ("rohs/hardwario_chester_rohs_tvoc.pdf", ("LAB-002",), "certificate cites report QHJ206002801/EN"),
    (
        "bill_of_lading/mindee_sample_bl.jpg",
        ("ID-001", "BL-012"),
        "container FFAU1234567 fails its check digit",
    ),
]


@dataclass(frozen=True)
class Expected:
    id: str
    rules: tuple[str, ...]
    po_number: str | None
    file: str | None
    what: str


@dataclass
class Outcome:
    caught: list[Expected] = field(default_factory=list)
    missed: list[Expected] = field(default_factory=list)
    false_errors: list[Finding] = field(default_factory=list)
    findings: int = 0
    seconds: float = 0.0

    @property
    def recall(self) -> float:
        total = len(self.caught) + len(self.missed)
        return len(self.caught) / total if total else 1.0


# ---------------------------------------------------------------------------------------------
# ground truth values → ExtractedDocuments


def _flatten(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [v for item in value.values() for v in _flatten(item)]
    if isinstance(value, list):
        return [v for item in value for v in _flatten(item)]
    return [value]


def label_value(name: str, value: Any) -> Any:
    """A hand label's value in the contract's form (labels record some values as printed)."""
    if value is None:
        return None
    if name in ("packages", "number_of_originals", "total_packages") and isinstance(value, str):
        return parse_count(value)
    if name.endswith("_date") and isinstance(value, str) and "/" in value:
        return value.split("/")[-1]  # a test period "A/B": its end
    if name == "product_name" and isinstance(value, list):
        return ", ".join(value)
    if name == "report_numbers":
        return [str(v) for v in _flatten(value)]
    if name == "substances" and isinstance(value, dict):
        return {k: v if isinstance(v, dict) else {"result": str(v)} for k, v in value.items()}
    if name == "conclusion" and value not in ("PASS", "FAIL"):
        from extractors.compliance import conclusion

        return conclusion(str(value))
    if isinstance(value, int | float) and not isinstance(value, bool) and name.endswith(("_kg", "_cbm")):
        return str(value)
    return value


def to_document(file: str, doc_type: str, fields: dict[str, Any], po_number: str | None) -> ExtractedDocument:
    kind = DocType(doc_type)
    names = SCHEMAS[kind].model_fields
    if "report_number" in fields and kind == DocType.LAB_CERTIFICATE and "report_numbers" not in fields:
        fields = {**fields, "report_numbers": [fields["report_number"]]}
    values = {n: label_value(n, v) for n, v in fields.items() if n in names}
    return ExtractedDocument(
        file=file,
        sha256="",
        doc_type=kind,
        po_number=po_number,
        fields={
            n: ExtractedField(value=v, confidence=1.0, method="text")
            for n, v in values.items()
            if v is not None
        },
    )


def load_orders(path: Path) -> dict[str, Order]:
    return {o["po_number"]: Order.model_validate(o) for o in json.loads(path.read_text(encoding="utf-8"))}


def check_groups(
    groups: dict[str | None, list[ExtractedDocument]], orders: dict[str, Order], together: bool = False
) -> list[Finding]:
    """The engine as the pipeline calls it: per order, and each unlinked document alone (with
    `together`, unlinked compliance documents of one product at once: rules.engine.group_unlinked)."""
    findings: list[Finding] = []
    for po, docs in groups.items():
        if po is not None and po in orders:
            findings += check(orders[po], docs)
        else:
            for group in group_unlinked(docs) if together else [[d] for d in docs]:
                findings += check(None, group)
    return findings


# ---------------------------------------------------------------------------------------------
# scoring


def expected_of(truth: dict[str, Any]) -> list[Expected]:
    return [
        Expected(d["id"], tuple(d["rules"]), d.get("po_number"), d.get("file"), d.get("note") or d["kind"])
        for d in truth["discrepancies"]
    ]


def caught_by(e: Expected, findings: Iterable[Finding]) -> bool:
    for f in findings:
        if f.rule not in e.rules:
            continue
        if e.file is None and f.file is None and f.po_number == e.po_number:
            return True
        if e.file is not None and f.file == e.file:
            return True
    return False


def score(expected: list[Expected], findings: list[Finding], clean_orders: set[str]) -> Outcome:
    out = Outcome(findings=len(findings))
    for e in expected:
        (out.caught if caught_by(e, findings) else out.missed).append(e)
    seeded_files = {e.file for e in expected}
    for f in findings:
        if f.severity != Severity.ERROR:
            continue
        on_clean_order = f.po_number in clean_orders
        unexplained = f.file is not None and f.file not in seeded_files
        if on_clean_order or unexplained:
            out.false_errors.append(f)
    return out


# ---------------------------------------------------------------------------------------------
# the sets


def truth_mode(name: str) -> Outcome:
    _, truth_path, orders_path = SETS[name]
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    orders = load_orders(orders_path)
    groups: dict[str | None, list[ExtractedDocument]] = defaultdict(list)
    for file, d in truth["documents"].items():
        if d["doc_type"] != "unknown" and not d.get("problems"):
            groups[d.get("po_number")].append(
                to_document(file, d["doc_type"], d["fields"], d.get("po_number"))
            )
    start = time.perf_counter()
    findings = check_groups(groups, orders)
    expected = expected_of(truth)
    out = score(expected, findings, set(orders) - {e.po_number for e in expected})
    out.seconds = time.perf_counter() - start
    return out


def findings_of_run(
    out: Path, orders: dict[str, Order], recheck: bool, together: bool = False
) -> list[Finding]:
    if not recheck:
        return [Finding.model_validate(f) for f in json.loads((out / "findings.json").read_text())]
    groups: dict[str | None, list[ExtractedDocument]] = defaultdict(list)
    for raw in json.loads((out / "documents.json").read_text()):
        raw["fields"] = {  # low_confidence is computed: written out, not read back
            n: {k: v for k, v in f.items() if k != "low_confidence"} for n, f in raw.get("fields", {}).items()
        }
        doc = ExtractedDocument.model_validate(
            {k: v for k, v in raw.items() if k in ExtractedDocument.model_fields}
        )
        if doc.doc_type != DocType.UNKNOWN:
            groups[doc.po_number].append(doc)
    return check_groups(groups, orders, together)


def run_mode(name: str, run_dir: Path | None, recheck: bool = False) -> Outcome:
    inbox, truth_path, orders_path = SETS[name]
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    orders = load_orders(orders_path)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        out = run_dir or Path(tmp)
        if run_dir is None:
            run_tradecheck(inbox, orders_path, out)
        findings = findings_of_run(out, orders, recheck)
    expected = expected_of(truth)
    result = score(expected, findings, set(orders) - {e.po_number for e in expected})
    result.seconds = time.perf_counter() - start
    return result


def realdoc_documents() -> list[ExtractedDocument]:
    docs = []
    for path in sorted((REALDOCS / "labels").glob("*.json")):
        label = json.loads(path.read_text(encoding="utf-8"))
        if "file" in label:
            docs.append(to_document(label["file"], label["doc_type"], label["fields"], None))
    return docs


def realdocs_expected() -> list[Expected]:
    return [
        Expected(f"r{i:02d}", rules, None, file, what)
        for i, (file, rules, what) in enumerate(REALDOC_DEFECTS, 1)
    ]


def realdocs_truth_mode() -> Outcome:
    start = time.perf_counter()
    # no order links them: one product's DoC, reports and certificates are checked together
    findings = [f for group in group_unlinked(realdoc_documents()) for f in check(None, group)]
    out = score(realdocs_expected(), findings, set())
    out.seconds = time.perf_counter() - start
    return out


def realdocs_run_mode(run_dir: Path | None, recheck: bool = False, together: bool = False) -> Outcome:
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        out = run_dir or Path(tmp) / "out"
        if run_dir is None:
            from benchmarks.accuracy import realdocs_inbox

            inbox = realdocs_inbox(Path(tmp))
            orders = Path(tmp) / "orders.json"
            orders.write_text("[]")
            run_tradecheck(inbox, orders, out)
        findings = findings_of_run(out, {}, recheck, together)
    result = score(realdocs_expected(), findings, set())
    result.seconds = time.perf_counter() - start
    return result


# ---------------------------------------------------------------------------------------------


def render(title: str, out: Outcome, show: bool) -> str:
    total = len(out.caught) + len(out.missed)
    lines = [
        f"{title}: recall {len(out.caught)}/{total} = {out.recall:.0%}, "
        f"false errors {len(out.false_errors)}, {out.findings} findings, {out.seconds:.2f} s"
    ]
    lines += [f"  missed {e.id} {e.rules} {e.file}: {e.what}" for e in out.missed]
    if show:
        lines += [f"  caught {e.id} {e.rules} {e.file}: {e.what}" for e in out.caught]
    lines += [f"  false error {f.rule} {f.file}: {f.message}" for f in out.false_errors]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=["truth", "run", "both"], default="truth")
    parser.add_argument("--set", dest="sets", action="append", choices=[*SETS, "realdocs"])
    parser.add_argument(
        "--run-dir", action="append", default=[], help="SET=DIR: use an existing run's output"
    )
    parser.add_argument("--show", action="store_true", help="also list what was caught")
    parser.add_argument(
        "--recheck", action="store_true", help="(b): rerun the rules on the run's documents.json"
    )
    parser.add_argument(
        "--together",
        action="store_true",
        help="with --recheck: unlinked documents of one product checked together",
    )
    args = parser.parse_args(argv)
    run_dirs = {k: Path(v) for k, v in (item.split("=", 1) for item in args.run_dir)}
    for name in args.sets or [*SETS, "realdocs"]:
        if name != "realdocs" and not SETS[name][1].exists():
            print(f"{name}: no truth.json yet")
            continue
        if args.mode in ("truth", "both"):
            out = realdocs_truth_mode() if name == "realdocs" else truth_mode(name)
            print(render(f"{name} (a) rules on truth values", out, args.show))
        if args.mode in ("run", "both"):
            out = (
                realdocs_run_mode(run_dirs.get(name), args.recheck, args.together)
                if name == "realdocs"
                else run_mode(name, run_dirs.get(name), args.recheck)
            )
            print(render(f"{name} (b) end to end", out, args.show))
    return 0


if __name__ == "__main__":
    sys.exit(main())
