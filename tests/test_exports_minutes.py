"""Minutes of the weekly meeting: what they say and in what order, that user text stays text,
that de-identified minutes (by flag or in presentation mode) name nobody, and
`tavla export minutes` with its permissions, log entries and one-line errors."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tavla.domain.privacy import Person, Redactor
from tavla.errors import UserError
from tavla.exports.minutes import export_minutes, minutes_document
from tavla.exports.minutes_render import render_html, render_markdown
from tavla.i18n import _
from tavla.store import audit
from tavla.store.actions import ActionInput, add_action
from tavla.store.agenda import open_agenda
from tavla.store.agenda_items import add_topic, close_meeting, set_discussed, write_item
from tavla.store.contacts import add_contact
from tavla.store.meetings import set_attendees
from tavla.store.participants import add_participant
from tavla.store.settings import PRESENTATION, set_value

from .test_cli import dump, run

TODAY = date(2026, 11, 23)
IDA = "[bold]Ida Svensson"
SCRIPT = "<script>alert(1)</script> Berg"
KALLE = "*Kalle* Karlsson"
OLLE = "Olle Utanför"  # on the board, not on this agenda
PEOPLE = {
    "ID22": (IDA, "198501011236"),
    "SC33": (SCRIPT, "197003034563"),
    "KA44": (KALLE, "200105147896"),
}
NOTES = "Mamma ringde; hon oroar sig för [bold]Ida."
DECISIONS = (
    "Ida Svensson får boendestöd från december. IDAS mamma bjuds in.\n"
    "- Kalles bror och olle hörde av sig; pnr 850101-1236 stämmer.\n"
    "# Berg ska inte bli rubrik"
)


@dataclass
class Meeting:
    id: int
    maria: int
    per: int


def _item(store, code: str | None = None, kind: str = "participant") -> int:
    view = open_agenda(store, TODAY, today=TODAY)
    return next(i.id for i in view.items if i.kind == kind and (code is None or i.code == code))


def set_up(store, *, close: bool = True) -> Meeting:
    for code, (name, pnr) in PEOPLE.items():
        add_participant(
            store,
            name,
            code=code,
            identity_number=pnr,
            enrolled_on=TODAY - timedelta(days=60),
            today=TODAY,
        )
    maria = add_contact(store, "Maria Lind", principal="region", kind="coordinator")
    per = add_contact(store, "Per Ek", principal="municipality", kind="coordinator")
    earlier = ActionInput("Ansök om god man för Kalle", per, TODAY - timedelta(days=10), "KA44")
    add_action(store, earlier, today=TODAY - timedelta(days=21))
    meeting_id = open_agenda(store, TODAY, today=TODAY).meeting.id
    add_participant(store, OLLE, code="OL55", enrolled_on=TODAY, today=TODAY)
    set_attendees(store, meeting_id, (maria, per))
    ida = _item(store, "ID22")
    write_item(store, ida, notes=NOTES, decisions=DECISIONS)
    set_discussed(store, ida)
    set_discussed(store, _item(store, "SC33"))
    for what, owner, days, code in (
        ("Ring soc om Ida Svensson", maria, 7, "ID22"),
        ("Boka möte med <script>alert(1)</script> Berg", per, 3, "SC33"),
        ("Skriv rutin för *Kalle* och <b>andra</b>", per, 14, None),
    ):
        add_action(
            store,
            ActionInput(what, owner, TODAY + timedelta(days=days), code, meeting_id),
            today=TODAY,
        )
    add_topic(store, meeting_id, "Rutin när Kalle Karlsson uteblir")
    if close:
        close_meeting(store, meeting_id)
    return Meeting(meeting_id, maria, per)


class _Text(HTMLParser):
    """The text a browser shows, and the tags it sees."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text, self.tags = [], []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)

    def handle_data(self, data) -> None:
        self.text.append(data)


def shown(page: str) -> tuple[str, list[str]]:
    parser = _Text()
    parser.feed(page)
    return "".join(parser.text), parser.tags


def _forbidden() -> list[str]:
    """Every name, name part and identity number that de-identified minutes must not hold."""
    words = ["Ida", "Svensson", "script", "alert", "Berg", "Kalle", "Karlsson", "Olle", "Utanför"]
    numbers = []
    for pnr in (pnr for _name, pnr in PEOPLE.values()):
        numbers += [pnr, pnr[2:], f"{pnr[:8]}-{pnr[8:]}", f"{pnr[2:8]}-{pnr[8:]}"]
    return [*words, *numbers, NOTES[:10]]


def _assert_nobody_named(text: str) -> None:
    folded = text.casefold()
    for word in _forbidden():
        assert word.casefold() not in folded, word


def test_the_minutes_follow_the_agenda_with_decisions_actions_and_open_actions(store):
    set_up(store)
    minutes = minutes_document(store, TODAY, deidentified=False, today=TODAY)
    markdown = render_markdown(minutes)
    assert markdown.startswith(
        "# " + _("Minutes of the weekly coordinator meeting {day}").format(day="2026-11-23")
    )
    assert "Maria Lind, Per Ek" in markdown and _("Closed") in markdown
    order = [
        r"\[bold\]Ida Svensson (ID22)",
        "Ida Svensson får boendestöd",
        NOTES[:20],
        "Ring soc om Ida Svensson – Maria Lind",
        r"\*Kalle\* Karlsson (KA44)",
        r"\<script\>alert(1)\</script\> Berg (SC33)",
        "Boka möte med",
        "Rutin när Kalle Karlsson uteblir",
        _("Other actions agreed in this meeting"),
        r"Skriv rutin för \*Kalle\*",
        _("Open actions on {day}").format(day="2026-11-23"),
    ]
    positions = [markdown.index(part) for part in order]
    assert positions == sorted(positions)
    ida = markdown[markdown.index("(ID22)") : markdown.index("(KA44)")]
    assert f"- {_('Discussed')}" in ida and _("Decisions") in ida and _("Notes") in ida
    kalle = markdown[markdown.index("(KA44)") : markdown.index("(SC33)")]
    assert f"- {_('Not discussed')}" in kalle
    # Open actions: overdue first, then by owner (Maria before Per), then due date.
    open_part = markdown[markdown.index(_("Open actions on {day}").format(day="2026-11-23")) :]
    lines = [line for line in open_part.splitlines() if line.startswith("- ")]
    assert [line.split(" – ")[0] for line in lines] == [
        "- Ansök om god man för Kalle",
        "- Ring soc om Ida Svensson",
        r"- Boka möte med \<script\>alert(1)\</script\> Berg",
        r"- Skriv rutin för \*Kalle\* och \<b\>andra\</b\>",
    ]
    assert _("overdue") in lines[0] and r"\*Kalle\* Karlsson (KA44)" in lines[0]
    assert _("overdue") not in "".join(lines[1:])
    text, tags = shown(render_html(minutes))
    for part in (
        "Maria Lind, Per Ek",
        f"{IDA} (ID22)",
        f"{SCRIPT} (SC33)",
        NOTES,
        "Ring soc om Ida Svensson",
        "Ansök om god man för Kalle",
    ):
        assert part in text, part
    assert "script" not in tags


def test_a_meeting_not_closed_is_a_draft(sqlite_store):
    set_up(sqlite_store, close=False)
    minutes = minutes_document(sqlite_store, None, deidentified=False, today=TODAY)
    assert not minutes.closed
    markdown = render_markdown(minutes)
    first = markdown.splitlines()[0]
    assert first.endswith(" – " + _("draft"))
    assert _("DRAFT: the meeting is not closed yet") in markdown
    assert 'class="draft"' in render_html(minutes)


def test_everything_typed_is_text_in_html_and_markdown(sqlite_store):
    set_up(sqlite_store)
    minutes = minutes_document(sqlite_store, TODAY, deidentified=False, today=TODAY)
    page = render_html(minutes)
    assert "<script" not in page and "<b>andra" not in page and "[bold]Ida" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Berg" in page
    text, tags = shown(page)
    assert "script" not in tags and tags.count("b") == page.count("<b>")  # only our own labels
    assert f"{SCRIPT} (SC33)" in text and "Skriv rutin för *Kalle* och <b>andra</b>" in text
    # The Markdown, rendered as a reader would, shows the names exactly as typed.
    markdown = render_markdown(minutes)
    rendered = MarkdownIt("commonmark").render(markdown)
    text, tags = shown(rendered)
    for part in (
        f"{IDA} (ID22)",
        f"{SCRIPT} (SC33)",
        f"{KALLE} (KA44)",
        "# Berg ska inte bli rubrik",
        "- Kalles bror",
        "Skriv rutin för *Kalle* och <b>andra</b>",
    ):
        assert part in text, part
    assert "script" not in tags and "b" not in tags
    assert tags.count("em") == 2  # our own two lines in italics, none from user text
    assert tags.count("h2") == len(minutes.items) + 2  # no heading made from user text
    # A decision's lines stay in one paragraph (none becomes a list or a heading).
    assert tags.count("h1") == 1


def test_deidentified_minutes_name_nobody_by_flag_and_in_presentation_mode(store):
    set_up(store)
    flagged = minutes_document(store, TODAY, deidentified=True, today=TODAY)
    set_value(store, PRESENTATION, "1")
    presenting = minutes_document(store, TODAY, deidentified=False, today=TODAY)
    assert flagged.deidentified and presenting.deidentified
    for minutes in (flagged, presenting):
        markdown, page = render_markdown(minutes), render_html(minutes)
        for text in (markdown, page, shown(page)[0]):
            _assert_nobody_named(text)
            assert "Mamma ringde" not in text  # notes are left out
            assert "Maria Lind, Per Ek" in text  # staff stay named
        assert "## 1. ID22" in markdown or "## 2. ID22" in markdown
        assert "ID22 får boendestöd från december. ID22:s mamma bjuds in." in markdown
        assert r"\- KA44:s bror och OL55 hörde av sig; pnr ID22 stämmer." in markdown
        assert "Ring soc om ID22 – Maria Lind" in markdown
        assert r"Boka möte med ID22" not in markdown and "Boka möte med SC33 – Per Ek" in markdown
        assert "Rutin när KA44 uteblir" in markdown
        assert _("De-identified: participants are shown by code; notes are left out.") in markdown


def test_the_redactor_hides_whole_names_only_and_asks_when_a_name_is_shared():
    def person(code: str, name: str, pnr: str | None = None) -> Person:
        return Person(name, code=code, identity_number=pnr)

    redact = Redactor([person("AA11", "Anna Berg", "19850101-1236"), person("AN22", "Anna Ek")])
    assert redact("Idag mötte vi ANNA BERG och bergen.") == "Idag mötte vi AA11 och bergen."
    assert redact("Bergs bror, Ek’s syster") == "AA11:s bror, AN22:s syster"
    assert redact("Anna kom", prefer="AN22") == "AN22 kom"
    assert redact("Anna kom") == _("(participant)") + " kom"
    assert redact("8501011236 och 19850101+1236") == "AA11 och AA11"
    assert redact("ring 199912319999") == "ring " + _("(identity number)")
    assert redact("tel 019-000 61 00, år 2026") == "tel 019-000 61 00, år 2026"


def test_the_redactor_hides_relatives_their_phones_and_bidirectional_controls():
    redact = Redactor(
        [
            Person("Ida Svensson", code="IS11"),
            Person("Karin Nyström", phone="070-123 45 67", email="karin@example.se"),
        ]
    )
    relative, phone = _("relative"), _("(phone number)")
    assert redact("Ring Karin Nyström på 0701234567") == f"Ring {relative} på {phone}"
    assert redact("eller 0046 70 123 45 67") == f"eller {phone}"
    assert redact("Nyströms nummer +46 70 123 45 67") == f"{relative}:s nummer {phone}"
    assert redact("mejla karin@example.se") == f"mejla {relative}"
    assert redact("Ida och Karin") == f"IS11 och {relative}"
    assert redact("vård\u202ecentral\u2066") == "vårdcentral"
    assert redact("växeln 019-602 10 00") == "växeln 019-602 10 00"  # staff stay


def test_export_writes_0600_and_logs_each_participant(sqlite_store, tmp_path):
    set_up(sqlite_store)
    for name, deidentified in (("protokoll.md", False), ("avid.html", True)):
        target = tmp_path / name
        written = export_minutes(
            sqlite_store, TODAY, target, today=TODAY, deidentified=deidentified
        )
        assert written == target and stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".tavla-")] == []
    assert (tmp_path / "avid.html").read_text("utf-8").startswith("<!DOCTYPE html>")
    entries = [e for e in audit.entries(sqlite_store) if e["action"] == "export"]
    assert len(entries) == 6  # ID22, SC33, KA44, twice
    assert {e["detail"] for e in entries} == {
        f"minutes 2026-11-23 → {tmp_path / 'protokoll.md'}",
        f"minutes 2026-11-23 de-identified → {tmp_path / 'avid.html'}",
    }
    assert all(e["participant_id"] is not None and e["actor"] == "testare" for e in entries)


def test_the_latest_meeting_is_the_default_and_a_missing_one_is_one_sentence(sqlite_store):
    with pytest.raises(UserError) as error:
        minutes_document(sqlite_store, None, deidentified=False, today=TODAY)
    assert str(error.value) == _("There is no weekly meeting on or before {day}.").format(
        day="2026-11-23"
    )
    set_up(sqlite_store)
    later = TODAY + timedelta(days=14)
    assert minutes_document(sqlite_store, None, deidentified=False, today=later).held_on == TODAY
    with pytest.raises(UserError) as error:
        minutes_document(sqlite_store, TODAY + timedelta(days=1), deidentified=False, today=later)
    assert str(error.value) == _("There is no weekly meeting on {day}.").format(day="2026-11-24")


def test_the_cli_writes_the_minutes(sqlite_store, db_path, tmp_path, capsys, monkeypatch):
    set_up(sqlite_store)
    monkeypatch.setattr("tavla.cli.exports.today", lambda: TODAY)
    target = tmp_path / "protokoll.md"
    code, out, err = run(capsys, "--db", str(db_path), "export", "minutes", "-o", str(target))
    assert (code, err) == (0, "") and out.strip() == str(target)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert r"\[bold\]Ida Svensson (ID22)" in target.read_text("utf-8")
    target = tmp_path / "avid.txt"
    code, out, err = run(
        capsys,
        "export",
        "minutes",
        "2026-11-23",
        "-o",
        str(target),
        "--format",
        "html",
        "--deidentified",
        "--db",
        str(db_path),
    )
    assert (code, err) == (0, "") and out.strip() == str(target)
    page = target.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and "ID22" in page
    _assert_nobody_named(page)


def test_the_cli_refuses_in_one_sentence_and_writes_nothing(
    sqlite_store, db_path, tmp_path, capsys
):
    set_up(sqlite_store)
    before = dump(db_path)
    no_meeting = _("There is no weekly meeting on {day}.").format(day="2026-11-24")
    for args, message in (
        (("2026-11-24", "-o", str(tmp_path / "a.md")), no_meeting),
        (
            ("2026-11-23", "-o", str(tmp_path / "a.pdf")),
            _("Cannot tell the format from {name}; end it with .html or .md.").format(name="a.pdf"),
        ),
        (
            ("2026-11-23", "-o", str(tmp_path / "a.md"), "--format", "pdf"),
            _("The format is html or md."),
        ),
        (("23/11", "-o", str(tmp_path / "a.md")), "23/11"),
        (("2026-11-23", "-o", str(tmp_path / "saknas" / "a.md")), "saknas"),
    ):
        code, out, err = run(capsys, "--db", str(db_path), "export", "minutes", *args)
        assert code != 0 and out == "" and message in err and "Traceback" not in err, err
        assert len(err.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tavla.db", *_sqlite_extras(tmp_path)]
    assert dump(db_path) == before  # nothing written, nothing logged


def _sqlite_extras(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("tavla.db-"))
