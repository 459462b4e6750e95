"""The sector's publication grid and profile: which periods, which level, which k.

A sector body sets one profile in its database and sends it to its organisations as a
file (``regeldruk/sector-profile@1``). Every package then covers exactly one calendar
period of the grid (a month or a quarter) at the profile's area level and k, so two
packages of one organisation never overlap or differ in level (issue #12).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from regeldruk.errors import RegeldrukError, quote

PROFILE_SCHEMA = "regeldruk/sector-profile@1"
PERIOD_KINDS = ("month", "quarter")
AREA_LEVELS = ("municipality", "region", "NL")
MIN_K = 5
MAX_K = 1000  # no sector needs more; bounds every k before any arithmetic
MAX_PROFILE_BYTES = 4096
MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
    "september", "oktober", "november", "december",
)  # fmt: skip
_LABEL = re.compile(r"(20[0-9]{2})-(?:(0[1-9]|1[0-2])|Q([1-4]))", re.ASCII)


class ProfileError(RegeldrukError):
    """A profile or period that can't be used; the message says why."""


@dataclass(frozen=True, order=True)
class GridPeriod:
    """One calendar period of the grid: a month (2026-10) or a quarter (2026-Q4)."""

    first: date
    last: date
    label: str
    kind: str

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def overlaps(self, first: date, last: date) -> bool:
        return self.first <= last and first <= self.last


def parse_period(text: str) -> GridPeriod:
    """A grid period from its label; anything else (2026-W41, 2026-00, 1999-01) refused."""
    found = _LABEL.fullmatch(text.strip()) if isinstance(text, str) else None
    if not found:
        raise ProfileError(
            f"Periode {quote(text)} bestaat niet in het rooster: gebruik een maand "
            "(2026-10) of een kwartaal (2026-Q4), vanaf 2000."
        )
    year = int(found.group(1))
    if found.group(2):
        first = date(year, int(found.group(2)), 1)
        return GridPeriod(first, _month_end(first, 1), f"{year}-{found.group(2)}", "month")
    quarter = int(found.group(3))
    first = date(year, 3 * quarter - 2, 1)
    return GridPeriod(first, _month_end(first, 3), f"{year}-Q{quarter}", "quarter")


def _month_end(first: date, months: int) -> date:
    month = first.month - 1 + months
    return date(first.year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def period_of(day: date, kind: str) -> GridPeriod:
    if kind == "month":
        return parse_period(f"{day.year}-{day.month:02d}")
    return parse_period(f"{day.year}-Q{(day.month - 1) // 3 + 1}")


def last_complete(kind: str, today: date) -> GridPeriod:
    """The latest period of the grid that has ended before ``today``."""
    return period_of(period_of(today, kind).first - timedelta(days=1), kind)


def dutch_period(label: str) -> str:
    """'oktober 2026', '4e kwartaal 2026'."""
    period = parse_period(label)
    if period.kind == "month":
        return f"{MONTHS[period.first.month - 1]} {period.first.year}"
    return f"{(period.first.month + 2) // 3}e kwartaal {period.first.year}"


def dutch_span(labels: list[str]) -> str:
    """The periods a report covers, as a reader would say them."""
    if not labels:
        return "geen periode"
    periods = sorted(parse_period(label) for label in labels)
    if len(periods) == 1:
        return dutch_period(periods[0].label)
    contiguous = all(
        b.first == a.last + timedelta(days=1) for a, b in zip(periods, periods[1:], strict=False)
    )
    if contiguous:
        return f"{dutch_period(periods[0].label)} t/m {dutch_period(periods[-1].label)}"
    return ", ".join(dutch_period(p.label) for p in periods)


@dataclass(frozen=True)
class Profile:
    """What the sector asks of every package."""

    period: str  # month | quarter
    area: str  # municipality | region | NL
    k: int

    def to_json(self) -> dict[str, Any]:
        return {"schema": PROFILE_SCHEMA, "period": self.period, "area": self.area, "k": self.k}

    def describe(self) -> str:
        area = {"municipality": "gemeente", "region": "jeugdzorgregio", "NL": "heel Nederland"}
        period = {"month": "maand", "quarter": "kwartaal"}
        return f"per {period[self.period]} en {area[self.area]}, k = {self.k}"


def make_profile(period: object, area: object, k: object) -> Profile:
    """A profile from settings; every value checked, k bounded before use."""
    if period not in PERIOD_KINDS:
        raise ProfileError(f"Periode {quote(period)} onbekend: kies month of quarter.")
    if area not in AREA_LEVELS:
        raise ProfileError(f"Gebied {quote(area)} onbekend: kies municipality, region of NL.")
    if not isinstance(k, int) or isinstance(k, bool) or not MIN_K <= k <= MAX_K:
        raise ProfileError(
            f"k = {quote(k, 20)} kan niet: kies een geheel getal van {MIN_K} tot en met {MAX_K}."
        )
    return Profile(str(period), str(area), k)


def profile_from_json(raw: object, source: str) -> Profile:
    if not isinstance(raw, dict) or raw.get("schema") != PROFILE_SCHEMA:
        raise ProfileError(f"{source}: geen sectorprofiel ({PROFILE_SCHEMA}).")
    try:
        return make_profile(raw.get("period"), raw.get("area"), raw.get("k"))
    except ProfileError as err:
        raise ProfileError(f"{source}: {err}") from None


def read_profile(path: Path) -> Profile:
    """A profile file as the sector body sent it; one clear line when it is not one."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_PROFILE_BYTES + 1)
    except OSError as err:
        raise ProfileError(
            f"{path.name}: kan het sectorprofiel niet lezen ({err.strerror})."
        ) from None
    if len(data) > MAX_PROFILE_BYTES:
        raise ProfileError(f"{path.name}: te groot voor een sectorprofiel.")
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ProfileError(f"{path.name}: geen sectorprofiel (geen geldige JSON).") from None
    return profile_from_json(raw, path.name)


def write_profile(profile: Profile, path: Path) -> None:
    path.write_text(json.dumps(profile.to_json(), indent=1) + "\n", encoding="utf-8")
