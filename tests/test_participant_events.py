"""The participant's events on the participant screen, as a coordinator records them: h opens
the form, the event is listed and drawn on the chart, a wrong date is refused in the form,
and a shared screen hides the notes (and does not open the form at all)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from textual.widgets import DataTable, Static

from tavla.app import TavlaApp
from tavla.domain.vocabulary import CareLaw, EventKind
from tavla.screens.participant import ParticipantScreen
from tavla.screens.participant_events import EventDialog
from tavla.store import settings
from tavla.store.events import add_event, list_events
from tavla.store.participants import add_participant

from .conftest import notices, screen_text, settle

SIZE = (120, 36)


@pytest.fixture
def bo(sqlite_store, today):
    store = sqlite_store
    add_participant(store, "Bo Hemligsson", code="BH22", enrolled_on=date(2026, 5, 4), today=today)
    add_event(store, "BH22", "eviction", today - timedelta(days=14), note="Hyresskuld", today=today)
    return store


async def open_bo(app, pilot) -> ParticipantScreen:
    await settle(app, pilot)
    app.screen.action_open_participant("BH22")
    await settle(app, pilot)
    assert isinstance(app.screen, ParticipantScreen)
    return app.screen


def event_rows(screen) -> list[list[str]]:
    table = screen.query_one("#events", DataTable)
    return [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]


def chart(screen) -> str:
    return str(screen.query_one("#chart", Static).render())


async def test_an_inpatient_stay_is_recorded_from_the_participant_screen(bo, today):
    store = bo
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_bo(app, pilot)
        assert event_rows(screen) == [["2026-11-09", "–", "Vräkning", "–", "Hyresskuld"]]
        await pilot.press("h")
        await settle(app, pilot)
        assert isinstance(app.screen, EventDialog)
        began = today - timedelta(days=3)
        await pilot.press("tab", *["backspace"] * 10, *began.isoformat())
        await pilot.press("tab", *today.isoformat())
        await pilot.press("tab", "enter", "down", "enter")  # none, LPT
        await pilot.press("tab", *"Via akuten")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is screen
        assert "Händelsen är registrerad." in notices(app)
        assert event_rows(screen)[0] == [
            began.isoformat(),
            today.isoformat(),
            "Slutenvård",
            "LPT",
            "Via akuten",
        ]
        assert "S Slutenvård" in chart(screen)
    newest = list_events(store, "BH22")[0]
    assert (newest.kind, newest.happened_on, newest.until, newest.law, newest.note) == (
        EventKind.INPATIENT,
        began,
        today,
        CareLaw.LPT,
        "Via akuten",
    )


async def test_an_end_before_the_start_is_refused_in_the_form_and_nothing_is_saved(bo, today):
    store = bo
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_bo(app, pilot)
        await pilot.press("h")
        await settle(app, pilot)
        yesterday = today - timedelta(days=1)
        await pilot.press("tab", "tab", *yesterday.isoformat(), "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, EventDialog)
        assert "Vårdtiden kan inte sluta innan den började." in screen_text(app)
    assert [e.kind for e in list_events(store, "BH22")] == ["eviction"]


async def test_presenting_hides_notes_and_refuses_the_form(bo, today):
    store = bo
    settings.set_value(store, settings.PRESENTATION, "1")
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_bo(app, pilot)
        assert event_rows(screen) == [["2026-11-09", "–", "Vräkning", "–", "(dolt)"]]
        await pilot.press("h")
        await settle(app, pilot)
        assert app.screen is screen
        assert "Hyresskuld" not in screen_text(app)
