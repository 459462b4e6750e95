"""Sector packages on a grid, signed (issue #12): the sector's settings and trusted
organisations; per package its schema version and grid period; on the organisation's
side, every package sent and the minutes it carried.

Packages imported before this revision keep schema_version 1: they stay in the database
but no report counts them (they were unsigned and could overlap).

Revision ID: 0007_i12_sector_grid
Revises: 0006_i18
"""

import sqlalchemy as sa
from alembic import op

from regeldruk.db.schema import UTCDateTime

revision = "0007_i12_sector_grid"
down_revision = "0006_i18"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sector_package") as batch:
        batch.add_column(
            sa.Column("schema_version", sa.Integer, nullable=False, server_default="1")
        )
        batch.add_column(sa.Column("period", sa.String(10), nullable=True))
    op.create_table(
        "sector_setting",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "sector_member",
        sa.Column("organisation", sa.String(36), primary_key=True),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("trusted_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "sector_export",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("export_id", sa.String(36), nullable=False, unique=True),
        sa.Column("period", sa.String(10), nullable=False, unique=True),
        sa.Column("period_from", sa.String(10), nullable=False),
        sa.Column("period_to", sa.String(10), nullable=False),
        sa.Column("generated_at", sa.String(40), nullable=False),
        sa.Column("package", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "sector_export_minutes",
        sa.Column("export_id", sa.Integer, sa.ForeignKey("sector_export.id"), nullable=False),
        sa.Column("for_period", sa.String(10), nullable=False),
        sa.Column("worker_id", sa.Integer, nullable=False),
        sa.Column("municipality", sa.String(6), nullable=True),
        sa.Column("category", sa.String(60), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("minutes", sa.Integer, nullable=False),
    )
    op.create_index("ix_sector_export_minutes_period", "sector_export_minutes", ["for_period"])


def downgrade() -> None:
    op.drop_table("sector_export_minutes")
    op.drop_table("sector_export")
    op.drop_table("sector_member")
    op.drop_table("sector_setting")
    with op.batch_alter_table("sector_package") as batch:
        batch.drop_column("period")
        batch.drop_column("schema_version")
