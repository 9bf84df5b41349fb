"""Each document type end to end (read → classify → fields), per method, on both sample families:
the generator's truth says what is printed; at least `MIN_TEXT` of a text document's fields and
`MIN_OCR` of a scan's must come out right (compared as benchmarks/accuracy.py compares)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.accuracy import field_matches
from extractors.extract import extract_pages
from extractors.reader import read_document

ROOT = Path(__file__).resolve().parents[2]
MIN_TEXT = 0.85
MIN_OCR = 0.6


def _documents() -> list:
    out = []
    for base in (ROOT / "samples", ROOT / "samples" / "family_b"):
        truth = base / "truth.json"
        if not truth.exists():
            continue
        for rel, doc in json.loads(truth.read_text(encoding="utf-8"))["documents"].items():
            if doc["doc_type"] == "unknown" or not doc["fields"]:
                continue
            marks = [pytest.mark.slow] if doc["method"] == "ocr" else []
            out.append(
                pytest.param(
                    base / "inbox" / rel,
                    doc,
                    id=f"{doc['doc_type']}-{doc['method']}-{base.name}/{rel}",
                    marks=marks,
                )
            )
    return out


@pytest.mark.parametrize(("path", "truth"), _documents())
def test_fields_of_sample_document(path: Path, truth: dict):
    extraction = extract_pages(read_document(path).pages)
    assert extraction.doc_type.value == truth["doc_type"], extraction.classification_reason
    values = {k: json.loads(f.model_dump_json())["value"] for k, f in extraction.fields.items()}
    wrong = {
        k: (values.get(k), v) for k, v in truth["fields"].items() if not field_matches(k, v, values.get(k))
    }
    share = 1 - len(wrong) / len(truth["fields"])
    assert share >= (MIN_TEXT if truth["method"] == "text" else MIN_OCR), f"wrong (got, expected): {wrong}"


def test_every_field_carries_evidence():
    path = next((ROOT / "samples" / "inbox").rglob("*.pdf"))
    extraction = extract_pages(read_document(path).pages)
    for name, f in extraction.fields.items():
        assert f.page is not None and f.bbox is not None, name
        assert 0 < f.confidence <= 1 and f.text, name
