from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from extractors.datamodel import DocType, ExtractedDocument, ExtractedField
from pipeline.store import Base, Ledger, default_url, owner_id, owner_is_dead
from rules.finding import Finding, Severity


def _doc(rel: str, sha: str, **kw) -> ExtractedDocument:
    return ExtractedDocument(file=rel, sha256=sha, text="Invoice TC-1 PO-2026-0417", **kw)


def test_sqlite_ledger_is_in_wal_mode_beside_the_outputs(tmp_path):
    ledger = Ledger.for_out(tmp_path / "out")
    ledger.arrive("a.pdf", "a" * 64, 10, 1, "run")
    ledger.close()
    db = tmp_path / "out" / "tradecheck.db"
    assert default_url(tmp_path / "out").endswith(str(db))
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_the_same_file_arriving_twice_is_one_entry(tmp_path):
    ledger = Ledger.for_out(tmp_path)
    first = ledger.arrive("x/a.pdf", "a" * 64, 10, 1, "watch")
    again = ledger.arrive("x/a.pdf", "a" * 64, 10, 1, "run")
    other_bytes = ledger.arrive("x/a.pdf", "b" * 64, 11, 2, "watch")
    assert again.id == first.id and again.origin == "watch"
    assert other_bytes.id != first.id


def test_a_moved_file_arriving_again_is_a_new_arrival(tmp_path):
    ledger = Ledger.for_out(tmp_path)
    first = ledger.arrive("a.pdf", "a" * 64, 10, 1, "watch")
    assert ledger.claim(first.id, "me", 60)
    ledger.record_document(first.id, "me", _doc("a.pdf", "a" * 64), None, "v1")
    ledger.record_moved(first.id, "archive", tmp_path / "archive" / "a.pdf")
    assert ledger.arrive("a.pdf", "a" * 64, 10, 1, "watch").id != first.id


def test_claims_exclude_each_other_and_settled_entries(tmp_path):
    ledger = Ledger.for_out(tmp_path)
    entry = ledger.arrive("a.pdf", "a" * 64, 10, 1, "watch")
    assert ledger.claim(entry.id, owner_id(), 60)
    assert not ledger.claim(entry.id, "otherhost:1:1", 60)
    ledger.record_document(entry.id, owner_id(), _doc("a.pdf", "a" * 64), None, "v1")
    assert not ledger.claim(entry.id, owner_id(), 60)
    assert ledger.get(entry.id).status == "extracted"


def test_a_dead_owners_claim_is_taken_over_at_once(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    ghost = f"{socket.gethostname()}:{done.stdout.strip()}:12345"
    assert owner_is_dead(ghost)
    assert not owner_is_dead(owner_id())
    assert not owner_is_dead("another-host:1:1")  # cannot tell: wait for its lease
    ledger = Ledger.for_out(tmp_path)
    entry = ledger.arrive("a.pdf", "a" * 64, 10, 1, "watch")
    assert ledger.claim(entry.id, ghost, 3600)
    assert [e.id for e in ledger.due("watch")] == [entry.id]
    assert ledger.claim(entry.id, owner_id(), 60)


def test_failures_back_off_then_settle_as_a_document_saying_why(tmp_path):
    ledger = Ledger.for_out(tmp_path)
    entry = ledger.arrive("slow.pdf", "a" * 64, 10, 1, "watch")
    assert ledger.claim(entry.id, "me", 60)
    failed = ledger.record_failure(entry.id, "me", "failed: timed out after 5 s", 2, 3600)
    assert failed.status == "failed" and failed.attempts == 1
    assert ledger.due("watch") == []  # backing off
    assert ledger.claim(entry.id, "me", 60)  # a batch retries at once
    final = ledger.record_failure(entry.id, "me", "failed: timed out after 5 s", 2, 3600)
    assert final.status == "extracted" and final.attempts == 2
    assert "timed out after 5 s" in (final.quarantine_reason or "")
    [doc] = ledger.documents([final])
    assert doc.problems == ["failed: timed out after 5 s (2 attempts; not retried)"]


def test_documents_round_trip_with_their_text_under_each_entrys_name(tmp_path):
    ledger = Ledger.for_out(tmp_path)
    doc = _doc(
        "a.pdf",
        "a" * 64,
        doc_type=DocType.COMMERCIAL_INVOICE,
        fields={"invoice_number": ExtractedField(value="TC-1", page=1, bbox=(1, 2, 3, 4), confidence=0.9)},
    )
    first = ledger.arrive("a.pdf", "a" * 64, 10, 1, "run")
    ledger.claim(first.id, "me", 60)
    ledger.record_document(first.id, "me", doc, None, "v1")
    copy = ledger.arrive("b/copy.pdf", "a" * 64, 10, 2, "run")
    assert ledger.stored_document("a" * 64, "v1") == doc
    assert ledger.stored_document("a" * 64, "v2") is None  # a new extractor reads it again
    ledger.claim(copy.id, "me", 60)
    ledger.record_document(copy.id, "me", ledger.stored_document("a" * 64, "v1"), None, "v1")
    docs = ledger.documents(ledger.live())
    assert [d.file for d in docs] == ["a.pdf", "b/copy.pdf"]
    assert docs[0].text == doc.text and docs[0].value("invoice_number") == "TC-1"


def test_the_publication_is_kept_for_re_rendering(tmp_path):
    ledger = Ledger.for_out(tmp_path)
    finding = Finding(rule="INV-001", severity=Severity.ERROR, message="Währung ≠", file="a.pdf").with_id()
    ledger.save_publication("watch", tmp_path / "archive", [_doc("a.pdf", "a" * 64)], [finding], ["bad"], [])
    pub = Ledger.for_out(tmp_path).latest_publication()
    assert pub is not None
    assert pub.documents_root == tmp_path / "archive"
    assert pub.findings == [finding] and pub.order_errors == ["bad"]
    assert pub.documents[0].text.startswith("Invoice")


#: Claims every entry it can, prints the ids it won, and stays alive (its claims held) until told to
#: go: a dead owner's claims may rightly be taken over, so a grabber that exits early would let the
#: others win its entries again.
_GRAB = """
import sys
from pipeline.store import Ledger, owner_id
ledger = Ledger(sys.argv[1])
print(" ".join(str(i) for i in map(int, sys.argv[2:]) if ledger.claim(i, owner_id(), 600)), flush=True)
sys.stdin.read()
"""


#: A PostgreSQL database to run the race against too, e.g. postgresql+psycopg://u@127.0.0.1/ledger
#: (its tables are dropped first). Unset: SQLite only.
PG_URL = os.environ.get("TRADECHECK_TEST_PG_URL")


def _fresh_ledger(kind: str, tmp_path: Path) -> Ledger:
    if kind == "sqlite":
        return Ledger.for_out(tmp_path)
    if not PG_URL:
        pytest.skip("TRADECHECK_TEST_PG_URL is not set")
    Base.metadata.drop_all(Ledger(PG_URL).engine)
    return Ledger(PG_URL)


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_live_processes_racing_for_claims_get_each_entry_once(kind, tmp_path):
    ledger = _fresh_ledger(kind, tmp_path)
    ids = [ledger.arrive(f"f{i}.pdf", f"{i:064d}", 1, i, "watch").id for i in range(30)]
    args = [sys.executable, "-c", _GRAB, ledger.url, *map(str, ids)]
    procs = [
        subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) for _ in range(3)
    ]
    won = [p.stdout.readline().split() for p in procs]
    for p in procs:
        p.stdin.close()
        p.wait(timeout=60)
    assert all(p.returncode == 0 for p in procs)
    assert sorted(int(i) for batch in won for i in batch) == ids


def test_a_postgresql_url_is_accepted_by_the_dialect(tmp_path):
    """PostgreSQL is not running here; the schema must still compile for it (partial unique index)."""
    from sqlalchemy.dialects import postgresql
    from sqlalchemy.schema import CreateIndex

    from pipeline.store import FileRow

    [index] = [i for i in FileRow.__table__.indexes if i.unique]
    ddl = str(CreateIndex(index).compile(dialect=postgresql.dialect()))
    assert "WHERE location = 'inbox' AND status != 'retired'" in ddl
    assert Path(tmp_path).exists()


def test_a_batch_reopens_files_read_by_another_extractor_version(tmp_path):
    ledger = Ledger.for_out(tmp_path)
    entry = ledger.arrive("a.pdf", "a" * 64, 10, 1, "run")
    ledger.claim(entry.id, "me", 60)
    ledger.record_document(entry.id, "me", _doc("a.pdf", "a" * 64), None, "v1")
    assert ledger.reopen_if_stale(entry.id, "v1").status == "extracted"
    assert ledger.reopen_if_stale(entry.id, "v2").status == "received"


def test_a_batch_looks_up_every_known_file_at_once(tmp_path):
    ledger = Ledger.for_out(tmp_path)
    read = ledger.arrive("a.pdf", "a" * 64, 10, 111, "run")
    ledger.claim(read.id, "me", 60)
    ledger.record_document(read.id, "me", _doc("a.pdf", "a" * 64), None, "v1")
    waiting = ledger.arrive("b.pdf", "b" * 64, 20, 222, "run")
    known = ledger.open_entries()
    assert known[("a.pdf", "a" * 64)].status == "extracted"
    assert known[("a.pdf", "a" * 64)].extractor == "v1"
    assert known[("b.pdf", "b" * 64)].id == waiting.id
    assert ("a.pdf", "b" * 64) not in known
    assert ledger.read_signatures() == {("a.pdf", 10, 111)}  # read; b.pdf is not yet
