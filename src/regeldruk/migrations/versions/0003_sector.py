"""Sector database: imported packages and their cells.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from regeldruk.db.schema import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sector_package",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("export_id", sa.String(36), nullable=False, unique=True),
        sa.Column("organisation", sa.String(36), nullable=False),
        sa.Column("period_from", sa.String(10), nullable=False),
        sa.Column("period_to", sa.String(10), nullable=False),
        sa.Column("generated_at", sa.String(40), nullable=False),
        sa.Column("k", sa.Integer, nullable=False),
        sa.Column("rows", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("software", sa.String(60), nullable=False),
        sa.Column("imported_at", UTCDateTime(), nullable=False),
    )
    op.create_index(
        "ix_sector_package_org", "sector_package", ["organisation", "period_from", "period_to"]
    )
    op.create_table(
        "sector_cell",
        # No foreign key: a per-row check would halve COPY's speed. The import writes a
        # package and its cells in one transaction and deletes both together.
        sa.Column("package_id", sa.Integer, nullable=False),
        sa.Column("period", sa.String(10), nullable=False),
        sa.Column("area", sa.String(110), nullable=False),
        sa.Column("category", sa.String(60), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("workers", sa.Integer, nullable=False),
        sa.Column("hours", sa.Float, nullable=False),
    )
    op.create_index("ix_sector_cell_package", "sector_cell", ["package_id"])


def downgrade() -> None:
    op.drop_table("sector_cell")
    op.drop_table("sector_package")
