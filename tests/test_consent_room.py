"""Consent decides what the room sees: while presenting, a participant without valid consent
is their code and the consent's state on the board, nothing else; off presentation the
coordinator sees everything, flagged."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tavla.app import TavlaApp
from tavla.domain.privacy import Withheld, mask
from tavla.store import settings
from tavla.store.board import load_board
from tavla.store.consents import ConsentInput, add_consent, revoke_consent
from tavla.store.participants import add_participant
from tavla.store.ratings import NewRating, add_rating
from tavla.widgets.board_table import BoardTable
from tavla.widgets.cell_detail import CellDetail

from .conftest import notices, screen_text, settle

SIZE = (120, 36)
REVOKED_ON = date(2026, 11, 20)
NOTE = "Sov dåligt hela veckan"


@pytest.fixture
def board(sqlite_store, today):
    """AA22 with valid consent, BB33 revoked, CC44 expired, DD55 none, EE66 expiring soon;
    everyone rated 4 with a note in every lane."""
    store = sqlite_store
    start = today - timedelta(weeks=20)
    for code in ("AA22", "BB33", "CC44", "DD55", "EE66"):
        add_participant(store, f"Person {code}", code=code, enrolled_on=start, today=today)
        for lane in ("health", "cognition", "social"):
            add_rating(store, code, NewRating(lane, 4, "unmet", NOTE), rated_on=today, today=today)
    expires = {"CC44": today - timedelta(days=2), "EE66": today + timedelta(days=5)}
    for code in ("AA22", "BB33", "CC44", "EE66"):
        ends = expires.get(code, today + timedelta(days=300))
        add_consent(store, code, ConsentInput(start, ends, "Vård"), today=today)
    revoke_consent(store, "BB33", on=REVOKED_ON, today=today)
    return store


def test_the_rule_withholds_rows_without_valid_consent(board, today):
    snapshot = load_board(board, today)
    shown = {row.code: row for row in mask(snapshot).rows}
    assert shown["BB33"] == Withheld("BB33", "revoked", REVOKED_ON)
    assert shown["CC44"] == Withheld("CC44", "expired", today - timedelta(days=2))
    assert shown["DD55"] == Withheld("DD55", "missing", None)
    # Valid, and about to expire (still valid): the row, with only the personal fields masked.
    for code in ("AA22", "EE66"):
        assert shown[code].lanes["health"].level == 4 and shown[code].name == ""
    assert mask(snapshot).today == today and len(snapshot.rows) == 5


def _cells(app, code: str) -> list[str]:
    table = app.screen.query_one(BoardTable)
    return [str(cell) for cell in table.get_row(code)]


def _line(app, code: str) -> str:
    return next(line for line in screen_text(app).splitlines() if code in line)


async def test_presenting_a_revoked_consent_shows_the_code_and_the_state_only(board, today):
    settings.set_value(board, settings.PRESENTATION, "1")
    app = TavlaApp(board, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.presentation
        # The table holds nothing but the code and the words: no level, sparkline, need
        # mark, week of rating, coordinator, days, follow-up or flag.
        cells = _cells(app, "BB33")
        assert cells[0] == "BB33"
        assert [cell for cell in cells[1:] if cell] == ["Samtycke återkallat", "2026-11-20"]
        assert [cell for cell in _cells(app, "DD55")[1:] if cell] == ["Samtycke saknas"]
        expired = [cell for cell in _cells(app, "CC44")[1:] if cell]
        assert expired == ["Samtycke utgånget", "2026-11-21"]
        line = _line(app, "BB33")
        assert "Samtycke återkallat  2026-11-20" in " ".join(line.split("   "))
        for drawn in ("4", "▇", "█", "✗", "v.", "S"):
            assert drawn not in line.replace("2026-11-20", "").replace("Samtycke", ""), drawn
        # Valid and expiring: the levels show.
        assert "✗" in _line(app, "AA22") and "✗" in _line(app, "EE66")

        # On the row, the detail below says why, and nothing of it opens.
        app.screen.query_one(BoardTable).move_to("BB33", "health")
        await settle(app, pilot)
        detail = str(app.screen.query_one(CellDetail).render())
        assert "BB33  ·  Samtycke återkallat 2026-11-20" in detail
        assert "ser mötet bara koden" in detail and NOTE not in detail and "bedömd" not in detail
        for key in ("enter", "l", "o"):
            await pilot.press(key)
            await settle(app, pilot)
            assert len(app.screen_stack) == 1, key
        assert any("BB33 saknar giltigt samtycke" in notice for notice in notices(app))


async def test_off_presentation_the_coordinator_sees_every_level_flagged(board, today):
    app = TavlaApp(board, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert not app.presentation
        line = _line(app, "BB33")
        assert "Person BB33" in line and "Samtycke" not in line
        assert line.count("4 ") >= 3 and "█✗" in line and "S" in line.split()[-1]
        await pilot.press("p")
        await settle(app, pilot)
        assert "Samtycke återkallat" in _line(app, "BB33")
        assert "Person BB33" not in screen_text(app)
