"""The board (home screen): participants by lanes, live, with rating and presentation mode."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer

from tavla.domain.privacy import Withheld
from tavla.i18n import _
from tavla.render.lane_cell import LevelStyles
from tavla.screens.base import TavlaScreen
from tavla.screens.level_styles import level_styles
from tavla.store.board import BoardSnapshot, load_board
from tavla.widgets.board_table import BoardTable, BoardView
from tavla.widgets.cell_detail import CellDetail
from tavla.widgets.legend import Legend
from tavla.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from tavla.app import TavlaApp
    from tavla.store.ratings import NewRating


class BoardScreen(TavlaScreen):
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
        self._restyle()
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    # --- loading ------------------------------------------------------------------------

    def reload(self) -> None:
        app = self.app
        if app.first_snapshot is not None:  # read before the loop started: the first frame
            snapshot, app.first_snapshot = app.first_snapshot, None
            self._show(snapshot)
            return
        store, today, weeks, scope = (
            app.store,
            app.today(),
            app.template.history_weeks,
            app.municipality,
        )
        self.load(
            lambda: load_board(store, today, weeks=weeks, municipality=scope),
            self._show,
            group="board-load",
        )

    def _show(self, snapshot: BoardSnapshot) -> None:
        self.snapshot = snapshot
        self.redraw()
        if self._jump_when_loaded and snapshot.row(self._jump_when_loaded):
            self.jump_to(self._jump_when_loaded)
            self._jump_when_loaded = None
        self.app.board_painted()

    def redraw(self) -> None:
        if self.snapshot is None or self.styles_for_theme is None:
            return
        app = self.app
        table = self.query_one(BoardTable)
        table.show(
            BoardView(
                snapshot=self.shown(self.snapshot),
                template=app.template,
                styles=self.styles_for_theme,
                presentation=app.presentation,
            )
        )
        bar = self.query_one(StatusBar)
        bar.today = self.snapshot.today
        bar.count = len(self.snapshot.rows)
        self._describe_cursor()

    # --- theme ----------------------------------------------------------------------------

    def _theme_changed(self, _theme: object) -> None:
        self._restyle()
        self.redraw()

    def _restyle(self) -> None:
        app = self.app
        self.styles_for_theme = level_styles(app.template, app.theme_variables)
        self.query_one(Legend).show(app.template, self.styles_for_theme)

    # --- the highlighted cell -----------------------------------------------------------

    def _cursor(self):
        """The highlighted participant's row as stored (for saving) and its column."""
        table = self.query_one(BoardTable)
        code, column = table.cursor_keys()
        row = self.snapshot.row(code) if (self.snapshot and code) else None
        return row, column

    def _describe_cursor(self) -> None:
        if self.snapshot is None or self.styles_for_theme is None:
            return
        row, column = self._cursor()
        self.query_one(CellDetail).show(
            self.shown(row), column, self.app.template, self.styles_for_theme, self.snapshot.today
        )

    def _withheld(self, row) -> bool:
        """Whether the room may not see `row` (no valid consent, presenting): then nothing of
        it opens, and a notification says why."""
        if not isinstance(self.shown(row), Withheld):
            return False
        self.notify(
            _(
                "{code} has no valid consent, so the meeting sees only the code; "
                "turn presentation mode off (p) to open it."
            ).format(code=row.code),
            markup=False,
        )
        return True

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
            if row is None or self._withheld(row):
                return
            code = row.code
        self.app.push_screen(ParticipantScreen(code))

    def action_open_sip(self) -> None:
        from tavla.screens.sip import SipScreen

        row, _column = self._cursor()
        if row is not None and not self._withheld(row):
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
        from dataclasses import replace
        from pathlib import Path

        from tavla.exports.choices import run_export
        from tavla.exports.figures import default_period
        from tavla.screens.export_dialog import ExportDialog

        store, today, scope = self.app.store, self.app.today(), self.app.municipality

        def submit(request, progress) -> Path:
            request = replace(request, municipality=scope)  # the board's people, no others
            return run_export(store, request, today=today, progress=progress)

        self.app.push_screen(
            ExportDialog(
                submit, folder=self.app.export_folder, today=today, period=default_period(today)
            )
        )

    def action_enrol(self) -> None:
        from tavla.screens.enrol import EnrolDialog
        from tavla.store.enrolment import Enrolment
        from tavla.store.participants import add_participant

        store, today = self.app.store, self.app.today()

        def submit(enrolment: Enrolment) -> str:
            return add_participant(
                store,
                enrolment.name,
                enrolled_on=enrolment.enrolled_on,
                today=today,
                identity_number=enrolment.identity_number,
                municipality=enrolment.municipality,
                criteria=enrolment.criteria,
                criteria_exception=enrolment.criteria_exception,
            )

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
        if row is None or self._withheld(row):
            return
        lane = next((lane for lane in self.app.template.lanes if lane.key == column), None)
        if lane is None:
            self.notify(_("Move to a lane (left/right arrow) to rate it."))
            return

        store, today = self.app.store, self.app.today()

        # A conflict is shown in the dialog; saving again records the rating on top of the one
        # now stored, knowingly.
        submit = self.guarded(
            lambda rating, seen: add_rating(
                store, row.code, rating, rated_on=today, today=today, seen=seen
            ),
            LaneSeen.of(row.lanes.get(lane.key)),
        )

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
            RatingDialog(row, lane, submit),
            saved,
        )
        self._log_read(row.code)

    def _log_read(self, code: str) -> None:
        log_read = self.app.log_read
        self.run_worker(lambda: log_read("rating", code), thread=True, group="board-write")
