"""The three lanes over time, week by week, with the interventions as bars beneath,
so one can see whether interventions follow the need."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text

from tavla.domain.display import one_line
from tavla.domain.template import BoardTemplate
from tavla.domain.vocabulary import EventKind
from tavla.i18n import _
from tavla.render.labels import label_for
from tavla.render.lane_cell import LevelStyles
from tavla.store.events import EventSummary
from tavla.store.interventions import InterventionSummary
from tavla.store.lane_state import monday
from tavla.store.record import ParticipantRecord

LABEL_WIDTH = 22
CELL = 3  # characters a week
# The events' marks in their row under the lanes, by their Swedish names: Slutenvård,
# Akutbesök, Kris, Vräkning. Letters, so they cannot be read as a level's symbol.
EVENT_MARKS = {
    EventKind.INPATIENT: "S",
    EventKind.EMERGENCY: "A",
    EventKind.CRISIS: "K",
    EventKind.EVICTION: "V",
}


def chart_weeks(record: ParticipantRecord, today: date, weeks: int) -> list[date]:
    """The Mondays shown: `weeks` of them, ending with today's week (or the discharge's)."""
    last = monday(record.discharged_on or today)
    return [last - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]


def _bar(item: InterventionSummary, week: date, today: date) -> str:
    start = monday(item.started_on)
    end = monday(item.ended_on) if item.ended_on else None
    if week < start or (end is not None and week > end) or (end is None and week > monday(today)):
        return " " * CELL
    dash = "╌" if item.status == "planned" else "━"
    if week == start and week == end:
        return "┝" + dash + "┥"
    if week == start:
        return "┝" + dash * 2
    if week == end:
        return dash * 2 + "┥"
    return dash * CELL


def lane_chart(
    record: ParticipantRecord,
    template: BoardTemplate,
    styles: LevelStyles,
    today: date,
    weeks: int = 26,
) -> Text:
    columns = chart_weeks(record, today, weeks)
    text = Text(no_wrap=True)
    text.append(_("Week").ljust(LABEL_WIDTH), "bold")
    for week in columns:
        text.append(f"{week.isocalendar().week:>{CELL}}", styles.muted)
    for lane in template.lanes:
        by_week = {w.week: w for w in record.weekly.get(lane.key, ())}
        text.append("\n" + lane.label[: LABEL_WIDTH - 1].ljust(LABEL_WIDTH), "bold")
        for week in columns:
            rated = by_week.get(week)
            if rated is None:
                text.append(" · ", styles.muted)
            else:
                level = template.level(rated.level)
                text.append(f" {level.symbol} ", styles.badge[level.symbol])
    _events(text, record.events, columns, styles)
    shown = [
        item
        for item in record.interventions
        if item.ended_on is None or monday(item.ended_on) >= columns[0]
    ]
    text.append("\n" + _("Interventions"), "bold")
    if not shown:
        text.append("  –", styles.muted)
    for item in shown:
        lanes = "".join(template.lane(lane).label[0] for lane in item.lanes)
        label = f"{one_line(item.what, LABEL_WIDTH - len(lanes) - 4)} ({lanes})"
        text.append("\n" + label.ljust(LABEL_WIDTH))
        for week in columns:
            text.append(_bar(item, week, today), styles.met)
    return text


def event_marks(events: list[EventSummary], columns: list[date]) -> list[str]:
    """The marks of each week shown: an inpatient stay marks every week it spans (a stay
    without an end date its first), the others the week they happened; a week with several
    has them all, in EVENT_MARKS order, up to a cell's width."""
    last = columns[-1] + timedelta(days=6)
    marks: list[set[str]] = [set() for _week in columns]
    for event in events:
        end = min(event.until or event.happened_on, last)
        for n, week in enumerate(columns):
            if week <= end and event.happened_on <= week + timedelta(days=6):
                marks[n].add(EVENT_MARKS.get(event.kind, "?"))
    order = "".join(EVENT_MARKS.values())
    return ["".join(sorted(found, key=order.find))[:CELL] for found in marks]


def _events(text: Text, events: list[EventSummary], columns: list[date], styles: LevelStyles):
    text.append("\n" + _("Events").ljust(LABEL_WIDTH), "bold")
    for marks in event_marks(events, columns):
        text.append(marks.center(CELL) if marks else " · ", "bold" if marks else styles.muted)
    legend = "  ".join(f"{mark} {label_for(kind)}" for kind, mark in EVENT_MARKS.items())
    text.append("\n" + " " * LABEL_WIDTH + legend, styles.muted)
