"""Time logging: start, stop, switch, add, edit, delete, undo and list entries of one worker.

Every change runs in one transaction together with its audit event. Overlap is checked here
(with the SQLite write lock held, see db.engine) and, on PostgreSQL, also by an exclusion
constraint, so two processes cannot race into an overlap.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pendulum
from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from regeldruk.db.engine import Database
from regeldruk.db.models import AuditEvent, TimeEntry, Worker
from regeldruk.db.models import Category as CategoryRow
from regeldruk.errors import NotFoundError, OverlapError, RegeldrukError
from regeldruk.municipalities import by_code, resolve_municipality
from regeldruk.privacy import check_note
from regeldruk.taxonomy import Category, resolve_category
from regeldruk.timeparse import floor_minute, local_midnight, now_utc

MAX_ENTRY = timedelta(hours=24)
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


def _snapshot(row: TimeEntry) -> dict[str, Any]:
    return {
        "category_key": row.category_key,
        "start_at": row.start_at.isoformat(),
        "end_at": row.end_at.isoformat() if row.end_at else None,
        "municipality_code": row.municipality_code,
        "form_id": row.form_id,
        "note": row.note,
        "deleted_at": row.deleted_at.isoformat() if row.deleted_at else None,
    }


def _restore(row: TimeEntry, snapshot: dict[str, Any]) -> None:
    def moment(value: str | None) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)

    row.category_key = snapshot["category_key"]
    row.start_at = datetime.fromisoformat(snapshot["start_at"])
    row.end_at = moment(snapshot["end_at"])
    row.municipality_code = snapshot["municipality_code"]
    row.form_id = snapshot["form_id"]
    row.note = snapshot["note"]
    row.deleted_at = moment(snapshot["deleted_at"])


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

    def worker_id(self, session: Session) -> int:
        if self._worker_id is None:
            found = session.scalars(
                select(Worker.id).where(Worker.name == self.worker_name)
            ).first()
            if found is None:
                raise NotFoundError(
                    f"Medewerker '{self.worker_name}' staat niet in deze database. "
                    "Voer 'regeldruk init --worker NAAM --team TEAM' uit."
                )
            self._worker_id = found
        return self._worker_id

    def category(self, text: str) -> Category:
        return resolve_category(text, self.categories)

    def _now(self) -> datetime:
        return floor_minute(self.clock())

    def _entry(self, row: TimeEntry) -> Entry:
        category = self._labels.get(row.category_key)
        return Entry(
            id=row.id,
            start=row.start_at,
            end=row.end_at,
            category=row.category_key,
            kind=category.kind if category else "other",
            label=category.label if category else row.category_key,
            gemeente=row.municipality_code,
            form=row.form_id,
            note=row.note,
        )

    def _ensure_category(self, session: Session, category: Category) -> None:
        # The taxonomy may be replaced in the config: keep the category table in step.
        row = session.get(CategoryRow, category.key)
        if row is None:
            session.add(CategoryRow(key=category.key, label=category.label, kind=category.kind))
            session.flush()
        elif (row.label, row.kind) != (category.label, category.kind):
            row.label, row.kind = category.label, category.kind

    def _audit(
        self,
        session: Session,
        action: str,
        row: TimeEntry,
        before: dict[str, Any] | None,
    ) -> None:
        session.flush()
        session.add(
            AuditEvent(
                at=now_utc(),
                actor_id=self.worker_id(session),
                entry_id=row.id,
                action=action,
                before=None if before is None else json.dumps(before),
                after=json.dumps(_snapshot(row)),
            )
        )

    def _check_overlap(
        self,
        session: Session,
        start: datetime,
        end: datetime | None,
        ignore: Sequence[int] = (),
    ) -> None:
        """Refuse [start, end) when it overlaps another live entry; end None means open."""
        query = select(TimeEntry).where(
            TimeEntry.worker_id == self.worker_id(session),
            TimeEntry.deleted_at.is_(None),
            or_(TimeEntry.end_at.is_(None), TimeEntry.end_at > start),
        )
        if end is not None:
            query = query.where(TimeEntry.start_at < end)
        if ignore:
            query = query.where(TimeEntry.id.not_in(ignore))
        conflict = session.scalars(query.order_by(TimeEntry.start_at).limit(1)).first()
        if conflict is not None:
            entry = self._entry(conflict)
            raise OverlapError(
                f"Overlapt met registratie {entry.describe(self.tz)}. "
                "Pas die eerst aan of kies andere tijden.",
                conflict.id,
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

    def _commit(self, work: Callable[[Session], Any]) -> Any:
        """Run a change in one transaction; a race lost on PostgreSQL becomes an overlap."""
        try:
            with self.db.session() as session:
                return work(session)
        except IntegrityError as err:
            text = str(err.orig)
            if "ex_entry_no_overlap" in text or "uq_entry_running" in text:
                raise OverlapError(
                    "Een ander proces sloeg net een overlappende registratie op; "
                    "er is niets gewijzigd. Bekijk 'regeldruk log list' en probeer opnieuw.",
                    0,
                ) from None
            raise

    def _live_row(self, session: Session, entry_id: int) -> TimeEntry:
        row = session.get(TimeEntry, entry_id)
        if row is None or row.worker_id != self.worker_id(session) or row.deleted_at is not None:
            raise NotFoundError(f"Registratie #{entry_id} bestaat niet (of is verwijderd).")
        return row

    def _running_row(self, session: Session) -> TimeEntry | None:
        return session.scalars(
            select(TimeEntry).where(
                TimeEntry.worker_id == self.worker_id(session),
                TimeEntry.end_at.is_(None),
                TimeEntry.deleted_at.is_(None),
            )
        ).first()

    def _close(self, session: Session, row: TimeEntry, at: datetime) -> Entry:
        """Stop a running entry at ``at``; one that lasted under a minute is dropped."""
        if at < row.start_at:
            start = pendulum.instance(row.start_at).in_timezone(self.tz).format("HH:mm")
            raise RegeldrukError(
                f"De stoptijd ligt vóór de start van de lopende activiteit ({start})."
            )
        before = _snapshot(row)
        if at == row.start_at:
            row.deleted_at = now_utc()
            self._audit(session, "delete", row, before)
        else:
            self._validate_span(row.start_at, at)
            self._check_overlap(session, row.start_at, at, ignore=[row.id])
            row.end_at = at
            row.updated_at = now_utc()
            self._audit(session, "edit", row, before)
        return self._entry(row)

    # -- commands --------------------------------------------------------------------------

    def get(self, entry_id: int) -> Entry:
        with self.db.session() as session:
            return self._entry(self._live_row(session, entry_id))

    def running(self) -> Entry | None:
        with self.db.session() as session:
            row = self._running_row(session)
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

        def work(session: Session) -> StartResult:
            self._ensure_category(session, chosen)
            running = self._running_row(session)
            stopped = self._close(session, running, moment) if running else None
            self._check_overlap(session, moment, None)
            row = TimeEntry(
                worker_id=self.worker_id(session),
                category_key=chosen.key,
                start_at=moment,
                end_at=None,
                municipality_code=code,
                form_id=form or None,
                note=clean_note,
                created_at=now_utc(),
                updated_at=now_utc(),
            )
            session.add(row)
            self._audit(session, "create", row, None)
            return StartResult(self._entry(row), stopped)

        result: StartResult = self._commit(work)
        return result

    def stop(self, at: datetime | None = None) -> Entry:
        moment = floor_minute(at) if at else self._now()

        def work(session: Session) -> Entry:
            running = self._running_row(session)
            if running is None:
                raise NotFoundError("Er loopt geen activiteit.")
            return self._close(session, running, moment)

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

        def work(session: Session) -> Entry:
            self._ensure_category(session, chosen)
            self._check_overlap(session, start, end)
            row = TimeEntry(
                worker_id=self.worker_id(session),
                category_key=chosen.key,
                start_at=start,
                end_at=end,
                municipality_code=code,
                form_id=form or None,
                note=clean_note,
                created_at=now_utc(),
                updated_at=now_utc(),
            )
            session.add(row)
            self._audit(session, "create", row, None)
            return self._entry(row)

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
        code = UNCHANGED if gemeente is UNCHANGED else self._municipality(gemeente)
        clean_note = UNCHANGED if note is UNCHANGED else check_note(note)

        def work(session: Session) -> Entry:
            row = self._live_row(session, entry_id)
            before = _snapshot(row)
            new_start = floor_minute(start) if start else row.start_at
            new_end = floor_minute(end) if end else row.end_at
            self._validate_span(new_start, new_end)
            self._check_overlap(session, new_start, new_end, ignore=[row.id])
            if chosen:
                self._ensure_category(session, chosen)
                row.category_key = chosen.key
            row.start_at, row.end_at = new_start, new_end
            if code is not UNCHANGED:
                row.municipality_code = code
            if form is not UNCHANGED:
                row.form_id = form or None
            if clean_note is not UNCHANGED:
                row.note = clean_note
            row.updated_at = now_utc()
            self._audit(session, "edit", row, before)
            return self._entry(row)

        entry: Entry = self._commit(work)
        return entry

    def delete(self, entry_id: int) -> Entry:
        def work(session: Session) -> Entry:
            row = self._live_row(session, entry_id)
            before = _snapshot(row)
            row.deleted_at = now_utc()
            self._audit(session, "delete", row, before)
            return self._entry(row)

        entry: Entry = self._commit(work)
        return entry

    def undo(self) -> str:
        """Undo this worker's most recent change that has not been undone yet."""

        def work(session: Session) -> str:
            event = session.scalars(
                select(AuditEvent)
                .where(
                    AuditEvent.actor_id == self.worker_id(session),
                    AuditEvent.action.in_(("create", "edit", "delete")),
                    AuditEvent.undone_at.is_(None),
                )
                .order_by(AuditEvent.id.desc())
                .limit(1)
            ).first()
            if event is None or event.entry_id is None:
                raise NotFoundError("Er is niets om ongedaan te maken.")
            row = session.get(TimeEntry, event.entry_id)
            assert row is not None
            before = _snapshot(row)
            if event.action == "create":
                row.deleted_at = now_utc()
                what = "toevoegen"
            else:
                assert event.before is not None
                _restore(row, json.loads(event.before))
                what = "wijzigen" if event.action == "edit" else "verwijderen"
                if row.deleted_at is None:
                    self._check_overlap(session, row.start_at, row.end_at, ignore=[row.id])
            row.updated_at = now_utc()
            event.undone_at = now_utc()
            self._audit(session, "undo", row, before)
            return f"Ongedaan gemaakt: {what} van {self._entry(row).describe(self.tz)}."

        message: str = self._commit(work)
        return message

    def entries(self, start: datetime, end: datetime) -> list[Entry]:
        """Live entries that overlap [start, end), oldest first."""
        with self.db.session() as session:
            rows = session.scalars(
                select(TimeEntry)
                .where(
                    TimeEntry.worker_id == self.worker_id(session),
                    TimeEntry.deleted_at.is_(None),
                    TimeEntry.start_at < end,
                    or_(TimeEntry.end_at.is_(None), TimeEntry.end_at > start),
                )
                .order_by(TimeEntry.start_at)
            ).all()
            return [self._entry(row) for row in rows]

    def entries_for_days(self, first: date, last: date) -> list[Entry]:
        """Entries of local days first..last (inclusive)."""
        return self.entries(
            local_midnight(first, self.tz), local_midnight(last + timedelta(days=1), self.tz)
        )
