"""Checks a board template read from a file before tavla trusts it.

A template may come from another organisation (`tavla import template`), so it is
checked as a whole: its shape, that colours are plain "#rrggbb" (they reach HTML and
spreadsheets), that keys are simple words, that every level's colour is defined
and every column is one tavla can draw. One sentence says what is wrong.
"""

from __future__ import annotations

import re
from typing import Any

from tavla.errors import UserError
from tavla.i18n import _

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
PHONE = re.compile(r"^\+?\d[\d \-]{1,18}\d$")  # 112, 1177, 010-123 45 67, +46 …
KEY = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
FIXED_COLUMNS = ("code", "name", "coordinators", "last_rated", "sip", "discussed", "flags")
NEED_KEYS = {"met", "unmet"}
TEXT_MAX = 500
# Agenda settings with a narrower range than a whole number 0–365: (lowest, highest).
AGENDA_RANGES = {"resource_group_months": (1, 24), "care_contact_weeks": (1, 52)}


def check_template_data(data: Any) -> None:
    """UserError naming the first problem, or None when `data` is a usable template."""
    if not isinstance(data, dict):
        raise invalid(_("it is not a JSON object"))
    for key in ("name", "lanes", "levels", "unknown", "colours", "need", "columns"):
        if key not in data:
            raise invalid(_("{key!r} is missing").format(key=key))
    _words(data["name"], "name")
    colours = data["colours"]
    if not isinstance(colours, dict) or not colours:
        raise invalid(_("'colours' must name at least one colour"))
    for name, value in colours.items():
        if not isinstance(value, str) or not HEX_COLOUR.match(value):
            raise invalid(_("the colour {name!r} is not #rrggbb").format(name=name))
    lanes = _list_of_objects(data["lanes"], "lanes")
    lane_keys = [_key(lane, "lanes") for lane in lanes]
    if len(set(lane_keys)) != len(lane_keys) or set(lane_keys) & set(FIXED_COLUMNS):
        raise invalid(_("the lanes' keys must differ from each other and from the columns"))
    for lane in lanes:
        _words(lane.get("label"), "lanes")
        _words(lane.get("meaning", ""), "lanes")
        aliases = lane.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise invalid(_("a lane's aliases must be a list of words"))
    levels = _list_of_objects(data["levels"], "levels")
    values = [level.get("value") for level in levels]
    if not all(type(v) is int and 0 <= v <= 9 for v in values) or len(set(values)) != len(values):
        raise invalid(_("the levels must be different whole numbers 0–9"))
    if not isinstance(data["unknown"], dict):
        raise invalid(_("'unknown' must be an object"))
    for level in (*levels, data["unknown"]):
        if level.get("colour") not in colours:
            raise invalid(_("a level's colour is not among 'colours'"))
        _words(level.get("label"), "levels")
        _words(level.get("meaning", ""), "levels")
    need = _list_of_objects(data["need"], "need")
    if {mark.get("key") for mark in need} != NEED_KEYS:
        raise invalid(_("the need marks must be 'met' and 'unmet'"))
    for mark in need:
        if not isinstance(mark.get("mark"), str) or not 1 <= len(mark["mark"]) <= 2:
            raise invalid(_("a need mark must be one or two characters"))
        _words(mark.get("label"), "need")
        _words(mark.get("meaning", ""), "need")
    for criterion in _list_of_objects(data.get("criteria", []), "criteria", empty=True):
        _key(criterion, "criteria")
        _words(criterion.get("label"), "criteria")
    _check_areas(data.get("areas", []), lane_keys)
    columns = data["columns"]
    known = {*FIXED_COLUMNS, *lane_keys}
    if not isinstance(columns, list) or not columns or not set(columns) <= known:
        raise invalid(_("'columns' may only name {known}").format(known=", ".join(sorted(known))))
    weeks = data.get("history_weeks", 12)
    if type(weeks) is not int or not 1 <= weeks <= 52:
        raise invalid(_("'history_weeks' must be 1 to 52"))
    _check_meeting(data.get("meeting", {}))
    _check_agenda(data.get("agenda", {}))
    if "psychiatric_emergency" in data:
        _check_emergency(data["psychiatric_emergency"])


def _check_emergency(emergency: Any) -> None:
    """The psychiatric emergency's name and a phone number a person can dial."""
    if not isinstance(emergency, dict):
        raise invalid(_("'psychiatric_emergency' must be an object"))
    if not emergency.get("name"):
        raise invalid(_("the psychiatric emergency has no name"))
    _words(emergency["name"], "psychiatric_emergency")
    phone = emergency.get("phone")
    if not isinstance(phone, str) or not PHONE.match(phone.strip()):
        raise invalid(_("the psychiatric emergency's phone must be a phone number"))


def _check_areas(areas: Any, lane_keys: list[str]) -> None:
    """The needs assessment's life areas: distinct keys, a label, and a lane of the board."""
    keys = []
    for area in _list_of_objects(areas, "areas", empty=True):
        keys.append(_key(area, "areas"))
        _words(area.get("label"), "areas")
        if area.get("lane") not in lane_keys:
            raise invalid(_("a life area's lane must be one of the board's lanes"))
    if len(set(keys)) != len(keys):
        raise invalid(_("the life areas' keys must differ from each other"))


def _check_meeting(meeting: Any) -> None:
    from zoneinfo import ZoneInfo

    if not isinstance(meeting, dict):
        raise invalid(_("'meeting' must be an object"))
    weekday, at = meeting.get("weekday", 0), meeting.get("time", "09:00")
    minutes, zone = meeting.get("minutes", 45), meeting.get("timezone", "Europe/Stockholm")
    if type(weekday) is not int or not 0 <= weekday <= 6:
        raise invalid(_("the meeting's weekday must be 0 (Monday) to 6 (Sunday)"))
    if not isinstance(at, str) or not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", at):
        raise invalid(_("the meeting's time must be HH:MM"))
    if type(minutes) is not int or not 1 <= minutes <= 480:
        raise invalid(_("the meeting's length must be 1 to 480 minutes"))
    try:
        ZoneInfo(zone)
    except (ValueError, TypeError, LookupError):
        raise invalid(_("the time zone {zone!r} is not known").format(zone=str(zone))) from None


def _check_agenda(agenda: Any) -> None:
    if not isinstance(agenda, dict):
        raise invalid(_("'agenda' must be an object"))
    rules = agenda.get("rules", [])
    if not isinstance(rules, list) or not all(isinstance(rule, str) for rule in rules):
        raise invalid(_("the agenda's rules must be a list of names"))
    for key, value in agenda.items():
        if key == "rules":
            continue
        if type(value) is not int or not 0 <= value <= 365:
            raise invalid(_("the agenda's {key!r} must be a whole number").format(key=key))
        low, high = AGENDA_RANGES.get(key, (0, 365))
        if not low <= value <= high:
            raise invalid(
                _("the agenda's {key!r} must be {low} to {high}").format(
                    key=key, low=low, high=high
                )
            )


def invalid(reason: str) -> UserError:
    return UserError(_("The board template is not valid: {reason}.").format(reason=reason))


def _list_of_objects(value: Any, what: str, *, empty: bool = False) -> list[dict]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise invalid(_("{what!r} must be a list of objects").format(what=what))
    if not value and not empty:
        raise invalid(_("{what!r} is empty").format(what=what))
    return value


def _key(item: dict, what: str) -> str:
    key = item.get("key")
    if not isinstance(key, str) or not KEY.match(key):
        raise invalid(_("a key in {what!r} is not a short lower-case word").format(what=what))
    return key


def _words(value: Any, what: str) -> None:
    """A label: text, or {"sv": text, "en": text}; short."""
    texts = list(value.values()) if isinstance(value, dict) else [value]
    if not texts or not all(isinstance(t, str) and len(t) <= TEXT_MAX for t in texts):
        raise invalid(
            _("a label in {what!r} is not text of at most {n} characters").format(
                what=what, n=TEXT_MAX
            )
        )
