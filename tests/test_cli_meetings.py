"""`tavla meeting …`, `tavla agenda`, `tavla action …` end to end, and one sentence per mistake.

The commands run in English (`--lang en`): the wording checked here is the message ids, which
stay put while the Swedish catalogue grows.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tavla.cli import shared as cli_shared
from tavla.i18n import language, set_language

from .test_cli import HOSTILE, dump, run

TODAY = date(2026, 11, 23)  # a Monday; the weekly meeting is on Tuesdays


@pytest.fixture(autouse=True)
def fixed_day_and_language(monkeypatch):
    monkeypatch.setattr(cli_shared, "today", lambda: TODAY)
    before = language()
    yield
    set_language(before)  # `--lang en` switched this process's language


def tavla(capsys, db: Path, *args: str) -> tuple[int, str, str]:
    return run(capsys, "--lang", "en", "--db", str(db), *args)


def ok(capsys, db: Path, *args: str) -> str:
    code, out, err = tavla(capsys, db, *args)
    assert code == 0 and err == "", err
    return out


@pytest.fixture
def db(tmp_path: Path, capsys) -> Path:
    path = tmp_path / "t.db"
    for args in (
        ("participant", "add", "--name", HOSTILE, "--code", "AT22", "--enrolled", "2026-11-20"),
        ("contact", "add", "--name", "Maria Lind", "--principal", "region"),
        ("contact", "add", "--name", "Sara Holm", "--principal", "municipality"),
    ):
        ok(capsys, path, *args)
    return path


def test_setup_with_the_templates_routine_prints_the_next_three_dates(db, capsys):
    out = ok(capsys, db, "meeting", "setup")
    assert out == (
        "Weekly coordinator meeting set up: Tuesday 09:00, 45 min, every week; "
        "next 2026-11-24, 2026-12-01, 2026-12-08.\n"
    )


def test_setup_with_every_option_and_the_next_dates(db, capsys):
    out = ok(
        capsys,
        db,
        "meeting",
        "setup",
        "--weekday",
        "torsdag",
        "--time",
        "13.30",
        "--minutes",
        "60",
        "--every",
        "2",
        "--from",
        "2026-12-03",
        "--skip",
        "2026-12-17",
        "--attendee",
        "2",
        "--attendee",
        "1",
    )
    assert out == (
        "Weekly coordinator meeting set up: Thursday 13:30, 60 min, every 2 weeks; "
        "next 2026-12-03, 2026-12-31, 2027-01-14.\n"  # the 17th is skipped
    )
    moments = json.loads(ok(capsys, db, "meeting", "next", "--count", "2", "--json"))
    assert moments == [
        {
            "date": "2026-12-03",
            "time": "13:30",
            "starts": "2026-12-03T13:30:00+01:00",
            "minutes": 60,
        },
        {
            "date": "2026-12-31",
            "time": "13:30",
            "starts": "2026-12-31T13:30:00+01:00",
            "minutes": 60,
        },
    ]
    agenda = json.loads(ok(capsys, db, "agenda", "--json"))
    assert agenda["meeting"]["held_on"] == "2026-12-03"
    assert (agenda["meeting"]["starts_at"], agenda["meeting"]["minutes"]) == ("13:30", 60)
    assert agenda["meeting"]["attendee_ids"] == [1, 2]  # by name: Maria Lind, Sara Holm


def test_next_leaves_out_skipped_holidays(db, capsys):
    ok(
        capsys,
        db,
        "meeting",
        "setup",
        "--weekday",
        "2",
        "--skip",
        "2026-12-22",
        "--skip",
        "2026-12-29",
    )
    out = ok(capsys, db, "meeting", "next")
    assert out.splitlines() == [
        "2026-11-24  09:00  Tuesday",
        "2026-12-01  09:00  Tuesday",
        "2026-12-08  09:00  Tuesday",
        "2026-12-15  09:00  Tuesday",
        "2027-01-05  09:00  Tuesday",
    ]


def test_a_monthly_managers_meeting_beside_the_weekly_one(db, capsys):
    ok(capsys, db, "meeting", "setup")
    out = ok(
        capsys,
        db,
        "meeting",
        "setup",
        "--kind",
        "managers",
        "--weekday",
        "thursday",
        "--monthly",
        "--from",
        "2026-12-01",
        "--time",
        "13",
    )
    assert "Thursday 13:00" in out and "every month, in week 1 of the month" in out
    assert out.rstrip().endswith("next 2026-12-03, 2027-01-07, 2027-02-04.")
    dates = [
        m["date"]
        for m in json.loads(
            ok(capsys, db, "meeting", "next", "--kind", "managers", "--count", "2", "--json")
        )
    ]
    assert dates == ["2026-12-03", "2027-01-07"]
    assert ok(capsys, db, "meeting", "next", "--count", "1").startswith("2026-11-24  09:00")


def test_record_and_list_meetings(db, capsys):
    number = ok(
        capsys,
        db,
        "meeting",
        "record",
        "resource_group",
        "2026-11-20",
        "--participant",
        "at22",
        "--attendee",
        "1",
        "--note",
        "Planerade boende",
        "--minutes",
        "90",
    )
    assert number.strip() == "1"
    ok(capsys, db, "meeting", "record", "managers", "2026-11-23")
    lines = ok(capsys, db, "meeting", "list").splitlines()
    assert len(lines) == 2 and lines[0].startswith("   2  2026-11-23")
    assert "Resource-group meeting  AT22  closed  Maria Lind  Planerade boende" in lines[1]
    [held] = json.loads(ok(capsys, db, "meeting", "list", "--participant", "AT22", "--json"))
    assert (held["kind"], held["code"], held["minutes"], held["attendees"]) == (
        "resource_group",
        "AT22",
        90,
        ["Maria Lind"],
    )
    assert ok(capsys, db, "meeting", "list", "--kind", "sip") == "No meetings.\n"


def test_the_agenda_shows_codes_and_reasons_never_names(db, capsys):
    ok(capsys, db, "meeting", "setup")
    out = ok(capsys, db, "agenda")
    assert out.splitlines() == [
        "Weekly coordinator meeting 2026-11-24 09:00, 45 min; previous meeting 2026-11-17",
        # Without consent, getting it is all the meeting may say about them.
        " 1.   AT22   3 min  No consent to share information: obtain consent",
        "1 item, 3 of 45 minutes.",
    ]
    assert ok(capsys, db, "agenda", "2026-11-24") == out  # the same meeting, opened again
    data = json.loads(ok(capsys, db, "agenda", "--json"))
    assert data["meeting"]["held_on"] == "2026-11-24" and data["since"] == "2026-11-17"
    [item] = data["items"]
    assert (item["code"], item["kind"], item["discussed"]) == ("AT22", "participant", False)
    assert [r["rule"] for r in item["reasons"]] == ["consent"]
    assert item["reasons"][0]["text"] == "No consent to share information: obtain consent"
    for shown in (out, json.dumps(data)):
        assert "bold" not in shown and "link" not in shown  # the name never appears
    assert "shared screen" in ok(capsys, db, "agenda", "--help")
    [meeting] = json.loads(ok(capsys, db, "meeting", "list", "--kind", "weekly", "--json"))
    assert meeting["status"] == "planned"


def test_an_agenda_on_a_given_date_needs_no_series(db, capsys):
    out = ok(capsys, db, "agenda", "2026-11-25")
    assert out.startswith("Weekly coordinator meeting 2026-11-25 09:00, 45 min")
    assert "AT22" in out


def test_actions_are_added_listed_overdue_first_and_closed(db, capsys):
    ok(capsys, db, "agenda", "2026-11-24")
    first = ok(
        capsys,
        db,
        "action",
        "add",
        "Boka SIP-möte",
        "--owner",
        "2",
        "--due",
        "2026-12-01",
        "--participant",
        "AT22",
        "--meeting-date",
        "2026-11-24",
    ).strip()
    second = ok(
        capsys, db, "action", "add", "Ring boendet", "--owner", "1", "--due", "2026-11-20"
    ).strip()
    third = ok(
        capsys, db, "action", "add", "Skriv intyg", "--owner", "1", "--due", "2026-12-10"
    ).strip()
    assert (first, second, third) == ("1", "2", "3")
    lines = ok(capsys, db, "action", "list").splitlines()
    assert lines == [
        "   2  2026-11-20  overdue  Maria Lind  –  Ring boendet",
        "   3  2026-12-10           Maria Lind  –  Skriv intyg",
        "   1  2026-12-01           Sara Holm  AT22  Boka SIP-möte",
    ]
    rows = json.loads(ok(capsys, db, "action", "list", "--participant", "AT22", "--json"))
    assert [(r["id"], r["meeting_on"], r["overdue"]) for r in rows] == [(1, "2026-11-24", False)]
    assert "participant_name" not in rows[0]

    assert ok(capsys, db, "action", "done", "2") == "Action 2 is done.\n"
    assert ok(capsys, db, "action", "drop", "3") == "Action 3 is dropped.\n"
    assert [line.split()[0] for line in ok(capsys, db, "action", "list").splitlines()] == ["1"]
    everything = json.loads(ok(capsys, db, "action", "list", "--all", "--json"))
    closed = {r["id"]: (r["status"], r["closed_on"], r["closed_by"]) for r in everything}
    assert closed[2] == ("done", "2026-11-23", "testare")
    assert closed[3][:2] == ("dropped", "2026-11-23")
    assert "done" in ok(capsys, db, "action", "list", "--all")
    assert ok(capsys, db, "action", "reopen", "2") == "Action 2 is open again.\n"
    assert ok(capsys, db, "action", "list").splitlines()[0].startswith("   2  2026-11-20  overdue")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("meeting", "setup", "--weekday", "funday"), "'funday' is not a weekday"),
        (("meeting", "setup", "--weekday", "8"), "'8' is not a weekday"),
        (("meeting", "setup", "--time", "25:00"), "'25:00' is not a time of day"),
        (("meeting", "setup", "--time", "nine"), "'nine' is not a time of day"),
        (("meeting", "setup", "--attendee", "99"), "There is no contact number 99"),
        (("meeting", "setup", "--minutes", "0"), "A meeting lasts 1 to"),
        (("meeting", "setup", "--every", "0"), "every 1 to 12"),
        (("meeting", "setup", "--kind", "daily"), "'daily' is not a kind of meeting"),
        (("meeting", "setup", "--from", "soon"), "'soon' is not a date"),
        (("meeting", "next"), "run 'tavla meeting setup' first"),
        (("meeting", "next", "--kind", "managers"), "'tavla meeting setup --kind managers'"),
        (("meeting", "record", "coffee", "2026-11-20"), "'coffee' is not a kind of meeting"),
        (("meeting", "record", "sip", "2026-11-20"), "needs a participant"),
        (("meeting", "record", "sip", "2026-11-20", "--participant", "ZZ99"), "ZZ99"),
        (("meeting", "record", "managers", "2026-11-20", "--attendee", "99"), "contact number 99"),
        (("meeting", "list", "--kind", "coffee"), "'coffee' is not a kind of meeting"),
        (("agenda",), "run 'tavla meeting setup'"),
        (("agenda", "--json"), "run 'tavla meeting setup'"),
        (("agenda", "tuesday"), "'tuesday' is not a date"),
        (("action", "add", "Ring", "--owner", "99", "--due", "2026-12-01"), "contact number 99"),
        (("action", "add", "Ring", "--owner", "1", "--due", "snart"), "'snart' is not a date"),
        (("action", "add", " ", "--owner", "1", "--due", "2026-12-01"), "Say what is to be done"),
        (
            (
                "action",
                "add",
                "Ring",
                "--owner",
                "1",
                "--due",
                "2026-12-01",
                "--participant",
                "ZZ99",
            ),
            "ZZ99",
        ),
        (
            (
                "action",
                "add",
                "Ring",
                "--owner",
                "1",
                "--due",
                "2026-12-01",
                "--meeting-date",
                "2026-11-24",
            ),
            "no weekly meeting on 2026-11-24",
        ),
        (("action", "done", "99"), "There is no action number 99"),
        (("action", "drop", "99"), "There is no action number 99"),
        (("action", "reopen", "99"), "There is no action number 99"),
    ],
)
def test_mistakes_are_one_sentence_exit_1_and_change_nothing(db, capsys, args, fragment):
    before = dump(db)
    code, out, err = tavla(capsys, db, *args)
    assert (code, out) == (1, "")
    assert err.startswith("tavla: ") and err.count("\n") == 1 and fragment in err, err
    assert "Traceback" not in err
    assert dump(db) == before


@pytest.mark.parametrize(
    "args",
    [
        ("action", "done", "one"),
        ("meeting", "next", "--count", "0"),
        ("agenda", "--bogus"),
        ("action", "add", "Ring", "--due", "2026-12-01"),
    ],
)
def test_usage_mistakes_are_one_sentence_exit_2(db, capsys, args):
    before = dump(db)
    code, out, err = tavla(capsys, db, *args)
    assert (code, out) == (2, "") and err.count("\n") == 1 and "Traceback" not in err
    assert dump(db) == before
