"""The export dialog: what to export, in which format, to which file; a progress bar; the path.

The dialog knows no store: the board passes `submit(request, progress)`, which runs
the export. It runs in a worker, reports progress to the bar, and when it is done
the dialog shows where the file went and stays open until the user closes it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input, ProgressBar, RadioButton, RadioSet, Static

from tavla.domain.dates import parse_month
from tavla.errors import UserError
from tavla.exports.choices import KINDS, SUFFIXES, ExportRequest, default_name, kind_about
from tavla.i18n import _
from tavla.render.labels import label_for
from tavla.screens.base import still_shown
from tavla.screens.form import FormDialog

if TYPE_CHECKING:
    from tavla.exports.document import Progress

Submit = Callable[[ExportRequest, "Progress"], Path]


class ExportDialog(FormDialog[Path]):
    personal = False  # what, format and where: no one's data is shown

    DEFAULT_CSS = """
    ExportDialog RadioSet#export-format { layout: horizontal; }
    ExportDialog #export-period { display: none; }
    ExportDialog #export-period.shown { display: block; }
    ExportDialog ProgressBar { margin-top: 1; display: none; }
    ExportDialog ProgressBar.running { display: block; }
    ExportDialog #export-done { color: $success; text-style: bold; height: auto; }
    """

    def __init__(
        self,
        submit: Submit,
        *,
        folder: Path,
        today: date,
        period: tuple[date, date],
    ) -> None:
        super().__init__(_("Export"), submit)
        self.folder = folder
        self.today = today
        self.period = period
        self.written: Path | None = None

    def fields(self) -> ComposeResult:
        yield self.label(_("What"))
        with RadioSet(id="export-kind"):
            for n, kind in enumerate(KINDS):
                yield RadioButton(label_for(kind), value=n == 0, name=kind)
        yield Static(Text(kind_about(KINDS[0])), id="export-about", classes="hint")
        yield self.label(_("Format"))
        with RadioSet(id="export-format"):
            for n, suffix in enumerate(SUFFIXES):
                yield RadioButton(suffix, value=n == 0, name=suffix)
        with Horizontal(id="export-period", classes="row"):
            yield Input(self.period[0].strftime("%Y-%m"), id="export-from", placeholder="YYYY-MM")
            yield Input(self.period[1].strftime("%Y-%m"), id="export-to", placeholder="YYYY-MM")
        yield self.label(_("File"))
        first_name = default_name(KINDS[0], SUFFIXES[0], self.today)
        yield Input(str(self.folder / first_name), id="export-path")
        yield ProgressBar(id="export-progress", show_eta=False)
        yield Static("", id="export-done")

    def on_mount(self) -> None:
        self.query_one("#form-save", Button).label = _("Export (ctrl+s)")

    # --- choices ----------------------------------------------------------------------

    @on(RadioSet.Changed, "#export-kind")
    def _kind_changed(self) -> None:
        kind = self.pressed_of("export-kind") or KINDS[0]
        self.query_one("#export-about", Static).update(Text(kind_about(kind)))
        self.query_one("#export-period").set_class(kind == "figures", "shown")
        self._rename(default_name(kind, self._suffix(), self.today))

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self) -> None:
        path = Path(self.text_of("export-path"))
        if not path.name:  # the field emptied, or a folder: the default name again
            kind = self.pressed_of("export-kind") or KINDS[0]
            self._rename(default_name(kind, self._suffix(), self.today))
            return
        self._rename(path.with_suffix("." + self._suffix()).name)

    def _suffix(self) -> str:
        return self.pressed_of("export-format") or SUFFIXES[0]

    def _rename(self, name: str) -> None:
        field = self.query_one("#export-path", Input)
        folder = Path(field.value).parent if field.value.strip() else self.folder
        field.value = str(folder / name)

    def values(self) -> ExportRequest:
        kind = self.pressed_of("export-kind") or KINDS[0]
        text = self.text_of("export-path").strip()
        if not text:
            raise UserError(_("Give the file to write."))
        first = last = None
        if kind == "figures":
            first = parse_month(self.text_of("export-from"), _("From month"))
            last = parse_month(self.text_of("export-to"), _("To month"))
        return ExportRequest(kind, Path(text).expanduser(), first, last)

    # --- running ----------------------------------------------------------------------

    def action_save(self) -> None:
        if self.written is not None:  # done: the primary button now closes
            self.dismiss(self.written)
            return
        super().action_save()

    def _submit(self, values: ExportRequest) -> None:
        bar = self.query_one(ProgressBar)  # on the loop; the worker only calls back
        bar.add_class("running")
        self._write(values, bar)

    @work(thread=True, exclusive=True, group="form")
    def _write(self, values: ExportRequest, bar: ProgressBar) -> None:
        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(bar.update, total=max(total, 1), progress=done)

        try:
            written = self.submit(values, progress)
        except UserError as error:
            self.app.call_from_thread(self._refused, str(error))
            self.app.call_from_thread(bar.remove_class, "running")
            return
        self.app.call_from_thread(self._done, written)

    def _done(self, written: Path) -> None:
        if not still_shown(self):  # closed while writing: the file is there all the same
            self.notify(_("Written: {path}").format(path=written), markup=False)
            return
        self.written = written
        self.query_one("#export-done", Static).update(
            Text(_("Written: {path}").format(path=written))
        )
        self.query_one("#form-save", Button).label = _("Close")
        self.notify(_("Written: {path}").format(path=written), markup=False)
