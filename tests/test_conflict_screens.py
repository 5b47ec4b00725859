"""A colleague saves while the coordinator is editing — a rating, details, an action, an
intervention, a contact, a meeting item's notes: the coordinator is told who changed what,
nothing they typed is lost, and a second save stores it knowingly."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from textual.widgets import DataTable, Input, Static, TextArea

from tavla.app import TavlaApp
from tavla.screens.enrol import EnrolDialog
from tavla.screens.rating import RatingDialog
from tavla.store import open_store
from tavla.store.actions import ActionInput, add_action, close_action, list_actions
from tavla.store.agenda import load_agenda
from tavla.store.agenda_items import ItemText, write_item
from tavla.store.contacts import ContactInput, add_contact, list_contacts, update_contact
from tavla.store.enrolment import Answer, Enrolment
from tavla.store.interventions import (
    InterventionInput,
    add_intervention,
    list_interventions,
    update_intervention,
)
from tavla.store.meetings import SeriesInput, set_up_series
from tavla.store.participants import add_participant, update_participant
from tavla.store.ratings import NewRating, add_rating
from tavla.store.record import get_record
from tavla.widgets.board_table import BoardTable

from .conftest import notices, settle

SIZE = (120, 36)


def lane_ratings(store) -> list[tuple]:
    with store.reader() as conn:
        cursor = conn.cursor()
        cursor.execute("SELECT level, author, note FROM rating WHERE lane = 'health' ORDER BY id")
        return cursor.fetchall()


async def test_a_lane_rated_by_a_colleague_while_the_dialog_is_open(sqlite_store, today):
    add_participant(sqlite_store, "Anna Test", code="AT22", enrolled_on=today)
    colleague = open_store(sqlite_store.location, actor="kollega")
    app = TavlaApp(sqlite_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(BoardTable)
        while table.cursor_keys()[1] != "health":
            await pilot.press("right")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RatingDialog)
        add_rating(colleague, "AT22", NewRating("health", 4, "unmet"), rated_on=today, today=today)
        await pilot.press("1", "tab", "tab", *"Lugnare vecka", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, RatingDialog)  # still open, with what was typed
        told = str(app.screen.query_one("#error", Static).render())
        assert "kollega" in told and "Hälsa 4" in told and "inget sparades" in told
        assert app.screen.query_one("#note", Input).value == "Lugnare vecka"
        assert lane_ratings(sqlite_store) == [(4, "kollega", "")]
        await pilot.press("ctrl+s")  # knowingly, on top of the colleague's
        await settle(app, pilot)
        assert not isinstance(app.screen, RatingDialog)
        assert lane_ratings(sqlite_store)[-1] == (1, "testare", "Lugnare vecka")
        assert table.get_cell("AT22", "health").plain.startswith(" 1 ")
    colleague.close()


async def test_details_changed_by_a_colleague_while_the_form_is_open(sqlite_store, today):
    add_participant(
        sqlite_store,
        "Anna Test",
        code="AT22",
        enrolled_on=today,
        municipality="Lund",
        criteria={
            k: Answer(True) for k in ("adult", "needs_both", "diagnoses", "psychiatric_patient")
        },
    )
    colleague = open_store(sqlite_store.location, actor="kollega")
    app = TavlaApp(sqlite_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.screen.action_open_participant("AT22")
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        assert isinstance(app.screen, EnrolDialog)
        app.screen.query_one("#municipality", Input).value = "Eslöv"
        # the colleague corrects the name meanwhile
        record = get_record(colleague, "AT22", log=False)
        seen = Enrolment(
            record.name,
            record.enrolled_on,
            None,
            record.municipality,
            record.criteria,
            record.criteria_exception,
        )
        changed = Enrolment("Anna Testsson", seen.enrolled_on, None, "Lund", seen.criteria)
        update_participant(colleague, "AT22", changed, today=today, seen=seen)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, EnrolDialog)
        told = str(app.screen.query_one("#form-error", Static).render())
        assert "kollega" in told and "namnet" in told and "kommunen" not in told
        theirs = str(app.screen.query_one("#form-theirs", Static).render())
        assert "Namnet: Anna Testsson" in theirs and "Lund" not in theirs
        assert app.screen.query_one("#municipality", Input).value == "Eslöv"
        assert get_record(sqlite_store, "AT22", log=False).municipality == "Lund"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not isinstance(app.screen, EnrolDialog)
        assert get_record(sqlite_store, "AT22", log=False).municipality == "Eslöv"
    colleague.close()


async def test_an_action_closed_by_a_colleague_is_shown_not_closed_again(sqlite_store, today):
    add_participant(sqlite_store, "Anna Test", code="AT22", enrolled_on=today)
    owner = add_contact(sqlite_store, "Rut Region", principal="region")
    add_action(sqlite_store, ActionInput("Ring Anna", owner, today, "AT22"), today=today)
    colleague = open_store(sqlite_store.location, actor="kollega")
    app = TavlaApp(sqlite_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("a")  # the actions screen
        await settle(app, pilot)
        [action] = list_actions(sqlite_store, today=today)
        close_action(colleague, action.id, "done", today=today, seen="open")
        await pilot.press("x")  # drop it, from what the screen showed
        await settle(app, pilot)
        assert any("kollega" in n and "inget sparades" in n for n in notices(app))
        [action] = list_actions(sqlite_store, today=today, status=None)
        assert (action.status, action.closed_by) == ("done", "kollega")
        # the screen shows what is stored now: no longer among the open actions
        assert app.screen.query_one(DataTable).row_count == 0
    colleague.close()


def form_error(app) -> str:
    return str(app.screen.query_one("#form-error", Static).render())


async def save_twice(app, pilot, dialog: type) -> str:
    """Save; the form stays open and says why; save again (knowingly) and it closes.
    Returns what the form said the first time."""
    await pilot.press("ctrl+s")
    await settle(app, pilot)
    assert isinstance(app.screen, dialog)
    told = form_error(app)
    await pilot.press("ctrl+s")
    await settle(app, pilot)
    assert not isinstance(app.screen, dialog)
    return told


async def test_an_intervention_changed_by_a_colleague_while_the_form_is_open(sqlite_store, today):
    from tavla.screens.intervention_form import InterventionDialog

    add_participant(sqlite_store, "Anna Test", code="AT22", enrolled_on=today)
    first = InterventionInput("Boendestöd", "municipality", ("social",), today, unit="Boendet")
    intervention_id = add_intervention(sqlite_store, "AT22", first)
    colleague = open_store(sqlite_store.location, actor="kollega")
    app = TavlaApp(sqlite_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.screen.action_open_participant("AT22")
        await settle(app, pilot)
        app.screen.query_one("#interventions", DataTable).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, InterventionDialog)
        app.screen.query_one("#what", Input).value = "Boendestöd två dagar i veckan"
        update_intervention(colleague, intervention_id, replace(first, unit="Väst"), seen=first)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, InterventionDialog)  # still open, with what was typed
        assert "kollega" in form_error(app) and "enheten" in form_error(app)
        assert app.screen.query_one("#what", Input).value == "Boendestöd två dagar i veckan"
        [stored] = list_interventions(sqlite_store, "AT22")
        assert (stored.what, stored.unit) == ("Boendestöd", "Väst")
        await pilot.press("ctrl+s")  # knowingly, on top of the colleague's
        await settle(app, pilot)
        assert not isinstance(app.screen, InterventionDialog)
        [stored] = list_interventions(sqlite_store, "AT22")
        assert stored.what == "Boendestöd två dagar i veckan"
    colleague.close()


async def test_a_contact_changed_by_a_colleague_while_the_form_is_open(sqlite_store, today):
    from tavla.screens.contact_form import ContactDialog

    rut = add_contact(sqlite_store, "Rut Region", principal="region", phone="010-123 45 67")
    colleague = open_store(sqlite_store.location, actor="kollega")
    app = TavlaApp(sqlite_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        app.screen.query_one(DataTable).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ContactDialog)
        app.screen.query_one("#role", Input).value = "Samordnare"
        seen = ContactInput("Rut Region", "region", "other", "", "", "010-123 45 67", "")
        update_contact(colleague, rut, replace(seen, phone="010-765 43 21"), seen=seen)
        told = await save_twice(app, pilot, ContactDialog)
        assert "kollega" in told and "telefonnumret" in told and "inget sparades" in told
        [stored] = list_contacts(sqlite_store)
        assert (stored.role, stored.phone) == ("Samordnare", "010-123 45 67")
    colleague.close()


async def test_meeting_notes_written_by_a_colleague_while_the_form_is_open(sqlite_store, today):
    from datetime import timedelta

    from tavla.screens.meeting import MeetingScreen
    from tavla.screens.meeting_forms import ItemTextDialog
    from tavla.store.consents import ConsentInput, add_consent

    add_participant(sqlite_store, "Anna Test", code="AT22", enrolled_on=today)
    # With consent to share: the meeting's notes about someone without it do not open.
    consent = ConsentInput(today, today + timedelta(days=365), "Allt")
    add_consent(sqlite_store, "AT22", consent, today=today)
    set_up_series(sqlite_store, SeriesInput("weekly", 1, time(9, 0), 45, date(2026, 9, 1)))
    colleague = open_store(sqlite_store.location, actor="kollega")
    app = TavlaApp(sqlite_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("m")  # the agenda: Anna is proposed, newly enrolled
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        item, meeting_id = app.screen.agenda.items[0], app.screen.agenda.meeting.id
        assert item.code == "AT22"
        await pilot.press("e")
        await settle(app, pilot)
        assert isinstance(app.screen, ItemTextDialog)
        app.screen.query_one("#notes", TextArea).insert("Min anteckning")
        write_item(
            colleague,
            item.id,
            notes="Kollegans anteckning",
            decisions="Boka SIP",
            seen=ItemText("", ""),
        )
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ItemTextDialog)
        told = form_error(app)
        assert "kollega" in told and "besluten" in told and "anteckningarna" in told
        # theirs is shown beside what was typed, so the coordinator can take from it
        theirs = str(app.screen.query_one("#form-theirs", Static).render())
        assert "Kollegans anteckning" in theirs and "Boka SIP" in theirs
        assert app.screen.query_one("#form-theirs").display
        assert app.screen.query_one("#notes", TextArea).text == "Min anteckning"
        stored = load_agenda(sqlite_store, meeting_id).item(item.id)
        assert (stored.notes, stored.decisions) == ("Kollegans anteckning", "Boka SIP")
        await pilot.press("ctrl+s")  # knowingly
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)
        stored = load_agenda(sqlite_store, meeting_id).item(item.id)
        assert (stored.notes, stored.decisions) == ("Min anteckning", "")
    colleague.close()
