"""The demo board's SIPs and crisis plans (fictional), saved through the store's own checks.

Most participants have a SIP of two versions (a sub-goal reached, the follow-up
moved, so the diff has something to show); one follow-up is overdue, two people
have no SIP yet, one crisis plan is stale and two are missing, so every flag shows.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from tavla.store import Store
from tavla.store.crisis_plans import CrisisPlan, save_crisis_plan
from tavla.store.plans_record import get_plans
from tavla.store.sips import Goal, PlanIntervention, SipPlan, SubGoal, save_sip

NO_SIP = (2, 8)
OVERDUE = 4
NO_CRISIS_PLAN = (7, 8)
STALE_CRISIS_PLAN = 6


def write_plans(
    store: Store, data: dict, rng: random.Random, days: list[date], today: date, codes: list[str]
) -> None:
    phrases = data["plans"]
    for index, code in enumerate(codes):
        record = get_plans(store, code, log=False)
        staff = [record.region_coordinator_id, record.municipality_coordinator_id]
        if record.main_responsibility == "municipality":  # who holds the plan comes first
            staff.reverse()
        staff = [contact_id for contact_id in staff if contact_id is not None]
        if index not in NO_SIP:
            _sip(store, code, record, phrases, rng, days, today, staff, overdue=index == OVERDUE)
        if index not in NO_CRISIS_PLAN:
            reviewed = days[2] if index == STALE_CRISIS_PLAN else days[-rng.randint(2, 8)]
            if index == STALE_CRISIS_PLAN:
                reviewed -= timedelta(days=40)  # over six months ago
            emergency = [c.id for c in record.contacts.values() if c.role == "Dygnet runt"]
            plan = CrisisPlan(
                rng.choice(phrases["early_signs"]),
                rng.choice(phrases["person_does"]),
                rng.choice(phrases["staff_do"]),
                (*staff[:1], *emergency),
                reviewed,
            )
            save_crisis_plan(store, code, plan, base=None, today=today)


def _sip(store, code, record, phrases, rng, days, today, staff, *, overdue: bool) -> None:
    chosen = rng.sample(phrases["goals"], k=2)
    meeting = days[3]
    goals = tuple(
        Goal(
            text,
            tuple(
                SubGoal(
                    step,
                    meeting + timedelta(days=60 * (n + 1)),
                    "in_progress" if n == 0 else "not_started",
                )
                for n, step in enumerate(steps)
            ),
        )
        for text, steps in chosen
    )
    linked = tuple(
        PlanIntervention(item.id) for item in record.interventions if item.started_on <= meeting
    )
    first = SipPlan(
        meeting_on=meeting,
        attendee_ids=tuple(staff),
        person_took_part=True,
        own_description=rng.choice(phrases["own_descriptions"]),
        own_goals=rng.choice(phrases["own_goals"]),
        goals=goals,
        interventions=linked,
        main_responsibility=record.main_responsibility,
        responsible_id=staff[0] if staff else None,
        follow_up_on=meeting + timedelta(days=90),
        ends_on=meeting + timedelta(days=365),
        consent_on=meeting,
        copy_offered_on=meeting,
    )
    save_sip(store, code, first, base=None, today=meeting)
    if overdue:  # never followed up: the date has passed
        return
    follow_up = days[16]
    reached = Goal(
        goals[0].text,
        (
            SubGoal(goals[0].sub_goals[0].text, goals[0].sub_goals[0].target_on, "reached"),
            *goals[0].sub_goals[1:],
        ),
    )
    current = tuple(
        PlanIntervention(item.id) for item in get_plans(store, code, log=False).interventions
    )
    second = replace(
        first,
        goals=(reached, *goals[1:]),
        interventions=current,
        meeting_on=follow_up,
        follow_up_on=today + timedelta(days=rng.randint(7, 80)),
    )
    save_sip(store, code, second, base=1, today=follow_up)
