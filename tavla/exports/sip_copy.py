"""The person's own copy of their SIP and crisis plan: printable HTML, or Markdown.

Written for the person, in plain words, in the order they need it: their goals,
who does what and when, what to do when it gets hard and whom to call, and when
the plan is followed up. Everything typed by users is escaped: it is text, never
markup. The copy holds personal data, so it is written 0600 and logged.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tavla.domain.dates import day_text
from tavla.domain.template import Emergency, default_template
from tavla.errors import UserError
from tavla.exports.files import check_target, write_export
from tavla.i18n import _, language
from tavla.render.labels import label_for

if TYPE_CHECKING:
    from tavla.store.crisis_plans import CrisisPlan
    from tavla.store.database import Store
    from tavla.store.plans_record import PlansRecord
    from tavla.store.sips import SipPlan

FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: list[tuple[str, str]]  # (label, user text); label may be ""
    items: list[str]  # a bulleted list (user text)
    table: list[list[str]]  # first row is the header (fixed words), the rest user text


def sections(record: PlansRecord, emergency: Emergency | None = None) -> list[Section]:
    """The copy's parts; `emergency` is the board's psychiatric emergency (its template's)."""
    plan, crisis = record.sip, record.crisis_plan
    if plan is None:
        raise UserError(_("{code} has no SIP yet.").format(code=record.code))
    parts = [_goals(plan)]  # the person's goals come first
    if plan.needs:
        parts.append(_needs(plan))
    parts.append(_who_does_what(record, plan))
    parts.append(_crisis(record, crisis, emergency or default_template().psychiatric_emergency))
    phones = _phones(record, plan)
    if len(phones.table) > 1:
        parts.append(phones)
    parts.append(_follow_up(record, plan))
    return parts


def _goals(plan: SipPlan) -> Section:
    goals = Section(_("Your goals"), [], [], [])
    if plan.own_goals:
        goals.paragraphs.append((_("In your own words"), plan.own_goals))
    if plan.own_description:
        goals.paragraphs.append((_("How you describe your situation"), plan.own_description))
    if plan.own_view:
        goals.paragraphs.append((_("What you think of the plan"), plan.own_view))
    for goal in plan.goals:
        goals.items.append(goal.text)
        for sub in goal.sub_goals:
            goals.items.append(
                "    "
                + _("Step: {text} – by {day} ({status})").format(
                    text=sub.text,
                    day=day_text(sub.target_on),
                    status=label_for(sub.status),
                )
            )
    return goals


def _needs(plan: SipPlan) -> Section:
    """Each need, and what helps with it, or that no help is arranged for it yet."""
    whats = {i.intervention_id: i.what for i in plan.interventions}
    needs = Section(_("What you need help with"), [], [], [])
    for need in plan.needs:
        helps = [whats[i] for i in need.intervention_ids if i in whats]
        needs.items.append(
            _("{need} – helped by: {what}").format(need=need.text, what=", ".join(helps))
            if helps
            else _("{need} – no help is arranged for this yet").format(need=need.text)
        )
    return needs


def _who_does_what(record: PlansRecord, plan: SipPlan) -> Section:
    name = record.contact_name
    who = Section(_("Who does what, and when"), [], [], [])
    who.table.append([_("What"), _("Who"), _("Contact person"), _("From"), _("To")])
    for item in plan.interventions:
        if item.status == "ended":
            continue
        by = label_for(item.principal).capitalize() + (f", {item.unit}" if item.unit else "")
        until = day_text(item.ended_on) if item.ended_on else label_for(item.status)
        who.table.append(
            [item.what, by, name(item.responsible_id) or "–", day_text(item.started_on), until]
        )
    if plan.main_responsibility or plan.responsible_id:
        holder = label_for(plan.main_responsibility or "").capitalize()
        person = name(plan.responsible_id)
        who.paragraphs.append(
            (
                _("Main responsibility for your plan"),
                ", ".join(part for part in (holder, person) if part),
            )
        )
    for measure in plan.others_measures:
        who.items.append(f"{label_for(measure.who)}: {measure.what}")
    return who


def _crisis(record: PlansRecord, crisis: CrisisPlan | None, emergency: Emergency) -> Section:
    """The crisis plan, whose calls always end with 112, 1177 and the psychiatric emergency
    (without a crisis plan, those three alone)."""
    help_ = Section(_("If things get hard: your crisis plan"), [], [], [])
    help_.table.append([_("Whom to call"), _("Phone")])
    if crisis is not None:
        help_.paragraphs.append((_("Early signs, in your words"), crisis.early_signs))
        if crisis.person_does:
            help_.paragraphs.append((_("What you do"), crisis.person_does))
        if crisis.staff_do:
            help_.paragraphs.append((_("What staff do"), crisis.staff_do))
        for contact_id in crisis.call_ids:
            contact = record.contacts.get(contact_id)
            if contact is not None:
                help_.table.append([contact.name, contact.phone or "–"])
        help_.paragraphs.append((_("Last reviewed"), day_text(crisis.reviewed_on)))
    help_.table.extend(
        (
            [_("Emergency: life in danger (SOS Alarm)"), "112"],
            [_("Health care advice day and night (1177 Vårdguiden)"), "1177"],
            [emergency.name, emergency.phone],
        )
    )
    return help_


def _phones(record: PlansRecord, plan: SipPlan) -> Section:
    """The staff in the plan, each once; relatives are not listed."""
    phones = Section(_("Phone numbers"), [], [], [[_("Who"), _("Phone"), _("E-mail")]])
    seen: set[int] = set()
    for contact_id in (
        plan.responsible_id,
        *(i.responsible_id for i in plan.interventions),
        *plan.attendee_ids,
    ):
        contact = record.contacts.get(contact_id) if contact_id is not None else None
        if contact is None or contact.id in seen or contact.kind == "relative":
            continue
        seen.add(contact.id)
        phones.table.append([contact.name, contact.phone or "–", contact.email or "–"])
    return phones


def _follow_up(record: PlansRecord, plan: SipPlan) -> Section:
    name = record.contact_name
    follow = Section(_("Follow-up"), [], [], [])
    follow.paragraphs.append((_("Your plan is followed up on"), day_text(plan.follow_up_on)))
    attendees = [name(i) for i in plan.attendee_ids if name(i)]
    if plan.person_took_part:
        attendees.insert(0, _("you"))
    if plan.others_present:
        attendees.append(plan.others_present)
    follow.paragraphs.append(
        (
            _("The SIP meeting"),
            day_text(plan.meeting_on) + (" – " + ", ".join(attendees) if attendees else ""),
        )
    )
    caller = _caller(record, plan)
    if caller:
        follow.paragraphs.append((_("Who calls you about the follow-up"), caller))
    if plan.consent_on:
        follow.paragraphs.append((_("You consented to the plan on"), day_text(plan.consent_on)))
    if plan.unclear:
        follow.paragraphs.append((_("What was unclear to you at the meeting"), plan.unclear))
    follow.paragraphs.append(("", _("Ask your coordinator if anything in the plan is unclear.")))
    return follow


def _caller(record: PlansRecord, plan: SipPlan) -> str:
    contact = record.contacts.get(plan.follow_up_caller_id) if plan.follow_up_caller_id else None
    parts = [f"{contact.name} {contact.phone or ''}".strip()] if contact else []
    if plan.follow_up_caller:
        parts.append(plan.follow_up_caller)
    return ", ".join(parts)


def _title() -> str:
    return _("Your coordinated individual plan (SIP)")


def _footer(record: PlansRecord, today: date) -> str:
    return _("Version {n} of the plan, printed {day}.").format(n=record.sip_version, day=today)


_PAGE_CSS = """
@page { size: A4; margin: 2cm 2cm 2.2cm 2cm; }
body { font-family: "DejaVu Serif", Georgia, serif; font-size: 12pt; line-height: 1.45;
       color: #000; max-width: 17cm; margin: 1.5em auto; padding: 0 1em; }
@media print { body { max-width: none; margin: 0; padding: 0; } }
h1 { font-size: 20pt; margin: 0 0 0.2em 0; }
.who { font-size: 13pt; margin: 0 0 1.2em 0; }
h2 { font-size: 15pt; margin: 1.4em 0 0.4em 0; border-bottom: 1.5pt solid #000;
     page-break-after: avoid; break-after: avoid; }
section { page-break-inside: avoid; break-inside: avoid; }
p { margin: 0.3em 0 0.6em 0; white-space: pre-wrap; }
.label { font-weight: bold; display: block; }
ul { margin: 0.2em 0 0.6em 1.2em; padding: 0; }
li.step { list-style: circle; margin-left: 1.5em; }
table { border-collapse: collapse; width: 100%; box-sizing: border-box; margin: 0.4em 0 0.8em 0;
        font-size: 11pt; }
th, td { border: 1pt solid #555; padding: 0.25em 0.4em; text-align: left; vertical-align: top;
         overflow-wrap: break-word; hyphens: auto; }
th { background: #eee; }
td.day, span.day { white-space: nowrap; }
footer { margin-top: 2em; font-size: 10pt; color: #333; }
"""


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def render_html(record: PlansRecord, today: date, emergency: Emergency | None = None) -> str:
    def esc(text: str) -> str:
        # Escaped first (quotes too), so user text never becomes markup; then dates are kept
        # on one line.
        return _ISO_DAY.sub(r'<span class="day">\g<0></span>', html.escape(text))

    out = [
        "<!DOCTYPE html>",
        f'<html lang="{language()}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{esc(_title())}</title>",
        f"<style>{_PAGE_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{esc(_title())}</h1>",
        f'<p class="who">{esc(record.name)}'
        + (f" · {esc(record.identity_number)}" if record.identity_number else "")
        + "</p>",
    ]
    for section in sections(record, emergency):
        out.append("<section>")
        out.append(f"<h2>{esc(section.heading)}</h2>")
        for label, text in section.paragraphs:
            head = f'<span class="label">{esc(label)}</span>' if label else ""
            out.append(f"<p>{head}{esc(text)}</p>")
        if section.items:
            out.append("<ul>")
            for item in section.items:
                step = item.startswith("    ")
                css = ' class="step"' if step else ""
                out.append(f"<li{css}>{esc(item.strip())}</li>")
            out.append("</ul>")
        if len(section.table) > 1:
            header, *rows = section.table
            out.append(
                "<table><thead><tr>"
                + "".join(f"<th>{esc(h)}</th>" for h in header)
                + "</tr></thead><tbody>"
            )
            for row in rows:
                out.append("<tr>" + "".join(_cell(cell) for cell in row) + "</tr>")
            out.append("</tbody></table>")
        out.append("</section>")
    out.append(f"<footer>{esc(_footer(record, today))}</footer>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    css = ' class="day"' if _ISO_DAY.fullmatch(text) else ""
    return f"<td{css}>{html.escape(text)}</td>"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~!])")


def _md(text: str) -> str:
    """User text as Markdown text: its special characters escaped, lines kept."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")


def render_markdown(record: PlansRecord, today: date, emergency: Emergency | None = None) -> str:
    out = [f"# {_md(_title())}", ""]
    out += [
        _md(record.name) + (f" · {_md(record.identity_number)}" if record.identity_number else ""),
        "",
    ]
    for section in sections(record, emergency):
        out += [f"## {_md(section.heading)}", ""]
        for label, text in section.paragraphs:
            out += [(f"**{_md(label)}**  \n" if label else "") + _md(text), ""]
        for item in section.items:
            step = item.startswith("    ")
            out.append(("    - " if step else "- ") + _md(item.strip()))
        if section.items:
            out.append("")
        if len(section.table) > 1:
            header, *rows = section.table
            out.append("| " + " | ".join(_md(h) for h in header) + " |")
            out.append("|" + "---|" * len(header))
            for row in rows:
                out.append("| " + " | ".join(_md(cell).replace("\n", " ") for cell in row) + " |")
            out.append("")
    out += [f"*{_md(_footer(record, today))}*", ""]
    return "\n".join(out)


def format_of(path: Path, chosen: str | None = None) -> str:
    if chosen:
        if chosen not in ("html", "markdown", "md"):
            raise UserError(_("The format is html or md."))
        return "markdown" if chosen in ("markdown", "md") else "html"
    found = FORMATS.get(path.suffix.lower())
    if found is None:
        raise UserError(
            _("Cannot tell the format from {name}; end it with .html or .md.").format(
                name=path.name
            )
        )
    return found


def export_sip_copy(
    store: Store, code: str, path: Path, *, today: date, fmt: str | None = None
) -> Path:
    """Write the person's copy to `path` (0600) and log it; returns the absolute path."""
    from tavla.store.plans_record import get_plans, log_export

    path = check_target(Path(path))
    kind = format_of(path, fmt)
    record = get_plans(store, code, log=False)  # this export logs itself, below
    render = render_html if kind == "html" else render_markdown
    text = render(record, today, store.template.psychiatric_emergency)
    written = write_export(path, text, personal=True)
    log_export(store, record.code, f"sip copy v{record.sip_version}", str(written))
    return written
