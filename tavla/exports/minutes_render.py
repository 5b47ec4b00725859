"""Minutes as text: Markdown and HTML from the plain `Minutes` object, every user text escaped."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from tavla.domain.dates import day_text
from tavla.i18n import _, language

if TYPE_CHECKING:
    from tavla.exports.minutes import ActionLine, ItemMinutes, Minutes


# --- words shared by both formats ------------------------------------------------------------


def _title(minutes: Minutes) -> str:
    title = _("Minutes of the weekly coordinator meeting {day}").format(
        day=minutes.held_on.isoformat()
    )
    return title if minutes.closed else title + " – " + _("draft")


def _when(minutes: Minutes) -> str:
    at = f" {minutes.starts_at}" if minutes.starts_at else ""
    return _("{day}{at}, {n} minutes").format(
        day=minutes.held_on.isoformat(), at=at, n=minutes.length
    )


def _state(minutes: Minutes) -> str:
    if minutes.closed:
        return _("Closed")
    return _("DRAFT: the meeting is not closed yet")


def _mode(minutes: Minutes) -> str:
    if minutes.deidentified:
        return _("De-identified: participants are shown by code; notes are left out.")
    return _("Holds personal data: keep it as you keep the journal.")


def _discussed(item: ItemMinutes) -> str:
    return _("Discussed") if item.discussed else _("Not discussed")


def _action_facts(action: ActionLine, with_participant: bool) -> str:
    """Owner, due date, status (and participant): fixed words and staff names, no user text."""
    facts = [action.owner, _("by {day}").format(day=day_text(action.due_on)), action.status]
    if action.overdue:
        facts.append(_("overdue"))
    if with_participant and action.participant:
        facts.append(action.participant)
    return ", ".join(facts)


def _footer(minutes: Minutes) -> str:
    return _("Written by tavla on {day}.").format(day=minutes.today.isoformat())


# --- Markdown ------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~!&])")
_BULLET = re.compile(r"^([-+=])")
_NUMBERED = re.compile(r"^(\d+)([.)])")


def _clean(text: str) -> str:
    """User text without control characters, with one kind of line break."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    return _CONTROL.sub("", text.replace("\u2029", "\n").replace("\t", " "))


def _md(text: str, indent: int = 0) -> str:
    """User text as Markdown text: shown as typed, every line kept, never markup. `indent`
    keeps continuation lines inside a list item."""
    lines = []
    for raw in _clean(text).split("\n"):
        escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", raw.strip())
        escaped = _NUMBERED.sub(r"\1\\\2", _BULLET.sub(r"\\\1", escaped))  # not a list line
        lines.append(escaped)
    return ("  \n" + " " * indent).join(line for line in lines if line)


def _md_actions(actions: Iterable[ActionLine], with_participant: bool) -> list[str]:
    return [
        "- " + _md(a.what, 2) + " – " + _md(_action_facts(a, with_participant), 2) for a in actions
    ]


def render_markdown(minutes: Minutes) -> str:
    out = [f"# {_md(_title(minutes))}", ""]
    out += [
        f"**{_md(_('Time'))}:** {_md(_when(minutes))}  ",
        f"**{_md(_('Status'))}:** {_md(_state(minutes))}  ",
        f"**{_md(_('Attendees'))}:** {_md(', '.join(minutes.attendees) or '–')}  ",
        f"*{_md(_mode(minutes))}*",
        "",
    ]
    for number, item in enumerate(minutes.items, start=1):
        out += [f"## {number}. {_md(item.heading)}", ""]
        if item.reasons:
            out.append(f"- {_md(_('On the agenda because'))}: {_md('; '.join(item.reasons), 2)}")
        out += [f"- {_md(_discussed(item))}", ""]
        for label, text in ((_("Decisions"), item.decisions), (_("Notes"), item.notes)):
            if text:
                out += [f"**{_md(label)}**  ", _md(text), ""]
        if item.actions:
            out += [f"**{_md(_('Actions'))}**", "", *_md_actions(item.actions, False), ""]
    if minutes.other_actions:
        out += [f"## {_md(_('Other actions agreed in this meeting'))}", ""]
        out += [*_md_actions(minutes.other_actions, True), ""]
    heading = _("Open actions on {day}").format(day=minutes.today.isoformat())
    out += [f"## {_md(heading)}", ""]
    if minutes.open_actions:
        out += [*_md_actions(minutes.open_actions, True), ""]
    else:
        out += [_md(_("No open actions.")), ""]
    out += [f"*{_md(_footer(minutes))}*", ""]
    return "\n".join(out)


# --- HTML ----------------------------------------------------------------------------------

_PAGE_CSS = """
@page { size: A4; margin: 2cm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.4;
       color: #000; max-width: 18cm; margin: 1.5em auto; padding: 0 1em; }
@media print { body { max-width: none; margin: 0; padding: 0; } }
h1 { font-size: 17pt; margin: 0 0 0.4em 0; }
h2 { font-size: 13pt; margin: 1.2em 0 0.3em 0; border-bottom: 1pt solid #000;
     page-break-after: avoid; break-after: avoid; }
section { page-break-inside: avoid; break-inside: avoid; }
p { margin: 0.2em 0 0.5em 0; }
.mode { font-style: italic; }
.draft { font-weight: bold; }
.label { font-weight: bold; display: block; }
ul { margin: 0.2em 0 0.6em 1.2em; padding: 0; }
.overdue { font-weight: bold; }
footer { margin-top: 2em; font-size: 9pt; color: #333; }
"""


def _h(text: str) -> str:
    """User text as HTML text: escaped (quotes too), its line breaks kept."""
    return html.escape(_clean(text)).replace("\n", "<br>\n")


def _html_actions(actions: Iterable[ActionLine], with_participant: bool) -> list[str]:
    out = ["<ul>"]
    for action in actions:
        css = ' class="overdue"' if action.overdue else ""
        facts = _h(_action_facts(action, with_participant))
        out.append(f"<li{css}>{_h(action.what)} – {facts}</li>")
    return [*out, "</ul>"]


def render_html(minutes: Minutes) -> str:
    state_css = "" if minutes.closed else ' class="draft"'
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{language()}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{_h(_title(minutes))}</title>",
        f"<style>{_PAGE_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{_h(_title(minutes))}</h1>",
        f"<p><b>{_h(_('Time'))}:</b> {_h(_when(minutes))}<br>",
        f"<b>{_h(_('Status'))}:</b> <span{state_css}>{_h(_state(minutes))}</span><br>",
        f"<b>{_h(_('Attendees'))}:</b> {_h(', '.join(minutes.attendees) or '–')}</p>",
        f'<p class="mode">{_h(_mode(minutes))}</p>',
    ]
    for number, item in enumerate(minutes.items, start=1):
        out += ["<section>", f"<h2>{number}. {_h(item.heading)}</h2>", "<ul>"]
        if item.reasons:
            because = _h(_("On the agenda because"))
            out.append(f"<li>{because}: {_h('; '.join(item.reasons))}</li>")
        out += [f"<li>{_h(_discussed(item))}</li>", "</ul>"]
        for label, text in ((_("Decisions"), item.decisions), (_("Notes"), item.notes)):
            if text:
                out.append(f'<p><span class="label">{_h(label)}</span>{_h(text)}</p>')
        if item.actions:
            out.append(f'<p><span class="label">{_h(_("Actions"))}</span></p>')
            out += _html_actions(item.actions, False)
        out.append("</section>")
    if minutes.other_actions:
        out += ["<section>", f"<h2>{_h(_('Other actions agreed in this meeting'))}</h2>"]
        out += [*_html_actions(minutes.other_actions, True), "</section>"]
    heading = _("Open actions on {day}").format(day=minutes.today.isoformat())
    out += ["<section>", f"<h2>{_h(heading)}</h2>"]
    if minutes.open_actions:
        out += _html_actions(minutes.open_actions, True)
    else:
        out.append(f"<p>{_h(_('No open actions.'))}</p>")
    out += ["</section>", f"<footer>{_h(_footer(minutes))}</footer>", "</body></html>"]
    return "\n".join(out) + "\n"


# --- writing -------------------------------------------------------------------------------
