"""Regenerate sample family A: `.venv/bin/python samples/generate.py` (deterministic, about a minute)."""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script from anywhere: the generator package lives beside this file, under the repo root.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from samples.generator.build import main

if __name__ == "__main__":
    raise SystemExit(main())
