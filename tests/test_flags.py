"""Flags from facts and today's date: consent, ORS, intervention coverage."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from tavla.domain.flags import (
    consent_state,
    coverage_text,
    covered,
    crisis_plan_state,
    follow_up_overdue,
    ors_alert,
    participant_flags,
)

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("given", "expires", "revoked", "state"),
    [
        (None, None, None, "missing"),
        (date(2026, 1, 1), date(2026, 11, 22), None, "expired"),
        (date(2026, 1, 1), TODAY, None, "expiring"),
        (date(2026, 1, 1), TODAY + timedelta(days=14), None, "expiring"),
        (date(2026, 1, 1), TODAY + timedelta(days=15), None, "valid"),
        (date(2026, 1, 1), date(2027, 1, 1), date(2026, 6, 1), "revoked"),
        (date(2026, 1, 1), date(2027, 1, 1), TODAY + timedelta(days=1), "valid"),
    ],
)
def test_consent_state(given, expires, revoked, state):
    assert consent_state(given, expires, revoked, TODAY) == state


@pytest.mark.parametrize(
    ("total", "previous", "alert"),
    [(None, None, False), (25, None, True), (26, None, False), (30, 35, True), (31, 35, False)],
)
def test_ors_alert_at_the_cutoff_or_a_reliable_drop(total, previous, alert):
    assert ors_alert(total, previous) is alert


def test_coverage_round_trip_and_open_ended_spans():
    text = coverage_text(
        {"health": [(date(2026, 1, 5), None)], "social": [(date(2026, 2, 1), date(2026, 6, 30))]}
    )
    assert covered(text, "health", TODAY)
    assert not covered(text, "health", date(2026, 1, 4))
    assert covered(text, "social", date(2026, 6, 30))
    assert not covered(text, "social", date(2026, 7, 1))
    assert not covered(text, "cognition", TODAY)
    assert not covered("", "health", TODAY)


def test_flags_of_a_row():
    row = SimpleNamespace(
        consent_given_on=date(2026, 1, 1),
        consent_expires_on=TODAY + timedelta(days=3),
        consent_revoked_on=None,
        ors_total=20,
        ors_previous_total=None,
        crisis_reviewed_on=TODAY - timedelta(days=30),
        sip_follow_up_on=TODAY,
        action_due_on=TODAY,
        enrolled_on=date(2026, 1, 1),
        care_contact_id=3,
        resource_group_met_on=TODAY - timedelta(days=30),
    )
    flags = participant_flags(row, TODAY)
    assert [(f.key, f.state, f.severity) for f in flags] == [
        ("consent", "expiring", "warning"),
        ("ors", "low", "alert"),
    ]


def test_crisis_plan_and_follow_up_flags():
    row = SimpleNamespace(
        consent_given_on=date(2026, 1, 1),
        consent_expires_on=TODAY + timedelta(days=300),
        consent_revoked_on=None,
        ors_total=None,
        ors_previous_total=None,
        crisis_reviewed_on=None,
        sip_follow_up_on=TODAY - timedelta(days=1),
        action_due_on=TODAY - timedelta(days=1),
        enrolled_on=date(2026, 1, 1),
        care_contact_id=3,
        resource_group_met_on=TODAY - timedelta(days=30),
    )
    assert [(f.key, f.state) for f in participant_flags(row, TODAY)] == [
        ("crisis", "missing"),
        ("sip", "overdue"),
        ("action", "overdue"),
    ]
    six_months_and_a_day = TODAY - timedelta(days=185)
    assert crisis_plan_state(six_months_and_a_day, TODAY) == "stale"
    assert crisis_plan_state(TODAY - timedelta(days=180), TODAY) == "current"
    assert not follow_up_overdue(TODAY, TODAY)
