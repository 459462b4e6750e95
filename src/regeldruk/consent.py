"""Consent, not control: a worker's own figures reach the team lead only with their yes.

A worker says yes or no with ``regeldruk delen teamleider aan|uit``; every change is a new
row in ``share_consent`` (the newest one holds) and an audit event with its date, so it can
be revoked at any time and the history stays. What a team report or export then shows:

- a row per worker who said yes (and the requester's own row);
- the workers who did not, combined into one group, shown only when at least
  ``MIN_GROUP`` of them logged time in the period; a smaller group is left out entirely,
  so that no total minus the shown rows gives away their figures;
- team totals = the shown rows plus the combined group (when shown).

On a shared PostgreSQL the database enforces the same for a team lead's login: row-level
security hides the entries of workers who did not say yes, and the combined group comes
from a SECURITY DEFINER function that returns nothing below ``MIN_GROUP`` (access.py).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Integer, case, func, insert, literal, select, text
from sqlalchemy.engine import Connection

from regeldruk.db.engine import Database
from regeldruk.db.schema import audit_event, category, share_consent, time_entry, worker
from regeldruk.errors import NotFoundError
from regeldruk.reporting import (
    Period,
    Summary,
    clipped_minutes,
    day_windows,
    epoch_minutes,
    live_entries,
    period_filter,
    window_join,
)
from regeldruk.timeparse import now_utc

AUDIENCE = "teamleider"
MIN_GROUP = 5
POOL_FUNCTION = "regeldruk_team_pool"


@dataclass(frozen=True)
class ConsentChange:
    worker: str
    shared: bool
    at: datetime


def set_sharing(
    db: Database, worker_name: str, shared: bool, now: datetime | None = None
) -> ConsentChange:
    """Record a worker's yes or no, with its date, in the consent history and the audit trail."""
    at = now or now_utc()
    with db.transaction() as connection:
        worker_id = worker_id_of(connection, worker_name)
        before = sharing_of(connection, [worker_id]).get(worker_id, False)
        connection.execute(
            insert(share_consent).values(
                worker_id=worker_id, audience=AUDIENCE, shared=shared, at=at
            )
        )
        connection.execute(
            insert(audit_event).values(
                at=at,
                actor_id=worker_id,
                entry_id=None,
                action="consent",
                before=json.dumps({"delen": AUDIENCE, "aan": before}),
                after=json.dumps({"delen": AUDIENCE, "aan": shared}),
            )
        )
    return ConsentChange(worker_name, shared, at)


def history(db: Database, worker_name: str) -> list[ConsentChange]:
    with db.transaction() as connection:
        worker_id = worker_id_of(connection, worker_name)
        rows = connection.execute(
            select(share_consent.c.shared, share_consent.c.at)
            .where(share_consent.c.worker_id == worker_id, share_consent.c.audience == AUDIENCE)
            .order_by(share_consent.c.id)
        ).all()
    return [ConsentChange(worker_name, bool(shared), at) for shared, at in rows]


def sharing_of(connection: Connection, worker_ids: list[int]) -> dict[int, bool]:
    """Whether each worker currently shares with the team lead (no answer is no)."""
    if not worker_ids:
        return {}
    newest = (
        select(func.max(share_consent.c.id))
        .where(share_consent.c.audience == AUDIENCE, share_consent.c.worker_id.in_(worker_ids))
        .group_by(share_consent.c.worker_id)
    )
    rows = connection.execute(
        select(share_consent.c.worker_id, share_consent.c.shared).where(
            share_consent.c.id.in_(newest)
        )
    ).all()
    found = {int(w): bool(s) for w, s in rows}
    return {w: found.get(w, False) for w in worker_ids}


def worker_id_of(connection: Connection, name: str) -> int:
    found = connection.execute(select(worker.c.id).where(worker.c.name == name)).scalar()
    if found is None:
        raise NotFoundError(f"Medewerker '{name}' staat niet in deze database.")
    return int(found)


# -- what a team view may show ------------------------------------------------------------


@dataclass(frozen=True)
class PoolCell:
    """Minutes of the combined group on one local day, per category/municipality/form."""

    day: date
    category: str
    municipality: str | None
    form: str | None
    minutes: int
    entries: int  # entries counted on the first day of the period they overlap


@dataclass
class Pool:
    """The workers who did not say yes, combined. ``cells`` is empty unless ``shown``."""

    members: int  # team members who do not share
    workers: int  # of those, with time in the period (0 when the database withholds it)
    cells: list[PoolCell] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return bool(self.cells)


@dataclass(frozen=True)
class TeamView:
    shown_ids: list[int]  # workers whose own rows may be shown
    pooled_ids: list[int]  # workers combined into the pool
    pool: Pool

    @property
    def label(self) -> str:
        return f"Overige medewerkers samen ({self.pool.workers})"

    def note(self) -> str | None:
        """One Dutch sentence on what is combined or left out, or None when all share."""
        members = self.pool.members
        if not members:
            return None
        if self.pool.shown:
            return (
                f"{self.pool.workers} medewerkers delen hun eigen cijfers niet met de "
                "teamleider: zij staan samen op één regel."
            )
        return (
            f"{members} medewerker(s) delen hun eigen cijfers niet met de teamleider; een groep "
            f"van minder dan {MIN_GROUP} wordt niet getoond, ook niet in de totalen."
        )


def team_view(
    connection: Connection,
    worker_ids: list[int],
    period: Period,
    now: datetime,
    requester_id: int | None,
) -> TeamView:
    """Split a team into shown workers and the combined pool (see the module docstring)."""
    shares = sharing_of(connection, worker_ids)
    shown = [w for w in worker_ids if shares[w] or w == requester_id]
    pooled = [w for w in worker_ids if w not in shown]
    if not pooled:
        return TeamView(shown, pooled, Pool(0, 0))
    way = _pool_source(connection)
    if way == "function":
        pool = _pool_from_database(connection, period, now, len(pooled))
    elif way == "entries":
        pool = _pool_from_entries(connection, period, now, pooled)
    else:
        pool = Pool(len(pooled), 0)
    return TeamView(shown, pooled, pool)


def _pool_source(connection: Connection) -> str:
    """Where the combined group comes from: "entries" (SQLite, or a PostgreSQL login that
    reads every entry, such as the owner), "function" (a team lead's login, which cannot
    read those entries: the database's own function applies the same rule, access.py) or
    "none" (a worker's login: no combined figures of colleagues at all)."""
    if connection.dialect.name != "postgresql":
        return "entries"
    signature = f"{POOL_FUNCTION}(timestamptz, timestamptz, timestamptz, text)"
    row = connection.execute(
        text(
            "SELECT to_regprocedure(:sig) IS NOT NULL, "
            "(SELECT count(*) FROM worker WHERE db_login = session_user)"
        ),
        {"sig": signature},
    ).one()
    if not row[0] or not row[1]:
        return "entries"  # no roles set up, or a login that is not a worker's (the owner)
    allowed = connection.execute(
        text("SELECT has_function_privilege(:sig, 'EXECUTE')"), {"sig": signature}
    ).scalar()
    return "function" if allowed else "none"


def _pool_from_database(
    connection: Connection, period: Period, now: datetime, members: int
) -> Pool:
    rows = connection.execute(
        text(
            f"SELECT day, category_key, municipality_code, form_id, minutes, entries, workers "
            f"FROM {POOL_FUNCTION}(:lo, :hi, :now, :tz)"
        ),
        {"lo": period.start, "hi": period.end, "now": now, "tz": period.tz},
    ).all()
    cells = [PoolCell(r[0], r[1], r[2], r[3], int(r[4]), int(r[5])) for r in rows]
    return Pool(members, int(rows[0][6]) if rows else 0, cells)


def _pool_from_entries(
    connection: Connection, period: Period, now: datetime, pooled: list[int]
) -> Pool:
    """The same cells as the database function, in SQLAlchemy Core (SQLite, or PostgreSQL
    without the access roles)."""
    windows = day_windows(period)
    clipped, overlaps = clipped_minutes(windows.c.lo, windows.c.hi, now)
    start = epoch_minutes(time_entry.c.start_at)
    first_day = literal(0, Integer())
    counted = case((start >= windows.c.lo, 1), (windows.c.day == first_day, 1), else_=0)
    rows = connection.execute(
        select(
            windows.c.day,
            time_entry.c.category_key,
            time_entry.c.municipality_code,
            time_entry.c.form_id,
            func.sum(clipped),
            func.sum(counted),
            func.count(func.distinct(time_entry.c.worker_id)),
        )
        .select_from(time_entry)
        .join(windows, window_join(windows, overlaps))
        .where(*live_entries(pooled), period_filter(period))
        .group_by(
            windows.c.day,
            time_entry.c.category_key,
            time_entry.c.municipality_code,
            time_entry.c.form_id,
        )
    ).all()
    active = connection.execute(
        select(func.count(func.distinct(time_entry.c.worker_id)))
        .select_from(time_entry)
        .join(windows, window_join(windows, overlaps))
        .where(*live_entries(pooled), period_filter(period))
    ).scalar_one()
    if active < MIN_GROUP:
        return Pool(len(pooled), int(active))
    days = period.days()
    cells = [
        PoolCell(days[int(r[0])], r[1], r[2], r[3], int(r[4] or 0), int(r[5] or 0)) for r in rows
    ]
    return Pool(len(pooled), int(active), cells)


@dataclass(frozen=True)
class CategoryAxes:
    kind: str
    for_whom: str
    administration: bool


def category_axes(connection: Connection) -> dict[str, CategoryAxes]:
    rows = connection.execute(
        select(category.c.key, category.c.kind, category.c.for_whom, category.c.administration)
    )
    return {key: CategoryAxes(kind, whom, bool(admin)) for key, kind, whom, admin in rows}


def pool_summary(pool: Pool, axes: dict[str, CategoryAxes]) -> Summary:
    summary = Summary()
    for cell in pool.cells:
        add_cell(summary, cell, axes)
    return summary


def pool_per_day(pool: Pool, axes: dict[str, CategoryAxes]) -> dict[date, Summary]:
    result: dict[date, Summary] = defaultdict(Summary)
    for cell in pool.cells:
        add_cell(result[cell.day], cell, axes)
    return dict(result)


def add_cell(summary: Summary, cell: PoolCell, axes: dict[str, CategoryAxes]) -> None:
    found = axes.get(cell.category, CategoryAxes("other", "organisatie", False))
    summary.add(found.kind, cell.minutes, found.for_whom, found.administration)
