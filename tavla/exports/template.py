"""The board's template for the municipality: its structure, and an empty board to fill in.

The seeds say psychiatry keeps the board and the municipality must have a template
of it "to know it, but then without personal data". So this file holds the lanes
and their meaning, the level scale with wording and colours, the need marks, the
columns, the meeting routine and agenda rules, the target-group criteria and an
empty board, and nothing read from a participant, a contact or a meeting: not even
the coordinators' names. The JSON form is the template itself, which
`tavla import template` turns into a new board, so another tavla gets the same board.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from tavla.domain.agenda_rules import rule_text
from tavla.domain.board_columns import column_label, column_meaning
from tavla.domain.recurrence import weekday_name
from tavla.exports.document import Cell, Document, Progress, Table
from tavla.exports.writers import check_output, write_document
from tavla.i18n import _, ngettext

if TYPE_CHECKING:
    from tavla.domain.template import BoardTemplate
    from tavla.store.database import Store
    from tavla.store.meetings import Series

BLANK_ROWS = 15  # the pilot's 10–15 participants


def template_data(template: BoardTemplate, weekly: Series | None) -> dict:
    """The template as JSON data, with the meeting routine the board actually keeps."""
    data = json.loads(template.source)
    if weekly is not None:
        data["meeting"] = {
            **data.get("meeting", {}),
            "weekday": weekly.recurrence.weekday,
            "time": weekly.at.strftime("%H:%M"),
            "minutes": weekly.minutes,
        }
    return data


def template_document(template: BoardTemplate, weekly: Series | None) -> Document:
    return Document(
        title=_("{name} – template").format(name=template.name),
        lines=(
            _(
                "The board's structure: lanes, level scale, need marks, columns, meeting "
                "routine, agenda rules and target-group criteria, and an empty board."
            ),
            _("It holds no personal data."),
        ),
        tables=(
            _empty_board(template),
            *_scale_tables(template),
            *_routine_tables(template, weekly),
        ),
        data=template_data(template, weekly),
        personal=False,
    )


def _empty_board(template: BoardTemplate) -> Table:
    """The board's columns over empty rows, to fill in by hand."""
    lanes = {lane.key for lane in template.lanes}

    def heading(key: str) -> str:
        label = column_label(key, template)
        if key in lanes:
            low, high = min_max(template)
            marks = "/".join(mark.mark for mark in template.need)
            return f"{label} ({low}–{high}, {marks})"
        return label

    return Table(
        key="board",
        title=_("Board"),
        header=tuple(heading(key) for key in template.columns),
        rows=tuple(("",) * len(template.columns) for _row in range(BLANK_ROWS)),
        note=_("One row per participant; fill in the level and need mark of each lane."),
        main=True,
        handwritten=True,
    )


def _scale_tables(template: BoardTemplate) -> tuple[Table, ...]:
    """What is rated and how: the lanes, the level scale, the need marks."""
    colour = template.colours.get
    return (
        Table(
            key="lanes",
            title=_("Lanes"),
            header=(_("Lane"), _("Meaning")),
            rows=tuple((lane.label, lane.meaning) for lane in template.lanes),
            note=_("The three dimensions of the shared view (Samsyn), each rated on the scale."),
        ),
        Table(
            key="levels",
            title=_("Level scale"),
            header=(_("Level"), _("Label"), _("Meaning"), _("Colour")),
            rows=tuple(
                (
                    Cell(level.symbol, colour(level.colour)),
                    level.label,
                    level.meaning,
                    colour(level.colour, ""),
                )
                for level in (*template.levels, template.unknown)
            ),
            note=_("One scale for every lane."),
        ),
        Table(
            key="need",
            title=_("Need marks"),
            header=(_("Mark"), _("Label"), _("Meaning")),
            rows=tuple((mark.mark, mark.label, mark.meaning) for mark in template.need),
            note=_("Beside a lane's level: is the need met by current interventions?"),
        ),
    )


def _routine_tables(template: BoardTemplate, weekly: Series | None) -> tuple[Table, ...]:
    """How the board is kept: its columns, the meeting routine, the agenda rules, and who
    may be enrolled."""
    return (
        Table(
            key="columns",
            title=_("Columns"),
            header=(_("Column"), _("What it shows")),
            rows=tuple(
                (column_label(key, template), column_meaning(key, template))
                for key in template.columns
            ),
        ),
        Table(
            key="meeting",
            title=_("Meeting routine"),
            header=(_("What"), _("How")),
            rows=routine_rows(template, weekly),
        ),
        Table(
            key="agenda",
            title=_("Agenda rules"),
            header=(_("Order"), _("Who is proposed for the agenda")),
            rows=tuple(
                (n, rule_text(rule, template.agenda))
                for n, rule in enumerate(template.agenda.rules, start=1)
            ),
            note=_("The weekly meeting's agenda is proposed by these rules, in this order."),
        ),
        Table(
            key="criteria",
            title=_("Target-group criteria"),
            header=(_("Criterion"),),
            rows=tuple((criterion.label,) for criterion in template.criteria),
            note=_("Checked at enrolment, each with a note; the municipality decides."),
        ),
    )


def min_max(template: BoardTemplate) -> tuple[int, int]:
    values = [level.value for level in template.levels]
    return min(values), max(values)


def routine_rows(template: BoardTemplate, weekly: Series | None) -> tuple[tuple[str, str], ...]:
    routine = template.meeting
    weekday = weekly.recurrence.weekday if weekly else routine.weekday
    at = weekly.at.strftime("%H:%M") if weekly else routine.time
    minutes = weekly.minutes if weekly else routine.minutes
    interval = weekly.recurrence.interval if weekly else 1
    box = template.agenda.item_minutes
    return (
        (_("Weekly coordinator meeting"), f"{weekday_name(weekday)}, {at}"),
        (_("Length"), ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)),
        (_("How often"), ngettext("Every week", "Every {n} weeks", interval).format(n=interval)),
        (_("Time zone"), routine.timezone),
        (_("Time per agenda item"), ngettext("{n} minute", "{n} minutes", box).format(n=box)),
        (
            _("Sparkline on the board"),
            ngettext("The last {n} week", "The last {n} weeks", template.history_weeks).format(
                n=template.history_weeks
            ),
        ),
    )


def export_template(store: Store, output: Path, *, progress: Progress | None = None) -> Path:
    """Write the board's template to `output` (0644: it holds no personal data) and log it."""
    from tavla.store import audit
    from tavla.store.meetings import get_series

    path = check_output(output)
    document = template_document(store.template, get_series(store, "weekly"))
    written = write_document(path, document, progress=progress)
    with store.write() as session:
        audit.record(session, store.actor, "export", None, f"template → {written}")
    return written
