"""A worker that finishes after its screen has closed does no harm.

On a busy machine a screen's worker can finish while the coordinator's Escape is closing the
screen: seen in the meeting (`NoMatches: No nodes match '#items' on MeetingScreen`, after an
action was added and Escape pressed), and found on the agenda, actions, participant and
access-log screens and in forms saved and closed at once (a form's save that ended after
Escape popped the board: `ScreenStackError`). Here every worker thread is held at its start,
the keys are pressed, and the workers are let go after a number of turns of the event loop,
so that they land while the screen is being taken down.
"""

from __future__ import annotations

import asyncio
import threading

import pytest
from textual import events

import tavla.threads
from tavla.app import TavlaApp

from .conftest import crashed
from .conftest import settle as settle_and_draw


async def settle(app, pilot) -> None:
    """Let what the keys started finish: no need here to wait for tables to be drawn."""
    await pilot.pause()
    await asyncio.gather(*(worker.wait() for worker in list(app.workers)), return_exceptions=True)
    await pilot.pause()


SIZE = (120, 36)
# Where the workers' results met a screen half taken down, on this machine, before the fix:
# after 0 turns (rating), 1 (new action on the actions screen), 2 (new action in the
# meeting), 8 (agenda), 10 (access log), 14 (contact saved), 26 (participant).
TURNS = (0, 1, 2, 5, 8, 10, 14, 26)


@pytest.fixture
def held(monkeypatch):
    """While `hold` is set, every worker thread waits at its start until `go` is (10 s at most)."""
    hold, go = threading.Event(), threading.Event()
    run = tavla.threads._run

    def waiting(*args, **kwargs):
        if hold.is_set():
            go.wait(10)
        return run(*args, **kwargs)

    monkeypatch.setattr(tavla.threads, "_run", waiting)
    return hold, go


# keys to reach the screen; keys to open what is tried there; keys pressed while held
CASES = {
    "meeting, new action then Escape": (["m", "enter"], [], ["a", "escape"]),
    "agenda, opened and left": ([], [], ["m", "escape"]),
    "actions, opened and left": ([], [], ["a", "escape"]),
    "actions, new action then Escape": (["a"], [], ["n", "escape"]),
    "participant, opened and left": ([], [], ["o", "escape"]),
    "SIP, opened and left": ([], [], ["l", "escape"]),
    "contacts, saved then Escape": (["c"], ["ctrl+n", *"Ny"], ["ctrl+s", "escape"]),
    "access log, opened and left": ([], [], ["g", "escape"]),
    "rating, saved then Escape": (["right"], ["enter", "2"], ["ctrl+s", "escape"]),
}


async def go_to(app, pilot, keys: list[str]) -> None:
    for _attempt in range(5):  # to the board, past a dialog that came late, say
        if type(app.screen).__name__ == "BoardScreen" or crashed(app):
            break
        await pilot.press("escape")
        await settle(app, pilot)
    for key in keys:
        await pilot.press(key)
        await settle(app, pilot)


@pytest.mark.parametrize("case", CASES)
async def test_a_screen_closed_while_its_workers_finish(demo_store, today, held, case):
    hold, go = held
    reach, open_keys, during = CASES[case]
    app = TavlaApp(demo_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle_and_draw(app, pilot)
        await go_to(app, pilot, reach)
        home = type(app.screen)
        for turns in TURNS:
            if type(app.screen) is not home:
                await go_to(app, pilot, reach)
            if open_keys:
                await pilot.press(*open_keys)
                await settle(app, pilot)
            hold.set()
            for key in during:
                app.post_message(events.Key(key, key if len(key) == 1 else None))
            for _turn in range(turns):
                await asyncio.sleep(0)
            go.set()
            await settle(app, pilot)
            hold.clear()
            go.clear()
            if crashed(app):
                break  # run_test raises it


async def test_a_worker_started_for_a_screen_already_closed_knows_the_app(demo_store, today):
    """As when a save ends after Escape and asks the closed screen to load again: in the
    worker, `self.app` walked up from the screen, which has no parent any more, and raised
    NoActiveAppError (found by the monkey on the agenda and actions screens)."""
    from tavla.screens.actions import ActionsScreen

    app = TavlaApp(demo_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle_and_draw(app, pilot)
        await pilot.press("a")
        await settle_and_draw(app, pilot)
        screen = app.screen
        assert isinstance(screen, ActionsScreen)
        await pilot.press("escape")
        await settle_and_draw(app, pilot)
        assert not screen.is_attached
        seen = screen.run_worker(lambda: screen.app, thread=True)
        await seen.wait()
        assert seen.result is app


async def test_escape_in_the_meeting_just_after_an_action_was_added(demo_store, today, monkeypatch):
    """The coordinator's report: an action added to an item, Escape back to the agenda, and
    tavla closed (`NoMatches … '#items' on MeetingScreen`, from `_show_detail`): the item's
    actions, loaded again after the save, came after the screen had gone."""
    import tavla.store.actions
    from tavla.screens.agenda import AgendaScreen
    from tavla.screens.meeting import MeetingScreen

    slow, go = threading.Event(), threading.Event()
    list_actions = tavla.store.actions.list_actions

    def listed_slowly(*args, **kwargs):
        if slow.is_set():
            go.wait(10)
        return list_actions(*args, **kwargs)

    monkeypatch.setattr(tavla.store.actions, "list_actions", listed_slowly)
    app = TavlaApp(demo_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle_and_draw(app, pilot)
        for turns in (0, *range(8, 16)):  # before the fix: closed at 11 or 12 turns
            for key in ("m", "enter") if turns == 0 else ("enter",):
                await pilot.press(key)  # to the agenda (once), and the meeting
                await settle(app, pilot)
            assert isinstance(app.screen, MeetingScreen)
            await pilot.press("a")
            await settle(app, pilot)
            await pilot.press(*"Ring", "tab", "enter", "down", "enter")  # what, and who
            slow.set()
            await pilot.press("ctrl+s")  # saved; the item's actions are loaded again
            app.post_message(events.Key("escape", None))
            for _turn in range(turns):
                await asyncio.sleep(0)
            go.set()
            await settle(app, pilot)
            slow.clear()
            go.clear()
            if crashed(app):
                break  # run_test raises it
            assert isinstance(app.screen, AgendaScreen)
