"""One line that explains the colours and marks, so a newcomer in the meeting can read the board."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tavla.domain.template import BoardTemplate
from tavla.i18n import _
from tavla.render.lane_cell import UNCOVERED_MARK, LevelStyles
from tavla.widgets.board_table import MAIN_MARK


class Legend(Static):
    DEFAULT_CSS = """
    Legend { height: 4; padding: 0 1; color: $foreground-muted; }
    """

    def show(self, template: BoardTemplate, styles: LevelStyles) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        for level in (*template.levels, template.unknown):
            text.append(f" {level.symbol} ", styles.badge[level.symbol])
            text.append(f" {level.label}  ")
        text.append("\n")
        text.append("↑↓ ", "bold")
        text.append(_("since last") + "  ")
        for mark in template.need:
            text.append(mark.mark + " ", styles.unmet if mark.key == "unmet" else styles.met)
            text.append(mark.label.lower() + "  ")
        text.append(UNCOVERED_MARK + " ", styles.uncovered)
        text.append(_("met, no intervention") + "  ")
        text.append(MAIN_MARK + " ", "bold")
        text.append(_("main responsibility"))
        text.append("\n")
        text.append(" S ", styles.alert)
        text.append(" " + _("consent") + "  ")
        text.append(" O ", styles.alert)
        text.append(" " + _("ORS") + "  ")
        text.append(" K ", styles.alert)
        text.append(" " + _("crisis plan") + "  ")
        text.append(" Å ", styles.alert)
        text.append(" " + _("action overdue") + "  ")
        text.append(" R ", styles.warning)
        text.append(" " + _("resource group due") + "  ")
        text.append(" V ", styles.warning)
        text.append(" " + _("no permanent care contact"))
        text.append("\n")
        text.append(" " + _("w.") + " ", styles.alert)
        text.append(" " + _("SIP follow-up overdue") + "  ")
        text.append(_("Disc."), "bold")
        text.append(" " + _("days since discussed"))
        self.update(text)
