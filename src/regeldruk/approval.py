"""Week approval: a team lead locks a worker's ISO week; reopening unlocks it.

Both are recorded in the audit trail. The time log refuses every change to an entry that
touches a locked week (see TimeLog._check_unlocked).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, delete, func, insert, or_, select
from sqlalchemy.engine import Connection

from regeldruk.db.engine import Database
from regeldruk.db.schema import audit_event, team, week_approval, worker
from regeldruk.errors import NotFoundError, RegeldrukError
from regeldruk.timeparse import now_utc

LEADS = ("teamleider", "beheerder")


@dataclass(frozen=True)
class Approval:
    worker: str
    iso_year: int
    iso_week: int
    approved_by: str
    approved_at: datetime

    @property
    def week(self) -> str:
        return f"{self.iso_year}-W{self.iso_week:02d}"


def iso_weeks_between(first: date, last: date) -> list[tuple[int, int]]:
    """The ISO (year, week) pairs of the days first..last."""
    weeks: list[tuple[int, int]] = []
    day = first - timedelta(days=first.weekday())
    while day <= last:
        iso = day.isocalendar()
        weeks.append((iso.year, iso.week))
        day += timedelta(days=7)
    return weeks


def _person(connection: Connection, name: str) -> tuple[int, int, str]:
    row = connection.execute(
        select(worker.c.id, worker.c.team_id, worker.c.role).where(worker.c.name == name)
    ).first()
    if row is None:
        raise NotFoundError(f"Medewerker '{name}' staat niet in deze database.")
    return int(row.id), int(row.team_id), str(row.role)


def _check_lead(connection: Connection, lead: str, subject: str) -> tuple[int, int]:
    lead_id, lead_team, role = _person(connection, lead)
    subject_id, subject_team, _ = _person(connection, subject)
    if role not in LEADS:
        raise RegeldrukError(f"Alleen een teamleider kan weken goedkeuren; {lead} is {role}.")
    if role == "teamleider" and lead_team != subject_team:
        raise RegeldrukError(f"{subject} zit niet in het team van {lead}.")
    return lead_id, subject_id


def approve_week(db: Database, lead: str, subject: str, iso_year: int, iso_week: int) -> str:
    with db.transaction() as connection:
        lead_id, subject_id = _check_lead(connection, lead, subject)
        exists = connection.execute(
            select(week_approval.c.id).where(
                week_approval.c.worker_id == subject_id,
                week_approval.c.iso_year == iso_year,
                week_approval.c.iso_week == iso_week,
            )
        ).first()
        week = f"{iso_year}-W{iso_week:02d}"
        if exists:
            return f"Week {week} van {subject} was al goedgekeurd."
        connection.execute(
            insert(week_approval).values(
                worker_id=subject_id,
                iso_year=iso_year,
                iso_week=iso_week,
                approved_by=lead_id,
                approved_at=now_utc(),
            )
        )
        _audit(connection, "approve", lead_id, subject, week)
        return f"Week {week} van {subject} is goedgekeurd en vergrendeld."


def reopen_week(db: Database, lead: str, subject: str, iso_year: int, iso_week: int) -> str:
    with db.transaction() as connection:
        lead_id, subject_id = _check_lead(connection, lead, subject)
        week = f"{iso_year}-W{iso_week:02d}"
        removed = connection.execute(
            delete(week_approval).where(
                week_approval.c.worker_id == subject_id,
                week_approval.c.iso_year == iso_year,
                week_approval.c.iso_week == iso_week,
            )
        ).rowcount
        if not removed:
            raise NotFoundError(f"Week {week} van {subject} is niet goedgekeurd.")
        _audit(connection, "reopen", lead_id, subject, week)
        return f"Week {week} van {subject} is heropend: wijzigen kan weer."


def _audit(connection: Connection, action: str, actor: int, subject: str, week: str) -> None:
    connection.execute(
        insert(audit_event).values(
            at=now_utc(),
            actor_id=actor,
            entry_id=None,
            action=action,
            before=None,
            after=json.dumps({"worker": subject, "week": week}),
        )
    )


def locked_week(
    connection: Connection, worker_id: int, weeks: list[tuple[int, int]]
) -> tuple[str, str] | None:
    """(week, approver) of the first approved week among ``weeks``, or None."""
    if not weeks:
        return None
    approver = worker.alias("approver")
    # Outer join: under row-level security a worker cannot see the approver's row, and
    # the lock must hold all the same.
    row = connection.execute(
        select(week_approval.c.iso_year, week_approval.c.iso_week, approver.c.name)
        .outerjoin(approver, approver.c.id == week_approval.c.approved_by)
        .where(
            week_approval.c.worker_id == worker_id,
            or_(
                *(
                    and_(week_approval.c.iso_year == y, week_approval.c.iso_week == w)
                    for y, w in weeks
                )
            ),
        )
        .limit(1)
    ).first()
    if row is None:
        return None
    return f"{row[0]}-W{row[1]:02d}", str(row[2] or "de teamleider")


def approvals(db: Database, worker_ids: list[int], first: date, last: date) -> list[Approval]:
    weeks = iso_weeks_between(first, last)
    approver = worker.alias("approver")
    with db.transaction() as connection:
        rows = connection.execute(
            select(
                worker.c.name,
                week_approval.c.iso_year,
                week_approval.c.iso_week,
                func.coalesce(approver.c.name, "de teamleider"),
                week_approval.c.approved_at,
            )
            .join(worker, worker.c.id == week_approval.c.worker_id)
            .outerjoin(approver, approver.c.id == week_approval.c.approved_by)
            .where(week_approval.c.worker_id.in_(worker_ids))
            .order_by(week_approval.c.iso_year, week_approval.c.iso_week, worker.c.name)
        ).all()
    wanted = set(weeks)
    return [Approval(*row) for row in rows if (row[1], row[2]) in wanted]


def team_of(db: Database, name: str) -> str:
    with db.transaction() as connection:
        found = connection.execute(
            select(team.c.name)
            .join(worker, worker.c.team_id == team.c.id)
            .where(worker.c.name == name)
        ).scalar()
    if found is None:
        raise NotFoundError(f"Medewerker '{name}' staat niet in deze database.")
    return str(found)
