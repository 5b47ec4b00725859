"""Several municipalities on one board: a meeting series, and a meeting, may belong to one.

`meeting_series` was one row per kind (unique on kind); now one per kind and municipality,
NULL meaning the whole board. A plain unique constraint would let two board-wide rows in
(NULLs are distinct), so the uniqueness is an index over `coalesce(municipality, '')`.
`meeting.municipality` says whose weekly meeting it is (NULL: the whole board); its
`agenda_key` carries the municipality too, so two municipalities' meetings on the same
day stay apart. Frozen: nothing here comes from today's code.

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0011"
branch_labels = None
depends_on = None

UNIQUE_PER_MUNICIPALITY = "ux_meeting_series_kind_municipality"
# How SQLite's unnamed unique constraint on kind (made by 0004) is named to drop it.
NAMING = {"uq": "uq_%(table_name)s_%(column_0_name)s"}


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("meeting_series", naming_convention=NAMING) as batch:
            batch.drop_constraint("uq_meeting_series_kind", type_="unique")
            batch.add_column(sa.Column("municipality", sa.String(), nullable=True))
    else:
        for constraint in sa.inspect(op.get_bind()).get_unique_constraints("meeting_series"):
            if constraint["column_names"] == ["kind"]:
                op.drop_constraint(constraint["name"], "meeting_series", type_="unique")
        op.add_column("meeting_series", sa.Column("municipality", sa.String(), nullable=True))
    op.create_index(
        UNIQUE_PER_MUNICIPALITY,
        "meeting_series",
        ["kind", sa.text("coalesce(municipality, '')")],
        unique=True,
    )
    op.add_column("meeting", sa.Column("municipality", sa.String(), nullable=True))


def downgrade() -> None:
    # A municipality's series and meetings cannot be told apart once the column is gone.
    conn = op.get_bind()
    conn.execute(sa.text("DELETE FROM meeting_series WHERE municipality IS NOT NULL"))
    with op.batch_alter_table("meeting") as batch:
        batch.drop_column("municipality")
    op.drop_index(UNIQUE_PER_MUNICIPALITY, "meeting_series")
    with op.batch_alter_table("meeting_series") as batch:
        batch.drop_column("municipality")
        batch.create_unique_constraint("uq_meeting_series_kind", ["kind"])
