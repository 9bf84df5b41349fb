"""The order a batch's files are read in."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from pipeline.ingest import InboxFile
from pipeline.intake import Intake
from pipeline.store import Entry


def entry(id_: int, size: int, status: str = "received") -> Entry:
    return Entry(id_, f"f{id_}.pdf", f"sha{id_}", size, 0, "run", status, "inbox", None, 0, None)


def test_largest_files_are_read_first_and_results_come_back_in_the_order_given():
    registered = [
        (InboxFile(Path(f"/inbox/f{e.id}.pdf"), e.rel), e)
        for e in (entry(1, 10), entry(2, 300), entry(3, 50, "extracted"), entry(4, 120))
    ]
    read: list[int] = []

    def process(e: Entry, path: Path, *, wait: bool) -> Entry:
        read.append(e.id)
        return entry(e.id, e.size, "extracted")

    fake = SimpleNamespace(settings=SimpleNamespace(workers=1), process=process)
    done = Intake.process_all(fake, registered)  # type: ignore[arg-type]
    assert read == [2, 4, 1]  # the settled file is not read again
    assert [e.id for e in done] == [1, 2, 3, 4] and all(e.settled for e in done)
