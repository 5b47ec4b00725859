"""The demo board: twelve fictional participants with 26 weeks of weekly ratings.

Made through the store's own functions, deterministic for a given `today`, so
screenshots and snapshot tests are stable. Only a database marked as a demo (or
one with nobody enrolled) is ever filled or refreshed.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, time, timedelta
from importlib import resources

from tavla.errors import UserError
from tavla.i18n import _
from tavla.identity import luhn_check_digit
from tavla.store import Store, settings
from tavla.store.lane_state import monday

WEEKS = 26
MEETING_WEEKDAY = 1  # Tuesday
SEED = 2026


def _load() -> dict:
    return json.loads(resources.files("tavla.data").joinpath("demo.json").read_text("utf-8"))


def _identity_number(born: str, serial: int) -> str:
    digits = f"{born[2:]}{serial:03d}"
    return f"{born}-{serial:03d}{luhn_check_digit(digits)}"


def _meeting_days(today: date) -> list[date]:
    this_week = monday(today) + timedelta(days=MEETING_WEEKDAY)
    latest = this_week if this_week <= today else this_week - timedelta(weeks=1)
    return [latest - timedelta(weeks=n) for n in range(WEEKS - 1, -1, -1)]


def _is_fillable(store: Store) -> bool:
    if settings.is_on(settings.read_all(store), settings.DEMO):
        return True
    with store.reader() as conn:
        cursor = conn.cursor()
        cursor.execute("SELECT count(*) FROM participant")
        return cursor.fetchone()[0] == 0


def create_demo(store: Store, today: date) -> None:
    """Fill (or refresh) `store` with the demo board as of `today`."""
    from sqlmodel import delete

    from tavla.store import models
    from tavla.store.ratings import refresh_lane_state

    if not _is_fillable(store):
        raise UserError(
            _(
                "{place} holds real participants; tavla demo only fills a demo or empty database."
            ).format(place=store.location.describe())
        )
    data = _load()
    rng = random.Random(SEED)
    days = _meeting_days(today)
    lanes = [lane.key for lane in store.template.lanes]

    with store.write() as session:
        for table in (
            models.AccessLog,
            models.LaneState,
            models.Rating,
            models.Participant,
            models.Contact,
        ):
            session.exec(delete(table))
        session.merge(models.Setting(key=settings.DEMO, value="1"))

        coordinators: dict[str, list[int]] = {}
        for principal, names in data["coordinators"].items():
            coordinators[principal] = []
            for name in names:
                contact = models.Contact(name=name, principal=principal, role="samordnare")
                session.add(contact)
                session.flush()
                coordinators[principal].append(contact.id)

        taken: set[str] = set()
        for index, person in enumerate(data["participants"]):
            code = _demo_code(rng, taken)
            participant = models.Participant(
                code=code,
                name=person["name"],
                identity_number=_identity_number(person["born"], 980 + index),
                enrolled_on=days[0] - timedelta(days=rng.randint(0, 60)),
                region_coordinator_id=coordinators["region"][index % 4],
                municipality_coordinator_id=coordinators["municipality"][(index * 3) % 4],
                main_responsibility="region" if index % 3 else "municipality",
                created_at=datetime.combine(days[0], time(), tzinfo=UTC),
            )
            session.add(participant)
            session.flush()
            for lane in lanes:
                for day, level, need, note in _trajectory(rng, lane, days, data["notes"][lane]):
                    session.add(
                        models.Rating(
                            participant_id=participant.id,
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
                refresh_lane_state(session, participant.id, lane)
        from tavla.store import audit

        audit.record(session, store.actor, "create", None, "demo board")


def _demo_code(rng: random.Random, taken: set[str]) -> str:
    from tavla.store.participants import CODE_DIGITS, CODE_LETTERS

    while True:
        code = "".join(rng.choice(CODE_LETTERS) for _ in range(2)) + "".join(
            rng.choice(CODE_DIGITS) for _ in range(2)
        )
        if code not in taken:
            taken.add(code)
            return code


def _trajectory(rng: random.Random, lane: str, days: list[date], notes: list[str]):
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
