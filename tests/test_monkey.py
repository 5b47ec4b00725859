"""The monkey: 2,000 random keys through every screen and dialog of the demo board, and each
crash it found on the way, pressed again.

A longer run over several seeds: `python bench/monkey.py --keys 20000 --seeds 5`.
"""

from __future__ import annotations

import asyncio

import pytest
from textual.worker import WorkerFailed

from tavla.app import TavlaApp

from .conftest import settle
from .monkey import make_app, walk_keys

SIZE = (120, 36)
SEED = 20261126  # 20261123 no longer reached the rating dialog once the participant screen had b
KEYS = 2000
# What the walk must reach, so that every screen is tried (dialogs vary with the dice).
SCREENS = {
    "BoardScreen",
    "ParticipantScreen",
    "SipScreen",
    "ContactsScreen",
    "AgendaScreen",
    "MeetingScreen",
    "ActionsScreen",
    "AccessLogScreen",
    "ExportDialog",
    "RatingDialog",
    "EnrolDialog",
    "CommandPalette",
    "AssessmentScreen",
}


async def test_an_error_inside_the_app_fails_the_walk(demo_store, today, tmp_path, monkeypatch):
    """The walk fails on what fails inside the app: run_test raises it when the app closes."""

    def broken(self) -> None:
        raise RuntimeError("a fault in a screen")

    monkeypatch.setattr(TavlaApp, "action_toggle_presentation", broken)  # p, on every screen
    monkeypatch.chdir(tmp_path)
    app = make_app(demo_store, today, tmp_path)
    with pytest.raises(RuntimeError, match="a fault in a screen"):
        async with app.run_test(size=SIZE) as pilot:
            walk = await walk_keys(app, pilot, SEED, KEYS)
    assert walk.history[-1] == "p" and walk.keys < KEYS  # stopped at the key that failed


async def test_two_thousand_random_keys_close_nothing(demo_store, today, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(demo_store, today, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        walk = await walk_keys(app, pilot, SEED, KEYS)
        # On a loaded machine workers land later and the same seed can take another path, past
        # a screen or two: walk on with other seeds until every screen is reached (or give up).
        for seed in range(SEED + 1, SEED + 4):
            if walk.screens >= SCREENS or not app.is_running:
                break
            more = await walk_keys(app, pilot, seed, KEYS // 2)
            walk.keys, walk.screens = walk.keys + more.keys, walk.screens | more.screens
            walk.history += more.history
        assert app.is_running, f"tavla closed after: {walk.last()}"
    assert walk.keys >= KEYS
    assert walk.screens >= SCREENS, SCREENS - walk.screens
    print(f"monkey, seed {SEED}: {walk.keys} keys, {len(walk.screens)} screens and dialogs")


# --- what the monkey found ----------------------------------------------------------------


async def test_up_in_the_versions_of_a_plan_with_none_saved(sqlite_store, today):
    """Found by the monkey: the versions of a crisis plan with none saved, Up, and
    tavla closed (AttributeError on the row key: Textual highlights row -1 of an empty table)."""
    from tavla.screens.plan_versions import VersionsScreen
    from tavla.store.participants import add_participant

    add_participant(sqlite_store, "Utan Planer", code="UP11", enrolled_on=today, today=today)
    app = TavlaApp(sqlite_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("l")  # the SIP
        await settle(app, pilot)
        await pilot.press("v")  # its versions: none
        await settle(app, pilot)
        assert isinstance(app.screen, VersionsScreen)
        await pilot.press("up", "k", "up", "down", "space")
        await settle(app, pilot)
        assert isinstance(app.screen, VersionsScreen)


async def test_a_key_that_reaches_a_form_before_it_is_built(demo_store, today):
    """Found by the monkey: 'n' and ctrl+s at once on the actions screen. The worker
    opened the new action's form just as ctrl+s bubbled up to the bindings, and the form's
    save ran before its fields were built (NoMatches '#owner')."""
    from tavla.screens.meeting_forms import ActionDialog

    from .conftest import screen_text

    app = TavlaApp(demo_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        dialog = ActionDialog("Ny åtgärd", [], today, lambda _action: 1)
        app.push_screen(dialog)
        assert not dialog.is_mounted
        assert await app.run_action("save", dialog) is False  # what ctrl+s runs, too early
        await settle(app, pilot)
        await pilot.press("ctrl+s")  # built now: a save, refused as nobody is chosen
        await settle(app, pilot)
        assert "Välj vem som ska göra det." in screen_text(app)


async def test_a_command_chosen_after_escape_closed_the_palette(demo_store, today):
    """Found by the monkey: Enter and Escape typed quickly in
    the command palette. The choice came after Escape had closed the palette, and Textual's
    palette, acting on it, dismissed itself again, which popped the board (ScreenStackError)."""
    from tavla.screens.board import BoardScreen

    app = TavlaApp(demo_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        palette = app.screen
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)
        palette.dismiss()  # what the palette does with a choice that comes late
        await settle(app, pilot)
        assert isinstance(app.screen, BoardScreen)


async def test_the_ansi_themes_from_the_command_palette(demo_store, today):
    """Found by the monkey: Textual's ANSI themes, chosen in the palette, name
    terminal colours ('ansi_default 50%') that the level styles could not parse."""
    app = TavlaApp(demo_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for theme in ("ansi-dark", "ansi-light"):
            await pilot.press("ctrl+p", *"tema")
            await pilot.pause(0.3)
            await pilot.press("enter")  # the theme picker
            await pilot.pause(0.3)
            await pilot.press(*theme)
            await pilot.pause(0.3)
            await pilot.press("enter")
            await settle(app, pilot)
            assert app.theme == theme
            await pilot.press("o")  # a participant's record draws with the same styles
            await settle(app, pilot)
            await pilot.press("escape")
            await settle(app, pilot)


async def test_a_worker_that_raises_stop_iteration_fails_rather_than_waits(demo_store, today):
    """Found by the monkey: a worker that raised StopIteration never ended,
    as asyncio cannot hand that exception to the task waiting for it; the walk hung."""
    app = TavlaApp(demo_store, today=today, watch=False)
    with pytest.raises(WorkerFailed):
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            worker = app.screen.run_worker(lambda: next(iter(())), thread=True)
            await asyncio.wait_for(asyncio.gather(worker.wait(), return_exceptions=True), 10)


async def test_the_theme_picker_is_tavla_s_palette(demo_store, today):
    """Found by the monkey: PageUp in the theme picker raised KeyError (Textual's option-list
    bug, see tests/test_select.py): the picker was Textual's own palette, not tavla's."""
    from tavla.screens.palette import CommandPalette

    app = TavlaApp(demo_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p", *"tema")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one("#--input Input").placeholder == "Sök ett tema…"
        await pilot.press("pageup", "pagedown", "escape")


async def test_a_search_typed_as_the_palette_closes(demo_store, today):
    """Found by the monkey: keys typed into the palette as Enter closed it started a search,
    which looked for the palette's list after the list had gone (NoMatches 'CommandList')."""
    from tavla.screens.board import BoardScreen

    app = TavlaApp(demo_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        palette = app.screen
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)
        assert palette._gather_commands("o") is None  # what a late keystroke starts
        await settle(app, pilot)
