"""When the recurring meeting falls: local time across daylight saving, holidays, intervals."""

import re
from datetime import date, time, timedelta

import pytest

from tavla.domain.recurrence import Recurrence, parse_time, parse_weekday
from tavla.errors import UserError

TUESDAY = 1
THURSDAY = 3


def weekly(**changes) -> Recurrence:
    values = {
        "frequency": "weekly",
        "interval": 1,
        "weekday": TUESDAY,
        "at": time(9, 0),
        "starts_on": date(2026, 9, 1),
        "skip": frozenset(),
    }
    return Recurrence(**{**values, **changes})


def test_the_meeting_keeps_09_00_local_across_the_october_change():
    moments = weekly().occurrences(date(2026, 10, 20), 2)  # summer time ends 2026-10-25
    assert [m.date() for m in moments] == [date(2026, 10, 20), date(2026, 10, 27)]
    assert [(m.hour, m.minute) for m in moments] == [(9, 0), (9, 0)]
    assert [m.utcoffset() for m in moments] == [timedelta(hours=2), timedelta(hours=1)]
    assert [m.tzinfo.key for m in moments] == ["Europe/Stockholm"] * 2


def test_the_meeting_keeps_09_00_local_across_the_march_change():
    moments = weekly().occurrences(date(2027, 3, 23), 2)  # summer time begins 2027-03-28
    assert [m.date() for m in moments] == [date(2027, 3, 23), date(2027, 3, 30)]
    assert [m.time() for m in moments] == [time(9, 0), time(9, 0)]
    assert [m.utcoffset() for m in moments] == [timedelta(hours=1), timedelta(hours=2)]


def test_skipped_holidays_are_not_meetings():
    series = weekly(skip=frozenset({date(2026, 12, 22), date(2026, 12, 29)}))
    days = [m.date() for m in series.occurrences(date(2026, 12, 14), 3)]
    assert days == [date(2026, 12, 15), date(2027, 1, 5), date(2027, 1, 12)]
    assert series.next_on_or_after(date(2026, 12, 16)) == date(2027, 1, 5)
    assert series.previous_before(date(2027, 1, 5)) == date(2026, 12, 15)


def test_the_day_itself_counts_as_on_or_after():
    assert weekly().next_on_or_after(date(2026, 11, 24)) == date(2026, 11, 24)
    assert weekly().next_on_or_after(date(2026, 11, 25)) == date(2026, 12, 1)


def test_every_second_week_counts_from_the_start():
    series = weekly(interval=2, starts_on=date(2026, 11, 24))
    days = [m.date() for m in series.occurrences(date(2026, 11, 25), 3)]
    assert days == [date(2026, 12, 8), date(2026, 12, 22), date(2027, 1, 5)]
    assert series.previous_before(date(2026, 12, 22)) == date(2026, 12, 8)


def test_nothing_before_the_series_starts():
    series = weekly(starts_on=date(2026, 11, 20))  # a Friday; the first Tuesday is the 24th
    assert [m.date() for m in series.occurrences(date(2026, 1, 1), 1)] == [date(2026, 11, 24)]
    assert series.previous_before(date(2026, 11, 24)) is None


def test_monthly_on_the_first_thursday():
    series = Recurrence("monthly", 1, THURSDAY, time(13, 30), date(2026, 11, 1), frozenset())
    moments = series.occurrences(date(2026, 11, 1), 4)
    assert [m.date() for m in moments] == [
        date(2026, 11, 5),
        date(2026, 12, 3),
        date(2027, 1, 7),
        date(2027, 2, 4),
    ]
    assert all(m.weekday() == THURSDAY and m.time() == time(13, 30) for m in moments)
    assert series.previous_before(date(2027, 1, 7)) == date(2026, 12, 3)


def test_monthly_keeps_the_week_of_the_month_it_starts_in():
    series = Recurrence("monthly", 2, TUESDAY, time(9, 0), date(2026, 11, 10), frozenset())
    days = [m.date() for m in series.occurrences(date(2026, 11, 1), 3)]
    assert days == [date(2026, 11, 10), date(2027, 1, 12), date(2027, 3, 9)]  # second Tuesday


def test_previous_before_is_strictly_before():
    assert weekly().previous_before(date(2026, 11, 24)) == date(2026, 11, 17)
    assert weekly().previous_before(date(2026, 11, 25)) == date(2026, 11, 24)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9", time(9)),
        ("9:00", time(9)),
        ("09.30", time(9, 30)),
        (" 13:05 ", time(13, 5)),
        ("0:00", time(0)),
    ],
)
def test_parse_time_accepts_the_usual_ways_of_writing_a_time(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["", "nine", "25:00", "9:60", "9:00:00", "-1", "9:", "²"])
def test_parse_time_refuses_anything_else(text):
    with pytest.raises(UserError, match=re.escape(repr(text))):
        parse_time(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tuesday", 1),
        ("Tisdag", 1),
        ("tis", 1),
        ("2", 1),
        ("1", 0),
        ("7", 6),
        ("SÖNDAG", 6),
        (" fri ", 4),
    ],
)
def test_parse_weekday_accepts_names_in_either_language_and_iso_numbers(text, expected):
    assert parse_weekday(text) == expected


@pytest.mark.parametrize("text", ["0", "8", "", "tuesdays", "2.0", "²", "-1"])
def test_parse_weekday_refuses_anything_else(text):
    with pytest.raises(UserError, match=re.escape(repr(text))):
        parse_weekday(text)
