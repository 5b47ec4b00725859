"""Events in a participant's life that the pilot hopes to see fewer of: inpatient stays (with
the law of compulsory care, if any), emergency visits, crises with police or ambulance,
evictions. One row each, read by participant and day (ix_event_history). Frozen.

Revision ID: 0013
Revises: 0011
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("participant_id", sa.Integer(), sa.ForeignKey("participant.id"), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("law", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("recorded_by", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_event_history", "event", ["participant_id", "happened_on", "id"])


def downgrade() -> None:
    op.drop_index("ix_event_history", table_name="event")
    op.drop_table("event")
