"""Snapshots of each screen and mode: fixed day, fixed demo data, fixed terminal size.

Update after an intended change of look with: pytest tests/test_snapshots.py --snapshot-update
"""

from tavla.app import TavlaApp
from tavla.store.participants import add_participant

SIZE = (120, 36)


async def _settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_board(snap_compare, demo_store, today):
    app = TavlaApp(demo_store, today=today, watch=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_settle)


def _after(*keys: str):
    """A run_before that lets the board load, presses `keys`, and lets it settle again."""

    async def run_before(pilot) -> None:
        await _settle(pilot)
        await pilot.press(*keys)
        await _settle(pilot)

    return run_before


def test_board_in_presentation_mode(snap_compare, demo_store, today):
    app = TavlaApp(demo_store, today=today, watch=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_after("p"))


def test_board_in_high_contrast(snap_compare, demo_store, today):
    app = TavlaApp(demo_store, today=today, watch=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_after("k"))


def test_rating_dialog(snap_compare, demo_store, today):
    app = TavlaApp(demo_store, today=today, watch=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_after("down", "enter"))


def test_empty_board(snap_compare, sqlite_store, today):
    app = TavlaApp(sqlite_store, today=today, watch=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_settle)


def test_participant_never_rated(snap_compare, sqlite_store, today):
    add_participant(sqlite_store, "Ny Person", code="NP22", enrolled_on=today)
    app = TavlaApp(sqlite_store, today=today, watch=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_settle)


def _open_first_participant(*keys: str):
    async def run_before(pilot) -> None:
        await _settle(pilot)
        pilot.app.screen.action_open_participant()
        await _settle(pilot)
        if keys:
            await pilot.press(*keys)
            await _settle(pilot)

    return run_before


def test_participant_screen(snap_compare, demo_store, today):
    app = TavlaApp(demo_store, today=today, watch=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_open_first_participant())


def test_participant_screen_in_presentation_mode(snap_compare, demo_store, today):
    app = TavlaApp(demo_store, today=today, watch=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_open_first_participant("p"))


def test_intervention_form(snap_compare, demo_store, today):
    app = TavlaApp(demo_store, today=today, watch=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_open_first_participant("i"))


def test_enrol_form(snap_compare, demo_store, today):
    app = TavlaApp(demo_store, today=today, watch=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_after("n"))


def test_contacts_screen(snap_compare, demo_store, today):
    app = TavlaApp(demo_store, today=today, watch=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_after("c"))


def test_contacts_screen_in_presentation_mode(snap_compare, demo_store, today):
    async def present(pilot) -> None:
        await _settle(pilot)
        await pilot.press("c")
        await _settle(pilot)
        pilot.app.screen.query_one("DataTable").focus()
        await pilot.press("p")
        await _settle(pilot)

    app = TavlaApp(demo_store, today=today, watch=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=present)
