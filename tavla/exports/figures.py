"""Follow-up figures for the managers' group (chefsgrupp): counts over a period, never people.

Enrolled, discharged and why, time in the programme, the levels of the lanes, ORS, the time
to the first plans (`figures_care`), plans, consent and contacts in place, meetings held. No
name, code, identity number, free text or date from the database: the period is named by
months, the file's making by its week; it is not personal data and is written readable by all.

Counts of 1 or 2 people show as "<3", figures hidden to protect them as "×", which claims
nothing (`small_counts`); the file's first lines say so. Meetings are not people: they are
counted exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tavla.domain.dates import iso_week, month_text
from tavla.domain.vocabulary import DischargeReason, MeetingKind, as_key
from tavla.errors import UserError
from tavla.exports.document import Document, Progress, Table
from tavla.exports.figures_care import (
    NO_MEDIAN,
    decimal_text,
    first_plans_table,
    median_beside,
    ors_table,
)
from tavla.exports.figures_events import events_table
from tavla.exports.small_counts import (
    FEWEST,
    HIDDEN,
    SMALL,
    Shown,
    breakdown,
    flow,
    share,
    share_text,
    shown_total,
)
from tavla.exports.writers import check_output, write_document
from tavla.i18n import _
from tavla.render.labels import label_for

if TYPE_CHECKING:
    from tavla.domain.template import BoardTemplate, Level
    from tavla.store.database import Store
    from tavla.store.follow_up import Durations, FollowUp, LevelCounts

# --- the period ---------------------------------------------------------------------------


def default_period(today: date) -> tuple[date, date]:
    """The twelve months ending with today's month, as the first days of the first and last."""
    return _months_later(today.replace(day=1), -11), today.replace(day=1)


def period_of(first_month: date, last_month: date, today: date) -> tuple[date, date]:
    """The first and last day of the period, cut at `today`; UserError if it cannot be."""
    start, last = first_month.replace(day=1), last_month.replace(day=1)
    if start > last:
        raise UserError(_("The period starts after it ends; give the earlier month first."))
    if start > today:
        raise UserError(_("The period starts after today; figures can only be of the past."))
    return start, min(_months_later(last, 1) - timedelta(days=1), today)


def _months_later(first: date, months: int) -> date:
    year, month = divmod(first.year * 12 + first.month - 1 + months, 12)
    return date(year, month + 1, 1)


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


# --- the document -------------------------------------------------------------------------


@dataclass(frozen=True)
class _When:
    start: str  # the period's start, as a column of the lane tables names it
    end: str  # its end


def figures_document(
    store: Store,
    first_month: date,
    last_month: date,
    *,
    today: date,
    municipality: str | None = None,
) -> Document:
    """The figures from the first day of `first_month` to the end of `last_month` (or today);
    of `municipality`'s participants and meetings only, if given."""
    from tavla.store.follow_up import follow_up

    start, end = period_of(first_month, last_month, today)
    document = build_document(
        follow_up(store, start, end, municipality=municipality),
        store.template,
        last_month=last_month,
        today=today,
    )
    if municipality is None:
        return document
    scope = _("Only the participants of {municipality}, and its meetings.").format(
        municipality=municipality
    )
    title = f"{document.title} · {municipality}"
    data = {**document.data, "municipality": municipality}
    return replace(document, title=title, lines=(*document.lines, scope), data=data)


def build_document(
    figures: FollowUp, template: BoardTemplate, *, last_month: date, today: date
) -> Document:
    """The document of figures already counted; pure, so hiding can be tested on any counts."""
    first, last = _month(figures.start), _month(last_month)
    to_date = figures.end < _months_later(last_month.replace(day=1), 1) - timedelta(days=1)
    when = _When(start=_("Start of the period"), end=_("End of the period"))
    people = flow(
        figures.active_at_start, figures.enrolled, figures.discharged, figures.active_at_end
    )
    data: dict[str, Any] = {
        "format": "tavla-figures",
        "format_version": 2,
        "period": {"from": first, "to": last, "to_date": to_date},
        "made": iso_week(today),
    }
    lines = _lines(figures.start, last_month, to_date, today, data)
    tables = [
        _participants(people, data),
        _reasons(figures, people, data),
        _time(figures, people, data),
        *_lanes(figures, template, people, when, data),
        ors_table(figures, data),
        first_plans_table(figures, data),
        events_table(figures, data),
        _plans(figures, people, data),
        _meetings(figures, data),
    ]
    return Document(
        title=_("Follow-up figures {period}").format(period=f"{first} – {last}"),
        lines=lines,
        tables=tuple(tables),
        data=data,
        personal=False,
    )


def _lines(start: date, last_month: date, to_date: bool, today: date, data: dict) -> tuple:
    """The file's first sentences: what it is, its period, what its symbols mean, its week."""
    period = f"{_month(start)} – {_month(last_month)}"
    first, last = month_text(start), month_text(last_month)
    symbols = {
        SMALL: _("{small} means 1 or 2 people: counts that small are not shown."),
        HIDDEN: _(
            "{hidden} means a figure hidden so that a hidden count cannot be worked out from "
            "the figures around it. It says nothing about the number itself, which may be 0, "
            "small or large."
        ),
        NO_MEDIAN: _(
            "{none} means that no median is given: the group has fewer than 3 people, or its "
            "number is not shown."
        ),
    }
    data["symbols"] = {
        symbol: text.format(small=SMALL, hidden=HIDDEN, none=NO_MEDIAN)
        for symbol, text in symbols.items()
    }
    year, week, _weekday = today.isocalendar()
    return (
        _(
            "Follow-up figures for the managers' group: how many people have taken part in the "
            "programme, and how things have gone for them as a group. No row is about a single "
            "person."
        ),
        (
            _(
                "Period: {period}. The figures run from the start of {first} to the day this "
                "file was made, since {last} is not over yet; in the tables that day is the "
                "end of the period."
            )
            if to_date
            else _("Period: {period}, from the start of {first} to the end of {last}.")
        ).format(period=period, first=first, last=last),
        *data["symbols"].values(),
        _("Made in week {week} of {year}.").format(week=week, year=year),
    )


def _participants(people: dict[str, Shown], data: dict) -> Table:
    data["participants"] = people
    rows = (
        (_("Active at the start of the period"), people["active_at_start"]),
        (_("Enrolled during the period"), people["enrolled"]),
        (_("Discharged during the period"), people["discharged"]),
        (_("Active at the end of the period"), people["active_at_end"]),
        (_("Active at any time during the period"), people["active_during"]),
    )
    note = _(
        "Active means enrolled and not discharged. Those active at the start of the period "
        "and those enrolled during it together make up those active at any time during the "
        "period; so do those active at the end of the period and those discharged during it."
    )
    return Table("participants", _("Participants"), (_("Group"), _("People")), rows, note)


def _reasons(figures: FollowUp, people: dict[str, Shown], data: dict) -> Table:

    total = people["discharged"]
    values = breakdown(list(figures.by_reason.values()), total)
    data["discharged_by_reason"] = dict(zip(figures.by_reason, values, strict=True))
    rows = [
        (label_for(as_key(DischargeReason, reason)), value)
        for reason, value in zip(figures.by_reason, values, strict=True)
    ]
    rows.append((_("Total"), total))
    note = _(
        "Participants discharged during the period, by the reason recorded. When the number "
        "discharged is not shown, neither is this breakdown."
    )
    return Table(
        "discharges", _("Discharged, by reason"), (_("Reason"), _("People")), tuple(rows), note
    )


def _time(figures: FollowUp, people: dict[str, Shown], data: dict) -> Table:
    groups = (
        (
            "discharged",
            _("Discharged during the period: enrolment to discharge"),
            figures.to_discharge,
            people["discharged"],
        ),
        (
            "active_at_end",
            _("Active at the end of the period: enrolment to the period's end"),
            figures.so_far,
            people["active_at_end"],
        ),
    )
    data["time_in_programme"] = {}
    rows = []
    for key, label, durations, count in groups:
        months = median_beside(_median_months(durations), count)
        data["time_in_programme"][key] = {"people": count, "median_months": months}
        rows.append((label, count, NO_MEDIAN if months is None else decimal_text(months)))
    note = _(
        "Median time in the programme, in months of 30.4 days. No median (–) is given for "
        "fewer than 3 people, or where their number is not shown."
    )
    header = (_("Group"), _("People"), _("Median, months"))
    return Table("time", _("Time in the programme"), header, tuple(rows), note)


def _median_months(durations: Durations) -> float | None:
    if durations.people < FEWEST or durations.median_months is None:
        return None
    return round(durations.median_months, 1)


def _lanes(
    figures: FollowUp, template: BoardTemplate, people: dict[str, Shown], when: _When, data: dict
) -> tuple[Table, Table]:
    scale = [level for level in template.levels if level.value is not None]
    labels = {lane.key: lane.label for lane in template.lanes}
    keys = [*(str(level.value) for level in scale), "not_known", "not_rated", "active"]
    level_rows, change_rows, data["levels"] = [], [], []
    for lane in figures.lanes:
        label = labels.get(lane.lane, lane.lane)
        at = {
            "start": _by_level(lane.at_start, scale, people["active_at_start"]),
            "end": _by_level(lane.at_end, scale, people["active_at_end"]),
        }
        level_rows += [(label, when.start, *at["start"]), (label, when.end, *at["end"])]
        changes = [lane.rose, lane.unchanged, lane.fell]
        compared = shown_total(changes)
        change = [compared, *breakdown(changes, compared)]
        change_rows.append((label, *change))
        data["levels"].append(
            {
                "lane": lane.lane,
                **{k: dict(zip(keys, v, strict=True)) for k, v in at.items()},
                "change": dict(zip(("compared", "rose", "unchanged", "fell"), change, strict=True)),
            }
        )
    return _lane_tables(template, scale, level_rows, change_rows)


def _by_level(counts: LevelCounts, scale: list[Level], total: Shown) -> list[Shown]:
    """A lane's participants by level (then not known, not rated) as shown, and their total."""
    values = [
        *(counts.by_level.get(level.value, 0) for level in scale),
        counts.not_known,
        counts.not_rated,
    ]
    return [*breakdown(values, total), total]


def _lane_tables(
    template: BoardTemplate,
    scale: list[Level],
    level_rows: list[tuple],
    change_rows: list[tuple],
) -> tuple[Table, Table]:
    header = (
        _("Lane"),
        _("Point in time"),
        *(f"{level.value} {level.label}" for level in scale),
        template.unknown.label,
        _("Not rated"),
        _("Active"),
    )
    levels = _(
        "Participants active at the start and at the end of the period, by the level of each "
        "lane in effect then. Not rated: the lane had not been rated by then. When the number "
        "active is not shown, neither is this breakdown."
    )
    change = _(
        "Participants active at both the start and the end of the period with a known level "
        "at both: whether the level rose, stayed the same or fell. A higher level means a "
        "greater need."
    )
    return (
        Table(
            "levels",
            _("Levels per lane"),
            header,
            tuple(level_rows),
            levels,
        ),
        Table(
            "level_change",
            _("Change per lane"),
            (_("Lane"), _("Compared"), _("Higher level"), _("Same level"), _("Lower level")),
            tuple(change_rows),
            change,
        ),
    )


def _plans(figures: FollowUp, people: dict[str, Shown], data: dict) -> Table:
    of = people["active_at_end"]
    items = (
        ("sip", _("A current SIP: its follow-up date not passed"), figures.with_sip),
        ("crisis_plan", _("A crisis plan reviewed within 6 months"), figures.with_crisis_plan),
        ("consent", _("Valid consent to share information"), figures.with_consent),
        ("care_contact", _("A permanent care contact named"), figures.with_care_contact),
        ("samsa", _("Marked in SAMSA as a participant"), figures.with_samsa),
    )
    data["plans"] = {key: share(n, of) for key, _label, n in items}
    rows = tuple((label, share_text(data["plans"][key])) for key, label, _n in items)
    note = _(
        "Of the participants active at the end of the period: how many had each of these in "
        "place then. The permanent care contact is as recorded now, since tavla keeps no "
        "history of it."
    )
    title = _("In place at the end of the period")
    return Table("plans", title, (_("What"), _("Share")), rows, note)


def _meetings(figures: FollowUp, data: dict) -> Table:

    data["meetings"] = dict(figures.meetings)
    rows = tuple((label_for(as_key(MeetingKind, kind)), n) for kind, n in figures.meetings.items())
    note = _(
        "Meetings during the period, counted exactly, since meetings are not people: weekly "
        "meetings held, and the participants' own meetings (resource group, SIP, trepart, "
        "relatives, home visits) and managers' meetings as recorded. SIP meetings are the "
        "days the SIPs say their meetings were held, together with the meetings recorded as "
        "SIP meetings; one participant's SIP meeting on one day counts once, however often "
        "it is recorded."
    )
    return Table("meetings", _("Meetings"), (_("Meeting"), _("Number")), rows, note)


# --- writing ------------------------------------------------------------------------------


def export_figures(
    store: Store,
    output: Path,
    *,
    first_month: date,
    last_month: date,
    today: date,
    progress: Progress | None = None,
    municipality: str | None = None,
) -> Path:
    """Write the figures to `output` (the format by its suffix; 0644: no personal data) and
    log it once; returns the absolute path. A wrong name or period costs nothing."""
    from tavla.store import audit

    path = check_output(output)
    document = figures_document(
        store, first_month, last_month, today=today, municipality=municipality
    )
    written = write_document(path, document, progress=progress)
    what = f"figures {_month(first_month)}–{_month(last_month)} → {written}"
    with store.write() as session:
        audit.record(session, store.actor, "export", None, what)
    return written
