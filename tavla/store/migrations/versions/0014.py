"""The needs assessment (kartläggning): a table of assessments of life areas, the life areas in
the board template, and the fifth target-group criterion, "the red field" of Alborn's figure.

Frozen: the life areas and the criterion are written out below, as the board template gave
them when this migration was made.

Revision ID: 0014
Revises: 0011
Create Date: 2026-11-28
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def _area(key: str, lane: str, sv: str, en: str) -> dict:
    return {"key": key, "lane": lane, "label": {"sv": sv, "en": en}}


AREAS = [
    _area("housing", "social", "Boende", "Housing"),
    _area("finances", "social", "Ekonomi", "Finances"),
    _area("occupation", "social", "Sysselsättning", "Occupation"),
    _area("relationships", "social", "Relationer", "Relationships"),
    _area("physical_health", "health", "Fysisk hälsa", "Physical health"),
    _area("mental_health", "health", "Psykisk hälsa", "Mental health"),
    _area("substance_use", "health", "Alkohol och droger", "Substance use"),
    _area("cognition", "cognition", "Kognition", "Cognition"),
    _area("daily_living", "cognition", "Vardagens sysslor", "Daily living"),
    _area("safety", "social", "Trygghet och säkerhet", "Safety"),
]
RED_FIELD = {
    "key": "red_field",
    "label": {
        "sv": "I det röda fältet i Alborns figur: behöver vård och yttre stöd i minst en"
        " dimension (hälsa, kognitiv förmåga, social stabilitet)",
        "en": "In the red field of Alborn's figure: needs care and outside support in at least"
        " one dimension (health, cognitive ability, social stability)",
    },
}


def upgrade() -> None:
    tables = sa.inspect(op.get_bind()).get_table_names()
    if "assessment" not in tables:  # safe to run twice (a board set back by hand)
        op.create_table(
            "assessment",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column(
                "participant_id", sa.Integer(), sa.ForeignKey("participant.id"), nullable=False
            ),
            sa.Column("area", sa.String(), nullable=False),
            sa.Column("need", sa.String(), nullable=False),
            sa.Column("note", sa.String(), nullable=False),
            sa.Column("assessed_on", sa.Date(), nullable=False),
            sa.Column("assessed_by", sa.String(), nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        )
        op.create_index(
            "ix_assessment_history",
            "assessment",
            ["participant_id", "area", "assessed_on", "id"],
        )
    _change_template(_with_areas)


def downgrade() -> None:
    _change_template(_without_areas)
    op.drop_index("ix_assessment_history", table_name="assessment")
    op.drop_table("assessment")


def _with_areas(template: dict) -> dict:
    lanes = {lane.get("key") for lane in template.get("lanes", []) if isinstance(lane, dict)}
    if "areas" not in template and {"health", "cognition", "social"} <= lanes:
        template["areas"] = AREAS  # a board whose lanes are other than these keeps none
    criteria = template.setdefault("criteria", [])
    if isinstance(criteria, list) and all(c.get("key") != "red_field" for c in criteria):
        criteria.append(RED_FIELD)
    return template


def _without_areas(template: dict) -> dict:
    template.pop("areas", None)
    criteria = template.get("criteria")
    if isinstance(criteria, list):
        template["criteria"] = [c for c in criteria if c.get("key") != "red_field"]
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
