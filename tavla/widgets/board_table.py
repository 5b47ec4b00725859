"""The board grid: one row per participant, the template's columns, updated in place."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.widgets.data_table import CellDoesNotExist, ColumnDoesNotExist, RowDoesNotExist

from tavla.domain.board_columns import column_label
from tavla.domain.display import fit_name, one_line
from tavla.domain.flags import (
    FLAG_LETTERS,
    Flag,
    covered,
    days_since,
    follow_up_overdue,
    participant_flags,
)
from tavla.domain.privacy import Withheld
from tavla.domain.template import BoardTemplate
from tavla.i18n import _
from tavla.render.consent import withheld_words
from tavla.render.lane_cell import LevelStyles, lane_text
from tavla.store.board import BoardRow, BoardSnapshot
from tavla.widgets.table import Table

NAME_WIDTH = 13
COORDINATOR_WIDTH = 24
MAIN_MARK = "●"


@dataclass(frozen=True)
class BoardView:
    """Everything the table needs to draw itself (attributes down)."""

    snapshot: BoardSnapshot  # as it may be shown: rows without valid consent are Withheld
    template: BoardTemplate
    styles: LevelStyles
    presentation: bool


def surname(name: str | None) -> str:
    """'Per Östlund' → 'Östlund': coordinators are known to everyone in the meeting."""
    parts = one_line(name).split()
    if not parts:
        return "–"
    return " ".join(parts[1:]) or parts[0]


def flags_text(flags: list[Flag], styles: LevelStyles) -> Text:
    """One badge a flag, side by side: S consent, O outcome (ORS), K crisis plan, Å action
    overdue, R resource-group meeting due, V no permanent care contact; red is an alert,
    yellow a warning. An overdue SIP shows in its own column."""
    text = Text(no_wrap=True)
    for flag in flags:
        if flag.key in FLAG_LETTERS:
            style = styles.alert if flag.severity == "alert" else styles.warning
            text.append(FLAG_LETTERS[flag.key], style)
    return text


def discussed_text(
    row: BoardRow, today: date, not_discussed_days: int, styles: LevelStyles
) -> Text:
    """Days since the participant was last discussed in a meeting; a warning badge after N weeks."""
    days = days_since(row.discussed_on, today)
    if days is None:
        return Text("–")
    style = styles.warning if days >= not_discussed_days else ""
    return Text(str(days), style, no_wrap=True, justify="right")


def coordinators_text(row: BoardRow) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    for principal, name in (
        ("region", row.region_coordinator),
        ("municipality", row.municipality_coordinator),
    ):
        if principal == "municipality":
            text.append("/")
        text.append(surname(name))
        if row.main_responsibility == principal:
            text.append(MAIN_MARK, "bold")
    return text


def follow_up_text(row: BoardRow, today: date, styles: LevelStyles) -> Text:
    """The week of the next SIP follow-up (the date is in the cell detail); an overdue one is
    an alert badge."""
    day = row.sip_follow_up_on
    if day is None:
        return Text("–")
    style = styles.alert if follow_up_overdue(day, today) else ""
    return Text(week_label(day), style, no_wrap=True)


def week_label(day: date) -> str:
    """'v.47': the ISO week, as the board shows dates (without a space, so the whole board
    fits 120 columns)."""
    return _("w.{week}").format(week=day.isocalendar().week)


def week_text(row: BoardRow) -> Text:
    last = row.last_rated_on
    if last is None:
        return Text("–")
    return Text(week_label(last))


class BoardTable(Table):
    """A DataTable: rows are participants (key: code), columns the template's (key: column)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", _("Rate or open"), show=True)
    ]

    DEFAULT_CSS = """
    BoardTable { height: 1fr; }
    """

    def __init__(self, **kwargs) -> None:
        # The cell's own colours win over the cursor's, so levels and sparklines stay readable
        # under the cursor; the cursor shows as the background around them.
        super().__init__(
            cursor_type="cell",
            zebra_stripes=True,
            cursor_foreground_priority="renderable",
            cursor_background_priority="renderable",
            **kwargs,
        )
        self._columns_shown: tuple[str, ...] = ()
        self.view: BoardView | None = None

    def columns_for(self, template: BoardTemplate, presentation: bool) -> tuple[str, ...]:
        hidden = {"name"} if presentation else set()
        return tuple(key for key in template.columns if key not in hidden)

    def _withheld_cell(self, key: str, row: Withheld, view: BoardView) -> Text:
        """The code, then the consent's state and its day in the lanes; nothing else."""
        if key == "code":
            return Text(row.code, style="bold")
        lanes = [lane.key for lane in view.template.lanes]
        if key not in lanes:
            return Text("")
        words = [word for word in withheld_words(row) if word]
        index = lanes.index(key)
        if index == len(lanes) - 1:  # the last lane takes what is left
            part = " ".join(words[index:])
        else:
            part = words[index] if index < len(words) else ""
        # The state in the error colour; no badge, so the lane is not widened for all rows.
        return Text(part, view.styles.unmet if index == 0 else "", no_wrap=True)

    def _cell(self, key: str, row: BoardRow | Withheld, view: BoardView) -> Text:
        if isinstance(row, Withheld):
            return self._withheld_cell(key, row, view)
        lane_keys = {lane.key for lane in view.template.lanes}
        if key in lane_keys:
            today = view.snapshot.today
            return lane_text(
                row.lanes.get(key), view.template, view.styles, covered(row.coverage, key, today)
            )
        if key == "code":
            return Text(row.code, style="bold")
        if key == "name":
            return Text(fit_name(row.name, NAME_WIDTH), no_wrap=True)
        if key == "coordinators":
            return coordinators_text(row)
        if key == "last_rated":
            return week_text(row)
        if key == "sip":
            return follow_up_text(row, view.snapshot.today, view.styles)
        if key == "discussed":
            weeks = view.template.agenda.not_discussed_weeks
            return discussed_text(row, view.snapshot.today, weeks * 7, view.styles)
        if key == "flags":
            flags = participant_flags(row, view.snapshot.today, view.template.agenda)
            return flags_text(flags, view.styles)
        return Text("")

    def show(self, view: BoardView) -> None:
        """Draw `view`, changing only what differs and keeping the cursor on the same cell."""
        previous = self.view
        self.view = view
        columns = self.columns_for(view.template, view.presentation)
        keep_row, keep_column = self.cursor_keys()
        if previous is None and view.template.lanes:
            keep_column = view.template.lanes[0].key  # start where the work is: the first lane
        codes = [row.code for row in view.snapshot.rows]

        same_shape = (
            previous is not None
            and columns == self._columns_shown
            and codes == [row.code for row in previous.snapshot.rows]
            and previous.styles is view.styles
        )
        if same_shape:
            old_rows = {row.code: row for row in previous.snapshot.rows}
            for row in view.snapshot.rows:
                if row != old_rows[row.code]:
                    for key in columns:
                        self.update_cell(row.code, key, self._cell(key, row, view))
            return

        self.clear(columns=columns != self._columns_shown)
        if columns != self._columns_shown:
            for key in columns:
                self.add_column(column_label(key, view.template), key=key)
            self._columns_shown = columns
        for row in view.snapshot.rows:
            self.add_row(*(self._cell(key, row, view) for key in columns), key=row.code)
        self.move_to(keep_row, keep_column)

    def cursor_keys(self) -> tuple[str | None, str | None]:
        if not self.row_count or not self.columns:
            return None, None
        try:
            cell_key = self.coordinate_to_cell_key(self.cursor_coordinate)
        except CellDoesNotExist:
            return None, None
        return cell_key.row_key.value, cell_key.column_key.value

    def move_to(self, code: str | None, column: str | None = None) -> bool:
        """Put the cursor on participant `code` (and `column`); False if `code` is not shown."""
        row = self.cursor_coordinate.row
        col = self.cursor_coordinate.column
        found = True
        if code is not None:
            try:
                row = self.get_row_index(code)
            except RowDoesNotExist:
                found = False
        if column is not None:
            with suppress(ColumnDoesNotExist):
                col = self.get_column_index(column)
        if self.row_count:
            self.cursor_coordinate = Coordinate(
                min(row, self.row_count - 1), min(col, len(self.columns) - 1)
            )
        return found and code is not None
