"""The follow-up table of events before and after enrolment (counted by
`store.follow_up_events`): inpatient stays and their days, emergency visits, crises with
police or ambulance, evictions, in the 12 months before and the 12 months after.

People with an event are shown as a share of those compared (`small_counts.share`: "<3" for
1 or 2, "×" where the rest would give them away). A number of events, or of inpatient days,
is given only beside a number of people shown exactly: beside "<3" it would tell about one
or two people, so it is "×" then.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tavla.domain.vocabulary import EventKind
from tavla.exports.document import Table
from tavla.exports.small_counts import HIDDEN, Shown, is_shown, share, share_text, shown
from tavla.i18n import _
from tavla.render.labels import label_for
from tavla.store.follow_up_events import WINDOW_DAYS

if TYPE_CHECKING:
    from tavla.store.follow_up import FollowUp

NONE = "–"


def _beside(number: int, people: dict[str, Any]) -> Shown:
    return number if is_shown(people["n"]) else HIDDEN


def events_table(figures: FollowUp, data: dict[str, Any]) -> Table:
    events = figures.events
    of = shown(events.people)
    rows: list[tuple] = [(_("Participants compared"), of, of, NONE, NONE)]
    data["events"] = {"compared": of, "window_days": WINDOW_DAYS, "kinds": {}}
    for kind in EventKind:
        counts = events.by_kind.get(kind)
        if counts is None:
            continue
        before, after = share(counts.people_before, of), share(counts.people_after, of)
        numbers = (_beside(counts.before, before), _beside(counts.after, after))
        entry = {"people_before": before, "people_after": after}
        entry |= {"before": numbers[0], "after": numbers[1]}
        if kind == EventKind.INPATIENT:
            entry |= {
                "days_before": _beside(events.days_before, before),
                "days_after": _beside(events.days_after, after),
            }
        data["events"]["kinds"][kind.value] = entry
        rows.append((label_for(kind), share_text(before), share_text(after), *numbers))
        if kind == EventKind.INPATIENT:
            days = (_("Days in inpatient care"), NONE, NONE)
            rows.append((*days, entry["days_before"], entry["days_after"]))
    note = _(
        "Participants active at any time during the period who had been enrolled for 12 "
        "months or more by its end: events in the 12 months (365 days) before enrolment set "
        "against the 12 months from enrolment. People: how many had such an event; Number: "
        "how many events there were. An inpatient stay's days count in the window they fall "
        "in, both its first and last day included, one day when its end is not recorded. A "
        "number is hidden (×) beside fewer than 3 people."
    )
    header = (
        _("Event"),
        _("People, before"),
        _("People, after"),
        _("Number, before"),
        _("Number, after"),
    )
    return Table("events", _("Events before and after"), header, tuple(rows), note)
