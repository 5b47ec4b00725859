"""The rating dialog: pick a level, say whether the need is met, add a short note."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from tavla.domain.display import one_line
from tavla.domain.template import BoardTemplate, Lane
from tavla.errors import UserError
from tavla.i18n import _
from tavla.screens.level_styles import level_styles
from tavla.screens.save_dialog import SaveDialog
from tavla.store.board import BoardRow, LaneCell
from tavla.store.ratings import NOTE_MAX, NewRating

NOT_ASSESSED = "not-assessed"


class RatingDialog(SaveDialog[NewRating | None]):
    """Saves through `submit` (in a worker) and returns the rating saved, or None if the user
    cancelled. A refusal — someone rated this lane meanwhile, say — is shown in the dialog,
    which stays open with the level, need and note as the user left them.

    It opens while presenting: the name and the earlier note are then left out (the row is
    drawn through the privacy rule), and a level is no one's personal data.
    """

    personal = False
    worker_group = "rating"  # a rating is written in plain SQL (store.plain): no ORM

    DEFAULT_CSS = """
    RatingDialog { align: center middle; }
    RatingDialog > Vertical {
        width: 84;
        height: auto;
        max-height: 100%;
        padding: 0 2;
        background: $surface;
        border: thick $primary;
        border-title-style: bold;
    }
    RatingDialog .meaning { color: $foreground-muted; }
    RatingDialog .heading { margin-top: 1; text-style: bold; }
    RatingDialog RadioSet { width: 100%; }
    RatingDialog #need { layout: horizontal; }
    RatingDialog #need RadioButton { margin-right: 2; }
    RatingDialog #previous { color: $foreground-muted; }
    RatingDialog #error { color: $error; text-style: bold; height: auto; }
    RatingDialog .buttons { height: auto; align-horizontal: right; }
    RatingDialog Button { margin-left: 2; }
    """

    def __init__(self, row: BoardRow, lane: Lane, submit: Callable[[NewRating], object]) -> None:
        """`row`: the participant as loaded (the dialog draws it through the privacy rule);
        `lane`: the lane to rate; `submit`: saves a NewRating, or raises UserError."""

        def save(rating: NewRating) -> NewRating:
            submit(rating)
            return rating

        super().__init__(save)
        self.row = row
        self.lane = lane
        self.current = row.lanes.get(lane.key)

    @property
    def template(self) -> BoardTemplate:
        return self.app.template

    def compose(self) -> ComposeResult:
        row = self.app.shown(self.row)  # while presenting: no name, no earlier note
        styles = level_styles(self.template, self.app.theme_variables)
        who = f"{row.code}  {one_line(row.name)}" if row.name else row.code
        with Vertical() as frame:
            # A Text, not a str: a str border title is parsed as markup, and the name is user text.
            frame.border_title = Text(
                _("Rate {lane} for {who}").format(lane=self.lane.label, who=who)
            )
            yield Static(Text(self.lane.meaning), classes="meaning")
            yield Label(_("Level (keys 0–4, ? for not known)"), classes="heading")
            with RadioSet(id="level"):
                for level in (*self.template.levels, self.template.unknown):
                    label = Text()
                    label.append(f" {level.symbol} ", styles.badge[level.symbol])
                    label.append(f" {level.meaning}")
                    yield RadioButton(
                        label,
                        value=self.current is not None and self.current.level == level.value,
                        name=level.symbol,
                    )
            yield Label(_("Need"), classes="heading")
            with RadioSet(id="need"):
                current_need = self.current.need if self.current else None
                for mark in self.template.need:
                    yield RadioButton(
                        Text(f"{mark.mark} {mark.label}"),
                        value=current_need == mark.key,
                        name=mark.key,
                    )
                yield RadioButton(_("Not assessed"), value=current_need is None, name=NOT_ASSESSED)
            yield Label(_("Note (optional)"), classes="heading")
            yield Input(
                placeholder=_("A short note; hidden in presentation mode"),
                max_length=NOTE_MAX,
                id="note",
            )
            yield Static(self._previous(row.lanes.get(self.lane.key)), id="previous")
            yield Static("", id="error")
            with Horizontal(classes="buttons"):
                yield Button(_("Save (ctrl+s)"), variant="primary", id="form-save")
                yield Button(_("Cancel (esc)"), id="form-cancel")

    def _previous(self, current: LaneCell | None) -> Text:
        if current is None:
            return Text(_("Not rated before."))
        level = self.template.level(current.level)
        text = Text(
            _("Previous: {level} {label}, {date}").format(
                level=level.symbol, label=level.label, date=current.rated_on.isoformat()
            )
        )
        if current.note:
            text.append(" · " + one_line(current.note, 60))
        return text

    def on_mount(self) -> None:
        # Start each set's cursor on its current choice, not on the first button.
        for radio_set in self.query(RadioSet):
            for _step in range(max(radio_set.pressed_index, 0)):
                radio_set.action_next_button()
        self.query_one("#level", RadioSet).focus()

    def on_key(self, event) -> None:
        # Digits pick the level at once, unless the user is typing a note.
        if isinstance(self.focused, Input):
            return
        symbols = [lv.symbol for lv in (*self.template.levels, self.template.unknown)]
        if event.character in symbols:
            event.stop()
            self._choose_level(event.character)

    def _choose_level(self, symbol: str) -> None:
        for button in self.query_one("#level", RadioSet).query(RadioButton):
            if button.name == symbol:
                button.value = True
        self.show_error("")

    def _chosen(self, radio_set_id: str) -> str | None:
        pressed = self.query_one(radio_set_id, RadioSet).pressed_button
        return pressed.name if pressed is not None else None

    def values(self) -> NewRating:
        symbol = self._chosen("#level")
        if symbol is None:
            self.query_one("#level", RadioSet).focus()
            raise UserError(_("Choose a level before saving."))
        need = self._chosen("#need")
        return NewRating(
            lane=self.lane.key,
            level=None if symbol == "?" else int(symbol),
            need=None if need in (None, NOT_ASSESSED) else need,
            note=self.query_one("#note", Input).value,
        )

    def show_error(self, message: str, theirs: tuple[tuple[str, str], ...] = ()) -> None:
        # A rating has no text of anyone's to set beside it: `theirs` stays empty.
        self.query_one("#error", Static).update(Text(message))

    @on(Input.Submitted, "#note")
    def _note_submitted(self) -> None:
        self.action_save()
