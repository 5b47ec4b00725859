"""The board's columns in words: the heading the board shows, and what the column means.

Pure, so the board table and the template sent to the municipality say the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tavla.i18n import _, ngettext

if TYPE_CHECKING:
    from tavla.domain.template import BoardTemplate


def column_label(key: str, template: BoardTemplate) -> str:
    lanes = {lane.key: lane.label for lane in template.lanes}
    labels = {
        "code": _("Code"),
        "name": _("Name"),
        "coordinators": _("Region/municipality"),
        "last_rated": _("Latest"),
        "sip": _("SIP"),
        "discussed": _("Disc."),
        "flags": _("Flags"),
    }
    return lanes.get(key) or labels.get(key, key)


def column_meaning(key: str, template: BoardTemplate) -> str:
    if key in {lane.key for lane in template.lanes}:
        return _(
            "The lane's current level and colour, its direction since the last rating (↑ ↓), "
            "whether the need is met, and the last weeks as a sparkline."
        )
    weeks = template.agenda.not_discussed_weeks
    meanings = {
        "code": _("The participant's pseudonym code, shown instead of the name when presenting."),
        "name": _("The participant's name (hidden in presentation mode)."),
        "coordinators": _(
            "The region's and the municipality's coordinator; ● marks who holds the main "
            "responsibility."
        ),
        "last_rated": _("The week of the latest rating."),
        "sip": _("The week of the next SIP follow-up; red when overdue."),
        "discussed": ngettext(
            "Days since last discussed in the weekly meeting; yellow after {n} week.",
            "Days since last discussed in the weekly meeting; yellow after {n} weeks.",
            weeks,
        ).format(n=weeks),
        "flags": _(
            "S consent missing or expiring, O outcome (ORS) low or dropping, K crisis plan "
            "missing or not reviewed, Å an action past due, R a resource-group meeting due, "
            "V no permanent care contact; red is an alert, yellow a warning."
        ),
    }
    return meanings.get(key, "")
