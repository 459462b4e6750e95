"""SQLAlchemy 2 typed models. Times are stored in UTC and converted only at the edges."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

ROLES = ("medewerker", "teamleider", "beheerder")


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on SQLite (naive UTC text) and PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        utc = value.astimezone(UTC)
        # A plain datetime keeps SQLite's text format uniform, so comparisons stay correct.
        plain = datetime(
            utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second, utc.microsecond
        )
        return plain if dialect.name == "sqlite" else plain.replace(tzinfo=UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)  # type: ignore[no-any-return]
        return value.astimezone(UTC)  # type: ignore[no-any-return]


class Base(DeclarativeBase):
    pass


class Organisation(Base):
    __tablename__ = "organisation"
    id: Mapped[int] = mapped_column(primary_key=True)
    # The only identity that ever leaves the organisation (sector packages): random, stable.
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Team(Base):
    __tablename__ = "team"
    __table_args__ = (UniqueConstraint("organisation_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    name: Mapped[str] = mapped_column(String(200))


class Worker(Base):
    __tablename__ = "worker"
    __table_args__ = (
        CheckConstraint("role IN ('medewerker', 'teamleider', 'beheerder')", name="ck_worker_role"),
        CheckConstraint("contract_hours >= 0 AND contract_hours <= 60", name="ck_worker_hours"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"))
    name: Mapped[str] = mapped_column(String(200), unique=True)
    role: Mapped[str] = mapped_column(String(20), default="medewerker")
    contract_hours: Mapped[float] = mapped_column(default=36.0)


class Municipality(Base):
    __tablename__ = "municipality"
    code: Mapped[str] = mapped_column(String(6), primary_key=True)  # CBS code, GM0344
    ijw_code: Mapped[str] = mapped_column(String(4), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    province: Mapped[str] = mapped_column(String(50))
    region: Mapped[str] = mapped_column(String(100))


class Category(Base):
    __tablename__ = "category"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('client', 'indirect', 'accountability', 'other')", name="ck_category_kind"
        ),
    )
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))


class TimeEntry(Base):
    """One stretch of work. ``end_at`` is NULL while it runs: that row *is* the running timer,
    committed when it starts, so it survives the process being killed."""

    __tablename__ = "time_entry"
    __table_args__ = (
        CheckConstraint("end_at IS NULL OR end_at > start_at", name="ck_entry_positive"),
        Index("ix_entry_worker_start", "worker_id", "start_at"),
        # At most one running timer per worker.
        Index(
            "uq_entry_running",
            "worker_id",
            unique=True,
            sqlite_where="end_at IS NULL AND deleted_at IS NULL",
            postgresql_where="end_at IS NULL AND deleted_at IS NULL",
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("worker.id"))
    category_key: Mapped[str] = mapped_column(ForeignKey("category.key"))
    start_at: Mapped[datetime] = mapped_column(UTCDateTime())
    end_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    municipality_code: Mapped[str | None] = mapped_column(ForeignKey("municipality.code"))
    form_id: Mapped[str | None] = mapped_column(String(120))
    note: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class AuditEvent(Base):
    """Every creation, edit, deletion and undo of an entry, with the values before and after."""

    __tablename__ = "audit_event"
    __table_args__ = (
        CheckConstraint(
            "action IN ('create', 'edit', 'delete', 'undo', 'approve', 'reopen')",
            name="ck_audit_action",
        ),
        Index("ix_audit_actor", "actor_id", "id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("worker.id"))
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("time_entry.id"))
    action: Mapped[str] = mapped_column(String(10))
    before: Mapped[str | None] = mapped_column(Text)  # JSON
    after: Mapped[str | None] = mapped_column(Text)  # JSON
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
