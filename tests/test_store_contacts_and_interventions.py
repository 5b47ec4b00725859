"""The directory, the resource group and interventions — on both databases."""

from datetime import date, timedelta

import pytest

from tavla.domain.flags import covered
from tavla.errors import NotFound, UserError
from tavla.render.contact import matches
from tavla.store.board import load_board
from tavla.store.contacts import ContactInput, add_contact, list_contacts, update_contact
from tavla.store.interventions import (
    InterventionInput,
    add_intervention,
    list_interventions,
    update_intervention,
)
from tavla.store.participants import add_participant
from tavla.store.record import get_record
from tavla.store.resource_group import add_member, remove_member


def test_contacts_are_searched_by_any_field_and_filtered_by_kind(store):
    add_contact(
        store,
        "Lisa Boende",
        principal="municipality",
        kind="housing_support",
        phone="019-12 34 56",
        email="lisa@kommun.example",
    )
    add_contact(
        store,
        "Vårdcentralen Norr",
        principal="region",
        kind="primary_care",
        organisation="Region Örebro län",
    )
    add_contact(store, "Kalle Bror", principal="other", kind="relative")
    assert [c.name for c in list_contacts(store)] == [
        "Kalle Bror",
        "Lisa Boende",
        "Vårdcentralen Norr",
    ]
    assert [c.name for c in list_contacts(store, kind="relative")] == ["Kalle Bror"]
    assert found(store, "örebro") == ["Vårdcentralen Norr"]
    assert found(store, "019-12") == ["Lisa Boende"]
    assert found(store, "närstående") == ["Kalle Bror"]  # the words of the kind, in Swedish


def found(store, search: str) -> list[str]:
    return [c.name for c in list_contacts(store) if matches(c, search)]


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"email": "not-an-address"}, "e-postadress"),
        ({"phone": "ring mig"}, "telefonnummer"),
        ({"kind": "wizard"}, "kontakttyp"),
        ({"principal": "state"}, "Huvudmannen"),
    ],
)
def test_bad_contacts_store_nothing(store, kwargs, fragment):
    arguments = {"principal": "region", **kwargs}
    with pytest.raises(UserError, match=fragment):
        add_contact(store, "X", **arguments)
    assert list_contacts(store) == []


def test_a_contact_can_be_corrected(store):
    contact_id = add_contact(store, "Lisa", principal="municipality")
    update_contact(
        store,
        contact_id,
        ContactInput("Lisa Boende", "municipality", "housing_support", phone="0701234567"),
    )
    [contact] = list_contacts(store)
    assert (contact.name, contact.kind, contact.phone) == (
        "Lisa Boende",
        "housing_support",
        "0701234567",
    )
    with pytest.raises(NotFound):
        update_contact(store, 9999, ContactInput("X", "region"))


def test_the_resource_group_is_chosen_contacts(store, today):
    code = add_participant(store, "A", enrolled_on=today, today=today)
    sister = add_contact(store, "Eva Syster", principal="other", kind="relative")
    add_member(store, code, sister, note="Vill bli ringd först", today=today)
    with pytest.raises(UserError, match="redan"):
        add_member(store, code, sister, today=today)
    with pytest.raises(NotFound):
        add_member(store, code, 9999, today=today)
    [member] = get_record(store, code).resource_group
    assert (member.contact.name, member.note) == ("Eva Syster", "Vill bli ringd först")
    remove_member(store, code, sister)
    assert get_record(store, code).resource_group == []


@pytest.fixture
def code(store, today):
    return add_participant(store, "A", enrolled_on=today - timedelta(weeks=30), today=today)


def test_an_intervention_covers_its_lanes_while_ongoing(store, code, today):
    worker = add_contact(store, "Lisa Boende", principal="municipality", kind="housing_support")
    item_id = add_intervention(
        store,
        code,
        InterventionInput(
            "Boendestöd två gånger i veckan",
            "municipality",
            ("social", "hälsa"),
            today - timedelta(weeks=4),
            unit="Boendestödet",
            responsible_id=worker,
        ),
    )
    row = load_board(store, today).row(code)
    assert covered(row.coverage, "social", today) and covered(row.coverage, "health", today)
    assert not covered(row.coverage, "cognition", today)
    [listed] = list_interventions(store, code)
    assert (listed.lanes, listed.responsible, listed.status) == (
        ("social", "health"),
        "Lisa Boende",
        "ongoing",
    )
    update_intervention(
        store,
        item_id,
        InterventionInput(
            "Boendestöd",
            "municipality",
            ("social",),
            today - timedelta(weeks=4),
            status="ended",
            ended_on=today - timedelta(days=1),
        ),
    )
    row = load_board(store, today).row(code)
    assert not covered(row.coverage, "social", today)


@pytest.mark.parametrize(
    ("item", "fragment"),
    [
        (InterventionInput("", "region", ("health",), date(2026, 1, 1)), "vad insatsen"),
        (InterventionInput("X", "", ("health",), date(2026, 1, 1)), "huvudman"),
        (InterventionInput("X", "region", (), date(2026, 1, 1)), "fält"),
        (InterventionInput("X", "region", ("mood",), date(2026, 1, 1)), "inget fält"),
        (
            InterventionInput(
                "X", "region", ("health",), date(2026, 3, 1), ended_on=date(2026, 2, 1)
            ),
            "slutar innan",
        ),
        (
            InterventionInput("X", "region", ("health",), date(2026, 3, 1), status="ended"),
            "slutdatum",
        ),
        (
            InterventionInput("X", "region", ("health",), date(2026, 3, 1), responsible_id=9999),
            "ingen kontakt",
        ),
    ],
)
def test_bad_interventions_store_nothing(store, code, item, fragment):
    with pytest.raises(UserError, match=fragment):
        add_intervention(store, code, item)
    assert list_interventions(store, code) == []
