"""A fictional demo organisation with realistic weeks of logged time.

Three teams of twelve workers, six weeks (2026-W39 to W44, across the end of summer time on
25 October), several municipalities, evening crisis duties that cross midnight. Generated
from a fixed seed, so every run gives the same data.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from regeldruk.db.engine import Database

if TYPE_CHECKING:
    from regeldruk.sector import Minutes as SectorMinutes
from regeldruk.db.models import AuditEvent, TimeEntry
from regeldruk.municipalities import resolve_municipality
from regeldruk.organisation import ensure_organisation, ensure_team, ensure_worker
from regeldruk.privacy import check_note
from regeldruk.timeparse import local_datetime, now_utc

ORGANISATION = "Jeugdhulp De Voorbeeldhaven (fictief)"
TEAMS = {
    "Team Noord": ["Utrecht", "De Bilt", "Zeist", "Stichtse Vecht"],
    "Team Oost": ["Amersfoort", "Leusden", "Soest", "Baarn"],
    "Team West": ["Nieuwegein", "Houten", "IJsselstein", "Utrecht"],
}
FIRST_NAMES = [
    "Sanne",
    "Daan",
    "Fatima",
    "Lotte",
    "Youssef",
    "Eva",
    "Bram",
    "Noor",
    "Thijs",
    "Mila",
    "Jesse",
    "Anouk",
    "Milan",
    "Iris",
    "Sem",
    "Yara",
    "Ruben",
    "Femke",
    "Luuk",
    "Zeynep",
    "Tim",
    "Esra",
    "Niels",
    "Roos",
    "Kevin",
    "Lisa",
    "Mehmet",
    "Julia",
    "Stijn",
    "Amira",
    "Koen",
    "Sophie",
    "Jasper",
    "Naomi",
    "Wouter",
    "Hanna",
]
WEEKS = [(2026, week) for week in range(39, 45)]
REPORT_WEEK = (2026, 44)

# (category, minutes range, needs municipality) for the blocks of a working day.
CLIENT = [("client-face", (45, 90)), ("client-remote", (20, 45)), ("client-group", (60, 90))]
INDIRECT = [
    ("netwerk", (20, 45)),
    ("casusoverleg", (30, 60)),
    ("dossier", (20, 50)),
    ("voorbereiding", (15, 30)),
]
ACCOUNTABILITY = [
    ("rapportage", (30, 75), "Voortgang naar wijkteam gestuurd"),
    ("verlenging", (30, 60), "Verlenging ingediend, wacht op reactie"),
    ("toewijzing", (20, 45), "Toewijzing opnieuw aangevraagd na afwijzing"),
    ("declaratie", (15, 40), "Declaratie oktober gecorrigeerd"),
    ("tijdregistratie", (10, 15), None),
    ("gegevenslevering", (20, 40), "Monitorgegevens nagezocht"),
]


@dataclass(frozen=True)
class DemoResult:
    workers: int
    teams: int
    entries: int
    first: date
    last: date
    leads: dict[str, str]  # team -> its team lead


def approve_demo_weeks(db: Database, result: DemoResult) -> int:
    """Each team lead approves every worker's first four weeks; the last two stay open."""
    from sqlalchemy import select

    from regeldruk.approval import approve_week
    from regeldruk.db.schema import team, worker

    with db.transaction() as connection:
        members = connection.execute(
            select(worker.c.name, team.c.name).join(team, team.c.id == worker.c.team_id)
        ).all()
    count = 0
    for name, team_name in members:
        for year, week in WEEKS[:4]:
            approve_week(db, result.leads[team_name], name, year, week)
            count += 1
    return count


# Issue #18: two measurement weeks in the demo's six (the report week is one), who said
# yes to sharing with their team lead, and the peiling answers after each measurement week.
MEASUREMENT_WEEKS = [(2026, 40), (2026, 44)]
SHARING_INDEXES = range(0, 5)  # per team: the lead and four workers say yes


def measure_demo(db: Database, result: DemoResult, seed: int = 2026) -> tuple[int, int, int]:
    """Plan the measurement weeks, record consent and the peiling; returns the counts."""
    from sqlalchemy import select

    from regeldruk.consent import set_sharing
    from regeldruk.db.schema import team, worker
    from regeldruk.measurement import Week, plan
    from regeldruk.survey import Answer, save
    from regeldruk.taxonomy import DEFAULT_CATEGORIES

    rng = random.Random(seed + 18)  # its own stream: the logged time stays as it was
    weeks = [Week(*w) for w in MEASUREMENT_WEEKS]
    for team_name in TEAMS:
        plan(db, team_name, 2026, weeks=weeks, planner=result.leads[team_name])
    with db.transaction() as connection:
        members = connection.execute(
            select(worker.c.name, team.c.name)
            .join(team, team.c.id == worker.c.team_id)
            .order_by(worker.c.id)
        ).all()
    shared = answered = 0
    rules = ["verlenging", "toewijzing-najagen", "rapportage", "dubbele-invoer", "declaratie"]
    position: dict[str, int] = {}
    for name, team_name in members:
        index = position[team_name] = position.get(team_name, -1) + 1
        if index in SHARING_INDEXES:
            set_sharing(db, name, True)
            shared += 1
        for week in weeks:
            if rng.random() < 0.85:  # not everyone answers
                rule = rng.choice(rules)
                answer = Answer(
                    week, rng.choice([2, 3, 3, 4, 4, 5]), rule, None, rng.choice([3, 4, 4, 5])
                )
                save(db, name, answer, DEFAULT_CATEGORIES)
                answered += 1
    return len(weeks) * len(TEAMS), shared, answered


def _working_days(rng: random.Random, contract_hours: float) -> list[int]:
    days = 5 if contract_hours >= 32 else 4
    return sorted(rng.sample(range(5), days))


def _day_blocks(
    rng: random.Random, day: date, day_minutes: int, heavy_paperwork: float
) -> list[tuple[str, int]]:
    blocks: list[tuple[str, int]] = []
    minutes_left = day_minutes + rng.choice([-30, 0, 0, 15, 30])
    if day.weekday() == 1:
        blocks.append(("teamoverleg", 60))
        minutes_left -= 60
    while minutes_left > 20:
        roll = rng.random()
        if roll < 0.45 - heavy_paperwork:
            key, (lo, hi) = rng.choice(CLIENT)
            if rng.random() < 0.4:
                blocks.append(("reistijd", rng.randint(2, 4) * 5))
        elif roll < 0.60 - heavy_paperwork:
            key, (lo, hi) = rng.choice(INDIRECT)
        elif roll < 0.95:
            key, (lo, hi), _ = rng.choice(ACCOUNTABILITY)
        else:
            key, (lo, hi) = rng.choice(
                [("teamoverleg", (45, 90)), ("scholing", (60, 120)), ("overig", (10, 30))]
            )
        length = min(rng.randint(lo, hi) // 5 * 5, minutes_left)
        blocks.append((key, length))
        minutes_left -= length
    return blocks


# Accountability work is logged against the example forms of the shipped catalogue, so the
# proposals have measured times: category -> the kind of form it is spent on.
FORM_OF_CATEGORY = {
    "rapportage": "voortgangsrapportage",
    "verlenging": "verlengingsaanvraag",
    "toewijzing": "aanvraag-toewijzing",
    "declaratie": "declaratiebijlage",
}


def _example_forms() -> set[str]:
    from regeldruk.forms import load_catalogue, shipped_catalogue

    catalogue, _ = load_catalogue(shipped_catalogue())
    return {form.id for form in catalogue.forms}


def _form_for(key: str, example_code: str, known: set[str]) -> str | None:
    kind = FORM_OF_CATEGORY.get(key)
    form_id = f"{example_code.lower()}-{kind}" if kind else None
    return form_id if form_id in known else None


def _note_for(key: str, rng: random.Random) -> str | None:
    for category, _, note in ACCOUNTABILITY:
        if category == key and note and rng.random() < 0.3:
            return note
    return None


def build_demo(db: Database, seed: int = 2026) -> DemoResult:
    """Fill an empty database with the demo organisation."""
    rng = random.Random(seed)
    tz = "Europe/Amsterdam"
    count = 0
    workers = 0
    leads: dict[str, str] = {}
    with db.session() as session:
        organisation = ensure_organisation(session, ORGANISATION)
        names = iter(FIRST_NAMES)
        known = _example_forms()
        # Each real municipality the demo works in stands in for one fictional example
        # municipality of the catalogue (GM9001...), whose forms the paperwork is logged on.
        examples: dict[str, str] = {}
        for team_name, municipality_names in TEAMS.items():
            team = ensure_team(session, organisation, team_name)
            codes = [resolve_municipality(name).code for name in municipality_names]
            for code in codes:
                examples.setdefault(code, f"GM{9001 + len(examples)}")
            for index in range(12):
                role = "teamleider" if index == 0 else "medewerker"
                hours = rng.choice([24.0, 28.0, 32.0, 36.0, 36.0])
                name = f"{next(names)} ({team_name.removeprefix('Team ')})"
                worker = ensure_worker(session, team, name, role, hours)
                if role == "teamleider":
                    leads[team_name] = worker.name
                workers += 1
                heavy = rng.uniform(0.0, 0.15)  # some workers carry more paperwork
                for year, week in WEEKS:
                    days = _working_days(rng, hours)
                    day_minutes = int(hours * 60 / len(days))
                    for weekday in days:
                        day = date.fromisocalendar(year, week, weekday + 1)
                        count += _add_day(
                            session,
                            worker.id,
                            day,
                            tz,
                            rng,
                            codes,
                            heavy,
                            day_minutes,
                            examples,
                            known,
                        )
                    if index % 4 == 1:  # an evening crisis duty that runs past midnight
                        day = date.fromisocalendar(year, week, rng.randint(1, 5))
                        start = local_datetime(day, 23, 0, tz)
                        count += _add_entry(
                            session,
                            worker.id,
                            "client-face",
                            start,
                            start + timedelta(minutes=rng.choice([90, 120])),
                            rng.choice(codes),
                            None,
                        )
    first = date.fromisocalendar(*WEEKS[0], 1)
    last = date.fromisocalendar(*WEEKS[-1], 7)
    return DemoResult(workers, len(TEAMS), count, first, last, leads)


def _add_day(
    session: Session,
    worker_id: int,
    day: date,
    tz: str,
    rng: random.Random,
    codes: list[str],
    heavy: float,
    day_minutes: int,
    examples: dict[str, str],
    known: set[str],
) -> int:
    moment = local_datetime(day, 8, rng.choice([15, 30, 45]), tz)
    added = 0
    municipality = rng.choice(codes)
    for key, minutes in _day_blocks(rng, day, day_minutes, heavy):
        if key in ("client-face", "client-remote", "client-group"):
            municipality = rng.choice(codes)
        end = moment + timedelta(minutes=minutes)
        scoped = key not in UNSCOPED
        added += _add_entry(
            session,
            worker_id,
            key,
            moment,
            end,
            municipality if scoped else None,
            _note_for(key, rng),
            _form_for(key, examples[municipality], known),
        )
        moment = end
    return added


def _add_entry(
    session: Session,
    worker_id: int,
    key: str,
    start: datetime,
    end: datetime,
    municipality: str | None,
    note: str | None,
    form: str | None = None,
) -> int:
    row = TimeEntry(
        worker_id=worker_id,
        category_key=key,
        start_at=start,
        end_at=end,
        municipality_code=municipality,
        form_id=form,
        note=check_note(note),
        created_at=now_utc(),
        updated_at=now_utc(),
    )
    session.add(row)
    session.flush()
    session.add(
        AuditEvent(
            at=now_utc(),
            actor_id=worker_id,
            entry_id=row.id,
            action="create",
            before=None,
            after=json.dumps({"demo": True}),
        )
    )
    return 1


UNSCOPED = ("teamoverleg", "scholing", "overig", "tijdregistratie")


def synthetic_minutes(seed: int, first: date, last: date) -> dict[SectorMinutes, int]:
    """A made-up organisation's logged time, for the sector part of the demo: 30 to 60
    workers across the youth-care regions of Utrecht and Amsterdam, per (worker,
    municipality, category, kind)."""
    from regeldruk.taxonomy import DEFAULT_CATEGORIES

    rng = random.Random(seed)
    # The regions the demo organisation works in, and Amsterdam's; the cities weigh more.
    places = [
        resolve_municipality(n).code
        for n in (
            *("Utrecht", "Utrecht", "Utrecht"),
            *("Zeist", "De Bilt", "Nieuwegein", "Houten", "IJsselstein"),
            *("Amersfoort", "Amersfoort", "Leusden", "Soest", "Stichtse Vecht", "Stichtse Vecht"),
            *("Amsterdam", "Amsterdam", "Amstelveen", "Diemen"),
        )
    ]
    weights = {"client": 0.42, "indirect": 0.14, "accountability": 0.30, "other": 0.14}
    by_kind: dict[str, list[str]] = {}
    for category in DEFAULT_CATEGORIES:
        by_kind.setdefault(category.kind, []).append(category.key)
    result: dict[SectorMinutes, int] = {}
    for worker in range(rng.randint(40, 70)):
        home = rng.sample(places, 2)
        day = first
        while day <= last:
            if day.weekday() < 5 and rng.random() < 0.85:
                for kind, share in weights.items():
                    minutes = int(rng.gauss(share * 430, 25))
                    if minutes > 0:
                        chosen = rng.choice(by_kind[kind])
                        # As the demo organisation logs them: travel to a client's
                        # municipality, time registration and team work without one.
                        place = rng.choice(home) if chosen not in UNSCOPED else None
                        key = (worker, place, chosen, kind)
                        result[key] = result.get(key, 0) + minutes
            day += timedelta(days=1)
    return result
