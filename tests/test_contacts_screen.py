"""The contacts screen: search and filter as you type; add and correct contacts."""

from __future__ import annotations

from tavla.app import TavlaApp
from tavla.screens.contact_form import ContactDialog
from tavla.screens.contacts import ContactsScreen
from tavla.store.contacts import add_contact, list_contacts

from .conftest import screen_text, settle

SIZE = (120, 36)


def names_shown(app) -> list[str]:
    table = app.screen.query_one("DataTable")
    return [table.get_row_at(n)[0].plain for n in range(table.row_count)]


async def open_contacts(app, pilot) -> ContactsScreen:
    await settle(app, pilot)
    await pilot.press("c")
    await settle(app, pilot)
    assert isinstance(app.screen, ContactsScreen)
    return app.screen


async def test_search_and_filter_as_you_type(demo_store, today):
    app = TavlaApp(demo_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        everyone = names_shown(app)
        assert len(everyone) == len(list_contacts(demo_store)) > 10
        await pilot.press(*"boende")
        await pilot.pause()
        assert set(names_shown(app)) == {"Lisa Boendestöd", "Omar Boendestöd"}
        await pilot.press(*["backspace"] * 6, *"019-000 10 10")
        await pilot.pause()
        assert names_shown(app) == ["Vårdcentralen Björkdalen"]
        await pilot.press(*["backspace"] * 13)
        app.screen.query_one("#kind").value = "relative"
        await pilot.pause()
        assert all(name.endswith(")") for name in names_shown(app))  # "Eva (syster)" …
        assert "4 kontakter av" in screen_text(app)


async def test_adding_a_contact_with_a_bad_address_is_explained_then_saved(sqlite_store, today):
    app = TavlaApp(sqlite_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        assert isinstance(app.screen, ContactDialog)
        await pilot.press(*"Lisa Boende", "tab")
        await pilot.press("tab", "right", "enter")  # principal: municipality
        await pilot.press("tab", *"Boendestödjare", "tab", *"Boendestödet")
        await pilot.press("tab", *"070-123 45 67", "tab", *"lisa.kommun.example")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "ingen e-postadress" in screen_text(app)
        assert list_contacts(sqlite_store) == []
        await pilot.press(*["backspace"] * 19, *"lisa@kommun.example")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ContactsScreen)
        assert names_shown(app) == ["Lisa Boende"]
    [contact] = list_contacts(sqlite_store)
    assert (contact.principal, contact.role, contact.phone, contact.email) == (
        "municipality",
        "Boendestödjare",
        "070-123 45 67",
        "lisa@kommun.example",
    )


async def test_enter_corrects_a_contact(sqlite_store, today):
    add_contact(sqlite_store, "Lisa", principal="municipality")
    app = TavlaApp(sqlite_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        app.screen.query_one("DataTable").focus()
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("end", *" Boende", "ctrl+s")
        await settle(app, pilot)
    assert [c.name for c in list_contacts(sqlite_store)] == ["Lisa Boende"]


async def test_relatives_stay_private_in_presentation_mode(demo_store, today):
    app = TavlaApp(demo_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(app, pilot)
        assert "Eva (syster)" in screen_text(app)
        app.screen.query_one("DataTable").focus()
        await pilot.press("p")
        await settle(app, pilot)
        text = screen_text(app)
        assert "PRESENTATIONSLÄGE" in text and "Eva (syster)" not in text
        assert "Vårdcentralen Björkdalen" in text
