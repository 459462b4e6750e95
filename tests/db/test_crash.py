"""A running timer is committed the moment it starts: SIGKILL cannot take it away."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from regeldruk.db.engine import Database, ensure_schema
from regeldruk.organisation import ensure_organisation, ensure_team, ensure_worker
from regeldruk.taxonomy import DEFAULT_CATEGORIES
from regeldruk.timelog import TimeLog

CHILD = """
import sys, time
import pendulum
from regeldruk.db.engine import Database
from regeldruk.taxonomy import DEFAULT_CATEGORIES
from regeldruk.timelog import TimeLog

log = TimeLog(Database(sys.argv[1]), "Sanne", DEFAULT_CATEGORIES)
log.start("client-face", pendulum.parse("2026-10-20T09:00:00+02:00"))
print("started", flush=True)
time.sleep(60)
"""


def test_running_timer_survives_sigkill(db_url: str) -> None:
    db = Database(db_url)
    ensure_schema(db.engine)
    with db.session() as session:
        ensure_worker(
            session, ensure_team(session, ensure_organisation(session, "T"), "N"), "Sanne"
        )
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, db_url], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "started"
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)
    time.sleep(0.1)
    running = TimeLog(Database(db_url), "Sanne", DEFAULT_CATEGORIES).running()
    assert running is not None
    assert running.start.isoformat() == "2026-10-20T07:00:00+00:00"
    db.dispose()
