"""The reader's cost per scanned page against bare render + tesseract, file by file, without the pipeline.

Run: `PYTHONPATH=. .venv/bin/python -m benchmarks.ocr_read [--dpi 300] [NAME ...]` (NAME: part of a
file's path, to time only those files).

For each sample scan (`benchmarks.speed.truth_files("ocr")`), the bare reading of `benchmarks.speed`
(pypdfium2 render at `--dpi`, images as they are, `pytesseract.image_to_data`, OMP_THREAD_LIMIT=1) and
then `read_document` are timed on the same file, one after the other. Wall time and CPU time (this
process and its tesseract children) are both printed: on a shared machine the CPU times give the
steadier ratio. Issue #7's scan target is for the whole pipeline, which adds extraction and Prefect
on top of what is timed here.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.speed import bare_tesseract, truth_files


@dataclass(frozen=True, slots=True)
class Cost:
    wall_s: float
    cpu_s: float


def timed(call: Callable[[], object]) -> Cost:
    before, start = os.times(), time.perf_counter()
    call()
    wall, after = time.perf_counter() - start, os.times()
    return Cost(wall, sum(after[:4]) - sum(before[:4]))  # user + system, own and children's


def compare(path: Path, dpi: int) -> tuple[int, Cost, Cost]:
    """Pages of the file, bare cost, reader cost."""
    from extractors.reader import ReadSettings, read_document

    pages = 0

    def bare() -> None:
        nonlocal pages
        pages = bare_tesseract([path], dpi)[0]

    bare_cost = timed(bare)
    return pages, bare_cost, timed(lambda: read_document(path, ReadSettings(dpi=dpi)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="time only files whose path contains one of these")
    parser.add_argument("--dpi", type=int, default=300)
    args = parser.parse_args()
    os.environ["OMP_THREAD_LIMIT"] = "1"  # tesseract's threads fight each other on 2 cores
    files = [f for f in truth_files("ocr") if not args.names or any(n in str(f) for n in args.names)]
    total_pages, bare_total, read_total = 0, Cost(0, 0), Cost(0, 0)
    print(f"{'file':44} pages  bare wall/cpu s  reader wall/cpu s  cpu ratio")
    for path in files:
        pages, bare, read = compare(path, args.dpi)
        total_pages += pages
        bare_total = Cost(bare_total.wall_s + bare.wall_s, bare_total.cpu_s + bare.cpu_s)
        read_total = Cost(read_total.wall_s + read.wall_s, read_total.cpu_s + read.cpu_s)
        name = f"{path.parent.name}/{path.name}"[-44:]
        print(
            f"{name:44} {pages:5}  {bare.wall_s:6.2f} {bare.cpu_s:6.2f}    {read.wall_s:6.2f} "
            f"{read.cpu_s:6.2f}     {read.cpu_s / max(bare.cpu_s, 1e-9):5.2f}"
        )
    if not total_pages:
        raise SystemExit("no scanned sample matched")
    print(
        f"\n{total_pages} pages: bare {bare_total.wall_s / total_pages:.2f} s/page wall, "
        f"{bare_total.cpu_s / total_pages:.2f} cpu; reader {read_total.wall_s / total_pages:.2f} wall, "
        f"{read_total.cpu_s / total_pages:.2f} cpu"
    )
    print(
        f"reader / bare: {read_total.wall_s / bare_total.wall_s:.3f} wall, "
        f"{read_total.cpu_s / bare_total.cpu_s:.3f} cpu"
    )


if __name__ == "__main__":
    main()
