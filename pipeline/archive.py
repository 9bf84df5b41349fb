"""Moving originals out of the inbox once their result is committed, losing and changing nothing.

A move is one atomic rename; across file systems, a copy under a hidden name, fsync, rename into
place, then the source is unlinked. Interrupted at any point, either the source is still there
(the move is done again) or the destination is complete. A destination name already taken by
other bytes gets a numbered sibling; by the same bytes, the source is simply removed.
"""

from __future__ import annotations

import errno
import os
import shutil
import time
from pathlib import Path, PurePosixPath

from pipeline.ingest import sha256_of
from pipeline.outputs import atomic_write

ERROR_SUFFIX = ".error.txt"
#: Hidden names of files still being written: ours (`.moving`) and `outputs.atomic_write`'s (`.tmp`).
TEMPORARY_SUFFIXES = (".moving", ".tmp")


def destination(root: Path, rel: str) -> Path:
    """Where a file of the inbox goes under `root`, keeping its folders."""
    return root.joinpath(*PurePosixPath(rel).parts)


def same_bytes(a: Path, b: Path) -> bool:
    return a.stat().st_size == b.stat().st_size and sha256_of(a) == sha256_of(b)


def free_name(dest: Path) -> Path:
    """dest, or 'name (2).ext', 'name (3).ext'… beside it: the first that does not exist."""
    n = 2
    candidate = dest
    while candidate.exists():
        candidate = dest.with_name(f"{dest.stem} ({n}){dest.suffix}")
        n += 1
    return candidate


def move_file(src: Path, dest: Path) -> Path:
    """Move src to dest (or a free name beside it); returns where it now is."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    if dest.exists() and same_bytes(src, dest):
        src.unlink()  # an earlier move was cut short after the copy, or the very same bytes again
        return dest
    target = free_name(dest)
    try:
        os.rename(src, target)
    except OSError as e:
        if e.errno != errno.EXDEV:
            raise
        _copy_then_unlink(src, target)
    _fsync_dir(target.parent)
    return target


def _copy_then_unlink(src: Path, target: Path) -> None:
    tmp = target.with_name(f".{target.name}.moving")
    shutil.copyfile(src, tmp)
    shutil.copystat(src, tmp)  # the original's times travel with it
    with tmp.open("rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, target)
    _fsync_dir(target.parent)
    src.unlink()


def sweep_temporaries(folder: Path, older_than_s: float) -> list[Path]:
    """Remove the hidden temporaries a killed process left under `folder`; returns what it removed.

    Only old ones: a young one may belong to a live writer sharing the folder.
    """
    cutoff = time.time() - older_than_s
    removed = []
    for path in folder.rglob(".*"):
        if path.name.endswith(TEMPORARY_SUFFIXES) and path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def archive_file(src: Path, root: Path, rel: str) -> Path:
    return move_file(src, destination(root, rel))


def quarantine_file(src: Path, root: Path, rel: str, cause: str) -> Path:
    """Moved beside a `<name>.error.txt` that says why it could not be processed."""
    moved = move_file(src, destination(root, rel))
    write_error_note(moved, rel, cause)
    return moved


def write_error_note(moved: Path, rel: str, cause: str) -> Path:
    note = moved.with_name(moved.name + ERROR_SUFFIX)
    atomic_write(note, f"{rel}\n{cause}\n")
    return note
