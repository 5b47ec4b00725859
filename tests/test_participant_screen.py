"""Enrolment, the participant screen and its forms, as a coordinator uses them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tavla.app import TavlaApp
from tavla.screens.enrol import EnrolDialog
from tavla.screens.form import FormDialog
from tavla.screens.participant import ParticipantScreen
from tavla.store import audit
from tavla.store.board import load_board
from tavla.store.consents import ConsentInput, add_consent
from tavla.store.contacts import add_contact
from tavla.store.enrolment import Answer
from tavla.store.participants import add_participant, list_participants
from tavla.store.ratings import NewRating, add_rating
from tavla.store.record import get_record
from tavla.store.resource_group import add_member
from tavla.widgets.board_table import BoardTable

from .conftest import notices, screen_text, settle

SIZE = (120, 36)
CRITERIA = ("adult", "needs_both", "diagnoses", "psychiatric_patient", "red_field")
ALL_MET = {k: Answer(True) for k in CRITERIA}


@pytest.fixture
def anna(sqlite_store, today):
    """One participant with contacts around her, and a few ratings."""
    store = sqlite_store
    add_participant(
        store,
        "Anna Test",
        code="AT22",
        identity_number="199006022397",
        municipality="Örebro",
        enrolled_on=today - timedelta(weeks=10),
        today=today,
        criteria={**ALL_MET, "diagnoses": Answer(True, "Bipolär, alkohol")},
    )
    ids = {
        "maria": add_contact(store, "Maria Lind", principal="region", kind="coordinator"),
        "sara": add_contact(store, "Sara Holm", principal="municipality", kind="coordinator"),
        "eva": add_contact(store, "Eva Syster", principal="other", kind="relative"),
        "lisa": add_contact(store, "Lisa Boende", principal="municipality", kind="housing_support"),
    }
    for weeks_ago, level in ((3, 4), (2, 3), (1, 3), (0, 2)):
        add_rating(
            store,
            "AT22",
            NewRating("health", level, "met", "Ny läkare"),
            rated_on=today - timedelta(weeks=weeks_ago),
            today=today,
        )
    return store, ids


async def open_anna(app, pilot) -> ParticipantScreen:
    await settle(app, pilot)
    app.screen.action_open_participant("AT22")
    await settle(app, pilot)
    assert isinstance(app.screen, ParticipantScreen)
    return app.screen


async def type_into(pilot, text: str) -> None:
    await pilot.press(*text)


# --- enrolment ---------------------------------------------------------------------------


async def test_enrolling_from_the_board_with_the_checklist(sqlite_store, today):
    app = TavlaApp(sqlite_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, EnrolDialog)
        await type_into(pilot, "Bo Berg")
        await pilot.press("tab")
        await type_into(pilot, "199107172380")
        await pilot.press("tab")
        await type_into(pilot, "Kumla")
        await pilot.press("tab", "tab")  # the enrolment date keeps today
        for _criterion in range(5):
            await pilot.press("enter", "tab", "tab")  # "Ja", then past the note
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not isinstance(app.screen, FormDialog)
        [person] = list_participants(sqlite_store)
        assert (person.name, person.identity_number, person.municipality) == (
            "Bo Berg",
            "19910717-2380",
            "Kumla",
        )
        assert get_record(sqlite_store, person.code).criteria == ALL_MET
        assert app.screen.query_one(BoardTable).cursor_keys()[0] == person.code
        assert any(person.code in notice for notice in notices(app))


async def test_an_unmet_criterion_asks_for_a_reason_and_keeps_what_was_typed(sqlite_store, today):
    app = TavlaApp(sqlite_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await type_into(pilot, "Bo Berg")
        await pilot.press("tab", "tab", "tab", "tab")
        await pilot.press("enter", "tab", "tab")  # adult: yes
        await pilot.press("enter", "tab", "tab")  # needs both: yes
        await pilot.press("right", "enter", "tab")  # diagnoses: no
        await type_into(pilot, "Utreds")
        await pilot.press("tab", "enter", "tab", "tab")  # psychiatric patient: yes
        await pilot.press("enter", "tab")  # the red field: yes
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, EnrolDialog)
        assert "ange skälet" in screen_text(app)
        assert list_participants(sqlite_store) == []
        assert app.screen.text_of("name") == "Bo Berg"
        await pilot.press("tab")  # from the last note to the reason
        await type_into(pilot, "Remiss till beroendemottagningen")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        [person] = list_participants(sqlite_store)
        record = get_record(sqlite_store, person.code)
        assert record.criteria["diagnoses"] == Answer(False, "Utreds")
        assert record.criteria_exception == "Remiss till beroendemottagningen"


async def test_a_bad_identity_number_is_explained_in_the_form(sqlite_store, today):
    app = TavlaApp(sqlite_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await type_into(pilot, "Bo Berg")
        await pilot.press("tab")
        await type_into(pilot, "19910717-2381")
        await pilot.press("tab", "tab", "tab")
        for _criterion in range(5):
            await pilot.press("enter", "tab", "tab")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "kontrollsiffra" in screen_text(app)
        assert list_participants(sqlite_store) == []


# --- the participant screen --------------------------------------------------------------


async def test_the_record_shows_and_its_opening_is_logged_once(anna, today):
    store, _ids = anna
    add_consent(
        store, "AT22", ConsentInput(today, today + timedelta(days=300), "Vård"), today=today
    )
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_anna(app, pilot)
        text = screen_text(app)
        assert "AT22" in text and "Anna Test" in text and "19900602-2397" in text
        assert "Örebro" in text and "Bipolär, alkohol" in text
        assert "giltigt" in text
        screen.reload()  # a refresh (another instance wrote) is not a new opening
        await settle(app, pilot)
    reads = [
        e for e in audit.entries(store) if (e["action"], e["detail"]) == ("read", "participant")
    ]
    assert len(reads) == 1 and reads[0]["actor"] == "testare"


async def test_presentation_mode_hides_names_numbers_notes_and_relatives(anna, today):
    store, ids = anna
    add_member(store, "AT22", ids["eva"], note="Ring före besök", today=today)
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_anna(app, pilot)
        assert "Eva Syster" in screen_text(app)
        await pilot.press("p")
        await settle(app, pilot)
        text = screen_text(app)
        assert "PRESENTATIONSLÄGE" in text and "AT22" in text
        for secret in ("Anna Test", "19900602-2397", "Bipolär", "Eva Syster", "Ring före"):
            assert secret not in text, secret


async def test_consent_is_recorded_in_the_form_and_clears_the_flag(anna, today):
    store, _ids = anna
    assert load_board(store, today).row("AT22").consent_given_on is None
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_anna(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("tab")  # given: today
        await type_into(pilot, "2026-11-01")  # before it is given
        await pilot.press("tab", "tab", "tab")  # past the parties and the form
        await type_into(pilot, "Vård och boende")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "går ut innan det ges" in screen_text(app)
        assert get_record(store, "AT22").consents == []
        await pilot.press("shift+tab", "shift+tab", "shift+tab")  # back to the expiry date
        await pilot.press(*["backspace"] * 10)
        await type_into(pilot, "2027-11-01")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "skriftligt eller muntligt" in screen_text(app)  # how it was given: not said
        assert get_record(store, "AT22").consents == []
        # The parties: region and municipality are ticked; tick Frivården (the fifth).
        await pilot.press("tab", "down", "down", "down", "down", "space")
        await pilot.press("tab", "down", "enter")  # given orally
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ParticipantScreen)
        text = screen_text(app)
        assert "giltigt" in text
        assert "omfattar region, kommun, Frivården" in text and "Frivården," not in text
        assert "givet muntligt; registrerat av testare" in text
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("tab")
        await type_into(pilot, "Ångrade sig")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    [consent] = get_record(store, "AT22").consents
    assert (consent.shares, consent.revoked_on, consent.revoked_note) == (
        "Vård och boende",
        today,
        "Ångrade sig",
    )
    assert (consent.parties, consent.form) == (("region", "municipality", "probation"), "oral")


async def test_samsa_marking(anna, today):
    store, _ids = anna
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_anna(app, pilot)
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    record = get_record(store, "AT22")
    assert (record.samsa_marked_on, record.samsa_marked_by) == (today, "testare")


async def test_coordinators_are_chosen_from_the_directory(anna, today):
    store, ids = anna
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_anna(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        await pilot.press("enter", "down", "enter")  # region: the first (only) region contact
        await pilot.press("tab", "tab")  # past the region colleague
        await pilot.press("enter", "down", "enter")  # municipality: first municipal contact
        await pilot.press("tab", "tab", "tab", "right", "enter")  # main: municipality
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ParticipantScreen)
    record = get_record(store, "AT22")
    assert record.region_coordinator.id == ids["maria"]
    assert record.municipality_coordinator.name in {"Sara Holm", "Lisa Boende"}
    assert record.main_responsibility == "municipality"


async def test_an_intervention_is_added_then_ended(anna, today):
    store, _ids = anna
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_anna(app, pilot)
        await pilot.press("i")
        await settle(app, pilot)
        await type_into(pilot, "Boendestöd")
        await pilot.press("tab", "right", "enter")  # principal: municipality
        await pilot.press("tab")
        await type_into(pilot, "Boendestödet")
        await pilot.press("tab", "space", "tab", "tab", "space")  # lanes: health and social
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ParticipantScreen)
        [item] = get_record(store, "AT22").interventions
        assert (item.what, item.principal, item.lanes, item.status) == (
            "Boendestöd",
            "municipality",
            ("health", "social"),
            "ongoing",
        )
        row = load_board(store, today).row("AT22")
        from tavla.domain.flags import covered

        assert covered(row.coverage, "health", today)

        app.screen.query_one("#interventions").focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, FormDialog)
        app.screen.query_one("#status").focus()
        await pilot.press("right", "right", "enter")  # ended, without an end date
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "slutdatum" in screen_text(app)
        app.screen.query_one("#end").focus()
        await type_into(pilot, today.isoformat())
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    [item] = get_record(store, "AT22").interventions
    assert (item.status, item.ended_on) == ("ended", today)


async def test_the_resource_group_gains_and_loses_a_member(anna, today):
    store, ids = anna
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_anna(app, pilot)
        await pilot.press("g")
        await settle(app, pilot)
        await pilot.press("enter", "down", "enter")  # the first contact by name: Eva Syster
        await pilot.press("tab")
        await type_into(pilot, "Vill vara med")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        [member] = get_record(store, "AT22").resource_group
        assert (member.contact.id, member.note) == (ids["eva"], "Vill vara med")
        app.screen.query_one("#members").focus()
        await pilot.press("delete")
        await settle(app, pilot)
    assert get_record(store, "AT22").resource_group == []


async def test_an_ors_below_the_cutoff_is_recorded_and_drawn(anna, today):
    store, _ids = anna
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_anna(app, pilot)
        await pilot.press("o")
        await settle(app, pilot)
        await pilot.press("tab")
        for item in ("5", "6", "7", "4"):
            await pilot.press(item, "tab")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ParticipantScreen)
        assert "vid eller under gränsen" in str(app.screen.query_one("#outcomes").render())
    [outcome] = get_record(store, "AT22").outcomes
    assert (outcome.kind, outcome.items, outcome.staff) == ("ors", (5, 6, 7, 4), "testare")
    assert load_board(store, today).row("AT22").ors_total == 22


async def test_an_incomplete_ors_is_refused_in_the_form(anna, today):
    store, _ids = anna
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_anna(app, pilot)
        await pilot.press("o")
        await settle(app, pilot)
        await pilot.press("tab", "5", "tab", "6")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "alla fyra delar" in screen_text(app)
    assert get_record(store, "AT22").outcomes == []


async def test_discharge_and_undo_on_the_same_day(anna, today):
    store, _ids = anna
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_anna(app, pilot)
        await pilot.press("u")
        await settle(app, pilot)
        await pilot.press("enter")  # the first reason: ready for ordinary services
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "UTSKRIVEN" in screen_text(app)
        assert load_board(store, today).rows == ()
        await pilot.press("u")
        await settle(app, pilot)
        assert "UTSKRIVEN" not in screen_text(app)
    assert [row.code for row in load_board(store, today).rows] == ["AT22"]


async def test_a_discharged_participant_is_found_with_the_palette(anna, today):
    from tavla.store.participants import discharge

    store, _ids = anna
    discharge(store, "AT22", reason="moved", on=today, today=today)
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p", *"anna")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ParticipantScreen)
        assert "Flyttat till en annan kommun" in screen_text(app)


async def test_hostile_text_shows_literally_on_the_participant_and_contacts_screens(anna, today):
    from tavla.screens.contacts import ContactsScreen
    from tavla.store.interventions import InterventionInput, add_intervention

    store, _ids = anna
    hostile = "[bold red]x[/] [link=https://example.invalid]y"
    worker = add_contact(
        store, hostile, principal="municipality", kind="housing_support", organisation="[/]"
    )
    add_intervention(
        store,
        "AT22",
        InterventionInput(
            hostile,
            "municipality",
            ("social",),
            today,
            unit="[i]enhet[/i]",
            responsible_id=worker,
        ),
    )
    add_consent(
        store,
        "AT22",
        ConsentInput(today, today + timedelta(days=30), hostile + "\x1b[2J"),
        today=today,
    )
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=(160, 50)) as pilot:
        await open_anna(app, pilot)
        text = screen_text(app)
        assert "[bold red]x[/]" in text and "[i]enhet[/i]" in text and "␛[2J" in text
        assert "\x1b" not in text
        app.pop_screen()
        await settle(app, pilot)
        app.push_screen(ContactsScreen())
        await settle(app, pilot)
        assert hostile[:39] in screen_text(app)  # long cells end in an ellipsis
