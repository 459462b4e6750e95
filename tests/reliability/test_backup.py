"""`regeldruk db backup` while the database is in use, and a restore that gives it back."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pendulum
import pytest

from regeldruk.backup import backup, restore
from regeldruk.db.engine import Database, ensure_schema
from regeldruk.errors import DatabaseError
from regeldruk.organisation import ensure_organisation, ensure_team, ensure_worker
from regeldruk.taxonomy import DEFAULT_CATEGORIES
from regeldruk.timelog import TimeLog


def test_backup_while_writing_then_restore(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'live.sqlite'}"
    db = Database(url)
    ensure_schema(db.engine)
    with db.session() as session:
        ensure_worker(session, ensure_team(session, ensure_organisation(session, "T"), "N"), "S")
    log = TimeLog(db, "S", DEFAULT_CATEGORIES)
    start = pendulum.datetime(2026, 1, 5, 8, tz="Europe/Amsterdam")
    for n in range(50):
        log.add("rapportage", start.add(hours=n), start.add(hours=n, minutes=30))
    stop = threading.Event()

    def keep_writing() -> None:
        n = 50
        while not stop.is_set():
            log.add("rapportage", start.add(hours=n), start.add(hours=n, minutes=30))
            n += 1

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        count = backup(url, tmp_path / "copy.sqlite")
    finally:
        stop.set()
        writer.join()
    assert count >= 50
    with sqlite3.connect(tmp_path / "copy.sqlite") as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # Consistent: every entry has its audit event (written in the same transaction).
        assert (
            copy.execute(
                "SELECT count(*) FROM time_entry e WHERE NOT EXISTS "
                "(SELECT 1 FROM audit_event a WHERE a.entry_id = e.id)"
            ).fetchone()[0]
            == 0
        )
        saved = copy.execute("SELECT id, start_at, end_at FROM time_entry ORDER BY id").fetchall()
    db.dispose()
    assert restore(url, tmp_path / "copy.sqlite") == count
    with sqlite3.connect(tmp_path / "live.sqlite") as live:
        assert (
            live.execute("SELECT id, start_at, end_at FROM time_entry ORDER BY id").fetchall()
            == saved
        )
    assert (tmp_path / "live.sqlite.voor-herstel").exists()


def test_backup_refuses_postgres_and_existing_targets(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="pg_dump"):
        backup("postgresql://postgres@127.0.0.1/test", tmp_path / "x.sqlite")
    (tmp_path / "x.sqlite").write_text("bestaat")
    with pytest.raises(DatabaseError, match="bestaat"):
        backup(f"sqlite:///{tmp_path / 'missing.sqlite'}", tmp_path / "y.sqlite")
    with pytest.raises(DatabaseError, match="geen regeldruk-reservekopie"):
        restore(f"sqlite:///{tmp_path / 'z.sqlite'}", tmp_path / "x.sqlite")
