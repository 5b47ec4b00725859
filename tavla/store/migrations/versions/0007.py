"""Consent says whom it covers and how it was given.

Every consent recorded before this revision was recorded on the form "consent to share
information between region and municipality", so its parties are exactly those two: that
is what the person was asked about, not a guess. How it was given was never asked, so it
stays unknown (empty, shown as "not recorded"); writing "written" would make old records
claim a signed document nobody saw. Frozen: the keys are written out here.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

BOTH_PRINCIPALS = "region,municipality"
NOT_RECORDED = ""


def upgrade() -> None:
    with op.batch_alter_table("consent") as batch:
        batch.add_column(
            sa.Column("parties", sa.String(), nullable=False, server_default=BOTH_PRINCIPALS)
        )
        batch.add_column(
            sa.Column("form", sa.String(), nullable=False, server_default=NOT_RECORDED)
        )


def downgrade() -> None:
    with op.batch_alter_table("consent") as batch:
        batch.drop_column("form")
        batch.drop_column("parties")
