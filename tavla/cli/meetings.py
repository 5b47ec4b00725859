"""`tavla meeting …`, `tavla agenda`, `tavla action …`: the weekly meeting from scripts."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import typer

from tavla.cli import shared as cli_shared
from tavla.cli.shared import DbOption, JsonOption, database, safe_json
from tavla.domain.dates import parse_date, parse_optional_date
from tavla.domain.display import one_line, visible
from tavla.errors import UserError
from tavla.i18n import _, ngettext

if TYPE_CHECKING:
    from tavla.domain.template import BoardTemplate
    from tavla.store.agenda import AgendaView, ItemView
    from tavla.store.meetings import Series

MeetingDateArgument = Annotated[str, typer.Argument(metavar="DATE")]
ParticipantOption = Annotated[
    str | None, typer.Option("--participant", metavar="CODE", help=_("The participant's code."))
]
AttendeeOption = Annotated[
    list[int] | None,
    typer.Option("--attendee", metavar="CONTACT_ID", help=_("A contact who attends; repeat.")),
]
ActionId = Annotated[int, typer.Argument(metavar="ID")]
TITLE_WIDTH = 24


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


def register(app: typer.Typer) -> None:
    meeting = typer.Typer(
        help=_("The recurring weekly meeting, and meetings held."), rich_markup_mode=None
    )
    app.add_typer(meeting, name="meeting")

    @meeting.command(
        "setup",
        help=_(
            "Set up (or replace) a recurring meeting. Options not given take the board "
            "template's meeting routine; the series starts today unless --from says otherwise."
        ),
    )
    def meeting_setup(
        ctx: typer.Context,
        kind: Annotated[str, typer.Option("--kind", metavar="weekly|managers")] = "weekly",
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
            typer.Option(
                "--skip", metavar="YYYY-MM-DD", help=_("A date without a meeting; repeat.")
            ),
        ] = None,
        attendee: AttendeeOption = None,
        db: DbOption = None,
    ) -> None:
        from tavla.domain.recurrence import parse_time, parse_weekday, weekday_name
        from tavla.store.meetings import (
            SERIES_KINDS,
            SeriesInput,
            get_series,
            kind_label,
            set_up_series,
        )

        # Everything typed is checked before the database is opened.
        _check_kind(kind, SERIES_KINDS)
        day = parse_weekday(weekday) if weekday is not None else None
        clock = parse_time(at) if at is not None else None
        starts_on = parse_optional_date(start, _("The first date")) or _today()
        skipped = tuple(parse_date(text, _("The date to skip")) for text in skip or ())
        with database(ctx, db, create=True) as store:
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
                ),
            )
            series = get_series(store, kind)
        upcoming = series.recurrence.occurrences(_today(), 3)
        typer.echo(
            _("{meeting} set up: {weekday} {time}, {minutes} min, {rhythm}; next {dates}.").format(
                meeting=kind_label(kind),
                weekday=weekday_name(series.recurrence.weekday),
                time=series.at.strftime("%H:%M"),
                minutes=series.minutes,
                rhythm=_rhythm(series),
                dates=", ".join(moment.date().isoformat() for moment in upcoming),
            )
        )

    @meeting.command(
        "next", help=_("The next dates of a recurring meeting (skipped dates left out).")
    )
    def meeting_next(
        ctx: typer.Context,
        count: Annotated[int, typer.Option("--count", min=1, max=100)] = 5,
        kind: Annotated[str, typer.Option("--kind", metavar="weekly|managers")] = "weekly",
        as_json: JsonOption = False,
        db: DbOption = None,
    ) -> None:
        from tavla.domain.recurrence import weekday_name
        from tavla.store.meetings import SERIES_KINDS, get_series

        _check_kind(kind, SERIES_KINDS)
        with database(ctx, db) as store:
            series = get_series(store, kind)
        if series is None:
            raise _no_series(kind)
        moments = series.recurrence.occurrences(_today(), count)
        if as_json:
            typer.echo(safe_json([_moment_json(moment, series.minutes) for moment in moments]))
            return
        for moment in moments:
            typer.echo(
                f"{moment.date().isoformat()}  {moment:%H:%M}  {weekday_name(moment.weekday())}"
            )

    @meeting.command(
        "record",
        help=_(
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

    @meeting.command("list", help=_("List meetings, newest first."))
    def meeting_list(
        ctx: typer.Context,
        kind: Annotated[str | None, typer.Option("--kind", metavar="KIND")] = None,
        participant: ParticipantOption = None,
        as_json: JsonOption = False,
        db: DbOption = None,
    ) -> None:
        from tavla.store.meetings import KINDS, kind_label, list_meetings

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
                kind_label(m.kind),
                m.code or "",
                statuses.get(m.status, m.status),
                people,
                one_line(m.note, 60),
            )
            typer.echo(
                f"{m.id:>4}  {m.held_on.isoformat()}  {m.starts_at or '--:--':5}  "
                + "  ".join(field for field in fields if field)
            )

    @meeting.command(
        "rules",
        help=_(
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

    @app.command(
        "agenda",
        help=_(
            "Open the weekly meeting's agenda on DATE (else the next weekly meeting), proposed "
            "by the rules the first time, and print its items with their reasons. Only "
            "pseudonym codes are printed, never names or notes: a terminal may be on a "
            "shared screen."
        ),
    )
    def agenda(
        ctx: typer.Context,
        day: Annotated[str | None, typer.Argument(metavar="[DATE]")] = None,
        as_json: JsonOption = False,
        db: DbOption = None,
    ) -> None:
        from tavla.store.agenda import open_agenda
        from tavla.store.meetings import next_weekly_date

        held_on = parse_optional_date(day, _("The meeting date"))
        with database(ctx, db) as store:
            if held_on is None:
                held_on = next_weekly_date(store, _today())
                if held_on is None:
                    raise UserError(
                        _(
                            "No weekly meeting is set up; run 'tavla meeting setup', or give "
                            "the date of the meeting."
                        )
                    )
            view = open_agenda(store, held_on, today=_today())
            template = store.template
        if as_json:
            typer.echo(safe_json(_agenda_json(view, template)))
        else:
            for line in _agenda_lines(view, template):
                typer.echo(line)


def _moment_json(moment: datetime, minutes: int) -> dict:
    return {
        "date": moment.date().isoformat(),
        "time": moment.strftime("%H:%M"),
        "starts": moment.isoformat(),  # with the UTC offset of that day
        "minutes": minutes,
    }


def _item_label(item: ItemView) -> str:
    if item.kind == "actions":
        return _("Actions")
    if item.kind == "topic":
        return one_line(item.title, TITLE_WIDTH)
    return item.code or ""


def _item_reasons(item: ItemView, template: BoardTemplate, held_on: date) -> list[str]:
    from tavla.domain.agenda_rules import reason_text

    texts = [reason_text(reason, template, held_on) for reason in item.reasons]
    if not texts and item.by_hand:
        texts = [_("Added by hand")]
    return texts


def _agenda_lines(view: AgendaView, template: BoardTemplate) -> list[str]:
    from tavla.store.meetings import kind_label

    meeting = view.meeting
    closed = "  " + _("(closed)") if meeting.status == "closed" else ""
    lines = [
        f"{kind_label(meeting.kind)} {meeting.held_on.isoformat()} {meeting.starts_at}, "
        + _("{minutes} min; previous meeting {day}").format(
            minutes=meeting.minutes, day=view.since.isoformat()
        )
        + closed
    ]
    if not view.items:
        lines.append(_("Nothing on the agenda."))
        return lines
    labels = [_item_label(item) for item in view.items]
    width = max(len(label) for label in labels)
    for number, (item, label) in enumerate(zip(view.items, labels, strict=True), start=1):
        mark = "✓" if item.discussed else " "
        reasons = "; ".join(_item_reasons(item, template, meeting.held_on))
        lines.append(f"{number:>2}. {mark} {label:<{width}}  {item.box_minutes:>2} min  {reasons}")
    boxed = sum(item.box_minutes for item in view.items)
    lines.append(
        ngettext(
            "{n} item, {boxed} of {minutes} minutes.",
            "{n} items, {boxed} of {minutes} minutes.",
            len(view.items),
        ).format(n=len(view.items), boxed=boxed, minutes=meeting.minutes)
    )
    return lines


def _agenda_json(view: AgendaView, template: BoardTemplate) -> dict:
    from tavla.domain.agenda_rules import reason_text

    meeting = view.meeting
    return {
        "meeting": {
            "id": meeting.id,
            "kind": meeting.kind,
            "held_on": meeting.held_on,
            "starts_at": meeting.starts_at,
            "minutes": meeting.minutes,
            "status": meeting.status,
            "attendee_ids": meeting.attendee_ids,
        },
        "since": view.since,
        "items": [
            {
                "id": item.id,
                "position": item.position,
                "kind": item.kind,
                "code": item.code,
                "title": item.title,
                "by_hand": item.by_hand,
                "box_minutes": item.box_minutes,
                "discussed": item.discussed,
                "reasons": [
                    {
                        "rule": reason.rule,
                        "detail": reason.detail,
                        "text": reason_text(reason, template, meeting.held_on),
                    }
                    for reason in item.reasons
                ],
            }
            for item in view.items
        ],
    }
