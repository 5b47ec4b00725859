"""Below the board: the highlighted participant and lane in words, including the latest note."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tavla.display import one_line
from tavla.i18n import _
from tavla.store.board import BoardRow
from tavla.template import BoardTemplate
from tavla.widgets.board_table import short_name
from tavla.widgets.lane_cell import LevelStyles


class CellDetail(Static):
    DEFAULT_CSS = """
    CellDetail {
        height: 4;
        padding: 0 1;
        background: $surface;
        border-top: solid $panel;
    }
    """

    def show(
        self,
        row: BoardRow | None,
        lane_key: str | None,
        template: BoardTemplate,
        styles: LevelStyles,
        presentation: bool,
    ) -> None:
        # Fixed height: no layout pass needed, which matters with a thousand rows on the board.
        self.update(self.describe(row, lane_key, template, styles, presentation), layout=False)

    @staticmethod
    def describe(
        row: BoardRow | None,
        lane_key: str | None,
        template: BoardTemplate,
        styles: LevelStyles,
        presentation: bool,
    ) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        if row is None:
            text.append(_("Nobody is enrolled yet. Enrol with: tavla participant add --name NAME"))
            return text

        text.append(row.code, "bold")
        if not presentation:
            text.append("  " + one_line(row.name))
            if row.identity_number:
                text.append("  " + one_line(row.identity_number))
        text.append("  ·  " + _("enrolled {date}").format(date=row.enrolled_on.isoformat()))
        text.append("\n")

        lane = next((lane for lane in template.lanes if lane.key == lane_key), None)
        if lane is None:
            main = {"region": _("region"), "municipality": _("municipality")}.get(
                row.main_responsibility or "", "–"
            )
            text.append(
                _(
                    "Coordinators: region {region}, municipality {municipality}; "
                    "main responsibility: {main}"
                ).format(
                    region=short_name(row.region_coordinator),
                    municipality=short_name(row.municipality_coordinator),
                    main=main,
                )
            )
            return text

        cell = row.lanes.get(lane.key)
        text.append(lane.label + ": ", "bold")
        if cell is None:
            text.append(_("not rated yet"))
            return text
        level = template.level(cell.level)
        text.append(f" {level.symbol} ", styles.badge[level.symbol])
        text.append(f" {level.label}")
        mark = template.need_mark(cell.need)
        if mark is not None:
            text.append("  ·  ")
            text.append(mark.label, styles.unmet if mark.key == "unmet" else styles.met)
        week = cell.rated_on.isocalendar().week
        text.append(
            "  ·  "
            + _("rated {date} (week {week}) by {author}").format(
                date=cell.rated_on.isoformat(), week=week, author=one_line(cell.author)
            )
        )
        text.append("\n" + _("Note") + ": ", "bold")
        if presentation:
            text.append(_("hidden in presentation mode"), styles.muted)
        elif cell.note:
            text.append(one_line(cell.note))
        else:
            text.append("–", styles.muted)
        return text
