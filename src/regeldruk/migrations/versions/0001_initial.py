"""Initial schema: organisation, teams, workers, reference data, time entries, audit trail.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from regeldruk.db.schema import UTCDateTime
from regeldruk.municipalities import all_municipalities
from regeldruk.taxonomy import DEFAULT_CATEGORIES

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "team",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("organisation_id", sa.Integer, sa.ForeignKey("organisation.id"), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.UniqueConstraint("organisation_id", "name"),
    )
    op.create_table(
        "worker",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("team_id", sa.Integer, sa.ForeignKey("team.id"), nullable=False),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("contract_hours", sa.Float, nullable=False),
        sa.CheckConstraint(
            "role IN ('medewerker', 'teamleider', 'beheerder')", name="ck_worker_role"
        ),
        sa.CheckConstraint("contract_hours >= 0 AND contract_hours <= 60", name="ck_worker_hours"),
    )
    municipality = op.create_table(
        "municipality",
        sa.Column("code", sa.String(6), primary_key=True),
        sa.Column("ijw_code", sa.String(4), nullable=False, unique=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("province", sa.String(50), nullable=False),
        sa.Column("region", sa.String(100), nullable=False),
    )
    category = op.create_table(
        "category",
        sa.Column("key", sa.String(60), primary_key=True),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.CheckConstraint(
            "kind IN ('client', 'indirect', 'accountability', 'other')", name="ck_category_kind"
        ),
    )
    op.create_table(
        "time_entry",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("worker_id", sa.Integer, sa.ForeignKey("worker.id"), nullable=False),
        sa.Column("category_key", sa.String(60), sa.ForeignKey("category.key"), nullable=False),
        sa.Column("start_at", UTCDateTime(), nullable=False),
        sa.Column("end_at", UTCDateTime(), nullable=True),
        sa.Column(
            "municipality_code", sa.String(6), sa.ForeignKey("municipality.code"), nullable=True
        ),
        sa.Column("form_id", sa.String(120), nullable=True),
        sa.Column("note", sa.String(500), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("deleted_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint("end_at IS NULL OR end_at > start_at", name="ck_entry_positive"),
    )
    op.create_index("ix_entry_worker_start", "time_entry", ["worker_id", "start_at"])
    op.create_index(
        "uq_entry_running",
        "time_entry",
        ["worker_id"],
        unique=True,
        sqlite_where=sa.text("end_at IS NULL AND deleted_at IS NULL"),
        postgresql_where=sa.text("end_at IS NULL AND deleted_at IS NULL"),
    )
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("actor_id", sa.Integer, sa.ForeignKey("worker.id"), nullable=True),
        sa.Column("entry_id", sa.Integer, sa.ForeignKey("time_entry.id"), nullable=True),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("before", sa.Text, nullable=True),
        sa.Column("after", sa.Text, nullable=True),
        sa.Column("undone_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint(
            "action IN ('create', 'edit', 'delete', 'undo', 'approve', 'reopen')",
            name="ck_audit_action",
        ),
    )
    op.create_index("ix_audit_actor", "audit_event", ["actor_id", "id"])

    if op.get_bind().dialect.name == "postgresql":
        # Two processes must not race into overlapping entries of one worker: the database
        # itself refuses them. A running entry (end_at NULL) is the range [start, infinity).
        op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        op.execute(
            "ALTER TABLE time_entry ADD CONSTRAINT ex_entry_no_overlap EXCLUDE USING gist "
            "(worker_id WITH =, tstzrange(start_at, end_at, '[)') WITH &&) "
            "WHERE (deleted_at IS NULL)"
        )

    op.bulk_insert(
        municipality,
        [
            {
                "code": m.code,
                "ijw_code": m.ijw_code,
                "name": m.name,
                "province": m.province,
                "region": m.region,
            }
            for m in all_municipalities()
        ],
    )
    op.bulk_insert(
        category, [{"key": c.key, "label": c.label, "kind": c.kind} for c in DEFAULT_CATEGORIES]
    )


def downgrade() -> None:
    for table in ("audit_event", "time_entry", "category", "municipality", "worker", "team"):
        op.drop_table(table)
    op.drop_table("organisation")
