"""Swedish that care staff use: no English left in the Swedish catalogue, the command line's
help, or the palette; words that do not mean two things ("skriv ut", "fält"); Swedish date
placeholders; a care unit apart from the fast vårdkontakt; HoNOS levels that read apart."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from tavla.app import TavlaApp
from tavla.domain.vocabulary import ContactKind
from tavla.render.labels import label_for, log_detail
from tavla.store.contacts import list_contacts
from tavla.store.record import get_record

from .conftest import screen_text, settle

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "tavla" / "locale" / "sv" / "LC_MESSAGES" / "tavla.po"
# Words that are the same in Swedish, and codes that stay as they are.
SAME_IN_SWEDISH = {
    "ORS",
    "SRS",
    "SIP",
    "SAMSA",
    "Format",
    "Markdown",
    "Min",
    "Organisation",
    "Plan",
    "Presentation",
    "Status",
    "region",
    "version",
}


def _catalogue() -> list[tuple[str, str]]:
    with PO.open("rb") as handle:
        catalogue = read_po(handle, locale="sv")
    pairs = []
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        pairs += [(ids[0], string) for string in strings]
    return pairs


def _english_words(msgid: str) -> set[str]:
    text = re.sub(r"\{[^}]*\}|%\w|--[\w-]+|https?://\S+", " ", msgid)
    return {word for word in re.findall(r"[A-Za-z]{2,}", text) if word not in SAME_IN_SWEDISH}


def test_no_english_message_is_left_untranslated_in_swedish():
    left = [
        msgid
        for msgid, msgstr in _catalogue()
        if (not msgstr or msgstr == msgid) and _english_words(msgid)
    ]
    assert left == []


def test_discharge_is_not_print_and_lanes_are_not_fields():
    for msgid, msgstr in _catalogue():
        if re.search(r"discharg", msgid, re.I):
            assert not re.search(r"utskriv|skr[ie]v\w* ut\b", msgstr, re.I), (msgid, msgstr)
        if re.search(r"\blanes?\b|lane's", msgid, re.I):
            assert "fält" not in msgstr.lower(), (msgid, msgstr)
        if re.search(r"\bprints?\b|\bprinted\b", msgid) and "JSON" not in msgid:
            assert not re.search(r"skriv\w* ut", msgstr), (msgid, msgstr)
        assert "YYYY" not in msgstr, (msgid, msgstr)


def _cli(*args: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "TAVLA_LANG": "", "COLUMNS": "100"}
    return subprocess.run(
        [sys.executable, "-m", "tavla", *args], capture_output=True, text=True, env=environment
    )


def test_the_command_line_help_is_swedish(tmp_path):
    top = _cli("--help").stdout
    command = _cli("participant", "discharge", "--help").stdout
    english_words = ("Usage:", "Options", "OPTIONS", "Arguments", "Commands", "Show this", "YYYY")
    for english in english_words:
        assert english not in top + command, english
    assert "Användning: tavla participant discharge" in command
    assert "Flaggor:" in command and "Argument:" in command and "Kommandon:" in top
    assert "Visa den här hjälpen och avsluta." in command
    assert "--date ÅÅÅÅ-MM-DD" in command
    assert "--samsa-removed" in command and "--unchecked-reason" in command
    mistake = _cli("--db", str(tmp_path / "x.db"), "participant", "discharge", "A", "B")
    assert mistake.stderr.startswith("tavla: Oväntade ord: B.")
    assert "Skriv ut" not in _cli("participant", "--help").stdout


def test_a_care_unit_is_not_a_fast_vardkontakt(demo_store):
    assert label_for(ContactKind.CARE_UNIT) == "Vårdenhet/mottagning"
    assert label_for(ContactKind.CARE_CONTACT) == "Fast vårdkontakt"
    kinds = {contact.name: contact.kind for contact in list_contacts(demo_store)}
    assert kinds["Vårdcentralen Björkdalen"] == ContactKind.CARE_UNIT
    assert kinds["Psykiatriska mottagningen Väster"] == ContactKind.CARE_UNIT
    codes = [p.code for p in demo_store_participants(demo_store)]
    named = [get_record(demo_store, code, log=False).care_contact for code in codes]
    assert {c.kind for c in named if c is not None} == {ContactKind.CARE_CONTACT}


def demo_store_participants(store):
    from tavla.store.participants import list_participants

    return list_participants(store)


def test_the_honos_levels_read_apart(demo_store):
    labels = [level.label for level in demo_store.template.levels]
    assert labels[:3] == ["Inget problem", "Mindre problem", "Lindrigt men tydligt"]
    meanings = [level.meaning for level in demo_store.template.levels]
    assert meanings[1] == "Mindre problem som inte kräver åtgärd."


async def test_the_palette_says_no_matches_in_swedish(demo_store, today):
    app = TavlaApp(demo_store, today=today, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p", *"zzqx")
        await pilot.pause(1.0)
        text = screen_text(app)
        assert "Inga träffar" in text and "No matches" not in text


def test_access_log_details_are_in_words():
    assert log_detail("read", "since last meeting") == "sedan förra mötet"
    assert log_detail("read", "participant") == "uppgifterna"
    assert log_detail("update", "meeting 12 agenda order") == "möte 12: dagordningens ordning"
    assert log_detail("update", "action 3 done") == "åtgärd 3: klar"
    assert log_detail("update", "sip version 2") == "SIP, version 2"
    assert log_detail("discharge", "moved") == "Flyttat till en annan kommun"
    assert log_detail("export", "figures → /tmp/x.xlsx") == "figures → /tmp/x.xlsx"  # as stored
