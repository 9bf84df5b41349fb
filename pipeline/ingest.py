"""Finding the files of a batch: which names are work, which are someone's half-written temp files."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

#: Names written by browsers, office suites, scanners and sync tools while a file is still coming.
TEMP_SUFFIXES = (".part", ".crdownload", ".tmp", ".download", ".partial", ".swp")
TEMP_PREFIXES = ("~$", ".~lock", ".")
#: Our own side files (quarantine notes) never count as input.
SIDE_SUFFIXES = (".error.txt",)


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
