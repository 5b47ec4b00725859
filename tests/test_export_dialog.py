"""The export dialog as a coordinator uses it: `e` on the board, choose what and which format,
see the progress, read where the file went; mistakes are said in the dialog, nothing lost."""

from __future__ import annotations

import json
import stat

from openpyxl import load_workbook
from textual.widgets import Input, ProgressBar, RadioButton, Static

from tavla.app import TavlaApp
from tavla.screens.export_dialog import ExportDialog
from tavla.store import audit
from tavla.store.participants import list_participants

from .conftest import screen_text, settle

SIZE = (120, 40)


async def _open(app, pilot, folder):
    folder.mkdir()
    app.export_folder = folder
    await pilot.press("e")
    await settle(app, pilot)
    assert isinstance(app.screen, ExportDialog)
    return app.screen


async def _choose(app, pilot, dialog, name: str) -> None:
    button = next(b for b in dialog.query(RadioButton) if b.name == name)
    await pilot.click(button)
    await settle(app, pilot)


async def test_e_exports_the_template_and_shows_where_it_went(demo_store, today, tmp_path):
    out = tmp_path / "ut"  # the database lies in tmp_path
    app = TavlaApp(demo_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _open(app, pilot, out)
        path = dialog.query_one("#export-path", Input).value
        assert path == str(out / "tavla-mall.xlsx")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is dialog  # it stays open to say where the file went
        assert "Skrivet: " in screen_text(app) and str(dialog.written) == path
        bar = dialog.query_one(ProgressBar)
        assert bar.total and bar.progress == bar.total
        assert load_workbook(path).sheetnames[0] == "Tavlan"
        assert stat.S_IMODE((out / "tavla-mall.xlsx").stat().st_mode) == 0o644
        await pilot.press("ctrl+s")  # the primary button now closes
        await settle(app, pilot)
        assert app.screen is not dialog
    # The newest export (the board's own "opened" entry may land after it on a quick machine).
    exports = [entry for entry in audit.entries(demo_store) if entry["action"] == "export"]
    assert exports[-1]["detail"] == f"template → {path}"


async def test_the_board_de_identified_as_csv(demo_store, today, tmp_path):
    out = tmp_path / "ut"  # the database lies in tmp_path
    app = TavlaApp(demo_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _open(app, pilot, out)
        await _choose(app, pilot, dialog, "board")
        await _choose(app, pilot, dialog, "csv")
        path = dialog.query_one("#export-path", Input).value
        assert path == str(out / "tavla-avidentifierad-2026-W48.csv")
        assert "0600" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "Skrivet:" in screen_text(app)
    written = out / "tavla-avidentifierad-2026-W48.csv"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    text = written.read_text("utf-8-sig")
    names = [p.name for p in list_participants(demo_store)]
    assert names and not any(name in text for name in names)


async def test_figures_take_a_period_and_a_wrong_month_is_said_in_the_dialog(
    demo_store, today, tmp_path
):
    out = tmp_path / "ut"  # the database lies in tmp_path
    app = TavlaApp(demo_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _open(app, pilot, out)
        await _choose(app, pilot, dialog, "figures")
        await _choose(app, pilot, dialog, "json")
        assert dialog.query_one("#export-from", Input).value == "2025-12"
        dialog.query_one("#export-from", Input).value = "december"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "inte en månad" in screen_text(app)
        assert app.screen is dialog and not list(out.iterdir())
        dialog.query_one("#export-from", Input).value = "2026-06"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    written = out / "tavla-siffror-2026-W48.json"
    assert json.loads(written.read_text("utf-8"))["period"]["from"] == "2026-06"


async def test_a_folder_that_does_not_exist_is_said_and_the_choices_stay(
    demo_store, today, tmp_path
):
    out = tmp_path / "ut"  # the database lies in tmp_path
    app = TavlaApp(demo_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _open(app, pilot, out)
        await _choose(app, pilot, dialog, "html")
        field = dialog.query_one("#export-path", Input)
        field.value = str(out / "saknas" / "mall.html")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "finns inte" in str(dialog.query_one("#form-error", Static).render())
        assert field.value == str(out / "saknas" / "mall.html")
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is not dialog
    assert not list(out.iterdir())


async def test_another_format_after_the_path_was_emptied(demo_store, today, tmp_path):
    """Found by the monkey: the path field emptied, then another format chosen, and tavla
    closed (ValueError: PosixPath('.') has an empty name). The default name comes back."""
    app = TavlaApp(demo_store, today=today, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _open(app, pilot, tmp_path / "ut")
        field = dialog.query_one("#export-path", Input)
        field.focus()
        await pilot.press("end", "ctrl+u")  # all of it, deleted
        assert field.value == ""
        await _choose(app, pilot, dialog, "csv")
        assert field.value.endswith(".csv") and field.value.startswith(str(tmp_path / "ut"))
