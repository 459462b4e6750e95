"""Database logins: which PostgreSQL login role belongs to which worker (row-level security).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("worker") as batch:
        batch.add_column(sa.Column("db_login", sa.String(63), nullable=True))
        batch.create_unique_constraint("uq_worker_db_login", ["db_login"])


def downgrade() -> None:
    with op.batch_alter_table("worker") as batch:
        batch.drop_constraint("uq_worker_db_login", type_="unique")
        batch.drop_column("db_login")
