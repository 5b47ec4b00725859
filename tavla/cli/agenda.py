"""`tavla agenda`: the weekly meeting's agenda, with the reasons for each item, from scripts."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from tavla.cli import shared as cli_shared
from tavla.cli.shared import (
    CommandGroup,
    DbOption,
    JsonOption,
    MunicipalityOption,
    chosen_municipality,
    database,
    safe_json,
)
from tavla.domain.dates import parse_optional_date
from tavla.domain.display import one_line
from tavla.errors import UserError
from tavla.i18n import _, ngettext
from tavla.render.labels import label_for

if TYPE_CHECKING:
    from tavla.domain.template import BoardTemplate
    from tavla.store.agenda import AgendaView, ItemView

group = CommandGroup()  # commands of the root: `tavla agenda`
TITLE_WIDTH = 24


@group.command(
    "agenda",
    help=lambda: _(
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
    municipality: MunicipalityOption = None,
    db: DbOption = None,
) -> None:
    from tavla.store.agenda import open_agenda
    from tavla.store.meetings import next_weekly_date

    held_on = parse_optional_date(day, _("The meeting date"))
    with database(ctx, db) as store:
        scope = chosen_municipality(ctx, store, municipality)
        if held_on is None:
            held_on = next_weekly_date(store, cli_shared.today(), municipality=scope)
            if held_on is None:
                raise _no_series(scope)
        view = open_agenda(store, held_on, today=cli_shared.today(), municipality=scope)
        template = store.template
    if as_json:
        typer.echo(safe_json(_agenda_json(view, template)))
    else:
        for line in _agenda_lines(view, template):
            typer.echo(line)


def _no_series(scope: str | None) -> UserError:
    if scope is None:
        return UserError(
            _(
                "No weekly meeting is set up; run 'tavla meeting setup', or give the date of "
                "the meeting."
            )
        )
    return UserError(
        _(
            "No weekly meeting is set up for {municipality}; run 'tavla meeting setup "
            "--municipality {quoted}', or give the date of the meeting."
        ).format(municipality=scope, quoted=_shell_word(scope))
    )


def _shell_word(name: str) -> str:
    """`name` as one word for a shell: as it is (Laxå), or in double quotes ("Norra Ny")."""
    return name if all(c.isalnum() or c in "-_." for c in name) else f'"{name}"'


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
    meeting = view.meeting
    closed = "  " + _("(closed)") if meeting.status == "closed" else ""
    lines = [
        f"{label_for(meeting.kind)} {meeting.held_on.isoformat()} {meeting.starts_at}, "
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
