"""Extraction accuracy: field accuracy per doc type and per method, doc_type accuracy, linking accuracy.

Run: `.venv/bin/python -m benchmarks.accuracy [--direct] [--set samples|family_b|realdocs] [--show-misses]`

Sets:
- `samples` (family A): inbox `samples/inbox`, truth `samples/truth.json`, orders `samples/orders.json`;
- `family_b`: the same under `samples/family_b/` (an independent generator, reported separately);
- `realdocs`: `/work/shared/realdocs/` with hand labels in `realdocs/labels/`; unlabelled files count for
  doc_type only, with the expected types in `REALDOC_TYPES` (blank forms: `unknown` or a "blank form"
  problem). Only fields the contract names for the labelled doc_type count; label keys beyond it are context.

By default the real product runs: `tradecheck run --inbox X --orders Y --out TMP` (realdocs with an empty
orders list, from a copy of the document files only) and its `documents.json` is scored. `--direct` scores
`extract_pages(read_document(path).pages)` instead (no linking, so linking accuracy is n/a).

How values are compared (`field_matches`):
- strings: case-folded, punctuation and whitespace removed (letters, digits and CJK kept);
- decimals and counts: numerically (a truth printed as text, "1 CTN", "ZERO (0)", gives its number);
- dates: as ISO strings; a truth period "A/B" (test dates) matches its end date B;
- parties: the name must match; the address too when the truth labels one; a truth name that includes
  the address (no separate address) matches the extracted "name, address";
- lists: as multisets of normalised strings (a dict of lists in a label is flattened); a list truth for a
  string field (two product names) matches when every element occurs in the extracted string;
- line items: the same number of lines, and every labelled key of each line matching as above;
- substances: per substance, result and limit as normalised strings; a label giving only "Pass" per
  substance counts the substance names;
- conclusion: a label sentence ("Comply with …") counts as PASS, ("does not comply", "fail") as FAIL;
- a truth `null` (or an empty list) counts as right when the field is absent (nothing invented).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REALDOCS = Path("/work/shared/realdocs")
DOC_SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}

#: Expected doc_type of the real documents that have no label file (decisions in extractors/classify.py).
REALDOC_TYPES: dict[str, str] = {
    "eu_doc/oratek_tofu5_eu_doc.pdf": "declaration_of_conformity",
    "eu_doc/oratek_tofu5_ukca_doc.pdf": "unknown",  # a UK declaration is not an EU DoC
    "rohs/bst_rohs_coc_breadboard.jpg": "lab_certificate",
    "rohs/zct_rohs_voc_connfly_connectors.jpg": "lab_certificate",
    "rohs/bcwt_jlc_pcb_rohs_coc_print.pdf": "lab_certificate",
    "rohs/oratek_rohs_declaration.pdf": "declaration_of_conformity",  # manufacturer's RoHS DoC
    "rohs/nexperia_rohs_declaration.pdf": "declaration_of_conformity",
    "emc/redpitaya_cb_emc_cert_SI-4169.pdf": "lab_certificate",
    # Invoices for services or retail goods are not trade commercial invoices.
    "commercial_invoice/aws_invoice_2014.pdf": "unknown",
    "commercial_invoice/qualityhosting_invoice_2014.pdf": "unknown",
    "commercial_invoice/odoo_demo_invoice.pdf": "unknown",
    "commercial_invoice/saeco_invoice_nl.pdf": "unknown",
    # Blank forms: unknown, or their type with a "blank form" problem.
    "commercial_invoice/blank_commercial_invoice_form.pdf": "blank",
    "bill_of_lading/vics_blank_bol_form.pdf": "blank",
    "certificate_of_origin/imceca_co_form_blank.pdf": "blank",
    "certificate_of_origin/cptpp_japan_coo_form_blank.pdf": "blank",
    "packing_list/blank_packing_list_form.pdf": "blank",
}

NUMERIC_FIELDS = {
    "quantity",
    "unit_price",
    "amount",
    "total_amount",
    "packages",
    "total_packages",
    "net_weight_kg",
    "gross_weight_kg",
    "total_net_weight_kg",
    "total_gross_weight_kg",
    "total_measurement_cbm",
    "measurement_cbm",
    "number_of_originals",
}

_NUMBER_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


# --- comparison -------------------------------------------------------------------------------


def norm(value: Any) -> str:
    return re.sub(r"[^0-9a-z\u3400-\u9fff]", "", str(value).casefold())


def as_number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    text = str(value).replace(",", "")
    m = re.search(r"-?\d+(?:\.\d+)?", text)
    if m:
        try:
            return Decimal(m.group(0))
        except InvalidOperation:
            return None
    word = next((n for w, n in _NUMBER_WORDS.items() if w in text.lower()), None)
    return Decimal(word) if word is not None else None


def _party_matches(truth: dict[str, Any], got: Any) -> bool:
    if not isinstance(got, dict):
        return False
    name, address = truth.get("name"), truth.get("address")
    got_name, got_address = got.get("name") or "", got.get("address") or ""
    if address:
        return norm(name) == norm(got_name) and norm(address) == norm(got_address)
    return norm(name) in {norm(got_name), norm(f"{got_name}, {got_address}")}


def _flatten(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [x for v in value.values() for x in _flatten(v)]
    if isinstance(value, list):
        return [x for v in value for x in _flatten(v)]
    return [value]


def _conclusion(value: Any) -> str:
    text = str(value).lower()
    if re.search(r"\bfail|does not comply|not comply|non-?conform", text):
        return "FAIL"
    if re.search(r"\bpass|compl(y|ies)|conform", text):
        return "PASS"
    return str(value).upper()


def field_matches(name: str, truth: Any, got: Any) -> bool:
    """Whether an extracted value counts as right for the truth (rules in the module docstring)."""
    if truth is None or truth == [] or truth == {}:
        return got in (None, "", [], {})
    if got is None:
        return False
    if name == "lines":
        return _lines_match(truth, got)
    if name == "substances":
        return _substances_match(truth, got)
    if name == "conclusion":
        return _conclusion(truth) == _conclusion(got)
    if isinstance(truth, dict) and "name" in truth:
        return _party_matches(truth, got)
    if isinstance(truth, list | dict):
        items = _flatten(truth)
        if isinstance(got, str):
            return all(norm(x) in norm(got) for x in items)
        return Counter(norm(x) for x in items) == Counter(norm(x) for x in _flatten(got))
    if name in NUMERIC_FIELDS:
        t, g = as_number(truth), as_number(got)
        return t is not None and g is not None and t == g
    if isinstance(truth, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}", truth):
        return str(got) == truth.split("/")[1]
    return norm(truth) == norm(got)


def _lines_match(truth: list[dict[str, Any]], got: Any) -> bool:
    if not isinstance(got, list) or len(got) != len(truth):
        return False
    return all(
        isinstance(g, dict) and all(field_matches(k, v, g.get(k)) for k, v in t.items())
        for t, g in zip(truth, got, strict=True)
    )


def _substances_match(truth: dict[str, Any], got: Any) -> bool:
    if not isinstance(got, dict):
        return False
    if all(isinstance(v, str) for v in truth.values()):
        return {norm(k) for k in truth} <= {norm(k) for k in got}
    got_n = {norm(k): v for k, v in got.items()}
    for k, v in truth.items():
        g = got_n.get(norm(k))
        if not isinstance(g, dict) or any(
            norm(v.get(x)) != norm(g.get(x)) for x in ("result", "limit") if v.get(x)
        ):
            return False
    return True


# --- scoring ----------------------------------------------------------------------------------


@dataclass
class Expected:
    file: str  # relative to the inbox
    doc_type: str  # "blank" for a blank form
    method: str | None
    fields: dict[str, Any]
    po_number: str | None = None
    has_po: bool = False  # whether linking is scored


@dataclass
class Got:
    doc_type: str
    method: str | None
    fields: dict[str, Any]
    problems: list[str]
    po_number: str | None = None


@dataclass
class Tally:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += ok
        self.total += 1

    def __str__(self) -> str:
        if not self.total:
            return "   n/a"
        return f"{100 * self.right / self.total:5.1f}% ({self.right}/{self.total})"


@dataclass
class Score:
    doc_type: Tally = field(default_factory=Tally)
    linking: Tally = field(default_factory=Tally)
    by_type: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_method: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_field: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    fields: Tally = field(default_factory=Tally)
    misses: list[str] = field(default_factory=list)


def doc_type_right(exp: Expected, got: Got) -> bool:
    if exp.doc_type == "blank":
        return got.doc_type == "unknown" or any("blank form" in p for p in got.problems)
    return exp.doc_type == got.doc_type


def score(
    pairs: Iterable[tuple[Expected, Got | None]], countable: dict[str, set[str]] | None = None
) -> Score:
    """Score (truth, extracted) pairs; `countable` limits the fields per doc_type (realdocs)."""
    s = Score()
    for exp, got in pairs:
        got = got or Got("missing", None, {}, ["not in the output"])
        ok_type = doc_type_right(exp, got)
        s.doc_type.add(ok_type)
        if not ok_type:
            s.misses.append(f"{exp.file}: doc_type {got.doc_type!r}, expected {exp.doc_type!r}")
        if exp.has_po:
            s.linking.add(exp.po_number == got.po_number)
            if exp.po_number != got.po_number:
                s.misses.append(f"{exp.file}: po_number {got.po_number!r}, expected {exp.po_number!r}")
        method = exp.method or got.method or "?"
        for name, truth in exp.fields.items():
            if countable is not None and name not in countable.get(exp.doc_type, set()):
                continue
            value = got.fields.get(name) if ok_type else None
            ok = field_matches(name, truth, value)
            for tally in (
                s.fields,
                s.by_type[exp.doc_type],
                s.by_method[method],
                s.by_field[f"{exp.doc_type}.{name}"],
            ):
                tally.add(ok)
            if not ok:
                s.misses.append(f"{exp.file}: {name} = {_short(value)}, expected {_short(truth)}")
    return s


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 160 else text[:157] + "..."


# --- truth --------------------------------------------------------------------------------------


def load_truth(path: Path) -> list[Expected]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        Expected(rel, d["doc_type"], d.get("method"), d.get("fields", {}), d.get("po_number"), has_po=True)
        for rel, d in data["documents"].items()
    ]


def load_realdoc_truth(root: Path = REALDOCS) -> list[Expected]:
    labelled = {}
    for label in sorted((root / "labels").glob("*.json")):
        d = json.loads(label.read_text(encoding="utf-8"))
        labelled[d["file"]] = Expected(d["file"], d["doc_type"], None, d.get("fields", {}))
    for rel, doc_type in REALDOC_TYPES.items():
        labelled.setdefault(rel, Expected(rel, doc_type, None, {}))
    present = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.suffix.lower() in DOC_SUFFIXES}
    return [labelled.get(rel, Expected(rel, "?", None, {})) for rel in sorted(present)]


def contract_fields() -> dict[str, set[str]]:
    from extractors.datamodel import DocType
    from extractors.schema import field_names

    return {t.value: set(field_names(t)) for t in DocType}


# --- running the product --------------------------------------------------------------------------


def run_tradecheck(inbox: Path, orders: Path, out: Path) -> None:
    """`tradecheck run` as a user types it, in its own process; RuntimeError with its stderr if it fails."""
    cmd = [sys.executable, "-m", "pipeline.cli", "run", "--inbox", str(inbox), "--orders", str(orders)]
    proc = subprocess.run([*cmd, "--out", str(out)], cwd=ROOT, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"tradecheck run failed ({proc.returncode}): {proc.stderr[-2000:]}")


def run_cli(inbox: Path, orders: Path | None) -> dict[str, Got]:
    """`tradecheck run` over the inbox; documents.json by file."""
    with tempfile.TemporaryDirectory(prefix="tradecheck-bench-") as tmp:
        out = Path(tmp) / "out"
        if orders is None:
            orders = Path(tmp) / "orders.json"
            orders.write_text("[]", encoding="utf-8")
        run_tradecheck(inbox, orders, out)
        docs = json.loads((out / "documents.json").read_text(encoding="utf-8"))
    return {
        d["file"]: Got(
            d["doc_type"],
            d.get("method"),
            {k: f.get("value") for k, f in d.get("fields", {}).items()},
            d.get("problems", []),
            d.get("po_number"),
        )
        for d in docs
    }


def run_direct(inbox: Path, files: Iterable[str]) -> dict[str, Got]:
    from extractors.extract import extract_pages
    from extractors.reader import UnreadableDocument, read_document

    out = {}
    for rel in files:
        try:
            result = read_document(inbox / rel)
        except UnreadableDocument as e:
            out[rel] = Got("unknown", None, {}, [e.reason])
            continue
        ex = extract_pages(result.pages)
        methods = {p.method for p in result.pages}
        method = methods.pop() if len(methods) == 1 else "mixed"
        values = {k: _json_value(f) for k, f in ex.fields.items()}
        out[rel] = Got(ex.doc_type.value, method, values, [*result.problems, *ex.problems])
    return out


def _json_value(f: Any) -> Any:
    return json.loads(f.model_dump_json())["value"]


def realdocs_inbox(tmp: Path, root: Path = REALDOCS) -> Path:
    """A copy of the real documents without the labels and notes beside them."""
    inbox = tmp / "realdocs"
    for p in root.rglob("*"):
        if p.suffix.lower() in DOC_SUFFIXES and "labels" not in p.parts:
            dest = inbox / p.relative_to(root)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(p, dest)
    return inbox


# --- report ---------------------------------------------------------------------------------------


def render(title: str, s: Score, seconds: float, show_misses: bool) -> str:
    lines = [
        f"== {title}  ({seconds:.0f} s)",
        f"doc_type accuracy      {s.doc_type}",
        f"linking accuracy       {s.linking}",
        f"field accuracy         {s.fields}",
    ]
    lines += [f"  type {t:27s} {tally}" for t, tally in sorted(s.by_type.items())]
    lines += [f"  method {m:25s} {tally}" for m, tally in sorted(s.by_method.items())]
    weak = sorted(
        (t for t in s.by_field.items() if t[1].right < t[1].total), key=lambda t: t[1].right / t[1].total
    )
    lines += [f"  weakest {n:40s} {tally}" for n, tally in weak[:12]]
    if show_misses:
        lines += [f"  miss: {m}" for m in s.misses]
    return "\n".join(lines)


def bench_set(name: str, direct: bool) -> tuple[Score, float]:
    start = time.monotonic()
    if name == "realdocs":
        truth = load_realdoc_truth()
        with tempfile.TemporaryDirectory(prefix="tradecheck-real-") as tmp:
            inbox = realdocs_inbox(Path(tmp))
            got = run_direct(inbox, [e.file for e in truth]) if direct else run_cli(inbox, None)
        pairs = [(e, got.get(e.file)) for e in truth]
        return score(pairs, contract_fields()), time.monotonic() - start
    base = ROOT / "samples" if name == "samples" else ROOT / "samples" / "family_b"
    truth = load_truth(base / "truth.json")
    inbox = base / "inbox"
    if direct:
        got = run_direct(inbox, [e.file for e in truth])
        for e in truth:
            e.has_po = False
    else:
        got = run_cli(inbox, base / "orders.json")
    return score([(e, got.get(e.file)) for e in truth]), time.monotonic() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", choices=["samples", "family_b", "realdocs"], dest="sets")
    parser.add_argument("--direct", action="store_true", help="extract_pages directly instead of the CLI")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args(argv)
    for name in args.sets or ["samples", "family_b", "realdocs"]:
        base = ROOT / "samples" if name == "samples" else ROOT / "samples" / "family_b"
        if name != "realdocs" and not (base / "truth.json").exists():
            print(f"== {name}: no truth.json yet, skipped")
            continue
        s, seconds = bench_set(name, args.direct)
        print(render(name, s, seconds, args.show_misses), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
