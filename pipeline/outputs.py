"""The files a run writes into --out, each written whole or not at all (write, then rename)."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from extractors.datamodel import ExtractedDocument
from rules.finding import Finding

CSV_COLUMNS = (
    "id",
    "status",
    "severity",
    "rule",
    "title",
    "po_number",
    "file",
    "doc_type",
    "field",
    "expected",
    "found",
    "message",
    "page",
    "related_files",
    "source",
)


def atomic_write(path: Path, data: str | bytes, *, durable: bool = True) -> None:
    """Readers see the old file or the new one, never half of one (also after a crash, when
    `durable`; a cache that checks what it reads may skip the flush to disk, 3 ms a file here)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def documents_json(documents: Sequence[ExtractedDocument]) -> str:
    return json.dumps([d.model_dump(mode="json") for d in documents], indent=2, ensure_ascii=False)


def findings_json(findings: Sequence[Finding]) -> str:
    return json.dumps([f.model_dump(mode="json") for f in findings], indent=2, ensure_ascii=False)


def findings_csv(findings: Sequence[Finding]) -> str:
    """UTF-8 with a BOM so Excel opens accents and CJK intact."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    for f in findings:
        row = f.model_dump(mode="json")
        row["page"] = f.evidence.page if f.evidence else None
        row["related_files"] = "; ".join(f.related_files)
        writer.writerow([_cell(row.get(c)) for c in CSV_COLUMNS])
    return "\ufeff" + buf.getvalue()


#: A cell starting with one of these is a formula to a spreadsheet; document text must stay text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    if value is None:
        return ""
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_outputs(out: Path, documents: Sequence[ExtractedDocument], findings: Sequence[Finding]) -> None:
    atomic_write(out / "documents.json", documents_json(documents))
    atomic_write(out / "findings.json", findings_json(findings))
    atomic_write(out / "findings.csv", findings_csv(findings))


def read_outputs(out: Path) -> tuple[list[ExtractedDocument], list[Finding]]:
    """The documents and findings of an earlier run in `out`, for re-rendering the report."""
    docs = json.loads((out / "documents.json").read_text(encoding="utf-8"))
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    return (
        [ExtractedDocument.model_validate(_without_computed(d)) for d in docs],
        [Finding.model_validate(f) for f in findings],
    )


def _without_computed(doc: dict) -> dict:
    for field in doc.get("fields", {}).values():
        field.pop("low_confidence", None)
    return doc
