"""What the time log says about the forms: minutes per occurrence and how often, in a period.

Every finished, live entry logged with ``--form`` counts as one occurrence of that form.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, func, select

from regeldruk.db.engine import Database
from regeldruk.db.schema import time_entry

DAYS_PER_YEAR = 365.0


@dataclass(frozen=True)
class FormLog:
    """Minutes of every logged occurrence per form id, and the period they come from."""

    minutes: dict[str, list[int]] = field(default_factory=dict)
    first: date | None = None  # the measurement period, both ends included
    last: date | None = None

    @property
    def days(self) -> int:
        if self.first is None or self.last is None:
            return 0
        return (self.last - self.first).days + 1

    @property
    def entries(self) -> int:
        return sum(len(times) for times in self.minutes.values())

    def per_year(self, count: float) -> float:
        """A count over the measurement period scaled to a year."""
        return count * DAYS_PER_YEAR / self.days if self.days else 0.0

    def describe(self) -> str:
        if self.first is None or self.last is None:
            return "geen registraties op formulieren"
        return (
            f"{self.first:%d-%m-%Y} t/m {self.last:%d-%m-%Y} ({self.days} dagen): "
            f"{self.entries:,} registraties op {len(self.minutes)} formulieren".replace(",", ".")
        )


def read_form_log(
    db: Database | None,
    first: date | None = None,
    last: date | None = None,
    tz: str = "Europe/Amsterdam",
) -> FormLog:
    """The entries logged against a form, optionally only those starting in [first, last].

    Without bounds the period runs from the first to the last day of the whole time log
    (any entry, with a form or not): a form not filled in on the last days of a measured
    week was still measured on them.
    """
    if db is None:
        return FormLog()
    zone = ZoneInfo(tz)
    live: list[ColumnElement[bool]] = [
        time_entry.c.end_at.is_not(None),
        time_entry.c.deleted_at.is_(None),
    ]
    if first is not None:
        live.append(time_entry.c.start_at >= _utc(first, zone))
    if last is not None:
        live.append(time_entry.c.start_at < _utc(last + timedelta(days=1), zone))
    found: dict[str, list[int]] = defaultdict(list)
    forms = select(time_entry.c.form_id, time_entry.c.start_at, time_entry.c.end_at).where(
        time_entry.c.form_id.is_not(None), *live
    )
    span = select(func.min(time_entry.c.start_at), func.max(time_entry.c.start_at)).where(*live)
    with db.transaction() as connection:
        for form_id, start, end in connection.execute(forms):
            found[form_id].append(int((end - start).total_seconds() // 60))
        earliest, latest = connection.execute(span).one()
    if earliest is None:
        return FormLog({}, first, last)
    return FormLog(
        dict(found),
        first or _local_day(_aware(earliest), zone),
        last or _local_day(_aware(latest), zone),
    )


def _utc(day: date, zone: ZoneInfo) -> datetime:
    """Local midnight of ``day`` (the UTC column type converts it)."""
    return datetime.combine(day, time(0, 0), tzinfo=zone)


def _aware(moment: datetime | str) -> datetime:
    """min()/max() bypass the column type on SQLite: naive UTC text comes back."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _local_day(moment: datetime, zone: ZoneInfo) -> date:
    return moment.astimezone(zone).date()
