"""The ledger: every input file's life, in SQLite (WAL) beside the outputs or in PostgreSQL.

An entry is one arrival of one file (its path in the inbox and its bytes' sha256):
received → extracted (the document stored) → reported (in the published outputs); or failed
(retried with back-off; after the last attempt kept as a document whose problem says why);
retired when its bytes vanished from the inbox before they were archived. `location` says where
the original is now: inbox, archive or quarantine.

Work is claimed with a lease (a conditional UPDATE), so `run` and `watch` on one ledger never
read the same file twice; a claim whose owner died (same host, process gone) is taken over at
once, any other when its lease runs out.
"""

from __future__ import annotations

import json
import os
import socket
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any, Literal

import psutil
from sqlalchemy import (
    BigInteger,
    DateTime,
    Engine,
    Index,
    Integer,
    String,
    Text,
    create_engine,
    event,
    inspect,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from extractors.datamodel import ExtractedDocument
from rules.finding import Finding

Status = Literal["received", "extracted", "failed", "retired"]
Location = Literal["inbox", "archive", "quarantine"]
Origin = Literal["run", "watch"]

DB_NAME = "tradecheck.db"
#: SQLite waits this long for another process's write lock before giving up.
BUSY_TIMEOUT_MS = 60_000
_OPEN = "location = 'inbox' AND status != 'retired'"


class LedgerOutdated(RuntimeError):
    pass


class Base(DeclarativeBase):
    pass


class FileRow(Base):
    __tablename__ = "files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rel: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    mtime_ns: Mapped[int] = mapped_column(BigInteger)
    origin: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(12), default="received", index=True)
    location: Mapped[str] = mapped_column(String(12), default="inbox")
    moved_to: Mapped[str | None] = mapped_column(Text)
    quarantine_reason: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime)
    #: Who read it (host:pid:start): which machine and process, for the operator and the tests.
    read_by: Mapped[str | None] = mapped_column(String(200))
    received_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    reported_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: The extracted document as JSON, its text included (linking reads it).
    document: Mapped[str | None] = mapped_column(Text)
    #: The extractor's version (`cache.extractor_version`) that produced the document.
    extractor: Mapped[str | None] = mapped_column(String(32))

    __table_args__ = (
        # One open entry per file and content: two processes registering one file get one entry.
        Index(
            "one_open_entry_per_file",
            "rel",
            "sha256",
            unique=True,
            sqlite_where=text(_OPEN),
            postgresql_where=text(_OPEN),
        ),
    )


class PublicationRow(Base):
    """The last outputs written, so `tradecheck report` re-renders them without re-processing."""

    __tablename__ = "publication"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    published_at: Mapped[datetime] = mapped_column(DateTime)
    origin: Mapped[str] = mapped_column(String(8))
    documents_root: Mapped[str] = mapped_column(Text)
    documents: Mapped[str] = mapped_column(Text)
    findings: Mapped[str] = mapped_column(Text)
    order_errors: Mapped[str] = mapped_column(Text)


@dataclass(frozen=True, slots=True)
class Entry:
    """A snapshot of one ledger row (never a live ORM object: sessions are short)."""

    id: int
    rel: str
    sha256: str
    size: int
    mtime_ns: int
    origin: str
    status: str
    location: str
    quarantine_reason: str | None
    attempts: int
    last_error: str | None
    extractor: str | None = None  # the version of the extractors that read it

    @property
    def settled(self) -> bool:
        """Its result is committed: nothing left to read."""
        return self.status in ("extracted", "retired")


@dataclass(frozen=True, slots=True)
class Publication:
    published_at: datetime
    origin: str
    documents_root: Path
    documents: list[ExtractedDocument]
    findings: list[Finding]
    order_errors: list[str]


def now() -> datetime:
    """Naive UTC: SQLite has no time zones, and one convention keeps comparisons right in both stores."""
    return datetime.now(UTC).replace(tzinfo=None)


@cache
def owner_id() -> str:
    """This process, unambiguously: host, pid and start time (pids are reused)."""
    pid = os.getpid()
    return f"{socket.gethostname()}:{pid}:{psutil.Process(pid).create_time():.0f}"


def owner_is_dead(owner: str) -> bool:
    """True only when sure: the owner ran on this host and its process is gone."""
    host, _, rest = owner.partition(":")
    pid_text, _, started = rest.partition(":")
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    try:
        return f"{psutil.Process(int(pid_text)).create_time():.0f}" != started
    except psutil.NoSuchProcess:
        return True


def default_url(out: Path) -> str:
    return f"sqlite:///{out.resolve() / DB_NAME}"


def document_to_json(doc: ExtractedDocument) -> str:
    body = doc.model_dump(mode="json", exclude={"fields": {"__all__": {"low_confidence"}}})
    return json.dumps({"doc": body, "text": doc.text}, ensure_ascii=False)


def document_from_json(blob: str) -> ExtractedDocument:
    return _document_from_dict(json.loads(blob))


def _document_from_dict(entry: dict[str, Any]) -> ExtractedDocument:
    return ExtractedDocument.model_validate(entry["doc"]).model_copy(update={"text": entry["text"]})


#: The columns of an Entry, in its field order (queries that need no ORM objects select these).
_ENTRY_COLUMNS = (
    FileRow.id,
    FileRow.rel,
    FileRow.sha256,
    FileRow.size,
    FileRow.mtime_ns,
    FileRow.origin,
    FileRow.status,
    FileRow.location,
    FileRow.quarantine_reason,
    FileRow.attempts,
    FileRow.last_error,
    FileRow.extractor,
)


def _snapshot(row: FileRow) -> Entry:
    return Entry(
        id=row.id,
        rel=row.rel,
        sha256=row.sha256,
        size=row.size,
        mtime_ns=row.mtime_ns,
        origin=row.origin,
        status=row.status,
        location=row.location,
        quarantine_reason=row.quarantine_reason,
        attempts=row.attempts,
        last_error=row.last_error,
        extractor=row.extractor,
    )


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        # Transactions are ours to begin (below), not the driver's.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a killed process loses nothing committed
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # Take the write lock up front: a read that later writes cannot deadlock another process.
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


class Ledger:
    def __init__(self, url: str):
        self.url = url
        self.engine = _sqlite_engine(url) if url.startswith("sqlite") else create_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._create_schema()

    @classmethod
    def for_out(cls, out: Path, url: str | None = None) -> Ledger:
        out.mkdir(parents=True, exist_ok=True)
        return cls(url or default_url(out))

    def close(self) -> None:
        self.engine.dispose()

    def _create_schema(self) -> None:
        # Two processes starting on a fresh store race to create it; the loser finds it made.
        for attempt in range(5):
            try:
                Base.metadata.create_all(self.engine)
                break
            except OperationalError:
                if attempt == 4:
                    raise
                time.sleep(0.2 * (attempt + 1))
        present = {c["name"] for c in inspect(self.engine).get_columns(FileRow.__tablename__)}
        if missing := sorted(set(FileRow.__table__.columns.keys()) - present):
            raise LedgerOutdated(
                f"the ledger {self.engine.url!r} lacks the columns {', '.join(missing)}: an older "
                "tradecheck made it. Move it away (with --out's files) and process the inbox again."
            )

    @contextmanager
    def _tx(self) -> Iterator[Session]:
        with self._sessions() as session, session.begin():
            yield session

    # --- arrivals ---------------------------------------------------------------------------

    def arrive(self, rel: str, sha256: str, size: int, mtime_ns: int, origin: Origin) -> Entry:
        """The open entry for these bytes at this path: the existing one, or a new 'received' one."""
        for _ in range(3):
            if existing := self._open_entry(rel, sha256):
                return existing
            stamp = now()
            row = FileRow(
                rel=rel,
                sha256=sha256,
                size=size,
                mtime_ns=mtime_ns,
                origin=origin,
                status="received",
                location="inbox",
                attempts=0,
                received_at=stamp,
                updated_at=stamp,
            )
            try:
                with self._tx() as s:
                    s.add(row)
                    s.flush()
                    return _snapshot(row)
            except IntegrityError:
                continue  # another process registered it between our look and our insert
        raise RuntimeError(f"cannot register {rel} in the ledger")

    def open_entries(self) -> dict[tuple[str, str], Entry]:
        """Every open entry of a file in the inbox, by (path, sha256): one query for a whole batch."""
        with self._tx() as s:
            rows = s.execute(
                select(*_ENTRY_COLUMNS)
                .where(FileRow.location == "inbox", FileRow.status != "retired")
                .order_by(FileRow.id.desc())
            ).all()
        return {(r.rel, r.sha256): Entry(*r) for r in rows}  # the oldest wins, as in `arrive`

    def _open_entry(self, rel: str, sha256: str) -> Entry | None:
        with self._tx() as s:
            row = s.scalars(
                select(FileRow).where(
                    FileRow.rel == rel,
                    FileRow.sha256 == sha256,
                    FileRow.location == "inbox",
                    FileRow.status != "retired",
                )
            ).first()
            return _snapshot(row) if row else None

    def get(self, entry_id: int) -> Entry:
        with self._tx() as s:
            row = s.get(FileRow, entry_id)
            if row is None:
                raise KeyError(entry_id)
            return _snapshot(row)

    # --- claims -----------------------------------------------------------------------------

    def claim(self, entry_id: int, owner: str, lease_s: float) -> bool:
        """Take the entry for reading; False when it is settled or a live owner holds it."""
        stamp = now()
        with self._tx() as s:
            row = s.get(FileRow, entry_id)
            if row is None or row.status not in ("received", "failed"):
                return False
            holder = row.claimed_by
            if holder and holder != owner:
                expired = row.claimed_until is not None and row.claimed_until < stamp
                if not expired and not owner_is_dead(holder):
                    return False
            same_holder = FileRow.claimed_by.is_(None) if holder is None else FileRow.claimed_by == holder
            taken = s.execute(
                update(FileRow)
                .where(FileRow.id == entry_id, same_holder)
                .values(claimed_by=owner, claimed_until=stamp + timedelta(seconds=lease_s))
            )
            return taken.rowcount == 1

    def holder(self, entry_id: int) -> str | None:
        with self._tx() as s:
            row = s.get(FileRow, entry_id)
            return row.claimed_by if row else None

    # --- results ----------------------------------------------------------------------------

    def stored_document(self, sha256: str, extractor: str) -> ExtractedDocument | None:
        """A finished extraction of identical bytes by this extractor: read once, never twice."""
        with self._tx() as s:
            blob = s.scalars(
                select(FileRow.document)
                .where(
                    FileRow.sha256 == sha256,
                    FileRow.status == "extracted",
                    FileRow.extractor == extractor,
                    FileRow.document.is_not(None),
                )
                .order_by(FileRow.id)
                .limit(1)
            ).first()
        return document_from_json(blob) if blob else None

    def record_document(
        self,
        entry_id: int,
        owner: str,
        doc: ExtractedDocument,
        quarantine_reason: str | None,
        extractor: str,
    ) -> Entry:
        return self._finish(
            entry_id,
            owner,
            status="extracted",
            document=document_to_json(doc),
            quarantine_reason=quarantine_reason,
            read_by=owner,
            extractor=extractor,
        )

    def reopen_if_stale(self, entry_id: int, extractor: str) -> Entry:
        """A file still in the inbox read by another extractor version is read again (by `run`)."""
        with self._tx() as s:
            s.execute(
                update(FileRow)
                .where(
                    FileRow.id == entry_id,
                    FileRow.status == "extracted",
                    FileRow.location == "inbox",
                    or_(FileRow.extractor.is_(None), FileRow.extractor != extractor),
                )
                .values(status="received", attempts=0, quarantine_reason=None, updated_at=now())
            )
        return self.get(entry_id)

    def record_failure(
        self, entry_id: int, owner: str, error: str, max_attempts: int, backoff_s: float
    ) -> Entry:
        """One more failed attempt; the last one settles the entry as a document saying why."""
        entry = self.get(entry_id)
        attempts = entry.attempts + 1
        final = attempts >= max_attempts
        if final:
            problem = f"{error} ({attempts} attempt{'s' if attempts > 1 else ''}; not retried)"
        else:
            problem = f"{error} (attempt {attempts} of {max_attempts}; will be retried)"
        doc = ExtractedDocument(file=entry.rel, sha256=entry.sha256, problems=[problem])
        return self._finish(
            entry_id,
            owner,
            status="extracted" if final else "failed",
            document=document_to_json(doc),
            quarantine_reason=problem if final else None,
            attempts=attempts,
            last_error=error,
            read_by=owner,
            next_attempt_at=None if final else now() + timedelta(seconds=backoff_s * 2 ** (attempts - 1)),
        )

    def _finish(self, entry_id: int, owner: str, **values: Any) -> Entry:
        with self._tx() as s:
            row = s.get(FileRow, entry_id)
            if row is None:
                raise KeyError(entry_id)
            if row.claimed_by != owner:
                raise RuntimeError(f"{row.rel}: the claim passed to {row.claimed_by} before the result")
            for key, value in values.items():
                setattr(row, key, value)
            row.claimed_by = row.claimed_until = None
            row.updated_at = now()
            return _snapshot(row)

    def record_moved(self, entry_id: int, location: Location, moved_to: Path) -> None:
        with self._tx() as s:
            s.execute(
                update(FileRow)
                .where(FileRow.id == entry_id)
                .values(location=location, moved_to=str(moved_to), updated_at=now())
            )

    def retire(self, entry_id: int, reason: str, from_statuses: tuple[Status, ...]) -> bool:
        """Take the entry out of the outputs, if it is still in one of `from_statuses`."""
        with self._tx() as s:
            done = s.execute(
                update(FileRow)
                .where(FileRow.id == entry_id, FileRow.status.in_(from_statuses), FileRow.location == "inbox")
                .values(
                    status="retired", last_error=reason, claimed_by=None, claimed_until=None, updated_at=now()
                )
            )
            return done.rowcount == 1

    # --- queries ----------------------------------------------------------------------------

    def due(self, origin: Origin, limit: int | None = None) -> list[Entry]:
        """Entries to read now, oldest first: received and unclaimed (or claimed by the dead),
        failed and past their back-off.

        Only one origin's: a `run` on another inbox may share this ledger, and its paths are not ours.
        """
        stamp = now()
        with self._tx() as s:
            rows = s.execute(
                select(*_ENTRY_COLUMNS, FileRow.claimed_by, FileRow.claimed_until)
                .where(
                    FileRow.status.in_(("received", "failed")),
                    FileRow.origin == origin,
                    or_(FileRow.next_attempt_at.is_(None), FileRow.next_attempt_at <= stamp),
                )
                .order_by(FileRow.mtime_ns, FileRow.id)
            ).all()
        held = {r.claimed_by for r in rows if r.claimed_by and r.claimed_until and r.claimed_until >= stamp}
        dead = {owner for owner in held if owner_is_dead(owner)}
        free = [r for r in rows if r.claimed_by not in held or r.claimed_by in dead]
        return [Entry(*r[: len(_ENTRY_COLUMNS)]) for r in free[:limit]]

    def live(self) -> list[Entry]:
        """Everything the outputs show: read (or failed so far) and not retired, oldest first."""
        with self._tx() as s:
            rows = s.execute(
                select(*_ENTRY_COLUMNS)
                .where(FileRow.status.in_(("extracted", "failed")))
                .order_by(FileRow.mtime_ns, FileRow.id)
            ).all()
        return [Entry(*r) for r in rows]

    def unmoved(self, origin: Origin) -> list[Entry]:
        """Settled entries of one origin whose original is still in the inbox."""
        with self._tx() as s:
            rows = s.scalars(
                select(FileRow).where(
                    FileRow.status == "extracted", FileRow.location == "inbox", FileRow.origin == origin
                )
            ).all()
            return [_snapshot(r) for r in rows]

    def read_signatures(self) -> set[tuple[str, int, int]]:
        """(path, size, mtime_ns) of every file read and still in the inbox."""
        with self._tx() as s:
            rows = s.execute(
                select(FileRow.rel, FileRow.size, FileRow.mtime_ns).where(
                    FileRow.status == "extracted", FileRow.location == "inbox"
                )
            ).all()
        return {(rel, size, mtime_ns) for rel, size, mtime_ns in rows}

    def documents(self, entries: Sequence[Entry]) -> list[ExtractedDocument]:
        """The stored documents of these entries, in their order, each named by its own path."""
        ids = [e.id for e in entries]
        blobs: dict[int, str] = {}
        with self._tx() as s:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                blobs.update(
                    s.execute(select(FileRow.id, FileRow.document).where(FileRow.id.in_(chunk))).all()
                )
        return [
            document_from_json(blobs[e.id]).model_copy(update={"file": e.rel})
            for e in entries
            if blobs.get(e.id)
        ]

    # --- publication ------------------------------------------------------------------------

    def save_publication(
        self,
        origin: Origin,
        documents_root: Path,
        documents: Sequence[ExtractedDocument],
        findings: Sequence[Finding],
        order_errors: Sequence[str],
        entries: Iterable[Entry],
    ) -> None:
        stamp = now()
        ids = [e.id for e in entries]
        with self._tx() as s:
            row = s.get(PublicationRow, 1) or PublicationRow(id=1)
            row.published_at = stamp
            row.origin = origin
            row.documents_root = str(documents_root)
            row.documents = json.dumps(
                [json.loads(document_to_json(d)) for d in documents], ensure_ascii=False
            )
            row.findings = json.dumps([f.model_dump(mode="json") for f in findings], ensure_ascii=False)
            row.order_errors = json.dumps(list(order_errors), ensure_ascii=False)
            s.merge(row)
            for start in range(0, len(ids), 500):
                s.execute(
                    update(FileRow).where(FileRow.id.in_(ids[start : start + 500])).values(reported_at=stamp)
                )

    def latest_publication(self) -> Publication | None:
        with self._tx() as s:
            row = s.get(PublicationRow, 1)
            if row is None:
                return None
            return Publication(
                published_at=row.published_at,
                origin=row.origin,
                documents_root=Path(row.documents_root),
                documents=[_document_from_dict(d) for d in json.loads(row.documents)],
                findings=[Finding.model_validate(f) for f in json.loads(row.findings)],
                order_errors=json.loads(row.order_errors),
            )
