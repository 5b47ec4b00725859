"""Enrolment with the target-group checklist, coordinators, SAMSA, discharge — on both databases."""

from datetime import date, timedelta

import pytest

from tavla.errors import NotFound, UserError
from tavla.store import audit
from tavla.store.board import load_board
from tavla.store.contacts import add_contact
from tavla.store.enrolment import Answer, Enrolment
from tavla.store.participants import (
    Coordinators,
    add_participant,
    assign_contacts,
    discharge,
    list_participants,
    mark_samsa,
    undo_discharge,
    update_participant,
)
from tavla.store.record import get_record

ALL_MET = {key: Answer(True) for key in ("adult", "needs_both", "diagnoses", "psychiatric_patient")}


def test_enrolment_keeps_the_checklist_municipality_and_date(store, today):
    criteria = {**ALL_MET, "diagnoses": Answer(True, "Bipolär, alkoholberoende")}
    code = add_participant(
        store,
        "Anna Test",
        identity_number="199006022397",
        municipality="Örebro",
        enrolled_on=today - timedelta(days=3),
        today=today,
        criteria=criteria,
    )
    record = get_record(store, code)
    assert record.municipality == "Örebro"
    assert record.enrolled_on == today - timedelta(days=3)
    assert record.criteria == criteria
    assert record.identity_number == "19900602-2397"


def test_an_unmet_criterion_needs_a_reason_and_stores_nothing_without_one(store, today):
    criteria = {**ALL_MET, "psychiatric_patient": Answer(False, "Aldrig varit i kontakt")}
    with pytest.raises(UserError, match="skälet"):
        add_participant(store, "A", enrolled_on=today, today=today, criteria=criteria)
    assert list_participants(store) == []
    code = add_participant(
        store,
        "A",
        enrolled_on=today,
        today=today,
        criteria=criteria,
        criteria_exception="Bör vara patient; remiss skickad",
    )
    assert get_record(store, code).criteria_exception == "Bör vara patient; remiss skickad"


def test_adult_is_checked_against_the_identity_number(store, today):
    with pytest.raises(UserError, match="under 18"):
        add_participant(
            store,
            "Ung",
            identity_number="200510162381",
            enrolled_on=date(2023, 1, 1),
            today=today,
            criteria=ALL_MET,
        )


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"enrolled_on": date(2027, 1, 1)}, "framtiden"),
        ({"criteria": {"tall": Answer(True)}}, "inget kriterium"),
        ({"identity_number": "19900602-2398"}, "kontrollsiffra"),
    ],
)
def test_bad_enrolments_store_nothing(store, today, kwargs, fragment):
    arguments = {"enrolled_on": today, **kwargs}
    with pytest.raises(UserError, match=fragment):
        add_participant(store, "A", today=today, **arguments)
    assert list_participants(store) == []


def test_details_can_be_corrected(store, today):
    code = add_participant(store, "Ana", enrolled_on=today, today=today)
    update_participant(
        store,
        code,
        Enrolment("Anna", today - timedelta(days=1), "199006022397", "Kumla", ALL_MET),
        today=today,
    )
    record = get_record(store, code)
    assert (record.name, record.municipality, record.criteria) == ("Anna", "Kumla", ALL_MET)


def test_coordinators_colleagues_and_care_contact(store, today):
    code = add_participant(store, "A", enrolled_on=today, today=today)
    ids = {
        "rc": add_contact(store, "Maria Lind", principal="region", kind="coordinator"),
        "rk": add_contact(store, "Per Östlund", principal="region", kind="coordinator"),
        "mc": add_contact(store, "Sara Holm", principal="municipality", kind="coordinator"),
        "mk": add_contact(store, "Tomas Berg", principal="municipality", kind="coordinator"),
        "cc": add_contact(store, "Vårdcentralen Norr", principal="region", kind="care_contact"),
    }
    assign_contacts(
        store,
        code,
        Coordinators(ids["rc"], ids["mc"], ids["rk"], ids["mk"], ids["cc"], "municipality"),
    )
    record = get_record(store, code)
    assert record.region_colleague.name == "Per Östlund"
    assert record.municipality_colleague.name == "Tomas Berg"
    assert record.care_contact.name == "Vårdcentralen Norr"
    assert record.main_responsibility == "municipality"
    row = load_board(store, today).row(code)
    assert (row.region_coordinator, row.municipality_coordinator) == ("Maria Lind", "Sara Holm")


def test_an_unknown_or_wrong_principal_contact_is_refused(store, today):
    code = add_participant(store, "A", enrolled_on=today, today=today)
    municipal = add_contact(store, "Sara Holm", principal="municipality")
    with pytest.raises(NotFound, match="ingen kontakt"):
        assign_contacts(store, code, Coordinators(region_coordinator_id=9999))
    with pytest.raises(UserError, match="regionen"):
        assign_contacts(store, code, Coordinators(region_coordinator_id=municipal))
    assert get_record(store, code).region_coordinator is None


def test_samsa_marking_records_date_and_who(store, today):
    code = add_participant(store, "A", enrolled_on=today, today=today)
    mark_samsa(store, code, on=today, today=today)
    record = get_record(store, code)
    assert (record.samsa_marked_on, record.samsa_marked_by) == (today, "testare")


def test_discharge_leaves_the_board_but_stays_searchable_and_can_be_undone_the_same_day(
    store, today
):
    code = add_participant(store, "Anna", enrolled_on=today - timedelta(weeks=30), today=today)
    discharge(store, code, reason="ready", on=today, today=today)
    assert load_board(store, today).rows == ()
    assert list_participants(store) == []
    [found] = list_participants(store, include_discharged=True, search="ann")
    assert (found.code, found.discharged_on, found.discharge_reason) == (code, today, "ready")
    with pytest.raises(UserError, match="samma dag"):
        undo_discharge(store, code, today=today + timedelta(days=1))
    undo_discharge(store, code, today=today)
    assert [row.code for row in load_board(store, today).rows] == [code]


@pytest.mark.parametrize(
    ("reason", "note", "fragment"),
    [
        ("bored", "", "utskrivningsskäl"),
        ("other", "", "anteckningen"),
    ],
)
def test_a_discharge_needs_a_known_reason_and_a_note_for_other(
    store, today, reason, note, fragment
):
    code = add_participant(store, "A", enrolled_on=today, today=today)
    with pytest.raises(UserError, match=fragment):
        discharge(store, code, reason=reason, note=note, on=today, today=today)
    assert len(load_board(store, today).rows) == 1


def test_a_discharge_before_enrolment_is_refused(store, today):
    code = add_participant(store, "A", enrolled_on=today, today=today)
    with pytest.raises(UserError, match="före inskrivningsdatumet"):
        discharge(store, code, reason="moved", on=today - timedelta(days=1), today=today)


def test_reading_a_record_is_in_the_access_log(store, today):
    code = add_participant(store, "A", enrolled_on=today, today=today)
    get_record(store, code)
    entry = audit.entries(store)[-1]
    assert (entry["action"], entry["detail"], entry["actor"]) == ("read", "participant", "testare")
    assert entry["participant_id"] is not None
