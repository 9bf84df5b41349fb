"""Finding the files of a batch: which names are work, which are someone's half-written temp files."""

from __future__ import annotations

import hashlib
import re
import warnings
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image

#: Names written by browsers, office suites, scanners and sync tools while a file is still coming.
TEMP_SUFFIXES = (".part", ".crdownload", ".tmp", ".download", ".partial", ".swp")
TEMP_PREFIXES = ("~$", ".~lock", ".")
#: Our own side files (quarantine notes) never count as input.
SIDE_SUFFIXES = (".error.txt",)
#: A page object of a PDF, as written outside compressed object streams; at most 26 bytes, which
#: `PAGE_OVERLAP` must exceed for a match across two blocks of the file to be seen once.
PDF_PAGE = re.compile(rb"/Type\s{0,16}/Page(?![A-Za-z])")
PAGE_OVERLAP = 64


@dataclass(frozen=True, slots=True)
class InboxFile:
    path: Path
    rel: str  # relative to the inbox, forward slashes: the file's name in every output

    @property
    def folders(self) -> tuple[str, ...]:
        return PurePosixPath(self.rel).parts[:-1]


def is_candidate(name: str) -> bool:
    """False for hidden, temporary and our own side files."""
    lower = name.lower()
    return not (
        name.startswith(TEMP_PREFIXES) or lower.endswith(TEMP_SUFFIXES) or lower.endswith(SIDE_SUFFIXES)
    )


def scan_inbox(inbox: Path, *, exclude: tuple[Path, ...] = ()) -> list[InboxFile]:
    """Every candidate file under `inbox`, recursively, in a stable order; hidden folders skipped."""
    excluded = tuple(p.resolve() for p in exclude)
    found = []
    for path in sorted(inbox.rglob("*")):
        rel = path.relative_to(inbox)
        if any(part.startswith(".") for part in rel.parts[:-1]) or not is_candidate(path.name):
            continue
        if not path.is_file() or any(path.resolve().is_relative_to(x) for x in excluded):
            continue
        found.append(InboxFile(path=path, rel=rel.as_posix()))
    return found


def sha256_of(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def pages_estimate(path: Path, chunk: int = 1 << 20) -> int | None:
    """How many pages the file holds, told from its bytes without reading it: the page objects a
    PDF shows, an image's frames; None when that cannot be told (a PDF that keeps its objects in
    compressed streams, a file no header parse knows). Only an ordering hint, never more than a
    header parse, so that a malformed file cannot hang or crash the batch's own process."""
    try:
        if path.suffix.lower() == ".pdf":
            return _pdf_page_objects(path, chunk) or None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a decompression-bomb warning is the reader's to give
            with Image.open(path) as image:
                return getattr(image, "n_frames", 1)
    except Exception:  # any file the header parse cannot tell
        return None


def _pdf_page_objects(path: Path, chunk: int) -> int:
    """The page objects in the file, read a block at a time: a scanned PDF can be hundreds of MB."""
    count, carried = 0, b""
    with path.open("rb") as fh:
        while block := fh.read(chunk):
            data = carried + block
            done = max(0, len(data) - PAGE_OVERLAP)  # a match starting later may go on in the next block
            count += sum(1 for m in PDF_PAGE.finditer(data) if m.start() < done)
            carried = data[done:]
    return count + len(PDF_PAGE.findall(carried))
