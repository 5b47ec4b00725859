"""The weekly meeting as a coordinator runs it from the keyboard: agenda by rule, notes,
decisions, actions, closing, minutes, and the board's days since discussed."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from textual.widgets import DataTable, Input, TextArea

from tavla.app import TavlaApp
from tavla.screens.actions import ActionsScreen
from tavla.screens.agenda import AgendaScreen
from tavla.screens.meeting import MeetingScreen
from tavla.screens.meeting_forms import ActionDialog, ItemTextDialog, SeriesDialog
from tavla.store import audit
from tavla.store.actions import ActionInput, add_action, list_actions
from tavla.store.agenda import agenda_on
from tavla.store.board import load_board
from tavla.store.consents import ConsentInput, add_consent
from tavla.store.contacts import add_contact
from tavla.store.crisis_plans import CrisisPlan, save_crisis_plan
from tavla.store.meetings import SeriesInput, get_series, set_up_series
from tavla.store.participants import add_participant
from tavla.store.ratings import NewRating, add_rating

from .conftest import notices, screen_text, settle

SIZE = (120, 40)
MEETING_DAY = date(2026, 11, 24)  # the Tuesday after TODAY


@pytest.fixture
def board(sqlite_store, today, monkeypatch):
    """Four people, each meeting a known rule or none, a weekly meeting on Tuesdays, and one
    open action from before."""
    monkeypatch.setattr(audit, "utcnow", lambda: datetime(2026, 11, 24, 9, 5, tzinfo=UTC))
    store = sqlite_store
    maria = add_contact(store, "Maria Lind", principal="region", kind="coordinator")
    sara = add_contact(store, "Sara Holm", principal="municipality", kind="coordinator")
    ten_weeks_ago = today - timedelta(weeks=10)
    for name, code, enrolled in (
        ("Anna Test", "AT22", ten_weeks_ago),
        ("Bo Test", "BT33", ten_weeks_ago),
        ("Cia Test", "CT44", ten_weeks_ago),
        ("Dan Test", "DT55", today - timedelta(weeks=3)),
    ):
        add_participant(store, name, code=code, enrolled_on=enrolled, today=today)
        add_consent(
            store, code, ConsentInput(enrolled, enrolled + timedelta(days=365), "Allt"), today=today
        )
        save_crisis_plan(
            store,
            code,
            CrisisPlan("Tecken", "Ringer", "Besök", (maria,), today),
            base=None,
            today=today,
        )
    # Anna's health rose after last Tuesday's meeting; Bo's social stability is at 4.
    add_rating(store, "AT22", NewRating("health", 2), rated_on=date(2026, 11, 10), today=today)
    add_rating(store, "AT22", NewRating("health", 3), rated_on=date(2026, 11, 20), today=today)
    add_rating(store, "BT33", NewRating("social", 4), rated_on=date(2026, 11, 17), today=today)
    # Dan was discussed recently enough: enrolled three weeks ago, nothing else.
    set_up_series(
        store, SeriesInput("weekly", 1, time(9, 0), 45, date(2026, 9, 1), attendees=(maria, sara))
    )
    add_action(
        store,
        ActionInput("Boka SIP-möte", sara, today - timedelta(days=2), "CT44"),
        today=today - timedelta(days=14),
    )
    return store, maria, sara


async def press(app, pilot, *keys: str) -> None:
    """Press `keys` as the coordinator would, then let the screen settle."""
    await pilot.press(*keys)
    await settle(app, pilot)


def items_of(app) -> list[tuple[str, str | None]]:
    return [(item.kind, item.code) for item in app.screen.agenda.items]


async def test_a_whole_meeting_from_the_keyboard(board, today, tmp_path):
    store, maria, _sara = board
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "m")
        assert isinstance(app.screen, AgendaScreen)
        # Open actions first, then by the template's order of rules; Dan is not proposed.
        assert items_of(app) == [
            ("actions", None),
            ("participant", "AT22"),
            ("participant", "BT33"),
            ("participant", "CT44"),
        ]
        text = screen_text(app)
        assert "tisdag 2026-11-24" in text
        assert "1 öppen åtgärd från tidigare möten" in text
        assert "Hälsa steg 2 → 3" in text
        assert "Social stabilitet på 4" in text
        assert "Maria Lind, Sara Holm" in text

        # Cia up above Bo, and a topic at the end.
        await press(app, pilot, "down", "down", "down", "shift+up")
        assert [code for _kind, code in items_of(app)][1:] == ["AT22", "CT44", "BT33"]
        await press(app, pilot, "t")
        await press(app, pilot, *"Semesterplanering", "ctrl+s")
        assert app.screen.agenda.items[-1].title == "Semesterplanering"

        # Run the meeting from the first item.
        await press(app, pilot, "up", "up", "up", "up", "enter")
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("space")  # the open actions were gone through
        await settle(app, pilot)
        assert "Hälsa 2 → 3" in screen_text(app)  # Anna: since last meeting
        await press(app, pilot, "e")
        assert isinstance(app.screen, ItemTextDialog)
        app.screen.query_one("#decisions", TextArea).insert("Boendestödet ökar besöken.")
        app.screen.query_one("#notes", TextArea).insert("Oro från [bold]mamma[/bold].")
        await press(app, pilot, "ctrl+s")
        await press(app, pilot, "a")
        assert isinstance(app.screen, ActionDialog)
        await pilot.press(*"Ring boendestödet")
        app.screen.query_one("#owner").value = maria
        app.screen.query_one("#due", Input).value = "2026-12-01"
        await press(app, pilot, "ctrl+s")
        text = screen_text(app)
        assert "Boendestödet ökar besöken." in text
        assert "Oro från [bold]mamma[/bold]." in text  # as typed, not markup
        assert "Ring boendestödet" in text
        await pilot.press("space")  # Anna discussed; on to Cia
        await settle(app, pilot)
        assert "CT44" in screen_text(app).splitlines()[2]
        await pilot.press("c")  # close the meeting
        await settle(app, pilot)
        assert any("protokoll" in n.lower() or "minutes" in n for n in notices(app))
        await press(app, pilot, "escape", "escape")

        # The board: Anna discussed today (0 days), Bo and Cia not yet.
        rows = {row.code: row for row in load_board(store, today).rows}
        assert rows["AT22"].discussed_on == MEETING_DAY
        assert rows["BT33"].discussed_on is None
        assert "AT22" in screen_text(app)

    agenda = agenda_on(store, MEETING_DAY)
    assert agenda.meeting.status == "closed"
    anna = next(item for item in agenda.items if item.code == "AT22")
    assert anna.discussed and anna.decisions == "Boendestödet ökar besöken."
    actions = list_actions(store, today=today, code="AT22")
    assert [(a.what, a.owner, a.due_on) for a in actions] == [
        ("Ring boendestödet", "Maria Lind", date(2026, 12, 1))
    ]

    from tavla.exports.minutes import export_minutes

    written = export_minutes(store, MEETING_DAY, tmp_path / "protokoll.md", today=MEETING_DAY)
    minutes = written.read_text("utf-8")
    assert "Boendestödet ökar besöken." in minutes and "Ring boendestödet" in minutes


async def test_the_board_counts_days_since_discussed(board, today):
    store, _maria, _sara = board
    app = TavlaApp(store, today=today + timedelta(days=8), watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "m")
        codes = [item.code for item in app.screen.agenda.items]
        await press(app, pilot, *["down"] * codes.index("AT22"), "enter")
        assert app.screen.agenda.items[app.screen.query_one(DataTable).cursor_row].code == "AT22"
        await press(app, pilot, "space")
        await press(app, pilot, "escape", "escape")
        # Discussed in the meeting of 2026-12-01, worked through on the 24th (the clock of
        # the access log): the board counts from the earlier day, seven days ago.
        days = app.screen.query_one("BoardTable").get_cell("AT22", "discussed")
        assert str(days) == "7" and "AT22" in screen_text(app)


async def test_presentation_mode_hides_names_and_notes_and_the_form_that_holds_them(board, today):
    store, _maria, _sara = board
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "m")
        await press(app, pilot, "down", "enter")
        await press(app, pilot, "e")
        app.screen.query_one("#notes", TextArea).insert("Hemlig anteckning")
        await press(app, pilot, "ctrl+s")
        await press(app, pilot, "p")
        text = screen_text(app)
        assert "Anna Test" not in text and "AT22" in text
        assert "Hemlig anteckning" not in text
        assert "PRESENTATIONSLÄGE" in text
        await press(app, pilot, "e")  # the form would show the note: it does not open
        assert isinstance(app.screen, MeetingScreen)
        assert "Hemlig anteckning" not in screen_text(app)
        assert any("stäng av presentationsläget (p)" in n for n in notices(app))
        await press(app, pilot, "p", "p", "e")  # with presentation mode off, it does
        assert app.screen.query_one("#notes", TextArea).text == "Hemlig anteckning"


async def test_removed_items_stay_removed_when_proposed_again(board, today):
    store, _maria, _sara = board
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "m")
        await press(app, pilot, "down", "delete")
        assert "AT22" not in [code for _kind, code in items_of(app)]
        await press(app, pilot, "u")
        assert "AT22" not in [code for _kind, code in items_of(app)]
        await press(app, pilot, "n")
        app.screen.query_one("#who").value = "AT22"
        await press(app, pilot, "ctrl+s")
        assert items_of(app)[-1] == ("participant", "AT22")


async def test_setting_up_the_weekly_meeting_from_the_agenda(sqlite_store, today):
    add_contact(sqlite_store, "Maria Lind", principal="region", kind="coordinator")
    app = TavlaApp(sqlite_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "m")
        assert "Inget veckomöte är inlagt" in screen_text(app)
        await press(app, pilot, "s")
        assert isinstance(app.screen, SeriesDialog)
        app.screen.query_one("#weekday").value = 3  # Thursday
        app.screen.query_one("#time", Input).value = "25:00"
        await press(app, pilot, "ctrl+s")
        assert isinstance(app.screen, SeriesDialog)  # refused, still open
        assert "09:00" in screen_text(app) or "klockslag" in screen_text(app)
        app.screen.query_one("#time", Input).value = "13:30"
        app.screen.query_one("#skip", Input).value = "2026-11-26"
        await press(app, pilot, "ctrl+s")
        assert isinstance(app.screen, AgendaScreen)
        assert app.screen.agenda.meeting.held_on == date(2026, 12, 3)  # the 26th is skipped
    series = get_series(sqlite_store)
    assert series.recurrence.weekday == 3 and series.at == time(13, 30)


async def test_actions_overdue_first_and_closing_records_who_and_when(board, today):
    store, maria, _sara = board
    add_action(
        store, ActionInput("Senare sak", maria, today + timedelta(days=20), "AT22"), today=today
    )
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "a")
        assert isinstance(app.screen, ActionsScreen)
        assert [a.what for a in app.screen.actions] == ["Boka SIP-möte", "Senare sak"]
        row = next(line for line in screen_text(app).splitlines() if "Boka SIP-möte" in line)
        assert "2026-11-21" in row
        assert "AT22" in screen_text(app) and "Å" in load_board_flags(store, today, "CT44")
        await press(app, pilot, "d")
        assert [a.what for a in app.screen.actions] == ["Senare sak"]
        await press(app, pilot, "h")
        assert "testare" in screen_text(app) or any(a.closed_by for a in app.screen.actions)
    done = list_actions(store, today=today, status="done")
    assert [(a.what, a.closed_on, a.closed_by) for a in done] == [
        ("Boka SIP-möte", today, "testare")
    ]
    assert load_board(store, today).row("CT44").action_due_on is None


def load_board_flags(store, today, code) -> str:
    from tavla.domain.flags import participant_flags
    from tavla.widgets.board_table import FLAG_LETTERS

    row = load_board(store, today).row(code)
    return "".join(FLAG_LETTERS.get(f.key, "") for f in participant_flags(row, today))


async def test_a_longer_time_box_for_one_item(board, today):
    store, _maria, _sara = board
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "m")
        await press(app, pilot, "down", "plus", "plus")
        assert [item.box_minutes for item in app.screen.agenda.items][:3] == [3, 5, 3]
        planned = sum(item.box_minutes for item in app.screen.agenda.items)
        assert f"{planned} av 45 min" in screen_text(app) and planned == 14


async def test_an_open_item_is_read_once_and_its_logging_is_no_news(board, today):
    """The loop that wrote the log seven times a second: reading an item logs it, the log
    write moved data_version, the live refresh reloaded the item, which logged again."""
    store, _maria, _sara = board
    app = TavlaApp(store, today=today)  # live refresh on, as in a real meeting
    async with app.run_test(size=SIZE) as pilot:  # (settle would wait for the watcher)
        for keys in (["m"], ["down", "enter"]):  # run the meeting from AT22's item
            await pilot.pause(0.5)
            await pilot.press(*keys)
        await pilot.pause(1.0)
        assert isinstance(app.screen, MeetingScreen)
        published: list[object] = []
        app.store_changed.subscribe(app.screen, published.append)
        before = len(audit.entries(store))
        await pilot.pause(2.0)  # twenty polls of data_version
        assert len(audit.entries(store)) == before
        assert published == []
        reads = [e for e in audit.entries(store) if e["detail"] == "since last meeting"]
        assert len(reads) == 1
        add_rating(store, "AT22", NewRating("social", 1), rated_on=today, today=today)
        await pilot.pause(0.6)  # another writer's change is news
        assert published
