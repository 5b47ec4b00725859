"""Follow-up figures of events before and after enrolment, counted by hand, on SQLite and
PostgreSQL: who is compared (enrolled 12 months or more by the period's end, active during
it), the events in the 365 days before and from enrolment, inpatient days split at the
enrolment day, and what the table hides."""

from __future__ import annotations

from datetime import date

from tavla.domain.template import default_template
from tavla.domain.vocabulary import EventKind
from tavla.exports.figures import build_document
from tavla.exports.small_counts import HIDDEN, SMALL
from tavla.i18n import _
from tavla.render.labels import label_for
from tavla.store.events import add_event
from tavla.store.follow_up import follow_up
from tavla.store.follow_up_events import KindCounts
from tavla.store.participants import add_participant, discharge

TODAY = date(2026, 11, 23)
START, END = date(2026, 1, 1), date(2026, 6, 30)  # compared: enrolled by 2025-07-01
D = date.fromisoformat

# code: enrolled. DD is enrolled too late to be compared, EE left before the period.
PEOPLE = {
    "AA": "2025-03-01",  # before: 2024-03-01 – 2025-02-28; after: 2025-03-01 – 2026-02-28
    "BB": "2025-06-01",  # before: 2024-06-01 – 2025-05-31
    "CC": "2025-01-10",  # before: 2024-01-11 – 2025-01-09 (2024 is a leap year)
    "DD": "2025-08-01",
    "EE": "2024-01-01",  # discharged 2025-11-01
    "FF": "2024-06-01",  # discharged 2026-02-01, during the period: compared, no events
    "GG": "2025-04-01",
    "HH": "2025-04-01",
}
# code, kind, day, last day of the stay
EVENTS = (
    ("AA", "inpatient", "2024-12-20", "2025-01-05"),  # before, 17 days
    ("AA", "inpatient", "2025-02-25", "2025-03-04"),  # before; 4 days before, 4 after
    ("AA", "emergency", "2024-06-01", None),  # before
    ("AA", "emergency", "2025-05-01", None),  # after
    ("AA", "crisis", "2024-04-01", None),  # before
    ("BB", "inpatient", "2024-09-10", None),  # before, no end: 1 day
    ("BB", "emergency", "2024-07-01", None),  # before
    ("BB", "emergency", "2024-08-01", None),  # before
    ("BB", "eviction", "2025-09-01", None),  # after
    ("BB", "inpatient", "2025-10-01", "2025-10-10"),  # after, 10 days
    ("CC", "emergency", "2023-12-01", None),  # more than a year before: not counted
    ("CC", "inpatient", "2024-02-01", "2024-02-10"),  # before, 10 days
    ("CC", "crisis", "2025-12-01", None),  # after
    ("DD", "inpatient", "2025-01-01", "2025-01-20"),  # not compared
    ("EE", "emergency", "2024-05-01", None),  # not compared
    ("GG", "emergency", "2025-06-01", None),  # after
    ("GG", "emergency", "2025-07-01", None),  # after
    ("HH", "emergency", "2026-03-01", None),  # after
)


def build(store) -> None:
    for code, enrolled in PEOPLE.items():
        add_participant(store, f"Person {code}", code=code, enrolled_on=D(enrolled), today=TODAY)
    for code, kind, day, until in EVENTS:
        last = D(until) if until else None
        law = "lpt" if code == "BB" and last else None
        add_event(store, code, kind, D(day), until=last, law=law, today=TODAY)
    discharge(store, "EE", reason="ready", on=D("2025-11-01"), today=TODAY)
    discharge(store, "FF", reason="moved", on=D("2026-02-01"), today=TODAY)


def test_events_before_and_after_enrolment_on_both_databases(store):
    build(store)
    events = follow_up(store, START, END).events
    assert events.people == 6  # AA, BB, CC, FF, GG, HH
    assert events.by_kind == {
        EventKind.INPATIENT: KindCounts(people_before=3, people_after=1, before=4, after=1),
        EventKind.EMERGENCY: KindCounts(people_before=2, people_after=3, before=3, after=4),
        EventKind.CRISIS: KindCounts(people_before=1, people_after=1, before=1, after=1),
        EventKind.EVICTION: KindCounts(people_before=0, people_after=1, before=0, after=1),
    }
    # Before: AA 17 + 4, BB 1, CC 10; after: AA 4 (the stay across enrolment), BB 10.
    assert (events.days_before, events.days_after) == (32, 14)

    # Ending a month earlier, BB (enrolled 2025-06-01) has not had a full year: 5 compared.
    assert follow_up(store, START, D("2026-05-30")).events.people == 5


def test_the_events_table_hides_small_counts(sqlite_store):
    build(sqlite_store)
    document = build_document(
        follow_up(sqlite_store, START, END),
        default_template(),
        last_month=D("2026-06-01"),
        today=TODAY,
    )
    [table] = [table for table in document.tables if table.key == "events"]

    def of(n, percent=None):
        if percent is None:
            return _("{n} of {total}").format(n=n, total=6)
        return _("{n} of {total} ({percent} %)").format(n=n, total=6, percent=percent)

    assert table.rows == (
        (_("Participants compared"), 6, 6, "–", "–"),
        (label_for(EventKind.INPATIENT), of(3, 50), of(SMALL), 4, HIDDEN),
        (_("Days in inpatient care"), "–", "–", 32, HIDDEN),
        (label_for(EventKind.EMERGENCY), of(SMALL), of(3, 50), HIDDEN, 4),
        (label_for(EventKind.CRISIS), of(SMALL), of(SMALL), HIDDEN, HIDDEN),
        (label_for(EventKind.EVICTION), of(0, 0), of(SMALL), 0, HIDDEN),
    )
    assert len(table.title) <= 28 and "12" in table.note
    assert document.data["events"]["kinds"]["inpatient"]["days_before"] == 32
