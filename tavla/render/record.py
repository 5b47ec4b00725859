"""A participant's record as plain lines of text, for `tavla participant show`."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from tavla.domain.flags import consent_state
from tavla.domain.template import BoardTemplate
from tavla.i18n import _
from tavla.render.consent import consent_terms
from tavla.render.labels import label_for
from tavla.store.contacts import ContactSummary
from tavla.store.record import ParticipantRecord


def _contact(contact: ContactSummary | None) -> str:
    if contact is None:
        return "–"
    details = ", ".join(filter(None, (contact.organisation, contact.phone, contact.email)))
    return f"{contact.name} ({details})" if details else contact.name


def _yes_no(met: bool) -> str:
    return _("yes") if met else _("no")


def record_lines(record: ParticipantRecord, template: BoardTemplate, today: date) -> Iterator[str]:
    yield from _details(record)
    yield ""
    yield from _target_group(record, template)
    yield ""
    yield from _consent(record, today)
    yield ""
    yield from _who_is_who(record)
    yield ""
    yield from _interventions(record, template)
    if record.outcomes:
        yield ""
        yield _("Outcome ratings:")
        for outcome in record.outcomes:
            kind, total = outcome.kind.upper(), outcome.total
            yield f"  {outcome.rated_on}  {kind} {total:>2}  {outcome.staff}"


def _details(record: ParticipantRecord) -> Iterator[str]:
    yield f"{record.code}  {record.name}  {record.identity_number or ''}".rstrip()
    yield _("Municipality: {name}").format(name=record.municipality or "–")
    yield _("Enrolled: {date}").format(date=record.enrolled_on)
    if record.discharged_on:
        yield _("Discharged: {date}, {reason}").format(
            date=record.discharged_on, reason=label_for(record.discharge_reason or "")
        ) + (f" ({record.discharge_note})" if record.discharge_note else "")
    yield _("Marked in SAMSA: {date}").format(
        date=f"{record.samsa_marked_on} ({record.samsa_marked_by})"
        if record.samsa_marked_on
        else "–"
    )


def _target_group(record: ParticipantRecord, template: BoardTemplate) -> Iterator[str]:
    yield _("Target group")
    for criterion in template.criteria:
        answer = record.criteria.get(criterion.key)
        mark = _yes_no(answer.met) if answer else _("not answered")
        note = f" ({answer.note})" if answer and answer.note else ""
        yield f"  {mark:<12} {criterion.label}{note}"
    if record.criteria_exception:
        yield "  " + _("Enrolled anyway because: {reason}").format(reason=record.criteria_exception)


def _consent(record: ParticipantRecord, today: date) -> Iterator[str]:
    latest = record.consents[0] if record.consents else None
    state = consent_state(
        latest.given_on if latest else None,
        latest.expires_on if latest else None,
        latest.revoked_on if latest else None,
        today,
    )
    yield _("Consent: {state}").format(state=label_for(state))
    if latest:
        yield "  " + _("given {given}, expires {expires}").format(
            given=latest.given_on, expires=latest.expires_on
        )
        for line in consent_terms(latest):
            yield "  " + line
        yield "  " + _("may be shared: {text}").format(text=latest.shares)
        if latest.withheld:
            yield "  " + _("may not be shared: {text}").format(text=latest.withheld)


def _who_is_who(record: ParticipantRecord) -> Iterator[str]:
    """The coordinators (● the main responsibility), care contact and resource group."""
    main = record.main_responsibility
    yield _("Region coordinator: {who}").format(who=_contact(record.region_coordinator)) + (
        "  ●" if main == "region" else ""
    )
    yield _("  designated colleague: {who}").format(who=_contact(record.region_colleague))
    yield _("Municipality coordinator: {who}").format(
        who=_contact(record.municipality_coordinator)
    ) + ("  ●" if main == "municipality" else "")
    yield _("  designated colleague: {who}").format(who=_contact(record.municipality_colleague))
    yield _("Permanent care contact: {who}").format(who=_contact(record.care_contact))
    yield _("Resource group:")
    for member in record.resource_group or ():
        yield f"  {_contact(member.contact)} – {label_for(member.contact.kind)}" + (
            f" ({member.note})" if member.note else ""
        )


def _interventions(record: ParticipantRecord, template: BoardTemplate) -> Iterator[str]:
    yield _("Interventions:")
    for item in record.interventions:
        lanes = ", ".join(template.lane(lane).label for lane in item.lanes)
        end = item.ended_on or "…"
        yield (
            f"  [{item.id}] {item.what} – {label_for(item.principal)}"
            f"{', ' + item.unit if item.unit else ''} – {lanes} – "
            f"{item.started_on}–{end} – {label_for(item.status)}"
            f"{' – ' + item.responsible if item.responsible else ''}"
        )
    if record.outcomes:
        yield ""
        yield _("Outcome ratings:")
        for outcome in record.outcomes:
            kind, total = outcome.kind.upper(), outcome.total
            yield f"  {outcome.rated_on}  {kind} {total:>2}  {outcome.staff}"
