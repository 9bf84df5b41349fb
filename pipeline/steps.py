"""One file through read → extract, whatever happens: a problem of the file, never a crash of the batch."""

from __future__ import annotations

import logging
from pathlib import Path

from extractors.datamodel import DocMethod, ExtractedDocument, Page
from extractors.extract import extract_pages
from extractors.reader import ReadSettings, UnreadableDocument, read_document
from pipeline.cache import ExtractionCache
from pipeline.ingest import sha256_of

log = logging.getLogger(__name__)


def extract_file(
    path: Path, rel: str, read: ReadSettings, cache: ExtractionCache | None = None
) -> ExtractedDocument:
    """The extracted document for one input file; unreadable files come back with their problem."""
    try:
        sha = sha256_of(path)
    except OSError as e:
        return ExtractedDocument(file=rel, sha256="", problems=[f"cannot open the file: {e.strerror or e}"])
    if cache and (hit := cache.get(sha, rel)):
        return hit
    doc = _extract_uncached(path, rel, sha, read)
    if cache and not any(p.startswith("internal error") for p in doc.problems):
        cache.put(doc)
    return doc


def _extract_uncached(path: Path, rel: str, sha: str, read: ReadSettings) -> ExtractedDocument:
    try:
        result = read_document(path, read)
    except UnreadableDocument as e:
        log.warning("%s: unreadable: %s", rel, e.reason)
        return ExtractedDocument(file=rel, sha256=sha, problems=[e.reason])
    except Exception as e:  # a reader bug must cost one file, not the batch
        log.exception("%s: reading failed", rel)
        return ExtractedDocument(file=rel, sha256=sha, problems=[f"internal error while reading: {e!r}"])
    try:
        extraction = extract_pages(result.pages)
    except Exception as e:
        log.exception("%s: extraction failed", rel)
        return ExtractedDocument(
            file=rel,
            sha256=sha,
            pages=len(result.pages),
            method=doc_method(result.pages),
            problems=[*result.problems, f"internal error while extracting fields: {e!r}"],
        )
    return ExtractedDocument(
        file=rel,
        sha256=sha,
        doc_type=extraction.doc_type,
        pages=len(result.pages),
        method=doc_method(result.pages),
        page_rotations=[p.rotation for p in result.pages],
        page_skews=[round(p.skew, 3) for p in result.pages],
        fields=extraction.fields,
        problems=[*result.problems, *extraction.problems],
        classification_reason=extraction.classification_reason,
        text="\n".join(p.text for p in result.pages),
    )


def doc_method(pages: list[Page]) -> DocMethod | None:
    methods = {p.method for p in pages}
    if not methods:
        return None
    return "mixed" if len(methods) > 1 else methods.pop()


def mark_duplicates(docs: list[ExtractedDocument]) -> list[ExtractedDocument]:
    """Identical bytes are one document: later copies say whose duplicate they are."""
    first: dict[str, str] = {}
    out = []
    for doc in docs:
        if doc.sha256 and doc.sha256 in first:
            problem = f"duplicate of {first[doc.sha256]} (identical bytes); not checked again"
            doc = doc.model_copy(update={"problems": [*doc.problems, problem]})
        elif doc.sha256:
            first[doc.sha256] = doc.file
        out.append(doc)
    return out


def is_duplicate(doc: ExtractedDocument) -> bool:
    return any(p.startswith("duplicate of ") for p in doc.problems)
