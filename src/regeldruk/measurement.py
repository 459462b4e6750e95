"""Measurement weeks: a team logs all its time only in a few sampled weeks, not all year.

Logging every minute all year is itself burden. A team plans sampled ISO weeks (by
default two per quarter, drawn at random within each quarter); outside them logging is
optional. Reports say which weeks they rest on and extrapolate a share to the year with
the uncertainty that follows from the spread between the measured weeks (``estimate``).
"""

from __future__ import annotations

import math
import random
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

from regeldruk.db.engine import Database
from regeldruk.db.schema import measurement_week, team, worker
from regeldruk.errors import NotFoundError, RegeldrukError
from regeldruk.reporting import Summary
from regeldruk.timeparse import now_utc

WEEKS_PER_YEAR = 52


@dataclass(frozen=True, order=True)
class Week:
    iso_year: int
    iso_week: int

    @property
    def label(self) -> str:
        return f"{self.iso_year}-W{self.iso_week:02d}"

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.iso_year, self.iso_week, 1)

    @classmethod
    def of(cls, day: date) -> Week:
        iso = day.isocalendar()
        return cls(iso.year, iso.week)


@dataclass(frozen=True)
class PlannedWeek:
    team: str
    week: Week


def weeks_in_year(year: int) -> int:
    return date(year, 12, 28).isocalendar().week


def quarters(year: int) -> list[list[int]]:
    """The ISO weeks of a year in four quarters (13, 13, 13 and 13 or 14 weeks)."""
    last = weeks_in_year(year)
    return [list(range(1, 14)), list(range(14, 27)), list(range(27, 40)), list(range(40, last + 1))]


def sample_weeks(year: int, per_quarter: int, taken: set[int], rng: random.Random) -> list[Week]:
    """``per_quarter`` weeks drawn at random within each quarter, skipping weeks already
    planned (a quarter that has them gets fewer new ones)."""
    chosen: list[Week] = []
    for weeks in quarters(year):
        have = sum(w in taken for w in weeks)
        free = [w for w in weeks if w not in taken]
        wanted = max(0, min(per_quarter - have, len(free)))
        chosen += [Week(year, w) for w in sorted(rng.sample(free, wanted))]
    return chosen


def _team_id(connection: Connection, team_name: str) -> int:
    found = connection.execute(select(team.c.id).where(team.c.name == team_name)).scalar()
    if found is None:
        raise NotFoundError(f"Onbekend team '{team_name}'.")
    return int(found)


def _worker_id(connection: Connection, name: str | None) -> int | None:
    if name is None:
        return None
    return connection.execute(select(worker.c.id).where(worker.c.name == name)).scalar()


def planned(connection: Connection, team_id: int, year: int | None = None) -> list[Week]:
    query = select(measurement_week.c.iso_year, measurement_week.c.iso_week).where(
        measurement_week.c.team_id == team_id
    )
    if year is not None:
        query = query.where(measurement_week.c.iso_year == year)
    return sorted(Week(int(y), int(w)) for y, w in connection.execute(query))


def plan(
    db: Database,
    team_name: str,
    year: int,
    per_quarter: int = 2,
    weeks: Sequence[Week] = (),
    planner: str | None = None,
    seed: int | None = None,
    now: datetime | None = None,
) -> list[Week]:
    """Plan the given weeks, or draw ``per_quarter`` per quarter; returns the new ones."""
    if not 0 < per_quarter <= 13:
        raise RegeldrukError("Het aantal meetweken per kwartaal moet tussen 1 en 13 liggen.")
    with db.transaction() as connection:
        team_id = _team_id(connection, team_name)
        taken = {w.iso_week for w in planned(connection, team_id, year)}
        if weeks:
            existing = {(w.iso_year, w.iso_week) for w in planned(connection, team_id)}
            new = [w for w in weeks if (w.iso_year, w.iso_week) not in existing]
        else:
            rng = random.Random(seed if seed is not None else secrets.randbits(64))
            new = sample_weeks(year, per_quarter, taken, rng)
        planner_id = _worker_id(connection, planner)
        at = now or now_utc()
        for week in new:
            connection.execute(
                insert(measurement_week).values(
                    team_id=team_id,
                    iso_year=week.iso_year,
                    iso_week=week.iso_week,
                    planned_by=planner_id,
                    planned_at=at,
                )
            )
    return new


def remove(db: Database, team_name: str, week: Week) -> None:
    with db.transaction() as connection:
        team_id = _team_id(connection, team_name)
        gone = connection.execute(
            delete(measurement_week).where(
                measurement_week.c.team_id == team_id,
                measurement_week.c.iso_year == week.iso_year,
                measurement_week.c.iso_week == week.iso_week,
            )
        ).rowcount
        if not gone:
            raise NotFoundError(f"{week.label} is geen meetweek van {team_name}.")


def list_planned(db: Database, team_name: str | None, year: int | None) -> list[PlannedWeek]:
    with db.transaction() as connection:
        query = select(team.c.name, measurement_week.c.iso_year, measurement_week.c.iso_week).join(
            team, team.c.id == measurement_week.c.team_id
        )
        if team_name:
            query = query.where(measurement_week.c.team_id == _team_id(connection, team_name))
        if year is not None:
            query = query.where(measurement_week.c.iso_year == year)
        rows = connection.execute(query).all()
    return sorted(
        (PlannedWeek(name, Week(int(y), int(w))) for name, y, w in rows),
        key=lambda p: (p.team, p.week),
    )


def weeks_for_workers(
    connection: Connection, worker_ids: Sequence[int], first: date, last: date
) -> list[Week]:
    """Measurement weeks of these workers' teams that lie wholly within first..last."""
    if not worker_ids:
        return []
    team_ids = select(worker.c.team_id).where(worker.c.id.in_(list(worker_ids)))
    rows = connection.execute(
        select(measurement_week.c.iso_year, measurement_week.c.iso_week)
        .where(measurement_week.c.team_id.in_(team_ids))
        .distinct()
    )
    weeks = sorted(Week(int(y), int(w)) for y, w in rows)
    return [w for w in weeks if w.monday >= first and w.monday + timedelta(days=6) <= last]


@dataclass(frozen=True)
class Status:
    """What the TUI tells a worker about logging today."""

    any_planned: bool  # the team uses measurement weeks at all
    current: Week | None  # today's week when it is a measurement week
    next: Week | None  # the next measurement week after today's

    def line(self) -> str:
        if not self.any_planned:
            return "Geen meetweken gepland: registreer zoals met uw team afgesproken."
        upcoming = f" Volgende meetweek: {self.next.label}." if self.next else ""
        if self.current is not None:
            return f"Meetweek {self.current.label}: registreer deze week al uw tijd."
        return f"Geen meetweek: registreren is nu niet nodig (mag wel).{upcoming}"


def status(connection: Connection, worker_id: int, today: date) -> Status:
    team_id = connection.execute(select(worker.c.team_id).where(worker.c.id == worker_id)).scalar()
    weeks = planned(connection, int(team_id)) if team_id is not None else []
    this = Week.of(today)
    later = [w for w in weeks if w > this]
    return Status(bool(weeks), this if this in weeks else None, later[0] if later else None)


# -- extrapolation ------------------------------------------------------------------------

# Two-sided 95% quantiles of Student's t for 1..30 degrees of freedom (any statistics
# table, e.g. NIST/SEMATECH e-Handbook of Statistical Methods, section 1.3.6.7.2);
# beyond 30 the normal 1.96 is close enough for this purpose.
T_975 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip


def t_quantile(df: int) -> float:
    return T_975[df - 1] if 1 <= df <= len(T_975) else 1.96


@dataclass(frozen=True)
class Interval:
    value: float
    low: float | None  # None with fewer than two weeks: no spread to go on
    high: float | None

    def to_json(self) -> dict[str, float | None]:
        return {"value": self.value, "low": self.low, "high": self.high}


def ratio_interval(
    parts: Sequence[int], totals: Sequence[int], population: int = WEEKS_PER_YEAR
) -> Interval | None:
    """A year's share estimated from sampled weeks: the ratio estimator Σpart / Σtotal with
    a 95% interval from the spread between weeks (Cochran, Sampling Techniques, 3rd ed.,
    §6.4: var(R) ≈ (1 − n/N) / (n · t̄²) · Σ(part_i − R·total_i)² / (n − 1)), t with n − 1
    degrees of freedom. Weeks are treated as a simple random sample of the year's weeks;
    sampling within quarters spreads them out, so this errs on the wide side."""
    pairs = [(p, t) for p, t in zip(parts, totals, strict=True) if t > 0]
    n = len(pairs)
    if n == 0:
        return None
    ratio = sum(p for p, _ in pairs) / sum(t for _, t in pairs)
    if n < 2:
        return Interval(ratio, None, None)
    mean_total = sum(t for _, t in pairs) / n
    spread = sum((p - ratio * t) ** 2 for p, t in pairs) / (n - 1)
    fpc = max(0.0, 1 - n / population)
    half = t_quantile(n - 1) * math.sqrt(fpc * spread / n) / mean_total
    return Interval(ratio, max(0.0, ratio - half), min(1.0, ratio + half))


@dataclass(frozen=True)
class Estimate:
    """A report's measurement weeks and the year's shares extrapolated from them."""

    weeks: list[Week]
    accountability: Interval | None
    administration: Interval | None

    def to_json(self) -> dict[str, object]:
        return {
            "weeks": [w.label for w in self.weeks],
            "accountability_share": self.accountability.to_json() if self.accountability else None,
            "administration_share": self.administration.to_json() if self.administration else None,
            "method": "ratio estimator over measurement weeks, 95% t-interval, fpc 52 weeks",
        }

    def describe(self) -> list[str]:
        """Dutch lines for the reports."""
        if not self.weeks:
            return ["Deze cijfers rusten niet op een meetweek (geen volledige registratie)."]
        lines = [f"Gemeten weken: {', '.join(w.label for w in self.weeks)} ({len(self.weeks)})."]
        for name, interval in (
            ("aandeel administratie (CBS-definitie)", self.administration),
            ("aandeel verantwoording", self.accountability),
        ):
            if interval is None:
                continue
            if interval.low is None or interval.high is None:
                lines.append(
                    f"Jaarschatting {name}: {_pct(interval.value)} (één week: geen marge)."
                )
            else:
                lines.append(
                    f"Jaarschatting {name}: {_pct(interval.value)} "
                    f"(95%-betrouwbaarheidsinterval {_pct(interval.low)}–{_pct(interval.high)})."
                )
        return lines


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%".replace(".", ",")


def estimate(weeks: Sequence[Week], per_day: dict[date, Summary]) -> Estimate:
    """Per measurement week the minutes of the report's own days (so team reports use the
    same shown-plus-combined totals as their other figures)."""
    summaries = []
    for week in weeks:
        total = Summary()
        for offset in range(7):
            day = week.monday + timedelta(days=offset)
            if day in per_day:
                total.merge(per_day[day])
        summaries.append(total)
    totals = [s.total_minutes for s in summaries]
    return Estimate(
        list(weeks),
        ratio_interval([s.minutes["accountability"] for s in summaries], totals),
        ratio_interval([s.administration_minutes for s in summaries], totals),
    )
