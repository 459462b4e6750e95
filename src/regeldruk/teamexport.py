"""What a team lead's (or a worker's own) Excel summary contains, computed by the core.

No openpyxl here: exports/xlsx_team.py renders this. Every figure is whole minutes, so
every total equals the sum of its rows exactly. Notes never leave the database.
"""

from __future__ import annotations

import statistics
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, literal, select

from regeldruk.approval import LEADS, Approval, approvals
from regeldruk.consent import CategoryAxes, Pool, TeamView, add_cell, category_axes, team_view
from regeldruk.db.engine import Database
from regeldruk.db.schema import UTCDateTime, category, municipality, team, time_entry, worker
from regeldruk.errors import NotFoundError, RegeldrukError
from regeldruk.measurement import Estimate, Week, estimate, weeks_for_workers
from regeldruk.municipalities import by_code
from regeldruk.reporting import (
    Period,
    Summary,
    epoch_minutes,
    live_entries,
    period_filter,
    to_epoch_minutes,
)
from regeldruk.survey import Aggregate, aggregate
from regeldruk.timeparse import floor_minute, local_midnight


@dataclass(frozen=True)
class Scope:
    label: str  # "Team Noord" or the worker's name
    team: str | None
    worker_ids: list[int]
    requester_id: int | None = None  # their own row is theirs to see


@dataclass(frozen=True)
class WeekRow:
    week: str  # 2026-W43
    monday: date
    summary: Summary
    workers: int  # workers with entries that week
    approved: int  # of those, with the week approved


@dataclass(frozen=True)
class MunicipalityRow:
    code: str
    name: str
    region: str
    summary: Summary


@dataclass(frozen=True)
class FormRow:
    form: str
    count: int
    total_minutes: int
    median_minutes: float | None  # over the shown entries only (None: all combined)


@dataclass(frozen=True, slots=True)
class EntryRow:
    start: datetime  # local wall-clock time, clipped to the period
    end: datetime
    minutes: int
    worker: str
    team: str
    category: str
    kind: str
    gemeente: str | None
    gemeente_name: str | None
    form: str | None
    week: str
    approved: bool


@dataclass
class TeamExport:
    period: Period
    scope: Scope
    now: datetime
    total: Summary
    workers: dict[str, Summary]
    weeks: list[WeekRow]
    municipalities: list[MunicipalityRow]
    forms: list[FormRow]
    approvals: list[Approval]
    rows: list[EntryRow] = field(repr=False)  # every shown entry, by worker and start
    note: str | None = None  # what consent combined or left out (consent.py)
    estimate: Estimate | None = None  # the measurement weeks and the year's shares
    survey: Aggregate | None = None  # the peiling over those weeks (groups of 5 or more)


def resolve_scope(db: Database, requester: str, team_name: str | None) -> Scope:
    """A team lead exports their team; a worker only their own figures."""
    with db.transaction() as connection:
        me = connection.execute(
            select(worker.c.id, worker.c.role, team.c.name)
            .join(team, team.c.id == worker.c.team_id)
            .where(worker.c.name == requester)
        ).first()
        if me is None:
            raise NotFoundError(f"Medewerker '{requester}' staat niet in deze database.")
        if me.role not in LEADS:
            if team_name and team_name != me.name:
                raise RegeldrukError(
                    "Als medewerker kunt u alleen uw eigen cijfers exporteren, niet een team."
                )
            return Scope(requester, None, [int(me.id)], int(me.id))
        wanted = team_name or str(me.name)
        if me.role == "teamleider" and wanted != me.name:
            raise RegeldrukError(f"U bent teamleider van {me.name}, niet van {wanted}.")
        ids = connection.scalars(
            select(worker.c.id)
            .join(team, team.c.id == worker.c.team_id)
            .where(team.c.name == wanted)
        ).all()
        if not ids:
            raise NotFoundError(f"Onbekend team '{wanted}'.")
        return Scope(wanted, wanted, [int(i) for i in ids], int(me.id))


def _weeks(period: Period) -> list[tuple[date, datetime, datetime]]:
    """(monday, lo, hi) of each ISO week, clipped to the period."""
    weeks = []
    monday = period.first - timedelta(days=period.first.weekday())
    while monday <= period.last:
        lo = max(local_midnight(monday, period.tz), period.start)
        hi = min(local_midnight(monday + timedelta(days=7), period.tz), period.end)
        weeks.append((monday, lo, hi))
        monday += timedelta(days=7)
    return weeks


def _week_label(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def build_team_export(db: Database, scope: Scope, period: Period, now: datetime) -> TeamExport:
    """Read the scope's entries once; every sheet's figures are sums over that one pass.

    Minutes are whole numbers clipped to the period (and to the week, for the week rows),
    so each total is exactly the sum of its rows. The tests check them against the SQL
    summaries of reporting.py.
    """
    view, axes, weeks_measured = _team_view(db, scope, period, now)
    shown_scope = Scope(scope.label, scope.team, view.shown_ids, scope.requester_id)
    found = approvals(db, view.shown_ids, period.first, period.last)
    approved = {(a.worker, a.week) for a in found}
    weeks = _weeks(period)
    week_starts = [to_epoch_minutes(lo) for _, lo, _ in weeks]
    week_ends = [to_epoch_minutes(hi) for _, _, hi in weeks]
    total = Summary()
    per_worker: dict[str, Summary] = defaultdict(Summary)
    per_week = [Summary() for _ in weeks]
    active: list[set[str]] = [set() for _ in weeks]
    per_code: dict[str, Summary] = defaultdict(Summary)
    form_minutes: dict[str, list[int]] = defaultdict(list)
    entries: list[EntryRow] = []
    zone = ZoneInfo(period.tz)  # stdlib: ten times faster per row than pendulum's
    per_day: dict[date, Summary] = defaultdict(Summary)
    for (
        begin,
        finish,
        name,
        team_name,
        key,
        kind,
        whom,
        administration,
        code,
        gemeente,
        form,
    ) in _clipped_entries(db, shown_scope, period, now):
        minutes = finish - begin
        total.add(kind, minutes, whom, administration)
        per_worker[name].add(kind, minutes, whom, administration)
        if code is not None:
            per_code[code].add(kind, minutes, whom, administration)
        if form is not None:
            form_minutes[form].append(minutes)
        # An entry across Sunday midnight counts in both weeks.
        index, moment = bisect_right(week_starts, begin) - 1, begin
        while moment < finish:
            part = min(finish, week_ends[index]) - moment
            per_week[index].add(kind, part, whom, administration)
            active[index].add(name)
            moment += part
            index += 1
        _add_days(per_day, begin, finish, zone, kind, whom, administration)
        local_begin = datetime.fromtimestamp(begin * 60, zone)
        week = _week_label(local_begin.date())
        entries.append(
            EntryRow(
                local_begin,
                datetime.fromtimestamp(finish * 60, zone),
                minutes,
                name,
                team_name,
                key,
                kind,
                code,
                gemeente,
                form,
                week,
                (name, week) in approved,
            )
        )
    pooled = Summary()
    pool_forms: dict[str, tuple[int, int]] = defaultdict(lambda: (0, 0))
    first_monday = weeks[0][0] if weeks else period.first
    for cell in view.pool.cells:
        add_cell(pooled, cell, axes)
        add_cell(per_week[(cell.day - first_monday).days // 7], cell, axes)
        add_cell(per_day[cell.day], cell, axes)
        if cell.municipality is not None:
            add_cell(per_code[cell.municipality], cell, axes)
        if cell.form is not None:
            count, minutes = pool_forms[cell.form]
            pool_forms[cell.form] = (count + cell.entries, minutes + cell.minutes)
    if view.pool.shown:
        total.merge(pooled)
    week_rows = []
    for (monday, _, _), summary, names in zip(weeks, per_week, active, strict=True):
        label = _week_label(monday)
        approved_count = sum((name, label) in approved for name in names)
        week_rows.append(WeekRow(label, monday, summary, len(names), approved_count))
    forms = [
        FormRow(
            form,
            len(form_minutes.get(form, [])) + pool_forms.get(form, (0, 0))[0],
            sum(form_minutes.get(form, [])) + pool_forms.get(form, (0, 0))[1],
            float(statistics.median(form_minutes[form])) if form_minutes.get(form) else None,
        )
        for form in sorted(set(form_minutes) | set(pool_forms))
    ]
    workers = dict(sorted(per_worker.items()))
    if view.pool.shown:
        workers[view.label] = pooled
    return TeamExport(
        period,
        scope,
        now,
        total,
        workers,
        week_rows,
        _municipality_rows(per_code),
        sorted(forms, key=lambda row: -row.total_minutes),
        found,
        entries,
        view.note(),
        estimate(weeks_measured, dict(per_day)),
        _survey(db, scope, weeks_measured),
    )


def _survey(db: Database, scope: Scope, weeks: list[Week]) -> Aggregate:
    """A team's answers only as a group of at least five; a worker's own are theirs."""
    with db.transaction() as connection:
        return aggregate(connection, scope.worker_ids, weeks, 1 if scope.team is None else 5)


def _team_view(
    db: Database, scope: Scope, period: Period, now: datetime
) -> tuple[TeamView, dict[str, CategoryAxes], list[Week]]:
    """Who gets a row of their own; a worker's own export is all theirs."""
    with db.transaction() as connection:
        axes = category_axes(connection)
        weeks = weeks_for_workers(connection, scope.worker_ids, period.first, period.last)
        if scope.team is None:
            return TeamView(scope.worker_ids, [], Pool(0, 0)), axes, weeks
        view = team_view(connection, scope.worker_ids, period, now, scope.requester_id)
    return view, axes, weeks


def _add_days(
    per_day: dict[date, Summary],
    begin: int,
    finish: int,
    zone: ZoneInfo,
    kind: str,
    whom: str,
    administration: bool,
) -> None:
    """Split an entry over the local days it covers (for the measurement-week estimate)."""
    moment = begin
    while moment < finish:
        day = datetime.fromtimestamp(moment * 60, zone).date()
        next_midnight = datetime.combine(day + timedelta(days=1), datetime.min.time(), zone)
        part = min(finish, int(next_midnight.timestamp()) // 60) - moment
        per_day[day].add(kind, part, whom, administration)
        moment += part


def _municipality_rows(per_code: dict[str, Summary]) -> list[MunicipalityRow]:
    """Most paperwork per hour of client contact first."""
    rows = []
    for code, summary in per_code.items():
        known = by_code(code)
        name, region = (known.name, known.region) if known else (code, "")
        rows.append(MunicipalityRow(code, name, region, summary))

    def burden(row: MunicipalityRow) -> tuple[float, int]:
        ratio = row.summary.paperwork_ratio
        return (-(ratio if ratio is not None else float("inf")), -row.summary.total_minutes)

    return sorted(rows, key=burden)


def _clipped_entries(
    db: Database, scope: Scope, period: Period, now: datetime
) -> Iterator[tuple[int, int, str, str, str, str, str, bool, str | None, str | None, str | None]]:
    """(begin, end in epoch minutes clipped to the period, worker, team, category, kind,
    municipality code and name, form) of every live entry of the scope in the period.

    The database turns timestamps into epoch minutes: parsing 500,000 timestamps in
    Python was most of a team-year's export.
    """
    lo, hi = to_epoch_minutes(period.start), to_epoch_minutes(period.end)
    start = epoch_minutes(time_entry.c.start_at)
    end = epoch_minutes(
        func.coalesce(time_entry.c.end_at, literal(floor_minute(now), UTCDateTime()))
    )
    with db.transaction() as connection:
        result = connection.execution_options(yield_per=5000).execute(
            select(
                start,
                end,
                worker.c.name,
                team.c.name,
                time_entry.c.category_key,
                category.c.kind,
                category.c.for_whom,
                category.c.administration,
                time_entry.c.municipality_code,
                municipality.c.name,
                time_entry.c.form_id,
            )
            .join(worker, worker.c.id == time_entry.c.worker_id)
            .join(team, team.c.id == worker.c.team_id)
            .join(category, category.c.key == time_entry.c.category_key)
            .outerjoin(municipality, municipality.c.code == time_entry.c.municipality_code)
            .where(*live_entries(scope.worker_ids), period_filter(period))
            .order_by(worker.c.name, time_entry.c.start_at)
        )
        # A team-year repeats a few hundred distinct strings 250,000 times: share them.
        shared: dict[str, str] = {}
        for first, last, *rest in result:
            begin, finish = max(first, lo), min(last, hi)
            if finish > begin:
                values = [v if not isinstance(v, str) else shared.setdefault(v, v) for v in rest]
                yield (begin, finish, *values)
