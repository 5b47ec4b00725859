"""The board as a coordinator uses it: keys pressed, screen and database checked."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from tavla.app import WARM_UP_DELAY_S, TavlaApp
from tavla.domain.display import fit_name
from tavla.screens.rating import RatingDialog
from tavla.screens.themes import CONTRAST, NORMAL
from tavla.store import audit, settings
from tavla.store.participants import add_participant, list_participants
from tavla.store.ratings import NewRating, add_rating
from tavla.widgets.board_table import NAME_WIDTH, BoardTable
from tavla.widgets.cell_detail import CellDetail
from tavla.widgets.status_bar import StatusBar

from .conftest import notices, screen_text, settle

SIZE = (120, 36)
HOSTILE = "[bold red]x[/] [link=https://example.invalid]y"


def ratings(store) -> list[tuple]:
    with store.reader() as conn:
        cursor = conn.cursor()
        cursor.execute("SELECT lane, level, need, note, author FROM rating ORDER BY id")
        return cursor.fetchall()


def cell(app, code: str, column: str) -> str:
    return app.screen.query_one(BoardTable).get_cell(code, column).plain


def first_code(store) -> str:
    return list_participants(store)[0].code


async def test_the_board_shows_every_active_participant_with_lanes_coordinators_and_week(
    demo_store, today
):
    app = TavlaApp(demo_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(BoardTable)
        assert table.row_count == 12
        labels = [column.label.plain for column in table.columns.values()]
        assert labels == [
            "Kod",
            "Namn",
            "Hälsa",
            "Kognitiv förmåga",
            "Social stabilitet",
            "Region/kommun",
            "Senast",
            "SIP",
            "Möte",
            "Obs",
        ]
        text = screen_text(app)
        for row in list_participants(demo_store):
            assert row.code in text and fit_name(row.name, NAME_WIDTH) in text
        assert "vecka 48" in text and "12 deltagare" in text and "DEMO" in text
        code = first_code(demo_store)
        lane = cell(app, code, "health")
        assert (
            lane[1] in "01234?" and lane[3] in "↑↓→ " and len(lane) == 17
        )  # badge, arrow, 12 weeks, need
        assert "v.47" in cell(app, code, "last_rated")
        assert "●" in cell(app, code, "coordinators")


async def test_arrow_keys_enter_and_the_dialog_record_a_rating(demo_store, today):
    before = len(ratings(demo_store))
    app = TavlaApp(demo_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(BoardTable)
        await pilot.press("down", "right")  # second participant, Kognitiv förmåga
        code, column = table.cursor_keys()
        assert column == "cognition"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RatingDialog)
        await pilot.press("4")  # level by its digit
        # The need set's cursor starts on the current mark (met, unmet, not assessed).
        current = app.screen.current.need
        steps = (1 - ["met", "unmet", None].index(current)) % 3
        await pilot.press("tab", *["right"] * steps, "enter")  # need: "Ej tillgodosett"
        await pilot.press("tab", *"Ny boendestödjare")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not isinstance(app.screen, RatingDialog)
        assert ratings(demo_store)[before:] == [
            ("cognition", 4, "unmet", "Ny boendestödjare", "testare")
        ]
        assert cell(app, code, "cognition").startswith(" 4 ")
        assert cell(app, code, "cognition").endswith("✗")
        assert "Ny boendestödjare" in screen_text(app)
        assert table.cursor_keys() == (code, "cognition")


async def test_cancelling_the_dialog_stores_nothing(demo_store, today):
    before = ratings(demo_store)
    app = TavlaApp(demo_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "3", "escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, RatingDialog)
    assert ratings(demo_store) == before


async def test_saving_without_a_level_is_refused_in_the_dialog(sqlite_store, today):
    add_participant(sqlite_store, "Ny Person", code="NP22", enrolled_on=today)
    app = TavlaApp(sqlite_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "ej bedömd" in cell(app, "NP22", "health")
        await pilot.press("enter", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, RatingDialog)
        assert "Välj en nivå" in screen_text(app)
        await pilot.press("2", "ctrl+s")
        await settle(app, pilot)
        assert cell(app, "NP22", "health").startswith(" 2 ")
    assert ratings(sqlite_store) == [("health", 2, None, "", "testare")]


async def test_enter_on_a_name_opens_the_participant_and_elsewhere_explains_rating(
    demo_store, today
):
    from tavla.screens.participant import ParticipantScreen

    code = first_code(demo_store)
    app = TavlaApp(demo_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("left", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ParticipantScreen) and app.screen.code == code
        await pilot.press("escape")
        await pilot.press("right", "right", "right", "right", "enter")  # the coordinators
        await pilot.pause(0.3)
        assert not isinstance(app.screen, RatingDialog)
        assert any("Gå till en dimension" in notice for notice in notices(app))


async def test_a_rating_from_another_process_appears_within_a_second(demo_store, db_path, today):
    code = first_code(demo_store)
    app = TavlaApp(demo_store, today=today)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)
        assert not cell(app, code, "social").startswith(" ? ")
        subprocess.run(
            [
                sys.executable,
                "-m",
                "tavla",
                "--db",
                str(db_path),
                "rate",
                code,
                "social",
                "unknown",
            ],
            check=True,
            capture_output=True,
            env={**os.environ},
        )
        written = time.monotonic()
        while not cell(app, code, "social").startswith(" ? "):
            assert time.monotonic() - written < 1.0, "the board did not refresh within a second"
            await pilot.pause(0.02)


async def test_presentation_mode_hides_names_identity_numbers_and_notes_and_is_remembered(
    demo_store, today
):
    people = list_participants(demo_store)
    code = people[0].code
    add_rating(
        demo_store, code, NewRating("health", 2, note="Hemligt besked"), rated_on=today, today=today
    )
    app = TavlaApp(demo_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "Hemligt besked" in screen_text(app)
        await pilot.press("p")
        await settle(app, pilot)
        text = screen_text(app)
        assert "PRESENTATIONSLÄGE" in text
        assert app.screen.query_one(StatusBar).has_class("-presentation")
        for person in people:
            assert person.name not in text and person.identity_number not in text
            assert person.code in text
        assert "Hemligt besked" not in text and "Anteckning: (dolt)" in text
        await pilot.press("enter")
        await pilot.pause()
        dialog_text = screen_text(app)
        assert people[0].name not in dialog_text and "Hemligt besked" not in dialog_text
        await pilot.press("escape")
    assert settings.is_on(settings.read_all(demo_store), settings.PRESENTATION)

    again = TavlaApp(demo_store, today=today, watch=False)
    async with again.run_test(size=SIZE) as pilot:
        await settle(again, pilot)
        assert "PRESENTATIONSLÄGE" in screen_text(again)
        await pilot.press("p")  # a stray p does not show names to the room
        await settle(again, pilot)
        assert again.presentation and people[0].name not in screen_text(again)
        assert any("Tryck p igen" in notice for notice in notices(again))
        await pilot.press("p")  # p again, at once: off
        await settle(again, pilot)
        assert people[0].name in screen_text(again)
    assert not settings.is_on(settings.read_all(demo_store), settings.PRESENTATION)


async def test_a_new_board_starts_with_presentation_mode_off(sqlite_store, today):
    app = TavlaApp(sqlite_store, today=today, watch=False)
    assert app.presentation is False


async def test_high_contrast_is_one_key_away_and_remembered(demo_store, today):
    app = TavlaApp(demo_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.theme == NORMAL
        await pilot.press("k")
        await settle(app, pilot)
        assert app.theme == CONTRAST
    assert settings.read_all(demo_store)[settings.THEME] == CONTRAST
    again = TavlaApp(demo_store, today=today, watch=False)
    assert again.theme == CONTRAST


async def test_the_command_palette_jumps_to_a_participant_by_code_or_name(demo_store, today):
    people = list_participants(demo_store)
    target = people[-1]
    app = TavlaApp(demo_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(BoardTable)
        await pilot.press("ctrl+p", *target.name)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(app, pilot)
        assert table.cursor_keys()[0] == target.code

        await pilot.press("ctrl+p", *people[0].code.lower())
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(app, pilot)
        assert table.cursor_keys()[0] == people[0].code


async def test_the_palette_does_not_match_names_in_presentation_mode(demo_store, today):
    target = list_participants(demo_store)[-1]
    app = TavlaApp(demo_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("p")
        await settle(app, pilot)
        await pilot.press("ctrl+p", *target.name)
        await pilot.pause(0.3)
        hits = palette_hits(app)
        assert not any(target.code in hit for hit in hits)
        await pilot.press(*["backspace"] * len(target.name), *target.code)
        await pilot.pause(0.3)
        assert any(hit == target.code for hit in palette_hits(app))


def palette_hits(app) -> list[str]:
    from textual.command import CommandList

    options = app.screen.query_one(CommandList)
    return [
        str(options.get_option_at_index(i).prompt).split("\n")[0]
        for i in range(options.option_count)
    ]


async def test_the_palette_runs_the_screens_actions(demo_store, today):
    app = TavlaApp(demo_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p", *"presentationsläge")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.presentation is True


async def test_hostile_text_shows_literally(sqlite_store, today):
    add_participant(sqlite_store, HOSTILE, code="HX22", enrolled_on=today)
    note = "ring\x1b[31mmamma\x07 [/bold]"
    add_rating(sqlite_store, "HX22", NewRating("health", 1, note=note), rated_on=today, today=today)
    app = TavlaApp(sqlite_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        shown = cell(app, "HX22", "name")  # too long, so shortened: but shown as typed
        assert shown.startswith("[") and "[link=" in shown
        detail = app.screen.query_one(CellDetail)
        shown = str(detail.render())
        assert HOSTILE in shown
        assert "ring␛[31mmamma␇ [/bold]" in shown
        await pilot.press("enter")
        await pilot.pause()
        assert HOSTILE in screen_text(app)
        assert "\x1b" not in screen_text(app)


async def test_an_empty_board_says_how_to_enrol(sqlite_store, today):
    app = TavlaApp(sqlite_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "tavla participant add" in screen_text(app)


async def test_opening_the_board_and_a_record_is_in_the_access_log(demo_store, today):
    code = first_code(demo_store)
    app = TavlaApp(demo_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(WARM_UP_DELAY_S + 0.2)  # the board's opening is logged after the paint
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
    reads = [
        (e["action"], e["detail"], e["participant_id"] is not None)
        for e in audit.entries(demo_store)
        if e["action"] == "read"
    ]
    assert reads == [("read", "board", False), ("read", "rating", True)]
    [entry] = [e for e in audit.entries(demo_store) if e["detail"] == "rating"]
    assert entry["actor"] == "testare"
    assert code


@pytest.mark.parametrize("lang", ["en"])
def test_the_board_in_english(demo_store, db_path, today, lang):
    script = (
        "import asyncio, datetime\n"
        "from tavla.app import TavlaApp\n"
        "from tavla.store import Location, open_store\n"
        "from tavla.widgets.board_table import BoardTable\n"
        "async def main():\n"
        f"    store = open_store(Location.sqlite({str(db_path)!r}), actor='x')\n"
        f"    app = TavlaApp(store, today=datetime.date.fromisoformat({today.isoformat()!r}),"
        " watch=False)\n"
        "    async with app.run_test(size=(120, 36)) as pilot:\n"
        "        await pilot.pause(0.5)\n"
        "        table = app.screen.query_one(BoardTable)\n"
        "        print([c.label.plain for c in table.columns.values()])\n"
        "        print(app.screen.query_one('Footer').render())\n"
        "asyncio.run(main())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "TAVLA_LANG": lang},
    )
    assert result.returncode == 0, result.stderr
    header = result.stdout.splitlines()[0]
    assert header == str(
        [
            "Code",
            "Name",
            "Health",
            "Cognitive ability",
            "Social stability",
            "Region/municipality",
            "Latest",
            "SIP",
            "Disc.",
            "Flags",
        ]
    )


async def test_live_updates_survive_a_dropped_postgresql_connection(pg_location, today):
    import psycopg

    from tavla.store import open_store
    from tavla.store.changes import WATCHER_NAME

    from .conftest import PG_URL

    store = open_store(pg_location, actor="testare")
    add_participant(store, "A", code="AA22", enrolled_on=today)
    app = TavlaApp(store, today=today)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)
        with psycopg.connect(PG_URL, autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = %s",
                (WATCHER_NAME,),
            )
        deadline = time.monotonic() + 5
        while not any("återupptagna" in n for n in notices(app)):
            assert time.monotonic() < deadline, notices(app)
            await pilot.pause(0.1)
        assert any("pausade" in n for n in notices(app))
        other = open_store(pg_location, actor="annan")
        add_rating(other, "AA22", NewRating("health", 3), rated_on=today, today=today)
        written = time.monotonic()
        while not cell(app, "AA22", "health").startswith(" 3 "):
            assert time.monotonic() - written < 1.0
            await pilot.pause(0.02)
        other.close()
    store.close()


async def test_a_remembered_theme_that_no_longer_exists_falls_back(sqlite_store, today):
    settings.set_value(sqlite_store, settings.THEME, "borttaget-tema")
    assert TavlaApp(sqlite_store, today=today, watch=False).theme == NORMAL


async def test_the_demo_board_fits_120_columns_without_scrolling_sideways(demo_store, today):
    app = TavlaApp(demo_store, today=today, watch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(BoardTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width
        assert not table.show_horizontal_scrollbar
