"""`tavla action …`: actions agreed in meetings, from scripts."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from tavla.cli import shared as cli_shared
from tavla.cli.shared import (
    CommandGroup,
    DbOption,
    JsonOption,
    ParticipantOption,
    database,
    safe_json,
)
from tavla.domain.dates import parse_date, parse_optional_date
from tavla.domain.display import visible
from tavla.errors import UserError
from tavla.i18n import _
from tavla.render.labels import label_for

if TYPE_CHECKING:
    from tavla.store.actions import ActionSummary


group = CommandGroup("action", help=lambda: _("Actions agreed in meetings: who does what by when."))
ActionId = Annotated[int, typer.Argument(metavar="ID")]


@group.command("add", help=lambda: _("Add an action and print its number."))
def action_add(
    ctx: typer.Context,
    what: Annotated[str, typer.Argument(metavar="WHAT")],
    owner: Annotated[int, typer.Option("--owner", metavar="CONTACT_ID")],
    due: Annotated[str, typer.Option("--due", metavar="YYYY-MM-DD")],
    participant: ParticipantOption = None,
    meeting_date: Annotated[
        str | None,
        typer.Option(
            "--meeting-date", metavar="YYYY-MM-DD", help=_("The weekly meeting that agreed it.")
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    from tavla.store.actions import ActionInput, add_action
    from tavla.store.agenda import agenda_on

    due_on = parse_date(due, _("The due date"))
    meeting_on = parse_optional_date(meeting_date, _("The meeting date"))
    with database(ctx, db) as store:
        meeting_id = None
        if meeting_on is not None:
            view = agenda_on(store, meeting_on)
            if view is None:
                raise UserError(
                    _(
                        "There is no weekly meeting on {day}; open it with 'tavla agenda {day}'."
                    ).format(day=meeting_on.isoformat())
                )
            meeting_id = view.meeting.id
        number = add_action(
            store,
            ActionInput(what, owner, due_on, participant, meeting_id),
            today=cli_shared.today(),
        )
    typer.echo(str(number))


@group.command(
    "list", help=lambda: _("List open actions (--all: every action): overdue first, then by owner.")
)
def action_list(
    ctx: typer.Context,
    include_all: Annotated[bool, typer.Option("--all", help=_("Done and dropped too."))] = False,
    participant: ParticipantOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    from tavla.store.actions import list_actions

    today = cli_shared.today()
    with database(ctx, db) as store:
        rows = list_actions(
            store, today=today, status=None if include_all else "open", code=participant
        )
    if as_json:
        typer.echo(safe_json([_action_json(row, today) for row in rows]))
        return
    if not rows:
        typer.echo(_("No actions."))
    for line in _action_lines(rows, today, include_all):
        typer.echo(line)


@group.command("done", help=lambda: _("Mark an action done."))
def action_done(ctx: typer.Context, action_id: ActionId, db: DbOption = None) -> None:
    _close(ctx, db, action_id, "done")


@group.command("drop", help=lambda: _("Drop an action: it will not be done."))
def action_drop(ctx: typer.Context, action_id: ActionId, db: DbOption = None) -> None:
    _close(ctx, db, action_id, "dropped")


@group.command("reopen", help=lambda: _("Open a done or dropped action again."))
def action_reopen(ctx: typer.Context, action_id: ActionId, db: DbOption = None) -> None:
    _close(ctx, db, action_id, "open")


def _close(ctx: typer.Context, db: str | None, action_id: int, status: str) -> None:
    from tavla.store.actions import close_action

    with database(ctx, db) as store:
        close_action(store, action_id, status, today=cli_shared.today())
    said = {
        "done": _("Action {id} is done."),
        "dropped": _("Action {id} is dropped."),
        "open": _("Action {id} is open again."),
    }[status]
    typer.echo(said.format(id=action_id))


def _action_json(row: ActionSummary, today: date) -> dict:
    data = asdict(row)
    del data["participant_name"]  # codes only, as on the agenda
    data["overdue"] = row.overdue(today)
    return data


def _action_lines(rows: list[ActionSummary], today: date, with_status: bool) -> list[str]:

    overdue = _("overdue")
    lines = []
    for row in rows:
        mark = overdue if row.overdue(today) else ""
        fields = [f"{row.id:>4}", row.due_on.isoformat(), f"{mark:<{len(overdue)}}"]
        if with_status:
            fields.append(label_for(row.status))
        fields += [visible(row.owner), row.code or "–", visible(row.what)]
        lines.append("  ".join(fields))
    return lines
