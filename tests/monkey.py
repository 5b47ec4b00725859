"""The monkey: a seeded random walk of key presses through every screen and dialog of the demo
board, in Textual's pilot. Shared by tests/test_monkey.py and the longer run in bench/monkey.py.

Most keys are ones the current screen binds (read from its active bindings), the rest are
navigation, typing and the odd Escape. Every so often it goes back to the board and presses
the next screen's key, so that every screen is reached however the dice fall.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import tavla.app
from tavla.app import TavlaApp

from .conftest import crashed, key_event

# The board's keys to the other screens and dialogs: Enter rates (or opens, on the name).
BOARD_KEYS = ("enter", "o", "l", "n", "c", "m", "a", "g", "e", "ctrl+p", "right", "enter")
NAVIGATION = (
    "up",
    "down",
    "left",
    "right",
    "enter",
    "space",
    "pageup",
    "pagedown",
    "home",
    "end",
    "tab",
    "shift+tab",
    "shift+up",
    "shift+down",
    "delete",
    "backspace",
)
TYPING = tuple("abcdefghijklmnoprstuvxyzåäöÅA0123456789 -.,:/[]*=")
QUITTING = {"q", "ctrl+q", "ctrl+c"}  # closing the app is not a crash; these stay out
STEER_EVERY = 120  # keys between trips back to the board


class MonkeyApp(TavlaApp):
    """tavla with quitting turned off: the walk may type "Avsluta" into the command palette."""

    async def action_quit(self) -> None:
        pass


class KeyClock:
    """The clock tavla.app reads for "p twice within three seconds" during a walk: it moves a
    fixed step a key, so the walk takes the same path on a busy machine as on a quiet one.
    (With the wall clock, two p's some keys apart were "twice" on a quiet machine and not on
    a loaded one: presentation mode stayed on, the enrolment form was refused, and the walk
    missed it.)"""

    STEP = 0.05  # seconds a key: about the pace of the walk on a quiet machine

    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now

    def __getattr__(self, name: str):
        return getattr(time, name)


@dataclass
class Walk:
    seed: int
    keys: int = 0
    screens: set[str] = field(default_factory=set)
    history: list[str] = field(default_factory=list)
    clock: KeyClock = field(default_factory=KeyClock)

    def last(self, n: int = 40) -> str:
        return " ".join(self.history[-n:])


def make_app(store, today: date, folder: Path) -> MonkeyApp:
    """The app for a walk; exports, and crash reports, go to `folder`. Run the walk with
    `folder` as the working directory too: a path typed at random (a SIP copy to '8z') is
    relative to it."""
    app = MonkeyApp(store, today=today, watch=False)
    app.export_folder = folder
    app.crash_folder = folder
    return app


def _screen_keys(app) -> list[str]:
    keys = []
    for key, active in app.screen.active_bindings.items():
        if active.enabled and key not in QUITTING and key != "escape":
            keys.append(key)
    return keys


def _next_key(app, chance: random.Random, walk: Walk) -> str:
    roll = chance.random()
    if roll < 0.40:
        bound = _screen_keys(app)
        if bound:
            return chance.choice(bound)
    if roll < 0.70:
        return chance.choice(NAVIGATION)
    if roll < 0.92:
        return chance.choice(TYPING)
    if roll < 0.96:
        return "ctrl+s"
    return "escape"


async def _home(app, pilot, walk: Walk) -> None:
    """Back to the board with Escape (a few presses; a form may take two)."""
    for _attempt in range(8):
        if type(app.screen).__name__ == "BoardScreen" or crashed(app):
            return
        await _press(app, pilot, walk, "escape")


async def _press(app, pilot, walk: Walk, key: str) -> None:
    """Press `key` as a terminal would send it, then let the screen take it in.

    Not `pilot.press`, which waits for the process to look idle (at least 40 ms a key):
    this waits only until the screen has handled what was queued, so workers started by one
    key often land after the next ones, as they do for a quick typist.
    """
    walk.history.append(key)
    walk.keys += 1
    walk.clock.now += KeyClock.STEP
    app.post_message(key_event(key))
    await pilot.pause(0)
    walk.screens.add(type(app.screen).__name__)


async def _workers_done(app) -> None:
    # Not workers.wait_for_complete, which raises when a worker was cancelled (as exclusive
    # workers are, by the next); a worker that fails fails the app, and so the walk.
    await asyncio.gather(*(worker.wait() for worker in list(app.workers)), return_exceptions=True)


async def walk_keys(app, pilot, seed: int, keys: int) -> Walk:
    """Press `keys` keys chosen by `seed`; stop early if the app fails (run_test re-raises)."""
    walk = Walk(seed)
    real_time, tavla.app.time = tavla.app.time, walk.clock
    try:
        return await _walk(app, pilot, walk, keys)
    finally:
        tavla.app.time = real_time


async def _walk(app, pilot, walk: Walk, keys: int) -> Walk:
    chance = random.Random(walk.seed)
    walk.screens.add(type(app.screen).__name__)
    steer = 0
    while walk.keys < keys and not crashed(app) and app.is_running:
        if walk.keys // STEER_EVERY > steer:
            steer = walk.keys // STEER_EVERY
            await _home(app, pilot, walk)
            await _press(app, pilot, walk, BOARD_KEYS[steer % len(BOARD_KEYS)])
            continue
        await _press(app, pilot, walk, _next_key(app, chance, walk))
        pause = chance.random()
        if pause < 0.03:  # now and then let workers land while the screen is still there
            await _workers_done(app)
        elif pause < 0.06:
            await pilot.pause(0.02)
    return walk
