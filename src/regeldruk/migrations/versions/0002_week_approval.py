"""Week approval: a team lead locks a worker's ISO week.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from regeldruk.db.schema import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "week_approval",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("worker_id", sa.Integer, sa.ForeignKey("worker.id"), nullable=False),
        sa.Column("iso_year", sa.Integer, nullable=False),
        sa.Column("iso_week", sa.Integer, nullable=False),
        sa.Column("approved_by", sa.Integer, sa.ForeignKey("worker.id"), nullable=False),
        sa.Column("approved_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("worker_id", "iso_year", "iso_week", name="uq_week_approval"),
    )


def downgrade() -> None:
    op.drop_table("week_approval")
