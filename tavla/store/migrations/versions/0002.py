"""Enrolment, consent, contacts' kinds, resource group, interventions, outcome ratings.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_CONTACT_REFERENCES = (
    "region_colleague_id",
    "municipality_colleague_id",
    "care_contact_id",
)


def upgrade() -> None:
    with op.batch_alter_table("contact") as batch:
        batch.add_column(sa.Column("kind", sa.String(), nullable=False, server_default="other"))

    with op.batch_alter_table("participant") as batch:
        batch.add_column(sa.Column("municipality", sa.String(), nullable=False, server_default=""))
        batch.add_column(
            sa.Column("criteria_exception", sa.String(), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("discharge_reason", sa.String(), nullable=True))
        batch.add_column(
            sa.Column("discharge_note", sa.String(), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("discharge_recorded_on", sa.Date(), nullable=True))
        for name in _CONTACT_REFERENCES:
            batch.add_column(sa.Column(name, sa.Integer(), nullable=True))
            batch.create_foreign_key(f"fk_participant_{name}", "contact", [name], ["id"])
        batch.add_column(sa.Column("samsa_marked_on", sa.Date(), nullable=True))
        batch.add_column(
            sa.Column("samsa_marked_by", sa.String(), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("consent_given_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("consent_expires_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("consent_revoked_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("ors_total", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("ors_previous_total", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("coverage", sa.String(), nullable=False, server_default=""))

    op.create_table(
        "criterion",
        sa.Column(
            "participant_id", sa.Integer(), sa.ForeignKey("participant.id"), primary_key=True
        ),
        sa.Column("key", sa.String(), primary_key=True),
        sa.Column("met", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
    )
    op.create_table(
        "consent",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("participant_id", sa.Integer(), sa.ForeignKey("participant.id"), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=False),
        sa.Column("shares", sa.String(), nullable=False),
        sa.Column("withheld", sa.String(), nullable=False),
        sa.Column("revoked_on", sa.Date(), nullable=True),
        sa.Column("revoked_note", sa.String(), nullable=False),
        sa.Column("recorded_by", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_consent_participant_id", "consent", ["participant_id"])
    op.create_table(
        "resource_member",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("participant_id", sa.Integer(), sa.ForeignKey("participant.id"), nullable=False),
        sa.Column("contact_id", sa.Integer(), sa.ForeignKey("contact.id"), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("added_on", sa.Date(), nullable=False),
        sa.UniqueConstraint("participant_id", "contact_id"),
    )
    op.create_table(
        "intervention",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("participant_id", sa.Integer(), sa.ForeignKey("participant.id"), nullable=False),
        sa.Column("what", sa.String(), nullable=False),
        sa.Column("principal", sa.String(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("lanes", sa.String(), nullable=False),
        sa.Column("responsible_id", sa.Integer(), sa.ForeignKey("contact.id"), nullable=True),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_intervention_participant_id", "intervention", ["participant_id"])
    op.create_table(
        "outcome",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("participant_id", sa.Integer(), sa.ForeignKey("participant.id"), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("rated_on", sa.Date(), nullable=False),
        sa.Column("staff", sa.String(), nullable=False),
        sa.Column("item1", sa.Integer(), nullable=False),
        sa.Column("item2", sa.Integer(), nullable=False),
        sa.Column("item3", sa.Integer(), nullable=False),
        sa.Column("item4", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_outcome_participant_id", "outcome", ["participant_id"])


def downgrade() -> None:
    for table in ("outcome", "intervention", "resource_member", "consent", "criterion"):
        op.drop_table(table)
    with op.batch_alter_table("participant") as batch:
        for name in _CONTACT_REFERENCES:
            batch.drop_constraint(f"fk_participant_{name}", type_="foreignkey")
        for name in (
            "coverage",
            "ors_previous_total",
            "ors_total",
            "consent_revoked_on",
            "consent_expires_on",
            "consent_given_on",
            "samsa_marked_by",
            "samsa_marked_on",
            *_CONTACT_REFERENCES,
            "discharge_recorded_on",
            "discharge_note",
            "discharge_reason",
            "criteria_exception",
            "municipality",
        ):
            batch.drop_column(name)
    with op.batch_alter_table("contact") as batch:
        batch.drop_column("kind")
