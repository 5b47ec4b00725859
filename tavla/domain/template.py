"""The board template: lanes, level scale, need marks and columns, read from data, not code.

The same template is what a municipality receives, so nothing about the board's
structure is hard-coded elsewhere. Pure data; imported by store, interface and CLI.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from tavla.domain.data_files import data_text
from tavla.domain.template_check import check_template_data, invalid
from tavla.errors import UserError
from tavla.i18n import _, pick

UNKNOWN_WORDS = {"unknown", "okänt", "okand", "okänd", "?", "-"}


@dataclass(frozen=True)
class Lane:
    key: str
    label: str
    meaning: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Level:
    value: int | None  # None: not known
    label: str
    meaning: str
    colour: str  # a name from the template's palette, e.g. "orange"

    @property
    def symbol(self) -> str:
        return "?" if self.value is None else str(self.value)


@dataclass(frozen=True)
class NeedMark:
    key: str
    mark: str
    label: str
    meaning: str


@dataclass(frozen=True)
class LifeArea:
    """A life area of the needs assessment (kartläggning), and the lane it belongs to."""

    key: str
    label: str
    lane: str  # a lane's key
    names: tuple[str, ...]  # the label in every language the template gives


@dataclass(frozen=True)
class Criterion:
    """One target-group criterion checked at enrolment."""

    key: str
    label: str


@dataclass(frozen=True)
class Emergency:
    """The board's psychiatric emergency: the person's copy ends its crisis plan with it,
    after 112 and 1177."""

    name: str
    phone: str


AGENDA_RULES = (
    "open_actions",
    "level_rose",
    "top_level",
    "unmet_need",
    "new_enrolment",
    "sip_follow_up",
    "consent",
    "crisis_plan",
    "care_contact",
    "resource_group",
    "not_discussed",
)


@dataclass(frozen=True)
class MeetingRoutine:
    """The weekly meeting's usual weekday (0 Monday), local time, length and time zone."""

    weekday: int
    time: str
    minutes: int
    timezone: str


@dataclass(frozen=True)
class AgendaRules:
    """Which rules propose agenda items, in order, and their thresholds."""

    rules: tuple[str, ...]
    top_level: int  # a lane at this level is proposed
    unmet_from_level: int  # an unmet need at this level or above is proposed
    consent_warning_days: int
    not_discussed_weeks: int  # N: proposed when not discussed for N weeks
    item_minutes: int  # the time box per item
    resource_group_months: int  # a resource-group meeting is due N months after the last
    care_contact_weeks: int  # N weeks after enrolment a permanent care contact is expected


@dataclass(frozen=True)
class BoardTemplate:
    name: str
    lanes: tuple[Lane, ...]
    levels: tuple[Level, ...]
    unknown: Level
    colours: dict[str, str]
    need: tuple[NeedMark, ...]
    criteria: tuple[Criterion, ...]
    areas: tuple[LifeArea, ...]
    columns: tuple[str, ...]
    history_weeks: int
    meeting: MeetingRoutine
    agenda: AgendaRules
    psychiatric_emergency: Emergency
    source: str  # the JSON it was read from, kept so it can be stored and exported unchanged

    @classmethod
    def from_json(cls, text: str) -> BoardTemplate:
        try:
            data: dict[str, Any] = json.loads(text)
        except ValueError:
            data = None
        if not isinstance(data, dict) or data.get("format") != "tavla-board-template":
            raise UserError(_("This file is not a tavla board template."))
        check_template_data(data)
        try:
            return cls._build(data, text)
        except (KeyError, TypeError, ValueError) as error:
            reason = (
                _("{key!r} is missing").format(key=error.args[0])
                if isinstance(error, KeyError)
                else str(error)
            )
            raise invalid(reason) from None

    @classmethod
    def _build(cls, data: dict[str, Any], text: str) -> BoardTemplate:
        meeting, agenda = _meeting_and_agenda(data)
        return cls(
            name=pick(data["name"]),
            lanes=tuple(_lane(item) for item in data["lanes"]),
            levels=tuple(_level(item) for item in data["levels"]),
            unknown=_level({**data["unknown"], "value": None}),
            colours=dict(data["colours"]),
            need=tuple(_need_mark(item) for item in data["need"]),
            criteria=tuple(
                Criterion(key=item["key"], label=pick(item["label"]))
                for item in data.get("criteria", ())
            ),
            areas=_areas(data),
            columns=tuple(data["columns"]),
            history_weeks=int(data.get("history_weeks", 12)),
            meeting=MeetingRoutine(
                weekday=int(meeting["weekday"]),
                time=str(meeting["time"]),
                minutes=int(meeting["minutes"]),
                timezone=str(meeting["timezone"]),
            ),
            agenda=_agenda_rules(agenda),
            psychiatric_emergency=_emergency(data),
            source=text,
        )

    def lane(self, name: str) -> Lane:
        """The lane a user means by `name`: its key, label in either language, or an alias."""
        wanted = _fold(name)
        for lane in self.lanes:
            names = {lane.key, lane.label, *lane.aliases}
            if wanted in {_fold(n) for n in names}:
                return lane
        keys = ", ".join(lane.key for lane in self.lanes)
        raise UserError(
            _("There is no lane {name!r}; use one of {keys}.").format(name=name, keys=keys)
        )

    def area(self, name: str) -> LifeArea:
        """The life area a user means by `name`: its key or its label in either language."""
        wanted = _fold(name)
        for area in self.areas:
            if wanted in {_fold(n) for n in (area.key, area.label, *area.names)}:
                return area
        keys = ", ".join(area.key for area in self.areas)
        raise UserError(
            _("There is no life area {name!r}; use one of {keys}.").format(name=name, keys=keys)
        )

    def level(self, value: int | None) -> Level:
        if value is None:
            return self.unknown
        for level in self.levels:
            if level.value == value:
                return level
        raise UserError(self._level_hint(str(value)))

    def parse_level(self, text: str) -> int | None:
        """A level typed by a user: a number on the scale, or 'unknown' / 'okänt'."""
        word = _fold(text)
        if word in UNKNOWN_WORDS or word == _fold(self.unknown.label):
            return None
        if word.isdecimal() and any(level.value == int(word) for level in self.levels):
            return int(word)
        raise UserError(self._level_hint(text))

    def _level_hint(self, text: str) -> str:
        values = [level.value for level in self.levels]
        return _("{text!r} is not a level; use {low}–{high} or unknown.").format(
            text=text, low=min(values), high=max(values)
        )

    def need_mark(self, key: str | None) -> NeedMark | None:
        if key is None:
            return None
        for mark in self.need:
            if mark.key == key:
                return mark
        raise UserError(
            _("{text!r} is not a need mark; use {keys}.").format(
                text=key, keys=f" {_('or')} ".join(m.key for m in self.need)
            )
        )

    def parse_need(self, text: str) -> str:
        word = _fold(text)
        for mark in self.need:
            if word in {_fold(mark.key), _fold(mark.label)}:
                return mark.key
        self.need_mark(text)  # raises with the list of marks
        raise AssertionError


def _lane(item: dict[str, Any]) -> Lane:
    return Lane(
        key=item["key"],
        label=pick(item["label"]),
        meaning=pick(item.get("meaning", item["label"])),
        aliases=tuple(item.get("aliases", ())),
    )


def _level(item: dict[str, Any]) -> Level:
    return Level(
        value=item.get("value"),
        label=pick(item["label"]),
        meaning=pick(item.get("meaning", item["label"])),
        colour=item["colour"],
    )


def _area(item: dict[str, Any]) -> LifeArea:
    label = item["label"]
    names = tuple(label.values()) if isinstance(label, dict) else (label,)
    text = pick(label) if isinstance(label, dict) else label
    return LifeArea(key=item["key"], label=text, lane=item["lane"], names=names)


def _need_mark(item: dict[str, Any]) -> NeedMark:
    return NeedMark(
        key=item["key"],
        mark=item["mark"],
        label=pick(item["label"]),
        meaning=pick(item.get("meaning", item["label"])),
    )


def _meeting_and_agenda(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The template's meeting and agenda blocks, over the defaults; UserError for an agenda
    rule tavla does not know."""
    # A template from elsewhere (or an older one) may lack the meeting blocks or some of
    # their settings: the defaults are data too. Which rules apply is the board's choice.
    defaults = _default_blocks()
    meeting = {**defaults["meeting"], **data.get("meeting", {})}
    agenda = {**defaults["agenda"], **data.get("agenda", {})}
    unknown_rules = set(agenda["rules"]) - set(AGENDA_RULES)
    if unknown_rules:
        raise UserError(
            _("The template names agenda rules tavla does not know: {rules}.").format(
                rules=", ".join(sorted(unknown_rules))
            )
        )
    return meeting, agenda


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip().casefold()


def default_template_json() -> str:
    return data_text("board_template.json")


def _agenda_rules(agenda: dict[str, Any]) -> AgendaRules:
    return AgendaRules(
        rules=tuple(agenda["rules"]),
        top_level=int(agenda["top_level"]),
        unmet_from_level=int(agenda["unmet_from_level"]),
        consent_warning_days=int(agenda["consent_warning_days"]),
        not_discussed_weeks=int(agenda["not_discussed_weeks"]),
        item_minutes=int(agenda["item_minutes"]),
        resource_group_months=int(agenda["resource_group_months"]),
        care_contact_weeks=int(agenda["care_contact_weeks"]),
    )


def _emergency(data: dict[str, Any]) -> Emergency:
    """The template's psychiatric emergency; a template without one gets the default's."""
    item = data.get("psychiatric_emergency") or _default_blocks()["psychiatric_emergency"]
    name = item["name"]
    return Emergency(
        name=name if isinstance(name, str) else pick(name), phone=str(item["phone"]).strip()
    )


@cache
def _default_blocks() -> dict[str, dict[str, Any]]:
    data = json.loads(default_template_json())
    return {
        "meeting": data["meeting"],
        "agenda": data["agenda"],
        "psychiatric_emergency": data["psychiatric_emergency"],
    }


def _areas(data: dict[str, Any]) -> tuple[LifeArea, ...]:
    """The template's life areas; a template made before them gets today's defaults, if it
    has their lanes (else none)."""
    if "areas" in data:
        return tuple(_area(item) for item in data["areas"])
    lanes = {lane["key"] for lane in data["lanes"]}
    defaults = json.loads(default_template_json())["areas"]
    if all(item["lane"] in lanes for item in defaults):
        return tuple(_area(item) for item in defaults)
    return ()


def default_template() -> BoardTemplate:
    return BoardTemplate.from_json(default_template_json())
