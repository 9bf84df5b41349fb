"""A fresh Prefect SQLite database, built by Prefect's own migrations over a synchronous driver.

On a new PREFECT_HOME, Prefect's server builds its database at start by running its 116 Alembic
migrations through aiosqlite: every statement of their table reflection is a hop between a worker
thread and the event loop, and this took 5-6 s of a 2-core machine, the better part of the first
run's start-up. The same migrations over the standard sqlite3 driver took 3 s. The result is the
database Prefect would have built (a test compares the two, schema and rows); Prefect's own
migration at start then finds it at head.

Only a database that does not exist yet is built here, in a file of its own moved into place only
if none appeared meanwhile: upgrading an existing one (after a Prefect upgrade) is left to Prefect,
and two first runs at once cannot both migrate the same file. Any database other than SQLite is
left to Prefect as well.
"""

from __future__ import annotations

import logging
import os
import warnings
from pathlib import Path

log = logging.getLogger(__name__)

#: The URL scheme of Prefect's SQLite databases; anything else is not built here.
SQLITE_PREFIX = "sqlite+aiosqlite:///"
#: Between a database's name and the building process's id, in the name of its scratch file.
SCRATCH_MARK = ".building-"
#: A private file until it is moved into place: no journal to keep, nothing to sync but the end.
#: Foreign keys off while the migrations copy tables around, as Prefect's own runner has them.
PRAGMAS = ("journal_mode = MEMORY", "synchronous = OFF", "legacy_alter_table = OFF", "foreign_keys = OFF")


def sqlite_path(connection_url: str) -> Path | None:
    """The database file a Prefect connection URL names, or None when it is not a plain SQLite
    file (another database, or an in-memory or URI-style SQLite one)."""
    if not connection_url.startswith(SQLITE_PREFIX):
        return None
    path, _, query = connection_url[len(SQLITE_PREFIX) :].partition("?")
    if not path or path == ":memory:" or path.startswith("file:") or "uri=true" in query.lower():
        return None
    return Path(path)


def ensure_built(connection_url: str) -> bool:
    """Build the database `connection_url` names when it is a SQLite file that does not exist;
    whether this call built it. A build that fails is logged and left to Prefect's own, at start:
    this one is only faster."""
    target = sqlite_path(connection_url)
    if target is None or target.exists():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned_builds(target)
    scratch = target.with_name(f"{target.name}{SCRATCH_MARK}{os.getpid()}")
    try:
        migrate(scratch)
        os.link(scratch, target)  # fails, rather than overwrites, when another run got there first
    except FileExistsError:
        return False
    except Exception:
        log.exception("building %s failed; Prefect's server builds it instead", target)
        return False
    finally:
        scratch.unlink(missing_ok=True)
    return True


def _remove_abandoned_builds(target: Path) -> None:
    """Scratch files of builds whose process is gone (killed mid-build)."""
    for scratch in target.parent.glob(f"{target.name}{SCRATCH_MARK}*"):
        pid = scratch.name.rpartition(SCRATCH_MARK)[2]
        if pid.isdigit() and not _running(int(pid)):
            scratch.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, and someone else's
        pass
    return True


def migrate(path: Path) -> None:
    """Run Prefect's migrations up to head on the SQLite file `path`, as its server would: batch
    mode, a transaction per migration, foreign keys off while they run."""
    import sqlalchemy as sa
    from alembic.runtime.environment import EnvironmentContext
    from alembic.script import ScriptDirectory
    from prefect.server.database import provide_database_interface
    from prefect.server.database.alembic_commands import alembic_config
    from sqlalchemy.exc import SAWarning

    db = provide_database_interface()
    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    script.version_locations = [str(db.orm.versions_dir)]
    engine = sa.create_engine(f"sqlite:///{path}", poolclass=sa.pool.NullPool)

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None  # BEGIN is ours, DDL included (as in Prefect's)
        for pragma in PRAGMAS:
            dbapi_connection.execute(f"PRAGMA {pragma}")

    @sa.event.listens_for(engine, "begin")
    def _begin(connection) -> None:  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    # What `alembic upgrade head` does, without the environment script it would run: Prefect's
    # env.py builds the aiosqlite engine this module exists to avoid.
    def upgrade(revision, _context):  # type: ignore[no-untyped-def]
        return script._upgrade_revs("head", revision)

    try:
        with engine.connect() as connection, warnings.catch_warnings():
            warnings.filterwarnings("ignore", "Skipped unsupported reflection", SAWarning)
            with EnvironmentContext(config, script, fn=upgrade, destination_rev="head") as env:
                env.configure(
                    connection=connection,
                    target_metadata=db.Base.metadata,
                    render_as_batch=True,
                    transaction_per_migration=True,
                    template_args={"dialect": "sqlite"},
                )
                with env.begin_transaction():
                    env.run_migrations()
    finally:
        engine.dispose()
    with path.open("rb") as built:
        os.fsync(built.fileno())
