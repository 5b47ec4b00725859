"""The checklist asked when a participation ends: facts the store reads, what the coordinator
confirms, and the reason needed when something is left unchecked — on both databases."""

from datetime import timedelta

import pytest

from tavla.errors import UserError
from tavla.render.record import record_lines
from tavla.store.board import load_board
from tavla.store.contacts import add_contact
from tavla.store.discharge_checklist import Confirmed, discharge_facts
from tavla.store.participants import (
    Coordinators,
    add_participant,
    assign_contacts,
    discharge,
    undo_discharge,
)
from tavla.store.record import get_record
from tavla.store.sips import Goal, SipPlan, SubGoal, save_sip

EVERYTHING = Confirmed(samsa_removed=True, parties_informed=True)


def _ready(store, today) -> str:
    """A participant with a fast vårdkontakt and a SIP."""
    code = add_participant(store, "Anna", enrolled_on=today - timedelta(weeks=30), today=today)
    nurse = add_contact(store, "Sara Sjuksköterska", principal="region", kind="care_contact")
    assign_contacts(store, code, Coordinators(care_contact_id=nurse))
    meeting = today - timedelta(days=20)
    plan = SipPlan(
        meeting_on=meeting,
        own_goals="Ha en egen lägenhet",
        goals=(Goal("Eget boende", (SubGoal("Handla själv", today + timedelta(days=30)),)),),
        follow_up_on=today + timedelta(days=90),
        ends_on=today + timedelta(days=365),
        main_responsibility="region",
    )
    save_sip(store, code, plan, base=None, today=today)
    return code


def test_the_facts_are_read_and_a_complete_checklist_needs_no_reason(store, today):
    code = _ready(store, today)
    facts = discharge_facts(store, code)
    assert (facts.care_contact, facts.last_sip_on) == ("Sara Sjuksköterska", today - timedelta(20))
    discharge(store, code, reason="ready", on=today, today=today, confirmed=EVERYTHING)
    record = get_record(store, code)
    assert set(record.discharge_checked) == {
        "care_contact",
        "sip",
        "samsa_removed",
        "parties_informed",
    }
    assert record.discharge_last_sip_on == today - timedelta(days=20)
    assert record.discharge_unchecked_reason == ""


def test_an_unchecked_item_without_a_reason_is_one_sentence_and_nothing_is_stored(store, today):
    code = add_participant(store, "Bo", enrolled_on=today - timedelta(weeks=3), today=today)
    with pytest.raises(UserError, match=r"^Skriv varför deltagandet avslutas[^.]*\.$"):
        discharge(store, code, reason="moved", on=today, today=today, confirmed=EVERYTHING)
    record = get_record(store, code)
    assert (record.discharged_on, record.discharge_checked) == (None, None)
    assert len(load_board(store, today).rows) == 1


def test_the_reason_is_kept_shown_in_the_record_and_cleared_by_an_undo(store, today):
    code = add_participant(store, "Bo", enrolled_on=today - timedelta(weeks=3), today=today)
    why = Confirmed(parties_informed=True, reason="Flyttade till Göteborg innan SIP")
    discharge(store, code, reason="moved", on=today, today=today, confirmed=why)
    record = get_record(store, code)
    assert record.discharge_checked == ("parties_informed",)
    assert record.discharge_unchecked_reason == "Flyttade till Göteborg innan SIP"
    lines = "\n".join(record_lines(record, store.template, today))
    assert "✗ En fast vårdkontakt är utsedd" in lines
    assert "✗ Ingen SIP har gjorts" in lines
    assert "✗ SAMSA-markeringen är borttagen" in lines
    assert "✓ Berörda parter är informerade" in lines
    assert "eftersom: Flyttade till Göteborg innan SIP" in lines
    undo_discharge(store, code, today=today)
    record = get_record(store, code)
    assert (record.discharge_checked, record.discharge_unchecked_reason) == (None, "")
