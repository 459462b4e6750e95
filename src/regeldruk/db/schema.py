"""The tables, as SQLAlchemy Core. The time logging hot path uses these directly (without
importing the ORM, which costs a CLI call ~80 ms); db.models maps typed ORM classes onto
the same tables for everything else. Times are stored in UTC, converted only at the edges.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
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


metadata = MetaData()

organisation = Table(
    "organisation",
    metadata,
    Column("id", Integer, primary_key=True),
    # The only identity that ever leaves the organisation (sector packages): random, stable.
    Column("uuid", String(36), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
)

team = Table(
    "team",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("organisation_id", Integer, ForeignKey("organisation.id"), nullable=False),
    Column("name", String(200), nullable=False),
    UniqueConstraint("organisation_id", "name"),
)

worker = Table(
    "worker",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("team_id", Integer, ForeignKey("team.id"), nullable=False),
    Column("name", String(200), nullable=False, unique=True),
    Column("role", String(20), nullable=False),
    Column("contract_hours", Float, nullable=False),
    # The PostgreSQL login role of this worker on a shared database (access.py).
    Column("db_login", String(63), nullable=True),
    UniqueConstraint("db_login", name="uq_worker_db_login"),
    CheckConstraint("role IN ('medewerker', 'teamleider', 'beheerder')", name="ck_worker_role"),
    CheckConstraint("contract_hours >= 0 AND contract_hours <= 60", name="ck_worker_hours"),
)

municipality = Table(
    "municipality",
    metadata,
    Column("code", String(6), primary_key=True),  # CBS code, GM0344
    Column("ijw_code", String(4), nullable=False, unique=True),
    Column("name", String(100), nullable=False),
    Column("province", String(50), nullable=False),
    Column("region", String(100), nullable=False),
)

category = Table(
    "category",
    metadata,
    Column("key", String(60), primary_key=True),
    Column("label", String(200), nullable=False),
    Column("kind", String(20), nullable=False),
    # Taxonomy v2 (migration 0006_i18): for whom the work is done, and whether it counts as
    # administration by the CBS definition (taxonomy.is_administration, resolved on sync).
    Column("for_whom", String(20), nullable=False, server_default="zorg"),
    Column("administration", Boolean, nullable=False, server_default="0"),
    CheckConstraint(
        "kind IN ('client', 'indirect', 'accountability', 'other')", name="ck_category_kind"
    ),
)

# One stretch of work. end_at is NULL while it runs: that row *is* the running timer,
# committed when it starts, so it survives the process being killed. The partial unique
# index "one running timer per worker" and PostgreSQL's exclusion constraint against
# overlaps are in the migration (dialect options here would import every dialect).
time_entry = Table(
    "time_entry",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("worker_id", Integer, ForeignKey("worker.id"), nullable=False),
    Column("category_key", String(60), ForeignKey("category.key"), nullable=False),
    Column("start_at", UTCDateTime(), nullable=False),
    Column("end_at", UTCDateTime(), nullable=True),
    Column("municipality_code", String(6), ForeignKey("municipality.code"), nullable=True),
    Column("form_id", String(120), nullable=True),
    Column("note", String(500), nullable=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    Column("deleted_at", UTCDateTime(), nullable=True),
    CheckConstraint("end_at IS NULL OR end_at > start_at", name="ck_entry_positive"),
    Index("ix_entry_worker_start", "worker_id", "start_at"),
)

# Every creation, edit, deletion and undo of an entry, with the values before and after.
audit_event = Table(
    "audit_event",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UTCDateTime(), nullable=False),
    Column("actor_id", Integer, ForeignKey("worker.id"), nullable=True),
    Column("entry_id", Integer, ForeignKey("time_entry.id"), nullable=True),
    Column("action", String(10), nullable=False),
    Column("before", Text, nullable=True),  # JSON
    Column("after", Text, nullable=True),  # JSON
    Column("undone_at", UTCDateTime(), nullable=True),
    CheckConstraint(
        "action IN ('create', 'edit', 'delete', 'undo', 'approve', 'reopen', 'consent')",
        name="ck_audit_action",
    ),
    Index("ix_audit_actor", "actor_id", "id"),
)

# A team lead's approval of one worker's ISO week: its entries are locked until reopened.
week_approval = Table(
    "week_approval",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("worker_id", Integer, ForeignKey("worker.id"), nullable=False),
    Column("iso_year", Integer, nullable=False),
    Column("iso_week", Integer, nullable=False),
    Column("approved_by", Integer, ForeignKey("worker.id"), nullable=False),
    Column("approved_at", UTCDateTime(), nullable=False),
    UniqueConstraint("worker_id", "iso_year", "iso_week", name="uq_week_approval"),
)

# Measurement weeks (issue #18): the sampled ISO weeks in which a team logs all its time.
measurement_week = Table(
    "measurement_week",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("team_id", Integer, ForeignKey("team.id"), nullable=False),
    Column("iso_year", Integer, nullable=False),
    Column("iso_week", Integer, nullable=False),
    Column("planned_by", Integer, ForeignKey("worker.id"), nullable=True),
    Column("planned_at", UTCDateTime(), nullable=False),
    UniqueConstraint("team_id", "iso_year", "iso_week", name="uq_measurement_week"),
    CheckConstraint("iso_week BETWEEN 1 AND 53", name="ck_measurement_week"),
)

# A worker's consent to show their own figures to the team lead: append-only history, the
# newest row per worker and audience is in force. Also written to the audit trail.
share_consent = Table(
    "share_consent",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("worker_id", Integer, ForeignKey("worker.id"), nullable=False),
    Column("audience", String(20), nullable=False),
    Column("shared", Boolean, nullable=False),
    Column("at", UTCDateTime(), nullable=False),
    CheckConstraint("audience IN ('teamleider')", name="ck_share_audience"),
    Index("ix_share_consent_worker", "worker_id", "audience", "id"),
)

# The perceived-burden questions (peiling), one answer set per worker per measurement week.
burden_survey = Table(
    "burden_survey",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("worker_id", Integer, ForeignKey("worker.id"), nullable=False),
    Column("iso_year", Integer, nullable=False),
    Column("iso_week", Integer, nullable=False),
    Column("unnecessary", Integer, nullable=False),  # 1..5, see survey.py
    Column("rule_category", String(60), nullable=True),  # a category key
    Column("rule_text", String(300), nullable=True),  # privacy-checked free text
    Column("change", Integer, nullable=False),  # 1..5, see survey.py
    Column("answered_at", UTCDateTime(), nullable=False),
    UniqueConstraint("worker_id", "iso_year", "iso_week", name="uq_burden_survey"),
    CheckConstraint("unnecessary BETWEEN 1 AND 5", name="ck_survey_unnecessary"),
    CheckConstraint('"change" BETWEEN 1 AND 5', name="ck_survey_change"),
)

# The sector database: packages of many organisations and their cells (SPEC section 5).
sector_package = Table(
    "sector_package",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("export_id", String(36), nullable=False, unique=True),
    Column("organisation", String(36), nullable=False),
    Column("period_from", String(10), nullable=False),
    Column("period_to", String(10), nullable=False),
    Column("generated_at", String(40), nullable=False),
    Column("k", Integer, nullable=False),
    Column("rows", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("software", String(60), nullable=False),
    Column("imported_at", UTCDateTime(), nullable=False),
    # 1: the old unsigned format (kept, never reported); 2: signed, one grid period.
    Column("schema_version", Integer, nullable=False, server_default="1"),
    Column("period", String(10), nullable=True),  # the grid period's label (version 2)
    Index("ix_sector_package_org", "organisation", "period_from", "period_to"),
)

# The sector's settings (its profile) and the organisations it trusts (migration 0006).
sector_setting = Table(
    "sector_setting",
    metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=False),
)

sector_member = Table(
    "sector_member",
    metadata,
    Column("organisation", String(36), primary_key=True),
    Column("public_key", String(64), nullable=False),  # base64 of the raw ed25519 key
    Column("trusted_at", UTCDateTime(), nullable=False),
)

# On the organisation's side: every package sent, and what it carried, so a package is
# never sent twice in two versions and late entries go into the next one (migration 0006).
sector_export = Table(
    "sector_export",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("export_id", String(36), nullable=False, unique=True),
    Column("period", String(10), nullable=False, unique=True),
    Column("period_from", String(10), nullable=False),
    Column("period_to", String(10), nullable=False),
    Column("generated_at", String(40), nullable=False),
    Column("package", LargeBinary, nullable=False),
)

sector_export_minutes = Table(
    "sector_export_minutes",
    metadata,
    Column("export_id", Integer, ForeignKey("sector_export.id"), nullable=False),
    Column("for_period", String(10), nullable=False),  # the period these minutes belong to
    Column("worker_id", Integer, nullable=False),
    Column("municipality", String(6), nullable=True),
    Column("category", String(60), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("minutes", Integer, nullable=False),
    Index("ix_sector_export_minutes_period", "for_period"),
)

sector_cell = Table(
    "sector_cell",
    metadata,
    # No foreign key: a per-row check would halve COPY's speed. The import writes a package
    # and its cells in one transaction and deletes both together (sector.py).
    Column("package_id", Integer, nullable=False),
    Column("period", String(10), nullable=False),
    Column("area", String(110), nullable=False),
    Column("category", String(60), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("workers", Integer, nullable=False),
    Column("hours", Float, nullable=False),
    # A B-tree on SQLite; on PostgreSQL a BRIN index (migration 0005), cheap under COPY.
    Index("ix_sector_cell_package", "package_id"),
)
