"""The follow-up figures about care: ORS at enrolment and latest, and the time from enrolment
to the first SIP and the first crisis plan (counted by `store.follow_up_care`).

A median is given only for 3 people or more, and only beside their number shown: a median
beside a hidden number would tell that the number is 3 or more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tavla.exports.document import Table
from tavla.exports.small_counts import FEWEST, is_shown, shown
from tavla.i18n import _, language

if TYPE_CHECKING:
    from tavla.store.follow_up import Durations, FollowUp

NO_MEDIAN = "–"


def decimal_text(value: float) -> str:
    """A number with one decimal, as the language writes it (a comma in Swedish)."""
    text = f"{value:.1f}"
    return text.replace(".", ",") if language() == "sv" else text


def _median(value: float | None, people: int) -> float | None:
    if value is None or people < FEWEST:
        return None
    return round(value, 1)


def _median_text(value: float | None) -> str:
    if value is None:
        return NO_MEDIAN
    return str(int(value)) if value == int(value) else decimal_text(value)


def ors_table(figures: FollowUp, data: dict[str, Any]) -> Table:
    ors = figures.ors
    first, latest = _median(ors.first_median, ors.people), _median(ors.latest_median, ors.people)
    data["ors"] = {
        "compared": shown(ors.people),
        "median_at_enrolment": first,
        "median_latest": latest,
    }
    row = (shown(ors.people), _median_text(first), _median_text(latest))
    note = _(
        "The ORS total runs from 0 to 40: a higher total means the person is doing better, and "
        "25 is the clinical cut-off. Compared: participants active at any time during the "
        "period with an ORS on or after their enrolment and a later one during the period. "
        "Their first ORS after enrolment is set against their latest by the end of the period. "
        "No median (–) is given for fewer than 3 people."
    )
    header = (_("People compared"), _("Median at enrolment"), _("Median, latest"))
    return Table("ors", _("ORS, first and latest"), header, (row,), note)


def first_plans_table(figures: FollowUp, data: dict[str, Any]) -> Table:
    groups = (
        ("sip", _("SIP"), figures.to_first_sip),
        ("crisis_plan", _("Crisis plan"), figures.to_first_crisis_plan),
    )
    data["days_to_first_plan"] = {}
    rows = []
    for key, label, durations in groups:
        days = _median_days(durations)
        data["days_to_first_plan"][key] = {"people": shown(durations.people), "median_days": days}
        rows.append((label, shown(durations.people), _median_text(days)))
    note = _(
        "Participants whose first SIP, or first crisis plan, was saved during the period: the "
        "days from their enrolment to that first save. No median (–) is given for fewer than "
        "3 people."
    )
    header = (_("Plan"), _("People"), _("Median, days from enrolment"))
    return Table("first_plans", _("First SIP and crisis plan"), header, tuple(rows), note)


def _median_days(durations: Durations) -> float | None:
    return _median(durations.median_days, durations.people)


def median_beside(value: float | None, count: Any) -> float | None:
    """A median as it may stand beside a number of people as shown: none beside a hidden one."""
    return value if is_shown(count) else None
