"""iCalendar (RFC 5545) written by hand: content lines, text escaping, folding at 75 octets,
CRLF line ends, and a VTIMEZONE made from the system's time-zone data, so that Outlook and
other calendars keep a meeting at its local time across daylight-saving changes.

The standard library is enough for what tavla writes (one or two events); the `icalendar`
package reads the files back in the tests.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

CRLF = "\r\n"
LINE_OCTETS = 75  # without the CRLF; a continuation line's leading space counts
RULE_YEARS = 10  # how many years a time zone's rule is checked (or listed) ahead
PRODUCT = "-//tavla//tavla//SV"


@dataclass(frozen=True)
class Event:
    """One VEVENT. Times are naive local wall-clock times in the calendar's zone."""

    uid: str
    summary: str
    starts: datetime
    ends: datetime
    rule: str = ""  # an RRULE value; "" for a single meeting
    exceptions: tuple[datetime, ...] = ()  # EXDATE: meetings of the rule that do not happen
    description: str = ""


def escape(text: str) -> str:
    """A TEXT value: backslash, semicolon and comma escaped, line breaks as \\n, other control
    characters dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch in "\n\t" or (ch >= " " and ch != "\x7f"))
    for plain, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\n", "\\n")):
        text = text.replace(plain, escaped)
    return text


def fold(line: str) -> str:
    """`line` folded so no physical line passes 75 octets, never inside a UTF-8 character."""
    data = line.encode("utf-8")
    parts, start, room = [], 0, LINE_OCTETS
    while True:
        end = min(start + room, len(data))
        while end < len(data) and data[end] & 0xC0 == 0x80:  # a continuation byte
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        if end >= len(data):
            return (CRLF + " ").join(parts)
        start, room = end, LINE_OCTETS - 1


def utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def local_stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def document(zone: str, events: list[Event], *, stamp: datetime) -> str:
    """A whole VCALENDAR with the zone's VTIMEZONE and `events`, CRLF-terminated and folded.
    `stamp` (aware) is when it was made: every event's DTSTAMP."""
    first_year = min((event.starts.year for event in events), default=stamp.year)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        *vtimezone(zone, first_year - 1),
    ]
    for event in events:
        lines.extend(_event_lines(event, zone, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)


def _event_lines(event: Event, zone: str, stamp: datetime) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape(event.uid)}",
        f"DTSTAMP:{utc_stamp(stamp)}",
        f"DTSTART;TZID={zone}:{local_stamp(event.starts)}",
        f"DTEND;TZID={zone}:{local_stamp(event.ends)}",
    ]
    if event.rule:
        lines.append(f"RRULE:{event.rule}")
    if event.exceptions:
        days = ",".join(local_stamp(moment) for moment in event.exceptions)
        lines.append(f"EXDATE;TZID={zone}:{days}")
    lines.append(f"SUMMARY:{escape(event.summary)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape(event.description)}")
    lines += ["TRANSP:OPAQUE", "END:VEVENT"]
    return lines


# --- the time zone ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Change:
    starts: datetime  # local wall-clock time before the change (as TZOFFSETFROM reads it)
    before: timedelta
    after: timedelta
    daylight: bool  # summer time after the change
    name: str  # e.g. CEST


def vtimezone(name: str, from_year: int) -> list[str]:
    """The VTIMEZONE of the IANA zone `name` from `from_year` on: a yearly RRULE per kind of
    change when the zone keeps one (as Europe/Stockholm does), else the changes of the next
    years as RDATEs; one fixed STANDARD for a zone without summer time."""
    zone = ZoneInfo(name)
    changes = list(_changes(zone, from_year, from_year + RULE_YEARS))
    lines = ["BEGIN:VTIMEZONE", f"TZID:{name}"]
    if not changes:
        moment = datetime(from_year, 1, 1, tzinfo=zone)
        offset = moment.utcoffset() or timedelta()
        fixed = _Change(datetime(1970, 1, 1), offset, offset, False, moment.tzname() or name)
        lines += _observance(fixed, [])
    groups: dict[tuple, list[_Change]] = {}
    for change in changes:
        groups.setdefault((change.daylight, change.before, change.after), []).append(change)
    for group in groups.values():
        lines += _observance(group[0], [c.starts for c in group])
    lines.append("END:VTIMEZONE")
    return lines


def _observance(first: _Change, starts: list[datetime]) -> list[str]:
    kind = "DAYLIGHT" if first.daylight else "STANDARD"
    lines = [
        f"BEGIN:{kind}",
        f"DTSTART:{local_stamp(first.starts)}",
        f"TZOFFSETFROM:{_offset(first.before)}",
        f"TZOFFSETTO:{_offset(first.after)}",
        f"TZNAME:{escape(first.name)}",
    ]
    rule = _yearly_rule(starts)
    if rule:
        lines.append(f"RRULE:{rule}")
    elif len(starts) > 1:
        lines.append("RDATE:" + ",".join(local_stamp(moment) for moment in starts[1:]))
    lines.append(f"END:{kind}")
    return lines


def _yearly_rule(starts: list[datetime]) -> str:
    """'FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU' when every change falls on the same weekday of the
    same week of the same month at the same time, one a year; else ''."""
    if len(starts) < 2:
        return ""
    first = starts[0]
    same = all(
        (s.month, s.weekday(), s.time()) == (first.month, first.weekday(), first.time())
        and s.year == first.year + n
        for n, s in enumerate(starts)
    )
    if not same:
        return ""
    day = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[first.weekday()]
    lasts = {s.day + 7 > calendar.monthrange(s.year, s.month)[1] for s in starts}
    weeks = {(s.day - 1) // 7 + 1 for s in starts}
    if lasts == {True}:
        return f"FREQ=YEARLY;BYMONTH={first.month};BYDAY=-1{day}"
    if len(weeks) == 1:
        return f"FREQ=YEARLY;BYMONTH={first.month};BYDAY={weeks.pop()}{day}"
    return ""


def _changes(zone: ZoneInfo, first_year: int, end_year: int) -> Iterator[_Change]:
    """The zone's offset changes from 1 January `first_year` to the end of `end_year`, found
    day by day and then to the second."""
    day = timedelta(days=1)
    moment = datetime(first_year, 1, 1, tzinfo=UTC)
    end = datetime(end_year + 1, 1, 1, tzinfo=UTC)
    offset = moment.astimezone(zone).utcoffset()
    while moment < end:
        following = moment + day
        after = following.astimezone(zone).utcoffset()
        if after != offset:
            low, high = 0, int(day.total_seconds())  # seconds: it changes in (low, high]
            while high - low > 1:
                middle = (low + high) // 2
                if (moment + timedelta(seconds=middle)).astimezone(zone).utcoffset() == offset:
                    low = middle
                else:
                    high = middle
            high = moment + timedelta(seconds=high)
            local = high.astimezone(zone)
            yield _Change(
                (high + offset).replace(tzinfo=None),
                offset,
                after,
                bool(local.dst()),
                local.tzname() or "",
            )
            offset = after
        moment = following


def _offset(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{seconds:02d}" if seconds else "")
