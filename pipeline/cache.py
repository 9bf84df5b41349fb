"""Extraction results kept by content hash, so an unchanged file is read once.

The key includes a digest of the extractor's own source and the read settings: editing an
extractor or changing the dpi invalidates every entry without anyone remembering to.
"""

from __future__ import annotations

import hashlib
import importlib
import json
from functools import cache
from pathlib import Path

from extractors.datamodel import ExtractedDocument
from extractors.reader import ReadSettings
from pipeline.outputs import atomic_write


@cache
def source_digest(package: str) -> str:
    """A digest of a package's own source and data: changes whenever its code or vocabularies do."""
    root = Path(importlib.import_module(package).__file__ or "").parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in {".py", ".toml", ".json", ".html", ".css", ".js"}:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def extractor_version() -> str:
    return source_digest("extractors")


class ExtractionCache:
    def __init__(self, root: Path, settings: ReadSettings):
        key = hashlib.sha256((extractor_version() + settings.model_dump_json()).encode()).hexdigest()[:12]
        self.dir = root / "extract" / key

    def _path(self, sha256: str) -> Path:
        return self.dir / sha256[:2] / f"{sha256}.json"

    def get(self, sha256: str, rel: str) -> ExtractedDocument | None:
        try:
            entry = json.loads(self._path(sha256).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        for field in entry["doc"]["fields"].values():
            field.pop("low_confidence", None)
        doc = ExtractedDocument.model_validate(entry["doc"])
        return doc.model_copy(update={"file": rel, "text": entry["text"]})

    def put(self, doc: ExtractedDocument) -> None:
        entry = {"doc": doc.model_dump(mode="json"), "text": doc.text}
        # Not flushed to disk: an entry a crash damaged fails to parse and the file is read again.
        atomic_write(self._path(doc.sha256), json.dumps(entry, ensure_ascii=False), durable=False)
