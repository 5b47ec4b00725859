"""Consent in words: whom it covers and how it was given, and what the room sees without it."""

from __future__ import annotations

from tavla.domain.privacy import Withheld
from tavla.domain.vocabulary import ConsentState
from tavla.i18n import _
from tavla.render.labels import label_for
from tavla.store.consents import ConsentSummary


def consent_terms(consent: ConsentSummary) -> tuple[str, str]:
    """Whom a consent covers; how it was given and who recorded it: two lines."""
    parties = ", ".join(label_for(key) for key in consent.parties) or "–"
    given = {"written": _("given in writing"), "oral": _("given orally")}.get(
        consent.form, _("how it was given is not recorded")
    )
    who = _("recorded by {who}").format(who=consent.recorded_by or "–")
    return _("covers {parties}").format(parties=parties), f"{given}; {who}"


def withheld_words(row: Withheld) -> tuple[str, str]:
    """The consent's state and its day, as the board shows them in place of the levels:
    ("Consent revoked", "2026-10-01"); the day is empty when there is none."""
    state = {
        ConsentState.MISSING: _("Consent missing"),
        ConsentState.REVOKED: _("Consent revoked"),
        ConsentState.EXPIRED: _("Consent expired"),
    }.get(row.consent, _("Consent missing"))
    return state, row.since.isoformat() if row.since else ""


def withheld_sentence(row: Withheld) -> str:
    """'Consent revoked 2026-10-01': the state and its day in one line."""
    return " ".join(filter(None, withheld_words(row)))
