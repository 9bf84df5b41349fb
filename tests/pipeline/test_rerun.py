"""A batch over an unchanged inbox writes nothing; any change to what the outputs are made of
(orders, review decisions, a file) writes them again. Through the real CLI and Prefect flow."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.publish import OUTPUT_FILES

pytestmark = pytest.mark.slow


def _stamps(out: Path) -> dict[str, int]:
    return {name: (out / name).stat().st_mtime_ns for name in OUTPUT_FILES}


def test_an_unchanged_inbox_leaves_the_outputs_and_any_change_rewrites_them(tmp_path, capsys, ops_pdf):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    for n in (1, 2):
        ops_pdf(inbox / f"inv{n}.pdf", n)
    orders = tmp_path / "orders.json"
    orders.write_text("[]", encoding="utf-8")
    argv = ["run", "--inbox", str(inbox), "--orders", str(orders), "--out", str(out)]

    assert main(argv) == 0
    first, first_summary = _stamps(out), capsys.readouterr().out.splitlines()[0]

    assert main(argv) == 0
    assert _stamps(out) == first
    assert capsys.readouterr().out.splitlines()[0] == first_summary  # the same result, read back

    orders.write_text("[]\n", encoding="utf-8")  # the orders' bytes changed
    assert main(argv) == 0
    second = _stamps(out)
    assert second["report.html"] != first["report.html"]

    (out / "reviews.json").write_text("{}", encoding="utf-8")  # an analyst's decisions file appeared
    assert main(argv) == 0
    third = _stamps(out)
    assert third["findings.json"] != second["findings.json"]

    ops_pdf(inbox / "inv3.pdf", 3)
    assert main(argv) == 0
    assert len(json.loads((out / "documents.json").read_text(encoding="utf-8"))) == 3

    (out / "findings.xlsx").unlink()  # an output gone: all are written again
    assert main(argv) == 0
    assert (out / "findings.xlsx").exists()
