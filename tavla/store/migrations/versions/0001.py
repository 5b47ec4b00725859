"""The first schema: participants, coordinators, ratings, lane state, settings, access log.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "contact",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("principal", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("organisation", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
    )
    op.create_table(
        "participant",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(), nullable=False, unique=True),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("identity_number", sa.String(), nullable=True, unique=True),
        sa.Column("enrolled_on", sa.Date(), nullable=False),
        sa.Column("discharged_on", sa.Date(), nullable=True),
        sa.Column("region_coordinator_id", sa.Integer(), sa.ForeignKey("contact.id")),
        sa.Column("municipality_coordinator_id", sa.Integer(), sa.ForeignKey("contact.id")),
        sa.Column("main_responsibility", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "rating",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("participant_id", sa.Integer(), sa.ForeignKey("participant.id"), nullable=False),
        sa.Column("lane", sa.String(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("need", sa.String(), nullable=True),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("rated_on", sa.Date(), nullable=False),
        sa.Column("author", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ix_rating_lane_history", "rating", ["participant_id", "lane", "rated_on", "id"]
    )
    op.create_table(
        "lane_state",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("participant_id", sa.Integer(), sa.ForeignKey("participant.id"), nullable=False),
        sa.Column("lane", sa.String(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("need", sa.String(), nullable=True),
        sa.Column("rated_on", sa.Date(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("author", sa.String(), nullable=False),
        sa.Column("previous_level", sa.Integer(), nullable=True),
        sa.Column("previous_rated_on", sa.Date(), nullable=True),
        sa.Column("history", sa.String(), nullable=False),
        sa.UniqueConstraint("participant_id", "lane"),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(), primary_key=True),
        sa.Column("value", sa.String(), nullable=False),
    )
    op.create_table(
        "access_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("participant_id", sa.Integer(), sa.ForeignKey("participant.id"), nullable=True),
        sa.Column("detail", sa.String(), nullable=False),
    )
    op.create_index("ix_access_log_participant_id", "access_log", ["participant_id"])


def downgrade() -> None:
    for table in ("access_log", "setting", "lane_state", "rating", "participant", "contact"):
        op.drop_table(table)
