"""Dutch formatting of durations, numbers and times for every face."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pendulum


def hours_minutes(minutes: int) -> str:
    """452 -> '7:32'."""
    sign = "-" if minutes < 0 else ""
    minutes = abs(minutes)
    return f"{sign}{minutes // 60}:{minutes % 60:02d}"


def decimal_nl(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def percent(share: float | None) -> str:
    return "–" if share is None else f"{decimal_nl(share * 100)}%"


def ratio(value: float | None) -> str:
    """Paperwork ratio: accountability minutes per hour of client contact."""
    return "–" if value is None else f"{decimal_nl(value)} min per uur cliëntcontact"


def local(moment: datetime, tz: str) -> pendulum.DateTime:
    import pendulum  # deferred: the TUI paints its first frame without it

    return pendulum.instance(moment).in_timezone(tz)


def clock(moment: datetime | None, tz: str) -> str:
    return "…" if moment is None else local(moment, tz).format("HH:mm")


def day_label(moment: datetime, tz: str) -> str:
    return local(moment, tz).format("dd D MMM", locale="nl")


DAY_ABBREVIATIONS = ("ma", "di", "wo", "do", "vr", "za", "zo")


def short_day(day: date) -> str:
    """date(2026, 10, 26) -> 'ma 26-10'."""
    return f"{DAY_ABBREVIATIONS[day.weekday()]} {day:%d-%m}"
