"""Prefect's database built over the synchronous driver is the one Prefect's server builds."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import prefect_db


def test_only_sqlite_files_are_built_here(tmp_path):
    assert prefect_db.sqlite_path(f"sqlite+aiosqlite:///{tmp_path}/prefect.db") == tmp_path / "prefect.db"
    assert prefect_db.sqlite_path("sqlite+aiosqlite:///:memory:") is None
    assert prefect_db.sqlite_path("postgresql+asyncpg://user@db/prefect") is None
    in_memory = "sqlite+aiosqlite:///file::memory:?cache=shared&uri=true&check_same_thread=false"
    assert prefect_db.sqlite_path(in_memory) is None


def test_an_existing_database_is_left_to_prefect(tmp_path):
    existing = tmp_path / "prefect.db"
    existing.write_bytes(b"left as it is")
    assert not prefect_db.ensure_built(f"sqlite+aiosqlite:///{existing}")
    assert existing.read_bytes() == b"left as it is"


def test_a_build_that_fails_is_left_to_prefect_and_leaves_nothing(monkeypatch, tmp_path):
    def broken(path: Path) -> None:
        path.write_bytes(b"half a database")
        raise RuntimeError("disk full")

    monkeypatch.setattr(prefect_db, "migrate", broken)
    assert not prefect_db.ensure_built(f"{prefect_db.SQLITE_PREFIX}{tmp_path / 'prefect.db'}")
    assert list(tmp_path.iterdir()) == []


def test_a_build_that_lost_the_race_keeps_the_winners_database(monkeypatch, tmp_path):
    target = tmp_path / "prefect.db"

    def beaten(path: Path) -> None:
        path.write_bytes(b"ours")
        target.write_bytes(b"theirs")  # another first run finished meanwhile

    monkeypatch.setattr(prefect_db, "migrate", beaten)
    assert not prefect_db.ensure_built(f"{prefect_db.SQLITE_PREFIX}{target}")
    assert [p.name for p in tmp_path.iterdir()] == ["prefect.db"] and target.read_bytes() == b"theirs"


def test_scratch_files_of_killed_builds_are_removed(monkeypatch, tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    abandoned = tmp_path / f"prefect.db{prefect_db.SCRATCH_MARK}{dead.pid}"
    running = tmp_path / f"prefect.db{prefect_db.SCRATCH_MARK}{os.getppid()}"
    abandoned.write_bytes(b"")
    running.write_bytes(b"")
    monkeypatch.setattr(prefect_db, "migrate", lambda path: path.write_bytes(b"built"))
    assert prefect_db.ensure_built(f"{prefect_db.SQLITE_PREFIX}{tmp_path / 'prefect.db'}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["prefect.db", running.name]


def schema(path: Path) -> dict[str, object]:
    """Tables' columns, keys and indexes, and every index, trigger and view, order aside (a batch
    migration lists a recreated table's constraints in no fixed order)."""
    with sqlite3.connect(path) as db:
        query = "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        objects = db.execute(query).fetchall()
        tables = [name for kind, name, _ in objects if kind == "table"]
        return {
            "objects": sorted((kind, name, sql) for kind, name, sql in objects if kind != "table"),
            **{
                name: (
                    sorted(db.execute(f'PRAGMA table_info("{name}")').fetchall()),
                    sorted(row[2:] for row in db.execute(f'PRAGMA foreign_key_list("{name}")')),
                    sorted(row[1:] for row in db.execute(f'PRAGMA index_list("{name}")')),
                    sorted(map(repr, db.execute(f'SELECT * FROM "{name}"'))),
                )
                for name in tables
            },
        }


@pytest.mark.slow
def test_the_built_database_is_the_one_prefect_builds(tmp_path):
    ours = tmp_path / "ours" / "prefect.db"
    assert prefect_db.ensure_built(f"{prefect_db.SQLITE_PREFIX}{ours}")
    assert [p.name for p in ours.parent.iterdir()] == ["prefect.db"]  # no scratch file left behind

    # Prefect's own build, as its server makes it at start, in a process of its own: Prefect keeps
    # the database it was first given for the life of a process.
    theirs = tmp_path / "theirs"
    build = "import asyncio; from prefect.server.database import provide_database_interface as db; "
    build += "asyncio.run(db().create_db())"
    subprocess.run([sys.executable, "-c", build], env={**os.environ, "PREFECT_HOME": str(theirs)}, check=True)
    assert schema(ours) == schema(theirs / "prefect.db")
    assert len(schema(ours)) > 30  # 37 tables in Prefect 3.9: the tables were compared, not two empty files
