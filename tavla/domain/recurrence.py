"""When a recurring meeting falls: weekly or monthly, at a local wall-clock time, skipping holidays.

The meeting keeps its local time across daylight-saving changes (09:00 stays 09:00 in
Stockholm; only its UTC offset moves), so the rule runs on naive local times and the
time zone is attached afterwards. Pure; python-dateutil does the calendar work.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from tavla.errors import UserError
from tavla.i18n import _

FREQUENCIES = ("weekly", "monthly")
ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Recurrence:
    frequency: str  # weekly | monthly (the same weekday of the same week of the month)
    interval: int  # every `interval` weeks or months
    weekday: int  # 0 Monday … 6 Sunday
    at: time  # local wall-clock time
    starts_on: date
    skip: frozenset[date]  # holidays and other dates without a meeting
    timezone: str = "Europe/Stockholm"

    def _rules(self):
        from dateutil import rrule

        day = rrule.weekday(self.weekday)
        if self.frequency == "weekly":
            by_weekday, frequency = day, rrule.WEEKLY
        else:
            # The nth weekday of the month that the series starts in: "the first Tuesday".
            first = _first_on_or_after(self.starts_on, self.weekday)
            by_weekday, frequency = day((first.day - 1) // 7 + 1), rrule.MONTHLY
        start = datetime.combine(self.starts_on, self.at)
        rules = rrule.rruleset()
        rules.rrule(
            rrule.rrule(frequency, interval=self.interval, byweekday=by_weekday, dtstart=start)
        )
        for day_off in self.skip:
            rules.exdate(datetime.combine(day_off, self.at))
        return rules

    def occurrences(self, on_or_after: date, count: int) -> list[datetime]:
        """The next `count` meetings from `on_or_after`, as aware datetimes in the local zone."""
        zone = ZoneInfo(self.timezone)
        found = []
        after = datetime.combine(on_or_after, time.min)
        for moment in self._rules().xafter(after, count=count, inc=True):
            found.append(moment.replace(tzinfo=zone))
        return found

    def next_on_or_after(self, day: date) -> date | None:
        moments = self.occurrences(day, 1)
        return moments[0].date() if moments else None

    def previous_before(self, day: date) -> date | None:
        moment = self._rules().before(datetime.combine(day, time.min))
        return None if moment is None else moment.date()

    # --- as iCalendar (RFC 5545) says it, for the calendar export ---------------------------

    def ical_rule(self) -> str:
        """The rule as an RRULE value: 'FREQ=WEEKLY;INTERVAL=1;BYDAY=TU', or for the second
        Tuesday of every month 'FREQ=MONTHLY;INTERVAL=1;BYDAY=2TU'. Counted from `first()`."""
        day = ICAL_DAYS[self.weekday]
        if self.frequency == "monthly":
            first = _first_on_or_after(self.starts_on, self.weekday)
            day = f"{(first.day - 1) // 7 + 1}{day}"
        return f"FREQ={self.frequency.upper()};INTERVAL={self.interval};BYDAY={day}"

    def first(self) -> datetime:
        """The series' first meeting, holidays or not, as a naive local wall-clock time."""
        return next(iter(replace(self, skip=frozenset())._rules()))

    def skipped(self) -> list[datetime]:
        """The holidays that fall on a meeting of the series (naive local times), in order:
        the exceptions to the rule."""
        every = replace(self, skip=frozenset())._rules()
        moments = (datetime.combine(day, self.at) for day in sorted(self.skip))
        return [moment for moment in moments if every.after(moment, inc=True) == moment]


def _first_on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def parse_time(text: str) -> time:
    """'9', '9:00', '09.30' → a time; UserError otherwise."""
    cleaned = text.strip().replace(".", ":")
    if cleaned.isdecimal():
        cleaned += ":00"
    try:
        hours, minutes = (int(part) for part in cleaned.split(":"))
        return time(hours, minutes)
    except ValueError:
        raise UserError(
            _("{text!r} is not a time of day; write it as 09:00.").format(text=text)
        ) from None


WEEKDAY_NAMES = {
    "monday": 0,
    "mon": 0,
    "måndag": 0,
    "mån": 0,
    "tuesday": 1,
    "tue": 1,
    "tisdag": 1,
    "tis": 1,
    "wednesday": 2,
    "wed": 2,
    "onsdag": 2,
    "ons": 2,
    "thursday": 3,
    "thu": 3,
    "torsdag": 3,
    "tor": 3,
    "friday": 4,
    "fri": 4,
    "fredag": 4,
    "fre": 4,
    "saturday": 5,
    "sat": 5,
    "lördag": 5,
    "lör": 5,
    "sunday": 6,
    "sun": 6,
    "söndag": 6,
    "sön": 6,
}


def parse_weekday(text: str) -> int:
    word = text.strip().casefold()
    if word.isdecimal() and word.isascii() and 1 <= int(word) <= 7:
        return int(word) - 1  # ISO: 1 Monday … 7 Sunday
    if word in WEEKDAY_NAMES:
        return WEEKDAY_NAMES[word]
    raise UserError(_("{text!r} is not a weekday; write e.g. tuesday or 2.").format(text=text))


def weekday_name(weekday: int) -> str:
    return (
        _("Monday"),
        _("Tuesday"),
        _("Wednesday"),
        _("Thursday"),
        _("Friday"),
        _("Saturday"),
        _("Sunday"),
    )[weekday]
