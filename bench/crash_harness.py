"""Crash harness: SIGKILL processes that are writing entries, at random moments, and check
that nothing a process reported as saved is lost and nothing is half-written.

    python bench/crash_harness.py [--kills 200] [--url sqlite:///... | postgresql://...]

Each round starts a writer process that adds entries (and starts/stops a timer) and prints
every entry id the moment its transaction has committed; the harness kills it with SIGKILL
after a random delay, then checks the database: integrity check (SQLite), every reported
entry present with its times, every entry with its audit event (same transaction), at most
one running timer, and the reported running timer still running. Prints the counts.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

WRITER = r"""
import sys
import pendulum
from regeldruk.db.engine import Database
from regeldruk.taxonomy import DEFAULT_CATEGORIES
from regeldruk.timelog import TimeLog

url, round_number = sys.argv[1], int(sys.argv[2])
log = TimeLog(Database(url), "Harness", DEFAULT_CATEGORIES)
base = pendulum.datetime(2030, 1, 1, tz="UTC").add(days=round_number * 2)
print("ready", flush=True)
for n in range(100000):
    start = base.add(minutes=n * 10)
    if n % 7 == 6:
        started = log.start("client-face", start)
        print(f"running {started.started.id}", flush=True)
        stopped = log.stop(start.add(minutes=5))
        print(f"saved {stopped.id} {start.isoformat()}", flush=True)
    else:
        entry = log.add("rapportage", start, start.add(minutes=5))
        print(f"saved {entry.id} {start.isoformat()}", flush=True)
"""


@dataclass
class Outcome:
    kills: int = 0
    saved: int = 0
    lost: int = 0
    half_written: int = 0
    integrity_failures: int = 0
    timers_recovered: int = 0
    timers_lost: int = 0
    problems: list[str] = field(default_factory=list)


def prepare(url: str) -> None:
    from regeldruk.db.engine import Database, ensure_schema
    from regeldruk.organisation import ensure_organisation, ensure_team, ensure_worker

    db = Database(url)
    ensure_schema(db.engine)
    with db.session() as session:
        team = ensure_team(session, ensure_organisation(session, "Harness"), "Harness")
        ensure_worker(session, team, "Harness")
    db.dispose()


def check(url: str, reported: dict[int, str], running: int | None, outcome: Outcome) -> None:
    from sqlalchemy import text

    from regeldruk.db.engine import Database

    db = Database(url)
    with db.engine.connect() as connection:
        if db.dialect == "sqlite":
            result = connection.exec_driver_sql("PRAGMA integrity_check").scalar()
            if result != "ok":
                outcome.integrity_failures += 1
                outcome.problems.append(f"integrity_check: {result}")
        rows = {
            int(r[0]): r
            for r in connection.execute(
                text("SELECT id, start_at, end_at, deleted_at FROM time_entry")
            )
        }
        orphans = connection.execute(
            text(
                "SELECT count(*) FROM time_entry e WHERE NOT EXISTS "
                "(SELECT 1 FROM audit_event a WHERE a.entry_id = e.id)"
            )
        ).scalar()
        open_timers = (
            connection.execute(
                text("SELECT id FROM time_entry WHERE end_at IS NULL AND deleted_at IS NULL")
            )
            .scalars()
            .all()
        )
    db.dispose()
    for entry_id in reported:
        if entry_id not in rows or rows[entry_id][2] is None:
            outcome.lost += 1
            outcome.problems.append(f"entry {entry_id} reported saved but missing")
    outcome.half_written += int(orphans or 0)
    if len(open_timers) > 1:
        outcome.problems.append(f"{len(open_timers)} running timers")
    if running is not None:
        if running in open_timers:
            outcome.timers_recovered += 1
        elif running in rows and rows[running][2] is not None:
            pass  # it was stopped, and that stop may have committed just before the kill
        else:
            outcome.timers_lost += 1


def run(url: str, kills: int, seed: int = 1) -> Outcome:
    prepare(url)
    rng = random.Random(seed)
    outcome = Outcome()
    reported: dict[int, str] = {}
    env = {**os.environ}
    for round_number in range(kills):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, url, str(round_number)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdout is not None
        if child.stdout.readline().strip() != "ready":
            raise SystemExit("writer did not start")
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        assert child.stderr is not None
        errors = child.stderr.read().strip()
        if errors:
            outcome.problems.append(f"writer error: {errors.splitlines()[-1]}")
        running: int | None = None
        for line in child.stdout.read().splitlines():
            parts = line.split()
            if parts and parts[0] == "saved":
                reported[int(parts[1])] = parts[2]
                if running == int(parts[1]):
                    running = None
            elif parts and parts[0] == "running":
                running = int(parts[1])
        outcome.kills += 1
        check(url, reported, running, outcome)
        # A timer that was committed but not yet reported survived too; stop whatever runs,
        # as the user would after a restart, so the next round starts clean.
        from regeldruk.db.engine import Database
        from regeldruk.taxonomy import DEFAULT_CATEGORIES
        from regeldruk.timelog import TimeLog

        db = Database(url)
        log = TimeLog(db, "Harness", DEFAULT_CATEGORIES)
        current = log.running()
        if current is not None:
            if running is None:
                outcome.timers_recovered += 1
            log.stop(current.start + timedelta(minutes=1))
        db.dispose()
    outcome.saved = len(reported)
    return outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument(
        "--url", action="append", help="default: a temporary SQLite file and the local PostgreSQL"
    )
    args = parser.parse_args()
    urls = args.url
    with tempfile.TemporaryDirectory() as tmp:
        if not urls:
            urls = [f"sqlite:///{Path(tmp) / 'harness.sqlite'}", fresh_postgres()]
        for url in urls:
            begin = time.perf_counter()
            outcome = run(url, args.kills)
            kind = url.split(":", 1)[0]
            print(
                f"{kind}: {outcome.kills} kills survived, {outcome.saved} entries reported "
                f"saved, {outcome.lost} lost, {outcome.half_written} half-written, "
                f"{outcome.integrity_failures} integrity failures, "
                f"{outcome.timers_recovered} running timers recovered, "
                f"{outcome.timers_lost} lost ({time.perf_counter() - begin:.0f} s)"
            )
            for problem in outcome.problems[:5]:
                print("  " + problem)
            if outcome.problems or outcome.lost or outcome.half_written:
                raise SystemExit(1)


def fresh_postgres() -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin_url = os.environ.get(
        "REGELDRUK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    )
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS regeldruk_harness"))
        connection.execute(text("CREATE DATABASE regeldruk_harness"))
    admin.dispose()
    return make_url(admin_url).set(database="regeldruk_harness").render_as_string(False)


if __name__ == "__main__":
    main()
