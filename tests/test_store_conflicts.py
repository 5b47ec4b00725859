"""Two editors at once: an edit begun from what someone has since changed is refused, told, and
can be saved again knowingly — details, coordinators, a lane's rating, an action; both databases."""

import threading
from dataclasses import replace
from datetime import date, timedelta

import pytest

from tavla.errors import Conflict
from tavla.store import open_store
from tavla.store.actions import ActionInput, add_action, close_action, list_actions
from tavla.store.board import load_board
from tavla.store.contacts import add_contact
from tavla.store.participants import (
    Coordinators,
    Enrolment,
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
        store, code, NewRating("health", 1), rated_on=TODAY, today=TODAY,
        seen=refused.value.current,
    )  # fmt: skip
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
