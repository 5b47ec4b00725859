"""The needs assessment on screen: from the participant screen (b), the life areas with their
newest assessments, Enter to assess one, and notes hidden while presenting."""

from __future__ import annotations

from datetime import timedelta

from tavla.app import TavlaApp
from tavla.screens.assessments import AssessmentDialog, AssessmentScreen
from tavla.store.assessments import add_assessment, latest_assessment
from tavla.store.participants import add_participant

from .conftest import notices, screen_text, settle

SIZE = (120, 36)


async def open_areas(app, pilot) -> AssessmentScreen:
    await settle(app, pilot)
    app.screen.action_open_participant("AT22")
    await settle(app, pilot)
    await pilot.press("b")
    await settle(app, pilot)
    assert isinstance(app.screen, AssessmentScreen)
    return app.screen


def _anna(store, today) -> str:
    add_participant(store, "Anna Test", code="AT22", enrolled_on=today - timedelta(weeks=4))
    earlier = today - timedelta(days=10)
    add_assessment(
        store, "AT22", "finances", "unmet", note="HEMLIGT skulder", assessed_on=earlier, today=today
    )
    return "AT22"


async def test_the_areas_show_with_the_newest_assessment_and_enter_assesses_one(
    sqlite_store, today
):
    _anna(sqlite_store, today)
    app = TavlaApp(sqlite_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_areas(app, pilot)
        text = screen_text(app)
        for words in (
            "Boende",
            "Ekonomi",
            "Trygghet och säkerhet",
            "behov ej tillgodosett",
            "HEMLIGT skulder",
            "inte bedömt",
            "testare",
        ):
            assert words in text
        await pilot.press("enter")  # the first area: housing
        await settle(app, pilot)
        assert isinstance(app.screen, AssessmentDialog)
        await pilot.press("ctrl+s")  # no need chosen yet: said in the form, nothing saved
        await settle(app, pilot)
        assert isinstance(app.screen, AssessmentDialog)
        assert "Välj inget behov" in screen_text(app)
        await pilot.press("down", "enter", "tab", "tab", *"Egen lägenhet", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, AssessmentScreen)
        assert any("Bedömningen är sparad" in n for n in notices(app))
        housing = latest_assessment(sqlite_store, "AT22", log=False)["housing"]
        assert (housing.need, housing.note, housing.assessed_on) == ("met", "Egen lägenhet", today)
        assert "Egen lägenhet" in screen_text(app)


async def test_presenting_hides_the_notes_and_refuses_the_form(sqlite_store, today):
    _anna(sqlite_store, today)
    app = TavlaApp(sqlite_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_areas(app, pilot)
        await pilot.press("p")
        await settle(app, pilot)
        text = screen_text(app)
        assert "HEMLIGT" not in text and "(dolt)" in text
        assert "behov ej tillgodosett" in text  # the need itself is shown
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, AssessmentDialog)
