"""Follow-up figures for the managers' group (chefsgrupp): counts over a period, never people.

Enrolled, discharged and why, time in the programme, the levels of the lanes, plans and
consent in place, meetings held. No name, code, identity number, free text or date from the
database: the period is named by months, the file's making by ISO week; it is not personal
data and is written readable by all.

Small counts of people are hidden as "<3", and so are the counts that would give them away
(`small_counts`). Meetings are not people: they are counted exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tavla.domain.dates import iso_week
from tavla.domain.vocabulary import DischargeReason, MeetingKind, as_key
from tavla.errors import UserError
from tavla.exports.document import Document, Progress, Table
from tavla.exports.small_counts import (
    FEWEST,
    SMALL,
    Shown,
    breakdown,
    flow,
    share,
    share_text,
    shown_total,
)
from tavla.exports.writers import check_output, write_document
from tavla.i18n import _, language
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
    start: str  # the period's start, in words
    end: str  # its end, in words


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
    when = _When(
        start=_("the start of {month}").format(month=first),
        end=(
            _("the time this file was made (week {week})").format(week=iso_week(today))
            if to_date
            else _("the end of {month}").format(month=last)
        ),
    )
    people = flow(
        figures.active_at_start, figures.enrolled, figures.discharged, figures.active_at_end
    )
    data: dict[str, Any] = {
        "format": "tavla-figures",
        "format_version": 1,
        "period": {"from": first, "to": last, "to_date": to_date},
        "made": iso_week(today),
        "suppressed": SMALL,
    }
    tables = [
        _participants(people, when, data),
        _reasons(figures, people, when, data),
        _time(figures, people, when, data),
        *_lanes(figures, template, people, when, data),
        _plans(figures, people, when, data),
        _meetings(figures, when, data),
    ]
    period = f"{first} – {last}"
    lines = [
        _(
            "Follow-up figures for the managers' group: how many people took part in the "
            "programme, and how things went for them as a group. No row is about a person."
        ),
        (
            _(
                "Period: {period}, from the start of {first} to the time this file was made: "
                "{last} is not over yet."
            )
            if to_date
            else _("Period: {period}, from the start of {first} to the end of {last}.")
        ).format(period=period, first=first, last=last),
        _(
            "Counts of fewer than 3 people are shown as {small}. So that such a count cannot "
            "be worked out from a total, a larger count beside it may be shown as {small} too."
        ).format(small=SMALL),
        _("Made in week {week}.").format(week=iso_week(today)),
    ]
    return Document(
        title=_("Follow-up figures {period}").format(period=period),
        lines=tuple(lines),
        tables=tuple(tables),
        data=data,
        personal=False,
    )


def _participants(people: dict[str, Shown], when: _When, data: dict) -> Table:
    data["participants"] = people
    rows = (
        (_("Active at the start of the period"), people["active_at_start"]),
        (_("Enrolled during the period"), people["enrolled"]),
        (_("Discharged during the period"), people["discharged"]),
        (_("Active at the end of the period"), people["active_at_end"]),
        (_("Active at any time during the period"), people["active_during"]),
    )
    note = _(
        "Participants from {start} to {end}. Active: enrolled and not discharged. "
        "Active at the start and those enrolled make up those active at any time; "
        "so do those active at the end and those discharged."
    ).format(start=when.start, end=when.end)
    return Table("participants", _("Participants"), (_("Figure"), _("People")), rows, note)


def _reasons(figures: FollowUp, people: dict[str, Shown], when: _When, data: dict) -> Table:

    total = people["discharged"]
    values = breakdown(list(figures.by_reason.values()), total_shown=total != SMALL)
    data["discharged_by_reason"] = dict(zip(figures.by_reason, values, strict=True))
    rows = [
        (label_for(as_key(DischargeReason, reason)), value)
        for reason, value in zip(figures.by_reason, values, strict=True)
    ]
    rows.append((_("Total"), total))
    note = _("Participants discharged from {start} to {end}, by the reason recorded.").format(
        start=when.start, end=when.end
    )
    return Table(
        "discharges", _("Discharged, by reason"), (_("Reason"), _("People")), tuple(rows), note
    )


def _time(figures: FollowUp, people: dict[str, Shown], when: _When, data: dict) -> Table:
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
        months = _median_months(durations)
        data["time_in_programme"][key] = {"people": count, "median_months": months}
        rows.append((label, count, "–" if months is None else _decimal(months)))
    note = _(
        "Median time in the programme in months (of 30.4 days), up to {end}; "
        "no median for fewer than 3 people."
    ).format(end=when.end)
    header = (_("Group"), _("People"), _("Median, months"))
    return Table("time", _("Time in the programme"), header, tuple(rows), note)


def _median_months(durations: Durations) -> float | None:
    if durations.people < FEWEST or durations.median_months is None:
        return None
    return round(durations.median_months, 1)


def _decimal(value: float) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if language() == "sv" else text


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
        change = [compared, *breakdown(changes, total_shown=compared != SMALL)]
        change_rows.append((label, *change))
        data["levels"].append(
            {
                "lane": lane.lane,
                **{k: dict(zip(keys, v, strict=True)) for k, v in at.items()},
                "change": dict(zip(("compared", "rose", "unchanged", "fell"), change, strict=True)),
            }
        )
    return _lane_tables(template, scale, level_rows, change_rows, when)


def _by_level(counts: LevelCounts, scale: list[Level], total: Shown) -> list[Shown]:
    """A lane's participants by level (then not known, not rated) as shown, and their total."""
    values = [
        *(counts.by_level.get(level.value, 0) for level in scale),
        counts.not_known,
        counts.not_rated,
    ]
    return [*breakdown(values, total_shown=total != SMALL), total]


def _lane_tables(
    template: BoardTemplate,
    scale: list[Level],
    level_rows: list[tuple],
    change_rows: list[tuple],
    when: _When,
) -> tuple[Table, Table]:
    header = (
        _("Lane"),
        _("When"),
        *(f"{level.value} {level.label}" for level in scale),
        template.unknown.label,
        _("Not rated"),
        _("Active"),
    )
    levels = _(
        "Participants active at {start} and at {end}, by the level of each lane in effect "
        "then. Not rated: no rating of the lane by then."
    )
    change = _(
        "Participants active at both {start} and {end} with a known level at both: "
        "whether the level rose, stayed or fell. A higher level means a greater need."
    )
    return (
        Table(
            "levels",
            _("Levels per lane"),
            header,
            tuple(level_rows),
            levels.format(start=when.start, end=when.end),
        ),
        Table(
            "level_change",
            _("Change per lane"),
            (_("Lane"), _("Compared"), _("Rose"), _("Unchanged"), _("Fell")),
            tuple(change_rows),
            change.format(start=when.start, end=when.end),
        ),
    )


def _plans(figures: FollowUp, people: dict[str, Shown], when: _When, data: dict) -> Table:
    of = people["active_at_end"]
    items = (
        ("sip", _("A current SIP: its follow-up date not passed"), figures.with_sip),
        ("crisis_plan", _("A crisis plan reviewed within 6 months"), figures.with_crisis_plan),
        ("consent", _("Valid consent to share information"), figures.with_consent),
    )
    data["plans"] = {key: share(n, of) for key, _label, n in items}
    rows = tuple((label, share_text(data["plans"][key])) for key, label, _n in items)
    note = _("Of the participants active at {end}: what was in place then.").format(end=when.end)
    return Table("plans", _("Plans and consent"), (_("What"), _("Share")), rows, note)


def _meetings(figures: FollowUp, when: _When, data: dict) -> Table:

    data["meetings"] = dict(figures.meetings)
    rows = tuple((label_for(as_key(MeetingKind, kind)), n) for kind, n in figures.meetings.items())
    note = _(
        "Meetings from {start} to {end}: weekly meetings held, and resource-group, SIP "
        "and managers' meetings recorded. Meetings are not people: exact counts."
    ).format(start=when.start, end=when.end)
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
