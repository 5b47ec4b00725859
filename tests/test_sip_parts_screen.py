"""The SIP screen's needs, others' measures, who calls the follow-up, own view and what was
unclear, edited from the keyboard as a coordinator does; and hidden while presenting."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import DataTable, RadioSet, TextArea

from tavla.app import TavlaApp
from tavla.screens.sip_need_forms import MeasureDialog, NeedDialog
from tavla.store.assessments import add_assessment
from tavla.store.plans_record import get_plans
from tavla.store.sip_parts import OthersMeasure, SipNeed
from tavla.store.sips import PlanIntervention, save_sip

from .conftest import screen_text, settle
from .test_sip_screen import SIZE, anna, fill, first_plan, open_sip, save_form

__all__ = ["anna"]  # the fixture, shared with the SIP screen's tests


async def choose(app, pilot, radio_set: str, steps: int) -> None:
    """Press the button `steps` below the first of a radio set, by the keys."""
    app.screen.query_one(f"#{radio_set}", RadioSet).focus()
    await pilot.pause()
    await pilot.press("home", *(["down"] * steps), "enter")


async def test_needs_are_added_met_or_not_yet_changed_and_removed(anna, today):
    store, _maria = anna
    support = get_plans(store, "AT22").interventions[0].id
    plan = replace(first_plan(today), interventions=(PlanIntervention(support),))
    save_sip(store, "AT22", plan, base=None, today=today)
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_sip(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, NeedDialog)
        await pilot.press(*"Eget boende")
        await choose(app, pilot, "need-area", 3)  # none, health, cognition, social
        app.screen.query_one("#met-by").focus()
        await pilot.press("space")  # Boendestöd, the plan's only intervention
        await save_form(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*"Arbete")
        await save_form(app, pilot)
        text = screen_text(app)
        assert "Social stabilitet" in text and "ingen insats än" in text
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert get_plans(store, "AT22").sip.needs == (
            SipNeed("Eget boende", "social", (support,)),
            SipNeed("Arbete", "", ()),
        )

        table = app.screen.query_one("#needs", DataTable)
        table.focus()
        await pilot.press("down", "enter")  # the second need
        await pilot.pause()
        await choose(app, pilot, "need-area", 1)
        await save_form(app, pilot)
        table.focus()
        await pilot.press("up", "delete", "ctrl+s")
        await settle(app, pilot)
    assert get_plans(store, "AT22").sip.needs == (SipNeed("Arbete", "health", ()),)


async def test_others_measures_the_caller_and_the_persons_view(anna, today):
    store, _maria = anna
    save_sip(store, "AT22", first_plan(today), base=None, today=today)
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_sip(app, pilot)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, MeasureDialog)
        await choose(app, pilot, "who", 1)  # Försäkringskassan, Frivården, …
        await fill(app, pilot, "what", "Övervakning")
        await save_form(app, pilot)
        assert "Frivården" in screen_text(app) and "Övervakning" in screen_text(app)
        await pilot.press("w")
        await pilot.pause()
        app.screen.query_one("#own-view", TextArea).focus()
        await pilot.press(*"Bra plan")
        app.screen.query_one("#unclear", TextArea).focus()
        await pilot.press(*"Hyran")
        await save_form(app, pilot)
        await pilot.press("m")
        await pilot.pause()
        await fill(app, pilot, "caller-text", "Eva, syster")
        await save_form(app, pilot)
        assert "Kallar till uppföljningen: Eva, syster" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("p")  # presenting: the person's words and the relative are hidden
        await settle(app, pilot)
        shown = screen_text(app)
        assert not any(w in shown for w in ("Övervakning", "Bra plan", "Hyran", "Eva"))
        assert "Frivården" in shown
    plan = get_plans(store, "AT22").sip
    assert plan.others_measures == (OthersMeasure("probation", "Övervakning"),)
    assert (plan.own_view, plan.unclear, plan.follow_up_caller) == (
        "Bra plan",
        "Hyran",
        "Eva, syster",
    )
    assert get_plans(store, "AT22").sips[0][1].needs == ()


async def test_the_latest_assessments_needs_are_offered_unmet_first(anna, today):
    store, _maria = anna
    for area, need in (("finances", "met"), ("housing", "unmet"), ("occupation", "none")):
        add_assessment(store, "AT22", area, need, assessed_on=today, today=today)
    save_sip(store, "AT22", first_plan(today), base=None, today=today)
    app = TavlaApp(store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_sip(app, pilot)
        assert screen.suggestions == [("social", "Boende"), ("social", "Ekonomi")]
        await pilot.press("e")
        await pilot.pause()
        await choose(app, pilot, "suggested", 1)
        await save_form(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert get_plans(store, "AT22").sip.needs == (SipNeed("Ekonomi", "social", ()),)
