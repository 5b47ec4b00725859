"""The demo board's weekly meetings (fictional): the recurring meeting with its holidays, the
last six meetings held with items discussed, decisions, notes and actions (some done, one
overdue), two ratings since the last meeting that rose, and the participants' own meetings
(resource group about every three months, two of them overdue; a trepart, a talk with
relatives, a home visit) and a managers' meeting."""

from __future__ import annotations

import random
from datetime import date, time, timedelta

from tavla.store import Store
from tavla.store.actions import ActionInput, add_action, close_action
from tavla.store.agenda import open_agenda
from tavla.store.agenda_items import close_meeting, set_discussed, write_item
from tavla.store.meetings import SeriesInput, record_meeting, set_up_series
from tavla.store.ratings import NewRating, add_rating

MEETINGS_HELD = 6
DISCUSSED_PER_MEETING = 11  # 45 minutes: the last one or two wait a week
ROSE = (1, 9)  # participants whose health rose since the last meeting
RESOURCE_GROUP_DUE = (2, 6)  # one met over three months ago, one never: the flag shows


def write_meetings(
    store: Store,
    data: dict,
    rng: random.Random,
    days: list[date],
    today: date,
    codes: list[str],
    coordinators: list[int],
) -> None:
    phrases = data["meetings"]
    set_up_series(
        store,
        SeriesInput(
            kind="weekly",
            weekday=days[-1].weekday(),
            at=time(9, 0),
            minutes=45,
            starts_on=days[0],
            skip=_holidays(today),
            attendees=tuple(coordinators),
        ),
    )
    _own_meetings(store, days, codes, coordinators)
    held = days[-MEETINGS_HELD:]
    for number, day in enumerate(held):
        agenda = open_agenda(store, day, today=day, log=False)
        people = [item for item in agenda.items if item.kind == "participant"]
        for item in people[:DISCUSSED_PER_MEETING]:
            if rng.random() < 0.5:
                notes = rng.choice(phrases["notes"]) if rng.random() < 0.4 else ""
                write_item(store, item.id, notes=notes, decisions=rng.choice(phrases["decisions"]))
            set_discussed(store, item.id)
        _actions(
            store,
            phrases,
            rng,
            agenda.meeting.id,
            people,
            day,
            today,
            coordinators,
            keep_open=number == len(held) - 3,
        )
        close_meeting(store, agenda.meeting.id)
    for index in ROSE:
        _rise(store, codes[index], today)
    staff = tuple(coordinators[:2])
    record_meeting(store, "managers", days[-3], attendees=staff, note="Uppföljning av piloten.")


def _own_meetings(store: Store, days: list[date], codes: list[str], staff: list[int]) -> None:
    """Resource-group meetings in the last three months (a long while ago for one, never for
    another), and one trepart, one talk with relatives and one home visit."""
    from tavla.store.contacts import list_contacts
    from tavla.store.record import get_record

    contacts = list_contacts(store)
    primary_care = next(c.id for c in contacts if c.organisation == "Primärvården")
    chosen = [m.contact for m in get_record(store, codes[0], log=False).resource_group]
    relative = next(c.id for c in [*chosen, *contacts] if c.kind == "relative")
    for index, code in enumerate(codes):
        if index == RESOURCE_GROUP_DUE[1]:
            continue
        weeks_ago = 18 if index == RESOURCE_GROUP_DUE[0] else 2 + (index * 5) % 11
        note = "Personen ledde själv en del av mötet." if index == 0 else ""
        attendees = (staff[index % len(staff)], staff[(index + 4) % len(staff)])
        record_meeting(
            store, "resource_group", days[-1 - weeks_ago], code=code, attendees=attendees, note=note
        )
    record_meeting(
        store,
        "trepart",
        days[-4],
        code=codes[1],
        attendees=(staff[0], primary_care),
        note="Vårdcentralen tar över receptförnyelsen.",
        starts_at="13:00",
    )
    record_meeting(
        store,
        "relatives",
        days[-2],
        code=codes[0],
        attendees=(staff[1], relative),
        note="Vill vara med på nästa resursgruppsmöte.",
        minutes=45,
    )
    record_meeting(store, "home_visit", days[-1], code=codes[3], attendees=(staff[4],))


def _actions(
    store, phrases, rng, meeting_id, people, day, today, coordinators, *, keep_open
) -> None:
    """Two actions a meeting; those due by now are done (or one dropped), except one kept
    open past its date so the overdue flag shows."""
    for n, item in enumerate(rng.sample(people[:DISCUSSED_PER_MEETING], k=2)):
        due = day + timedelta(days=7 + 7 * n)
        action = ActionInput(
            rng.choice(phrases["actions"]), rng.choice(coordinators), due, item.code, meeting_id
        )
        action_id = add_action(store, action, today=day)
        if due < today and not (keep_open and n == 1):
            status = "dropped" if rng.random() < 0.15 else "done"
            close_action(store, action_id, status, today=due)


def _rise(store: Store, code: str, today: date) -> None:
    from tavla.store.board import load_board

    lane = store.template.lanes[0].key
    current = load_board(store, today).row(code).lanes.get(lane)
    level = current.level if current is not None else None
    if level is not None and level < 4:
        add_rating(
            store,
            code,
            NewRating(lane=lane, level=level + 1, need="unmet"),
            rated_on=today - timedelta(days=3),
            today=today,
        )


def _holidays(today: date) -> tuple[date, ...]:
    """The Christmas weeks ahead: no meeting between 23 December and 6 January."""
    start = date(today.year, 12, 23)
    return tuple(start + timedelta(days=n) for n in range(15))
