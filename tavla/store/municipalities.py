"""The municipalities on the board: the names its participants have, and a scope made from one.

Read with one constant statement on a DB-API connection (no ORM), so `tavla --municipality
NAME` can check the name before the board's first paint.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from tavla.domain.municipality import choose_municipality, distinct_names, municipality_key

if TYPE_CHECKING:
    from sqlmodel import Session

    from tavla.store.database import Store

T = TypeVar("T")
NAMES_SQL = "SELECT DISTINCT municipality FROM participant"


def _spellings(store: Store) -> list[str]:
    with store.reader() as conn:
        cursor = conn.cursor()
        cursor.execute(NAMES_SQL)
        return [row[0] for row in cursor.fetchall() if row[0]]


def municipality_names(store: Store) -> list[str]:
    """The municipalities of the board's participants (discharged ones too), one spelling
    each, in Swedish alphabetical order."""
    return distinct_names(_spellings(store))


def resolve_municipality(store: Store, name: str) -> str:
    """`name` as the participants spell it; UserError listing the names there are."""
    return choose_municipality(_spellings(store), name)


def spellings_of(session: Session, scope: str) -> list[str]:
    """Every spelling of `scope` stored on participants (`Örebro`, `örebro`), and `scope`
    itself: for SQL that narrows by municipality (`column.in_(…)`)."""
    from sqlmodel import select

    from tavla.store.models import Participant

    key = municipality_key(scope)
    stored = session.exec(select(Participant.municipality).distinct()).all()
    return sorted({scope, *(name for name in stored if municipality_key(name) == key)})


def of_municipality(session: Session, column: Any, scope: str | None) -> Any:
    """The SQL condition that a meeting's (or series') `column` is `scope`'s; None: the
    whole board's (NULL)."""
    return column.is_(None) if scope is None else column.in_(spellings_of(session, scope))


def of_scope(rows: Iterable[T], scope: str | None) -> T | None:
    """The first of `rows` (with a `municipality`, NULL for the whole board) that is `scope`'s."""
    wanted = municipality_key(scope) if scope else None
    for row in rows:
        found = row.municipality  # type: ignore[attr-defined]
        if (municipality_key(found) if found else None) == wanted:
            return row
    return None
