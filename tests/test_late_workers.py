"""A worker that finishes after its screen has closed does no harm."""

from __future__ import annotations

from tavla.app import TavlaApp

from .conftest import settle as settle_and_draw

SIZE = (120, 36)


async def test_a_worker_started_for_a_screen_already_closed_knows_the_app(demo_store, today):
    """As when a save ends after Escape and asks the closed screen to load again: in the
    worker, `self.app` walked up from the screen, which has no parent any more, and raised
    NoActiveAppError (found by the monkey on the agenda and actions screens)."""
    from tavla.screens.actions import ActionsScreen

    app = TavlaApp(demo_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle_and_draw(app, pilot)
        await pilot.press("a")
        await settle_and_draw(app, pilot)
        screen = app.screen
        assert isinstance(screen, ActionsScreen)
        await pilot.press("escape")
        await settle_and_draw(app, pilot)
        assert not screen.is_attached
        seen = screen.run_worker(lambda: screen.app, thread=True)
        await seen.wait()
        assert seen.result is app
