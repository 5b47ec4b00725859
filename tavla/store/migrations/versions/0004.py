"""The weekly meeting: series, meetings, agenda items, actions; the board's discussed column.

Frozen: the meeting routine and agenda rules a board gets here are written out below (as the
board template gave them when this migration was made), so editing the template later does
not change what this migration does.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

import copy
import json

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

DISCUSSED_COLUMN = "discussed"
# The board template's "meeting" and "agenda" blocks as they were when this migration was made.
NEW_BLOCKS = {
    "meeting": {"weekday": 1, "time": "09:00", "minutes": 45, "timezone": "Europe/Stockholm"},
    "agenda": {
        "rules": [
            "open_actions",
            "level_rose",
            "top_level",
            "unmet_need",
            "new_enrolment",
            "sip_follow_up",
            "consent",
            "crisis_plan",
            "not_discussed",
        ],
        "top_level": 4,
        "unmet_from_level": 3,
        "consent_warning_days": 14,
        "not_discussed_weeks": 4,
        "item_minutes": 3,
    },
}


def upgrade() -> None:
    op.create_table(
        "meeting_series",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(), nullable=False, unique=True),
        sa.Column("frequency", sa.String(), nullable=False),
        sa.Column("interval", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.String(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("skip_dates", sa.String(), nullable=False),
        sa.Column("attendees", sa.String(), nullable=False),
    )
    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False, index=True),
        sa.Column("starts_at", sa.String(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), sa.ForeignKey("participant.id")),
        sa.Column("agenda_key", sa.String(), unique=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True)),
        sa.Column("closed_by", sa.String(), nullable=False),
        sa.Column("created_by", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "meeting_attendee",
        sa.Column("meeting_id", sa.Integer(), sa.ForeignKey("meeting.id"), primary_key=True),
        sa.Column("contact_id", sa.Integer(), sa.ForeignKey("contact.id"), primary_key=True),
    )
    op.create_table(
        "agenda_item",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("meeting_id", sa.Integer(), sa.ForeignKey("meeting.id"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("participant_id", sa.Integer(), sa.ForeignKey("participant.id")),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("reasons", sa.String(), nullable=False),
        sa.Column("by_hand", sa.Boolean(), nullable=False),
        sa.Column("removed", sa.Boolean(), nullable=False),
        sa.Column("box_minutes", sa.Integer(), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.Column("decisions", sa.String(), nullable=False),
        sa.Column("discussed_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_agenda_item_meeting_id", "agenda_item", ["meeting_id"])
    op.create_table(
        "action",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("meeting_id", sa.Integer(), sa.ForeignKey("meeting.id")),
        sa.Column("participant_id", sa.Integer(), sa.ForeignKey("participant.id")),
        sa.Column("what", sa.String(), nullable=False),
        sa.Column("owner_id", sa.Integer(), sa.ForeignKey("contact.id"), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.Column("created_by", sa.String(), nullable=False),
        sa.Column("closed_on", sa.Date()),
        sa.Column("closed_by", sa.String(), nullable=False),
    )
    op.create_index("ix_action_participant_id", "action", ["participant_id"])
    with op.batch_alter_table("participant") as batch:
        batch.add_column(sa.Column("discussed_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("action_due_on", sa.Date(), nullable=True))
    _change_template(_with_meeting)


def downgrade() -> None:
    _change_template(_without_meeting)
    with op.batch_alter_table("participant") as batch:
        batch.drop_column("action_due_on")
        batch.drop_column("discussed_on")
    for table in ("action", "agenda_item", "meeting_attendee", "meeting", "meeting_series"):
        op.drop_table(table)


def _with_meeting(template: dict) -> dict:
    """A board made before meetings gets the discussed column (before the flags) and the
    default meeting routine and agenda rules."""
    columns = list(template.get("columns", []))
    if DISCUSSED_COLUMN not in columns:
        at = columns.index("flags") if "flags" in columns else len(columns)
        columns.insert(at, DISCUSSED_COLUMN)
    template["columns"] = columns
    for block, default in NEW_BLOCKS.items():
        template.setdefault(block, copy.deepcopy(default))
    return template


def _without_meeting(template: dict) -> dict:
    template["columns"] = [c for c in template.get("columns", []) if c != DISCUSSED_COLUMN]
    for block in NEW_BLOCKS:
        template.pop(block, None)
    return template


def _change_template(change) -> None:
    conn = op.get_bind()
    row = conn.execute(sa.text("SELECT value FROM setting WHERE key = 'board_template'")).first()
    if row is None:  # a new database: it gets the current template afterwards
        return
    template = change(json.loads(row[0]))
    conn.execute(
        sa.text("UPDATE setting SET value = :value WHERE key = 'board_template'"),
        {"value": json.dumps(template, ensure_ascii=False, indent=2)},
    )
