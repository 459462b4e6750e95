"""Typed ORM classes (SQLAlchemy 2) mapped onto the Core tables of db.schema."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import DeclarativeBase, Mapped

from regeldruk.db import schema
from regeldruk.db.schema import ROLES, UTCDateTime

__all__ = [
    "ROLES",
    "AuditEvent",
    "Base",
    "Category",
    "Municipality",
    "Organisation",
    "Team",
    "TimeEntry",
    "UTCDateTime",
    "Worker",
]


class Base(DeclarativeBase):
    metadata = schema.metadata


class Organisation(Base):
    __table__ = schema.organisation
    id: Mapped[int]
    uuid: Mapped[str]
    name: Mapped[str]
    created_at: Mapped[datetime]


class Team(Base):
    __table__ = schema.team
    id: Mapped[int]
    organisation_id: Mapped[int]
    name: Mapped[str]


class Worker(Base):
    __table__ = schema.worker
    id: Mapped[int]
    team_id: Mapped[int]
    name: Mapped[str]
    role: Mapped[str]
    contract_hours: Mapped[float]
    db_login: Mapped[str | None]


class Municipality(Base):
    __table__ = schema.municipality
    code: Mapped[str]
    ijw_code: Mapped[str]
    name: Mapped[str]
    province: Mapped[str]
    region: Mapped[str]


class Category(Base):
    __table__ = schema.category
    key: Mapped[str]
    label: Mapped[str]
    kind: Mapped[str]


class TimeEntry(Base):
    __table__ = schema.time_entry
    id: Mapped[int]
    worker_id: Mapped[int]
    category_key: Mapped[str]
    start_at: Mapped[datetime]
    end_at: Mapped[datetime | None]
    municipality_code: Mapped[str | None]
    form_id: Mapped[str | None]
    note: Mapped[str | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    deleted_at: Mapped[datetime | None]


class AuditEvent(Base):
    __table__ = schema.audit_event
    id: Mapped[int]
    at: Mapped[datetime]
    actor_id: Mapped[int | None]
    entry_id: Mapped[int | None]
    action: Mapped[str]
    before: Mapped[str | None]
    after: Mapped[str | None]
    undone_at: Mapped[datetime | None]
