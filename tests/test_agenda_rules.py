"""The agenda rules, one at a time, their order, the template's switches and thresholds, and
how each reason reads (in English, the message ids; the Swedish comes from the catalogue)."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from tavla.domain.agenda_rules import (
    FOLLOW_UP_AHEAD_DAYS,
    AgendaFacts,
    Proposal,
    Reason,
    participant_reasons,
    propose,
    reason_text,
)
from tavla.domain.flags import consent_state
from tavla.domain.template import AGENDA_RULES, default_template
from tavla.i18n import language, set_language
from tavla.store.board import BoardRow, LaneCell

MEETING = date(2026, 11, 24)  # a Tuesday
SINCE = date(2026, 11, 17)  # the meeting before
RULES = default_template().agenda  # all rules on; top 4, unmet from 3, 14 days, 4 weeks


def cell(
    lane: str,
    level: int | None,
    *,
    need: str | None = None,
    rated_on: date = MEETING - timedelta(days=1),
) -> LaneCell:
    return LaneCell(lane, level, need, None, rated_on, "", "testare", "")


def row(pid: int = 1, code: str = "AA22", *, lanes: tuple[LaneCell, ...] = (), **changes):
    """A participant who meets no rule unless `changes` say otherwise."""
    values = {
        "participant_id": pid,
        "code": code,
        "name": "Namn Namnsson",
        "identity_number": None,
        "enrolled_on": date(2026, 1, 12),
        "region_coordinator": None,
        "municipality_coordinator": None,
        "main_responsibility": None,
        "consent_given_on": date(2026, 1, 12),
        "consent_expires_on": date(2027, 1, 12),
        "consent_revoked_on": None,
        "ors_total": None,
        "ors_previous_total": None,
        "coverage": "",
        "sip_follow_up_on": date(2027, 2, 1),
        "crisis_reviewed_on": date(2026, 9, 1),
        "discussed_on": SINCE,
        "action_due_on": None,
        "care_contact_id": 7,
        "resource_group_met_on": SINCE,
        "lanes": {c.lane: c for c in lanes},
    }
    values = {**values, **changes}
    dates = [values[f"consent_{key}_on"] for key in ("given", "expires", "revoked")]
    return BoardRow(**values, consent=consent_state(*dates, MEETING))


def facts(*rows: BoardRow, **changes) -> AgendaFacts:
    values = {
        "meeting_on": MEETING,
        "since": SINCE,
        "levels_then": {},
        "open_actions": 0,
        "discussed_on": {r.participant_id: r.discussed_on for r in rows if r.discussed_on},
    }
    return AgendaFacts(**{**values, **changes})


def reasons(one: BoardRow, rules=RULES, **fact_changes) -> list[Reason]:
    return participant_reasons(one, facts(one, **fact_changes), rules)


def test_a_participant_with_nothing_to_raise_is_not_proposed():
    quiet = row(lanes=(cell("health", 2, need="met"), cell("social", 3, need="met")))
    assert reasons(quiet) == []
    assert propose([quiet], facts(quiet), RULES) == []


def test_open_actions_come_as_one_item_first():
    quiet = row()
    assert propose([quiet], facts(quiet, open_actions=2), RULES) == [
        Proposal(None, (Reason("open_actions", "2"),))
    ]
    assert propose([quiet], facts(quiet, open_actions=0), RULES) == []


def test_level_rose_since_the_last_meeting():
    rose = row(lanes=(cell("health", 3), cell("social", 1)))
    then = {(1, "health"): 2, (1, "social"): 2}
    assert reasons(rose, levels_then=then) == [Reason("level_rose", "health:2:3")]


@pytest.mark.parametrize(
    ("lane_cell", "before"),
    [
        (cell("health", 3, rated_on=SINCE), 2),  # rated at the last meeting: already seen
        (cell("health", 3), None),  # no level known then
        (cell("health", None), 2),  # not known now
        (cell("health", 2), 2),  # unchanged
    ],
)
def test_level_rose_needs_a_known_rise_after_the_last_meeting(lane_cell, before):
    one = row(lanes=(lane_cell,))
    assert reasons(one, levels_then={(1, "health"): before}) == []


def test_top_level_uses_the_templates_threshold():
    one = row(lanes=(cell("health", 3), cell("cognition", 4)))
    assert reasons(one) == [Reason("top_level", "cognition:4")]
    lower = replace(RULES, top_level=3)
    assert reasons(one, lower) == [
        Reason("top_level", "health:3"),
        Reason("top_level", "cognition:4"),
    ]


def test_unmet_need_from_the_templates_level():
    one = row(
        lanes=(
            cell("social", 3, need="unmet"),
            cell("health", 2, need="unmet"),
            cell("cognition", 3, need="met"),
        )
    )
    assert reasons(one) == [Reason("unmet_need", "social:3")]
    assert reasons(one, replace(RULES, unmet_from_level=2)) == [
        Reason("unmet_need", "social:3"),
        Reason("unmet_need", "health:2"),
    ]


@pytest.mark.parametrize(
    ("enrolled_on", "proposed"),
    [
        (SINCE, False),
        (SINCE + timedelta(days=1), True),
        (MEETING, True),
        (MEETING + timedelta(days=1), False),
    ],
)
def test_new_enrolment_since_the_last_meeting(enrolled_on, proposed):
    one = row(enrolled_on=enrolled_on, discussed_on=None)
    found = [r for r in reasons(one) if r.rule == "new_enrolment"]
    assert found == ([Reason("new_enrolment", enrolled_on.isoformat())] if proposed else [])


@pytest.mark.parametrize(
    ("days", "proposed"),
    [(-30, True), (0, True), (FOLLOW_UP_AHEAD_DAYS, True), (FOLLOW_UP_AHEAD_DAYS + 1, False)],
)
def test_sip_follow_up_due_before_the_next_meeting_or_overdue(days, proposed):
    due = MEETING + timedelta(days=days)
    one = row(sip_follow_up_on=due)
    assert reasons(one) == ([Reason("sip_follow_up", due.isoformat())] if proposed else [])
    assert reasons(row(sip_follow_up_on=None)) == []  # no SIP: nothing to follow up


@pytest.mark.parametrize(
    ("changes", "detail"),
    [
        ({"consent_given_on": None, "consent_expires_on": None}, "missing:"),
        ({"consent_expires_on": MEETING + timedelta(days=14)}, "expiring:2026-12-08"),
        ({"consent_expires_on": MEETING - timedelta(days=1)}, "expired:2026-11-23"),
        ({"consent_revoked_on": date(2026, 11, 2)}, "revoked:2026-11-02"),
    ],
)
def test_consent_missing_expiring_expired_or_revoked(changes, detail):
    assert reasons(row(**changes)) == [Reason("consent", detail)]


def test_consent_warning_days_come_from_the_template():
    soon = row(consent_expires_on=MEETING + timedelta(days=20))
    assert reasons(soon) == []
    assert reasons(soon, replace(RULES, consent_warning_days=30)) == [
        Reason("consent", "expiring:2026-12-14")
    ]


@pytest.mark.parametrize(
    ("reviewed_on", "expected"),
    [
        (None, [Reason("crisis_plan", "missing:")]),
        (date(2026, 5, 1), [Reason("crisis_plan", "stale:2026-05-01")]),
        (date(2026, 6, 1), []),
    ],
)
def test_crisis_plan_missing_or_not_reviewed_for_six_months(reviewed_on, expected):
    assert reasons(row(crisis_reviewed_on=reviewed_on)) == expected


def test_not_discussed_for_the_templates_number_of_weeks():
    four_weeks = row(discussed_on=MEETING - timedelta(weeks=4))
    assert reasons(four_weeks) == [Reason("not_discussed", "4:2026-10-27")]
    three_weeks = row(discussed_on=MEETING - timedelta(weeks=3))
    assert reasons(three_weeks) == []
    assert reasons(three_weeks, replace(RULES, not_discussed_weeks=3)) == [
        Reason("not_discussed", "3:2026-11-03")
    ]


def test_never_discussed_counts_from_enrolment():
    never = row(discussed_on=None, enrolled_on=MEETING - timedelta(weeks=5, days=3))
    assert reasons(never) == [Reason("not_discussed", "5:")]
    recent = row(discussed_on=None, enrolled_on=MEETING - timedelta(weeks=3))
    assert reasons(recent) == []


def test_every_rule_a_participant_meets_in_the_templates_order():
    one = row(
        lanes=(cell("health", 4, need="unmet"),),
        consent_expires_on=MEETING + timedelta(days=10),  # expiring: still valid
        crisis_reviewed_on=None,
        discussed_on=None,
    )
    then = {(1, "health"): 2}
    assert [r.rule for r in reasons(one, levels_then=then)] == [
        "level_rose",
        "top_level",
        "unmet_need",
        "consent",
        "crisis_plan",
        "not_discussed",
    ]
    backwards = replace(RULES, rules=tuple(reversed(AGENDA_RULES)))
    assert [r.rule for r in reasons(one, backwards, levels_then=then)] == [
        "not_discussed",
        "crisis_plan",
        "consent",
        "unmet_need",
        "top_level",
        "level_rose",
    ]


@pytest.mark.parametrize(
    ("changes", "detail"),
    [
        ({"consent_given_on": None, "consent_expires_on": None}, "missing:"),
        ({"consent_expires_on": MEETING - timedelta(days=1)}, "expired:2026-11-23"),
        ({"consent_revoked_on": date(2026, 11, 2)}, "revoked:2026-11-02"),
    ],
)
def test_without_valid_consent_the_only_reason_is_to_obtain_it(changes, detail):
    """Red, unmet, risen, no crisis plan, never discussed: none of it is proposed for a
    participant the meeting may not hear about; only getting consent is."""
    one = row(
        lanes=(cell("health", 4, need="unmet"),),
        crisis_reviewed_on=None,
        discussed_on=None,
        sip_follow_up_on=MEETING,
        **changes,
    )
    then = {(1, "health"): 2}
    assert reasons(one, levels_then=then) == [Reason("consent", detail)]
    [proposal] = propose([one], facts(one, levels_then=then), RULES)
    assert proposal.reasons == (Reason("consent", detail),)
    # With the consent rule off, they are not proposed at all (nothing else may be said).
    no_consent_rule = replace(RULES, rules=tuple(r for r in AGENDA_RULES if r != "consent"))
    assert propose([one], facts(one, levels_then=then), no_consent_rule) == []
    # Once consent is given again, every other reason is back.
    renewed = one._replace(consent_revoked_on=None, consent_given_on=MEETING)
    renewed = renewed._replace(consent_expires_on=MEETING + timedelta(days=365))
    assert len(reasons(renewed, levels_then=then)) > 3


def test_the_agenda_is_open_actions_then_by_first_rule_then_code():
    rows = [
        row(1, "DD22", crisis_reviewed_on=None),
        row(2, "CC22", lanes=(cell("health", 4),)),
        row(3, "BB22", crisis_reviewed_on=None),
        row(4, "AA22", discussed_on=MEETING - timedelta(weeks=8)),
        row(5, "EE22"),  # nothing to raise
        row(6, "FF22", lanes=(cell("social", 4),), crisis_reviewed_on=None),
    ]
    proposals = propose(rows, facts(*rows, open_actions=1), RULES)
    assert [p.participant_id for p in proposals] == [None, 2, 6, 3, 1, 4]
    assert proposals[2].reasons == (
        Reason("top_level", "social:4"),
        Reason("crisis_plan", "missing:"),
    )


def test_the_templates_order_of_rules_is_the_agendas_order():
    rows = [row(1, "AA22", crisis_reviewed_on=None), row(2, "BB22", lanes=(cell("health", 4),))]
    crisis_first = replace(RULES, rules=("crisis_plan", "top_level"))
    assert [p.participant_id for p in propose(rows, facts(*rows), crisis_first)] == [1, 2]
    assert [p.participant_id for p in propose(rows, facts(*rows), RULES)] == [2, 1]


def test_rules_absent_from_the_template_are_off():
    one = row(
        lanes=(cell("health", 4, need="unmet"),),
        crisis_reviewed_on=None,
        sip_follow_up_on=MEETING,
        discussed_on=None,
        enrolled_on=MEETING,
    )
    only_top = replace(RULES, rules=("top_level",))
    assert propose([one], facts(one, open_actions=3), only_top) == [
        Proposal(1, (Reason("top_level", "health:4"),))
    ]
    assert propose([one], facts(one, open_actions=3), replace(RULES, rules=())) == []


@pytest.fixture
def english():
    """English for these tests: the language is switched through tavla.i18n and put back."""
    before = language()
    set_language("en")
    yield default_template()  # read after the switch, so the lane labels are English too
    set_language(before)


@pytest.mark.parametrize(
    ("reason", "text"),
    [
        (Reason("open_actions", "1"), "1 open action from earlier meetings"),
        (Reason("open_actions", "3"), "3 open actions from earlier meetings"),
        (Reason("level_rose", "health:2:3"), "Health rose 2 → 3"),
        (Reason("top_level", "cognition:4"), "Cognitive ability at 4"),
        (Reason("unmet_need", "social:3"), "Social stability at 3, need unmet"),
        (Reason("new_enrolment", "2026-11-20"), "Newly enrolled 2026-11-20"),
        (Reason("sip_follow_up", "2026-11-26"), "SIP follow-up due 2026-11-26"),
        (Reason("sip_follow_up", "2026-11-24"), "SIP follow-up due 2026-11-24"),
        (Reason("sip_follow_up", "2026-11-01"), "SIP follow-up overdue since 2026-11-01"),
        (Reason("consent", "missing:"), "No consent to share information: obtain consent"),
        (Reason("consent", "expiring:2026-12-08"), "Consent expires 2026-12-08"),
        (Reason("consent", "expired:2026-11-23"), "Consent expired 2026-11-23: obtain consent"),
        (Reason("consent", "revoked:2026-11-02"), "Consent revoked 2026-11-02: obtain consent"),
        (Reason("crisis_plan", "missing:"), "No crisis plan"),
        (Reason("crisis_plan", "stale:2026-05-01"), "Crisis plan not reviewed since 2026-05-01"),
        (Reason("not_discussed", "1:2026-11-17"), "Not discussed for 1 week (last 2026-11-17)"),
        (Reason("not_discussed", "4:2026-10-27"), "Not discussed for 4 weeks (last 2026-10-27)"),
        (Reason("not_discussed", "1:"), "Not discussed since enrolment, 1 week"),
        (Reason("not_discussed", "5:"), "Not discussed since enrolment, 5 weeks"),
    ],
)
def test_each_reason_in_words(english, reason, text):
    assert reason_text(reason, english, MEETING) == text


def test_reason_text_holds_no_names():
    one = row(
        lanes=(cell("health", 4, need="unmet"),),
        consent_expires_on=MEETING + timedelta(days=10),
        crisis_reviewed_on=None,
        discussed_on=None,
    )
    template = default_template()
    texts = [
        reason_text(r, template, MEETING) for r in reasons(one, levels_then={(1, "health"): 1})
    ]
    assert len(texts) == 6 and not any("Namn" in text for text in texts)
