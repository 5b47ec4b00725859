"""Board-wide settings: the board template, presentation mode, theme, demo marker, identity."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tavla.domain.template import BoardTemplate, default_template_json

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from tavla.store.database import Store

TEMPLATE = "board_template"
PRESENTATION = "presentation_mode"
THEME = "theme"
DEMO = "demo"
# The last access-log entry of the demo as `tavla demo` wrote it: later changes are practice.
DEMO_WRITTEN = "demo_written"
# The board's identity, made by migration 0006 and carried by its backups.
BOARD_ID = "board_id"


def read_all(store: Store) -> dict[str, str]:
    with store.reader() as conn:
        cursor = conn.cursor()
        cursor.execute("SELECT key, value FROM setting")
        return dict(cursor.fetchall())


def load_template(store: Store) -> BoardTemplate:
    return template_from(read_all(store))


def template_from(settings: dict[str, str]) -> BoardTemplate:
    return BoardTemplate.from_json(settings.get(TEMPLATE) or default_template_json())


def write_defaults(conn: Connection) -> None:
    """Give a new database its board template (inside the migration's transaction)."""
    from sqlalchemy import text

    exists = conn.execute(text("SELECT 1 FROM setting WHERE key = :key"), {"key": TEMPLATE})
    if exists.first() is None:
        conn.execute(
            text("INSERT INTO setting (key, value) VALUES (:key, :value)"),
            {"key": TEMPLATE, "value": default_template_json()},
        )


def set_value(store: Store, key: str, value: str) -> None:
    """In plain SQL (store.plain): a key on the board (presentation, theme) needs no ORM."""
    with store.transaction() as transaction:
        transaction.execute(
            "INSERT INTO setting (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


def is_on(settings: dict[str, str], key: str) -> bool:
    return settings.get(key) == "1"


def change_agenda_rules(store: Store, **changes: object) -> BoardTemplate:
    """Change the board's agenda rules (e.g. not_discussed_weeks=6, item_minutes=4) in its
    stored template, checked as a whole before it is saved."""
    import json

    from tavla.errors import UserError
    from tavla.i18n import _
    from tavla.store.models import Setting

    with store.write() as session:
        row = session.get(Setting, TEMPLATE, with_for_update=True)
        data = json.loads(row.value if row else default_template_json())
        defaults = json.loads(default_template_json())["agenda"]
        agenda = data.setdefault("agenda", defaults)
        for key, value in defaults.items():  # settings newer than the board's template
            if key != "rules":
                agenda.setdefault(key, value)
        for key, value in changes.items():
            if key not in agenda:
                raise UserError(_("{key!r} is not an agenda setting.").format(key=key))
            agenda[key] = value
        for key in ("not_discussed_weeks", "item_minutes"):
            if not 1 <= int(agenda[key]) <= 52:
                raise UserError(_("The number of weeks or minutes must be 1 to 52."))
        text = json.dumps(data, ensure_ascii=False, indent=2)
        template = BoardTemplate.from_json(text)  # refuses rules tavla does not know
        session.merge(Setting(key=TEMPLATE, value=text))
        from tavla.store import audit

        audit.record(session, store.actor, "update", None, "agenda rules")
    return store.use_template(template)


def start_from_template(store: Store, text: str, source: str) -> BoardTemplate:
    """Make `text` (a template's JSON, checked as a whole) this board's template. Only a
    board without participants takes one: a template starts a new board."""
    from sqlalchemy import func
    from sqlmodel import select

    from tavla.errors import UserError
    from tavla.i18n import _
    from tavla.store import audit
    from tavla.store.models import Participant, Setting

    template = BoardTemplate.from_json(text)
    with store.write() as session:
        if session.exec(select(func.count()).select_from(Participant)).one():
            raise UserError(
                _(
                    "This board already has participants; a template starts a new board. "
                    "Name a new database with --db."
                )
            )
        session.merge(Setting(key=TEMPLATE, value=text))
        audit.record(session, store.actor, "import", None, f"template ← {source}")
    return store.use_template(template)
