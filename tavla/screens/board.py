"""The board (home screen): participants by lanes, live, with rating and presentation mode."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer
from textual.worker import get_current_worker

from tavla.errors import Conflict, UserError
from tavla.i18n import _
from tavla.store.board import BoardSnapshot, load_board
from tavla.widgets.board_table import BoardTable, BoardView
from tavla.widgets.cell_detail import CellDetail
from tavla.widgets.lane_cell import LevelStyles
from tavla.widgets.legend import Legend
from tavla.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from tavla.app import TavlaApp
    from tavla.store.ratings import NewRating


class BoardScreen(Screen):
    app: TavlaApp

    BINDINGS: ClassVar[list[BindingType]] = [
        # Enter opens a participant too, so o gives its place in the footer to the rest.
        Binding("o", "open_participant", _("Open"), show=False),
        Binding("l", "open_sip", _("SIP")),
        Binding("n", "enrol", _("Enrol")),
        Binding("c", "contacts", _("Contacts")),
        Binding("m", "agenda", _("Meeting")),
        Binding("a", "actions", _("Actions")),
        Binding("g", "access_log", _("Access log")),
        Binding("e", "export", _("Export")),
    ]

    def __init__(self) -> None:
        super().__init__(id="board-screen")
        self.snapshot: BoardSnapshot | None = None
        self.styles_for_theme: LevelStyles | None = None
        self._jump_when_loaded: str | None = None  # a code just enrolled

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield BoardTable(id="board")
        yield CellDetail()
        yield Legend()
        yield Footer(compact=True)

    def on_mount(self) -> None:
        app = self.app
        self._restyle()
        bar = self.query_one(StatusBar)
        bar.title = app.template.name
        bar.demo = app.is_demo
        self.watch(app, "presentation", self._presentation_changed, init=True)
        app.store_changed.subscribe(self, self._store_changed)
        app.theme_changed_signal.subscribe(self, self._theme_changed)
        if app.first_snapshot is not None:
            self._show(app.first_snapshot)
            app.first_snapshot = None
        else:
            self.reload()

    # --- loading ------------------------------------------------------------------------

    def reload(self) -> None:
        self._load(self.app.today())

    @work(thread=True, exclusive=True, group="board-load")
    def _load(self, today: date) -> None:
        try:
            snapshot = load_board(self.app.store, today, weeks=self.app.template.history_weeks)
        except UserError as error:  # the board stays as it was; the user is told why
            self.app.call_from_thread(
                self.notify, str(error), severity="error", title=_("Not updated"), markup=False
            )
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, snapshot)

    def _show(self, snapshot: BoardSnapshot) -> None:
        self.snapshot = snapshot
        self._draw()
        if self._jump_when_loaded and snapshot.row(self._jump_when_loaded):
            self.jump_to(self._jump_when_loaded)
            self._jump_when_loaded = None
        self.app.board_painted()

    def _draw(self) -> None:
        if self.snapshot is None or self.styles_for_theme is None:
            return
        app = self.app
        table = self.query_one(BoardTable)
        table.show(
            BoardView(
                snapshot=self.snapshot,
                template=app.template,
                styles=self.styles_for_theme,
                presentation=app.presentation,
            )
        )
        bar = self.query_one(StatusBar)
        bar.today = self.snapshot.today
        bar.count = len(self.snapshot.rows)
        self._describe_cursor()

    def _store_changed(self, _data: object) -> None:
        self.reload()

    # --- presentation and theme ---------------------------------------------------------

    def _presentation_changed(self, on: bool) -> None:
        self.query_one(StatusBar).presentation = on
        self._draw()

    def _theme_changed(self, _theme: object) -> None:
        self._restyle()
        self._draw()

    def _restyle(self) -> None:
        app = self.app
        self.styles_for_theme = LevelStyles.from_theme(app.template, app.theme_variables)
        self.query_one(Legend).show(app.template, self.styles_for_theme)

    # --- the highlighted cell -----------------------------------------------------------

    def _cursor(self):
        table = self.query_one(BoardTable)
        code, column = table.cursor_keys()
        row = self.snapshot.row(code) if (self.snapshot and code) else None
        return row, column

    def _describe_cursor(self) -> None:
        if self.snapshot is None or self.styles_for_theme is None:
            return
        row, column = self._cursor()
        self.query_one(CellDetail).show(
            row,
            column,
            self.app.template,
            self.styles_for_theme,
            self.app.presentation,
            self.snapshot.today,
        )

    @on(DataTable.CellHighlighted)
    def _highlighted(self) -> None:
        self._describe_cursor()

    def jump_to(self, code: str) -> None:
        table = self.query_one(BoardTable)
        table.move_to(code)
        table.focus()

    # --- rating -------------------------------------------------------------------------

    @on(DataTable.CellSelected)
    def _selected(self) -> None:
        _row, column = self._cursor()
        if column in ("code", "name"):
            self.action_open_participant()
        else:
            self.action_rate()

    def action_open_participant(self, code: str | None = None) -> None:
        from tavla.screens.participant import ParticipantScreen

        if code is None:
            row, _column = self._cursor()
            if row is None:
                return
            code = row.code
        self.app.push_screen(ParticipantScreen(code))

    def action_open_sip(self) -> None:
        from tavla.screens.sip import SipScreen

        row, _column = self._cursor()
        if row is not None:
            self.app.push_screen(SipScreen(row.code))

    def action_contacts(self) -> None:
        from tavla.screens.contacts import ContactsScreen

        self.app.push_screen(ContactsScreen())

    def action_agenda(self) -> None:
        from tavla.screens.agenda import AgendaScreen

        self.app.push_screen(AgendaScreen(), lambda _result: self.reload())

    def action_actions(self) -> None:
        from tavla.screens.actions import ActionsScreen

        self.app.push_screen(ActionsScreen(), lambda _result: self.reload())

    def action_access_log(self) -> None:
        from tavla.screens.access_log import AccessLogScreen

        self.app.push_screen(AccessLogScreen())

    def action_export(self) -> None:
        from pathlib import Path

        from tavla.exports.choices import run_export
        from tavla.exports.figures import default_period
        from tavla.screens.export_dialog import ExportDialog

        store, today = self.app.store, self.app.today()

        def submit(request, progress) -> Path:
            return run_export(store, request, today=today, progress=progress)

        self.app.push_screen(
            ExportDialog(
                submit, folder=self.app.export_folder, today=today, period=default_period(today)
            )
        )

    def action_enrol(self) -> None:
        from tavla.screens.enrol import EnrolDialog
        from tavla.store.participants import Enrolment, add_participant

        store, today = self.app.store, self.app.today()

        def submit(enrolment: Enrolment) -> str:
            return add_participant(
                store, enrolment.name, enrolled_on=enrolment.enrolled_on, today=today,
                identity_number=enrolment.identity_number, municipality=enrolment.municipality,
                criteria=enrolment.criteria, criteria_exception=enrolment.criteria_exception,
            )  # fmt: skip

        def enrolled(code: str | None) -> None:
            if code:
                self.notify(_("Enrolled with the code {code}.").format(code=code), markup=False)
                self._jump_when_loaded = code
                self.reload()

        self.app.push_screen(EnrolDialog(self.app.template, today, submit), enrolled)

    def action_rate(self) -> None:
        from tavla.screens.rating import RatingDialog
        from tavla.store.ratings import LaneSeen, add_rating

        row, column = self._cursor()
        if row is None:
            return
        lane = next((lane for lane in self.app.template.lanes if lane.key == column), None)
        if lane is None:
            self.notify(_("Move to a lane (left/right arrow) to rate it."))
            return

        seen = [LaneSeen.of(row.lanes.get(lane.key))]
        store, today = self.app.store, self.app.today()

        def submit(rating: NewRating) -> None:
            # A conflict is shown in the dialog; saving again records the rating on top of
            # the one now stored, knowingly.
            try:
                add_rating(store, row.code, rating, rated_on=today, today=today, seen=seen[0])
            except Conflict as conflict:
                seen[0] = conflict.current
                self.app.call_from_thread(self.reload)
                raise

        def saved(rating: NewRating | None) -> None:
            if rating is not None:
                lane_label = self.app.template.lane(rating.lane).label
                level = self.app.template.level(rating.level).symbol
                message = _("{code}: {lane} {level} saved.")
                self.notify(
                    message.format(code=row.code, lane=lane_label, level=level), markup=False
                )
                self.reload()

        self.app.push_screen(
            RatingDialog(
                row, lane, self.app.template, self.styles_for_theme, self.app.presentation, submit
            ),
            saved,
        )
        self._log_read(row.code)

    @work(thread=True, group="board-write")
    def _log_read(self, code: str) -> None:
        self.app.log_read("rating", code)
