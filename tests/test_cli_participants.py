"""The command line for enrolment, consent, outcomes, contacts and interventions."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from .test_cli import dump, run

# A consent that is right in all but what the cases add.
CONSENT = (
    "consent",
    "add",
    "AT22",
    "--given",
    "2026-06-01",
    "--expires",
    "2027-06-01",
    "--shares",
    "Vård",
)


@pytest.fixture
def db(tmp_path: Path, capsys) -> Path:
    path = tmp_path / "t.db"
    commands = [
        (
            "participant",
            "add",
            "--name",
            "Anna Test",
            "--code",
            "AT22",
            "--pnr",
            "199006022397",
            "--municipality",
            "Örebro",
            "--enrolled",
            "2026-06-01",
            "--criterion",
            "adult=yes",
            "--criterion",
            "needs_both=yes",
            "--criterion",
            "diagnoses=no:utreds",
            "--criterion",
            "psychiatric_patient=ja",
            "--reason",
            "Remiss skickad",
        ),
        (
            "contact",
            "add",
            "--name",
            "Maria Lind",
            "--principal",
            "region",
            "--kind",
            "coordinator",
            "--phone",
            "019-60 200 00",
        ),
        (
            "contact",
            "add",
            "--name",
            "Sara Holm",
            "--principal",
            "municipality",
            "--kind",
            "coordinator",
            "--email",
            "sara@kommun.example",
        ),
    ]
    for args in commands:
        code, _out, err = run(capsys, "--db", str(path), *args)
        assert code == 0, err
    return path


def test_enrolment_with_checklist_and_the_record(db, capsys):
    run(
        capsys,
        "--db",
        str(db),
        "participant",
        "assign",
        "AT22",
        "--region-coordinator",
        "1",
        "--municipality-coordinator",
        "2",
        "--main",
        "municipality",
    )
    run(
        capsys,
        "--db",
        str(db),
        "consent",
        "add",
        "AT22",
        "--given",
        "2026-06-01",
        "--expires",
        "2027-06-01",
        "--shares",
        "Vård och boende",
        "--form",
        "written",
    )
    run(capsys, "--db", str(db), "outcome", "add", "AT22", "ors", "5", "6", "7", "4")
    run(capsys, "--db", str(db), "participant", "samsa", "AT22", "--date", "2026-06-08")
    code, out, _ = run(capsys, "--db", str(db), "participant", "show", "AT22", "--json")
    record = json.loads(out)
    assert code == 0
    assert record["municipality"] == "Örebro" and record["enrolled_on"] == "2026-06-01"
    assert record["criteria"]["diagnoses"] == {"met": False, "note": "utreds"}
    assert record["criteria_exception"] == "Remiss skickad"
    assert record["region_coordinator"]["name"] == "Maria Lind"
    assert record["main_responsibility"] == "municipality"
    assert record["consents"][0]["shares"] == "Vård och boende"
    assert record["outcomes"][0]["items"] == [5, 6, 7, 4]
    assert record["samsa_marked_on"] == "2026-06-08"
    code, out, _ = run(capsys, "--db", str(db), "participant", "show", "AT22")
    assert "Samordnare kommun: Sara Holm" in out and "●" in out and "nej" in out


def test_a_consent_says_whom_it_covers_and_how_it_was_given(db, capsys):
    parties = ("--parties", "kommun,Region,frivården", "--form", "muntligt")
    assert run(capsys, "--db", str(db), *CONSENT, *parties)[0] == 0
    _, out, _ = run(capsys, "--db", str(db), "participant", "show", "AT22", "--json")
    [consent] = json.loads(out)["consents"]
    assert (consent["parties"], consent["form"]) == (
        ["region", "municipality", "probation"],
        "oral",
    )
    assert consent["recorded_by"]
    _, out, _ = run(capsys, "--db", str(db), "participant", "show", "AT22")
    assert "  omfattar region, kommun, Frivården\n  givet muntligt; registrerat av " in out
    # Without --parties: the two principals, as before.
    run(capsys, "--db", str(db), *CONSENT, "--form", "written")
    _, out, _ = run(capsys, "--db", str(db), "participant", "show", "AT22", "--json")
    newest = json.loads(out)["consents"][0]
    assert (newest["parties"], newest["form"]) == (["region", "municipality"], "written")


def test_discharge_undo_and_listing_the_discharged(db, capsys):
    assert (
        run(capsys, "--db", str(db), "participant", "discharge", "AT22", "--reason", "moved")[0]
        == 0
    )
    assert run(capsys, "--db", str(db), "participant", "list")[1].strip() == "Inga deltagare."
    _, out, _ = run(capsys, "--db", str(db), "participant", "list", "--all", "--search", "anna")
    assert "AT22" in out and "utskriven" in out
    assert run(capsys, "--db", str(db), "participant", "discharge", "AT22", "--undo")[0] == 0
    assert "AT22" in run(capsys, "--db", str(db), "participant", "list")[1]


def test_contacts_and_interventions(db, capsys):
    add = (
        "intervention",
        "add",
        "AT22",
        "--what",
        "Boendestöd",
        "--principal",
        "municipality",
        "--lanes",
        "social,hälsa",
        "--start",
        "2026-06-10",
        "--responsible",
        "2",
        "--unit",
        "Boendestödet",
    )
    code, out, _ = run(capsys, "--db", str(db), *add)
    assert code == 0 and out.strip() == "1"
    _, out, _ = run(capsys, "--db", str(db), "intervention", "list", "AT22", "--json")
    [item] = json.loads(out)
    assert (item["lanes"], item["responsible"], item["status"]) == (
        ["social", "health"],
        "Sara Holm",
        "ongoing",
    )
    _, out, _ = run(capsys, "--db", str(db), "contact", "list", "--json", "--search", "kommun")
    assert [c["name"] for c in json.loads(out)] == ["Sara Holm"]
    _, out, _ = run(capsys, "--db", str(db), "contact", "list", "--kind", "coordinator")
    assert "Maria Lind" in out and "019-60 200 00" in out


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("participant", "add", "--name", "B", "--enrolled", "2026-02-30"), "inget datum"),
        (("participant", "add", "--name", "B", "--pnr", "19900602-2398"), "kontrollsiffra"),
        (("participant", "add", "--name", "B", "--code", "AT22"), "används redan"),
        (("participant", "add", "--name", "B", "--criterion", "adult=no"), "skälet"),
        (("participant", "add", "--name", "B", "--criterion", "adult"), "NYCKEL=ja"),
        (
            (
                "consent",
                "add",
                "AT22",
                "--given",
                "2026-06-01",
                "--expires",
                "2026-05-01",
                "--shares",
                "x",
                "--form",
                "written",
            ),
            "går ut innan det ges",
        ),
        (
            (
                "consent",
                "add",
                "AT22",
                "--given",
                "2026-13-01",
                "--expires",
                "2027-01-01",
                "--shares",
                "x",
                "--form",
                "written",
            ),
            "inget datum",
        ),
        (("consent", "revoke", "AT22"), "inget samtycke"),
        ((*CONSENT, "--form", "written", "--parties", "region,polisen"), "'polisen' är ingen part"),
        ((*CONSENT, "--form", "written", "--parties", ","), "vilka parter"),
        ((*CONSENT, "--form", "signerat"), "skriftligt eller muntligt"),
        (CONSENT, "WRITTEN|ORAL saknas"),
        (("participant", "assign", "AT22", "--region-coordinator", "99"), "ingen kontakt"),
        (("participant", "assign", "AT22", "--region-coordinator", "2"), "regionen"),
        (("participant", "discharge", "AT22"), "--reason"),
        (("participant", "discharge", "AT22", "--reason", "other"), "anteckningen"),
        (("participant", "discharge", "AT22", "--undo"), "inte utskriven"),
        (("participant", "show", "ZZ99"), "ingen deltagare"),
        (
            (
                "intervention",
                "add",
                "AT22",
                "--what",
                "X",
                "--principal",
                "region",
                "--lanes",
                "mood",
                "--start",
                "2026-06-01",
            ),
            "inget fält",
        ),
        (
            (
                "intervention",
                "add",
                "AT22",
                "--what",
                "X",
                "--principal",
                "region",
                "--lanes",
                "health",
                "--start",
                "2026-06-01",
                "--end",
                "2026-05-01",
            ),
            "slutar innan",
        ),
        (
            (
                "intervention",
                "add",
                "AT22",
                "--what",
                "X",
                "--principal",
                "region",
                "--lanes",
                "health",
                "--start",
                "2026-06-01",
                "--responsible",
                "99",
            ),
            "ingen kontakt",
        ),
        (
            ("contact", "add", "--name", "X", "--principal", "region", "--email", "x"),
            "e-postadress",
        ),
        (("contact", "add", "--name", "X", "--principal", "county"), "Huvudmannen"),
        (("outcome", "add", "AT22", "ors", "11", "1", "1", "1"), "0–10"),
        (("outcome", "add", "AT22", "ors", "1", "1", "1"), "fyra"),
    ],
)
def test_mistakes_are_one_sentence_and_change_nothing(db, capsys, args, fragment):
    before = dump(db)
    code, out, err = run(capsys, "--db", str(db), *args)
    assert code in (1, 2) and out == ""
    assert err.startswith("tavla: ") and err.count("\n") == 1 and fragment in err, err
    assert "Traceback" not in err
    assert dump(db) == before


def test_show_and_list_print_hostile_text_literally(db, capsys):
    name = "[bold red]x[/] \x1b[2J"
    run(capsys, "--db", str(db), "participant", "add", "--name", name, "--code", "HX22")
    _, out, _ = run(capsys, "--db", str(db), "participant", "show", "HX22")
    assert "[bold red]x[/] ␛[2J" in out and "\x1b" not in out
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT name FROM participant WHERE code='HX22'").fetchone()[0] == name
