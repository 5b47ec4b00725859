"""Consent and outcome ratings: stored, validated, and flagged on the board — on both databases."""

from datetime import date, timedelta

import pytest

from tavla.domain.flags import participant_flags
from tavla.errors import UserError
from tavla.store.board import load_board
from tavla.store.consents import (
    ConsentInput,
    add_consent,
    parse_form,
    parse_parties,
    revoke_consent,
)
from tavla.store.outcomes import add_outcome
from tavla.store.participants import add_participant
from tavla.store.record import get_record


@pytest.fixture
def code(store, today):
    return add_participant(store, "A", enrolled_on=today - timedelta(weeks=20), today=today)


def flags(store, code, today):
    row = load_board(store, today).row(code)
    found = participant_flags(row, today)
    return [(flag.key, flag.state) for flag in found if flag.key in ("consent", "ors")]


def test_missing_consent_is_flagged_until_one_is_given(store, code, today):
    assert ("consent", "missing") in flags(store, code, today)
    add_consent(
        store, code, ConsentInput(today, today + timedelta(days=365), "Allt om vården"), today=today
    )
    assert flags(store, code, today) == []
    [consent] = get_record(store, code).consents
    assert (consent.shares, consent.recorded_by) == ("Allt om vården", "testare")


def test_consent_expiring_within_14_days_then_expired_then_renewed(store, code, today):
    add_consent(
        store,
        code,
        ConsentInput(today - timedelta(days=300), today + timedelta(days=10), "Vård"),
        today=today,
    )
    assert flags(store, code, today) == [("consent", "expiring")]
    assert flags(store, code, today + timedelta(days=11)) == [("consent", "expired")]
    add_consent(store, code, ConsentInput(today, today + timedelta(days=365), "Vård"), today=today)
    assert flags(store, code, today) == []
    assert len(get_record(store, code).consents) == 2


def test_a_revoked_consent_is_flagged(store, code, today):
    add_consent(
        store,
        code,
        ConsentInput(today - timedelta(days=30), today + timedelta(days=300), "Vård"),
        today=today,
    )
    revoke_consent(store, code, on=today, note="Vill inte längre", today=today)
    assert flags(store, code, today) == [("consent", "revoked")]
    with pytest.raises(UserError, match="redan återkallat"):
        revoke_consent(store, code, on=today, today=today)


@pytest.mark.parametrize(
    ("given", "expires", "shares", "fragment"),
    [
        (date(2026, 6, 1), date(2026, 5, 1), "Vård", "går ut innan"),
        (date(2026, 6, 1), date(2026, 6, 1), "Vård", "går ut innan"),
        (date(2027, 1, 1), date(2028, 1, 1), "Vård", "framtiden"),
        (date(2026, 6, 1), date(2027, 6, 1), "  ", "vad som får"),
    ],
)
def test_bad_consents_store_nothing(store, code, today, given, expires, shares, fragment):
    with pytest.raises(UserError, match=fragment):
        add_consent(store, code, ConsentInput(given, expires, shares), today=today)
    assert get_record(store, code).consents == []


def test_a_consent_keeps_its_parties_its_form_and_who_recorded_it(store, code, today):
    consent = ConsentInput(
        today,
        today + timedelta(days=365),
        "Vård och boende",
        parties=("probation", "region", "municipality", "region"),
        form="oral",
    )
    add_consent(store, code, consent, today=today)
    [stored] = get_record(store, code).consents
    # Each party once, in the vocabulary's order; the actor of the store is who recorded it.
    assert stored.parties == ("region", "municipality", "probation")
    assert (stored.form, stored.recorded_by) == ("oral", "testare")


@pytest.mark.parametrize(
    ("parties", "form", "fragment"),
    [
        ((), "written", "vilka parter"),
        (("region", "skatteverket"), "written", "'skatteverket' är ingen part"),
        (("region", "municipality"), "", "skriftligt eller muntligt"),
        (("region", "municipality"), "signed", "skriftligt eller muntligt"),
    ],
)
def test_a_consent_without_parties_or_form_stores_nothing(
    store, code, today, parties, form, fragment
):
    consent = ConsentInput(today, today + timedelta(days=365), "Vård", parties=parties, form=form)
    with pytest.raises(UserError, match=fragment):
        add_consent(store, code, consent, today=today)
    assert get_record(store, code).consents == []


def test_parties_and_forms_by_key_or_in_swedish():
    assert parse_parties("Kommun, region,FRIVÅRDEN,försäkringskassan,primärvård,annan") == (
        "region",
        "municipality",
        "primary_care",
        "social_insurance",
        "probation",
        "other",
    )
    assert parse_parties("region,municipality,") == ("region", "municipality")
    assert (parse_form("Muntligt"), parse_form("written"), parse_form("skriftligt")) == (
        "oral",
        "written",
        "written",
    )
    with pytest.raises(UserError, match="'polisen' är ingen part"):
        parse_parties("region,polisen")
    with pytest.raises(UserError, match="vilka parter"):
        parse_parties(" , ")


def test_ors_at_or_below_25_or_a_drop_of_5_is_flagged(store, code, today):
    add_outcome(
        store,
        code,
        "ors",
        [8, 8, 8, 8],
        rated_on=today - timedelta(weeks=2),
        staff="Maria",
        today=today,
    )
    assert flags(store, code, today) == [("consent", "missing")]
    add_outcome(store, code, "ors", [7, 7, 7, 6], rated_on=today, today=today)
    assert ("ors", "drop") in flags(store, code, today)
    add_outcome(store, code, "ors", [6, 6, 6, 6], rated_on=today, today=today)
    assert ("ors", "low") in flags(store, code, today)
    add_outcome(store, code, "srs", [9, 9, 9, 9], rated_on=today, today=today)  # SRS: no flag
    record = get_record(store, code)
    assert [(o.kind, o.total) for o in record.outcomes] == [
        ("ors", 32),
        ("ors", 27),
        ("ors", 24),
        ("srs", 36),
    ]


@pytest.mark.parametrize(
    ("kind", "items", "fragment"),
    [("ors", [11, 1, 1, 1], "0–10"), ("ors", [1, 1, 1], "fyra"), ("xyz", [1, 1, 1, 1], "ORS")],
)
def test_bad_outcome_ratings_store_nothing(store, code, today, kind, items, fragment):
    with pytest.raises(UserError, match=fragment):
        add_outcome(store, code, kind, items, rated_on=today, today=today)
    assert get_record(store, code).outcomes == []
