"""SIPs and crisis plans: versions, refusals, stale saves, the board's dates — on both databases."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from tavla.domain.flags import participant_flags
from tavla.errors import Conflict, UserError
from tavla.render.plan_diff import crisis_changes, sip_changes
from tavla.store import audit
from tavla.store.board import load_board
from tavla.store.contacts import add_contact
from tavla.store.crisis_plans import CrisisPlan, save_crisis_plan
from tavla.store.interventions import InterventionInput, add_intervention, update_intervention
from tavla.store.participants import add_participant
from tavla.store.plans_record import get_plans
from tavla.store.sips import Goal, PlanIntervention, SipPlan, SubGoal, save_sip

TODAY = date(2026, 11, 23)


def _plan(**changes) -> SipPlan:
    plan = SipPlan(
        meeting_on=TODAY - timedelta(days=3),
        own_goals="Ha en egen lägenhet",
        goals=(Goal("Eget boende", (SubGoal("Handla själv", TODAY + timedelta(days=30)),)),),
        follow_up_on=TODAY + timedelta(days=90),
        ends_on=TODAY + timedelta(days=365),
        main_responsibility="region",
    )
    return replace(plan, **changes)


@pytest.fixture
def code(store):
    return add_participant(store, "Test Person", enrolled_on=TODAY - timedelta(days=60))


def test_each_save_is_a_new_version_and_old_ones_stay_readable(store, code):
    assert save_sip(store, code, _plan(), base=None, today=TODAY) == 1
    moved = _plan(follow_up_on=TODAY + timedelta(days=120))
    assert save_sip(store, code, moved, base=1, today=TODAY) == 2
    record = get_plans(store, code)
    assert [info.version for info, _plan in record.sips] == [1, 2]
    assert record.sip_at(1).follow_up_on == TODAY + timedelta(days=90)
    assert record.sip.follow_up_on == TODAY + timedelta(days=120)
    assert record.sips[1][0].saved_by == "testare"
    changes = sip_changes(record.sip_at(1), record.sip_at(2), record.contact_name)
    assert [(c.sign, c.text) for c in changes] == [
        (
            "~",
            f"Uppföljning flyttad från {TODAY + timedelta(days=90)} till "
            f"{TODAY + timedelta(days=120)}",
        ),
    ]
    assert [e["detail"] for e in audit.entries(store)][-3:] == [
        "sip version 1",
        "sip version 2",
        "sip",
    ]


def test_a_stale_save_is_refused_and_writes_nothing(store, code):
    save_sip(store, code, _plan(), base=None, today=TODAY)
    save_sip(store, code, _plan(own_goals="Första ändringen"), base=1, today=TODAY)
    with pytest.raises(Conflict, match="testare sparade version 2") as refused:
        save_sip(store, code, _plan(own_goals="Andra ändringen"), base=1, today=TODAY)
    assert refused.value.current == 2
    assert get_plans(store, code).sip.own_goals == "Första ändringen"
    with pytest.raises(Conflict):  # a second "first" version is just as stale
        save_sip(store, code, _plan(), base=None, today=TODAY)


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"follow_up_on": TODAY - timedelta(days=1)}, "har passerat"),
        ({"follow_up_on": None}, "ska följas upp"),
        ({"meeting_on": TODAY + timedelta(days=1)}, "framtiden"),
        (
            {"goals": (Goal("Mål", (SubGoal("Sent", TODAY + timedelta(days=400)),)),)},
            "efter att planen slutar",
        ),
        ({"goals": (Goal("  "),)}, "Skriv vad målet är"),
        ({"ends_on": TODAY - timedelta(days=10)}, "slutar före"),
        ({"interventions": (PlanIntervention(9999),)}, "9999"),
        ({"attendee_ids": (9999,)}, "9999"),
    ],
)
def test_a_wrong_plan_is_refused_with_a_reason(store, code, changes, fragment):
    with pytest.raises(UserError, match=fragment):
        save_sip(store, code, _plan(**changes), base=None, today=TODAY)
    assert get_plans(store, code).sips == []


def test_an_overdue_follow_up_may_stay_when_other_things_are_corrected(store, code):
    save_sip(store, code, _plan(), base=None, today=TODAY)
    later = TODAY + timedelta(days=100)  # the follow-up (day 90) has passed
    save_sip(store, code, _plan(own_goals="Rättat"), base=1, today=later)
    [row] = load_board(store, later).rows
    # (no care contact and no resource-group meeting either: their flags are not this test's)
    flags = [f.key for f in participant_flags(row, later)]
    assert flags[:3] == ["consent", "crisis", "sip"] and "action" not in flags


def test_interventions_are_kept_as_they_stood_at_each_save(store, code):
    item = InterventionInput("Boendestöd", "municipality", ("social",), TODAY - timedelta(days=20))
    intervention_id = add_intervention(store, code, item)
    save_sip(
        store,
        code,
        _plan(interventions=(PlanIntervention(intervention_id),)),
        base=None,
        today=TODAY,
    )
    ended = replace(item, status="ended", ended_on=TODAY)
    update_intervention(store, intervention_id, ended)
    save_sip(
        store, code, _plan(interventions=(PlanIntervention(intervention_id),)), base=1, today=TODAY
    )
    record = get_plans(store, code)
    assert record.sip_at(1).interventions[0].status == "ongoing"
    assert record.sip_at(2).interventions[0].ended_on == TODAY
    texts = [c.text for c in sip_changes(record.sip_at(1), record.sip_at(2), record.contact_name)]
    assert texts == [f"Insatsen 'Boendestöd' avslutad {TODAY}"]


def test_the_diff_names_goals_added_and_sub_goals_moved(store, code):
    first = _plan()
    second = _plan(
        goals=(
            Goal(
                "Eget boende", (SubGoal("Handla själv", TODAY + timedelta(days=60), "in_progress"),)
            ),
            Goal("En månad drogfri"),
        )
    )
    texts = [(c.sign, c.text) for c in sip_changes(first, second, lambda _id: "")]
    assert ("+", "Mål 'En månad drogfri'") in texts
    assert ("~", "Delmål 'Handla själv': ej påbörjat → pågår") in texts
    moved = (
        f"Delmål 'Handla själv': klart {TODAY + timedelta(days=30)} → {TODAY + timedelta(days=60)}"
    )
    assert ("~", moved) in texts
    hidden = [c.text for c in sip_changes(first, second, lambda _id: "", hide=True)]
    assert not any("drogfri" in text or "Handla" in text for text in hidden)


def test_crisis_plan_versions_and_the_board_flag(store, code):
    nurse = add_contact(store, "Jour Psykiatri", principal="region", phone="019-60 20 000")
    [row] = load_board(store, TODAY).rows
    assert [f.state for f in participant_flags(row, TODAY) if f.key == "crisis"] == ["missing"]
    plan = CrisisPlan(
        "Sover dåligt, slutar svara",
        "Ringer Anna",
        "Hembesök samma dag",
        (nurse,),
        TODAY - timedelta(days=200),
    )
    assert save_crisis_plan(store, code, plan, base=None, today=TODAY) == 1
    [row] = load_board(store, TODAY).rows
    assert [f.state for f in participant_flags(row, TODAY) if f.key == "crisis"] == ["stale"]
    save_crisis_plan(store, code, replace(plan, reviewed_on=TODAY), base=1, today=TODAY)
    [row] = load_board(store, TODAY).rows
    assert [f.key for f in participant_flags(row, TODAY) if f.key == "crisis"] == []
    record = get_plans(store, code)
    assert record.crisis_plan.call_ids == (nurse,)
    changes = crisis_changes(record.crisis_at(1), record.crisis_at(2), record.contact_name)
    assert [c.sign for c in changes] == ["~"]
    with pytest.raises(Conflict):
        save_crisis_plan(store, code, plan, base=1, today=TODAY)
    with pytest.raises(UserError, match="tidiga tecknen"):
        save_crisis_plan(store, code, replace(plan, early_signs=" "), base=2, today=TODAY)


def test_the_board_shows_the_next_follow_up(store, code):
    save_sip(store, code, _plan(), base=None, today=TODAY)
    [row] = load_board(store, TODAY).rows
    assert row.sip_follow_up_on == TODAY + timedelta(days=90)


def test_two_coordinators_saving_at_once_one_wins_the_other_is_told(store, code, location):
    """Two instances (separate engines) save on the same version at the same moment, 20 times:
    every round exactly one version is written and the other writer gets Conflict."""
    import threading

    from tavla.store import open_store

    save_sip(store, code, _plan(), base=None, today=TODAY)
    other = open_store(location, actor="kollega")
    try:
        for round_ in range(20):
            base = get_plans(store, code, log=False).sip_version
            barrier = threading.Barrier(2)
            outcomes: list[str] = []

            def save(writer, words: str, base=base, barrier=barrier, outcomes=outcomes) -> None:
                barrier.wait()
                try:
                    save_sip(writer, code, _plan(own_goals=words), base=base, today=TODAY)
                    outcomes.append("saved")
                except Conflict:
                    outcomes.append("refused")

            threads = [
                threading.Thread(target=save, args=(writer, f"{writer.actor} {round_}"))
                for writer in (store, other)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert sorted(outcomes) == ["refused", "saved"]
            assert get_plans(store, code, log=False).sip_version == base + 1
    finally:
        other.close()
