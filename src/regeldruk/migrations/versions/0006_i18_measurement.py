"""Taxonomy v2, measurement weeks, the perceived-burden survey and consent to share (#18).

- category: ``for_whom`` (the second axis) and ``administration`` (the CBS definition,
  resolved by taxonomy.is_administration); existing rows get their values from the
  default taxonomy when key and kind match, else a default by kind. The new default
  categories are added. No stored category key changes, so no entry is rewritten.
- measurement_week, share_consent, burden_survey: new tables.
- audit_event: the action 'consent' (a worker saying yes or no to sharing).

Revision ID: 0006_i18
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

from regeldruk.db.schema import UTCDateTime
from regeldruk.taxonomy import DEFAULT_CATEGORIES, complete_category

revision = "0006_i18"
down_revision = "0005"
branch_labels = None
depends_on = None

OLD_ACTIONS = "'create', 'edit', 'delete', 'undo', 'approve', 'reopen'"
NEW_ACTIONS = OLD_ACTIONS + ", 'consent'"


def upgrade() -> None:
    # Plain ADD COLUMN, not a batch copy: on SQLite a batch drops and recreates the table,
    # which the foreign keys of the stored entries refuse.
    op.add_column(
        "category", sa.Column("for_whom", sa.String(20), nullable=False, server_default="zorg")
    )
    op.add_column(
        "category",
        sa.Column("administration", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    _sync_categories()
    with op.batch_alter_table("audit_event") as batch:
        batch.drop_constraint("ck_audit_action", type_="check")
        batch.create_check_constraint("ck_audit_action", f"action IN ({NEW_ACTIONS})")
    op.create_table(
        "measurement_week",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("team_id", sa.Integer, sa.ForeignKey("team.id"), nullable=False),
        sa.Column("iso_year", sa.Integer, nullable=False),
        sa.Column("iso_week", sa.Integer, nullable=False),
        sa.Column("planned_by", sa.Integer, sa.ForeignKey("worker.id"), nullable=True),
        sa.Column("planned_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("team_id", "iso_year", "iso_week", name="uq_measurement_week"),
        sa.CheckConstraint("iso_week BETWEEN 1 AND 53", name="ck_measurement_week"),
    )
    op.create_table(
        "share_consent",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("worker_id", sa.Integer, sa.ForeignKey("worker.id"), nullable=False),
        sa.Column("audience", sa.String(20), nullable=False),
        sa.Column("shared", sa.Boolean, nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("audience IN ('teamleider')", name="ck_share_audience"),
    )
    op.create_index("ix_share_consent_worker", "share_consent", ["worker_id", "audience", "id"])
    op.create_table(
        "burden_survey",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("worker_id", sa.Integer, sa.ForeignKey("worker.id"), nullable=False),
        sa.Column("iso_year", sa.Integer, nullable=False),
        sa.Column("iso_week", sa.Integer, nullable=False),
        sa.Column("unnecessary", sa.Integer, nullable=False),
        sa.Column("rule_category", sa.String(60), nullable=True),
        sa.Column("rule_text", sa.String(300), nullable=True),
        sa.Column("change", sa.Integer, nullable=False),
        sa.Column("answered_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("worker_id", "iso_year", "iso_week", name="uq_burden_survey"),
        sa.CheckConstraint("unnecessary BETWEEN 1 AND 5", name="ck_survey_unnecessary"),
        sa.CheckConstraint('"change" BETWEEN 1 AND 5', name="ck_survey_change"),
    )


def _sync_categories() -> None:
    category = sa.table(
        "category",
        sa.column("key", sa.String),
        sa.column("label", sa.String),
        sa.column("kind", sa.String),
        sa.column("for_whom", sa.String),
        sa.column("administration", sa.Boolean),
    )
    bind = op.get_bind()
    stored = {row.key: row for row in bind.execute(sa.select(category))}
    for key, row in stored.items():
        filled = complete_category(key, row.label, row.kind)
        bind.execute(
            category.update()
            .where(category.c.key == key)
            .values(for_whom=filled.for_whom, administration=filled.administration)
        )
    missing = [c for c in DEFAULT_CATEGORIES if c.key not in stored]
    if missing:
        bind.execute(
            category.insert(),
            [
                {
                    "key": c.key,
                    "label": c.label,
                    "kind": c.kind,
                    "for_whom": c.for_whom,
                    "administration": c.administration,
                }
                for c in missing
            ],
        )


def downgrade() -> None:
    op.drop_table("burden_survey")
    op.drop_index("ix_share_consent_worker", table_name="share_consent")
    op.drop_table("share_consent")
    op.drop_table("measurement_week")
    op.execute("DELETE FROM audit_event WHERE action = 'consent'")
    with op.batch_alter_table("audit_event") as batch:
        batch.drop_constraint("ck_audit_action", type_="check")
        batch.create_check_constraint("ck_audit_action", f"action IN ({OLD_ACTIONS})")
    op.drop_column("category", "administration")  # SQLite 3.35+ drops columns in place
    op.drop_column("category", "for_whom")
