"""The discharge checklist in words: for the form that ends a participation and the record."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from tavla.domain.vocabulary import DischargeCheck
from tavla.i18n import _
from tavla.render.labels import label_for


def checklist_items(
    checked: Collection[str], care_contact: str | None, last_sip_on: date | None
) -> list[tuple[DischargeCheck, bool, str]]:
    """Each item of the checklist: its key, whether it is checked, and its words (with the
    name of the fast vårdkontakt and the date of the last SIP meeting when known)."""
    items = []
    for check in DischargeCheck:
        words = label_for(check)
        if check == DischargeCheck.CARE_CONTACT and care_contact:
            words += f": {care_contact}"
        elif check == DischargeCheck.SIP:
            words = (
                _("Last SIP meeting: {date}").format(date=last_sip_on)
                if last_sip_on
                else _("No SIP has been made")
            )
        items.append((check, check in checked, words))
    return items


def mark(done: bool) -> str:
    return "✓" if done else "✗"
