"""Every board gets an identity: a random id in the settings, made once and never changed.

Backups carry it inside (they are copies of the file), so `tavla restore` can tell a
backup of this board from one of another board (the demo beside it, say), and the daily
backup and its pruning count only this board's backups. A board that already has an id
(copied in, or restored) keeps it. Frozen: the key is written out here, and the value is
made here, not taken from today's code.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

BOARD_ID = "board_id"


def upgrade() -> None:
    conn = op.get_bind()
    found = conn.execute(sa.text("SELECT 1 FROM setting WHERE key = :key"), {"key": BOARD_ID})
    if found.first() is None:
        conn.execute(
            sa.text("INSERT INTO setting (key, value) VALUES (:key, :value)"),
            {"key": BOARD_ID, "value": uuid.uuid4().hex},
        )


def downgrade() -> None:
    op.get_bind().execute(sa.text("DELETE FROM setting WHERE key = :key"), {"key": BOARD_ID})
