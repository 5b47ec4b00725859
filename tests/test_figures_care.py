"""Follow-up figures about care, counted by hand, on SQLite and PostgreSQL: ORS at enrolment
and latest, days from enrolment to the first SIP and crisis plan, a permanent care contact
and a SAMSA marking, and SIP meetings counted from the SIPs as well as from the meetings
recorded, each participant's meeting on a day once."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from tavla.domain.template import default_template
from tavla.exports.figures import build_document
from tavla.exports.small_counts import SMALL
from tavla.i18n import _
from tavla.store import audit
from tavla.store.contacts import add_contact
from tavla.store.crisis_plans import CrisisPlan, save_crisis_plan
from tavla.store.follow_up import Durations, follow_up
from tavla.store.follow_up_care import OrsFigures
from tavla.store.meetings import record_meeting
from tavla.store.outcomes import add_outcome
from tavla.store.participants import (
    Coordinators,
    add_participant,
    assign_contacts,
    discharge,
    mark_samsa,
)
from tavla.store.sips import SipPlan, save_sip

TODAY = date(2026, 11, 23)
START, END = date(2026, 1, 1), date(2026, 6, 30)
D = date.fromisoformat

# code: enrolled. Active as 2026 began: AA, DD, GG, HH; enrolled during the
# first half: BB, CC, EE; FF left before it. Active at its end: seven.
PEOPLE = {
    "AA": "2025-10-01",
    "BB": "2026-02-01",
    "CC": "2026-01-15",
    "DD": "2025-06-01",
    "EE": "2026-03-01",
    "FF": "2025-01-01",  # discharged 2025-12-01
    "GG": "2025-05-01",
    "HH": "2025-05-01",
}
# code: day and ORS total (items made to add up to it), oldest first.
ORS = {
    "AA": (("2025-09-20", 8), ("2025-10-05", 16), ("2026-03-01", 22), ("2026-05-10", 28)),
    "BB": (("2026-02-03", 20), ("2026-06-20", 30)),
    "CC": (("2026-01-20", 12), ("2026-04-01", 24), ("2026-07-15", 36)),
    "DD": (("2025-06-10", 30), ("2025-11-01", 32)),  # nothing during the period
    "EE": (("2026-03-05", 18),),  # one only
    "FF": (("2025-01-10", 10), ("2025-06-01", 14)),  # not active in the period
}
# code, saved (the clock), meeting day, in the order saved.
SIPS = (
    ("AA", "2025-11-01", "2025-10-30"),  # AA's first SIP: before the period
    ("AA", "2026-02-10", "2026-02-10"),  # a SIP meeting
    ("AA", "2026-02-12", "2026-02-10"),  # saved again: the same meeting
    ("CC", "2026-01-25", "2026-01-25"),  # 10 days after enrolment
    ("BB", "2026-02-20", "2026-02-18"),  # 19 days
    ("BB", "2026-03-02", "2026-03-01"),  # a second meeting
    ("DD", "2026-04-01", "2026-03-20"),  # 304 days
    ("EE", "2026-07-02", "2026-06-28"),  # saved after the period: not as things stood then
)
# code, kind, day: recorded meetings.
RECORDED = (("BB", "2026-03-01"), ("DD", "2026-05-05"), ("AA", "2025-12-20"))
# code, saved: first crisis plans (BB's before the recorded enrolment: day 0).
CRISIS = (("AA", "2026-01-10"), ("CC", "2026-02-15"), ("EE", "2026-03-01"), ("BB", "2026-01-30"))


def _clock(monkeypatch, day: str) -> None:
    moment = datetime.combine(D(day), time(12), UTC)
    monkeypatch.setattr(audit, "utcnow", lambda: moment)


def _items(total: int) -> list[int]:
    return [min(10, max(0, total - 10 * i)) for i in range(4)]


def build(store, monkeypatch) -> None:
    for code, enrolled in PEOPLE.items():
        add_participant(store, f"Person {code}", code=code, enrolled_on=D(enrolled), today=TODAY)
    for code, scores in ORS.items():
        for day, total in scores:
            add_outcome(store, code, "ors", _items(total), rated_on=D(day), today=TODAY)
    versions: dict[str, int] = {}
    for code, saved, meeting in SIPS:
        _clock(monkeypatch, saved)
        plan = SipPlan(meeting_on=D(meeting), follow_up_on=D("2026-12-31"))
        versions[code] = save_sip(store, code, plan, base=versions.get(code), today=D(saved))
    for code, saved in CRISIS:
        _clock(monkeypatch, saved)
        plan = CrisisPlan("Tecken", "Ringer", "", (), D(saved))
        save_crisis_plan(store, code, plan, base=None, today=D(saved))
    for code, day in RECORDED:
        record_meeting(store, "sip", D(day), code=code)
    nurse = add_contact(store, "Vera Vårdkontakt", principal="region")
    for code in ("AA", "BB", "DD"):
        assign_contacts(store, code, Coordinators(care_contact_id=nurse))
    for code, day in (("AA", "2025-10-10"), ("CC", "2026-06-30"), ("DD", "2026-01-05")):
        mark_samsa(store, code, on=D(day), today=TODAY)
    mark_samsa(store, "BB", on=D("2026-07-05"), today=TODAY)  # after the period
    discharge(store, "FF", reason="ready", on=D("2025-12-01"), today=TODAY)


def test_the_figures_about_care_on_both_databases(store, monkeypatch):
    build(store, monkeypatch)
    f = follow_up(store, START, END)
    assert (f.active_at_start, f.enrolled, f.discharged, f.active_at_end) == (4, 3, 0, 7)
    # Compared: AA 16 → 28 (the ORS before enrolment is not the first), BB 20 → 30, CC
    # 12 → 24 (the July ORS is after the period). DD has none during the period, EE one.
    assert f.ors == OrsFigures(3, 16, 28)
    # First SIPs saved in the period: CC 10 days, BB 19, DD 304 (AA's first was in 2025).
    assert f.to_first_sip == Durations(3, 19)
    # First crisis plans: AA 101, CC 31, EE 0, BB 0 (saved before the enrolment date).
    assert f.to_first_crisis_plan == Durations(4, 15.5)
    assert (f.with_care_contact, f.with_samsa) == (3, 3)  # AA, BB, DD; AA, CC, DD
    # AA 02-10 (named twice), CC 01-25, BB 02-18 and 03-01 (recorded too), DD 03-20 and
    # 05-05 (recorded); AA's recorded 2025-12-20 and EE's saved in July are outside.
    assert f.meetings["sip"] == 6

    # Ending in April: BB's one ORS by then is not compared, so two people are.
    f = follow_up(store, START, D("2026-04-30"))
    assert f.ors == OrsFigures(2, 14, 23)
    assert f.meetings["sip"] == 5


def test_the_care_figures_in_the_document(sqlite_store, monkeypatch):
    build(sqlite_store, monkeypatch)
    template = default_template()
    document = build_document(
        follow_up(sqlite_store, START, END), template, last_month=D("2026-06-01"), today=TODAY
    )
    data, tables = document.data, {table.key: table for table in document.tables}
    assert data["ors"] == {"compared": 3, "median_at_enrolment": 16, "median_latest": 28}
    assert tables["ors"].rows == ((3, "16", "28"),)
    assert data["days_to_first_plan"] == {
        "sip": {"people": 3, "median_days": 19},
        "crisis_plan": {"people": 4, "median_days": 15.5},
    }
    assert tables["first_plans"].rows == ((_("SIP"), 3, "19"), (_("Crisis plan"), 4, "15,5"))
    assert data["plans"]["care_contact"] == {"n": 3, "of": 7, "percent": 43}
    assert data["plans"]["samsa"] == {"n": 3, "of": 7, "percent": 43}
    assert data["meetings"]["sip"] == 6

    # Two people compared: their number is <3 and no median is given.
    april = build_document(
        follow_up(sqlite_store, START, D("2026-04-30")),
        template,
        last_month=D("2026-04-01"),
        today=TODAY,
    )
    assert april.data["ors"] == {
        "compared": SMALL,
        "median_at_enrolment": None,
        "median_latest": None,
    }
    assert {table.key: table for table in april.tables}["ors"].rows == ((SMALL, "–", "–"),)
