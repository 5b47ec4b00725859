"""The discharge checklist: what was true and confirmed when a participation ended, and why it
ended anyway with an item unchecked. Frozen.

`discharge_checked`: the checked items' keys, comma-separated ("care_contact", "sip",
"samsa_removed", "parties_informed"); NULL for a discharge recorded before the checklist.

Revision ID: 0016
Revises: 0011
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("participant") as batch:
        batch.add_column(sa.Column("discharge_checked", sa.String(), nullable=True))
        batch.add_column(sa.Column("discharge_last_sip_on", sa.Date(), nullable=True))
        batch.add_column(
            sa.Column("discharge_unchecked_reason", sa.String(), nullable=False, server_default="")
        )


def downgrade() -> None:
    # Natively (SQLite 3.35 and later, PostgreSQL): a batch rebuild of participant would trip
    # the foreign keys that point at it when they are on.
    for name in ("discharge_unchecked_reason", "discharge_last_sip_on", "discharge_checked"):
        op.execute(f"ALTER TABLE participant DROP COLUMN {name}")
