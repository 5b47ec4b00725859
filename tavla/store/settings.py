"""Board-wide settings: the board template, presentation mode, theme, demo marker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tavla.template import BoardTemplate, default_template_json

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from tavla.store.database import Store

TEMPLATE = "board_template"
PRESENTATION = "presentation_mode"
THEME = "theme"
DEMO = "demo"


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
    from tavla.store.models import Setting

    with store.write() as session:
        session.merge(Setting(key=key, value=value))


def is_on(settings: dict[str, str], key: str) -> bool:
    return settings.get(key) == "1"
