"""`tavla event add|list` end to end (in English, the message ids): keys and Swedish names,
one clear sentence and exit 1 for bad input, nothing stored then."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tavla.cli import shared as cli_shared
from tavla.i18n import language, set_language

from .test_cli_meetings import TODAY, ok, tavla


@pytest.fixture(autouse=True)
def fixed_day_and_language(monkeypatch):
    monkeypatch.setattr(cli_shared, "today", lambda: TODAY)
    before = language()
    yield
    set_language(before)


@pytest.fixture
def db(tmp_path: Path, capsys) -> Path:
    path = tmp_path / "t.db"
    ok(capsys, path, "participant", "add", "--name", "Anna Test", "--code", "AT22")
    return path


def test_events_by_key_and_by_swedish_name_are_recorded_and_listed(db, capsys):
    args = ("--date", "2026-10-01", "--until", "2026-10-09", "--law", "LPT", "--note", "Tvång")
    assert ok(capsys, db, "event", "add", "at22", "slutenvård", *args) == "1\n"
    assert ok(capsys, db, "event", "add", "AT22", "akutbesok", "--date", "2026-11-02") == "2\n"
    assert ok(capsys, db, "event", "add", "AT22", "eviction", "--date", "2026-11-20") == "3\n"
    listed = ok(capsys, db, "event", "list", "AT22").splitlines()
    assert listed[0].split() == ["3", "2026-11-20", "AT22", "Eviction"]
    assert listed[1].split() == ["2", "2026-11-02", "AT22", "Emergency", "visit"]
    stay = ["1", "2026-10-01–2026-10-09", "AT22", "Inpatient", "care", "LPT", "Tvång"]
    assert listed[2].split() == stay
    [stored] = [e for e in json.loads(ok(capsys, db, "event", "list", "--json")) if e["id"] == 1]
    assert stored == {
        "id": 1,
        "code": "AT22",
        "kind": "inpatient",
        "happened_on": "2026-10-01",
        "until": "2026-10-09",
        "law": "lpt",
        "note": "Tvång",
        "recorded_by": stored["recorded_by"],
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("semester", "--date", "2026-11-01"), "'semester' is not a kind of event"),
        (("kris", "--date", "2026-13-01"), "The event's date"),
        (("kris", "--date", "2026-12-01"), "The event's date cannot be in the future."),
        (("kris", "--date", "2026-11-01", "--law", "lvm"), "Only an inpatient stay"),
        (("inpatient", "--date", "2026-11-01", "--law", "hvb"), "not a law of compulsory care"),
        (("inpatient", "--date", "2026-11-05", "--until", "2026-11-01"), "cannot end before"),
    ],
)
def test_bad_input_is_one_sentence_exit_1_and_nothing_is_stored(db, capsys, args, message):
    code, out, err = tavla(capsys, db, "event", "add", "AT22", *args)
    assert code == 1 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1, err
    assert ok(capsys, db, "event", "list") == "No events.\n"


def test_an_unknown_participant_is_refused(db, capsys):
    code, _out, err = tavla(capsys, db, "event", "add", "XX99", "kris", "--date", "2026-11-01")
    assert code == 1 and "XX99" in err
