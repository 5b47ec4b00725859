"""Finding a contact by what the user typed: any field, or the words of its kind."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tavla.render.labels import label_for

if TYPE_CHECKING:
    from tavla.store.contacts import ContactSummary


def matches(contact: ContactSummary, search: str) -> bool:
    wanted = search.strip().casefold()
    if not wanted:
        return True
    haystack = (
        contact.name,
        contact.role,
        contact.organisation,
        contact.phone,
        contact.email,
        label_for(contact.kind),
    )
    return any(wanted in text.casefold() for text in haystack)
