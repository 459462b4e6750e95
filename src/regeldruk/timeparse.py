"""Parsing the times and dates users type: HH:MM, ISO 8601, now, -15m; today, yesterday."""

from __future__ import annotations

import os
import re
from datetime import date, datetime, timedelta

import pendulum

from regeldruk.errors import ParseError, quote

UTC = pendulum.UTC


def now_utc() -> pendulum.DateTime:
    """The current time; REGELDRUK_NOW (ISO 8601) fixes the clock for tests and snapshots."""
    fixed = os.environ.get("REGELDRUK_NOW")
    if fixed:
        parsed = pendulum.parse(fixed)
        assert isinstance(parsed, pendulum.DateTime)
        return parsed.in_timezone(UTC)
    return pendulum.now(UTC)


def floor_minute(moment: datetime) -> pendulum.DateTime:
    """Entries are kept to the whole minute, so that every sum is exact."""
    return pendulum.instance(moment).in_timezone(UTC).replace(second=0, microsecond=0)


_CLOCK = re.compile(r"(\d{1,2})[:.h]?(\d{2})")
_ISO_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[t ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|z)?"
)
_RELATIVE = re.compile(r"-\s*(\d+)\s*(m|min|u|h)")


def local_datetime(day: date, hour: int, minute: int, tz: str) -> pendulum.DateTime:
    """A wall-clock time on a day; refuses the hour that does not exist when DST starts.

    An ambiguous time (the repeated hour when DST ends) is read as its first occurrence
    (summer time); write it with an offset (ISO 8601) to mean the second one.
    """
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ParseError(f"Ongeldige tijd {hour:02d}:{minute:02d}.")
    naive = datetime(day.year, day.month, day.day, hour, minute)
    zone = pendulum.timezone(tz)
    first = naive.replace(tzinfo=zone, fold=0)
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        raise ParseError(
            f"{hour:02d}:{minute:02d} bestaat niet op {day.isoformat()}: de klok ging toen "
            "een uur vooruit (zomertijd)."
        )
    return pendulum.instance(first.astimezone(UTC)).in_timezone(tz)


def parse_date(text: str, tz: str, now: datetime | None = None) -> date:
    value = text.strip().lower()
    today = pendulum.instance(now or now_utc()).in_timezone(tz).date()
    if value in ("today", "vandaag"):
        return today
    if value in ("yesterday", "gisteren"):
        return today - timedelta(days=1)
    if value in ("tomorrow", "morgen"):
        return today + timedelta(days=1)
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{1,2})-(\d{1,2})-(\d{4})", value)  # 25-10-2026, as on paper
    if match:
        try:
            return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        except ValueError:
            pass
    raise ParseError(
        f"Onbekende datum {quote(text)}. Gebruik JJJJ-MM-DD (2026-10-25), DD-MM-JJJJ, "
        "'today' of 'yesterday'."
    )


def parse_time(
    text: str, tz: str, day: date | None = None, now: datetime | None = None
) -> pendulum.DateTime:
    """A moment in time; HH:MM is read on ``day`` (default: today) in the local time zone."""
    value = text.strip().lower()
    current = pendulum.instance(now or now_utc()).in_timezone(tz)
    if value in ("now", "nu"):
        return current
    relative = _RELATIVE.fullmatch(value)
    if relative:
        amount = int(relative.group(1))
        minutes = amount if relative.group(2) in ("m", "min") else amount * 60
        return current.subtract(minutes=minutes)
    clock = _CLOCK.fullmatch(value)
    if clock:
        return local_datetime(day or current.date(), int(clock.group(1)), int(clock.group(2)), tz)
    if re.fullmatch(
        r"\d{4}-\d{2}-\d{2}[t ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|z)?", value
    ):
        try:
            parsed = datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
        except ValueError:
            raise ParseError(f"Ongeldige tijd {quote(text)}.") from None
        if parsed.tzinfo is None:
            moment = local_datetime(parsed.date(), parsed.hour, parsed.minute, tz)
            return moment.add(seconds=parsed.second)
        return pendulum.instance(parsed).in_timezone(tz)
    raise ParseError(
        f"Onbekende tijd {quote(text)}. Gebruik UU:MM (9:15), ISO 8601 (2026-10-25T09:15), "
        "'now' of terug in de tijd (-15m)."
    )


def is_clock_time(text: str) -> bool:
    """True for a bare wall-clock time such as 9:15 (read on a day chosen by the caller)."""
    return _CLOCK.fullmatch(text.strip().lower()) is not None


def parse_span(
    start_text: str, end_text: str, tz: str, day: date | None = None, now: datetime | None = None
) -> tuple[pendulum.DateTime, pendulum.DateTime]:
    """From/to as typed; a clock end time at or before the start falls on the next day."""
    start = parse_time(start_text, tz, day, now)
    end = parse_time(end_text, tz, day or start.date(), now)
    if end <= start and is_clock_time(end_text):
        end = parse_time(end_text, tz, start.date() + timedelta(days=1), now)
    return start, end


def parse_iso_week(text: str) -> tuple[date, date]:
    """'2026-W43' (or '2026W43', '43' for this year) -> (monday, next monday)."""
    value = text.strip().upper()
    match = re.fullmatch(r"(?:(\d{4})-?)?W?(\d{1,2})", value)
    if not match:
        raise ParseError(f"Onbekende week {quote(text)}. Gebruik ISO-weken zoals 2026-W43.")
    year = int(match.group(1)) if match.group(1) else now_utc().year
    week = int(match.group(2))
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        raise ParseError(f"Week {week} bestaat niet in {year}.") from None
    return monday, monday + timedelta(days=7)


def iso_week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=7)


def local_date(moment: datetime, tz: str) -> date:
    return pendulum.instance(moment).in_timezone(tz).date()


def local_midnight(day: date, tz: str) -> pendulum.DateTime:
    return pendulum.datetime(day.year, day.month, day.day, tz=tz)
