"""A participant's board row on their meeting item: each lane as the board draws it, with its
level in words and the interventions going on for it; coordinators, SIP follow-up, crisis
plan and flags. Lines are packed to the width, so it reads at 80 columns and at 200."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.widgets import Static

from tavla.domain.display import one_line
from tavla.domain.flags import (
    FLAG_LETTERS,
    Flag,
    covered,
    crisis_plan_state,
    follow_up_overdue,
    participant_flags,
)
from tavla.domain.template import BoardTemplate
from tavla.i18n import _, ngettext
from tavla.render.lane_cell import LevelStyles, lane_text
from tavla.store.board import BoardRow
from tavla.store.interventions import InterventionSummary
from tavla.widgets.board_table import MAIN_MARK, week_label
from tavla.widgets.cell_detail import flag_sentence

GAP = "  ·  "
LABEL_MAX = 18


@dataclass(frozen=True)
class ItemBoardView:
    """What the item's board row draws (attributes down): all of it as it may be shown."""

    row: BoardRow
    interventions: tuple[InterventionSummary, ...]  # going on today
    template: BoardTemplate
    styles: LevelStyles
    today: date


Part = Text | tuple[str, Text]  # a part, or a part with the gap to put before it


def pack(first: Text, parts: list[Part], width: int, indent: int) -> list[Text]:
    """`first`, then `parts` side by side on as few lines as `width` allows: a part that does
    not fit begins a new line, indented (less when even that would not fit). A line still too
    long is wrapped by the widget, so nothing is lost at 80 columns."""
    lines = [first.copy()]
    for part in parts:
        gap, text = part if isinstance(part, tuple) else (GAP, part)
        line = lines[-1]
        header = line.plain.endswith(":")  # "Flags:" waits for its first part
        if header:
            gap = " "
        if not header and line.cell_len + len(gap) + text.cell_len > width:
            start = indent if indent + text.cell_len <= width else 2
            line = Text(" " * start)
            lines.append(line)
        else:
            line.append(gap)
        line.append_text(text)
    return lines


def _principal(key: str) -> str:
    return {"region": _("region"), "municipality": _("municipality"), "other": _("other")}.get(
        key, key
    )


def lane_lines(view: ItemBoardView, width: int) -> list[Text]:
    template, row, styles = view.template, view.row, view.styles
    label_width = min(max((len(lane.label) for lane in template.lanes), default=0), LABEL_MAX)
    lines: list[Text] = []
    for lane in template.lanes:
        cell = row.lanes.get(lane.key)
        head = Text()
        head.append(one_line(lane.label, label_width).ljust(label_width + 1), "bold")
        head.append_text(
            lane_text(cell, template, styles, covered(row.coverage, lane.key, view.today))
        )
        parts: list[Part] = []
        if cell is not None:
            level = Text(template.level(cell.level).label)
            level.append(" " + week_label(cell.rated_on), styles.muted)
            parts.append((" ", level))
        doing = [
            Text(f"{one_line(i.what, 40)} ({_principal(i.principal)})")
            for i in view.interventions
            if lane.key in i.lanes
        ]
        parts += doing or [Text(_("no ongoing intervention"), styles.muted)]
        lines += pack(head, parts, width, label_width + 5)
    return lines


def coordinators_parts(row: BoardRow) -> list[Part]:
    """Each coordinator with their principal, ● on the one with the main responsibility."""
    parts: list[Part] = []
    for principal, name in (
        ("region", row.region_coordinator),
        ("municipality", row.municipality_coordinator),
    ):
        if name:
            text = Text(one_line(name, 30))
            if row.main_responsibility == principal:
                text.append(" " + MAIN_MARK, "bold")
            text.append(f" ({_principal(principal)})")
            parts.append((", ", text) if parts else text)
    return parts or [Text("–")]


def plans_parts(row: BoardRow, today: date, styles: LevelStyles) -> list[Text]:
    """The SIP follow-up and the crisis plan's state, coloured as the board's flags."""
    follow_up = row.sip_follow_up_on
    if follow_up is None:
        sip = Text(_("No SIP"))
    elif follow_up_overdue(follow_up, today):
        sip = Text(_("SIP follow-up overdue since {day}").format(day=follow_up), styles.alert)
    else:
        sip = Text(_("SIP follow-up due {day}").format(day=follow_up))
    reviewed = row.crisis_reviewed_on
    state = crisis_plan_state(reviewed, today)
    if state == "missing":
        crisis = Text(_("No crisis plan"), styles.alert)
    elif state == "stale":
        crisis = Text(
            _("Crisis plan not reviewed since {day}").format(day=reviewed), styles.warning
        )
    else:
        crisis = Text(_("Crisis plan reviewed {day}").format(day=reviewed))
    return [sip, crisis]


def flag_parts(row: BoardRow, today: date, styles: LevelStyles) -> list[Text]:
    """The board's flags besides the SIP and the crisis plan (told beside them), each as its
    badge and in words."""
    parts = []
    for flag in participant_flags(row, today):
        if flag.key in ("sip", "crisis"):
            continue
        part = Text()
        part.append(f" {FLAG_LETTERS[flag.key]} ", _flag_style(flag, styles))  # the board's badge
        part.append(" " + _flag_words(flag, row, today))
        parts.append(part)
    return parts or [Text("–")]


def _flag_style(flag: Flag, styles: LevelStyles):
    return styles.alert if flag.severity == "alert" else styles.warning


def _flag_words(flag: Flag, row: BoardRow, today: date) -> str:
    # The board's sentences, but for those naming a key the meeting uses otherwise.
    if flag.key == "action":
        return _("An action was due on {date} and is still open.").format(date=row.action_due_on)
    if flag.key == "care_contact":
        weeks = (today - row.enrolled_on).days // 7
        return ngettext(
            "No permanent care contact, {n} week after enrolment",
            "No permanent care contact, {n} weeks after enrolment",
            weeks,
        ).format(n=weeks)
    return flag_sentence(flag, row, today)


def board_lines(view: ItemBoardView, width: int) -> list[Text]:
    row, today, styles = view.row, view.today, view.styles
    lines = lane_lines(view, width)
    who = Text()
    who.append(_("Coordinators") + ":", "bold")
    parts = [*coordinators_parts(row), *plans_parts(row, today, styles)]
    lines += pack(who, parts, width, 2)
    flags = Text()
    flags.append(_("Flags") + ":", "bold")
    lines += pack(flags, flag_parts(row, today, styles), width, 2)
    return lines


class ItemBoard(Static):
    """Given an `ItemBoardView` by the meeting screen; draws it again when its width changes."""

    DEFAULT_CSS = """
    ItemBoard { height: auto; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.view: ItemBoardView | None = None
        self._packed_for = 0  # the width the lines were packed for

    def show(self, view: ItemBoardView | None) -> None:
        self.view = view
        self._draw()

    def on_resize(self) -> None:
        # After this layout pass: a layout asked for inside it is not done again, and the
        # height would stay as measured with the lines packed for the old width.
        if self.content_size.width != self._packed_for:
            self.call_after_refresh(self._draw)

    def _draw(self) -> None:
        if self.view is None:
            self.update("")
            return
        self._packed_for = self.content_size.width
        width = self._packed_for or 80
        self.update(Text("\n").join(board_lines(self.view, width)))
