"""A worker with fixed data and a clock the test controls."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pendulum
import pytest

from regeldruk.db.engine import Database, ensure_schema
from regeldruk.organisation import ensure_organisation, ensure_team, ensure_worker
from regeldruk.taxonomy import DEFAULT_CATEGORIES
from regeldruk.timelog import TimeLog
from regeldruk.tui.app import RegeldrukApp, make_app

TZ = "Europe/Amsterdam"
FAVOURITES = ("client-face", "rapportage", "netwerk", "declaratie")


def at(text: str) -> pendulum.DateTime:
    moment = pendulum.parse(text, tz=TZ)
    assert isinstance(moment, pendulum.DateTime)
    return moment


@dataclass
class Clock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now


@dataclass
class World:
    db: Database
    clock: Clock
    timelog: TimeLog

    def app(self) -> RegeldrukApp:
        return make_app(self.timelog, FAVOURITES)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    db = Database(f"sqlite:///{tmp_path / 'tui.sqlite'}")
    ensure_schema(db.engine)
    with db.session() as session:
        team = ensure_team(session, ensure_organisation(session, "Test"), "Team Noord")
        ensure_worker(session, team, "Sanne")
    clock = Clock(at("2026-10-21T11:00:30"))  # a Wednesday
    timelog = TimeLog(db, "Sanne", DEFAULT_CATEGORIES, TZ, clock=clock)
    yield World(db, clock, timelog)
    db.dispose()


@pytest.fixture
def day_logged(world: World) -> World:
    """A morning already logged: contact, travel, a report; and yesterday."""
    log = world.timelog
    log.add("client-face", at("2026-10-21T08:30"), at("2026-10-21T09:45"), "Utrecht")
    log.add("reistijd", at("2026-10-21T09:45"), at("2026-10-21T10:05"))
    log.add(
        "rapportage", at("2026-10-21T10:05"), at("2026-10-21T10:50"), "GM0344", "gm0344-voortgang"
    )
    log.add("declaratie", at("2026-10-20T14:00"), at("2026-10-20T14:40"))
    log.add("client-remote", at("2026-10-20T15:00"), at("2026-10-20T16:00"), "Zeist")
    return world
