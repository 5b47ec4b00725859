"""The participant's own meetings on the participant screen, as a coordinator records them: t
opens the form, the meeting is listed with the others, and a shared screen hides the notes
and relatives' names (and does not open the form at all)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from textual.widgets import DataTable

from tavla.app import TavlaApp
from tavla.screens.participant import ParticipantScreen
from tavla.screens.participant_meetings import ParticipantMeetingDialog
from tavla.store import settings
from tavla.store.board import load_board
from tavla.store.contacts import add_contact
from tavla.store.meetings import list_meetings, record_meeting
from tavla.store.participants import add_participant

from .conftest import notices, screen_text, settle

SIZE = (120, 36)


@pytest.fixture
def bo(sqlite_store, today):
    store = sqlite_store
    add_participant(store, "Bo Hemligsson", code="BH22", enrolled_on=date(2026, 5, 4), today=today)
    ids = {
        "maria": add_contact(store, "Maria Lind", principal="region", kind="coordinator"),
        "eva": add_contact(store, "Eva Syster", principal="other", kind="relative"),
    }
    record_meeting(
        store,
        "relatives",
        today - timedelta(days=14),
        code="BH22",
        attendees=(ids["eva"],),
        note="Eva orolig",
    )
    return store, ids


async def open_bo(app, pilot) -> ParticipantScreen:
    await settle(app, pilot)
    app.screen.action_open_participant("BH22")
    await settle(app, pilot)
    assert isinstance(app.screen, ParticipantScreen)
    return app.screen


def meeting_rows(screen) -> list[list[str]]:
    table = screen.query_one("#meetings", DataTable)
    return [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]


async def test_a_trepart_is_recorded_from_the_participant_screen(bo, today):
    store, _ids = bo
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_bo(app, pilot)
        assert meeting_rows(screen) == [
            ["2026-11-09", "–", "Närståendesamtal", "Eva Syster", "Eva orolig"]
        ]
        await pilot.press("t")
        await settle(app, pilot)
        assert isinstance(app.screen, ParticipantMeetingDialog)
        await pilot.press("enter", "down", "down", "enter")  # resource group, SIP, trepart
        await pilot.press(
            "tab", "tab", *"13.30", "tab", "backspace", "backspace", *"90", "tab", "space"
        )
        await pilot.press("tab", *"Recepten till vårdcentralen")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is screen
        assert "Mötet är registrerat." in notices(app)
        assert meeting_rows(screen)[0] == [
            today.isoformat(),
            "13:30",
            "Trepartsmöte",
            "Maria Lind",
            "Recepten till vårdcentralen",
        ]
    [trepart] = list_meetings(store, kind="trepart")
    assert (trepart.code, trepart.held_on, trepart.starts_at, trepart.minutes) == (
        "BH22",
        today,
        "13:30",
        90,
    )
    assert trepart.attendees == ("Maria Lind",)


async def test_a_resource_group_meeting_takes_the_flag_off_the_board(bo, today):
    store, _ids = bo
    assert "resource_group" in _flags(store, today)
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_bo(app, pilot)
        await pilot.press("t")
        await settle(app, pilot)
        await pilot.press("ctrl+s")  # the first kind, today, nobody ticked
        await settle(app, pilot)
        assert isinstance(app.screen, ParticipantScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        assert "BH22" in screen_text(app)
    assert "resource_group" not in _flags(store, today)


def _flags(store, today) -> list[str]:
    from tavla.domain.flags import participant_flags

    return [f.key for f in participant_flags(load_board(store, today).row("BH22"), today)]


async def test_a_wrong_time_is_refused_in_the_form_and_nothing_is_saved(bo, today):
    store, _ids = bo
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_bo(app, pilot)
        await pilot.press("t")
        await settle(app, pilot)
        await pilot.press("tab", "tab", *"25:00", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ParticipantMeetingDialog)
        assert "'25:00'" in screen_text(app)
    assert [m.kind for m in list_meetings(store, code="BH22")] == ["relatives"]


async def test_presenting_hides_notes_and_relatives_and_refuses_the_form(bo, today):
    store, _ids = bo
    settings.set_value(store, settings.PRESENTATION, "1")
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_bo(app, pilot)
        assert meeting_rows(screen) == [
            ["2026-11-09", "–", "Närståendesamtal", "närstående", "(dolt)"]
        ]
        await pilot.press("t")
        await settle(app, pilot)
        assert app.screen is screen
        text = screen_text(app)
        assert "Eva" not in text and "orolig" not in text
