"""An index for a participant's ORS and SRS history: (participant, kind, day, id).

The follow-up figures read each participant's first ORS on or after enrolment and the latest
by a day; with this index each is one seek, not a sort of all the person's scores. Frozen.

Revision ID: 0011
Revises: 0008
Create Date: 2026-11-28
"""

from alembic import op

revision = "0011"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_outcome_history", "outcome", ["participant_id", "kind", "rated_on", "id"])


def downgrade() -> None:
    op.drop_index("ix_outcome_history", table_name="outcome")
