"""A participant's item in the running meeting as a working surface: their board row, the
interventions per lane, coordinators, plans and flags; a lane rated from the item in the
board's own dialog; presentation mode; and nothing but the code and the consent's state for
someone without valid consent to share."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from tavla.app import TavlaApp
from tavla.screens import meeting_forms
from tavla.screens.board import BoardScreen
from tavla.screens.meeting import MeetingScreen
from tavla.screens.rating import RatingDialog
from tavla.store import audit
from tavla.store.board import load_board
from tavla.store.consents import ConsentInput, add_consent, revoke_consent
from tavla.store.contacts import add_contact
from tavla.store.crisis_plans import CrisisPlan, save_crisis_plan
from tavla.store.interventions import InterventionInput, add_intervention
from tavla.store.meetings import SeriesInput, set_up_series
from tavla.store.participants import Coordinators, add_participant, assign_contacts
from tavla.store.ratings import NewRating, add_rating
from tavla.widgets.item_board import ItemBoard, board_lines

from .conftest import notices, screen_text, settle

SIZE = (120, 40)
NOTE = "HEMLIGT-notering"


@pytest.fixture
def board(sqlite_store, today, monkeypatch):
    """Anna with consent, coordinators, a crisis plan and an intervention for health, whose
    health rose since the last meeting; Nils without consent; Rut who revoked hers."""
    monkeypatch.setattr(audit, "utcnow", lambda: datetime(2026, 11, 24, 9, 5, tzinfo=UTC))
    store = sqlite_store
    maria = add_contact(store, "Maria Lind", principal="region", kind="coordinator")
    sara = add_contact(store, "Sara Holm", principal="municipality", kind="coordinator")
    enrolled = today - timedelta(weeks=10)
    for name, code in (("Anna Test", "AT22"), ("Nils Utan", "NU33"), ("Rut Drog", "RD44")):
        add_participant(store, name, code=code, enrolled_on=enrolled, today=today)
    consent = ConsentInput(enrolled, enrolled + timedelta(days=365), "Allt")
    add_consent(store, "AT22", consent, today=today)
    add_consent(store, "RD44", consent, today=today)
    revoke_consent(store, "RD44", on=date(2026, 11, 2), today=today)
    assign_contacts(
        store,
        "AT22",
        Coordinators(
            region_coordinator_id=maria,
            municipality_coordinator_id=sara,
            main_responsibility="region",
        ),
    )
    save_crisis_plan(
        store,
        "AT22",
        CrisisPlan("Tecken", "Ringer", "Besök", (maria,), today),
        base=None,
        today=today,
    )
    add_intervention(
        store, "AT22", InterventionInput("Läkarkontakt", "region", ("health",), enrolled)
    )
    for code, lane, level, day in (
        ("AT22", "health", 2, date(2026, 11, 10)),
        ("AT22", "health", 3, date(2026, 11, 20)),
        ("NU33", "social", 4, date(2026, 11, 20)),
        ("RD44", "cognition", 4, date(2026, 11, 20)),
    ):
        add_rating(store, code, NewRating(lane, level, "unmet", NOTE), rated_on=day, today=today)
    set_up_series(store, SeriesInput("weekly", 1, time(9, 0), 45, date(2026, 9, 1)))
    return store


async def press(app, pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(app, pilot)


async def open_item(app, pilot, code: str) -> None:
    """From the board: the agenda, then the meeting run from `code`'s item."""
    await settle(app, pilot)
    await press(app, pilot, "m")
    codes = [item.code for item in app.screen.agenda.items]
    await press(app, pilot, *["down"] * codes.index(code), "enter")
    assert isinstance(app.screen, MeetingScreen)
    assert app.screen._current().code == code


def body(app) -> str:
    """The item on the right of the meeting screen."""
    return "\n".join(line.split("│", 1)[-1] for line in screen_text(app).splitlines())


def lane_line(text: str, label: str) -> str:
    """The line of the lane `label` in the item's board row (its label padded, then the cell)."""
    return next(line for line in text.splitlines() if line.startswith(f" {label}  "))


async def test_the_item_shows_the_participants_board_row(board, today):
    app = TavlaApp(board, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_item(app, pilot, "AT22")
        text = body(app)
        health = lane_line(text, "Hälsa")
        assert " 3 ↑" in health and "✗" in health and "Måttligt svårt" in health
        assert "Läkarkontakt (region)" in health  # the intervention going on for the lane
        social = lane_line(text, "Social stabilitet")
        assert "ej bedömd" in social and "ingen pågående insats" in social
        assert "Samordnare: Maria Lind ● (region), Sara Holm (kommun)" in text
        assert "Ingen SIP" in text and "Krisplanen granskad 2026-11-23" in text
        assert "Hälsa 2 → 3" in text  # since the last meeting
        assert NOTE not in text  # the lane's note is the board's cell detail, not the item's


async def test_the_board_row_packs_to_the_width_and_again_after_a_resize(board, today):
    app = TavlaApp(board, today=today, watch=False)
    async with app.run_test(size=(200, 50)) as pilot:
        await open_item(app, pilot, "AT22")
        row = app.screen.query_one(ItemBoard)
        heights = {}
        for size in ((80, 24), (120, 40), (200, 50)):
            await pilot.resize_terminal(*size)
            await settle(app, pilot)
            await pilot.pause(0.1)
            lines = board_lines(row.view, row.content_size.width)
            assert row.size.height >= len(lines), size  # (a part too long for a line wraps)
            heights[size[0]] = row.size.height
        # Back at 200 columns, measured anew: a line a lane, coordinators and plans, flags.
        assert heights[200] == len(board_lines(row.view, row.content_size.width)) == 5
        assert heights[80] > heights[120] >= 5
        assert lane_line(body(app), "Hälsa").split("·")[-1].strip() == "Läkarkontakt (region)"


async def test_rating_a_lane_from_the_item_shows_at_once_on_the_item_and_the_board(board, today):
    app = TavlaApp(board, today=today, watch=False)  # no live refresh: own writes reload
    async with app.run_test(size=SIZE) as pilot:
        await open_item(app, pilot, "AT22")
        await press(app, pilot, "b")
        assert isinstance(app.screen, meeting_forms.LaneChoice)
        await press(app, pilot, "1")  # Hälsa
        assert isinstance(app.screen, RatingDialog) and app.screen.lane.key == "health"
        await press(app, pilot, "4", "ctrl+s")
        assert isinstance(app.screen, MeetingScreen)
        assert any("AT22: Hälsa 4 sparad" in n for n in notices(app))
        cell = load_board(board, today).row("AT22").lanes["health"]
        assert (cell.level, cell.need, cell.rated_on, cell.author) == (4, "unmet", today, "testare")
        text = body(app)
        health = lane_line(text, "Hälsa")
        assert " 4 ↑" in health and "Svårt" in health
        assert "Hälsa 2 → 4" in text  # since the last meeting (the 17th): 2 then, 4 now
        await press(app, pilot, "escape", "escape")
        assert isinstance(app.screen, BoardScreen)
        assert app.screen.snapshot.row("AT22").lanes["health"].level == 4
        line = next(line for line in screen_text(app).splitlines() if "AT22" in line)
        assert " 4 ↑" in line


async def test_presentation_mode_shows_codes_levels_and_rates_with_the_note_hidden(board, today):
    app = TavlaApp(board, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_item(app, pilot, "AT22")
        await press(app, pilot, "p")
        text = screen_text(app)
        assert "PRESENTATIONSLÄGE" in text and "AT22" in text
        assert "Anna" not in text and "Nils" not in text and NOTE not in text
        assert "Maria Lind ●" in text  # staff show
        assert " 3 ↑" in text
        await press(app, pilot, "b")
        assert isinstance(app.screen, meeting_forms.LaneChoice)
        assert "Anna" not in screen_text(app)
        await press(app, pilot, "1")
        assert isinstance(app.screen, RatingDialog)  # not a personal form: it opens
        text = screen_text(app)
        assert "AT22" in text and "Anna" not in text and NOTE not in text
        assert "Förra: 3 Måttligt svårt, 2026-11-20 · (dolt)" in text  # its note hidden
        await press(app, pilot, "2", "ctrl+s")
        assert isinstance(app.screen, MeetingScreen)
        assert load_board(board, today).row("AT22").lanes["health"].level == 2
        assert " 2 ↓" in screen_text(app) and "Anna" not in screen_text(app)


@pytest.mark.parametrize(
    ("code", "state"),
    [("NU33", "Samtycke saknas"), ("RD44", "Samtycke återkallat 2026-11-02")],
)
async def test_without_consent_the_item_shows_the_code_and_the_consent_only(
    board, today, code, state
):
    app = TavlaApp(board, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_item(app, pilot, code)
        text = screen_text(app)
        assert f"{state} – inhämta samtycke" in text
        name = {"NU33": "Nils Utan", "RD44": "Rut Drog"}[code]
        for hidden in (name, name.split()[0], NOTE, "Social stabilitet", "Kognitiv förmåga"):
            assert hidden not in text, hidden  # in the list of items neither
        for hidden in ("på 4", "ej tillgodosett", "Sedan förra mötet", "Beslut (e)", "Åtgärder (a"):
            assert hidden not in body(app), hidden
        await press(app, pilot, "b")  # rating is refused in one sentence
        assert isinstance(app.screen, MeetingScreen)
        refusal = (
            f"{code} har inget giltigt samtycke till informationsdelning: registrera det först."
        )
        assert refusal in notices(app)
        await press(app, pilot, "e", "o")  # so are the notes, and their actions
        assert isinstance(app.screen, MeetingScreen)
        await press(app, pilot, "a")  # a new action (to obtain consent) is not
        assert isinstance(app.screen, meeting_forms.ActionDialog)
