"""TavlaApp: wires the store, theme, language, presentation mode and screens together."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.actions import ActionParseResult
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.dom import DOMNode, NoScreen
from textual.reactive import reactive
from textual.screen import Screen
from textual.signal import Signal
from textual.theme import ThemeProvider
from textual.widget import Widget
from textual.worker import get_current_worker

from tavla import crash
from tavla.domain.privacy import Mask
from tavla.errors import UserError
from tavla.i18n import _
from tavla.screens.board import BoardScreen
from tavla.screens.palette import CommandPalette, ParticipantCommands
from tavla.screens.themes import CONTRAST, NORMAL, build_themes, level_variables
from tavla.store import Store, settings
from tavla.store.board import BoardSnapshot, load_board
from tavla.threads import WorkerThreads

WATCH_TIMEOUT_S = 0.25
WATCH_RETRY_S = 2.0
WARM_UP_DELAY_S = 0.5
CONFIRM_OFF_S = 3.0  # presentation mode goes off with p pressed twice within this time
WATCH, BACKUP, WARM_UP = "watch", "backup", "warm-up"
# The groups of workers that need no ORM: they read and write in plain SQL (store.plain), so the
# board, its live refresh and backup, the access-log entries of reads, ratings and the settings
# never wait for SQLAlchemy, SQLModel and pydantic to load, nor make the process hold them
# (about 30 MB). Every other worker loads them first (tavla.threads).
PLAIN_SQL = frozenset(
    {WATCH, BACKUP, WARM_UP, "settings", "privacy", "board-load", "board-write", "rating"}
)


class TavlaApp(App[None]):
    TITLE = "tavla"
    COMMANDS = App.COMMANDS | {ParticipantCommands}
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+p", "command_palette", _("Commands"), show=False, priority=True),
        Binding("p", "toggle_presentation", _("Presentation")),
        Binding("k", "toggle_contrast", _("Contrast")),
        Binding("q", "quit", _("Quit")),
    ]

    presentation: reactive[bool] = reactive(False)
    # What a screen may show: None shows everything; while presenting, the privacy rule (with
    # the people whose names free text may hold, once they are read).
    privacy: reactive[Mask | None] = reactive(None, always_update=True)

    def __init__(
        self,
        store: Store,
        *,
        today: date | None = None,
        watch: bool = True,
        presentation: bool | None = None,
        municipality: str | None = None,
    ) -> None:
        self.store = store
        self.municipality = municipality  # whose participants every screen shows; None: all
        initial = settings.read_all(store)
        # Before super().__init__, which builds the CSS variables from the template's colours.
        self.template = store.use_template(settings.template_from(initial))
        super().__init__()
        self._fixed_today = today
        self._watch_enabled = watch
        self.is_demo = settings.is_on(initial, settings.DEMO)
        self.store_changed: Signal[None] = Signal(self, "store-changed")
        for theme in build_themes(self.template):
            self.register_theme(theme)
        saved_theme = initial.get(settings.THEME, NORMAL)
        self.theme = saved_theme if self.get_theme(saved_theme) else NORMAL
        # A window opened in presentation mode (`tavla --presentation`, every `tavla serve`
        # tab) stays in it: what is shown to a video meeting must not reveal names by one key.
        # The board's stored setting is left alone.
        self.presentation_locked = presentation is True
        if presentation is None:
            presentation = settings.is_on(initial, settings.PRESENTATION)
        self.set_reactive(TavlaApp.presentation, presentation)
        if presentation:  # the first frame is already masked, free text redacted
            from tavla.store.known_people import redactor

            self.set_reactive(TavlaApp.privacy, Mask(redactor(store)))
        self._shown: dict[int, tuple[object, Mask, object]] = {}
        self._off_asked_at = 0.0
        self.export_folder = Path.cwd()  # where the export dialog proposes to write
        # Read before the event loop starts, so the first frame already shows the board;
        # later reloads run in workers.
        self.first_snapshot: BoardSnapshot | None = load_board(
            store, self.today(), weeks=self.template.history_weeks, municipality=municipality
        )
        self._warmed = False
        self.crash_folder: Path | None = None  # where a crash report goes; None: the data folder
        self.crash_report: Path | None = None
        self._crash_sentence: str | None = None

    def today(self) -> date:
        return self._fixed_today or date.today()

    # --- an error in tavla itself -------------------------------------------------------

    def _handle_exception(self, error: Exception) -> None:
        # Textual prints the traceback with every frame's local variables, on a screen the
        # meeting may be watching: a participant's data. The traceback goes to a private file
        # instead (crash.py), and the app closes with one sentence and a non-zero status.
        try:
            if self.crash_report is None:
                self.crash_report = crash.write_report(
                    self.crash_folder or crash.default_folder(), error
                )
                self._crash_sentence = _(
                    "tavla stopped after an error in tavla itself; the report is in {path}."
                ).format(path=self.crash_report)
            else:
                crash.add_to_report(self.crash_report, error)
        except Exception as trouble:  # no report: still no traceback on the screen
            self._crash_sentence = _(
                "tavla stopped after an error in tavla itself; the report could not be "
                "written ({reason})."
            ).format(reason=type(trouble).__name__)
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        # Called by Textual's _handle_exception, in place of the traceback with locals.
        sentence, self._crash_sentence = self._crash_sentence, None
        self.panic(*([Text(sentence)] if sentence else []))  # once, for the first error

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # Themes that are not tavla's still get the template's level colours.
        return {**level_variables(self.template), "presentation": "#f0b429"}

    def get_default_screen(self) -> Screen:
        return BoardScreen()

    def on_mount(self) -> None:
        # Before any worker starts: each will run with the ORM loaded, unless its group is in
        # PLAIN_SQL (see tavla.threads).
        threads = WorkerThreads(plain_sql=PLAIN_SQL)
        asyncio.get_running_loop().set_default_executor(threads)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.store_changed.subscribe(self, lambda _data: self._read_people())
        if self._watch_enabled:
            self._watch_store()

    # --- presentation mode: one rule for what may be shown --------------------------------

    def shown(self, data):
        """`data` as a screen may show it now: through the privacy rule while presenting."""
        rule = self.privacy
        if rule is None:
            return data
        cached = self._shown.get(id(data))
        if cached is not None and cached[0] is data and cached[1] is rule:
            return cached[2]
        masked = rule(data)
        if len(self._shown) > 32:
            self._shown.clear()
        self._shown[id(data)] = (data, rule, masked)
        return masked

    def watch_presentation(self, on: bool) -> None:
        self.privacy = Mask() if on else None  # free text hidden whole until people are read
        self._read_people()

    def _read_people(self) -> None:
        if self.presentation:
            self._load_redactor()

    @work(thread=True, exclusive=True, group="privacy", exit_on_error=False)
    def _load_redactor(self) -> None:
        from tavla.store.known_people import redactor

        try:
            found = redactor(self.store)
        except UserError:
            return  # free text stays hidden whole; the screens say what is wrong
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._use_redactor, found)

    def _use_redactor(self, found) -> None:
        if self.presentation:
            self.privacy = Mask(found)

    def push_screen(self, screen, callback=None, wait_for_dismiss=False):
        """Every screen and dialog opens here: a form that shows personal data does not open
        while presenting, and says why in one sentence."""
        if self.presentation and getattr(screen, "personal", False):
            self.refuse_while_presenting()
            return None
        return super().push_screen(screen, callback, wait_for_dismiss)

    def refuse_while_presenting(self) -> None:
        """Say why a change to what is hidden cannot be made on a shared screen."""
        self.notify(
            _("This form shows personal data: turn presentation mode off (p) to edit."),
            severity="warning",
            markup=False,
        )

    async def run_action(
        self,
        action: str | ActionParseResult,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        # A key can bubble up to the bindings of a screen that is not there yet or no more:
        # ctrl+s at once on a new action ran the form's save before its fields were built
        # (NoMatches '#owner'), space on plan versions closing ran its marking after its
        # table had gone. Keys act on a screen that is built and still on the stack.
        if isinstance(default_namespace, Widget) and not self._in_place(default_namespace):
            return False
        return await super().run_action(action, default_namespace, namespaces)

    def _in_place(self, node: Widget) -> bool:
        try:
            screen = node if isinstance(node, Screen) else node.screen
        except NoScreen:
            return False
        return node.is_mounted and screen.is_mounted and screen in self.screen_stack

    # --- settings that are remembered ---------------------------------------------------

    def action_toggle_presentation(self) -> None:
        if self.presentation_locked:
            self.notify(
                _("This window was opened in presentation mode and stays in it."), markup=False
            )
            return
        if getattr(self.screen, "personal", False):  # an open form would show what it holds
            self.notify(_("Close the form before turning presentation mode on."), markup=False)
            return
        # Off shows names to the room: a stray p (typed where no field took it) must not.
        now = time.monotonic()
        if self.presentation and now - self._off_asked_at > CONFIRM_OFF_S:
            self._off_asked_at = now
            self.notify(
                _("Press p again to show names, identity numbers and notes."),
                severity="warning",
                markup=False,
            )
            return
        self._off_asked_at = 0.0
        self.presentation = not self.presentation
        self._remember(settings.PRESENTATION, "1" if self.presentation else "0")
        self.notify(
            _("Presentation mode on: names, identity numbers and notes are hidden.")
            if self.presentation
            else _("Presentation mode off."),
            markup=False,
        )

    def action_toggle_contrast(self) -> None:
        self.theme = NORMAL if self.theme == CONTRAST else CONTRAST

    def _remember_theme(self, theme) -> None:
        self._remember(settings.THEME, theme.name)

    @work(thread=True, group="settings")
    def _remember(self, key: str, value: str) -> None:
        try:
            settings.set_value(self.store, key, value)
        except UserError as error:
            self.call_from_thread(self.notify, str(error), severity="error", markup=False)

    # --- live refresh -------------------------------------------------------------------

    @work(thread=True, group=WATCH, exit_on_error=False)
    def _watch_store(self) -> None:
        """Publish `store_changed` when another process writes; survive a lost connection."""
        from tavla.store.changes import watch

        worker = get_current_worker()
        watcher = None
        lost = False
        while not worker.is_cancelled:
            try:
                with self.store.trouble_as_user_error():
                    if watcher is None:
                        watcher = watch(self.store)
                    changed = watcher.wait(WATCH_TIMEOUT_S)
            except UserError as error:
                if watcher is not None:
                    watcher.close()
                    watcher = None
                if not lost:
                    lost = True
                    message = _("Live updates paused: {reason}").format(reason=error)
                    self.call_from_thread(self.notify, message, severity="warning", markup=False)
                time.sleep(WATCH_RETRY_S)
                continue
            if lost:  # back: whatever happened meanwhile must be shown
                lost, changed = False, True
                self.call_from_thread(self.notify, _("Live updates resumed."), markup=False)
            if changed and not worker.is_cancelled:
                self.call_from_thread(self.store_changed.publish, None)
        if watcher is not None:
            watcher.close()

    def board_painted(self) -> None:
        """Soon after the first paint, log that the board was opened, and make the day's backup.

        Not at once: they would slow the first frame's way out. Neither loads the ORM, and a
        rating does not need it either: the process stays lean until a screen that does.
        """
        if not self._warmed:
            self._warmed = True
            self.set_timer(WARM_UP_DELAY_S, self._warm_up)
            if self.store.is_sqlite:
                self._daily_backup()

    @work(thread=True, group=WARM_UP)
    def _warm_up(self) -> None:
        # Log that this user opened the board: in plain SQL, so no ORM is loaded for it.
        self.log_read("board")

    @work(thread=True, group=BACKUP, exit_on_error=False)
    def _daily_backup(self) -> None:
        """The day's automatic backup (once a day, older ones pruned); trouble is only told."""
        from tavla.store.backup import daily_backup

        try:
            daily_backup(self.store, now=datetime.combine(self.today(), datetime.now().time()))
        except Exception as error:  # a backup that fails must never close the board
            message = _("The automatic backup failed: {reason}").format(reason=error)
            self.call_from_thread(self.notify, message, severity="error", markup=False)

    def log_read(self, what: str, code: str | None = None) -> None:
        """In a worker thread: write the access-log entry for a read, or say why it failed."""
        from tavla.store import audit

        try:
            audit.record_read(self.store, what, code)
        except UserError as error:
            self.call_from_thread(self.notify, str(error), severity="error", markup=False)

    # --- command palette ----------------------------------------------------------------

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(
                CommandPalette(
                    placeholder=_("Search for a participant or a command…"), id="--command-palette"
                )
            )

    def search_themes(self) -> None:
        # As Textual's, in tavla's palette (which closes cleanly) and in the user's language.
        self.push_screen(
            CommandPalette(providers=[ThemeProvider], placeholder=_("Search for a theme…"))
        )

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        if isinstance(screen, BoardScreen):
            yield SystemCommand(_("Rate lane"), _("Rate the highlighted lane"), screen.action_rate)
            yield SystemCommand(
                _("Open participant"),
                _("The highlighted participant's record"),
                screen.action_open_participant,
            )
            yield SystemCommand(
                _("SIP"),
                _("The highlighted participant's SIP and crisis plan"),
                screen.action_open_sip,
            )
            yield SystemCommand(_("Enrol"), _("Enrol a new participant"), screen.action_enrol)
            yield SystemCommand(
                _("Contacts"), _("The directory of contacts"), screen.action_contacts
            )
            yield SystemCommand(
                _("Weekly meeting"),
                _("The agenda of the next weekly meeting, and running it"),
                screen.action_agenda,
            )
            yield SystemCommand(
                _("Actions"), _("Open actions of all participants"), screen.action_actions
            )
        yield SystemCommand(
            _("Presentation mode on/off"),
            _("Hide names, identity numbers and notes for a shared screen"),
            self.action_toggle_presentation,
        )
        yield SystemCommand(
            _("High contrast on/off"),
            _("A theme that reads well on a projector"),
            self.action_toggle_contrast,
        )
        yield SystemCommand(_("Theme"), _("Choose another colour theme"), self.action_change_theme)
        yield SystemCommand(
            _("Keys"), _("Show the keys of this screen"), self.action_show_help_panel
        )
        yield SystemCommand(_("Quit"), _("Close tavla"), self.action_quit)
