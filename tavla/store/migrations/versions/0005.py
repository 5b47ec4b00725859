"""The access log becomes append-only in the database itself: UPDATE and DELETE are refused.

Triggers, so that no program (tavla, a script, a hand at the SQL prompt) changes the
record of who read or changed what without first removing them on purpose. A demo
database (setting demo = 1, fictional people only) may still be wiped, so that
`tavla demo` can refresh it. SQLite drops a table's triggers when a migration rebuilds the
table: a later migration that alters access_log must create them again.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

MESSAGE = "access log is append-only"
_DEMO = "EXISTS (SELECT 1 FROM setting WHERE key = 'demo' AND value = '1')"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER access_log_no_{event.lower()} BEFORE {event} ON access_log"
                f" WHEN NOT {_DEMO}"
                f" BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
            )
        return
    op.execute(
        "CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "BEGIN\n"
        f"  IF TG_OP <> 'TRUNCATE' AND {_DEMO} THEN\n"
        "    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;\n"
        "    RETURN NEW;\n"
        "  END IF;\n"
        f"  RAISE EXCEPTION '{MESSAGE}';\n"
        "END\n"
        "$$"
    )
    for event in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER access_log_no_{event.lower()} BEFORE {event} ON access_log"
            " FOR EACH ROW EXECUTE FUNCTION access_log_append_only()"
        )
    op.execute(
        "CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log"
        " FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for event in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS access_log_no_{event}")
        return
    for event in ("update", "delete", "truncate"):
        op.execute(f"DROP TRIGGER IF EXISTS access_log_no_{event} ON access_log")
    op.execute("DROP FUNCTION IF EXISTS access_log_append_only()")
