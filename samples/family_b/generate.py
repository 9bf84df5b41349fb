"""Builds sample family B: `python samples/family_b/generate.py [--out DIR]`.

Deterministic: the same code writes the same bytes (reportlab invariant mode, seeded noise).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parents[1])]  # the generator package and the repo's extractors/rules

from generator.build import build  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=HERE, help="folder for inbox/, orders.json, truth.json")
    args = parser.parse_args(argv)
    inbox = args.out / "inbox"
    if inbox.exists():
        shutil.rmtree(inbox)  # files of an older plan must not linger
    result = build(args.out)
    print(f"{len(result['documents'])} documents, {len(result['discrepancies'])} discrepancies -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
