"""The weekly meeting in the store: series, agenda by rule and by hand, discussed, closed,
actions, meetings recorded, since last meeting, the access log — on both databases."""

import threading
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest

from tavla.domain.agenda_rules import Reason
from tavla.errors import NotFound, UserError
from tavla.i18n import _
from tavla.store import audit, open_store
from tavla.store.actions import ActionInput, add_action, close_action, list_actions
from tavla.store.agenda import agenda_on, load_agenda, open_agenda, update_proposal
from tavla.store.agenda_items import (
    NOTES_MAX,
    add_participant_item,
    add_topic,
    close_meeting,
    move_item,
    remove_item,
    set_box,
    set_discussed,
    write_item,
)
from tavla.store.board import load_board
from tavla.store.consents import ConsentInput, add_consent
from tavla.store.contacts import add_contact
from tavla.store.crisis_plans import CrisisPlan, save_crisis_plan
from tavla.store.interventions import InterventionInput, add_intervention
from tavla.store.meetings import (
    SeriesInput,
    get_series,
    list_meetings,
    next_weekly_date,
    record_meeting,
    set_up_series,
)
from tavla.store.participants import add_participant
from tavla.store.ratings import NewRating, add_rating
from tavla.store.since_meeting import LaneMove, since_meeting

TODAY = date(2026, 11, 23)  # a Monday
MEETING = date(2026, 11, 24)  # the Tuesday meeting
BEFORE = date(2026, 11, 17)  # the one before
SETTLED_ON = date(2026, 11, 2)  # enrolled three weeks before: not new, not yet "not discussed"
CLOSED = _("This meeting is closed; open it again to change it.")


def weekly(store, **changes) -> None:
    values = {
        "kind": "weekly",
        "weekday": 1,
        "at": time(9, 0),
        "minutes": 45,
        "starts_on": date(2026, 9, 1),
    }
    set_up_series(store, SeriesInput(**{**values, **changes}))


def settled(store, code: str, *, enrolled_on: date = SETTLED_ON, **consent) -> str:
    """A participant with consent and a current crisis plan: no rule proposes them yet."""
    add_participant(store, f"Person {code}", code=code, enrolled_on=enrolled_on, today=TODAY)
    given = consent.get("given_on", date(2026, 6, 1))
    expires = consent.get("expires_on", date(2027, 6, 1))
    add_consent(store, code, ConsentInput(given, expires, "Vård och boende"), today=TODAY)
    plan = CrisisPlan("Sover dåligt", "Ringer sin kontakt", "", (), date(2026, 10, 1))
    save_crisis_plan(store, code, plan, base=None, today=TODAY)
    return code


def rate(store, code: str, lane: str, level: int, on: date, need: str | None = None) -> None:
    add_rating(store, code, NewRating(lane, level, need), rated_on=on, today=TODAY)


def codes(view) -> list[str | None]:
    return [item.code if item.kind == "participant" else item.kind for item in view.items]


def item_of(view, code: str):
    return next(item for item in view.items if item.code == code)


# The series


def test_a_series_is_set_up_and_changed(store):
    assert get_series(store) is None and next_weekly_date(store, TODAY) is None
    weekly(store)
    series = get_series(store)
    assert (series.recurrence.weekday, series.at, series.minutes) == (1, time(9, 0), 45)
    assert series.recurrence.timezone == "Europe/Stockholm"
    assert next_weekly_date(store, TODAY) == MEETING
    lisa = add_contact(store, "Lisa Boende", principal="municipality")
    weekly(store, weekday=3, at=time(13, 30), skip=(date(2026, 11, 26),), attendees=(lisa, lisa))
    series = get_series(store)
    assert (series.recurrence.weekday, series.at) == (3, time(13, 30))
    assert series.recurrence.skip == frozenset({date(2026, 11, 26)})
    assert series.attendees == (lisa,)
    assert next_weekly_date(store, TODAY) == date(2026, 12, 3)  # the 26th is skipped
    with store.read_session() as session:
        from sqlmodel import func, select

        from tavla.store.models import MeetingSeries

        assert session.exec(select(func.count()).select_from(MeetingSeries)).one() == 1


@pytest.mark.parametrize(
    "changes",
    [
        {"kind": "daily"},
        {"interval": 0},
        {"minutes": 0},
        {"weekday": 7},
        {"frequency": "yearly"},
        {"attendees": (999,)},
    ],
)
def test_a_bad_series_changes_nothing(store, changes):
    weekly(store)
    with pytest.raises(UserError):
        weekly(store, **changes)
    assert get_series(store).recurrence.weekday == 1 and get_series(store).attendees == ()


def test_next_weekly_date_stays_on_a_meeting_not_yet_closed(store):
    weekly(store)
    view = open_agenda(store, BEFORE, today=BEFORE)
    assert next_weekly_date(store, TODAY) == BEFORE  # its minutes are still being written
    close_meeting(store, view.meeting.id)
    assert next_weekly_date(store, TODAY) == MEETING


# Opening the agenda


def test_opening_the_agenda_makes_the_meeting_once(store):
    lisa = add_contact(store, "Lisa Boende", principal="municipality")
    weekly(store, attendees=(lisa,))
    assert agenda_on(store, MEETING) is None
    first = open_agenda(store, MEETING, today=TODAY)
    again = open_agenda(store, MEETING, today=TODAY)
    assert first.meeting.id == again.meeting.id
    assert (first.meeting.kind, first.meeting.status, first.meeting.starts_at) == (
        "weekly",
        "planned",
        "09:00",
    )
    assert first.meeting.attendee_ids == (lisa,) and first.since == BEFORE
    assert agenda_on(store, MEETING).meeting.id == first.meeting.id
    assert len(list_meetings(store, kind="weekly")) == 1


def test_two_instances_opening_at_once_make_one_meeting(store, location, monkeypatch):
    from tavla.store import agenda

    weekly(store)
    for code in ("AA22", "BB22", "CC22"):
        add_participant(store, f"Person {code}", code=code, enrolled_on=SETTLED_ON, today=TODAY)
    other = open_store(location, actor="annan")
    stores = (store, other)
    real_find, looked = agenda._find, threading.local()

    def find_then_wait(opened, held_on, municipality):
        # Both instances look, find nothing, and only then go on to make the meeting.
        found = real_find(opened, held_on, municipality)
        if not getattr(looked, "once", False):
            looked.once = True
            both_looked.wait(10)
        return found

    monkeypatch.setattr(agenda, "_find", find_then_wait)
    try:
        for day in (MEETING, MEETING + timedelta(weeks=1)):
            both_looked = threading.Barrier(2)
            found = _open_together(stores, day)
            assert not any(isinstance(view, Exception) for view in found), found
            assert found[0].meeting.id == found[1].meeting.id
            assert codes(found[0]) == codes(found[1]) == ["AA22", "BB22", "CC22"]
        assert len(list_meetings(store, kind="weekly")) == 2
    finally:
        other.close()


def _open_together(stores, day: date) -> list:
    """Each store opens the agenda on `day` in a thread of its own: the views, or the errors."""
    found: list = [None] * len(stores)

    def opening(n: int) -> None:
        try:
            found[n] = open_agenda(stores[n], day, today=TODAY)
        except Exception as error:  # reported by the caller
            found[n] = error

    threads = [threading.Thread(target=opening, args=(n,)) for n in range(len(stores))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return found


@pytest.fixture
def prepared(store):
    """Participants who each meet one rule, someone quiet, and one open action."""
    weekly(store)
    for code in ("HH22", "RR22", "UU22", "QQ22", "LL22"):
        settled(store, code)
    settled(store, "NN22", enrolled_on=date(2026, 11, 20))
    settled(store, "CC22", expires_on=date(2026, 12, 1))
    rate(store, "HH22", "health", 2, date(2026, 11, 10))
    rate(store, "HH22", "health", 3, date(2026, 11, 20))
    rate(store, "RR22", "social", 4, date(2026, 11, 20))
    rate(store, "UU22", "cognition", 3, date(2026, 11, 20), need="unmet")
    rate(store, "QQ22", "health", 2, date(2026, 11, 20), need="met")
    owner = add_contact(store, "Maria Lind", principal="region")
    add_action(store, ActionInput("Ring boendet", owner, date(2026, 11, 30)), today=BEFORE)
    return store


def test_the_rules_propose_the_agenda(prepared):
    view = open_agenda(prepared, MEETING, today=TODAY)
    assert codes(view) == ["actions", "HH22", "RR22", "UU22", "NN22", "CC22"]
    reasons = {item.code: item.reasons for item in view.items}
    assert reasons == {
        None: (Reason("open_actions", "1"),),
        "HH22": (Reason("level_rose", "health:2:3"),),
        "RR22": (Reason("top_level", "social:4"),),  # no need mark: not "unmet"
        "UU22": (Reason("unmet_need", "cognition:3"),),
        "NN22": (Reason("new_enrolment", "2026-11-20"),),
        "CC22": (Reason("consent", "expiring:2026-12-01"),),
    }
    assert not any(item.by_hand for item in view.items)
    assert all(item.box_minutes == prepared.template.agenda.item_minutes for item in view.items)


def test_hand_changes_stay_and_a_new_proposal_joins_the_end(prepared):
    view = open_agenda(prepared, MEETING, today=TODAY)
    meeting_id = view.meeting.id
    move_item(prepared, item_of(view, "NN22").id, -10)
    remove_item(prepared, item_of(view, "RR22").id)
    quiet = add_participant_item(prepared, meeting_id, "qq22")
    topic = add_topic(prepared, meeting_id, "Semesterplanering")
    view = load_agenda(prepared, meeting_id)
    expected = ["NN22", "actions", "HH22", "UU22", "CC22", "QQ22", "topic"]
    assert codes(view) == expected
    assert view.item(quiet).by_hand and view.item(quiet).reasons == ()
    assert view.item(topic).title == "Semesterplanering"
    with pytest.raises(UserError):
        add_participant_item(prepared, meeting_id, "QQ22")  # already on it
    with pytest.raises(NotFound):
        add_participant_item(prepared, meeting_id, "ZZ99")
    with pytest.raises(UserError):
        add_topic(prepared, meeting_id, "   ")

    rate(prepared, "LL22", "health", 4, TODAY)  # now LL22 qualifies
    rate(prepared, "RR22", "social", 4, TODAY)  # still qualifies, but was removed by hand
    assert update_proposal(prepared, meeting_id) == 1
    assert codes(load_agenda(prepared, meeting_id)) == [*expected, "LL22"]
    assert update_proposal(prepared, meeting_id) == 0

    add_participant_item(prepared, meeting_id, "RR22")  # back by hand, at the end
    assert codes(load_agenda(prepared, meeting_id))[-1] == "RR22"


def test_update_proposal_refreshes_the_reasons_of_items_the_rules_made(prepared):
    view = open_agenda(prepared, MEETING, today=TODAY)
    rate(prepared, "UU22", "cognition", 4, TODAY, need="unmet")
    update_proposal(prepared, view.meeting.id)
    assert item_of(load_agenda(prepared, view.meeting.id), "UU22").reasons == (
        Reason("top_level", "cognition:4"),
        Reason("unmet_need", "cognition:4"),
    )


def test_the_open_actions_item_says_so_when_they_are_all_closed(prepared):
    from tavla.store.actions import close_action, list_actions

    view = open_agenda(prepared, MEETING, today=TODAY)
    for action in list_actions(prepared, today=TODAY):
        close_action(prepared, action.id, "done", today=TODAY)
    update_proposal(prepared, view.meeting.id)
    actions = load_agenda(prepared, view.meeting.id).items[0]
    assert (actions.kind, actions.reasons) == ("actions", (Reason("open_actions", "0"),))


def test_notes_and_decisions_are_saved_and_over_long_text_is_refused(prepared):
    view = open_agenda(prepared, MEETING, today=TODAY)
    item_id = item_of(view, "HH22").id
    write_item(prepared, item_id, notes="  Har ny läkare  ", decisions="Boka SIP-möte")
    before = audit.entries(prepared)
    with pytest.raises(UserError, match=str(NOTES_MAX)):
        write_item(prepared, item_id, notes="x" * (NOTES_MAX + 1), decisions="Ändrat")
    with pytest.raises(UserError, match=str(NOTES_MAX)):
        write_item(prepared, item_id, notes="Ändrat", decisions="x" * (NOTES_MAX + 1))
    item = load_agenda(prepared, view.meeting.id).item(item_id)
    assert (item.notes, item.decisions) == ("Har ny läkare", "Boka SIP-möte")
    assert audit.entries(prepared) == before
    write_item(prepared, item_id, notes="x" * NOTES_MAX, decisions="")  # the limit itself is fine
    with pytest.raises(NotFound):
        write_item(prepared, 9999, notes="", decisions="")


def at(day: date, monkeypatch) -> None:
    """The clock of the access log and the discussed marks, set to `day` in the morning."""
    moment = datetime.combine(day, time(9, 30), tzinfo=UTC)
    monkeypatch.setattr(audit, "utcnow", lambda: moment)


def test_discussed_sets_the_boards_date_and_unmarking_restores_the_previous(prepared, monkeypatch):
    earlier = open_agenda(prepared, BEFORE, today=BEFORE)
    item = item_of(earlier, "HH22").id
    at(BEFORE, monkeypatch)
    set_discussed(prepared, item)
    assert load_board(prepared, TODAY).row("HH22").discussed_on == BEFORE

    view = open_agenda(prepared, MEETING, today=TODAY)
    assert view.since == BEFORE
    hh = item_of(view, "HH22").id
    at(TODAY, monkeypatch)  # worked through the day before: the board counts from that day
    set_discussed(prepared, hh)
    assert load_board(prepared, TODAY).row("HH22").discussed_on == TODAY
    at(MEETING, monkeypatch)
    set_discussed(prepared, hh)
    assert load_agenda(prepared, view.meeting.id).item(hh).discussed
    assert load_board(prepared, TODAY).row("HH22").discussed_on == MEETING
    set_discussed(prepared, hh, False)
    assert not load_agenda(prepared, view.meeting.id).item(hh).discussed
    assert load_board(prepared, TODAY).row("HH22").discussed_on == BEFORE
    set_discussed(prepared, item, False)
    assert load_board(prepared, TODAY).row("HH22").discussed_on is None


def test_an_item_taken_off_cannot_be_moved(prepared):
    """Found by the monkey: Delete, then shift+up at once on the agenda, moved the item just
    taken off (the agenda on screen still showed it); move_item raised StopIteration, and the
    worker waited for ever."""
    view = open_agenda(prepared, MEETING, today=TODAY)
    item_id = item_of(view, "RR22").id
    remove_item(prepared, item_id)
    with pytest.raises(NotFound, match="tagits bort från dagordningen"):
        move_item(prepared, item_id, -1)


def test_a_closed_meeting_cannot_be_changed_until_it_is_opened_again(prepared):
    view = open_agenda(prepared, MEETING, today=TODAY)
    meeting_id, item_id = view.meeting.id, item_of(view, "HH22").id
    close_meeting(prepared, meeting_id)
    [summary] = list_meetings(prepared, kind="weekly")
    assert summary.status == "closed"
    edits = [
        lambda: write_item(prepared, item_id, notes="Sent", decisions=""),
        lambda: move_item(prepared, item_id, 1),
        lambda: remove_item(prepared, item_id),
        lambda: add_participant_item(prepared, meeting_id, "QQ22"),
        lambda: add_topic(prepared, meeting_id, "Sent ämne"),
        lambda: set_discussed(prepared, item_id),
        lambda: update_proposal(prepared, meeting_id),
        lambda: set_box(prepared, item_id, 10),
    ]
    for edit in edits:
        with pytest.raises(UserError) as refused:
            edit()
        assert str(refused.value) == CLOSED
    assert load_agenda(prepared, meeting_id) == replace(view, meeting=summary)
    close_meeting(prepared, meeting_id, closed=False)
    write_item(prepared, item_id, notes="Efteråt", decisions="")
    set_box(prepared, item_id, 10)
    item = load_agenda(prepared, meeting_id).item(item_id)
    assert (item.notes, item.box_minutes) == ("Efteråt", 10)
    assert list_meetings(prepared, kind="weekly")[0].status == "planned"


# Actions


@pytest.fixture
def owners(store):
    return add_contact(store, "Bo Ek", principal="region"), add_contact(
        store, "Anna Al", principal="municipality"
    )


def test_actions_list_overdue_first_then_owner_then_due(store, owners):
    bo, anna = owners
    add_participant(store, "Person", code="HH22", enrolled_on=SETTLED_ON, today=TODAY)
    made = [
        add_action(store, ActionInput("Boka tid", bo, date(2026, 11, 30)), today=TODAY),
        add_action(store, ActionInput("Skriv intyg", anna, date(2026, 12, 5)), today=TODAY),
        add_action(store, ActionInput("Ring", bo, date(2026, 11, 20)), today=TODAY),
        add_action(store, ActionInput("Sök boende", anna, date(2026, 11, 1), "hh22"), today=TODAY),
        add_action(store, ActionInput("Möte", anna, date(2026, 11, 25), "HH22"), today=TODAY),
    ]
    found = list_actions(store, today=TODAY)
    assert [a.id for a in found] == [made[3], made[2], made[4], made[1], made[0]]
    assert [a.overdue(TODAY) for a in found] == [True, True, False, False, False]
    assert found[0].code == "HH22" and found[0].owner == "Anna Al"
    assert [a.id for a in list_actions(store, today=TODAY, code="HH22")] == [made[3], made[4]]


def test_closing_an_action_records_who_and_when_and_moves_the_boards_due_date(
    store, location, owners
):
    bo, anna = owners
    add_participant(store, "Person", code="HH22", enrolled_on=SETTLED_ON, today=TODAY)
    first = add_action(
        store, ActionInput("Sök boende", anna, date(2026, 11, 1), "HH22"), today=TODAY
    )
    second = add_action(store, ActionInput("Möte", bo, date(2026, 11, 25), "HH22"), today=TODAY)
    due = lambda: load_board(store, TODAY).row("HH22").action_due_on  # noqa: E731
    assert due() == date(2026, 11, 1)
    other = open_store(location, actor="annan")
    try:
        close_action(other, first, "done", today=TODAY)
    finally:
        other.close()
    assert due() == date(2026, 11, 25)
    close_action(store, second, "dropped", today=TODAY + timedelta(days=1))
    assert due() is None
    assert list_actions(store, today=TODAY) == []
    closed = {a.id: a for a in list_actions(store, today=TODAY, status=None)}
    assert (closed[first].status, closed[first].closed_by, closed[first].closed_on) == (
        "done",
        "annan",
        TODAY,
    )
    assert (closed[second].status, closed[second].closed_by, closed[second].closed_on) == (
        "dropped",
        "testare",
        TODAY + timedelta(days=1),
    )
    close_action(store, first, "open", today=TODAY)
    assert due() == date(2026, 11, 1)
    reopened = list_actions(store, today=TODAY, code="HH22")[0]
    assert (reopened.status, reopened.closed_by, reopened.closed_on) == ("open", "", None)
    with pytest.raises(UserError):
        close_action(store, first, "finished", today=TODAY)
    with pytest.raises(NotFound):
        close_action(store, 9999, "done", today=TODAY)


@pytest.mark.parametrize(
    ("action", "error"),
    [
        (ActionInput("Ring", 999, date(2026, 12, 1)), NotFound),
        (ActionInput("  ", 1, date(2026, 12, 1)), UserError),
        (ActionInput("Ring", 1, date(2026, 12, 1), code="ZZ99"), NotFound),
        (ActionInput("Ring", 1, date(2026, 12, 1), meeting_id=999), NotFound),
    ],
)
def test_a_bad_action_stores_nothing(store, owners, action, error):
    with pytest.raises(error):
        add_action(store, action, today=TODAY)
    assert list_actions(store, today=TODAY, status=None) == []


def test_an_action_from_a_meeting_knows_its_meeting(store, owners):
    weekly(store)
    view = open_agenda(store, MEETING, today=TODAY)
    action = add_action(
        store,
        ActionInput("Ring", owners[0], date(2026, 12, 1), meeting_id=view.meeting.id),
        today=TODAY,
    )
    [found] = list_actions(store, today=TODAY, meeting_id=view.meeting.id)
    assert (found.id, found.meeting_on) == (action, MEETING)


# Meetings recorded, and since the last meeting


def test_recording_meetings(store, owners):
    add_participant(store, "Person", code="HH22", enrolled_on=SETTLED_ON, today=TODAY)
    with pytest.raises(UserError):
        record_meeting(store, "resource_group", BEFORE)  # whose?
    with pytest.raises(UserError):
        record_meeting(store, "coffee", BEFORE)
    with pytest.raises(UserError):
        record_meeting(store, "managers", BEFORE, minutes=0)
    with pytest.raises(NotFound):
        record_meeting(store, "sip", BEFORE, code="HH22", attendees=(999,))
    assert list_meetings(store) == []
    first = record_meeting(
        store,
        "resource_group",
        BEFORE,
        code="hh22",
        attendees=owners,
        note="Planerade boende",
        minutes=90,
    )
    second = record_meeting(store, "managers", TODAY)
    assert [m.id for m in list_meetings(store)] == [second, first]  # newest first
    [held] = list_meetings(store, code="HH22")
    assert (held.kind, held.code, held.status, held.minutes, held.note) == (
        "resource_group",
        "HH22",
        "closed",
        90,
        "Planerade boende",
    )
    assert held.attendees == ("Anna Al", "Bo Ek")
    assert [m.id for m in list_meetings(store, kind="managers")] == [second]


def test_since_the_last_meeting(store, owners):
    settled(store, "HH22")
    rate(store, "HH22", "health", 2, date(2026, 11, 10))
    rate(store, "HH22", "social", 1, date(2026, 11, 10))
    rate(store, "HH22", "health", 3, date(2026, 11, 20))
    rate(store, "HH22", "cognition", 2, date(2026, 11, 18))  # first rating of this lane
    rate(store, "HH22", "social", 1, date(2026, 11, 20))  # rated again, unchanged
    talks = InterventionInput("Samtal", "region", ("health",), date(2026, 11, 1))
    housing = InterventionInput("Boendestöd", "municipality", ("social",), date(2026, 11, 18))
    old = add_intervention(store, "HH22", talks)
    new = add_intervention(store, "HH22", housing)
    done = add_action(
        store, ActionInput("Ring", owners[0], date(2026, 11, 20), "HH22"), today=BEFORE
    )
    still = add_action(
        store, ActionInput("Skriv", owners[1], date(2026, 12, 1), "HH22"), today=BEFORE
    )
    close_action(store, done, "done", today=date(2026, 11, 19))
    view = since_meeting(store, "hh22", BEFORE)
    assert view.code == "HH22" and view.since == BEFORE
    assert view.moves == (
        LaneMove("health", 2, 3, date(2026, 11, 20)),
        LaneMove("cognition", None, 2, date(2026, 11, 18)),
    )
    assert [i.id for i in view.started] == [new] and old != new
    assert view.ended == ()
    assert [a.id for a in view.actions_done] == [done]
    assert [a.id for a in view.open_actions] == [still]
    assert audit.entries(store)[-1]["detail"] == "since last meeting"


def test_the_access_log_has_the_meetings_writes(prepared):
    view = open_agenda(prepared, MEETING, today=TODAY)
    meeting_id, item_id = view.meeting.id, item_of(view, "HH22").id
    topic = add_topic(prepared, meeting_id, "Semester")
    write_item(prepared, item_id, notes="Anteckning", decisions="")
    set_discussed(prepared, item_id)
    remove_item(prepared, topic)
    owner = add_contact(prepared, "Bo Ek", principal="region")
    action = add_action(
        prepared, ActionInput("Ring", owner, date(2026, 12, 1), "HH22", meeting_id), today=TODAY
    )
    close_action(prepared, action, "done", today=TODAY)
    close_meeting(prepared, meeting_id)
    entries = audit.entries(prepared)
    logged = {(e["action"], e["detail"]) for e in entries}
    assert {
        ("update", "meeting series weekly"),
        ("create", f"meeting {meeting_id} agenda"),
        ("read", f"agenda {MEETING.isoformat()}"),
        ("create", f"agenda item {topic}"),
        ("update", f"agenda item {item_id}"),
        ("update", f"agenda item {item_id} discussed"),
        ("update", f"agenda item {topic} removed"),
        ("create", f"action {action}"),
        ("update", f"action {action} done"),
        ("update", f"meeting {meeting_id} closed"),
    } <= logged
    hh = load_board(prepared, TODAY).row("HH22").participant_id
    about_hh = {e["detail"] for e in audit.entries(prepared, hh)}
    assert {f"agenda item {item_id}", f"action {action}", f"action {action} done"} <= about_hh
    assert all(e["actor"] == "testare" for e in entries)
