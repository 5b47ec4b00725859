"""`tavla meeting …`: the recurring meetings, and meetings held, from scripts."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import typer

from tavla.cli import shared as cli_shared
from tavla.cli.shared import (
    CommandGroup,
    DbOption,
    JsonOption,
    MunicipalityOption,
    ParticipantOption,
    chosen_municipality,
    database,
    safe_json,
)
from tavla.domain.dates import parse_date, parse_optional_date
from tavla.domain.display import one_line, visible
from tavla.domain.vocabulary import MeetingKind
from tavla.errors import UserError
from tavla.i18n import _, ngettext
from tavla.render.labels import label_for

if TYPE_CHECKING:
    from tavla.store.meetings import Series

group = CommandGroup("meeting", help=lambda: _("The recurring weekly meeting, and meetings held."))

MeetingDateArgument = Annotated[str, typer.Argument(metavar="DATE")]
SeriesKindOption = Annotated[str, typer.Option("--kind", metavar="weekly|managers")]
AttendeeOption = Annotated[
    list[int] | None,
    typer.Option("--attendee", metavar="CONTACT_ID", help=_("A contact who attends; repeat.")),
]


def _today() -> date:
    return cli_shared.today()  # looked up at each call, so tests can fix the day


def _check_kind(kind: str, kinds: tuple[str, ...]) -> str:
    if kind not in kinds:
        raise UserError(
            _("{text!r} is not a kind of meeting; use {keys}.").format(
                text=kind, keys=", ".join(kinds)
            )
        )
    return kind


def _no_series(kind: str) -> UserError:
    command = "tavla meeting setup" + ("" if kind == "weekly" else f" --kind {kind}")
    return UserError(
        _("No recurring meeting of this kind is set up; run '{command}' first.").format(
            command=command
        )
    )


def _rhythm(series: Series) -> str:
    recurrence = series.recurrence
    every = recurrence.interval
    if recurrence.frequency == "weekly":
        return ngettext("every week", "every {n} weeks", every).format(n=every)
    first = recurrence.occurrences(recurrence.starts_on, 1)[0].date()
    week = (first.day - 1) // 7 + 1
    return ngettext(
        "every month, in week {week} of the month",
        "every {n} months, in week {week} of the month",
        every,
    ).format(n=every, week=week)


@group.command(
    "setup",
    help=lambda: _(
        "Set up (or replace) a recurring meeting. Options not given take the board "
        "template's meeting routine; the series starts today unless --from says otherwise."
    ),
)
def meeting_setup(
    ctx: typer.Context,
    kind: SeriesKindOption = "weekly",
    weekday: Annotated[
        str | None,
        typer.Option("--weekday", metavar="DAY", help=_("tuesday, tisdag or 2 (1 is Monday).")),
    ] = None,
    at: Annotated[str | None, typer.Option("--time", metavar="HH:MM")] = None,
    minutes: Annotated[int | None, typer.Option("--minutes", help=_("Length."))] = None,
    every: Annotated[
        int, typer.Option("--every", metavar="N", help=_("Every N weeks (or months)."))
    ] = 1,
    monthly: Annotated[
        bool,
        typer.Option(
            "--monthly",
            help=_("Monthly, on the weekday of the same week of the month as the first."),
        ),
    ] = False,
    start: Annotated[str | None, typer.Option("--from", metavar="YYYY-MM-DD")] = None,
    skip: Annotated[
        list[str] | None,
        typer.Option("--skip", metavar="YYYY-MM-DD", help=_("A date without a meeting; repeat.")),
    ] = None,
    attendee: AttendeeOption = None,
    municipality: MunicipalityOption = None,
    db: DbOption = None,
) -> None:
    from tavla.domain.recurrence import parse_time, parse_weekday
    from tavla.store.meetings import SERIES_KINDS, SeriesInput, get_series, set_up_series

    # Everything typed is checked before the database is opened.
    _check_kind(kind, SERIES_KINDS)
    day = parse_weekday(weekday) if weekday is not None else None
    clock = parse_time(at) if at is not None else None
    starts_on = parse_optional_date(start, _("The first date")) or _today()
    skipped = tuple(parse_date(text, _("The date to skip")) for text in skip or ())
    with database(ctx, db, create=True) as store:
        scope = chosen_municipality(ctx, store, municipality)
        routine = store.template.meeting
        set_up_series(
            store,
            SeriesInput(
                kind=kind,
                weekday=routine.weekday if day is None else day,
                at=parse_time(routine.time) if clock is None else clock,
                minutes=routine.minutes if minutes is None else minutes,
                starts_on=starts_on,
                frequency="monthly" if monthly else "weekly",
                interval=every,
                skip=skipped,
                attendees=tuple(attendee or ()),
                municipality=scope,
            ),
        )
        series = get_series(store, kind, municipality=scope)
    typer.echo(_set_up_text(series))


def _set_up_text(series: Series) -> str:
    from tavla.domain.recurrence import weekday_name

    upcoming = series.recurrence.occurrences(_today(), 3)
    return _("{meeting} set up: {weekday} {time}, {minutes} min, {rhythm}; next {dates}.").format(
        meeting=" · ".join(
            filter(None, (label_for(MeetingKind(series.kind)), series.municipality))
        ),
        weekday=weekday_name(series.recurrence.weekday),
        time=series.at.strftime("%H:%M"),
        minutes=series.minutes,
        rhythm=_rhythm(series),
        dates=", ".join(moment.date().isoformat() for moment in upcoming),
    )


@group.command(
    "next", help=lambda: _("The next dates of a recurring meeting (skipped dates left out).")
)
def meeting_next(
    ctx: typer.Context,
    count: Annotated[int, typer.Option("--count", min=1, max=100)] = 5,
    kind: SeriesKindOption = "weekly",
    as_json: JsonOption = False,
    municipality: MunicipalityOption = None,
    db: DbOption = None,
) -> None:
    from tavla.domain.recurrence import weekday_name
    from tavla.store.meetings import SERIES_KINDS, get_series

    _check_kind(kind, SERIES_KINDS)
    with database(ctx, db) as store:
        series = get_series(store, kind, municipality=chosen_municipality(ctx, store, municipality))
    if series is None:
        raise _no_series(kind)
    moments = series.recurrence.occurrences(_today(), count)
    if as_json:
        typer.echo(safe_json([_moment_json(moment, series.minutes) for moment in moments]))
        return
    for moment in moments:
        typer.echo(f"{moment.date().isoformat()}  {moment:%H:%M}  {weekday_name(moment.weekday())}")


@group.command(
    "record",
    help=lambda: _(
        "Record a meeting held: KIND is resource_group, sip, trepart (with primary care), "
        "relatives, home_visit, managers or weekly; all but the last two are the "
        "participant's and need --participant. Prints its number."
    ),
)
def meeting_record(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(metavar="KIND")],
    day: MeetingDateArgument,
    participant: ParticipantOption = None,
    attendee: AttendeeOption = None,
    note: Annotated[str, typer.Option("--note", help=_("A short note."))] = "",
    minutes: Annotated[int, typer.Option("--minutes", help=_("Length."))] = 60,
    db: DbOption = None,
) -> None:
    from tavla.store.meetings import KINDS, record_meeting

    _check_kind(kind, KINDS)
    held_on = parse_date(day, _("The meeting date"))
    with database(ctx, db) as store:
        number = record_meeting(
            store,
            kind,
            held_on,
            code=participant,
            attendees=tuple(attendee or ()),
            note=note,
            minutes=minutes,
        )
    typer.echo(str(number))


@group.command("list", help=lambda: _("List meetings, newest first."))
def meeting_list(
    ctx: typer.Context,
    kind: Annotated[str | None, typer.Option("--kind", metavar="KIND")] = None,
    participant: ParticipantOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    from tavla.store.meetings import KINDS, list_meetings

    if kind is not None:
        _check_kind(kind, KINDS)
    with database(ctx, db) as store:
        rows = list_meetings(store, kind=kind, code=participant)
    if as_json:
        typer.echo(safe_json(rows))
        return
    if not rows:
        typer.echo(_("No meetings."))
    statuses = {"planned": _("planned"), "closed": _("closed")}
    for m in rows:
        people = ", ".join(visible(name) for name in m.attendees)
        fields = (
            label_for(m.kind),
            m.code or "",
            statuses.get(m.status, m.status),
            people,
            one_line(m.note, 60),
        )
        typer.echo(
            f"{m.id:>4}  {m.held_on.isoformat()}  {m.starts_at or '--:--':5}  "
            + "  ".join(field for field in fields if field)
        )


@group.command(
    "rules",
    help=lambda: _(
        "Show the agenda rules of this board, or change N (weeks without discussion "
        "before someone is proposed), the time box per item, the months between "
        "resource-group meetings and the weeks to a permanent care contact, in the "
        "board's template."
    ),
)
def meeting_rules(
    ctx: typer.Context,
    weeks: Annotated[int | None, typer.Option("--not-discussed-weeks", metavar="N")] = None,
    minutes: Annotated[int | None, typer.Option("--item-minutes", metavar="N")] = None,
    months: Annotated[int | None, typer.Option("--resource-group-months", metavar="N")] = None,
    care: Annotated[int | None, typer.Option("--care-contact-weeks", metavar="N")] = None,
    db: DbOption = None,
) -> None:
    from tavla.store.settings import change_agenda_rules

    changes = {"not_discussed_weeks": weeks, "item_minutes": minutes}
    changes |= {"resource_group_months": months, "care_contact_weeks": care}
    with database(ctx, db) as store:
        wanted = {key: value for key, value in changes.items() if value is not None}
        rules = (change_agenda_rules(store, **wanted) if wanted else store.template).agenda
    typer.echo(
        _(
            "Rules in order: {rules}. Top level {top}; unmet need from {unmet}; consent "
            "warning {days} days; not discussed for {weeks} weeks; {minutes} min an item."
        ).format(
            rules=", ".join(rules.rules),
            top=rules.top_level,
            unmet=rules.unmet_from_level,
            days=rules.consent_warning_days,
            weeks=rules.not_discussed_weeks,
            minutes=rules.item_minutes,
        )
    )
    typer.echo(
        _(
            "A resource-group meeting is due {months} months after the last; a permanent "
            "care contact is expected {weeks} weeks after enrolment."
        ).format(months=rules.resource_group_months, weeks=rules.care_contact_weeks)
    )


def _moment_json(moment: datetime, minutes: int) -> dict:
    return {
        "date": moment.date().isoformat(),
        "time": moment.strftime("%H:%M"),
        "starts": moment.isoformat(),  # with the UTC offset of that day
        "minutes": minutes,
    }
