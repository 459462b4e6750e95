"""The perceived-burden survey (peiling): three questions at the end of a measurement week.

The questions follow the national surveys, paraphrased (their exact questionnaires are not
published with the figures, so no wording here is a verbatim copy):

1. the share of working time that feels like unnecessary administration: after the CBS
   AZW werknemersenquête, which asks for the share of working time spent on administration
   ("verslaglegging en registratie"); here narrowed to what feels unnecessary, in five bands;
2. which rule or obligation bothers you most: after the KPMG Merkbaarheidsscan
   (Ont)Regel de Zorg (VWS, 2019 and 2020) and the VvAA (Ont)Regelmonitor, which ask where
   the experienced burden comes from; here as a choice from the taxonomy's accountability
   categories plus optional free text;
3. has it changed: after the (Ont)Regelmonitor's "toegenomen / afgenomen" question, on a
   five-point scale from "sterk afgenomen" to "sterk toegenomen".

Answers are stored per worker per ISO week and reported only as counts and means, for a
group of at least ``MIN_GROUP`` respondents (the worker's own answers are theirs to see).
The free text never leaves the database.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from regeldruk.consent import MIN_GROUP, worker_id_of
from regeldruk.db.engine import Database
from regeldruk.db.schema import burden_survey, worker
from regeldruk.errors import RegeldrukError
from regeldruk.fmt import decimal_nl
from regeldruk.measurement import Week, planned
from regeldruk.privacy import check_note
from regeldruk.taxonomy import Category
from regeldruk.timeparse import now_utc

QUESTION_UNNECESSARY = (
    "Hoeveel van uw werktijd besteedde u deze week naar uw gevoel aan administratie die "
    "overbodig is?"
)
UNNECESSARY = {
    1: "(bijna) niets",
    2: "minder dan een tiende",
    3: "een tiende tot een kwart",
    4: "een kwart tot de helft",
    5: "meer dan de helft",
}
QUESTION_RULE = "Welke regel of verplichting ervaart u in uw werk als het meest belastend?"
QUESTION_CHANGE = "Is die administratieve last sinds de vorige meetweek veranderd?"
CHANGE = {
    1: "sterk afgenomen",
    2: "afgenomen",
    3: "gelijk gebleven",
    4: "toegenomen",
    5: "sterk toegenomen",
}
SOURCE = (
    "Vragen naar de landelijke peilingen (CBS AZW werknemersenquête; Merkbaarheidsscan "
    "(Ont)Regel de Zorg; VVAA (Ont)Regelmonitor), in eigen woorden."
)
# How long after a measurement week the survey is still asked.
ASK_DAYS_AFTER = 14


@dataclass(frozen=True)
class Answer:
    week: Week
    unnecessary: int
    rule_category: str | None
    rule_text: str | None
    change: int


def rule_choices(categories: Sequence[Category]) -> list[Category]:
    """The rules a worker can point at: the accountability categories."""
    return [c for c in categories if c.kind == "accountability"]


def _check(answer: Answer, categories: Sequence[Category]) -> None:
    if answer.unnecessary not in UNNECESSARY:
        raise RegeldrukError("Vraag 1: kies een antwoord van 1 tot en met 5.")
    if answer.change not in CHANGE:
        raise RegeldrukError("Vraag 3: kies een antwoord van 1 tot en met 5.")
    keys = {c.key for c in rule_choices(categories)}
    if answer.rule_category is not None and answer.rule_category not in keys:
        raise RegeldrukError(
            f"Vraag 2: '{answer.rule_category}' is geen verantwoordingscategorie "
            "(zie 'regeldruk categories')."
        )
    if answer.rule_text is not None and len(answer.rule_text) > 300:
        raise RegeldrukError("Vraag 2: de toelichting mag hoogstens 300 tekens zijn.")


def save(
    db: Database,
    worker_name: str,
    answer: Answer,
    categories: Sequence[Category],
    now: datetime | None = None,
) -> Answer:
    """Store (or replace) a worker's answers for one week. The free text is checked for
    personal data first (privacy.check_note; a BSN, e-mail, phone or IBAN is refused)."""
    _check(answer, categories)
    text = check_note(answer.rule_text.strip() if answer.rule_text else None) or None
    values = {
        "unnecessary": answer.unnecessary,
        "rule_category": answer.rule_category,
        "rule_text": text,
        "change": answer.change,
        "answered_at": now or now_utc(),
    }
    with db.transaction() as connection:
        worker_id = worker_id_of(connection, worker_name)
        where = (
            burden_survey.c.worker_id == worker_id,
            burden_survey.c.iso_year == answer.week.iso_year,
            burden_survey.c.iso_week == answer.week.iso_week,
        )
        if connection.execute(select(burden_survey.c.id).where(*where)).first():
            connection.execute(update(burden_survey).where(*where).values(**values))
        else:
            connection.execute(
                insert(burden_survey).values(
                    worker_id=worker_id,
                    iso_year=answer.week.iso_year,
                    iso_week=answer.week.iso_week,
                    **values,
                )
            )
    return Answer(answer.week, answer.unnecessary, answer.rule_category, text, answer.change)


def answered(connection: Connection, worker_id: int) -> set[Week]:
    rows = connection.execute(
        select(burden_survey.c.iso_year, burden_survey.c.iso_week).where(
            burden_survey.c.worker_id == worker_id
        )
    )
    return {Week(int(y), int(w)) for y, w in rows}


def due(connection: Connection, worker_id: int, today: date) -> Week | None:
    """The measurement week to ask about: this one from its Friday on, or one that ended
    at most ASK_DAYS_AFTER days ago, when not yet answered."""
    team_id = connection.execute(select(worker.c.team_id).where(worker.c.id == worker_id)).scalar()
    if team_id is None:
        return None
    done = answered(connection, worker_id)
    for week in reversed(planned(connection, int(team_id))):
        friday = week.monday + timedelta(days=4)
        sunday = week.monday + timedelta(days=6)
        if friday <= today <= sunday + timedelta(days=ASK_DAYS_AFTER) and week not in done:
            return week
    return None


@dataclass(frozen=True)
class Aggregate:
    """The answers of a group: shown only with at least MIN_GROUP respondents."""

    respondents: int
    unnecessary: dict[int, int]  # answer -> count
    change: dict[int, int]
    rules: dict[str, int]  # category key -> count
    minimum: int = MIN_GROUP  # 1 for a worker's own answers

    @property
    def shown(self) -> bool:
        return self.respondents >= self.minimum

    @staticmethod
    def mean(counts: dict[int, int]) -> float | None:
        total = sum(counts.values())
        return sum(k * v for k, v in counts.items()) / total if total else None

    def to_json(self) -> dict[str, object]:
        if not self.shown:
            return {"respondents": self.respondents, "shown": False}
        return {
            "respondents": self.respondents,
            "shown": True,
            "unnecessary": {str(k): self.unnecessary.get(k, 0) for k in UNNECESSARY},
            "unnecessary_mean": self.mean(self.unnecessary),
            "change": {str(k): self.change.get(k, 0) for k in CHANGE},
            "change_mean": self.mean(self.change),
            "rules": dict(sorted(self.rules.items(), key=lambda kv: (-kv[1], kv[0]))),
        }

    def describe(self) -> list[str]:
        if not self.respondents:
            return []
        if not self.shown:
            return [
                f"Peiling: {self.respondents} antwoord(en); minder dan {MIN_GROUP}, "
                "dus niet getoond."
            ]
        mean_u = self.mean(self.unnecessary) or 0.0
        mean_c = self.mean(self.change) or 0.0
        top = max(self.rules.items(), key=lambda kv: (kv[1], kv[0]), default=None)
        lines = [
            f"Peiling ({self.respondents} medewerker(s)): ervaren overbodige administratie "
            f"gemiddeld {decimal_nl(mean_u)} op 1–5 ('{UNNECESSARY[round(mean_u)]}'), "
            f"verandering gemiddeld {decimal_nl(mean_c)} op 1–5 ('{CHANGE[round(mean_c)]}')."
        ]
        if top:
            lines.append(f"Meest genoemde belastende regel: {top[0]} ({top[1]}×).")
        return lines


def aggregate(
    connection: Connection,
    worker_ids: Sequence[int],
    weeks: Sequence[Week],
    minimum: int = MIN_GROUP,
) -> Aggregate:
    """Counts over the answers of these workers in these weeks (in SQL's reach: one row per
    answer set, at most a team's weeks)."""
    if not worker_ids or not weeks:
        return Aggregate(0, {}, {}, {}, minimum)
    wanted = {(w.iso_year, w.iso_week) for w in weeks}
    rows = [
        row
        for row in connection.execute(
            select(
                burden_survey.c.worker_id,
                burden_survey.c.iso_year,
                burden_survey.c.iso_week,
                burden_survey.c.unnecessary,
                burden_survey.c.rule_category,
                burden_survey.c.change,
            ).where(burden_survey.c.worker_id.in_(list(worker_ids)))
        )
        if (row.iso_year, row.iso_week) in wanted
    ]
    respondents = len({row.worker_id for row in rows})
    return Aggregate(
        respondents,
        dict(Counter(int(r.unnecessary) for r in rows)),
        dict(Counter(int(r.change) for r in rows)),
        dict(Counter(str(r.rule_category) for r in rows if r.rule_category)),
        minimum,
    )
