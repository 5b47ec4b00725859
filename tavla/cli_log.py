"""`tavla log`: the access log on the command line, and a person's own extract of it."""

from __future__ import annotations

import html
import re
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tavla.cli_meetings import ParticipantOption
from tavla.cli_shared import DbOption, JsonOption, database, safe_json
from tavla.dates import parse_optional_date
from tavla.display import visible
from tavla.errors import UserError
from tavla.i18n import _

if TYPE_CHECKING:
    from tavla.store.audit import LogEntry

FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~!&])")


def register(app: typer.Typer) -> None:
    @app.command(
        "log",
        help=_(
            "Show the access log, newest first: who read or changed what, and when. With "
            "--extract and -o FILE, write one participant's extract for the person (HTML or "
            "Markdown by the file's suffix; the file is yours alone, 0600)."
        ),
    )
    def log(
        ctx: typer.Context,
        participant: ParticipantOption = None,
        since: Annotated[
            str | None,
            typer.Option("--since", metavar="YYYY-MM-DD", help=_("Only entries from this day on.")),
        ] = None,
        limit: Annotated[
            int | None,
            typer.Option("--limit", metavar="N", min=1, help=_("At most N entries.")),
        ] = None,
        extract: Annotated[
            bool,
            typer.Option(
                "--extract", help=_("Write the participant's own extract of the log to -o FILE.")
            ),
        ] = False,
        output: Annotated[
            Path | None,
            typer.Option("-o", "--output", metavar="FILE", help=_("The file to write.")),
        ] = None,
        as_json: JsonOption = False,
        db: DbOption = None,
    ) -> None:
        from tavla.store.audit import log_entries

        since_day = parse_optional_date(since, _("The first day"))
        if extract:
            if participant is None or output is None:
                raise UserError(_("An extract needs --participant CODE and -o FILE."))
            with database(ctx, db) as store:
                written = write_extract(store, participant, output, since=since_day)
            typer.echo(str(written))
            return
        if output is not None:
            raise UserError(_("-o FILE is for an extract; add --extract."))
        with database(ctx, db) as store:
            zone = store.template.meeting.timezone
            rows = log_entries(store, code=participant, since=since_day, limit=limit)
        if as_json:
            typer.echo(safe_json([_entry_json(row) for row in rows]))
            return
        if not rows:
            typer.echo(_("No entries."))
        for line in table_lines(rows, zone):
            typer.echo(line)


def local_time(at: datetime, zone: str) -> str:
    """An entry's time as the coordinators read it: the board's time zone, to the minute."""
    from zoneinfo import ZoneInfo

    return at.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")


def _entry_json(row: LogEntry) -> dict:
    return {
        "at": row.at.isoformat(),  # UTC, as stored
        "actor": row.actor,
        "action": row.action,
        "code": row.code,
        "detail": row.detail,
    }


def table_lines(rows: list[LogEntry], zone: str) -> list[str]:
    actor_width = max((len(visible(row.actor)) for row in rows), default=0)
    lines = []
    for row in rows:
        fields = [
            local_time(row.at, zone),
            f"{visible(row.actor):<{actor_width}}",
            f"{visible(row.action):<10}",
            f"{row.code or '–':<8}",
            visible(row.detail),
        ]
        lines.append("  ".join(fields).rstrip())
    return lines


def action_label(action: str) -> str:
    """What an entry's action means, in words for the person the log is about."""
    labels = {
        "read": _("read"),
        "create": _("created"),
        "update": _("changed"),
        "rate": _("rated"),
        "export": _("exported to a file"),
        "import": _("imported"),
        "list": _("listed"),
        "discharge": _("discharged"),
        "undo-discharge": _("discharge undone"),
    }
    return labels.get(action, action)


def write_extract(store, code: str, path: Path, *, since: date | None = None) -> Path:
    """Write the person's own extract of the log to `path` (0600) and log the export."""
    from tavla.exports.files import check_target, write_export
    from tavla.store.audit import log_entries
    from tavla.store.participants import normalise_code
    from tavla.store.plans_record import log_export

    path = check_target(Path(path))
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise UserError(
            _("Cannot tell the format from {name}; end it with .html or .md.").format(
                name=path.name
            )
        )
    code = normalise_code(code)
    rows = log_entries(store, code=code, since=since, log=False)  # the export logs itself
    zone = store.template.meeting.timezone
    render = render_html if kind == "html" else render_markdown
    written = write_export(path, render(code, rows, zone, date.today()), personal=True)
    log_export(store, code, "access log extract", str(written))
    return written


def _extract_rows(rows: list[LogEntry], zone: str) -> list[tuple[str, str, str, str]]:
    return [
        (local_time(row.at, zone), row.actor, action_label(row.action), row.detail) for row in rows
    ]


def _headers() -> tuple[str, str, str, str]:
    return (_("When"), _("Who"), _("What"), _("Detail"))


def _about(code: str, zone: str, today: date) -> str:
    return _(
        "Extract of the access log for {code}, written {day} at the person's request: who "
        "read or changed the record, and when (time zone {zone})."
    ).format(code=code, day=today.isoformat(), zone=zone)


def _one_line(text: str) -> str:
    """User text on one line, every control character made visible."""
    return visible(" ".join(text.splitlines()))


def _md(text: str) -> str:
    """User text as one line of Markdown text: never markup."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _one_line(text))


def render_markdown(code: str, rows: list[LogEntry], zone: str, today: date) -> str:
    out = [f"# {_md(_('Access log extract'))}", "", _md(_about(code, zone, today)), ""]
    if not rows:
        return "\n".join([*out, _md(_("No entries.")), ""])
    out.append("| " + " | ".join(_md(h) for h in _headers()) + " |")
    out.append("|" + "---|" * len(_headers()))
    for row in _extract_rows(rows, zone):
        out.append("| " + " | ".join(_md(cell) for cell in row) + " |")
    return "\n".join([*out, ""])


def _h(text: str) -> str:
    return html.escape(_one_line(text), quote=True)


def render_html(code: str, rows: list[LogEntry], zone: str, today: date) -> str:
    title = _h(_("Access log extract"))
    out = [
        "<!DOCTYPE html>",
        '<html><head><meta charset="utf-8">',
        f"<title>{title}</title>",
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #999;padding:.2em .5em;text-align:left}</style>",
        "</head><body>",
        f"<h1>{title}</h1>",
        f"<p>{_h(_about(code, zone, today))}</p>",
    ]
    if not rows:
        out.append(f"<p>{_h(_('No entries.'))}</p>")
    else:
        out.append("<table><tr>" + "".join(f"<th>{_h(h)}</th>" for h in _headers()) + "</tr>")
        for row in _extract_rows(rows, zone):
            out.append("<tr>" + "".join(f"<td>{_h(cell)}</td>" for cell in row) + "</tr>")
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
