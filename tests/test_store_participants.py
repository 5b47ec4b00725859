"""Participants in the store, on SQLite and PostgreSQL."""

import re

import pytest

from tavla.errors import UserError
from tavla.store import audit
from tavla.store.checks import CODE_DIGITS, CODE_LETTERS
from tavla.store.participants import add_participant, list_participants


def test_enrolling_assigns_a_random_code_of_two_letters_and_two_digits(store, today):
    code = add_participant(store, "Anna Test", identity_number="19121212-1212", enrolled_on=today)
    # Digits 0 and 1 and letters like I and O are left out: they are misread on a projector.
    assert re.fullmatch(f"[{CODE_LETTERS}]{{2}}[{CODE_DIGITS}]{{2}}", code)
    [row] = list_participants(store)
    assert (row.code, row.name, row.identity_number, row.enrolled_on) == (
        code,
        "Anna Test",
        "19121212-1212",
        today,
    )


def test_codes_are_unique(store, today):
    codes = {add_participant(store, f"P {n}", enrolled_on=today) for n in range(30)}
    assert len(codes) == 30


def test_a_chosen_code_is_normalised_and_may_not_be_taken_twice(store, today):
    assert add_participant(store, "A", code=" km47 ", enrolled_on=today) == "KM47"
    with pytest.raises(UserError):
        add_participant(store, "B", code="KM47", enrolled_on=today)
    assert [p.name for p in list_participants(store)] == ["A"]


@pytest.mark.parametrize("code", ["K", "ÅÄÖ1", "19121212", "AB121212", "A B"])
def test_codes_that_could_identify_or_confuse_are_refused(store, today, code):
    with pytest.raises(UserError):
        add_participant(store, "A", code=code, enrolled_on=today)
    assert list_participants(store) == []


def test_a_malformed_identity_number_stores_nothing(store, today):
    with pytest.raises(UserError):
        add_participant(store, "A", identity_number="19121212-1213", enrolled_on=today)
    assert list_participants(store) == []


def test_the_same_identity_number_cannot_be_enrolled_twice(store, today):
    add_participant(store, "A", identity_number="191212121212", enrolled_on=today)
    with pytest.raises(UserError):
        add_participant(store, "B", identity_number="19121212-1212", enrolled_on=today)


def test_an_empty_name_is_refused(store, today):
    with pytest.raises(UserError):
        add_participant(store, "   ", enrolled_on=today)


def test_a_hostile_name_is_stored_exactly_as_typed(store, today):
    name = "[bold red]x[/] [link=https://example.invalid]y\x1b[2J"
    add_participant(store, name, enrolled_on=today)
    assert list_participants(store)[0].name == name


def test_enrolment_and_listing_are_in_the_access_log(store, today):
    add_participant(store, "A", enrolled_on=today)
    list_participants(store)
    log = audit.entries(store)
    assert [(e["action"], e["actor"]) for e in log] == [("create", "testare"), ("list", "testare")]
    assert log[0]["participant_id"] is not None
