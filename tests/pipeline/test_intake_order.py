"""The order a batch's files are read in: the longest first, so that the batch ends on a short one."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from PIL import Image

from pipeline.ingest import InboxFile
from pipeline.intake import Intake
from pipeline.store import Entry


def entry(id_: int, size: int, status: str = "received") -> Entry:
    return Entry(id_, f"f{id_}.pdf", f"sha{id_}", size, 0, "run", status, "inbox", None, 0, None)


def read_order(registered: list[tuple[InboxFile, Entry]]) -> tuple[list[int], list[Entry]]:
    """The ids in the order `process_all` reads them (one worker), and what it returns."""
    read: list[int] = []

    def process(e: Entry, path: Path, *, wait: bool) -> Entry:
        read.append(e.id)
        return entry(e.id, e.size, "extracted")

    fake = SimpleNamespace(settings=SimpleNamespace(workers=1), process=process)
    done = Intake.process_all(fake, registered)  # type: ignore[arg-type]
    return read, done


def on_disk(*files: Path) -> list[tuple[InboxFile, Entry]]:
    return [(InboxFile(f, f.name), entry(i, f.stat().st_size)) for i, f in enumerate(files, 1)]


def two_page_tiff(path: Path) -> Path:
    frames = [Image.new("1", (400, 500), 1) for _ in range(2)]
    frames[0].save(path, save_all=True, append_images=frames[1:], compression="group4")
    return path


def test_without_page_counts_the_largest_files_are_read_first_and_come_back_in_the_order_given():
    registered = [  # the paths do not exist: no page count can be told, so bytes alone decide
        (InboxFile(Path(f"/inbox/f{e.id}.pdf"), e.rel), e)
        for e in (entry(1, 10), entry(2, 300), entry(3, 50, "extracted"), entry(4, 120))
    ]
    read, done = read_order(registered)
    assert read == [2, 4, 1]  # the settled file is not read again
    assert [e.id for e in done] == [1, 2, 3, 4] and all(e.settled for e in done)


def test_files_of_more_pages_are_read_before_larger_files_of_fewer(tmp_path):
    photo = tmp_path / "photo.png"
    Image.effect_noise((400, 500), 60).save(photo)
    registered = on_disk(photo, two_page_tiff(tmp_path / "two.tif"))
    assert registered[0][1].size > registered[1][1].size
    assert read_order(registered)[0] == [2, 1]


def test_a_file_whose_pages_cannot_be_told_is_read_first(tmp_path):
    hidden = tmp_path / "objstm.pdf"
    hidden.write_bytes(b"%PDF-1.5\n")
    assert read_order(on_disk(two_page_tiff(tmp_path / "two.tif"), hidden))[0] == [2, 1]
