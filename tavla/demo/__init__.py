"""The demo board: twelve fictional participants with 26 weeks of weekly ratings, and
everything around them — checklist, consent, coordinators, resource group,
interventions, ORS/SRS, SIPs and crisis plans, weekly meetings and actions.

Deterministic for a given `today`, so screenshots and snapshot tests are stable.
Ratings are written in bulk; everything else goes through the store's own
functions, with their checks. Only a database marked as a demo (or one with
nobody enrolled) is ever filled or refreshed.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, time, timedelta

from tavla.demo.meetings import write_meetings
from tavla.demo.plans import write_plans
from tavla.domain.data_files import data_text
from tavla.errors import UserError
from tavla.i18n import _
from tavla.store import Store, settings
from tavla.store.lane_state import monday

WEEKS = 26
MEETING_WEEKDAY = 1  # Tuesday
SEED = 2026
CRITERIA = ("adult", "needs_both", "diagnoses", "psychiatric_patient")


def _load() -> dict:
    return json.loads(data_text("demo.json"))


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
    if not _is_fillable(store):
        raise UserError(
            _(
                "{place} holds real participants; tavla demo only fills a demo or empty database."
            ).format(place=store.location.describe())
        )
    data = _load()
    rng = random.Random(SEED)
    days = _meeting_days(today)
    people = _write_people_and_ratings(store, data, rng, days)
    _write_the_rest(store, data, rng, days, today, people)
    _mark_as_written(store)


# What the access log records without changing the board: reading, listing, exporting.
_NOT_CHANGES = ("read", "list", "export")


def _mark_as_written(store: Store) -> None:
    """Remember the access log's last entry of the demo as written: what comes after it and
    changes the board is the user's practice."""
    from sqlalchemy import func
    from sqlmodel import select

    from tavla.store import models

    with store.write() as session:
        last = session.exec(select(func.max(models.AccessLog.id))).one() or 0
        session.merge(models.Setting(key=settings.DEMO_WRITTEN, value=str(last)))


def changes_since_written(store: Store) -> int:
    """How many changes were made to the demo board since `tavla demo` wrote it (entries in the
    access log other than reading, listing and exporting); 0 for a board that is not a demo.
    A demo written by a tavla that kept no mark counts all its changes: better to ask."""
    from sqlalchemy import func
    from sqlmodel import select

    from tavla.store import models

    marks = settings.read_all(store)
    if not settings.is_on(marks, settings.DEMO):
        return 0
    written = int(marks.get(settings.DEMO_WRITTEN) or 0)
    log = models.AccessLog
    with store.read_session() as session:
        query = select(func.count()).where(log.id > written, log.action.not_in(_NOT_CHANGES))
        return session.exec(query).one()


def _write_people_and_ratings(
    store: Store, data: dict, rng: random.Random, days: list[date]
) -> list[tuple[str, dict[str, list[int | None]]]]:
    """One transaction: wipe, contacts, participants and their ratings. Returns, per
    participant, the code and the levels by lane (for interventions that follow the need)."""
    from sqlmodel import delete

    from tavla.store import audit, models
    from tavla.store.plain import within
    from tavla.store.ratings import refresh_lane_state

    lanes = [lane.key for lane in store.template.lanes]
    people = []
    with store.write() as session:
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
            models.Consent,
            models.ResourceMember,
            models.Intervention,
            models.Outcome,
            models.Participant,
            models.Contact,
        ):
            session.exec(delete(table))
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

        taken: set[str] = set()
        for index, person in enumerate(data["participants"]):
            enrolled = days[0] - timedelta(days=rng.randint(0, 60))
            participant = models.Participant(
                code=_demo_code(rng, taken),
                name=person["name"],
                identity_number=person["pnr"][:8] + "-" + person["pnr"][8:],
                municipality=person["municipality"],
                enrolled_on=enrolled,
                criteria_exception=(
                    "Beroende misstänks; utredning påbörjad på beroendemottagningen."
                    if index == 5
                    else ""
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
                session.add(
                    models.Criterion(participant_id=participant.id, key=key, met=met, note=note)
                )
            levels: dict[str, list[int | None]] = {}
            for lane in lanes:
                levels[lane] = []
                for day, level, need, note in _trajectory(rng, days, data["notes"][lane]):
                    levels[lane].append(level)
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
                refresh_lane_state(within(session), participant.id, lane)
            people.append((participant.code, levels))
        audit.record(session, store.actor, "create", None, "demo board")
    return people


# Some consents reach beyond the two principals (index of the participant → parties).
_DEMO_PARTIES = {
    1: ("region", "municipality", "primary_care"),
    2: ("region", "municipality", "social_insurance"),
    4: ("region", "municipality", "probation", "primary_care"),
}


def _write_the_rest(
    store: Store,
    data: dict,
    rng: random.Random,
    days: list[date],
    today: date,
    people: list[tuple[str, dict[str, list[int | None]]]],
) -> None:
    from tavla.store.consents import ConsentInput, add_consent, revoke_consent
    from tavla.store.contacts import list_contacts
    from tavla.store.participants import Coordinators, assign_contacts
    from tavla.store.record import get_record
    from tavla.store.resource_group import add_member

    contacts = list_contacts(store)

    def ids(kind: str, principal: str | None = None) -> list[int]:
        return [
            c.id
            for c in contacts
            if c.kind == kind and (principal is None or c.principal == principal)
        ]

    region, municipality = ids("coordinator", "region"), ids("coordinator", "municipality")
    care, housing, relatives = ids("care_contact"), ids("housing_support"), ids("relative")

    for index, (code, levels) in enumerate(people):
        assign_contacts(
            store,
            code,
            Coordinators(
                region_coordinator_id=region[index % 4],
                municipality_coordinator_id=municipality[(index * 3) % 4],
                region_colleague_id=region[(index + 1) % 4],
                municipality_colleague_id=municipality[(index * 3 + 1) % 4],
                care_contact_id=care[index % len(care)] if index % 4 else None,
                main_responsibility="region" if index % 3 else "municipality",
            ),
        )
        enrolled = get_record(store, code, log=False).enrolled_on
        if index != 7:  # one without consent, so the flag shows
            expires = today + timedelta(days=9) if index == 3 else enrolled + timedelta(days=365)
            if index == 10:
                expires = today - timedelta(days=5)
            add_consent(
                store,
                code,
                ConsentInput(
                    enrolled,
                    max(expires, enrolled + timedelta(days=1)),
                    "Hälsa, beroende, boende, ekonomi och insatser "
                    "mellan psykiatri och socialtjänst",
                    "Uppgifter om barnen" if index % 5 == 0 else "",
                    _DEMO_PARTIES.get(index, ("region", "municipality")),
                    "oral" if index % 5 == 3 else "written",
                ),
                today=today,
            )
            if index == 11:
                revoke_consent(
                    store,
                    code,
                    on=today - timedelta(days=3),
                    note="Vill inte att ekonomin delas",
                    today=today,
                )
        for lane, series in levels.items():
            _interventions_for(store, code, lane, series, days, data, rng, housing)
        for member in rng.sample(relatives + housing, k=1 + index % 3):
            add_member(
                store, code, member, note="Valt av personen" if index % 2 else "", today=today
            )
        if index % 3 != 2:
            _outcomes(store, code, rng, days, today, index)
    codes = [code for code, _levels in people]
    write_plans(store, data, rng, days, today, codes)
    write_meetings(store, data, rng, days, today, codes, region + municipality)


def _interventions_for(store, code, lane, series, days, data, rng, housing) -> None:
    """An intervention from the first week the need was high (level 3 or more), if it was."""
    from tavla.store.interventions import InterventionInput, add_intervention

    high = [n for n, level in enumerate(series) if level is not None and level >= 3]
    if not high or rng.random() < 0.2:  # now and then a need nobody has answered yet
        return
    what, principal, unit = rng.choice(data["interventions"][lane])
    start = days[high[0]] - timedelta(days=rng.randint(0, 10))
    ended = series[-1] is not None and series[-1] <= 1 and rng.random() < 0.5
    add_intervention(
        store,
        code,
        InterventionInput(
            what,
            principal,
            (lane,),
            start,
            status="ended" if ended else "ongoing",
            unit=unit,
            responsible_id=rng.choice(housing) if principal == "municipality" else None,
            ended_on=days[-3] if ended else None,
        ),
    )


def _outcomes(store, code, rng, days, today, index) -> None:
    from tavla.store.outcomes import add_outcome

    total = rng.randint(14, 30)
    for week in range(2, WEEKS, 4):
        total = max(4, min(40, total + rng.choice([-6, -1, 2, 3, 4])))
        items = _split(total, rng)
        add_outcome(store, code, "ors", items, rated_on=days[week], staff="demo", today=today)
        alliance = [min(10, max(0, 9 - rng.randint(0, 2))) for _n in range(4)]
        add_outcome(store, code, "srs", alliance, rated_on=days[week], staff="demo", today=today)


def _split(total: int, rng: random.Random) -> list[int]:
    items = [total // 4] * 4
    for n in range(total % 4):
        items[n] += 1
    shift = rng.randint(0, min(items[0], 10 - items[1]))
    items[0] -= shift
    items[1] += shift
    return items


def _demo_code(rng: random.Random, taken: set[str]) -> str:
    from tavla.store.participants import CODE_DIGITS, CODE_LETTERS

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
