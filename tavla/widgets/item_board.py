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
from tavla.i18n import _
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


def pack(first: Text, parts: list[Text], width: int, indent: int) -> list[Text]:
    """`first`, then `parts` side by side on as few lines as `width` allows; a part that does
    not fit begins a new line, indented. Each line is cut with an ellipsis, never wrapped."""
    lines = [first.copy()]
    for part in parts:
        line = lines[-1]
        gap = (" " if line.plain.endswith(":") else GAP) if line.plain.strip() else ""
        if line.cell_len + len(gap) + part.cell_len > width and line.plain.strip():
            line = Text(" " * indent)
            lines.append(line)
        elif gap:
            line.append(gap)
        line.append_text(part)
    for line in lines:
        line.no_wrap, line.overflow = True, "ellipsis"
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
        if cell is not None:
            head.append(" " + template.level(cell.level).label)
            head.append(" " + week_label(cell.rated_on), styles.muted)
        doing = [
            Text(f"{one_line(i.what, 40)} ({_principal(i.principal)})")
            for i in view.interventions
            if lane.key in i.lanes
        ]
        if not doing:
            doing = [Text(_("no ongoing intervention"), styles.muted)]
        lines += pack(head, doing, width, label_width + 5)
    return lines


def coordinators_part(row: BoardRow) -> Text:
    text = Text()
    text.append(_("Coordinators") + ":", "bold")
    text.append(" ")
    names = [
        (principal, name)
        for principal, name in (
            ("region", row.region_coordinator),
            ("municipality", row.municipality_coordinator),
        )
        if name
    ]
    if not names:
        text.append("–")
    for n, (principal, name) in enumerate(names):
        text.append((", " if n else "") + one_line(name, 30))
        if row.main_responsibility == principal:
            text.append(" " + MAIN_MARK, "bold")
        text.append(f" ({_principal(principal)})")
    return text


def plans_parts(row: BoardRow, today: date, styles: LevelStyles) -> list[Text]:
    """The SIP follow-up and the crisis plan's state, coloured as the board's flags."""
    follow_up = row.sip_follow_up_on
    if follow_up is None:
        sip = Text(_("No SIP"), styles.warning)
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
        part = Text(FLAG_LETTERS[flag.key], _flag_style(flag, styles))
        part.append(" " + _flag_words(flag, row, today))
        parts.append(part)
    return parts or [Text("–")]


def _flag_style(flag: Flag, styles: LevelStyles):
    return styles.alert if flag.severity == "alert" else styles.warning


def _flag_words(flag: Flag, row: BoardRow, today: date) -> str:
    if flag.key == "action":  # the board's sentence names a key the meeting uses otherwise
        return _("An action was due on {date} and is still open.").format(date=row.action_due_on)
    return flag_sentence(flag, row, today)


def board_lines(view: ItemBoardView, width: int) -> list[Text]:
    row, today, styles = view.row, view.today, view.styles
    lines = lane_lines(view, width)
    lines += pack(coordinators_part(row), plans_parts(row, today, styles), width, 2)
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

    def show(self, view: ItemBoardView | None) -> None:
        self.view = view
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        if self.view is None:
            self.update("")
            return
        width = self.content_size.width or 80
        self.update(Text("\n", no_wrap=True).join(board_lines(self.view, width)))
