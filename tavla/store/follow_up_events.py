"""Events before and after enrolment, for the follow-up figures: read inside `follow_up`'s
snapshot, counted for a group, never told about one person.

The two windows are equally long, WINDOW_DAYS each: the 365 days before the enrolment day,
and the 365 days from it (the enrolment day included). Compared are the participants active
at any time during the period who had been enrolled long enough for the second window to be
over by the period's end. An event falls in the window of its date; an inpatient stay's days
are the days of the stay (its first and last included; one day when its end is not recorded)
in each window, so a stay across the enrolment day counts its days on both sides.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from tavla.domain.vocabulary import EventKind

if TYPE_CHECKING:
    from sqlmodel import Session

WINDOW_DAYS = 365


@dataclass(frozen=True)
class KindCounts:
    """Of the participants compared, for one kind of event: how many had one in each window,
    and how many there were."""

    people_before: int = 0
    people_after: int = 0
    before: int = 0
    after: int = 0


@dataclass(frozen=True)
class EventFigures:
    people: int  # participants compared
    by_kind: dict[str, KindCounts] = field(default_factory=dict)  # every EventKind, in order
    days_before: int = 0  # days in inpatient care in the window before enrolment
    days_after: int = 0


def _windows(enrolled_on: date) -> tuple[tuple[date, date], tuple[date, date]]:
    before = (enrolled_on - timedelta(days=WINDOW_DAYS), enrolled_on - timedelta(days=1))
    after = (enrolled_on, enrolled_on + timedelta(days=WINDOW_DAYS - 1))
    return before, after


def _days(first: date, last: date, window: tuple[date, date]) -> int:
    return max(0, (min(last, window[1]) - max(first, window[0])).days + 1)


def event_figures(session: Session, start: date, end: date, people: list[tuple]) -> EventFigures:
    """The figures of `people` (id, enrolled, discharged, reason; enrolled by `end`) who were
    active at any time from `start` and whose window after enrolment was over by `end`."""
    from sqlalchemy import select

    from tavla.store.models import Event

    last_enrolment = end - timedelta(days=WINDOW_DAYS - 1)
    compared = {
        pid: on
        for pid, on, off, _why in people
        if on <= last_enrolment and (off is None or off >= start)
    }
    rows = (
        session.execute(
            select(Event.participant_id, Event.kind, Event.happened_on, Event.until).where(
                Event.participant_id.in_(sorted(compared))
            )
        ).all()
        if compared
        else []
    )
    counts = {kind: [set(), set(), 0, 0] for kind in EventKind}  # who before, after; how many
    days = [0, 0]
    for pid, kind, happened_on, until in rows:
        if kind not in counts:
            continue
        windows = _windows(compared[pid])
        for side, (first, last) in enumerate(windows):
            if first <= happened_on <= last:
                counts[kind][side].add(pid)
                counts[kind][side + 2] += 1
            if kind == EventKind.INPATIENT:
                days[side] += _days(happened_on, until or happened_on, (first, last))
    return EventFigures(
        people=len(compared),
        by_kind={
            kind: KindCounts(len(before), len(after), n_before, n_after)
            for kind, (before, after, n_before, n_after) in counts.items()
        },
        days_before=days[0],
        days_after=days[1],
    )
