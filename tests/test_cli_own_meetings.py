"""`tavla meeting record trepart|relatives|home_visit …`, listing them, and the two new agenda
settings in `tavla meeting rules`, end to end (in English, the message ids)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tavla.cli import shared as cli_shared
from tavla.i18n import language, set_language
from tavla.store import Location, open_store
from tavla.store.board import load_board

from .test_cli_meetings import TODAY, ok, tavla


@pytest.fixture(autouse=True)
def fixed_day_and_language(monkeypatch):
    monkeypatch.setattr(cli_shared, "today", lambda: TODAY)
    before = language()
    yield
    set_language(before)  # `--lang en` switched this process's language


@pytest.fixture
def db(tmp_path: Path, capsys) -> Path:
    path = tmp_path / "t.db"
    for args in (
        ("participant", "add", "--name", "Anna Test", "--code", "AT22", "--enrolled", "2026-05-04"),
        ("contact", "add", "--name", "Maria Lind", "--principal", "region"),
        ("contact", "add", "--name", "Sara Holm", "--principal", "municipality"),
    ):
        ok(capsys, path, *args)
    return path


def test_each_new_kind_is_recorded_for_a_participant_and_listed(db, capsys):
    assert (
        ok(
            capsys,
            db,
            "meeting",
            "record",
            "trepart",
            "2026-11-10",
            "--participant",
            "at22",
            "--attendee",
            "1",
            "--note",
            "Recepten",
        )
        == "1\n"
    )
    assert (
        ok(
            capsys,
            db,
            "meeting",
            "record",
            "relatives",
            "2026-11-12",
            "--participant",
            "AT22",
            "--attendee",
            "2",
        )
        == "2\n"
    )
    assert (
        ok(
            capsys,
            db,
            "meeting",
            "record",
            "home_visit",
            "2026-11-16",
            "--participant",
            "AT22",
            "--minutes",
            "30",
        )
        == "3\n"
    )
    listed = ok(capsys, db, "meeting", "list", "--participant", "AT22").splitlines()
    assert [line.split("  ")[2:5] for line in listed] == [
        ["2026-11-16", "--:--", "Home visit"],
        ["2026-11-12", "--:--", "Talk with relatives"],
        ["2026-11-10", "--:--", "Three-party meeting with primary care"],
    ]
    assert "Maria Lind  Recepten" in listed[2]
    rows = json.loads(ok(capsys, db, "meeting", "list", "--kind", "relatives", "--json"))
    assert [(r["kind"], r["code"], r["attendees"], r["minutes"]) for r in rows] == [
        ("relatives", "AT22", ["Sara Holm"], 60)
    ]


def test_a_new_kind_without_a_participant_or_unknown_is_one_sentence(db, capsys):
    code, out, err = tavla(capsys, db, "meeting", "record", "home_visit", "2026-11-16")
    assert code != 0 and out == ""
    assert err.strip() == (
        "tavla: Say whose meeting it is: a meeting of the kind home_visit needs a participant."
    )
    code, _out, err = tavla(capsys, db, "meeting", "record", "homevisit", "2026-11-16")
    assert code != 0 and "'homevisit' is not a kind of meeting" in err and "home_visit" in err


def test_a_resource_group_meeting_from_the_command_line_reaches_the_board(db, capsys):
    ok(capsys, db, "meeting", "record", "resource_group", "2026-11-02", "--participant", "AT22")
    store = open_store(Location.sqlite(db), actor="t")
    try:
        assert load_board(store, TODAY).row("AT22").resource_group_met_on.isoformat() == (
            "2026-11-02"
        )
    finally:
        store.close()


def test_the_rules_show_and_change_both_settings(db, capsys):
    out = ok(capsys, db, "meeting", "rules")
    assert "care_contact, resource_group, not_discussed" in out
    assert (
        "A resource-group meeting is due 3 months after the last; a permanent care contact is "
        "expected 4 weeks after enrolment." in out
    )
    out = ok(
        capsys, db, "meeting", "rules", "--resource-group-months", "6", "--care-contact-weeks", "8"
    )
    assert "due 6 months after the last" in out and "expected 8 weeks after" in out
    code, _out, err = tavla(capsys, db, "meeting", "rules", "--resource-group-months", "30")
    assert code != 0 and "'resource_group_months' must be 1 to 24" in err
    assert "due 6 months" in ok(capsys, db, "meeting", "rules")
