"""`tavla participant …`: participants from scripts."""

from __future__ import annotations

from typing import Annotated

import typer

from tavla.cli.shared import (
    CodeArgument,
    CommandGroup,
    DateOption,
    DbOption,
    JsonOption,
    MunicipalityOption,
    chosen_municipality,
    database,
    safe_json,
    today,
)
from tavla.domain.dates import parse_date
from tavla.domain.display import visible
from tavla.errors import UserError
from tavla.i18n import _

group = CommandGroup("participant", help=lambda: _("Enrol, show, list and discharge participants."))


def parse_criteria(values: list[str]) -> dict:
    """`KEY=yes|no[:NOTE]` per criterion, as given to --criterion."""
    from tavla.store.enrolment import Answer

    answers = {}
    for value in values:
        key, equals, rest = value.partition("=")
        answer, _colon, note = rest.partition(":")
        met = {"yes": True, "ja": True, "no": False, "nej": False}.get(answer.strip().lower())
        if not equals or met is None:
            raise UserError(
                _(
                    "Write a criterion as KEY=yes or KEY=no, with :NOTE if you like; not {text!r}."
                ).format(text=value)
            )
        answers[key.strip()] = Answer(met, note.strip())
    return answers


@group.command("add", help=lambda: _("Enrol a participant and print the pseudonym code."))
def participant_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Option("--name", help=_("Full name."))],
    pnr: Annotated[
        str | None,
        typer.Option(
            "--pnr", metavar="YYYYMMDD-NNNN", help=_("Personnummer or samordningsnummer.")
        ),
    ] = None,
    code: Annotated[
        str | None, typer.Option("--code", help=_("Pseudonym code (else one is made)."))
    ] = None,
    municipality: Annotated[
        str, typer.Option("--municipality", help=_("The person's municipality."))
    ] = "",
    enrolled: Annotated[
        str | None,
        typer.Option("--enrolled", metavar="YYYY-MM-DD", help=_("Enrolment date (today).")),
    ] = None,
    criterion: Annotated[
        list[str] | None,
        typer.Option(
            "--criterion",
            metavar="KEY=yes|no[:NOTE]",
            help=_("A target-group criterion; repeat for each."),
        ),
    ] = None,
    reason: Annotated[
        str, typer.Option("--reason", help=_("Why enrol although a criterion is not met."))
    ] = "",
    db: DbOption = None,
) -> None:
    from tavla.store.participants import add_participant

    enrolled_on = parse_date(enrolled, _("Enrolment date")) if enrolled else today()
    criteria = parse_criteria(criterion or [])
    with database(ctx, db, create=True) as store:
        new_code = add_participant(
            store,
            name,
            identity_number=pnr,
            code=code,
            municipality=municipality,
            enrolled_on=enrolled_on,
            today=today(),
            criteria=criteria,
            criteria_exception=reason,
        )
    typer.echo(new_code)


@group.command("list", help=lambda: _("List participants: code, enrolment date, name."))
def participant_list(
    ctx: typer.Context,
    as_json: JsonOption = False,
    include_all: Annotated[
        bool, typer.Option("--all", help=_("Include discharged participants."))
    ] = False,
    search: Annotated[
        str, typer.Option("--search", help=_("Only those whose code or name holds this."))
    ] = "",
    municipality: MunicipalityOption = None,
    db: DbOption = None,
) -> None:
    from tavla.store.participants import list_participants

    with database(ctx, db) as store:
        scope = chosen_municipality(ctx, store, municipality)
        rows = list_participants(
            store, include_discharged=include_all, search=search, municipality=scope
        )
    if as_json:
        typer.echo(safe_json(rows))
        return
    if not rows:
        typer.echo(_("No participants."))
        return
    width = max(len(r.code) for r in rows)
    for r in rows:
        gone = "  " + _("discharged {date}").format(date=r.discharged_on) if r.discharged_on else ""
        typer.echo(f"{r.code:<{width}}  {r.enrolled_on.isoformat()}  {visible(r.name)}{gone}")


@group.command("show", help=lambda: _("Show a participant's whole record (logged)."))
def participant_show(
    ctx: typer.Context, code: CodeArgument, as_json: JsonOption = False, db: DbOption = None
) -> None:
    from tavla.render.record import record_lines
    from tavla.store.record import get_record

    with database(ctx, db) as store:
        record = get_record(store, code)
        template = store.template
    if as_json:
        typer.echo(safe_json(record))
    else:
        for line in record_lines(record, template, today()):
            typer.echo(visible(line))


@group.command("assign", help=lambda: _("Set coordinators, colleagues, care contact (ids)."))
def participant_assign(
    ctx: typer.Context,
    code: CodeArgument,
    region: Annotated[int | None, typer.Option("--region-coordinator", metavar="ID")] = None,
    municipality: Annotated[
        int | None, typer.Option("--municipality-coordinator", metavar="ID")
    ] = None,
    region_colleague: Annotated[
        int | None, typer.Option("--region-colleague", metavar="ID")
    ] = None,
    municipality_colleague: Annotated[
        int | None, typer.Option("--municipality-colleague", metavar="ID")
    ] = None,
    care_contact: Annotated[int | None, typer.Option("--care-contact", metavar="ID")] = None,
    main: Annotated[str | None, typer.Option("--main", metavar="region|municipality")] = None,
    db: DbOption = None,
) -> None:
    from tavla.store.participants import Coordinators, assign_contacts
    from tavla.store.record import get_record

    with database(ctx, db) as store:
        now = get_record(store, code, log=False)  # only to keep what is not given

        def keep(given: int | None, contact) -> int | None:
            return given if given is not None else (contact.id if contact else None)

        assign_contacts(
            store,
            code,
            Coordinators(
                keep(region, now.region_coordinator),
                keep(municipality, now.municipality_coordinator),
                keep(region_colleague, now.region_colleague),
                keep(municipality_colleague, now.municipality_colleague),
                keep(care_contact, now.care_contact),
                main if main is not None else now.main_responsibility,
            ),
        )
    typer.echo(_("{code}: coordinators saved.").format(code=now.code))


@group.command("samsa", help=lambda: _("Record that the participant is marked in SAMSA."))
def participant_samsa(
    ctx: typer.Context, code: CodeArgument, on: DateOption = None, db: DbOption = None
) -> None:
    from tavla.store.participants import mark_samsa

    day = parse_date(on, _("The SAMSA date")) if on else today()
    with database(ctx, db) as store:
        mark_samsa(store, code, on=day, today=today())


@group.command("discharge", help=lambda: _("Discharge a participant, or --undo today's."))
def participant_discharge(
    ctx: typer.Context,
    code: CodeArgument,
    reason: Annotated[
        str | None, typer.Option("--reason", metavar="ready|moved|declined|other")
    ] = None,
    note: Annotated[str, typer.Option("--note")] = "",
    on: DateOption = None,
    undo: Annotated[bool, typer.Option("--undo", help=_("Undo a discharge made today."))] = False,
    db: DbOption = None,
) -> None:
    from tavla.store.participants import discharge, undo_discharge

    with database(ctx, db) as store:
        if undo:
            undo_discharge(store, code, today=today())
            return
        if reason is None:
            raise UserError(_("Give the reason: --reason ready, moved, declined or other."))
        day = parse_date(on, _("The discharge date")) if on else today()
        discharge(store, code, reason=reason, note=note, on=day, today=today())
