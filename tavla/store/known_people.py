"""Whose names and numbers a shared screen or a de-identified file must not show.

Participants (discharged ones too: their names can stand in old decisions) and
relatives, read with constant SQL on a DB-API connection, like the board.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tavla.domain.privacy import RELATIVE, Person, Redactor

if TYPE_CHECKING:
    from tavla.store.database import Store

PARTICIPANTS_SQL = "SELECT code, name, identity_number FROM participant"
RELATIVES_SQL = f"SELECT name, phone, email FROM contact WHERE kind = '{RELATIVE}'"


def known_people(store: Store) -> list[Person]:
    with store.reader() as conn:
        cursor = conn.cursor()
        cursor.execute(PARTICIPANTS_SQL)
        participants = cursor.fetchall()
        cursor.execute(RELATIVES_SQL)
        relatives = cursor.fetchall()
    people = [
        Person(name or "", code=code, identity_number=pnr) for code, name, pnr in participants
    ]
    people += [
        Person(name or "", phone=phone or "", email=email or "") for name, phone, email in relatives
    ]
    return people


def redactor(store: Store) -> Redactor:
    """Free text as the room may see it: participants by code, relatives as "relative"."""
    return Redactor(known_people(store))
