"""Option handling shared by several commands."""

from __future__ import annotations

from datetime import date, timedelta

import click

from regeldruk.fmt import local
from regeldruk.timeparse import iso_week_of, now_utc, parse_date, parse_iso_week


def resolve_days(
    tz: str, week: str | None, first: str | None, last: str | None
) -> tuple[date, date]:
    """The local days of --week or --from/--to (inclusive); this week when neither is given."""
    if week and (first or last):
        raise click.UsageError("Gebruik --week óf --from/--to, niet allebei.")
    if week:
        monday, next_monday = parse_iso_week(week)
        return monday, next_monday - timedelta(days=1)
    today = local(now_utc(), tz).date()
    if first or last:
        start = parse_date(first, tz) if first else today
        end = parse_date(last, tz) if last else start
        if end < start:
            raise click.UsageError("--to ligt vóór --from.")
        return start, end
    monday, next_monday = iso_week_of(today)
    return monday, next_monday - timedelta(days=1)
