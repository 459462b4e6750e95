"""A team for the consent tests: a lead and eight workers with distinct, recognisable
minutes, so a non-consenting worker's own figures would show up if they leaked."""

from __future__ import annotations

from datetime import datetime, timedelta

from regeldruk.db.engine import Database
from regeldruk.organisation import ensure_organisation, ensure_team, ensure_worker
from regeldruk.taxonomy import DEFAULT_CATEGORIES
from regeldruk.timelog import TimeLog

TZ = "Europe/Amsterdam"
LEAD = "Leida"
WORKERS = [f"Medewerker{n}" for n in range(1, 9)]
# Worker n logs 60 + 7n minutes of client contact and 13n minutes of rapportage on
# 2026-10-(12 + n % 3): figures that identify each of them.
CLIENT_MINUTES = {name: 60 + 7 * n for n, name in enumerate(WORKERS, start=1)}
REPORT_MINUTES = {name: 13 * n for n, name in enumerate(WORKERS, start=1)}


def build_team(db: Database) -> None:
    with db.session() as session:
        organisation = ensure_organisation(session, "Test")
        team = ensure_team(session, organisation, "Team Noord")
        ensure_worker(session, team, LEAD, "teamleider")
        for name in WORKERS:
            ensure_worker(session, team, name)
        ensure_worker(session, ensure_team(session, organisation, "Team Zuid"), "Zuidling")
    for n, name in enumerate(WORKERS, start=1):
        log = TimeLog(db, name, DEFAULT_CATEGORIES, TZ)
        start = datetime.fromisoformat(f"2026-10-{12 + n % 3}T08:00+02:00")
        middle = start + timedelta(minutes=CLIENT_MINUTES[name])
        log.add("client-face", start, middle, "Utrecht")
        log.add("rapportage", middle, middle + timedelta(minutes=REPORT_MINUTES[name]), "Zeist")
    lead = TimeLog(db, LEAD, DEFAULT_CATEGORIES, TZ)
    start = datetime.fromisoformat("2026-10-15T09:00+02:00")
    lead.add("teamoverleg", start, start + timedelta(minutes=90))
