"""Follow-up figures for the managers' group: the counts on both databases, small counts
hidden (0, 1 and 2, and one more beside a lone hidden count), the period, the access log,
and each format opened by its reader, with nothing in it that names or dates a person."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
from datetime import UTC, date, datetime, time

import pytest
from openpyxl import load_workbook

from tavla.domain.vocabulary import DischargeReason
from tavla.errors import UserError
from tavla.exports.figures import (
    default_period,
    export_figures,
    figures_document,
    period_of,
)
from tavla.exports.small_counts import HIDDEN, SMALL
from tavla.i18n import _
from tavla.render.labels import label_for
from tavla.store import audit
from tavla.store.consents import ConsentInput, add_consent, revoke_consent
from tavla.store.crisis_plans import CrisisPlan, save_crisis_plan
from tavla.store.follow_up import Durations, LaneFigures, LevelCounts, follow_up
from tavla.store.meetings import KINDS as MEETING_KINDS
from tavla.store.meetings import record_meeting
from tavla.store.participants import discharge
from tavla.store.ratings import NewRating, add_rating
from tavla.store.sips import SipPlan, save_sip

TODAY = date(2026, 11, 23)  # Monday of ISO week 48
FIRST, LAST = date(2025, 12, 1), date(2026, 11, 1)
D = date.fromisoformat

# code: name, identity number, enrolled, discharged, reason. Active at the start of 2025-12:
# the S and D people; enrolled during: the N people and DD55; X left before the period.
PEOPLE = {
    "SA11": ("Saga Andersson", "198501011236", "2025-01-15", None, None),
    "SB22": ("Sven Berg", "197003034563", "2025-03-01", None, None),
    "SC33": ("Stina Carlsson", None, "2025-06-01", None, None),
    "SD44": ("Sara Dahl", None, "2025-06-01", None, None),
    "SE55": ("Sune Ek", None, "2025-11-30", None, None),
    "NA22": ("Nils Alm", "200105147896", "2025-12-01", None, None),
    "NB33": ("Nora Bok", None, "2026-04-10", None, None),
    "NC44": ("Nina Crona", None, "2026-11-23", None, None),
    "DA22": ("Dan Aspe", None, "2025-02-01", "2025-12-01", "ready"),
    "DB33": ("Disa Björk", "199006022397", "2025-05-01", "2026-03-15", "ready"),
    "DC44": ("Dora Cedar", None, "2025-08-01", "2026-06-30", "ready"),
    "DD55": ("Didrik Dun", None, "2026-01-10", "2026-09-01", "moved"),
    "XA22": ("Xena Ahl", None, "2024-06-01", "2025-11-30", "declined"),
}
# code: (date, level) … of the health lane; cognition is rated twice, social never.
HEALTH = {
    "SA11": (("2025-02-01", 3), ("2026-05-01", 1)),  # 3 → 1: fell
    "SB22": (("2025-04-01", 2), ("2025-12-10", 4)),  # 2 → 4: rose
    "SC33": (("2025-07-01", 2), ("2026-10-01", 2)),  # unchanged
    "SD44": (("2025-07-01", None), ("2026-02-01", 2)),  # not known at the start: not compared
    "SE55": (("2025-12-01", 1),),  # not rated at the start
    "NA22": (("2025-12-01", 2),),
    "NB33": (("2026-05-01", 1),),
    "DA22": (("2025-03-01", 4),),
    "DB33": (("2025-06-01", 4),),
    "DC44": (("2025-09-01", 0),),
    "DD55": (("2026-02-01", 3),),
    "XA22": (("2025-01-01", 4),),
}
# code saved follow-up: SB22 is due on the period's last day (current); SC33 overdue; SD44's
# second version (current) is saved in November; DB33 is discharged (not counted).
SIPS = "SA11 2026-09-15 2026-12-15, SB22 2026-10-20 2026-11-23, SC33 2026-09-01 2026-10-01, "
SIPS += "SD44 2026-03-01 2026-06-01, SD44 2026-11-20 2027-02-01, DB33 2025-12-05 2026-06-01"
# code reviewed: SB22's is a day too old on 2026-11-23; NA22's is saved in November.
CRISIS = "SA11 2026-06-01, SB22 2026-05-22, SC33 2026-05-23, NA22 2026-11-01, NB33 2026-08-01"
# code given expires: SB22 expiring (valid), SC33 expired in November, SD44 revoked 2026-11-10,
# NB33's newest counts.
CONSENTS = "SA11 2026-01-01 2027-01-01, SB22 2025-12-01 2026-12-01, SC33 2025-11-01 2026-11-01, "
CONSENTS += "SD44 2026-01-01 2027-06-01, NA22 2026-01-01 2027-01-01, NB33 2025-05-01 2026-05-01, "
CONSENTS += "NB33 2026-06-01 2027-06-01, NC44 2026-11-23 2027-11-23"
MEETINGS = "weekly 2025-11-30, weekly 2025-12-01, weekly 2026-06-01, weekly 2026-11-23, "
MEETINGS += "weekly 2026-11-30, resource_group 2026-03-01 SA11, sip 2026-04-01 SB22, "
MEETINGS += "sip 2026-11-20 SD44, managers 2025-11-15, managers 2026-01-15, "
MEETINGS += "trepart 2026-05-05 SA11, home_visit 2026-06-10 SB22, home_visit 2026-06-17 SB22"
NAMES_AND_NUMBERS = [w for name, *_rest in PEOPLE.values() for w in name.split()] + [
    *PEOPLE,
    *(pnr for _name, pnr, *_rest in PEOPLE.values() if pnr),
    *(pnr[2:8] for _name, pnr, *_rest in PEOPLE.values() if pnr),
    "Tecken i egna ord",
    "Vård och boende",
]


def _items(text: str) -> list[list[str]]:
    return [item.split() for item in text.split(", ")]


def _clock(monkeypatch, day: str) -> None:
    """Plans are stamped with the clock: set it to noon UTC of `day`."""
    moment = datetime.combine(D(day), time(12), UTC)
    monkeypatch.setattr(audit, "utcnow", lambda: moment)


def build(store, monkeypatch) -> None:
    from tavla.store.participants import add_participant

    for code, (name, pnr, enrolled, _off, _why) in PEOPLE.items():
        add_participant(
            store, name, code=code, identity_number=pnr, enrolled_on=D(enrolled), today=TODAY
        )
    for code, ratings in HEALTH.items():
        for day, level in ratings:
            add_rating(store, code, NewRating("health", level), rated_on=D(day), today=TODAY)
    add_rating(store, "SA11", NewRating("cognition", 2), rated_on=D("2025-05-01"), today=TODAY)
    add_rating(store, "NA22", NewRating("cognition", None), rated_on=D("2026-01-01"), today=TODAY)
    versions: dict[str, int] = {}
    for code, saved, follow_up_on in _items(SIPS):
        _clock(monkeypatch, saved)
        plan = SipPlan(meeting_on=D(saved), follow_up_on=D(follow_up_on))
        versions[code] = save_sip(store, code, plan, base=versions.get(code), today=D(saved))
    for code, reviewed in _items(CRISIS):
        _clock(monkeypatch, reviewed)
        plan = CrisisPlan("Tecken i egna ord", "Ringer", "", (), D(reviewed))
        save_crisis_plan(store, code, plan, base=None, today=D(reviewed))
    for code, given, expires in _items(CONSENTS):
        add_consent(store, code, ConsentInput(D(given), D(expires), "Vård och boende"), today=TODAY)
    revoke_consent(store, "SD44", on=D("2026-11-10"), today=TODAY)
    for kind, day, *code in _items(MEETINGS):
        record_meeting(store, kind, D(day), code=code[0] if code else None)
    for code, (_name, _pnr, _on, off, why) in PEOPLE.items():
        if off:
            note = "Flyttade till Umeå" if why == "moved" else ""
            discharge(store, code, reason=why, note=note, on=D(off), today=TODAY)


def _flat(lane: LaneFigures) -> tuple:
    """A lane's counts at the start and the end (levels 0–4, not known, not rated), and
    rose, unchanged, fell."""

    def counts(c: LevelCounts) -> list[int]:
        return [*c.by_level.values(), c.not_known, c.not_rated]

    changes = (lane.rose, lane.unchanged, lane.fell)
    return lane.lane, counts(lane.at_start), counts(lane.at_end), *changes


def test_the_figures_of_a_period_on_both_databases(store, monkeypatch):
    build(store, monkeypatch)
    f = follow_up(store, FIRST, TODAY)
    assert (f.start, f.end, f.active_at_start, f.enrolled, f.discharged, f.active_at_end) == (
        FIRST,
        TODAY,
        8,
        4,
        4,
        8,
    )
    assert f.active_during == 12
    assert f.by_reason == {"ready": 3, "moved": 1, "declined": 0, "other": 0}
    # Days to discharge: DA22 303, DB33 318, DC44 333, DD55 234; so far: 0, 227, 357, 358,
    # 540, 540, 632, 677.
    assert (f.to_discharge, f.so_far) == (Durations(4, 310.5), Durations(8, 449.0))
    assert f.to_discharge.median_months == pytest.approx(310.5 / 30.4375)
    assert [_flat(lane) for lane in f.lanes] == [
        ("health", [1, 0, 2, 1, 2, 1, 1], [0, 3, 3, 0, 1, 0, 1], 1, 1, 1),
        ("cognition", [0, 0, 1, 0, 0, 0, 7], [0, 0, 1, 0, 0, 1, 6], 0, 1, 0),
        ("social", [0, 0, 0, 0, 0, 0, 8], [0, 0, 0, 0, 0, 0, 8], 0, 0, 0),
    ]
    # SIP: SA11, SB22, SD44; crisis plan: SA11, SC33, NA22, NB33; consent: SA11, SB22, NA22,
    # NB33, NC44.
    assert (f.with_sip, f.with_crisis_plan, f.with_consent) == (3, 4, 5)
    # SIP meetings: the six SIP versions name six (participant, day) meetings in the period;
    # of the two recorded, SB22's on 2026-04-01 is another, SD44's on 2026-11-20 the same.
    # In the order of the kinds: weekly, resource group, SIP, trepart, relatives, home visit,
    # managers.
    assert list(f.meetings) == list(MEETING_KINDS)
    assert list(f.meetings.values()) == [3, 1, 7, 1, 0, 2, 1]
    # Ending with October, as things stood then: SD44's consent not yet revoked nor SC33's
    # expired, SD44's new SIP and NA22's crisis plan not yet saved.
    f = follow_up(store, FIRST, D("2026-10-31"))
    assert (f.active_at_start, f.enrolled, f.discharged, f.active_at_end) == (8, 3, 4, 7)
    assert (f.with_sip, f.with_crisis_plan, f.with_consent) == (2, 4, 6)
    assert list(f.meetings.values()) == [2, 1, 6, 1, 0, 2, 1]
    data = figures_document(store, FIRST, date(2026, 10, 1), today=TODAY).data
    assert data["plans"] == {
        "sip": {"n": SMALL, "of": 7, "percent": None},
        "crisis_plan": {"n": 4, "of": 7, "percent": 57},
        "consent": {"n": HIDDEN, "of": 7, "percent": None},  # all but one: would tell the one
        "care_contact": {"n": 0, "of": 7, "percent": 0},
        "samsa": {"n": 0, "of": 7, "percent": 0},
    }
    assert data["period"] == {"from": "2025-12", "to": "2026-10", "to_date": False}


def test_the_document_shows_the_figures_and_hides_small_counts(sqlite_store, monkeypatch):
    build(sqlite_store, monkeypatch)
    document = figures_document(sqlite_store, FIRST, LAST, today=TODAY)
    data = document.data
    assert data["format"] == "tavla-figures" and data["format_version"] == 2
    assert data["made"] == "2026-W48"
    assert data["period"] == {"from": "2025-12", "to": "2026-11", "to_date": True}
    assert list(data["participants"].values()) == [8, 4, 4, 8, 12]
    # 3 ready and 1 moved of 4: the 1 would follow from 4 - 3. Hiding the 3 alone leaves
    # × + <3 = 4, which is 3 and 1 if × hides 3 or more: the 1 becomes × too.
    assert data["symbols"].keys() == {SMALL, HIDDEN, "–"}
    assert list(data["discharged_by_reason"].values()) == [HIDDEN, HIDDEN, 0, 0]
    assert data["time_in_programme"] == {
        "discharged": {"people": 4, "median_months": 10.2},
        "active_at_end": {"people": 8, "median_months": 14.8},
    }
    health, cognition, social = data["levels"]
    assert list(health["start"]) == ["0", "1", "2", "3", "4", "not_known", "not_rated", "active"]
    # Start: 1, 0, 2, 1, 2, 1, 1 of 8: six <3 making 8 may each be 1 or 2.
    assert list(health["start"].values()) == [SMALL, 0, SMALL, SMALL, SMALL, SMALL, SMALL, 8]
    # End: 0, 3, 3, 0, 1, 0, 1: two <3 making 2 are both 1; a 3 hidden would be 3 (× is 0 or
    # 3 and more where it hides a count that would show), so the 1 at level 4 becomes ×.
    assert list(health["end"].values()) == [0, 3, 3, 0, HIDDEN, 0, SMALL, 8]
    # 1 rose, 1 stayed, 1 fell of 3: all 1, unless one is ×.
    assert health["change"] == {"compared": 3, "rose": HIDDEN, "unchanged": SMALL, "fell": SMALL}
    # A lone <3 (level 2: 1) beside 7 not rated of 8: the 7 hides.
    assert list(cognition["start"].values()) == [0, 0, SMALL, 0, 0, 0, HIDDEN, 8]
    assert cognition["change"] == {
        "compared": SMALL,
        **dict.fromkeys(("rose", "unchanged", "fell"), HIDDEN),
    }
    assert list(social["end"].values()) == [0] * 6 + [8, 8]  # no one rated: no one to protect
    assert data["plans"] == {
        "sip": {"n": 3, "of": 8, "percent": 38},
        "crisis_plan": {"n": 4, "of": 8, "percent": 50},
        "consent": {"n": 5, "of": 8, "percent": 63},
        "care_contact": {"n": 0, "of": 8, "percent": 0},
        "samsa": {"n": 0, "of": 8, "percent": 0},
    }
    # First SIPs saved in the period: DB33 218 days after enrolment, SD44 273, SC33 457,
    # SB22 598, SA11 608; first crisis plans: NB33 113, NA22 335, SC33 356, SB22 447, SA11 502.
    assert data["days_to_first_plan"] == {
        "sip": {"people": 5, "median_days": 457},
        "crisis_plan": {"people": 5, "median_days": 356},
    }
    assert data["ors"] == {"compared": 0, "median_at_enrolment": None, "median_latest": None}
    assert [data["meetings"][kind] for kind in MEETING_KINDS] == [3, 1, 7, 1, 0, 2, 1]


def test_the_document_s_tables(sqlite_store, monkeypatch):
    build(sqlite_store, monkeypatch)
    document = figures_document(sqlite_store, FIRST, LAST, today=TODAY)
    tables = {table.key: table for table in document.tables}
    keys = "participants discharges time levels level_change ors first_plans events plans meetings"
    assert list(tables) == keys.split()
    assert [row[1] for row in tables["discharges"].rows] == [HIDDEN, HIDDEN, 0, 0, 4]
    assert [row[1:] for row in tables["time"].rows] == [(4, "10,2"), (8, "14,8")]  # Swedish
    assert [row[1] for row in tables["plans"].rows] == [
        _("{n} of {total} ({percent} %)").format(n=n, total=8, percent=p)
        for n, p in ((3, 38), (4, 50), (5, 63), (0, 0), (0, 0))
    ]
    assert tables["first_plans"].rows == ((_("SIP"), 5, "457"), (_("Crisis plan"), 5, "356"))
    assert tables["ors"].rows == ((0, "–", "–"),)
    # Exact, even below 3, in the order of the kinds: weekly, resource group, SIP, trepart,
    # relatives, home visit, managers.
    assert [row[1] for row in tables["meetings"].rows] == [3, 1, 7, 1, 0, 2, 1]
    assert len(tables["levels"].rows) == 6 and tables["levels"].header[-1] == _("Active")
    assert all(table.note for table in document.tables) and not document.personal


def test_the_period():
    assert default_period(TODAY) == (FIRST, LAST)
    assert default_period(D("2026-01-31")) == (D("2025-02-01"), D("2026-01-01"))
    assert period_of(FIRST, LAST, TODAY) == (FIRST, TODAY)  # cut at today
    assert period_of(D("2028-02-01"), D("2028-02-01"), TODAY.replace(year=2029)) == (
        D("2028-02-01"),
        D("2028-02-29"),
    )
    assert period_of(D("2026-03-17"), D("2026-04-02"), TODAY) == (D("2026-03-01"), D("2026-04-30"))
    assert period_of(TODAY, TODAY, TODAY) == (D("2026-11-01"), TODAY)


def test_a_period_that_cannot_be_is_refused_and_nothing_is_written(sqlite_store, tmp_path):
    after_end = _("The period starts after it ends; give the earlier month first.")
    after_today = _("The period starts after today; figures can only be of the past.")
    for first, last, message in (
        (D("2026-05-01"), D("2026-04-01"), after_end),
        (D("2026-12-01"), D("2027-02-01"), after_today),
    ):
        with pytest.raises(UserError) as error:
            export_figures(
                sqlite_store, tmp_path / "f.csv", first_month=first, last_month=last, today=TODAY
            )
        assert str(error.value) == message
    for name in ("f.pdf", "saknas/f.csv"):  # a format or a folder wrong: refused before reading
        with pytest.raises(UserError):
            export_figures(
                sqlite_store, tmp_path / name, first_month=FIRST, last_month=LAST, today=TODAY
            )
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("f")) == []
    assert [e for e in audit.entries(sqlite_store) if e["action"] == "export"] == []


def _forbidden_in(text: str) -> None:
    assert not re.search(r"\d{4}-\d{2}-\d{2}|\d{6}", text), "an exact date or a number"
    for word in NAMES_AND_NUMBERS:
        assert not re.search(rf"\b{re.escape(word)}\b", text, re.IGNORECASE), word


def test_each_format_opens_for_its_reader_0644_and_logged_once(sqlite_store, monkeypatch, tmp_path):
    build(sqlite_store, monkeypatch)
    reports = []

    def progress(done: int, total: int) -> None:
        reports.append((done, total))

    for suffix in ("xlsx", "csv", "html", "json"):
        target = tmp_path / f"siffror.{suffix}"
        written = export_figures(
            sqlite_store, target, first_month=FIRST, last_month=LAST, today=TODAY, progress=progress
        )
        assert written == target and stat.S_IMODE(os.stat(target).st_mode) == 0o644
    assert reports and reports[-1][0] == reports[-1][1] > 0
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".tavla-")] == []

    data = json.loads((tmp_path / "siffror.json").read_text("utf-8"))
    assert data["period"] == {"from": "2025-12", "to": "2026-11", "to_date": True}
    assert data["participants"]["active_at_end"] == 8
    text = (tmp_path / "siffror.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == [_("Follow-up figures {period}").format(period="2025-12 – 2026-11")]
    assert [_("Discharged during the period"), "4"] in rows
    assert [label_for(DischargeReason.MOVED), HIDDEN] in rows
    assert [_("SIP"), "5", "457"] in rows
    workbook = load_workbook(tmp_path / "siffror.xlsx")
    assert (
        len(workbook.sheetnames) == 10
    )  # the tables, events before and after enrolment among them
    cells = [c for sheet in workbook for row in sheet.iter_rows(values_only=True) for c in row]
    assert 12 in cells and SMALL in cells and HIDDEN in cells and "10,2" in cells
    _forbidden_in("\n".join(str(c) for c in cells if c is not None))
    for suffix in ("csv", "html", "json"):
        _forbidden_in((tmp_path / f"siffror.{suffix}").read_text("utf-8-sig"))

    entries = [e for e in audit.entries(sqlite_store) if e["action"] == "export"]
    assert [(e["participant_id"], e["actor"], e["detail"]) for e in entries] == [
        (None, "testare", f"figures 2025-12–2026-11 → {tmp_path / name}")
        for name in ("siffror.xlsx", "siffror.csv", "siffror.html", "siffror.json")
    ]
