"""Dates typed by users: ISO form (YYYY-MM-DD), checked, one clear sentence when wrong."""

from __future__ import annotations

from datetime import date

from tavla.errors import UserError
from tavla.i18n import _


def parse_date(text: str, what: str) -> date:
    """`what` names the field in the message, e.g. _("Enrolment date")."""
    cleaned = text.strip()
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        raise UserError(
            _("{what}: {text!r} is not a date; write it as YYYY-MM-DD.").format(
                what=what, text=cleaned
            )
        ) from None


def parse_month(text: str, what: str) -> date:
    """A month typed as YYYY-MM; its first day."""
    cleaned = text.strip()
    try:
        year, month = cleaned.split("-")
        if len(year) != 4 or len(month) != 2:
            raise ValueError
        return date(int(year), int(month), 1)
    except ValueError:
        raise UserError(
            _("{what}: {text!r} is not a month; write it as YYYY-MM.").format(
                what=what, text=cleaned
            )
        ) from None


def parse_optional_date(text: str | None, what: str) -> date | None:
    if text is None or not text.strip():
        return None
    return parse_date(text, what)


def not_in_future(day: date, today: date, what: str) -> date:
    if day > today:
        raise UserError(_("{what} cannot be in the future.").format(what=what))
    return day


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def iso_week(day: date | None) -> str:
    """'2026-W48': a day as the ISO week it falls in, as exports name dates; "" for none."""
    if day is None:
        return ""
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def month_text(day: date) -> str:
    """'december 2025' (in Swedish): the month a day falls in, as a sentence names it."""
    names = (
        _("January"),
        _("February"),
        _("March"),
        _("April"),
        _("May"),
        _("June"),
        _("July"),
        _("August"),
        _("September"),
        _("October"),
        _("November"),
        _("December"),
    )
    return f"{names[day.month - 1]} {day.year}"


def day_text(day: date | None, missing: str = "–") -> str:
    """A date as YYYY-MM-DD for people, or `missing` when there is none."""
    return day.isoformat() if day else missing
