"""The participant screen's text blocks, built as Text (user text is never markup).

Each gets the record as the screen may show it: while presenting, `tavla.domain.privacy` has
already masked names, identity numbers, notes and relatives.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text

from tavla.domain.display import one_line
from tavla.domain.flags import consent_state
from tavla.domain.template import BoardTemplate
from tavla.i18n import _
from tavla.render.consent import consent_terms
from tavla.render.labels import label_for
from tavla.store.contacts import ContactSummary
from tavla.store.record import ParticipantRecord


def details_text(record: ParticipantRecord) -> Text:
    text = Text()
    text.append(record.code, "bold reverse")
    if record.name:
        text.append("  " + one_line(record.name), "bold")
    if record.identity_number:
        text.append("  " + one_line(record.identity_number))
    text.append("  ·  " + (one_line(record.municipality) or "–"))
    text.append("  ·  " + _("enrolled {date}").format(date=record.enrolled_on))
    if record.discharged_on:
        text.append("\n")
        text.append(
            " "
            + _("DISCHARGED {date}: {reason}").format(
                date=record.discharged_on,
                reason=label_for(record.discharge_reason or ""),
            )
            + " ",
            "bold reverse",
        )
        if record.discharge_note:
            text.append("  " + one_line(record.discharge_note))
        text.append("  " + _("Press u the same day to undo it."))
    return text


def target_group_text(record: ParticipantRecord, template: BoardTemplate, today: date) -> Text:
    text = Text()
    text.append(_("Target group") + "\n", "bold")
    for criterion in template.criteria:
        answer = record.criteria.get(criterion.key)
        if answer is None:
            text.append(" ? ", "reverse")
        elif answer.met:
            text.append(" ✓ ", "bold green")
        else:
            text.append(" ✗ ", "bold red")
        text.append(" " + criterion.label)
        if answer and answer.note:
            text.append(" – " + one_line(answer.note), "italic")
        text.append("\n")
    if record.criteria_exception:
        reason = one_line(record.criteria_exception)
        text.append(_("Enrolled anyway because: {reason}").format(reason=reason) + "\n", "italic")

    latest = record.consents[0] if record.consents else None
    state = consent_state(
        latest.given_on if latest else None,
        latest.expires_on if latest else None,
        latest.revoked_on if latest else None,
        today,
    )
    style = {"valid": "bold green", "expiring": "bold yellow"}.get(state, "bold red")
    text.append("\n" + _("Consent") + ": ", "bold")
    text.append(label_for(state), style)
    if latest:
        text.append(
            "  "
            + _("given {given}, expires {expires}").format(
                given=latest.given_on, expires=latest.expires_on
            )
        )
        if latest.revoked_on:
            text.append("  " + _("revoked {date}").format(date=latest.revoked_on))
        else:
            text.append("  " + _("(r revokes)"), "italic")
        for line in consent_terms(latest):
            text.append("\n  " + one_line(line))
        shares = one_line(latest.shares)
        text.append("\n  " + _("may be shared: {text}").format(text=shares))
        if latest.withheld:
            withheld = one_line(latest.withheld)
            text.append("\n  " + _("may not be shared: {text}").format(text=withheld))
    text.append("\n" + _("Marked in SAMSA") + ": ", "bold")
    if record.samsa_marked_on:
        text.append(f"{record.samsa_marked_on} ({one_line(record.samsa_marked_by)})")
    else:
        text.append(_("not yet (press m)"), "bold red")
    return text


def _who(contact: ContactSummary | None) -> str:
    if contact is None:
        return "–"
    phone = f", {contact.phone}" if contact.phone else ""
    return one_line(contact.name) + phone


def people_text(record: ParticipantRecord) -> Text:
    text = Text()
    text.append(_("Who is who") + "\n", "bold")
    main = record.main_responsibility
    rows = (
        (_("Region coordinator"), record.region_coordinator, main == "region"),
        (_("  designated colleague"), record.region_colleague, False),
        (_("Municipality coordinator"), record.municipality_coordinator, main == "municipality"),
        (_("  designated colleague"), record.municipality_colleague, False),
        (_("Permanent care contact"), record.care_contact, False),
    )
    for label, contact, is_main in rows:
        text.append(f"{label}: ")
        text.append(_who(contact))
        if is_main:
            text.append("  ●", "bold")
        text.append("\n")
    text.append("● " + _("main responsibility") + "\n")
    if not record.region_coordinator or not record.municipality_coordinator:
        text.append(_("Press a to name the coordinators.") + "\n", "bold yellow")
    return text
