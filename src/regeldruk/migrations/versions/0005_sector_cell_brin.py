"""Sector cells on PostgreSQL: a BRIN index on package_id instead of a B-tree.

Cells arrive a package at a time with COPY, so package ids follow the table's physical
order: a BRIN index finds a package's cells (to replace or check them) at a fraction of
the cost a B-tree adds to every COPY. SQLite keeps its B-tree.

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index("ix_sector_cell_package", table_name="sector_cell")
    op.create_index(
        "ix_sector_cell_package",
        "sector_cell",
        ["package_id"],
        postgresql_using="brin",
        postgresql_with={"autosummarize": "on"},
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index("ix_sector_cell_package", table_name="sector_cell")
    op.create_index("ix_sector_cell_package", "sector_cell", ["package_id"])
