"""Many processes logging at once: no lost writes, no overlap from a race, no raw lock error.

20 processes on PostgreSQL and 5 on one SQLite file; half of them log for the same worker,
for the same hours, so they race for the same slots.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import text

from regeldruk.db.engine import Database, ensure_schema
from regeldruk.organisation import ensure_organisation, ensure_team, ensure_worker

WRITER = r"""
import sys
import pendulum
from regeldruk.db.engine import Database
from regeldruk.errors import RegeldrukError
from regeldruk.taxonomy import DEFAULT_CATEGORIES
from regeldruk.timelog import TimeLog

url, worker = sys.argv[1], sys.argv[2]
log = TimeLog(Database(url), worker, DEFAULT_CATEGORIES)
base = pendulum.datetime(2031, 3, 3, 8, tz="UTC")
for n in range(15):
    start = base.add(minutes=30 * n)
    try:
        entry = log.add("rapportage", start, start.add(minutes=30))
        print(f"saved {entry.id}", flush=True)
    except RegeldrukError as err:
        print(f"refused {err}", flush=True)
"""


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_concurrent_writers(db_url: str) -> None:
    processes = 5 if db_url.startswith("sqlite") else 20
    db = Database(db_url)
    ensure_schema(db.engine)
    with db.session() as session:
        team = ensure_team(session, ensure_organisation(session, "C"), "C")
        for n in range(processes):
            ensure_worker(session, team, f"W{n}")
        ensure_worker(session, team, "Shared")
    workers = ["Shared" if n % 2 == 0 else f"W{n}" for n in range(processes)]
    children = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, db_url, worker],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for worker in workers
    ]
    saved: list[int] = []
    for child in children:
        out, err = child.communicate(timeout=180)
        assert child.returncode == 0, err
        assert "Traceback" not in err and "database is locked" not in out + err
        for line in out.splitlines():
            if line.startswith("saved"):
                saved.append(int(line.split()[1]))
            else:
                assert line.startswith("refused Overlapt met registratie") or line.startswith(
                    "refused Een ander proces"
                ), line
    with db.engine.connect() as connection:
        present = set(connection.execute(text("SELECT id FROM time_entry")).scalars())
        overlaps = connection.execute(
            text(
                "SELECT count(*) FROM time_entry a JOIN time_entry b ON a.worker_id = b.worker_id "
                "AND a.id < b.id AND a.start_at < b.end_at AND b.start_at < a.end_at"
            )
        ).scalar()
        shared = connection.execute(
            text(
                "SELECT count(*) FROM time_entry e JOIN worker w ON w.id = e.worker_id "
                "WHERE w.name = 'Shared'"
            )
        ).scalar()
    db.dispose()
    assert set(saved) == present  # every reported save is there, and nothing else
    assert overlaps == 0
    assert shared == 15  # the shared worker's 15 slots, each won by exactly one process
    independent = sum(1 for w in workers if w != "Shared")
    assert len(present) == 15 + 15 * independent
