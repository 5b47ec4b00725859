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
from itertools import product

import pytest
from openpyxl import load_workbook

from tavla.domain.template import default_template
from tavla.domain.vocabulary import DischargeReason
from tavla.errors import UserError
from tavla.exports.figures import (
    build_document,
    default_period,
    export_figures,
    figures_document,
    period_of,
)
from tavla.exports.small_counts import SMALL, breakdown, flow, share, shown, shown_total
from tavla.i18n import _
from tavla.render.labels import label_for
from tavla.store import audit
from tavla.store.consents import ConsentInput, add_consent, revoke_consent
from tavla.store.crisis_plans import CrisisPlan, save_crisis_plan
from tavla.store.follow_up import Durations, FollowUp, LaneFigures, LevelCounts, follow_up
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
MEETINGS += "sip 2026-11-20 SD44, managers 2025-11-15, managers 2026-01-15"
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
    assert f.meetings == {"weekly": 3, "resource_group": 1, "sip": 2, "managers": 1}
    # Ending with October, as things stood then: SD44's consent not yet revoked nor SC33's
    # expired, SD44's new SIP and NA22's crisis plan not yet saved.
    f = follow_up(store, FIRST, D("2026-10-31"))
    assert (f.active_at_start, f.enrolled, f.discharged, f.active_at_end) == (8, 3, 4, 7)
    assert (f.with_sip, f.with_crisis_plan, f.with_consent) == (2, 4, 6)
    assert f.meetings == {"weekly": 2, "resource_group": 1, "sip": 1, "managers": 1}
    data = figures_document(store, FIRST, date(2026, 10, 1), today=TODAY).data
    assert data["plans"] == {
        "sip": {"n": SMALL, "of": 7, "percent": None},
        "crisis_plan": {"n": 4, "of": 7, "percent": 57},
        "consent": {"n": ">4", "of": 7, "percent": None},  # all but one: not computable
    }
    assert data["period"] == {"from": "2025-12", "to": "2026-10", "to_date": False}


def test_the_document_shows_the_figures_and_hides_small_counts(sqlite_store, monkeypatch):
    build(sqlite_store, monkeypatch)
    document = figures_document(sqlite_store, FIRST, LAST, today=TODAY)
    data = document.data
    assert [data[key] for key in ("format", "format_version", "made")] == [
        "tavla-figures",
        1,
        "2026-W48",
    ]
    assert data["period"] == {"from": "2025-12", "to": "2026-11", "to_date": True}
    assert list(data["participants"].values()) == [8, 4, 4, 8, 12]
    assert list(data["discharged_by_reason"].values()) == [3, SMALL, SMALL, SMALL]
    assert data["time_in_programme"] == {
        "discharged": {"people": 4, "median_months": 10.2},
        "active_at_end": {"people": 8, "median_months": 14.8},
    }
    health, cognition, social = data["levels"]
    assert list(health["start"]) == ["0", "1", "2", "3", "4", "not_known", "not_rated", "active"]
    assert list(health["start"].values()) == [SMALL] * 7 + [8]
    assert list(health["end"].values()) == [SMALL, 3, 3, SMALL, SMALL, SMALL, SMALL, 8]
    assert health["change"] == {"compared": 3, "rose": SMALL, "unchanged": SMALL, "fell": SMALL}
    assert list(cognition["start"].values()) == [SMALL] * 6 + [7, 8]
    # "Not rated: 8 of 8" would tell that no one is at any level: hidden too.
    assert list(social["end"].values()) == [SMALL] * 7 + [8]
    assert data["plans"] == {
        "sip": {"n": 3, "of": 8, "percent": 38},
        "crisis_plan": {"n": 4, "of": 8, "percent": 50},
        "consent": {"n": 5, "of": 8, "percent": 63},
    }
    assert data["meetings"] == {"weekly": 3, "resource_group": 1, "sip": 2, "managers": 1}
    tables = {table.key: table for table in document.tables}
    assert list(tables) == [
        "participants",
        "discharges",
        "time",
        "levels",
        "level_change",
        "plans",
        "meetings",
    ]
    assert [row[1] for row in tables["discharges"].rows] == [3, SMALL, SMALL, SMALL, 4]
    assert [row[1:] for row in tables["time"].rows] == [(4, "10,2"), (8, "14,8")]  # Swedish
    assert [row[1] for row in tables["plans"].rows] == [
        _("{n} of {total} ({percent} %)").format(n=n, total=8, percent=p)
        for n, p in ((3, 38), (4, 50), (5, 63))
    ]
    assert [row[1] for row in tables["meetings"].rows] == [3, 1, 2, 1]  # exact, even below 3
    assert len(tables["levels"].rows) == 6 and tables["levels"].header[-1] == _("Active")
    assert all(table.note for table in document.tables) and not document.personal


def test_secondary_suppression_in_the_document():
    def levels(*counts: int) -> LevelCounts:
        return LevelCounts(dict(enumerate(counts[:5])), counts[5], counts[6])

    lane = LaneFigures(
        "health",
        levels(3, 4, 5, 6, 7, 8, 1),
        levels(3, 3, 3, 3, 3, 3, 7),
        rose=5,
        unchanged=9,
        fell=2,
    )
    figures = FollowUp(
        start=date(2026, 1, 1),
        end=date(2026, 6, 30),
        active_at_start=34,
        enrolled=1,
        discharged=10,
        by_reason={"ready": 3, "moved": 3, "declined": 3, "other": 1},
        active_at_end=25,
        to_discharge=Durations(10, 300.0),
        so_far=Durations(25, 400.0),
        lanes=(lane,),
        with_sip=24,
        with_crisis_plan=2,
        with_consent=13,
        meetings={"weekly": 0, "resource_group": 1, "sip": 2, "managers": 0},
    )
    data = build_document(
        figures, default_template(), last_month=date(2026, 6, 1), today=TODAY
    ).data
    assert data["period"] == {"from": "2026-01", "to": "2026-06", "to_date": False}
    # One enrolled would follow from the others: the period's total and the discharged hide
    # with it; the discharged hidden, their reasons may not all show (one is small: enough).
    assert list(data["participants"].values()) == [34, SMALL, SMALL, 25, SMALL]
    assert list(data["discharged_by_reason"].values()) == [3, 3, 3, SMALL]
    assert data["time_in_programme"]["discharged"] == {"people": SMALL, "median_months": 9.9}
    [lane] = data["levels"]
    # Start: only "not rated" (1) is small, so the next smallest (level 0: 3) hides with it.
    assert list(lane["start"].values()) == [SMALL, 4, 5, 6, 7, 8, SMALL, 34]
    assert list(lane["end"].values()) == [3, 3, 3, 3, 3, 3, 7, 25]
    assert lane["change"] == {"compared": 16, "rose": SMALL, "unchanged": 9, "fell": SMALL}
    assert data["plans"] == {
        "sip": {"n": ">22", "of": 25, "percent": None},
        "crisis_plan": {"n": SMALL, "of": 25, "percent": None},
        "consent": {"n": 13, "of": 25, "percent": 52},
    }
    assert data["meetings"] == {"weekly": 0, "resource_group": 1, "sip": 2, "managers": 0}


def test_shown_hides_0_1_and_2():
    assert [shown(n) for n in range(5)] == [SMALL, SMALL, SMALL, 3, 4]


@pytest.mark.parametrize(
    ("counts", "total_shown", "expected"),
    [
        ([5, 6, 7], True, [5, 6, 7]),
        ([3, 4, 5, 1], True, [SMALL, 4, 5, SMALL]),  # lone hidden: the next smallest too
        ([4, 3, 3, 0], True, [4, SMALL, 3, SMALL]),  # ties: the first of the smallest
        ([4, 0, 1], True, [4, SMALL, SMALL]),  # two hidden: enough
        ([5, 0, 0], True, [SMALL, SMALL, SMALL]),  # hidden adding up to 0 are all 0
        ([5, 2, 2], True, [SMALL, SMALL, SMALL]),  # ... or to 2 each, all 2
        ([2, 1, 0], True, [SMALL, SMALL, SMALL]),
        ([3, 4], False, [SMALL, 4]),  # total hidden: not every count may show
        ([3, 1], False, [3, SMALL]),
        ([], True, []),
    ],
)
def test_breakdown(counts, total_shown, expected):
    assert breakdown(counts, total_shown=total_shown) == expected


def test_no_hidden_count_of_a_breakdown_follows_from_its_total():
    for counts in product(range(7), repeat=3):
        total = shown_total(counts)
        out = breakdown(list(counts), total_shown=total != SMALL)
        hidden = [n for n, value in zip(counts, out, strict=True) if value == SMALL]
        if total == SMALL:  # then the counts must not add up to it either
            assert hidden or sum(counts) < 3, counts
            continue
        assert len(hidden) != 1, counts  # the total minus the others
        if hidden:  # all 0, or all 2 when none is larger, would be told by their sum
            assert sum(hidden) > 0 and set(hidden) != {2}, counts


def test_a_total_is_hidden_when_every_count_is_2():
    assert shown_total([2, 2, 2]) == SMALL
    assert shown_total([2, 2, 1]) == 5
    assert shown_total([1, 1]) == SMALL
    assert shown_total([]) == SMALL


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ((8, 4, 4, 8), (8, 4, 4, 8, 12)),
        ((12, 2, 1, 13), (12, SMALL, SMALL, 13, SMALL)),
        ((10, 4, 1, 13), (10, SMALL, SMALL, 13, SMALL)),
        ((10, 1, 4, 7), (10, SMALL, SMALL, 7, SMALL)),
        ((2, 5, 1, 6), (SMALL, 5, SMALL, 6, SMALL)),
        ((2, 0, 0, 2), (SMALL,) * 5),
    ],
)
def test_flow(counts, expected):
    keys = ("active_at_start", "enrolled", "discharged", "active_at_end", "active_during")
    assert flow(*counts) == dict(zip(keys, expected, strict=True))


def test_no_hidden_count_of_the_flow_is_alone_in_a_sum():
    sums = (
        ("active_during", "active_at_start", "enrolled"),
        ("active_during", "active_at_end", "discharged"),
        ("active_at_start", "enrolled", "active_at_end", "discharged"),
    )
    for start, enrolled, discharged in product(range(8), repeat=3):
        if discharged > start + enrolled:
            continue
        out = flow(start, enrolled, discharged, start + enrolled - discharged)
        for members in sums:
            assert sum(out[key] == SMALL for key in members) != 1, (start, enrolled, discharged)


def test_share():
    assert share(5, 8) == {"n": 5, "of": 8, "percent": 63}
    assert share(2, 8) == {"n": SMALL, "of": 8, "percent": None}
    assert share(0, 8) == {"n": SMALL, "of": 8, "percent": None}
    assert share(6, 8) == {"n": ">5", "of": 8, "percent": None}
    assert share(8, 8) == {"n": ">5", "of": 8, "percent": None}
    assert share(1, SMALL) == {"n": SMALL, "of": SMALL, "percent": None}


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
    assert [label_for(DischargeReason.MOVED), SMALL] in rows
    workbook = load_workbook(tmp_path / "siffror.xlsx")
    assert len(workbook.sheetnames) == 7
    cells = [c for sheet in workbook for row in sheet.iter_rows(values_only=True) for c in row]
    assert 12 in cells and SMALL in cells and "10,2" in cells
    _forbidden_in("\n".join(str(c) for c in cells if c is not None))
    for suffix in ("csv", "html", "json"):
        _forbidden_in((tmp_path / f"siffror.{suffix}").read_text("utf-8-sig"))

    entries = [e for e in audit.entries(sqlite_store) if e["action"] == "export"]
    assert [(e["participant_id"], e["actor"], e["detail"]) for e in entries] == [
        (None, "testare", f"figures 2025-12–2026-11 → {tmp_path / name}")
        for name in ("siffror.xlsx", "siffror.csv", "siffror.html", "siffror.json")
    ]
