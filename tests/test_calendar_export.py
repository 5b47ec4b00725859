"""Meeting notices as .ics: written by hand (CRLF, folded at 75 octets, escaped, a VTIMEZONE),
read back strictly by the `icalendar` package, and the meetings they describe expanded again
with dateutil: the same dates and local times as tavla's own rule, holidays left out."""

from __future__ import annotations

import stat
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from dateutil.rrule import rrulestr

from tavla.cli import shared as cli_shared
from tavla.errors import UserError
from tavla.exports.calendar import export_calendar
from tavla.exports.ics import Event, document, escape, fold
from tavla.store import audit
from tavla.store.contacts import list_contacts
from tavla.store.meetings import SeriesInput, get_series, record_meeting, set_up_series
from tavla.store.participants import add_participant, list_participants

from .test_cli import run

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 14, 5, tzinfo=UTC)
STOCKHOLM = ZoneInfo("Europe/Stockholm")
HOLIDAYS = (date(2026, 12, 29), date(2027, 1, 5), date(2026, 12, 31))  # the 31st is a Thursday


def weekly(store) -> None:
    set_up_series(
        store,
        SeriesInput("weekly", 1, time(9, 0), 45, date(2026, 11, 20), skip=HOLIDAYS),
    )


def read(path: Path) -> tuple[bytes, icalendar.Calendar]:
    raw = path.read_bytes()
    return raw, icalendar.Calendar.from_ical(raw)


def physical_lines(raw: bytes) -> list[bytes]:
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    return raw.split(b"\r\n")[:-1]


def expand(event, count: int) -> list[datetime]:
    """The event's meetings as a calendar sees them: its RRULE from its DTSTART, minus EXDATE."""
    start = event.decoded("DTSTART")
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
    skipped = {d.dt for exdate in _list(event.get("EXDATE")) for d in exdate.dts}
    return [moment for moment in rule[: count + len(skipped)] if moment not in skipped][:count]


def _list(value) -> list:
    return [] if value is None else value if isinstance(value, list) else [value]


# --- the format, by hand ------------------------------------------------------------------


def test_text_is_escaped_and_control_characters_dropped():
    assert escape("a,b;c\\d\ne\r\nf\x07") == "a\\,b\\;c\\\\d\\ne\\nf"


def test_long_lines_fold_at_75_octets_without_splitting_a_character():
    line = "SUMMARY:" + "Samordnarnas veckomöte – ÅÄÖ " * 8
    folded = fold(line)
    parts = folded.split("\r\n")
    assert len(parts) > 3
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join(part[1:] if n else part for n, part in enumerate(parts)) == line
    assert fold("UID:x") == "UID:x"


def test_an_event_with_awkward_text_reads_back_unchanged(tmp_path):
    summary = 'Möte, om; allt\\ och "mer"\nrad två ' + "ö" * 60
    starts = datetime(2027, 3, 28, 9, 0)  # the day summer time begins
    text = document(
        "Europe/Stockholm",
        [Event("x@tavla", summary, starts, starts + timedelta(hours=1), description="a;b")],
        stamp=NOW,
    )
    calendar = icalendar.Calendar.from_ical(text.encode())
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == summary and str(event["DESCRIPTION"]) == "a;b"
    assert event.decoded("DTSTART") == datetime(2027, 3, 28, 9, 0, tzinfo=STOCKHOLM)
    assert event.decoded("DTSTART").utcoffset() == timedelta(hours=2)


# --- the weekly meeting -------------------------------------------------------------------


def test_the_weekly_series_as_outlook_wants_it(store, tmp_path):
    weekly(store)
    written = export_calendar(store, tmp_path / "veckomöte.ics", today=TODAY, now=NOW)
    raw, calendar = read(written)
    assert all(len(line) <= 75 for line in physical_lines(raw))
    assert (str(calendar["VERSION"]), str(calendar["METHOD"])) == ("2.0", "PUBLISH")
    assert str(calendar["PRODID"]).startswith("-//tavla//")
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Stockholm"
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]).startswith("weekly-") and str(event["UID"]).endswith("@tavla")
    assert event.decoded("DTSTAMP") == NOW
    assert b"DTSTART;TZID=Europe/Stockholm:20261124T090000\r\n" in raw
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=45)
    assert event["RRULE"].to_ical() == b"FREQ=WEEKLY;INTERVAL=1;BYDAY=TU"
    assert b"EXDATE;TZID=Europe/Stockholm:20261229T090000,20270105T090000\r\n" in raw
    assert str(event["SUMMARY"]) == "Samordnarnas veckomöte"
    assert stat.S_IMODE(written.stat().st_mode) == 0o644  # nothing personal in it


def test_the_meetings_a_calendar_expands_are_tavlas_own_across_summer_time(sqlite_store, tmp_path):
    weekly(sqlite_store)
    _raw, calendar = read(export_calendar(sqlite_store, tmp_path / "w.ics", today=TODAY, now=NOW))
    [event] = calendar.walk("VEVENT")
    expected = get_series(sqlite_store).recurrence.occurrences(date(2026, 11, 20), 30)
    found = expand(event, 30)
    assert found == expected
    assert date(2026, 12, 29) not in {m.date() for m in found}
    assert {m.time() for m in found} == {time(9, 0)}  # 09:00 in winter and in summer
    assert {m.utcoffset() for m in found} == {timedelta(hours=1), timedelta(hours=2)}


def test_the_time_zone_says_when_summer_time_begins_and_ends(sqlite_store, tmp_path):
    weekly(sqlite_store)
    raw, calendar = read(export_calendar(sqlite_store, tmp_path / "w.ics", today=TODAY, now=NOW))
    [zone] = calendar.walk("VTIMEZONE")
    tz = zone.to_tz()
    assert datetime(2027, 1, 12, 9, 0, tzinfo=tz).utcoffset() == timedelta(hours=1)
    assert datetime(2027, 6, 15, 9, 0, tzinfo=tz).utcoffset() == timedelta(hours=2)
    assert datetime(2031, 10, 28, 9, 0, tzinfo=tz).utcoffset() == timedelta(hours=1)
    assert b"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n" in raw


def test_a_board_in_another_zone_gets_that_zone(sqlite_store, tmp_path, monkeypatch):
    from dataclasses import replace

    template = sqlite_store.template
    other = replace(template, meeting=replace(template.meeting, timezone="America/New_York"))
    sqlite_store.use_template(other)
    weekly(sqlite_store)
    raw, calendar = read(export_calendar(sqlite_store, tmp_path / "w.ics", today=TODAY, now=NOW))
    [event] = calendar.walk("VEVENT")
    assert b"DTSTART;TZID=America/New_York:20261124T090000" in raw
    assert expand(event, 20) == get_series(sqlite_store).recurrence.occurrences(TODAY, 20)


def test_the_managers_monthly_series(sqlite_store, tmp_path):
    set_up_series(
        sqlite_store,
        SeriesInput(
            "managers", 2, time(13, 0), 90, date(2026, 11, 20), frequency="monthly", interval=2
        ),
    )
    path = tmp_path / "chefer.ics"
    _raw, calendar = read(export_calendar(sqlite_store, path, today=TODAY, kind="managers"))
    [event] = calendar.walk("VEVENT")
    # The first Wednesday from 20 November is the fourth of the month: so every other month.
    assert event["RRULE"].to_ical() == b"FREQ=MONTHLY;INTERVAL=2;BYDAY=4WE"
    expected = get_series(sqlite_store, "managers").recurrence.occurrences(TODAY, 8)
    assert expand(event, 8) == expected
    assert str(event["SUMMARY"]) == "Chefsgruppsmöte"


def test_the_demo_boards_calendar_holds_no_names(demo_store, tmp_path):
    path = export_calendar(demo_store, tmp_path / "w.ics", today=TODAY, now=NOW)
    text = path.read_bytes().decode("utf-8")
    names = [p.name for p in list_participants(demo_store, include_discharged=True)]
    names += [c.name for c in list_contacts(demo_store)]
    for name in names:
        for part in name.split():
            assert part not in text, part
    assert "ATTENDEE" not in text and "DESCRIPTION" not in text


def test_without_a_series_or_with_another_suffix_it_is_one_sentence(sqlite_store, tmp_path):
    with pytest.raises(UserError, match="tavla meeting setup"):
        export_calendar(sqlite_store, tmp_path / "w.ics", today=TODAY)
    weekly(sqlite_store)
    with pytest.raises(UserError, match=r"\.ics"):
        export_calendar(sqlite_store, tmp_path / "w.txt", today=TODAY)
    assert not list(tmp_path.glob("w.*"))


# --- a SIP meeting ------------------------------------------------------------------------


@pytest.fixture
def anna(sqlite_store):
    add_participant(
        sqlite_store, "Anna Hemlig", code="AT22", enrolled_on=date(2026, 5, 4), today=TODAY
    )
    return sqlite_store


def test_a_sip_meeting_names_only_the_code_and_its_export_is_logged(anna, tmp_path):
    number = record_meeting(
        anna, "sip", date(2026, 12, 3), code="AT22", note="Hemlig anteckning", starts_at="10:00"
    )
    path = export_calendar(anna, tmp_path / "sip.ics", today=TODAY, code="at22", now=NOW)
    raw, calendar = read(path)
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "SIP-möte AT22"
    assert event.decoded("DTSTART") == datetime(2026, 12, 3, 10, 0, tzinfo=STOCKHOLM)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=60)
    assert "RRULE" not in event and f"meeting-{number}-" in str(event["UID"])
    assert b"Anna" not in raw and b"Hemlig" not in raw
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    [entry] = [e for e in audit.entries(anna) if e["action"] == "export"]
    assert entry["participant_id"] is not None and "calendar" in entry["detail"]


def test_a_sip_meeting_without_a_time_needs_one(anna, tmp_path):
    record_meeting(anna, "sip", date(2026, 12, 3), code="AT22", minutes=90)
    with pytest.raises(UserError, match="--time"):
        export_calendar(anna, tmp_path / "sip.ics", today=TODAY, code="AT22")
    path = export_calendar(anna, tmp_path / "sip.ics", today=TODAY, code="AT22", at=time(13, 30))
    [event] = read(path)[1].walk("VEVENT")
    assert event.decoded("DTSTART") == datetime(2026, 12, 3, 13, 30, tzinfo=STOCKHOLM)
    assert event.decoded("DTEND") == datetime(2026, 12, 3, 15, 0, tzinfo=STOCKHOLM)


def test_nobody_and_no_sip_meeting_ahead_are_one_sentence(anna, tmp_path):
    with pytest.raises(UserError, match="AT22"):
        export_calendar(anna, tmp_path / "sip.ics", today=TODAY, code="AT22", at=time(9, 0))
    with pytest.raises(UserError, match="XX99"):
        export_calendar(anna, tmp_path / "sip.ics", today=TODAY, code="XX99", at=time(9, 0))


# --- from the command line ----------------------------------------------------------------


def test_the_commands(anna, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(cli_shared, "today", lambda: TODAY)
    db = str(anna.location.path)
    weekly(anna)
    record_meeting(anna, "sip", date(2026, 12, 3), code="AT22")
    out_file = tmp_path / "v.ics"
    code, out, err = run(capsys, "--db", db, "export", "calendar", "-o", str(out_file))
    assert (code, err, out.strip()) == (0, "", str(out_file))
    assert b"RRULE:FREQ=WEEKLY" in out_file.read_bytes()
    sip = tmp_path / "s.ics"
    args = ("--db", db, "export", "calendar", "--sip", "AT22", "-o", str(sip))
    code, out, err = run(capsys, *args)
    assert code != 0 and out == "" and "--time" in err and "Traceback" not in err
    code, out, err = run(capsys, *args, "--time", "14:15", "--minutes", "45")
    assert (code, err) == (0, "")
    [event] = read(sip)[1].walk("VEVENT")
    assert event.decoded("DTEND") == datetime(2026, 12, 3, 15, 0, tzinfo=STOCKHOLM)
