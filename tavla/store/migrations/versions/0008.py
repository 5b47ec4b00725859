"""The participant's own meetings and two agenda rules: the date of the latest resource-group
meeting on the participant row (for the board's one query), and the rules "resource-group
meeting due" and "no permanent care contact" in boards made before them.

Frozen: the rules' names, where they go and their settings are written out below, as the
board template gave them when this migration was made.

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-08
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

NEW_RULES = ("care_contact", "resource_group")  # before "not_discussed", in this order
BEFORE = "not_discussed"
NEW_SETTINGS = {"resource_group_months": 3, "care_contact_weeks": 4}


def upgrade() -> None:
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("participant")}
    if "resource_group_met_on" not in columns:  # safe to run twice (a board set back by hand)
        with op.batch_alter_table("participant") as batch:
            batch.add_column(sa.Column("resource_group_met_on", sa.Date(), nullable=True))
    op.execute(
        "UPDATE participant SET resource_group_met_on = (SELECT max(m.held_on) FROM meeting m"
        " WHERE m.participant_id = participant.id AND m.kind = 'resource_group')"
    )
    _change_template(_with_rules)


def downgrade() -> None:
    _change_template(_without_rules)
    # Natively (SQLite 3.35 and later, PostgreSQL): a batch rebuild of participant would trip
    # the foreign keys that point at it when they are on.
    op.execute("ALTER TABLE participant DROP COLUMN resource_group_met_on")


def _with_rules(template: dict) -> dict:
    agenda = template.get("agenda")
    if not isinstance(agenda, dict):  # a board without the block gets today's defaults
        return template
    rules = list(agenda.get("rules", []))
    for rule in NEW_RULES:
        if rule not in rules:
            rules.insert(rules.index(BEFORE) if BEFORE in rules else len(rules), rule)
    agenda["rules"] = rules
    for key, value in NEW_SETTINGS.items():
        agenda.setdefault(key, value)
    return template


def _without_rules(template: dict) -> dict:
    agenda = template.get("agenda")
    if isinstance(agenda, dict):
        agenda["rules"] = [r for r in agenda.get("rules", []) if r not in NEW_RULES]
        for key in NEW_SETTINGS:
            agenda.pop(key, None)
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
