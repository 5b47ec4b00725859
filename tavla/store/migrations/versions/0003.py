"""SIP and crisis plan versions; the board's follow-up and crisis-plan dates; the SIP column.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SIP_COLUMN = "sip"


def upgrade() -> None:
    op.create_table(
        "plan_version",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("participant_id", sa.Integer(), sa.ForeignKey("participant.id"), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("content", sa.String(), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("saved_by", sa.String(), nullable=False),
        sa.UniqueConstraint("participant_id", "kind", "version"),
    )
    with op.batch_alter_table("participant") as batch:
        batch.add_column(sa.Column("sip_follow_up_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("crisis_reviewed_on", sa.Date(), nullable=True))
    _template_columns(lambda columns: _with_sip(columns))


def downgrade() -> None:
    _template_columns(lambda columns: [c for c in columns if c != SIP_COLUMN])
    with op.batch_alter_table("participant") as batch:
        batch.drop_column("crisis_reviewed_on")
        batch.drop_column("sip_follow_up_on")
    op.drop_table("plan_version")


def _with_sip(columns: list[str]) -> list[str]:
    """A board made before SIPs gets the follow-up column, before the flags."""
    if SIP_COLUMN in columns:
        return columns
    at = columns.index("flags") if "flags" in columns else len(columns)
    return [*columns[:at], SIP_COLUMN, *columns[at:]]


def _template_columns(change) -> None:
    conn = op.get_bind()
    row = conn.execute(sa.text("SELECT value FROM setting WHERE key = 'board_template'")).first()
    if row is None:  # a new database: it gets the current template afterwards
        return
    template = json.loads(row[0])
    template["columns"] = change(list(template.get("columns", [])))
    conn.execute(
        sa.text("UPDATE setting SET value = :value WHERE key = 'board_template'"),
        {"value": json.dumps(template, ensure_ascii=False, indent=2)},
    )
