"""Time logging: start, stop, switch, add, edit, delete, undo and list entries of one worker.

Every change runs in one transaction together with its audit event. Overlap is checked here
(with the SQLite write lock held, see db.engine) and, on PostgreSQL, also by an exclusion
constraint, so two processes cannot race into an overlap. This is the CLI's hot path, so it
uses SQLAlchemy Core on db.schema and never imports the ORM.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pendulum
from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.engine import Connection, RowMapping
from sqlalchemy.exc import IntegrityError

from regeldruk.approval import iso_weeks_between, locked_week
from regeldruk.db.engine import Database
from regeldruk.db.schema import audit_event, category, time_entry, worker
from regeldruk.errors import LockedError, NotFoundError, OverlapError, RegeldrukError
from regeldruk.municipalities import by_code, resolve_municipality
from regeldruk.privacy import check_note
from regeldruk.taxonomy import Category, resolve_category
from regeldruk.timeparse import floor_minute, local_date, local_midnight, now_utc

MAX_ENTRY = timedelta(hours=24)
# First key of the PostgreSQL advisory lock taken per worker around each change ("RD").
WORKER_LOCK_NAMESPACE = 0x5244
UNCHANGED: Any = object()


@dataclass(frozen=True)
class Entry:
    """A time entry as the faces show it. Times are aware UTC datetimes."""

    id: int
    start: datetime
    end: datetime | None
    category: str
    kind: str
    label: str
    gemeente: str | None
    form: str | None
    note: str | None

    @property
    def dropped(self) -> bool:
        """A timer stopped within the minute it started: not kept (see _close)."""
        return self.end is None or self.end <= self.start

    def minutes(self, now: datetime | None = None) -> int:
        end = self.end or floor_minute(now or now_utc())
        return max(0, int((end - self.start).total_seconds() // 60))

    def to_json(self, tz: str, now: datetime | None = None) -> dict[str, Any]:
        def iso(moment: datetime | None) -> str | None:
            return None if moment is None else pendulum.instance(moment).in_timezone(tz).isoformat()

        return {
            "id": self.id,
            "start": iso(self.start),
            "end": iso(self.end),
            "category": self.category,
            "kind": self.kind,
            "gemeente": self.gemeente,
            "form": self.form,
            "hours": self.minutes(now) / 60,
            "minutes": self.minutes(now),
            "note": self.note,
        }

    def describe(self, tz: str) -> str:
        """'#12 rapportage di 20-10 09:00–10:00' for messages."""
        start = pendulum.instance(self.start).in_timezone(tz)
        end = pendulum.instance(self.end).in_timezone(tz) if self.end else None
        day = start.format("dd DD-MM", locale="nl")
        until = end.format("HH:mm") if end else "nu (loopt)"
        if end and end.date() != start.date():
            until = end.format("dd DD-MM HH:mm", locale="nl")
        return f"#{self.id} {self.category} {day} {start.format('HH:mm')}–{until}"


@dataclass(frozen=True)
class StartResult:
    started: Entry
    stopped: Entry | None


Row = RowMapping
# The columns an audit event records, before and after a change.
SNAPSHOT_COLUMNS = (
    "category_key",
    "start_at",
    "end_at",
    "municipality_code",
    "form_id",
    "note",
    "deleted_at",
)


def _snapshot(row: Row) -> dict[str, Any]:
    return {
        key: row[key].isoformat() if isinstance(row[key], datetime) else row[key]
        for key in SNAPSHOT_COLUMNS
    }


def _from_snapshot(snapshot: dict[str, Any]) -> dict[str, Any]:
    values = dict(snapshot)
    for key in ("start_at", "end_at", "deleted_at"):
        if values[key] is not None:
            values[key] = datetime.fromisoformat(values[key])
    return values


class TimeLog:
    """The time log of one worker."""

    def __init__(
        self,
        db: Database,
        worker_name: str,
        categories: Sequence[Category],
        tz: str = "Europe/Amsterdam",
        clock: Callable[[], datetime] = now_utc,
    ) -> None:
        self.db = db
        self.worker_name = worker_name
        self.categories = tuple(categories)
        self.tz = tz
        self.clock = clock
        self._worker_id: int | None = None
        self._labels = {c.key: c for c in self.categories}

    # -- helpers -------------------------------------------------------------------------

    def worker_id(self, connection: Connection) -> int:
        if self._worker_id is None:
            found = connection.execute(
                select(worker.c.id).where(worker.c.name == self.worker_name)
            ).scalar()
            if found is None:
                raise NotFoundError(
                    f"Medewerker '{self.worker_name}' staat niet in deze database. "
                    "Voer 'regeldruk init --worker NAAM --team TEAM' uit."
                )
            self._worker_id = int(found)
        return self._worker_id

    def category(self, text: str) -> Category:
        return resolve_category(text, self.categories)

    def _now(self) -> datetime:
        return floor_minute(self.clock())

    def _entry(self, row: Row) -> Entry:
        known = self._labels.get(row["category_key"])
        return Entry(
            id=row["id"],
            start=row["start_at"],
            end=row["end_at"],
            category=row["category_key"],
            kind=known.kind if known else "other",
            label=known.label if known else row["category_key"],
            gemeente=row["municipality_code"],
            form=row["form_id"],
            note=row["note"],
        )

    def _ensure_category(self, connection: Connection, chosen: Category) -> None:
        # The taxonomy may be replaced in the config: keep the category table in step.
        values = {
            "label": chosen.label,
            "kind": chosen.kind,
            "for_whom": chosen.for_whom,
            "administration": chosen.administration,
        }
        row = connection.execute(
            select(*(category.c[name] for name in values)).where(category.c.key == chosen.key)
        ).first()
        if row is None:
            connection.execute(insert(category).values(key=chosen.key, **values))
        elif tuple(row) != tuple(values.values()):
            connection.execute(
                update(category).where(category.c.key == chosen.key).values(**values)
            )

    def _fetch(self, connection: Connection, entry_id: int) -> Row | None:
        return (
            connection.execute(select(time_entry).where(time_entry.c.id == entry_id))
            .mappings()
            .first()
        )

    def _write(
        self, connection: Connection, action: str, entry_id: int, before: Row | None, **values: Any
    ) -> Row:
        """Apply ``values`` to an entry (or insert it when entry_id is 0) and audit it."""
        spans = [dict(before)] if before is not None else []
        spans.append({**(dict(before) if before is not None else {}), **values})
        self._check_unlocked(connection, spans)
        if entry_id:
            connection.execute(
                update(time_entry).where(time_entry.c.id == entry_id).values(**values)
            )
        else:
            inserted = connection.execute(insert(time_entry).values(**values))
            entry_id = int(inserted.inserted_primary_key[0])  # type: ignore[index]
        after = self._fetch(connection, entry_id)
        assert after is not None
        connection.execute(
            insert(audit_event).values(
                at=now_utc(),
                actor_id=self.worker_id(connection),
                entry_id=entry_id,
                action=action,
                before=None if before is None else json.dumps(_snapshot(before)),
                after=json.dumps(_snapshot(after)),
            )
        )
        return after

    def _check_unlocked(self, connection: Connection, spans: list[dict[str, Any]]) -> None:
        """Refuse a change that touches a week a team lead has approved."""
        weeks: set[tuple[int, int]] = set()
        for span in spans:
            first = local_date(span["start_at"], self.tz)
            end = span["end_at"]
            last = local_date(end - timedelta(minutes=1), self.tz) if end else first
            weeks.update(iso_weeks_between(first, last))
        locked = locked_week(connection, self.worker_id(connection), sorted(weeks))
        if locked:
            week, approver = locked
            raise LockedError(
                f"Week {week} is goedgekeurd door {approver} en daarom vergrendeld. "
                "Vraag de teamleider de week te heropenen."
            )

    def _check_overlap(
        self,
        connection: Connection,
        start: datetime,
        end: datetime | None,
        ignore: Sequence[int] = (),
    ) -> None:
        """Refuse [start, end) when it overlaps another live entry; end None means open."""
        query = select(time_entry).where(
            time_entry.c.worker_id == self.worker_id(connection),
            time_entry.c.deleted_at.is_(None),
            or_(time_entry.c.end_at.is_(None), time_entry.c.end_at > start),
        )
        if end is not None:
            query = query.where(time_entry.c.start_at < end)
        if ignore:
            query = query.where(time_entry.c.id.not_in(ignore))
        conflict = (
            connection.execute(query.order_by(time_entry.c.start_at).limit(1)).mappings().first()
        )
        if conflict is not None:
            entry = self._entry(conflict)
            raise OverlapError(
                f"Overlapt met registratie {entry.describe(self.tz)}. "
                "Pas die eerst aan of kies andere tijden.",
                entry.id,
            )

    def _validate_span(self, start: datetime, end: datetime | None) -> None:
        if end is None:
            return
        if end <= start:
            raise RegeldrukError("De eindtijd moet na de begintijd liggen.")
        if end - start > MAX_ENTRY:
            raise RegeldrukError("Een registratie kan niet langer dan 24 uur duren.")

    def _municipality(self, text: str | None) -> str | None:
        if text is None or not text.strip():
            return None
        if by_code(text.strip().upper()):
            return text.strip().upper()
        return resolve_municipality(text).code

    def _commit(self, work: Callable[[Connection], Any]) -> Any:
        """Run a change in one transaction; a race lost on PostgreSQL becomes an overlap."""
        try:
            with self.db.transaction() as connection:
                if connection.dialect.name == "postgresql":
                    # One writer per worker at a time. Without it two overlapping inserts
                    # wait on each other in the exclusion constraint check and deadlock;
                    # with it the second one sees the first in _check_overlap.
                    connection.execute(
                        select(
                            func.pg_advisory_xact_lock(
                                WORKER_LOCK_NAMESPACE, self.worker_id(connection)
                            )
                        )
                    )
                return work(connection)
        except IntegrityError as err:
            text = str(err.orig)
            if "ex_entry_no_overlap" in text or "uq_entry_running" in text:
                raise OverlapError(
                    "Een ander proces sloeg net een overlappende registratie op; "
                    "er is niets gewijzigd. Bekijk 'regeldruk log list' en probeer opnieuw.",
                    0,
                ) from None
            raise

    def _live_row(self, connection: Connection, entry_id: int) -> Row:
        row = self._fetch(connection, entry_id)
        if (
            row is None
            or row["worker_id"] != self.worker_id(connection)
            or row["deleted_at"] is not None
        ):
            raise NotFoundError(f"Registratie #{entry_id} bestaat niet (of is verwijderd).")
        return row

    def _running_row(self, connection: Connection) -> Row | None:
        return (
            connection.execute(
                select(time_entry).where(
                    time_entry.c.worker_id == self.worker_id(connection),
                    time_entry.c.end_at.is_(None),
                    time_entry.c.deleted_at.is_(None),
                )
            )
            .mappings()
            .first()
        )

    def _close(self, connection: Connection, row: Row, at: datetime) -> Entry:
        """Stop a running entry at ``at``; one that lasted under a minute is dropped."""
        if at < row["start_at"]:
            start = pendulum.instance(row["start_at"]).in_timezone(self.tz).format("HH:mm")
            raise RegeldrukError(
                f"De stoptijd ligt vóór de start van de lopende activiteit ({start})."
            )
        if at == row["start_at"]:
            closed = self._write(connection, "delete", row["id"], row, deleted_at=now_utc())
        else:
            self._validate_span(row["start_at"], at)
            self._check_overlap(connection, row["start_at"], at, ignore=[row["id"]])
            closed = self._write(
                connection, "edit", row["id"], row, end_at=at, updated_at=now_utc()
            )
        return self._entry(closed)

    def _new_values(
        self,
        chosen: Category,
        start: datetime,
        end: datetime | None,
        code: str | None,
        form: str | None,
        note: str | None,
        connection: Connection,
    ) -> dict[str, Any]:
        return {
            "worker_id": self.worker_id(connection),
            "category_key": chosen.key,
            "start_at": start,
            "end_at": end,
            "municipality_code": code,
            "form_id": form or None,
            "note": note,
            "created_at": now_utc(),
            "updated_at": now_utc(),
        }

    # -- commands --------------------------------------------------------------------------

    def get(self, entry_id: int) -> Entry:
        with self.db.transaction() as connection:
            return self._entry(self._live_row(connection, entry_id))

    def running(self) -> Entry | None:
        with self.db.transaction() as connection:
            row = self._running_row(connection)
            return self._entry(row) if row else None

    def start(
        self,
        category: str,
        at: datetime | None = None,
        gemeente: str | None = None,
        form: str | None = None,
        note: str | None = None,
    ) -> StartResult:
        """Start an activity; a running one is stopped at the same moment (a switch)."""
        chosen = self.category(category)
        moment = floor_minute(at) if at else self._now()
        code = self._municipality(gemeente)
        clean_note = check_note(note)

        def work(connection: Connection) -> StartResult:
            self._ensure_category(connection, chosen)
            running = self._running_row(connection)
            stopped = self._close(connection, running, moment) if running else None
            self._check_overlap(connection, moment, None)
            values = self._new_values(chosen, moment, None, code, form, clean_note, connection)
            started = self._write(connection, "create", 0, None, **values)
            return StartResult(self._entry(started), stopped)

        result: StartResult = self._commit(work)
        return result

    def stop(self, at: datetime | None = None) -> Entry:
        moment = floor_minute(at) if at else self._now()

        def work(connection: Connection) -> Entry:
            running = self._running_row(connection)
            if running is None:
                raise NotFoundError("Er loopt geen activiteit.")
            return self._close(connection, running, moment)

        entry: Entry = self._commit(work)
        return entry

    def add(
        self,
        category: str,
        start: datetime,
        end: datetime,
        gemeente: str | None = None,
        form: str | None = None,
        note: str | None = None,
    ) -> Entry:
        chosen = self.category(category)
        start, end = floor_minute(start), floor_minute(end)
        self._validate_span(start, end)
        code = self._municipality(gemeente)
        clean_note = check_note(note)

        def work(connection: Connection) -> Entry:
            self._ensure_category(connection, chosen)
            self._check_overlap(connection, start, end)
            values = self._new_values(chosen, start, end, code, form, clean_note, connection)
            return self._entry(self._write(connection, "create", 0, None, **values))

        entry: Entry = self._commit(work)
        return entry

    def edit(
        self,
        entry_id: int,
        category: str | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
        gemeente: str | None = UNCHANGED,
        form: str | None = UNCHANGED,
        note: str | None = UNCHANGED,
    ) -> Entry:
        """Change an entry; for gemeente, form and note, None or '' clears the value."""
        chosen = self.category(category) if category else None
        changes: dict[str, Any] = {}
        if gemeente is not UNCHANGED:
            changes["municipality_code"] = self._municipality(gemeente)
        if form is not UNCHANGED:
            changes["form_id"] = form or None
        if note is not UNCHANGED:
            changes["note"] = check_note(note)

        def work(connection: Connection) -> Entry:
            row = self._live_row(connection, entry_id)
            new_start = floor_minute(start) if start else row["start_at"]
            new_end = floor_minute(end) if end else row["end_at"]
            self._validate_span(new_start, new_end)
            self._check_overlap(connection, new_start, new_end, ignore=[entry_id])
            if chosen:
                self._ensure_category(connection, chosen)
                changes["category_key"] = chosen.key
            edited = self._write(
                connection,
                "edit",
                entry_id,
                row,
                start_at=new_start,
                end_at=new_end,
                updated_at=now_utc(),
                **changes,
            )
            return self._entry(edited)

        entry: Entry = self._commit(work)
        return entry

    def delete(self, entry_id: int) -> Entry:
        def work(connection: Connection) -> Entry:
            row = self._live_row(connection, entry_id)
            return self._entry(
                self._write(connection, "delete", entry_id, row, deleted_at=now_utc())
            )

        entry: Entry = self._commit(work)
        return entry

    def undo(self) -> str:
        """Undo this worker's most recent change that has not been undone yet."""

        def work(connection: Connection) -> str:
            event = connection.execute(
                select(
                    audit_event.c.id,
                    audit_event.c.entry_id,
                    audit_event.c.action,
                    audit_event.c.before,
                )
                .where(
                    audit_event.c.actor_id == self.worker_id(connection),
                    audit_event.c.action.in_(("create", "edit", "delete")),
                    audit_event.c.undone_at.is_(None),
                )
                .order_by(audit_event.c.id.desc())
                .limit(1)
            ).first()
            if event is None or event.entry_id is None:
                raise NotFoundError("Er is niets om ongedaan te maken.")
            row = self._fetch(connection, event.entry_id)
            assert row is not None
            if event.action == "create":
                values: dict[str, Any] = {"deleted_at": now_utc()}
                what = "toevoegen"
            else:
                values = _from_snapshot(json.loads(event.before))
                what = "wijzigen" if event.action == "edit" else "verwijderen"
                if values["deleted_at"] is None:
                    self._check_overlap(
                        connection, values["start_at"], values["end_at"], ignore=[row["id"]]
                    )
            restored = self._write(
                connection, "undo", row["id"], row, updated_at=now_utc(), **values
            )
            connection.execute(
                update(audit_event).where(audit_event.c.id == event.id).values(undone_at=now_utc())
            )
            return f"Ongedaan gemaakt: {what} van {self._entry(restored).describe(self.tz)}."

        message: str = self._commit(work)
        return message

    def most_used_categories(self, limit: int = 9) -> list[Category]:
        """The worker's categories by number of entries in the last 90 days, then the rest."""
        since = self._now() - timedelta(days=90)
        with self.db.transaction() as connection:
            keys = connection.scalars(
                select(time_entry.c.category_key)
                .where(
                    time_entry.c.worker_id == self.worker_id(connection),
                    time_entry.c.deleted_at.is_(None),
                    time_entry.c.start_at >= since,
                )
                .group_by(time_entry.c.category_key)
                .order_by(func.count().desc(), time_entry.c.category_key)
            ).all()
        used = [self._labels[key] for key in keys if key in self._labels]
        rest = [c for c in self.categories if c not in used]
        return (used + rest)[:limit]

    def recent_municipalities(self, limit: int = 8) -> list[str]:
        """CBS codes the worker logged most recently, newest first."""
        with self.db.transaction() as connection:
            rows = connection.execute(
                select(time_entry.c.municipality_code, func.max(time_entry.c.start_at))
                .where(
                    time_entry.c.worker_id == self.worker_id(connection),
                    time_entry.c.deleted_at.is_(None),
                    time_entry.c.municipality_code.is_not(None),
                )
                .group_by(time_entry.c.municipality_code)
                .order_by(func.max(time_entry.c.start_at).desc())
                .limit(limit)
            ).all()
        return [str(code) for code, _ in rows]

    def entries(self, start: datetime, end: datetime) -> list[Entry]:
        """Live entries that overlap [start, end), oldest first."""
        with self.db.transaction() as connection:
            rows = connection.execute(
                select(time_entry)
                .where(
                    time_entry.c.worker_id == self.worker_id(connection),
                    time_entry.c.deleted_at.is_(None),
                    time_entry.c.start_at < end,
                    or_(time_entry.c.end_at.is_(None), time_entry.c.end_at > start),
                )
                .order_by(time_entry.c.start_at)
            ).mappings()
            return [self._entry(row) for row in rows]

    def entries_for_days(self, first: date, last: date) -> list[Entry]:
        """Entries of local days first..last (inclusive)."""
        return self.entries(
            local_midnight(first, self.tz), local_midnight(last + timedelta(days=1), self.tz)
        )
