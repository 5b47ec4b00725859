"""The SIP screen as a coordinator uses it: create, edit, versions, diff, crisis plan, copy,
and two coordinators saving the same SIP."""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from datetime import timedelta

import pytest
from textual.widgets import DataTable, Input

from tavla.app import TavlaApp
from tavla.screens.form import FormDialog
from tavla.screens.intervention_form import InterventionDialog
from tavla.screens.plan_versions import ChangesDialog, VersionsScreen
from tavla.screens.sip import SipScreen
from tavla.store import audit
from tavla.store.board import load_board
from tavla.store.contacts import add_contact
from tavla.store.interventions import InterventionInput, add_intervention
from tavla.store.participants import Coordinators, add_participant, assign_contacts
from tavla.store.plans_record import get_plans
from tavla.store.sips import Goal, SipPlan, SubGoal, save_sip

from .conftest import notices, screen_text, settle

SIZE = (120, 40)


@pytest.fixture
def anna(sqlite_store, today):
    store = sqlite_store
    add_participant(
        store, "Anna Test", code="AT22", enrolled_on=today - timedelta(weeks=10), today=today
    )
    maria = add_contact(
        store, "Maria Lind", principal="region", kind="coordinator", phone="019-000 61 00"
    )
    sara = add_contact(store, "Sara Holm", principal="municipality", kind="coordinator")
    assign_contacts(store, "AT22", Coordinators(maria, sara, None, None, None, "region"))
    add_intervention(
        store,
        "AT22",
        InterventionInput("Boendestöd", "municipality", ("social",), today - timedelta(weeks=4)),
    )
    return store, maria


def first_plan(today) -> SipPlan:
    return SipPlan(
        meeting_on=today - timedelta(days=7),
        goals=(Goal("Eget boende", (SubGoal("Handla själv", today + timedelta(days=30)),)),),
        follow_up_on=today + timedelta(days=60),
        ends_on=today + timedelta(days=300),
    )


async def open_sip(app, pilot) -> SipScreen:
    await settle(app, pilot)
    await pilot.press("l")
    await settle(app, pilot)
    assert isinstance(app.screen, SipScreen)
    return app.screen


async def fill(app, pilot, widget_id: str, text: str) -> None:
    """Put the cursor in a field of the open form, clear it and type, as a user would."""
    field = app.screen.query_one(f"#{widget_id}", Input)
    field.focus()
    await pilot.pause()
    field.clear()
    await pilot.press(*text)


async def save_form(app, pilot) -> None:
    await pilot.press("ctrl+s")
    await settle(app, pilot)


async def test_writing_a_first_sip_from_the_keyboard(anna, today):
    store, maria = anna
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_sip(app, pilot)
        assert "ingen sparad version än" in screen_text(app)
        assert "Boendestöd" in screen_text(app)  # ongoing interventions are proposed
        await pilot.press("m")
        await pilot.pause()
        follow_up = today + timedelta(days=90)
        await fill(app, pilot, "follow-up", follow_up.isoformat())
        await fill(app, pilot, "consent", today.isoformat())
        await save_form(app, pilot)
        await pilot.press("g")
        await pilot.pause()
        await pilot.press(*"Eget boende")
        await save_form(app, pilot)
        await pilot.press("b")
        await pilot.pause()
        await pilot.press(*"Gå till bostadsförmedlingen")
        await fill(app, pilot, "target", (today + timedelta(days=30)).isoformat())
        await save_form(app, pilot)
        await pilot.press("w")
        await pilot.pause()
        await pilot.press(*"Jag vill ha ett hem")
        await save_form(app, pilot)
        assert "OSPARADE ÄNDRINGAR" in screen_text(app)
        assert get_plans(store, "AT22").sips == []  # nothing is saved before ctrl+s

        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "SIP sparad som version 1." in notices(app)
        assert "version 1, sparad" in screen_text(app)
    plan = get_plans(store, "AT22").sip
    assert plan.follow_up_on == follow_up
    assert plan.consent_on == today
    assert plan.own_goals == "Jag vill ha ett hem"
    assert plan.goals == (
        Goal("Eget boende", (SubGoal("Gå till bostadsförmedlingen", today + timedelta(days=30)),)),
    )
    assert plan.attendee_ids == (maria, plan.attendee_ids[1])
    assert plan.main_responsibility == "region" and plan.responsible_id == maria
    assert [i.what for i in plan.interventions] == ["Boendestöd"]
    assert load_board(store, today).row("AT22").sip_follow_up_on == follow_up


async def test_a_past_follow_up_date_is_refused_in_the_form_and_nothing_is_lost(anna, today):
    store, _maria = anna
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_sip(app, pilot)
        await pilot.press("m")
        await pilot.pause()
        await fill(app, pilot, "follow-up", (today - timedelta(days=3)).isoformat())
        await fill(app, pilot, "others", "Eva, syster")
        await save_form(app, pilot)
        await pilot.press("ctrl+s")  # the draft takes the form's values only when it is saved
        await settle(app, pilot)
        # The form passes the dates; the plan refuses them on save, and says why.
        assert isinstance(app.screen, SipScreen)
        assert any("har passerat" in n for n in notices(app))
        assert get_plans(store, "AT22").sips == []
        assert screen.draft.others_present == "Eva, syster"  # still on screen
        await pilot.press("m")
        await pilot.pause()
        await fill(app, pilot, "follow-up", (today + timedelta(days=10)).isoformat())
        await save_form(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert get_plans(store, "AT22").sip.others_present == "Eva, syster"


async def test_a_sub_goal_after_the_plan_ends_is_refused_in_its_form(anna, today):
    store, _maria = anna
    save_sip(store, "AT22", first_plan(today), base=None, today=today)
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_sip(app, pilot)
        await pilot.press("b")
        await pilot.pause()
        await pilot.press(*"En månad drogfri")
        await fill(app, pilot, "target", (today + timedelta(days=400)).isoformat())
        await save_form(app, pilot)
        assert isinstance(app.screen, FormDialog)  # still open, with what was typed
        assert "efter att planen slutar" in screen_text(app)
        assert app.screen.query_one("#sub-goal", Input).value == "En månad drogfri"
        await fill(app, pilot, "target", (today + timedelta(days=100)).isoformat())
        await save_form(app, pilot)
        assert isinstance(app.screen, SipScreen)
        assert "En månad drogfri" in screen_text(app)


async def test_an_intervention_without_a_principal_is_refused(anna, today):
    store, _maria = anna
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_sip(app, pilot)
        await pilot.press("n")
        await settle(app, pilot)
        assert isinstance(app.screen, InterventionDialog)
        await pilot.press(*"Samtalsstöd")
        await pilot.click("#lane-health")
        await save_form(app, pilot)
        assert "huvudman" in screen_text(app)
        assert app.screen.query_one("#what", Input).value == "Samtalsstöd"


async def test_saving_again_makes_a_version_and_the_versions_screen_shows_the_change(anna, today):
    store, _maria = anna
    save_sip(store, "AT22", first_plan(today), base=None, today=today)
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_sip(app, pilot)
        await pilot.press("g")
        await pilot.pause()
        await pilot.press(*"En månad drogfri")
        await save_form(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("v")
        await settle(app, pilot)
        assert isinstance(app.screen, VersionsScreen)
        text = screen_text(app)
        assert "Ändringar från version 1 till 2" in text
        assert "+ Mål 'En månad drogfri'" in text
        await pilot.press("down")  # the first version: everything new, still readable
        await pilot.pause()
        assert "Version 1: den första" in screen_text(app)
        assert "Handla själv" in screen_text(app)
    assert [info.version for info, _plan in get_plans(store, "AT22").sips] == [1, 2]


async def test_a_second_coordinators_save_is_refused_and_their_work_kept(anna, today):
    store, _maria = anna
    save_sip(store, "AT22", first_plan(today), base=None, today=today)
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_sip(app, pilot)
        await pilot.press("g")
        await pilot.pause()
        await pilot.press(*"Min ändring")
        await save_form(app, pilot)
        # Meanwhile, another coordinator saves the same SIP.
        theirs = replace(first_plan(today), own_goals="Deras ändring")
        save_sip(store, "AT22", theirs, base=1, today=today)

        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert any("sparade version 2" in n for n in notices(app))
        assert [info.version for info, _p in get_plans(store, "AT22").sips] == [1, 2]
        assert screen.dirty and "Min ändring" in screen_text(app)

        await pilot.press("d")
        await settle(app, pilot)
        assert isinstance(app.screen, ChangesDialog)
        assert "+ Mål 'Min ändring'" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+s")  # knowingly, on top of theirs
        await settle(app, pilot)
    newest = get_plans(store, "AT22")
    assert newest.sip_version == 3
    assert [g.text for g in newest.sip.goals] == ["Eget boende", "Min ändring"]


async def test_the_crisis_plan_is_written_and_the_board_flag_goes(anna, today):
    store, maria = anna
    assert any(f == "crisis" for f in _flags(store, today))
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_sip(app, pilot)
        assert "Ingen krisplan" in screen_text(app)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"Slutar svara i telefon")
        await pilot.press("tab")
        await pilot.press(*"Ringer Maria")
        await pilot.press("tab", "tab", "space")  # past "what staff do", tick the first contact
        await save_form(app, pilot)
        assert "Krisplanen sparad som version 1." in notices(app)
        assert "Maria Lind 019-000 61 00" in screen_text(app)
    plan = get_plans(store, "AT22").crisis_plan
    assert plan.early_signs == "Slutar svara i telefon"
    assert plan.call_ids == (maria,) and plan.reviewed_on == today
    assert "crisis" not in _flags(store, today)


def _flags(store, today) -> list[str]:
    from tavla.domain.flags import participant_flags

    return [f.key for f in participant_flags(load_board(store, today).row("AT22"), today)]


async def test_the_persons_copy_is_written_private_and_logged(anna, today, tmp_path):
    store, _maria = anna
    save_sip(store, "AT22", first_plan(today), base=None, today=today)
    target = tmp_path / "kopia.html"
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_sip(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        await fill(app, pilot, "path", str(target))
        await save_form(app, pilot)
        assert f"Exemplaret är sparat i {target}" in notices(app)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    html = target.read_text("utf-8")
    assert html.index("Dina mål") < html.index("Vem gör vad") < html.index("Uppföljning")
    # The newest export (a read logged by a worker may land after it on a quick machine).
    entry = [entry for entry in audit.entries(store) if entry["action"] == "export"][-1]
    assert str(target) in entry["detail"]


async def test_a_hidden_goal_cannot_be_deleted_while_presenting(anna, today):
    """Delete on a goal shown as "(dolt)" would remove what nobody in the room can see."""
    store, _maria = anna
    save_sip(store, "AT22", first_plan(today), base=None, today=today)
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_sip(app, pilot)
        await pilot.press("p")
        screen.query_one("#goals", DataTable).focus()
        await pilot.press("delete")
        await settle(app, pilot)
        assert len(screen.draft.goals) == 1 and not screen.dirty
        assert any("stäng av presentationsläget (p)" in n for n in notices(app))
        await pilot.press("p", "p", "delete")  # with presentation mode off, it goes
        await settle(app, pilot)
        assert screen.draft.goals == () and screen.dirty
