"""The demo board's people (fictional): the contacts, the twelve participants with their
target-group checklists, and 26 weeks of weekly ratings of every lane, written in bulk.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from tavla.store import Store, settings

CRITERIA = ("adult", "needs_both", "diagnoses", "psychiatric_patient", "red_field")


def write_people_and_ratings(
    store: Store, data: dict, rng: random.Random, days: list[date]
) -> list[tuple[str, dict[str, list[int | None]]]]:
    """One transaction: wipe, contacts, participants and their ratings. Returns, per
    participant, the code and the levels by lane (for interventions that follow the need)."""
    from tavla.store import audit

    lanes = [lane.key for lane in store.template.lanes]
    people = []
    with store.write() as session:
        _wipe(session)
        _write_contacts(session, data)
        taken: set[str] = set()
        for index, person in enumerate(data["participants"]):
            participant = _write_participant(session, person, index, rng, days, taken)
            levels = {
                lane: _write_ratings(session, participant.id, lane, rng, days, data)
                for lane in lanes
            }
            people.append((participant.code, levels))
        audit.record(session, store.actor, "create", None, "demo board")
    return people


def _wipe(session) -> None:
    """Everything of an earlier demo goes, the access log too."""
    from sqlmodel import delete

    from tavla.store import models

    # Marked a demo first: the access log refuses deletion except on a demo board.
    session.merge(models.Setting(key=settings.DEMO, value="1"))
    session.flush()
    for table in (
        models.AccessLog,
        models.Action,
        models.AgendaItem,
        models.MeetingAttendee,
        models.Meeting,
        models.MeetingSeries,
        models.PlanVersion,
        models.LaneState,
        models.Rating,
        models.Criterion,
        models.Assessment,
        models.Consent,
        models.ResourceMember,
        models.Intervention,
        models.Outcome,
        models.Event,
        models.Participant,
        models.Contact,
    ):
        session.exec(delete(table))


def _write_contacts(session, data: dict) -> None:
    from tavla.store import models

    for principal, names in data["coordinators"].items():
        for number, name in enumerate(names):
            phone = f"019-000 6{'1' if principal == 'region' else '2'} 0{number}"
            session.add(
                models.Contact(
                    name=name,
                    principal=principal,
                    kind="coordinator",
                    role="Samordnare",
                    phone=phone,
                )
            )
    for contact in data["contacts"]:
        session.add(models.Contact(**contact))


def _write_participant(
    session, person: dict, index: int, rng: random.Random, days: list[date], taken: set[str]
):
    """The participant and their target-group checklist (the sixth enrolled by exception)."""
    from tavla.store import models

    enrolled = days[0] - timedelta(days=rng.randint(0, 60))
    participant = models.Participant(
        code=_demo_code(rng, taken),
        name=person["name"],
        identity_number=person["pnr"][:8] + "-" + person["pnr"][8:],
        municipality=person["municipality"],
        enrolled_on=enrolled,
        criteria_exception=(
            "Beroende misstänks; utredning påbörjad på beroendemottagningen." if index == 5 else ""
        ),
        samsa_marked_on=None if index == 9 else enrolled + timedelta(days=7),
        samsa_marked_by="" if index == 9 else "demo",
        created_at=datetime.combine(enrolled, time(), tzinfo=UTC),
    )
    session.add(participant)
    session.flush()
    for key in CRITERIA:
        met = not (index == 5 and key == "diagnoses")
        note = "" if met else "En psykiatrisk diagnos; grund att utreda beroende."
        session.add(models.Criterion(participant_id=participant.id, key=key, met=met, note=note))
    return participant


def _write_ratings(
    session, participant_id: int, lane: str, rng: random.Random, days: list[date], data: dict
) -> list[int | None]:
    """A lane's weekly ratings; returns its levels, oldest first."""
    from tavla.store import models
    from tavla.store.plain import within
    from tavla.store.ratings import refresh_lane_state

    levels: list[int | None] = []
    for day, level, need, note in _trajectory(rng, days, data["notes"][lane]):
        levels.append(level)
        session.add(
            models.Rating(
                participant_id=participant_id,
                lane=lane,
                level=level,
                need=need,
                note=note,
                rated_on=day,
                author="demo",
                created_at=datetime.combine(day, time(), tzinfo=UTC),
            )
        )
    session.flush()
    refresh_lane_state(within(session), participant_id, lane)
    return levels


def _demo_code(rng: random.Random, taken: set[str]) -> str:
    from tavla.store.checks import CODE_DIGITS, CODE_LETTERS

    while True:
        code = "".join(rng.choice(CODE_LETTERS) for _ in range(2)) + "".join(
            rng.choice(CODE_DIGITS) for _ in range(2)
        )
        if code not in taken:
            taken.add(code)
            return code


def _trajectory(rng: random.Random, days: list[date], notes: list[str]):
    """A plausible weekly path: from a start level towards an end level, with some noise.

    Most people improve as interventions take hold; some stay; a few get worse.
    """
    start = rng.choice([1, 2, 3, 3, 4, 4])
    end = max(0, min(4, start + rng.choice([-3, -2, -2, -1, -1, 0, 0, 1])))
    weeks = len(days) - 1
    for week, day in enumerate(days):
        trend = start + (end - start) * week / weeks
        level = max(0, min(4, round(trend + rng.choice([-1, 0, 0, 0, 0, 0, 1]) * 0.6)))
        if rng.random() < 0.04:
            yield day, None, None, ""
            continue
        need = None if level <= 1 else ("unmet" if rng.random() < 0.25 * (level - 1) else "met")
        note = rng.choice(notes) if rng.random() < 0.3 else ""
        yield day, level, need, note
