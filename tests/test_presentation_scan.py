"""Presentation mode cannot leak: every screen and dialog of tavla, found by itself, is opened
on a shared screen and searched for what is personal.

The test does not list screens. It finds every `Screen` subclass in the `tavla` package,
then walks the app from the board by pressing each screen's keys (and Enter, Tab), in
presentation mode, on the demo board with sentinel text added to the first participant.
Every screen it opens is searched — what is drawn, and the text every widget holds even
where it is scrolled out of view — for participants' names and identity numbers,
relatives' names, phones and e-mail addresses, and the sentinels in notes, own words,
goals, crisis plans, decisions and actions. A form that would show personal data must
refuse to open instead. A screen class the walk never reaches fails the test too, so a
dialog added next year is covered (or named) without touching this file.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from datetime import date, timedelta

import pytest
from textual.screen import Screen
from textual.widgets import DataTable, Input, Select, SelectionList, Static, TextArea

import tavla
from tavla.app import TavlaApp
from tavla.domain.privacy import RELATIVE
from tavla.store import settings
from tavla.store.actions import ActionInput, add_action
from tavla.store.agenda import open_agenda
from tavla.store.agenda_items import move_item, write_item
from tavla.store.assessments import add_assessment
from tavla.store.board import load_board
from tavla.store.consents import ConsentInput, add_consent
from tavla.store.contacts import list_contacts
from tavla.store.crisis_plans import CrisisPlan, save_crisis_plan
from tavla.store.events import add_event
from tavla.store.meetings import next_weekly_date, record_meeting
from tavla.store.participants import list_participants
from tavla.store.plans_record import get_plans
from tavla.store.ratings import NewRating, add_rating
from tavla.store.resource_group import add_member
from tavla.store.sip_parts import OthersMeasure, SipNeed
from tavla.store.sips import Goal, SipPlan, SubGoal, save_sip

from .conftest import notices, screen_text, settle

SIZE = (200, 60)
PNR = re.compile(r"(?<!\d)(?:19|20)?\d{6}[-+]?\d{4}(?!\d)")
SECRET = "HEMLIGT"  # every sentinel in text that is hidden whole begins with it
# Keys that would end the walk or leave presentation mode, not open anything.
NEVER = {"q", "p", "ctrl+q", "ctrl+c", "escape"}
MAX_DEPTH = 4


def tavla_screens() -> set[type[Screen]]:
    """Every Screen subclass defined in the tavla package (imported here, not listed)."""
    for module in pkgutil.walk_packages(tavla.__path__, "tavla."):
        if module.name.startswith(("tavla.screens", "tavla.widgets")) or module.name == "tavla.app":
            importlib.import_module(module.name)
    found: set[type[Screen]] = set()
    pending = [Screen]
    while pending:
        for sub in pending.pop().__subclasses__():
            pending.append(sub)
            # A base such as FormDialog is opened through its subclasses.
            if sub.__module__.startswith("tavla.") and not sub.__subclasses__():
                found.add(sub)
    return found


def add_sentinels(store, today: date) -> dict[str, str]:
    """Personal text of every kind on the board's first participant; returns what may never
    be shown (sentinel → where it came from)."""
    code = load_board(store, today).rows[0].code
    relatives = [c for c in list_contacts(store) if c.kind == RELATIVE]
    kin = relatives[0]
    staff = next(c for c in list_contacts(store) if c.kind == "coordinator")
    name = next(p.name for p in list_participants(store) if p.code == code)
    for lane in ("health", "cognition", "social"):
        add_rating(
            store,
            code,
            NewRating(lane, 3, "unmet", f"{SECRET}-note-{lane}"),
            rated_on=today,
            today=today,
        )
    add_consent(
        store,
        code,
        ConsentInput(today, today + timedelta(days=300), f"{SECRET}-shares", f"{SECRET}-withheld"),
        today=today,
    )
    add_member(store, code, kin.id, note=f"{SECRET}-member", today=today)
    add_assessment(
        store, code, "housing", "unmet", note=f"{SECRET}-assessment", assessed_on=today, today=today
    )
    record_meeting(
        store, "relatives", today, code=code, attendees=(kin.id,), note=f"{SECRET}-meeting"
    )
    add_event(store, code, "crisis", today, note=f"{SECRET}-event", today=today)
    plans = get_plans(store, code, log=False)
    goal = Goal(f"{SECRET}-goal", (SubGoal(f"{SECRET}-subgoal", today + timedelta(days=30)),))
    sip = SipPlan(
        meeting_on=today,
        attendee_ids=(staff.id, kin.id),
        others_present=f"{SECRET}-others",
        own_description=f"{SECRET}-description",
        own_goals=f"{SECRET}-own-goals",
        goals=(goal,),
        main_responsibility="region",
        responsible_id=staff.id,
        follow_up_on=today + timedelta(days=60),
        needs=(SipNeed(f"{SECRET}-need", "health"),),
        others_measures=(OthersMeasure("relatives", f"{SECRET}-measure"),),
        follow_up_caller=f"{SECRET}-caller",
        own_view=f"{SECRET}-view",
        unclear=f"{SECRET}-unclear",
    )
    save_sip(store, code, sip, base=plans.sip_version, today=today)
    crisis = CrisisPlan(
        f"{SECRET}-signs", f"{SECRET}-person", f"{SECRET}-staff", (kin.id, staff.id), today
    )
    save_crisis_plan(store, code, crisis, base=plans.crisis_version, today=today)
    held_on = next_weekly_date(store, today)
    agenda = open_agenda(store, held_on, today=today, log=False)
    item = next(i for i in agenda.items if i.code == code)
    move_item(store, item.id, -agenda.items.index(item))  # first, where the meeting opens
    decision = f"{name} och {kin.name} ({kin.phone}) kommer; {kin.email}"
    write_item(store, item.id, notes=f"{SECRET}-meeting-notes", decisions=decision)
    add_action(
        store,
        ActionInput(
            f"Ring {kin.name} på {kin.phone} om {name}",
            staff.id,
            today + timedelta(days=7),
            code,
            agenda.meeting.id,
        ),
        today=today,
    )
    never = {SECRET: "hidden text"}
    for person in list_participants(store, include_discharged=True):
        never[person.name] = f"the name of {person.code}"
        if person.identity_number:
            never[person.identity_number] = f"the identity number of {person.code}"
    for relative in relatives:
        never[relative.name] = "a relative's name"
        for part in relative.name.split():
            never[part] = "part of a relative's name"
        if relative.phone:
            never[relative.phone] = "a relative's phone"
            never[re.sub(r"\D", "", relative.phone)] = "a relative's phone"
        if relative.email:
            never[relative.email] = "a relative's e-mail"
    return never


def held_text(screen: Screen) -> str:
    """All the text the screen's widgets hold, also what is scrolled out of view."""
    parts = []
    for widget in screen.walk_children(with_self=False):
        if isinstance(widget, DataTable):
            for row in range(widget.row_count):
                parts.extend(str(cell) for cell in widget.get_row_at(row))
        elif isinstance(widget, Static):
            parts.append(str(widget.render()))
        elif isinstance(widget, Input):
            parts.append(widget.value)
        elif isinstance(widget, TextArea):
            parts.append(widget.text)
        elif isinstance(widget, (Select, SelectionList)):
            for option in getattr(widget, "_options", []):
                parts.append(str(option[0] if isinstance(option, tuple) else option.prompt))
        parts.append(str(getattr(widget, "border_title", "") or ""))
    return "\n".join(parts)


class Walk:
    def __init__(self, app: TavlaApp, pilot, never: dict[str, str]) -> None:
        self.app, self.pilot, self.never = app, pilot, never
        self.opened: set[type[Screen]] = set()
        self.refused: set[type[Screen]] = set()
        self.leaks: list[str] = []
        self.visited: set[tuple[type[Screen], str]] = set()
        self.decisions_seen = False

    def check(self, where: str) -> None:
        screen = self.app.screen
        text = "\n".join([screen_text(self.app), held_text(screen), *notices(self.app)])
        for secret, what in self.never.items():
            if secret and secret in text:
                self.leaks.append(f"{what} ({secret!r}) on {type(screen).__name__} via {where}")
        self.decisions_seen |= "kommer;" in text  # the redacted decision: names gone
        for match in PNR.findall(text):
            self.leaks.append(f"an identity number {match!r} on {type(screen).__name__}")

    def keys_of(self, screen: Screen) -> list[str]:
        keys = []
        for binding in [*screen.BINDINGS, *self.app.BINDINGS]:
            key = binding[0] if isinstance(binding, tuple) else binding.key
            for one in key.split(","):
                if one.strip() not in NEVER:
                    keys.append(one.strip())
        return [*keys, "enter", "tab enter", "tab tab enter", "right right enter"]

    async def press(self, keys: str) -> None:
        for key in keys.split():
            await self.pilot.press(key)
            await settle(self.app, self.pilot)

    async def back_to(self, depth: int) -> None:
        while len(self.app.screen_stack) > depth:
            self.app.pop_screen()
            await settle(self.app, self.pilot)

    async def visit(self, path: str) -> None:
        screen = self.app.screen
        self.opened.add(type(screen))
        self.check(path)
        depth = len(self.app.screen_stack)
        if depth > MAX_DEPTH:
            return
        for keys in self.keys_of(screen):
            if (type(screen), keys) in self.visited:
                continue
            self.visited.add((type(screen), keys))
            await self.press(keys)
            self.check(f"{path} {keys}")
            if len(self.app.screen_stack) > depth:
                await self.visit(f"{path} {keys}")
            await self.back_to(depth)


@pytest.fixture
def sentinel_board(demo_store, today):
    never = add_sentinels(demo_store, today)
    settings.set_value(demo_store, settings.PRESENTATION, "1")
    return demo_store, never


async def test_no_screen_or_dialog_shows_what_is_personal_while_presenting(
    sentinel_board, today, monkeypatch, tmp_path
):
    store, never = sentinel_board
    app = TavlaApp(store, today=today, watch=False)
    app.export_folder = tmp_path  # the walk saves an export too
    refused: set[type[Screen]] = set()
    push = TavlaApp.push_screen

    def recording_push(self, screen, *args, **kwargs):
        result = push(self, screen, *args, **kwargs)
        if result is None and isinstance(screen, Screen):
            refused.add(type(screen))
        return result

    monkeypatch.setattr(TavlaApp, "push_screen", recording_push)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.presentation
        walk = Walk(app, pilot, never)
        await walk.visit("board")
        assert walk.decisions_seen, "the meeting item with names in its decisions was not shown"

    assert not walk.leaks, "\n".join(sorted(set(walk.leaks))[:40])
    for screen_class in refused:
        assert getattr(screen_class, "personal", False), f"{screen_class.__name__} was refused"
    unreached = {cls.__name__ for cls in tavla_screens() - walk.opened - refused}
    assert not unreached, f"never opened or refused while presenting: {sorted(unreached)}"
    assert refused, "no personal form was tried"
