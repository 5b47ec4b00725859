"""A board shared by several municipalities, opened for one: the coordinator sees that
municipality's people on the board, the agenda, the meeting, the actions and in the palette,
and the header says whose board it is."""

from __future__ import annotations

from datetime import date, time

import pytest
from textual.widgets import Input

from tavla.app import TavlaApp
from tavla.screens.actions import ActionsScreen
from tavla.screens.agenda import AgendaScreen
from tavla.screens.meeting import MeetingScreen
from tavla.screens.meeting_forms import SeriesDialog
from tavla.store.board import load_board
from tavla.store.meetings import SeriesInput, get_series, set_up_series

from .conftest import screen_text, settle

SIZE = (120, 40)
MUNICIPALITIES = ("Örebro", "Kumla")  # both have participants on the demo board


@pytest.fixture
def shared(demo_store, today):
    """The demo board with a weekly meeting for each of two municipalities."""
    for municipality in MUNICIPALITIES:
        set_up_series(
            demo_store,
            SeriesInput("weekly", 1, time(9, 0), 45, date(2026, 9, 1), municipality=municipality),
        )
    return demo_store


def codes_of(store, today, municipality: str | None) -> set[str]:
    return {row.code for row in load_board(store, today, municipality=municipality).rows}


async def press(app, pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(app, pilot)


@pytest.mark.parametrize("municipality", MUNICIPALITIES)
async def test_one_municipality_on_the_board_agenda_and_meeting(shared, today, municipality):
    ours = codes_of(shared, today, municipality)
    others = codes_of(shared, today, None) - ours
    assert ours and others  # the demo has people on both sides

    def shows_none_of_the_others() -> bool:
        text = screen_text(app)
        return not any(code in text for code in others)

    app = TavlaApp(shared, today=today, watch=False, municipality=municipality)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert {row.code for row in app.screen.snapshot.rows} == ours
        assert f"  ·  {municipality}  ·  " in screen_text(app).splitlines()[0]
        assert shows_none_of_the_others()

        await press(app, pilot, "m")
        assert isinstance(app.screen, AgendaScreen)
        agenda = app.screen.agenda
        assert agenda.meeting.municipality == municipality
        proposed = {item.code for item in agenda.items if item.kind == "participant"}
        assert proposed and proposed <= ours
        assert f"  ·  {municipality}  ·  " in screen_text(app).splitlines()[0]
        assert shows_none_of_the_others()

        await press(app, pilot, "enter")  # the meeting, from its first item: open actions
        assert isinstance(app.screen, MeetingScreen)
        assert shows_none_of_the_others()
        for _item in agenda.items:  # through every item, each shows only its people
            await press(app, pilot, "down")
            assert shows_none_of_the_others()

        await press(app, pilot, "escape", "a")
        assert isinstance(app.screen, ActionsScreen)
        assert {a.code for a in app.screen.actions} <= ours | {None}
        assert shows_none_of_the_others()


async def test_the_palette_finds_only_the_municipalitys_people(shared, today):
    others = sorted(codes_of(shared, today, None) - codes_of(shared, today, "Kumla"))
    app = TavlaApp(shared, today=today, watch=False, municipality="Kumla")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "ctrl+p")
        await press(app, pilot, *others[0])
        await pilot.pause(0.3)
        await settle(app, pilot)
        assert screen_text(app).count(others[0]) == 1  # as typed, and not found
        mine = sorted(codes_of(shared, today, "Kumla"))[0]
        await press(app, pilot, *("backspace",) * 4, *mine)
        await pilot.pause(0.3)
        await settle(app, pilot)
        assert screen_text(app).count(mine) >= 2  # typed, and found


async def test_setting_up_the_meeting_when_scoped_sets_up_the_municipalitys(demo_store, today):
    app = TavlaApp(demo_store, today=today, watch=False, municipality="Kumla")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "m")
        assert "för Kumla" in screen_text(app)  # no weekly meeting for Kumla yet
        await press(app, pilot, "s")
        assert isinstance(app.screen, SeriesDialog)
        app.screen.query_one("#time", Input).value = "13:00"
        await press(app, pilot, "ctrl+s")
        assert isinstance(app.screen, AgendaScreen)
    assert get_series(demo_store, municipality="kumla").at == time(13, 0)
    assert get_series(demo_store).at == time(9, 0)  # the board's own series is untouched


def test_board_scoped_to_a_municipality(snap_compare, demo_store, today):
    from .test_snapshots import SIZE as SNAPSHOT_SIZE
    from .test_snapshots import _settle

    app = TavlaApp(demo_store, today=today, watch=False, municipality="Örebro")
    assert snap_compare(app, terminal_size=SNAPSHOT_SIZE, run_before=_settle)
