"""Organisation, teams and workers: who logs time, and in which team."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from regeldruk.db.models import ROLES, Organisation, Team, Worker
from regeldruk.errors import NotFoundError, RegeldrukError
from regeldruk.timeparse import now_utc


def ensure_organisation(session: Session, name: str | None) -> Organisation:
    """The organisation of this database (one per database), created on first use."""
    organisation = session.scalars(select(Organisation).order_by(Organisation.id)).first()
    if organisation is None:
        organisation = Organisation(
            uuid=str(uuid.uuid4()), name=name or "Mijn organisatie", created_at=now_utc()
        )
        session.add(organisation)
        session.flush()
    elif name and organisation.name != name:
        organisation.name = name
    return organisation


def ensure_team(session: Session, organisation: Organisation, name: str) -> Team:
    team = session.scalars(
        select(Team).where(Team.organisation_id == organisation.id, Team.name == name)
    ).first()
    if team is None:
        team = Team(organisation_id=organisation.id, name=name)
        session.add(team)
        session.flush()
    return team


def ensure_worker(
    session: Session,
    team: Team,
    name: str,
    role: str = "medewerker",
    contract_hours: float = 36.0,
) -> Worker:
    if role not in ROLES:
        raise RegeldrukError(f"Onbekende rol '{role}': kies {', '.join(ROLES)}.")
    if not name.strip():
        raise RegeldrukError("De naam van de medewerker is leeg.")
    worker = session.scalars(select(Worker).where(Worker.name == name)).first()
    if worker is None:
        worker = Worker(team_id=team.id, name=name, role=role, contract_hours=contract_hours)
        session.add(worker)
        session.flush()
    else:
        worker.team_id = team.id
    return worker


def find_worker(session: Session, name: str) -> Worker:
    worker = session.scalars(select(Worker).where(Worker.name == name)).first()
    if worker is None:
        raise NotFoundError(
            f"Medewerker '{name}' staat niet in deze database. "
            "Voer 'regeldruk init --worker NAAM --team TEAM' uit."
        )
    return worker


def worker_id(session: Session, name: str) -> int | None:
    """The id of a worker, or None when there is none of that name."""
    return session.scalars(select(Worker.id).where(Worker.name == name)).first()


def find_team(session: Session, name: str) -> Team:
    team = session.scalars(select(Team).where(Team.name == name)).first()
    if team is None:
        known = ", ".join(session.scalars(select(Team.name).order_by(Team.name))) or "geen"
        raise NotFoundError(f"Onbekend team '{name}' (teams: {known}).")
    return team


def team_worker_ids(session: Session, team: Team) -> list[int]:
    return list(session.scalars(select(Worker.id).where(Worker.team_id == team.id)))
