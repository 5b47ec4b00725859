"""Events (inpatient stays, emergency visits, crises, evictions): stored, refused when wrong,
read back newest first and logged, on both databases."""

from datetime import timedelta

import pytest

from tavla.domain.vocabulary import CareLaw, EventKind
from tavla.errors import UserError
from tavla.i18n import language, set_language
from tavla.store.audit import entries
from tavla.store.events import add_event, list_events
from tavla.store.participants import add_participant
from tavla.store.record import get_record


@pytest.fixture(autouse=True)
def in_english():
    before = language()
    set_language("en")  # the messages matched below are the message ids
    yield
    set_language(before)


@pytest.fixture
def code(store, today):
    return add_participant(store, "A", enrolled_on=today - timedelta(weeks=20), today=today)


def test_an_inpatient_stay_is_stored_with_its_end_law_note_and_who_recorded_it(store, code, today):
    began = today - timedelta(days=10)
    add_event(
        store,
        code,
        "inpatient",
        began,
        until=today - timedelta(days=3),
        law="lpt",
        note="Via akuten",
        today=today,
    )
    add_event(store, code, "crisis", today - timedelta(days=1), today=today)
    newest, stay = get_record(store, code).events
    assert newest.kind is EventKind.CRISIS and newest.until is None and newest.law is None
    assert (stay.kind, stay.happened_on, stay.until) == (
        EventKind.INPATIENT,
        began,
        today - timedelta(days=3),
    )
    assert (stay.law, stay.note, stay.recorded_by, stay.code) == (
        CareLaw.LPT,
        "Via akuten",
        "testare",
        code,
    )
    assert [e.kind for e in list_events(store)] == ["crisis", "inpatient"]
    assert [e.kind for e in list_events(store, code)] == ["crisis", "inpatient"]
    details = [(e["action"], e["detail"]) for e in entries(store)]
    assert ("create", "event inpatient") in details
    assert ("create", "event crisis") in details


@pytest.mark.parametrize(
    ("kind", "days_ago", "until_days_ago", "law", "message"),
    [
        ("holiday", 1, None, None, "not a kind of event"),
        ("emergency", -1, None, None, "cannot be in the future"),
        ("inpatient", 5, None, "hvb", "not a law of compulsory care"),
        ("emergency", 5, 3, None, "Only an inpatient stay"),
        ("crisis", 5, None, "lpt", "Only an inpatient stay"),
        ("inpatient", 5, 6, None, "cannot end before it began"),
    ],
)
def test_bad_events_are_refused_and_nothing_is_stored(
    store, code, today, kind, days_ago, until_days_ago, law, message
):
    until = None if until_days_ago is None else today - timedelta(days=until_days_ago)
    with pytest.raises(UserError, match=message):
        add_event(
            store, code, kind, today - timedelta(days=days_ago), until=until, law=law, today=today
        )
    assert list_events(store) == []


def test_an_event_for_an_unknown_code_is_refused(store, today):
    with pytest.raises(UserError):
        add_event(store, "P-999", "eviction", today, today=today)
