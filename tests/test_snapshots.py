"""Snapshots of each screen and mode: fixed day, fixed demo data, fixed terminal size.

Update after an intended change of look with: pytest tests/test_snapshots.py --snapshot-update
"""

from datetime import UTC, datetime

import pytest
from textual.widgets import Input, TextArea

from tavla.app import TavlaApp
from tavla.store.participants import add_participant

from .conftest import screen_text, settle, tables_sizing

SIZE = (120, 36)


async def _settle(pilot) -> None:
    app = pilot.app
    await settle(app, pilot)
    # A text field's cursor blinks by a timer, and a busy machine catches it on or off: take
    # the focus off text fields, so no cursor is drawn and the picture is the same every time.
    if isinstance(app.focused, (Input, TextArea)):
        app.screen.set_focus(None)
    # On a loaded machine a worker's result, a table's measuring and the repaint after it can
    # each come late: wait (up to five seconds) until the screen has looked the same for three
    # looks in a row, with no worker running and no table measuring.
    shown, same = None, 0
    for _attempt in range(50):
        await pilot.pause(0.1)
        await app.workers.wait_for_complete()
        now = None if tables_sizing(app) else screen_text(app)
        same = same + 1 if now is not None and now == shown else 0
        shown = now
        if same >= 2:
            break


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


@pytest.fixture
def plans_demo_store(db_path, today, monkeypatch):
    """The demo board with its SIP versions saved at a fixed moment, so the screens that show
    when a version was saved look the same every day."""
    from tavla.demo import create_demo
    from tavla.store import Location, audit, open_store

    monkeypatch.setattr(audit, "utcnow", lambda: datetime(2026, 11, 20, 9, 30, tzinfo=UTC))
    store = open_store(Location.sqlite(db_path), actor="testare")
    create_demo(store, today)
    yield store
    store.close()


def test_sip_screen(snap_compare, plans_demo_store, today):
    app = TavlaApp(plans_demo_store, today=today, watch=False)
    assert snap_compare(app, terminal_size=(120, 44), run_before=_after("down", "l"))


def test_sip_screen_in_presentation_mode(snap_compare, plans_demo_store, today):
    app = TavlaApp(plans_demo_store, today=today, watch=False)
    assert snap_compare(app, terminal_size=(120, 44), run_before=_after("p", "down", "l"))


def test_sip_versions(snap_compare, plans_demo_store, today):
    app = TavlaApp(plans_demo_store, today=today, watch=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_after("down", "l", "v"))


def test_sip_versions_in_presentation_mode(snap_compare, plans_demo_store, today):
    app = TavlaApp(plans_demo_store, today=today, watch=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_after("p", "down", "l", "v"))


def test_a_personal_form_refused_in_presentation_mode(snap_compare, plans_demo_store, today):
    """The crisis plan form would show the plan's text: it does not open, and says why."""
    app = TavlaApp(plans_demo_store, today=today, watch=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_after("p", "down", "l", "c"))


def test_crisis_plan_form(snap_compare, plans_demo_store, today):
    app = TavlaApp(plans_demo_store, today=today, watch=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_after("down", "l", "c"))


@pytest.fixture
def still_clock(monkeypatch):
    """The meeting's clock stands still, so its time box reads the same in every run."""
    from tavla.screens import meeting

    monkeypatch.setattr(meeting, "monotonic", lambda: 1000.0)


def test_agenda(snap_compare, plans_demo_store, today):
    app = TavlaApp(plans_demo_store, today=today, watch=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_after("m"))


def test_agenda_in_presentation_mode(snap_compare, plans_demo_store, today):
    app = TavlaApp(plans_demo_store, today=today, watch=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_after("p", "m", "down"))


def test_meeting_screen(snap_compare, plans_demo_store, today, still_clock):
    app = TavlaApp(plans_demo_store, today=today, watch=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_after("m", "down", "enter"))


def test_meeting_screen_in_presentation_mode(snap_compare, plans_demo_store, today, still_clock):
    app = TavlaApp(plans_demo_store, today=today, watch=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_after("p", "m", "enter"))


@pytest.mark.parametrize("keys", [(), ("p",)], ids=["normal", "in_presentation_mode"])
def test_meeting_item_with_its_board_row(snap_compare, plans_demo_store, today, still_clock, keys):
    """A participant's item as the meeting works on it: lanes, interventions, coordinators,
    plans and flags beside the reasons and what happened since the last meeting."""
    app = TavlaApp(plans_demo_store, today=today, watch=False)
    run_before = _after(*keys, "m", "down", "down", "enter")
    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_action_form(snap_compare, plans_demo_store, today, still_clock):
    app = TavlaApp(plans_demo_store, today=today, watch=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_after("m", "down", "enter", "a"))


def test_actions_screen(snap_compare, plans_demo_store, today):
    app = TavlaApp(plans_demo_store, today=today, watch=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_after("a"))


def test_actions_screen_in_presentation_mode(snap_compare, plans_demo_store, today):
    app = TavlaApp(plans_demo_store, today=today, watch=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_after("p", "a"))


def test_action_form_in_presentation_mode(snap_compare, plans_demo_store, today, still_clock):
    app = TavlaApp(plans_demo_store, today=today, watch=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_after("p", "m", "enter", "a"))


def test_rating_dialog_in_presentation_mode(snap_compare, demo_store, today):
    app = TavlaApp(demo_store, today=today, watch=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_after("p", "down", "enter"))


def test_export_dialog(snap_compare, demo_store, today):
    from pathlib import Path

    app = TavlaApp(demo_store, today=today, watch=False)
    app.export_folder = Path("/home/samordnare/Dokument")  # the same in every checkout
    assert snap_compare(app, terminal_size=SIZE, run_before=_after("e"))


@pytest.mark.parametrize("keys", [("g",), ("p", "g")], ids=["normal", "in_presentation_mode"])
def test_access_log_screen(snap_compare, sqlite_store, today, monkeypatch, keys):
    """The log as a coordinator reads it: local time, who, what in words, which participant
    (in presentation mode without the details, which can name a file)."""
    from datetime import timedelta
    from itertools import count

    from tavla.store import audit
    from tavla.store.ratings import NewRating, add_rating

    ticks = count()
    start = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    monkeypatch.setattr(audit, "utcnow", lambda: start + timedelta(minutes=7 * next(ticks)))
    add_participant(sqlite_store, "Lena Logg", code="LL11", enrolled_on=today)
    add_participant(sqlite_store, "Per Post", code="PP22", enrolled_on=today)
    add_rating(sqlite_store, "LL11", NewRating("health", 3), rated_on=today, today=today)
    audit.record_read(sqlite_store, "record", "PP22")

    async def run_before(pilot) -> None:
        await _settle(pilot)
        # The board logs its own opening soon after the first paint: wait for it, so the
        # log holds the same entries every time.
        for _attempt in range(50):
            if any(e["detail"] == "board" for e in audit.entries(sqlite_store)):
                break
            await pilot.pause(0.1)
        await pilot.press(*keys)
        await _settle(pilot)

    app = TavlaApp(sqlite_store, today=today, watch=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
