"""Two rules from the pilot's practice, with hand-made facts: a resource-group meeting is due
N months (3) after the last one, and N weeks (4) after enrolment there should be a permanent
care contact (fast vårdkontakt). Each proposes the participant for the agenda and flags them
on the board; the board's template holds N, and a bad N is refused."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from tavla.domain.agenda_rules import Reason, participant_reasons, reason_text, rule_text
from tavla.domain.flags import FLAG_LETTERS, participant_flags
from tavla.domain.template import AGENDA_RULES, BoardTemplate, default_template
from tavla.errors import UserError
from tavla.i18n import language, set_language

from .test_agenda_rules import MEETING, facts, row

TEMPLATE = default_template()
RULES = TEMPLATE.agenda


def reasons(one, rules=RULES) -> list[Reason]:
    return [r for r in participant_reasons(one, facts(one), rules) if r.rule in CARE_RULES]


CARE_RULES = ("care_contact", "resource_group")


@pytest.fixture
def english():
    before = language()
    set_language("en")
    yield
    set_language(before)


def test_the_default_template_has_both_rules_before_not_discussed_with_3_months_and_4_weeks():
    assert RULES.rules[-3:] == ("care_contact", "resource_group", "not_discussed")
    assert set(CARE_RULES) <= set(AGENDA_RULES)
    assert (RULES.resource_group_months, RULES.care_contact_weeks) == (3, 4)


# --- resource-group meeting due -----------------------------------------------------------


@pytest.mark.parametrize(
    ("met_on", "due"),
    [
        (MEETING - timedelta(days=30), False),
        (date(2026, 8, 25), False),  # three months on is the day after the meeting
        (date(2026, 8, 24), True),  # three months to the day: due
        (date(2026, 3, 2), True),
    ],
)
def test_a_resource_group_meeting_is_due_three_months_after_the_last(met_on, due):
    found = reasons(row(resource_group_met_on=met_on))
    assert found == ([Reason("resource_group", f"{met_on.isoformat()}:2026-01-12")] if due else [])


def test_without_any_resource_group_meeting_the_months_count_from_enrolment():
    new = row(enrolled_on=MEETING - timedelta(days=40), resource_group_met_on=None)
    assert reasons(new) == []
    old = row(enrolled_on=date(2026, 8, 24), resource_group_met_on=None)
    assert reasons(old) == [Reason("resource_group", ":2026-08-24")]


def test_the_months_come_from_the_template():
    two_months_ago = row(resource_group_met_on=date(2026, 9, 20))
    assert reasons(two_months_ago) == []
    assert [r.rule for r in reasons(two_months_ago, replace(RULES, resource_group_months=2))] == [
        "resource_group"
    ]


# --- permanent care contact ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("enrolled_days_ago", "weeks_told"), [(27, None), (28, 4), (29, 4), (70, 10)]
)
def test_four_weeks_after_enrolment_without_a_care_contact(enrolled_days_ago, weeks_told):
    one = row(enrolled_on=MEETING - timedelta(days=enrolled_days_ago), care_contact_id=None)
    expected = [] if weeks_told is None else [Reason("care_contact", str(weeks_told))]
    assert reasons(one) == expected


def test_a_care_contact_ends_the_rule_and_the_weeks_come_from_the_template():
    assert reasons(row(care_contact_id=12)) == []
    recent = row(enrolled_on=MEETING - timedelta(weeks=2), care_contact_id=None)
    assert reasons(recent) == []
    assert reasons(recent, replace(RULES, care_contact_weeks=2)) == [Reason("care_contact", "2")]


def test_a_board_without_the_rules_does_not_propose_by_them():
    both = row(care_contact_id=None, resource_group_met_on=None)
    assert [r.rule for r in reasons(both)] == ["care_contact", "resource_group"]
    without = replace(RULES, rules=tuple(r for r in RULES.rules if r not in CARE_RULES))
    assert reasons(both, without) == []


# --- the words ----------------------------------------------------------------------------


def test_the_reasons_and_rules_in_swedish():
    text = [
        reason_text(Reason("care_contact", "5"), TEMPLATE, MEETING),
        reason_text(Reason("resource_group", "2026-06-01:2026-01-12"), TEMPLATE, MEETING),
        reason_text(Reason("resource_group", ":2026-01-12"), TEMPLATE, MEETING),
        rule_text("care_contact", RULES),
        rule_text("resource_group", RULES),
    ]
    assert text == [
        "Ingen fast vårdkontakt, 5 veckor efter inskrivningen",
        "Inget resursgruppsmöte sedan 2026-06-01",
        "Inget resursgruppsmöte sedan inskrivningen 2026-01-12",
        "Ingen fast vårdkontakt 4 veckor efter inskrivningen",
        "Inget resursgruppsmöte på 3 månader",
    ]


def test_the_reasons_in_english(english):
    assert reason_text(Reason("care_contact", "1"), TEMPLATE, MEETING) == (
        "No permanent care contact, 1 week after enrolment"
    )
    assert rule_text("resource_group", replace(RULES, resource_group_months=1)) == (
        "No resource-group meeting for 1 month"
    )


# --- the board's flags --------------------------------------------------------------------


def board_row(**changes) -> SimpleNamespace:
    values = {
        "consent_given_on": date(2026, 1, 1),
        "consent_expires_on": date(2027, 6, 1),
        "consent_revoked_on": None,
        "ors_total": None,
        "ors_previous_total": None,
        "crisis_reviewed_on": date(2026, 10, 1),
        "sip_follow_up_on": None,
        "action_due_on": None,
        "enrolled_on": date(2026, 1, 12),
        "care_contact_id": 4,
        "resource_group_met_on": date(2026, 10, 1),
    }
    return SimpleNamespace(**{**values, **changes})


def test_both_flags_are_warnings_with_their_letters():
    late = board_row(care_contact_id=None, resource_group_met_on=date(2026, 7, 1))
    flags = participant_flags(late, MEETING, RULES)
    assert [(f.key, f.state, f.severity) for f in flags] == [
        ("resource_group", "due", "warning"),
        ("care_contact", "missing", "warning"),
    ]
    assert [FLAG_LETTERS[f.key] for f in flags] == ["R", "V"]
    assert participant_flags(board_row(), MEETING, RULES) == []


def test_the_flags_follow_the_boards_thresholds_and_default_to_the_templates():
    one = board_row(resource_group_met_on=date(2026, 9, 1))
    assert participant_flags(one, MEETING) == participant_flags(one, MEETING, RULES) == []
    tighter = replace(RULES, resource_group_months=2)
    assert [f.key for f in participant_flags(one, MEETING, tighter)] == ["resource_group"]


# --- the template -------------------------------------------------------------------------


def template_with(**agenda) -> str:
    data = json.loads(TEMPLATE.source)
    data["agenda"].update(agenda)
    return json.dumps(data)


@pytest.mark.parametrize(
    "agenda",
    [
        {"resource_group_months": 0},
        {"resource_group_months": 25},
        {"resource_group_months": "3"},
        {"care_contact_weeks": 0},
        {"care_contact_weeks": 53},
        {"care_contact_weeks": 2.5},
    ],
)
def test_template_check_refuses_bad_settings(agenda):
    with pytest.raises(UserError, match="dagordningens"):
        BoardTemplate.from_json(template_with(**agenda))


def test_a_template_sets_both_and_an_older_one_gets_the_defaults():
    own = BoardTemplate.from_json(template_with(resource_group_months=6, care_contact_weeks=8))
    assert (own.agenda.resource_group_months, own.agenda.care_contact_weeks) == (6, 8)
    data = json.loads(TEMPLATE.source)
    del data["agenda"]["resource_group_months"], data["agenda"]["care_contact_weeks"]
    older = BoardTemplate.from_json(json.dumps(data))
    assert (older.agenda.resource_group_months, older.agenda.care_contact_weeks) == (3, 4)


def test_the_demo_board_shows_each_flag_for_some_participants_not_all(demo_store, today):
    from tavla.store.board import load_board

    rows = load_board(demo_store, today).rows
    for key in CARE_RULES:
        flagged = [
            row.code
            for row in rows
            if key in {f.key for f in participant_flags(row, today, demo_store.template.agenda)}
        ]
        assert 1 <= len(flagged) < len(rows) / 2, (key, flagged)
