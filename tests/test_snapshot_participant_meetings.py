"""Snapshots of the participant screen's list of meetings (the demo participant with a talk
with relatives and a resource-group meeting), as the coordinator sees it and on a shared
screen. Update after an intended change of look with --snapshot-update."""

from tavla.app import TavlaApp
from tavla.store.meetings import list_meetings

from .test_snapshots import SIZE, _settle


def _meetings_of_a_participant(*keys: str):
    async def run_before(pilot) -> None:
        app = pilot.app
        await _settle(pilot)
        code = list_meetings(app.store, kind="relatives")[0].code
        app.screen.action_open_participant(code)
        await _settle(pilot)
        for key in keys:
            await pilot.press(key)
            await _settle(pilot)
        table = app.screen.query_one("#meetings")
        table.focus()
        table.scroll_visible(animate=False)
        app.clear_notifications()  # the toast for presentation mode would cover the list
        await _settle(pilot)

    return run_before


def test_participant_meetings(snap_compare, demo_store, today):
    app = TavlaApp(demo_store, today=today, watch=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_meetings_of_a_participant())


def test_participant_meetings_in_presentation_mode(snap_compare, demo_store, today):
    app = TavlaApp(demo_store, today=today, watch=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_meetings_of_a_participant("p"))
