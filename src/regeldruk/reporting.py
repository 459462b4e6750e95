"""Aggregations of logged time, in SQL so they run where the data is (SQLite or PostgreSQL).

Entries are clipped to the period (and, for day reports, to each day), so an entry that
crosses midnight counts on each day. Everything is summed in whole minutes: exact.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Integer,
    and_,
    case,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.engine import Connection
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import FunctionElement

if TYPE_CHECKING:
    from regeldruk.measurement import Estimate
    from regeldruk.survey import Aggregate

from regeldruk.db.schema import UTCDateTime, category, team, time_entry, worker
from regeldruk.taxonomy import FOR_WHOM, KINDS
from regeldruk.timeparse import floor_minute, local_midnight


class epoch_minutes(FunctionElement[int]):
    """Minutes since 1970-01-01 UTC of a UTC timestamp column."""

    type = BigInteger()
    inherit_cache = True
    name = "epoch_minutes"


@compiles(epoch_minutes, "sqlite")
def _epoch_minutes_sqlite(element: epoch_minutes, compiler: SQLCompiler, **kw: Any) -> str:
    return f"(CAST(strftime('%s', {compiler.process(element.clauses, **kw)}) AS INTEGER) / 60)"


@compiles(epoch_minutes, "postgresql")
def _epoch_minutes_pg(element: epoch_minutes, compiler: SQLCompiler, **kw: Any) -> str:
    return f"(CAST(EXTRACT(EPOCH FROM {compiler.process(element.clauses, **kw)}) AS BIGINT) / 60)"


def to_epoch_minutes(moment: datetime) -> int:
    return int(floor_minute(moment).timestamp()) // 60


@dataclass(frozen=True)
class Period:
    """Local days first..last inclusive, in a time zone."""

    first: date
    last: date
    tz: str

    @cached_property
    def start(self) -> datetime:
        return local_midnight(self.first, self.tz)

    @cached_property
    def end(self) -> datetime:
        return local_midnight(self.last + timedelta(days=1), self.tz)

    def days(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]


@dataclass
class Summary:
    """Minutes per kind and the headline figures derived from them.

    Both shares are defined in taxonomy.py: the accountability share (kind accountability)
    and the administration share by the CBS definition (taxonomy.is_administration).
    """

    minutes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    administration_minutes: int = 0
    for_whom: dict[str, int] = field(default_factory=dict)

    @property
    def total_minutes(self) -> int:
        return sum(self.minutes.values())

    @property
    def accountability_share(self) -> float | None:
        total = self.total_minutes
        return self.minutes["accountability"] / total if total else None

    @property
    def administration_share(self) -> float | None:
        """Administration by the CBS definition / all logged minutes."""
        total = self.total_minutes
        return self.administration_minutes / total if total else None

    @property
    def paperwork_ratio(self) -> float | None:
        """Accountability minutes per hour of direct client contact."""
        client = self.minutes["client"]
        return self.minutes["accountability"] * 60 / client if client else None

    def add(
        self, kind: str, minutes: int, for_whom: str | None = None, administration: bool = False
    ) -> None:
        self.minutes[kind] = self.minutes.get(kind, 0) + minutes
        if administration:
            self.administration_minutes += minutes
        if for_whom is not None:
            self.for_whom[for_whom] = self.for_whom.get(for_whom, 0) + minutes

    def merge(self, other: Summary) -> None:
        for kind, minutes in other.minutes.items():
            self.minutes[kind] = self.minutes.get(kind, 0) + minutes
        self.administration_minutes += other.administration_minutes
        for whom, minutes in other.for_whom.items():
            self.for_whom[whom] = self.for_whom.get(whom, 0) + minutes

    def to_json(self) -> dict[str, Any]:
        return {
            "hours": {kind: self.minutes.get(kind, 0) / 60 for kind in KINDS},
            "minutes": {kind: self.minutes.get(kind, 0) for kind in KINDS},
            "total_hours": self.total_minutes / 60,
            "total_minutes": self.total_minutes,
            "accountability_share": self.accountability_share,
            "paperwork_ratio": self.paperwork_ratio,
            "administration_hours": self.administration_minutes / 60,
            "administration_minutes": self.administration_minutes,
            "administration_share": self.administration_share,
            "for_whom_hours": {
                whom: self.for_whom[whom] / 60 for whom in FOR_WHOM if whom in self.for_whom
            },
        }


# What every summary groups by: the kind, for whom, and the CBS administration flag.
AXES = (category.c.kind, category.c.for_whom, category.c.administration)


def clipped_minutes(
    lo: ColumnElement[int] | int, hi: ColumnElement[int] | int, now: datetime
) -> tuple[ColumnElement[int], ColumnElement[bool]]:
    """(minutes of each entry inside [lo, hi), the condition that it overlaps at all)."""
    start = epoch_minutes(time_entry.c.start_at)
    end = epoch_minutes(
        func.coalesce(time_entry.c.end_at, literal(floor_minute(now), UTCDateTime()))
    )
    lo_expr = literal(lo, Integer()) if isinstance(lo, int) else lo
    hi_expr = literal(hi, Integer()) if isinstance(hi, int) else hi
    clipped = case((end > hi_expr, hi_expr), else_=end) - case(
        (start < lo_expr, lo_expr), else_=start
    )
    return clipped, and_(start < hi_expr, end > lo_expr)


def live_entries(worker_ids: Iterable[int] | None) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [time_entry.c.deleted_at.is_(None)]
    if worker_ids is not None:
        conditions.append(time_entry.c.worker_id.in_(list(worker_ids)))
    return conditions


def span_filter(start: datetime, end: datetime) -> ColumnElement[bool]:
    # Cheap index-friendly pre-filter on the raw timestamps before the exact clipping.
    return and_(
        time_entry.c.start_at < end,
        or_(time_entry.c.end_at.is_(None), time_entry.c.end_at > start),
    )


def period_filter(period: Period) -> ColumnElement[bool]:
    return span_filter(period.start, period.end)


def summarise(
    connection: Connection, period: Period, now: datetime, worker_ids: Iterable[int] | None = None
) -> Summary:
    clipped, overlaps = clipped_minutes(
        to_epoch_minutes(period.start), to_epoch_minutes(period.end), now
    )
    rows = connection.execute(
        select(*AXES, func.sum(clipped))
        .join(category, category.c.key == time_entry.c.category_key)
        .where(*live_entries(worker_ids), period_filter(period), overlaps)
        .group_by(*AXES)
    )
    summary = Summary()
    for kind, whom, administration, minutes in rows:
        summary.add(kind, int(minutes or 0), whom, bool(administration))
    return summary


def summarise_per_worker(
    connection: Connection, period: Period, now: datetime, worker_ids: Iterable[int] | None = None
) -> dict[str, Summary]:
    clipped, overlaps = clipped_minutes(
        to_epoch_minutes(period.start), to_epoch_minutes(period.end), now
    )
    rows = connection.execute(
        select(worker.c.name, *AXES, func.sum(clipped))
        .join(category, category.c.key == time_entry.c.category_key)
        .join(worker, worker.c.id == time_entry.c.worker_id)
        .where(*live_entries(worker_ids), period_filter(period), overlaps)
        .group_by(worker.c.name, *AXES)
        .order_by(worker.c.name)
    )
    result: dict[str, Summary] = defaultdict(Summary)
    for name, kind, whom, administration, minutes in rows:
        result[name].add(kind, int(minutes or 0), whom, bool(administration))
    return dict(result)


def _windows(bounds: Sequence[tuple[datetime, datetime]]) -> Any:
    """A derived table (index, lo, hi in epoch minutes, lo_at, hi_at as timestamps).

    UNION ALL rather than VALUES, because SQLite's VALUES cannot name its columns.
    """
    selects = [
        select(
            literal(n, Integer()).label("day"),
            literal(to_epoch_minutes(lo), BigInteger()).label("lo"),
            literal(to_epoch_minutes(hi), BigInteger()).label("hi"),
            literal(lo, UTCDateTime()).label("lo_at"),
            literal(hi, UTCDateTime()).label("hi_at"),
        )
        for n, (lo, hi) in enumerate(bounds)
    ]
    return union_all(*selects).subquery("windows")


def window_join(windows: Any, overlaps: ColumnElement[bool]) -> ColumnElement[bool]:
    """Join entries to the windows they overlap; the raw timestamp test comes first, so the
    database skips most pairs before computing minutes (4.4 s -> 0.5 s for a team-year)."""
    return and_(
        time_entry.c.start_at < windows.c.hi_at,
        or_(time_entry.c.end_at.is_(None), time_entry.c.end_at > windows.c.lo_at),
        overlaps,
    )


def day_windows(period: Period) -> Any:
    return _windows(
        [
            (local_midnight(day, period.tz), local_midnight(day + timedelta(days=1), period.tz))
            for day in period.days()
        ]
    )


def _per_day_rows(
    connection: Connection,
    period: Period,
    now: datetime,
    worker_ids: Iterable[int] | None,
    keys: Sequence[Any],
) -> list[tuple[Any, ...]]:
    """(day index, *keys, minutes) rows."""
    days = day_windows(period)
    clipped, overlaps = clipped_minutes(days.c.lo, days.c.hi, now)
    rows = connection.execute(
        select(days.c.day, *keys, func.sum(clipped))
        .select_from(time_entry)
        .join(category, category.c.key == time_entry.c.category_key)
        .join(days, window_join(days, overlaps))
        .where(*live_entries(worker_ids), period_filter(period))
        .group_by(days.c.day, *keys)
    )
    return [(int(row[0]), *row[1:-1], int(row[-1] or 0)) for row in rows]


def summarise_per_day(
    connection: Connection, period: Period, now: datetime, worker_ids: Iterable[int] | None = None
) -> dict[date, Summary]:
    """Minutes per local day and kind; each day is its own window (DST days included)."""
    days = period.days()
    result = {day: Summary() for day in days}
    for index, kind, whom, administration, minutes in _per_day_rows(
        connection, period, now, worker_ids, AXES
    ):
        result[days[index]].add(kind, minutes, whom, bool(administration))
    return result


def category_minutes_per_day(
    connection: Connection, period: Period, now: datetime, worker_ids: Iterable[int] | None = None
) -> dict[str, dict[date, int]]:
    """Minutes per category key and local day (the week screen's grid)."""
    days = period.days()
    result: dict[str, dict[date, int]] = defaultdict(dict)
    for index, key, minutes in _per_day_rows(connection, period, now, worker_ids, [category.c.key]):
        result[str(key)][days[index]] = minutes
    return dict(result)


def team_names(connection: Connection) -> Sequence[str]:
    return list(connection.scalars(select(team.c.name).order_by(team.c.name)))


@dataclass
class Report:
    """What `regeldruk report` shows: the period, its totals, per day and per worker."""

    period: Period
    scope: str  # the worker's name or "Team X"
    summary: Summary
    per_day: dict[date, Summary]
    per_worker: dict[str, Summary] | None = None
    team_note: str | None = None  # what consent combined or left out (consent.py)
    estimate: Estimate | None = None  # measurement weeks and the year's shares
    survey: Aggregate | None = None  # the peiling over those weeks

    def to_json(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "from": self.period.first.isoformat(),
            "to": self.period.last.isoformat(),
            "scope": self.scope,
            **self.summary.to_json(),
            "days": [
                {"date": day.isoformat(), **summary.to_json()}
                for day, summary in self.per_day.items()
            ],
        }
        if self.per_worker is not None:
            payload["workers"] = [
                {"worker": name, **summary.to_json()} for name, summary in self.per_worker.items()
            ]
            payload["team_note"] = self.team_note
        if self.estimate is not None:
            payload["measurement"] = self.estimate.to_json()
        if self.survey is not None:
            payload["survey"] = self.survey.to_json()
        return payload


def build_report(
    connection: Connection,
    period: Period,
    now: datetime,
    scope: str,
    worker_ids: Sequence[int],
    per_worker: bool = False,
    requester_id: int | None = None,
) -> Report:
    """A worker's own report, or (``per_worker``) a group's: then only the workers who
    said yes to sharing get a row of their own, the others are combined (consent.py)."""
    from regeldruk.measurement import estimate, weeks_for_workers
    from regeldruk.survey import aggregate

    weeks = weeks_for_workers(connection, worker_ids, period.first, period.last)
    if not per_worker:
        per_day = summarise_per_day(connection, period, now, worker_ids)
        return Report(
            period,
            scope,
            summarise(connection, period, now, worker_ids),
            per_day,
            estimate=estimate(weeks, per_day),
            survey=aggregate(connection, worker_ids, weeks, minimum=1),
        )
    from regeldruk.consent import category_axes, pool_per_day, pool_summary, team_view

    view = team_view(connection, list(worker_ids), period, now, requester_id)
    summary = summarise(connection, period, now, view.shown_ids)
    per_day = summarise_per_day(connection, period, now, view.shown_ids)
    rows = summarise_per_worker(connection, period, now, view.shown_ids)
    if view.pool.shown:
        axes = category_axes(connection)
        pooled = pool_summary(view.pool, axes)
        summary.merge(pooled)
        for day, part in pool_per_day(view.pool, axes).items():
            per_day[day].merge(part)
        rows[view.label] = pooled
    return Report(
        period,
        scope,
        summary,
        per_day,
        rows,
        view.note(),
        estimate(weeks, per_day),
        aggregate(connection, worker_ids, weeks),
    )


def day_contributions(
    connection: Connection, period: Period, now: datetime
) -> list[tuple[date, int, str | None, str, str, int]]:
    """(day, worker id, municipality, category, kind, minutes) for every local day of the
    period: the raw material of the sector package, clipped to each day."""
    days = period.days()
    windows = day_windows(period)
    clipped, overlaps = clipped_minutes(windows.c.lo, windows.c.hi, now)
    rows = connection.execute(
        select(
            windows.c.day,
            time_entry.c.worker_id,
            time_entry.c.municipality_code,
            category.c.key,
            category.c.kind,
            func.sum(clipped),
        )
        .select_from(time_entry)
        .join(category, category.c.key == time_entry.c.category_key)
        .join(windows, window_join(windows, overlaps))
        .where(*live_entries(None), period_filter(period))
        .group_by(
            windows.c.day,
            time_entry.c.worker_id,
            time_entry.c.municipality_code,
            category.c.key,
            category.c.kind,
        )
    )
    return [
        (days[int(index)], int(worker_id), code, str(key), str(kind), int(minutes or 0))
        for index, worker_id, code, key, kind, minutes in rows
    ]
