"""What the worker's screens show, computed by the core (the TUI holds no rules of its own)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from regeldruk.fmt import local
from regeldruk.measurement import Status, Week, status
from regeldruk.reporting import (
    Period,
    Summary,
    category_minutes_per_day,
    summarise,
    summarise_per_day,
)
from regeldruk.survey import due
from regeldruk.taxonomy import Category
from regeldruk.timelog import Entry, TimeLog
from regeldruk.timeparse import iso_week_of


@dataclass(frozen=True)
class TodayView:
    day: date
    running: Entry | None
    entries: list[Entry]
    today: Summary
    week: Summary
    keys: list[Category]  # number key n starts keys[n - 1]
    measurement: Status | None = None  # is this a measurement week?
    survey_due: Week | None = None  # the measurement week whose peiling is open


@dataclass(frozen=True)
class WeekView:
    period: Period
    grid: dict[str, dict[date, int]]  # category key -> day -> minutes
    per_day: dict[date, Summary]
    total: Summary


def today_view(
    timelog: TimeLog, favourites: tuple[str, ...] = (), keys: list[Category] | None = None
) -> TodayView:
    now = timelog.clock()
    day = local(now, timelog.tz).date()
    entries = timelog.entries_for_days(day, day)
    running = next((e for e in entries if e.end is None), None) or timelog.running()
    monday, next_monday = iso_week_of(day)
    with timelog.db.transaction() as connection:
        ids = [timelog.worker_id(connection)]
        today = summarise(connection, Period(day, day, timelog.tz), now, ids)
        week = summarise(
            connection, Period(monday, next_monday - timedelta(days=1), timelog.tz), now, ids
        )
        measuring = status(connection, ids[0], day)
        survey_due = due(connection, ids[0], day)
    keys = keys if keys is not None else number_keys(timelog, favourites)
    return TodayView(day, running, entries, today, week, keys, measuring, survey_due)


def number_keys(timelog: TimeLog, favourites: tuple[str, ...]) -> list[Category]:
    """Configured favourites first, then the worker's most used categories, nine at most."""
    chosen: list[Category] = []
    for key in favourites:
        category = next((c for c in timelog.categories if c.key == key), None)
        if category and category not in chosen:
            chosen.append(category)
    for category in timelog.most_used_categories(9):
        if category not in chosen:
            chosen.append(category)
    return chosen[:9]


def week_view(timelog: TimeLog, monday: date) -> WeekView:
    now: datetime = timelog.clock()
    period = Period(monday, monday + timedelta(days=6), timelog.tz)
    with timelog.db.transaction() as connection:
        ids = [timelog.worker_id(connection)]
        grid = category_minutes_per_day(connection, period, now, ids)
        per_day = summarise_per_day(connection, period, now, ids)
        total = summarise(connection, period, now, ids)
    return WeekView(period, grid, per_day, total)
