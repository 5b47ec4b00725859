"""The events' row of the participant chart: an inpatient stay marks every week it spans
(cut at the last week shown), one without an end its first week, the other kinds their week;
a week with several kinds shows them all, in a fixed order."""

from __future__ import annotations

from datetime import date

from tavla.domain.vocabulary import CareLaw, EventKind
from tavla.render.lane_chart import event_marks
from tavla.store.events import EventSummary

WEEKS = [date(2026, 10, 5), date(2026, 10, 12), date(2026, 10, 19), date(2026, 10, 26)]  # Mondays


def event(kind, day, until=None):
    law = CareLaw.LPT if until else None
    return EventSummary(1, "X", kind, date.fromisoformat(day), until, law, "", "t")


def test_marks_by_week():
    events = [
        event(EventKind.INPATIENT, "2026-10-08", date(2026, 10, 20)),  # weeks 1-3
        event(EventKind.EMERGENCY, "2026-10-18"),  # a Sunday: week 2
        event(EventKind.CRISIS, "2026-10-13"),  # week 2
        event(EventKind.EVICTION, "2026-09-01"),  # before the chart
        event(EventKind.INPATIENT, "2026-10-30"),  # no end: its first week only
        event(EventKind.EVICTION, "2026-10-27"),
    ]
    assert event_marks(events, WEEKS) == ["S", "SAK", "S", "SV"]


def test_a_stay_past_the_chart_is_cut_and_nothing_is_nothing():
    stay = event(EventKind.INPATIENT, "2026-10-26", date(2027, 1, 31))
    assert event_marks([stay], WEEKS) == ["", "", "", "S"]
    assert event_marks([], WEEKS) == ["", "", "", ""]
