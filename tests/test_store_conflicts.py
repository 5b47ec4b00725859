"""Two editors at once: an edit begun from what someone has since changed is refused, told, and
can be saved again knowingly — details, coordinators, a lane's rating, an action, an
intervention, a contact, a meeting item's notes; both databases."""

import threading
from dataclasses import replace
from datetime import date, time, timedelta

import pytest

from tavla.errors import Conflict
from tavla.store import open_store
from tavla.store.actions import ActionInput, add_action, close_action, list_actions
from tavla.store.agenda import load_agenda, open_agenda
from tavla.store.agenda_items import ItemText, add_topic, write_item
from tavla.store.board import load_board
from tavla.store.contacts import ContactInput, add_contact, list_contacts, update_contact
from tavla.store.enrolment import Enrolment
from tavla.store.interventions import (
    InterventionInput,
    add_intervention,
    list_interventions,
    update_intervention,
)
from tavla.store.meetings import SeriesInput, set_up_series
from tavla.store.participants import (
    Coordinators,
    add_participant,
    assign_contacts,
    update_participant,
)
from tavla.store.ratings import LaneSeen, NewRating, add_rating
from tavla.store.record import get_record

TODAY = date(2026, 11, 23)


@pytest.fixture
def other(store, location):
    """A second instance on the same database, as a colleague's tavla would be."""
    colleague = open_store(location, actor="kollega")
    yield colleague
    colleague.close()


@pytest.fixture
def code(store):
    return add_participant(
        store, "Anna Test", enrolled_on=TODAY - timedelta(days=30), municipality="Lund"
    )


def seen_details(store, code) -> Enrolment:
    r = get_record(store, code, log=False)
    return Enrolment(
        r.name, r.enrolled_on, r.identity_number, r.municipality, r.criteria, r.criteria_exception
    )


def test_details_changed_meanwhile_are_not_overwritten_and_the_editor_is_told(store, other, code):
    seen = seen_details(store, code)
    update_participant(other, code, replace(seen, municipality="Malmö"), today=TODAY, seen=seen)
    mine = replace(seen, name="Anna Testsson")
    with pytest.raises(Conflict) as refused:
        update_participant(store, code, mine, today=TODAY, seen=seen)
    message = str(refused.value)
    assert "kollega" in message and "kommun" in message and "namn" not in message
    now = get_record(store, code, log=False)
    assert (now.name, now.municipality) == ("Anna Test", "Malmö")  # nothing of mine written
    # saving again on top of what is there now is a knowing choice, and it is stored
    update_participant(store, code, mine, today=TODAY, seen=refused.value.current)
    now = get_record(store, code, log=False)
    assert (now.name, now.municipality) == ("Anna Testsson", "Lund")


def test_an_unchanged_record_saves_and_a_different_form_does_not_clash(store, other, code):
    seen = seen_details(store, code)
    region = add_contact(other, "Rut Region", principal="region")
    assign_contacts(other, code, Coordinators(region_coordinator_id=region))  # another form
    update_participant(store, code, replace(seen, municipality="Eslöv"), today=TODAY, seen=seen)
    record = get_record(store, code, log=False)
    assert record.municipality == "Eslöv" and record.region_coordinator.name == "Rut Region"


def test_coordinators_changed_meanwhile_are_refused(store, other, code):
    first = add_contact(store, "Rut Region", principal="region")
    second = add_contact(store, "Rolf Region", principal="region")
    seen = Coordinators()
    assign_contacts(other, code, Coordinators(region_coordinator_id=first), seen=seen)
    with pytest.raises(Conflict, match="kollega") as refused:
        assign_contacts(store, code, Coordinators(region_coordinator_id=second), seen=seen)
    assert get_record(store, code, log=False).region_coordinator.name == "Rut Region"
    assert refused.value.current.region_coordinator_id == first


def test_a_lane_rated_meanwhile_is_told_and_the_second_rating_kept_for_saving(store, other, code):
    seen = LaneSeen.of(None)  # the lane had no rating when both began
    add_rating(other, code, NewRating("health", 3, "unmet"), rated_on=TODAY, today=TODAY, seen=seen)
    with pytest.raises(Conflict) as refused:
        add_rating(store, code, NewRating("health", 1), rated_on=TODAY, today=TODAY, seen=seen)
    assert "kollega" in str(refused.value) and "3" in str(refused.value)
    [row] = load_board(store, TODAY).rows
    assert row.lanes["health"].level == 3 and row.lanes["health"].author == "kollega"
    assert LaneSeen.of(row.lanes["health"]) == refused.value.current  # what the board shows now
    add_rating(
        store,
        code,
        NewRating("health", 1),
        rated_on=TODAY,
        today=TODAY,
        seen=refused.value.current,
    )
    [row] = load_board(store, TODAY).rows
    assert row.lanes["health"].level == 1 and row.lanes["health"].author == "testare"


def test_another_lane_rated_meanwhile_is_no_conflict(store, other, code):
    add_rating(other, code, NewRating("social", 2), rated_on=TODAY, today=TODAY)
    add_rating(
        store, code, NewRating("health", 2), rated_on=TODAY, today=TODAY, seen=LaneSeen.of(None)
    )
    [row] = load_board(store, TODAY).rows
    assert set(row.lanes) == {"health", "social"}


def test_an_action_closed_meanwhile_is_not_closed_again(store, other, code):
    owner = add_contact(store, "Rut Region", principal="region")
    action_id = add_action(store, ActionInput("Ring Anna", owner, TODAY, code), today=TODAY)
    close_action(other, action_id, "done", today=TODAY, seen="open")
    with pytest.raises(Conflict, match="kollega") as refused:
        close_action(store, action_id, "dropped", today=TODAY, seen="open")
    assert refused.value.current == "done"
    [action] = list_actions(store, today=TODAY, status=None)
    assert (action.status, action.closed_by) == ("done", "kollega")


def test_two_editors_at_the_same_instant_one_saves_the_other_is_told(store, other, code):
    """Separate engines, released together by a barrier, 20 rounds: never both saved."""
    for round_ in range(20):
        seen = seen_details(store, code)
        barrier = threading.Barrier(2)
        outcomes: list[str] = []

        def save(writer, seen=seen, barrier=barrier, outcomes=outcomes, round_=round_) -> None:
            barrier.wait()
            try:
                municipality = f"{writer.actor} {round_}"
                update_participant(
                    writer, code, replace(seen, municipality=municipality), today=TODAY, seen=seen
                )
                outcomes.append("saved")
            except Conflict:
                outcomes.append("refused")

        threads = [threading.Thread(target=save, args=(writer,)) for writer in (store, other)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(outcomes) == ["refused", "saved"]


def test_an_intervention_changed_meanwhile_is_told_and_can_be_saved_knowingly(store, other, code):
    first = InterventionInput("Boendestöd", "municipality", ("social",), TODAY, unit="Boendet")
    intervention_id = add_intervention(store, code, first)
    update_intervention(other, intervention_id, replace(first, unit="Boendet Väst"), seen=first)
    mine = replace(first, what="Boendestöd två dagar i veckan")
    with pytest.raises(Conflict, match="kollega") as refused:
        update_intervention(store, intervention_id, mine, seen=first)
    assert "enheten" in str(refused.value) or "the unit" in str(refused.value)
    [stored] = list_interventions(store, code)
    assert (stored.what, stored.unit) == ("Boendestöd", "Boendet Väst")
    # Saving again on top of what is stored now replaces it, knowingly.
    update_intervention(store, intervention_id, mine, seen=refused.value.current)
    [stored] = list_interventions(store, code)
    assert (stored.what, stored.unit) == ("Boendestöd två dagar i veckan", "Boendet")


def test_a_contact_changed_meanwhile_is_told_and_can_be_saved_knowingly(store, other):
    contact_id = add_contact(store, "Rut Region", principal="region", phone="010-123 45 67")
    seen = ContactInput("Rut Region", "region", "other", "", "", "010-123 45 67", "")
    update_contact(other, contact_id, replace(seen, phone="010-765 43 21"), seen=seen)
    mine = replace(seen, role="Samordnare")
    with pytest.raises(Conflict, match="kollega") as refused:
        update_contact(store, contact_id, mine, seen=seen)
    [stored] = list_contacts(store)
    assert (stored.role, stored.phone) == ("", "010-765 43 21")
    update_contact(store, contact_id, mine, seen=refused.value.current)
    [stored] = list_contacts(store)
    assert (stored.role, stored.phone) == ("Samordnare", "010-123 45 67")


def test_a_meeting_items_notes_written_meanwhile_are_told_not_overwritten(store, other, code):
    set_up_series(store, SeriesInput("weekly", 1, time(9, 0), 45, date(2026, 9, 1)))
    view = open_agenda(store, date(2026, 11, 24), today=TODAY)
    meeting = view.meeting
    [person] = [item.id for item in view.items if item.code == code]  # proposed: newly enrolled
    for item_id in (person, add_topic(store, meeting.id, "Lokaler")):
        blank = ItemText("", "")
        write_item(other, item_id, notes="Kollegans anteckning", decisions="", seen=blank)
        with pytest.raises(Conflict, match="kollega") as refused:
            write_item(store, item_id, notes="Min anteckning", decisions="Boka SIP", seen=blank)
        assert refused.value.current == ItemText("", "Kollegans anteckning")
        item = load_agenda(store, meeting.id).item(item_id)
        assert (item.notes, item.decisions) == ("Kollegans anteckning", "")
        # Unchanged since it was shown: no conflict.
        write_item(store, item_id, notes="Båda", decisions="Boka SIP", seen=refused.value.current)
        item = load_agenda(store, meeting.id).item(item_id)
        assert (item.notes, item.decisions) == ("Båda", "Boka SIP")
