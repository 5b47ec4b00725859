"""What may be shown while presenting: the one rule, and the redactor for free text.

The store's data classes say which of their fields are personal and of what kind
(`PERSONAL = {"name": Personal.NAME, ...}`); this module alone says what each kind
becomes on a shared screen. `mask` applies it to any plain data the store returns —
dataclasses, named tuples, lists, tuples and dicts, however deeply nested — so a
screen that draws only masked data cannot show what is personal, whatever it draws.

Personal: participants' names and identity numbers, the person's own words, notes,
goal and crisis-plan texts, free text in decisions and actions (names replaced),
relatives' names, phone numbers and e-mail addresses. Not personal: codes, levels,
need marks, flags, dates, staff and their work phones.

Consent decides the rest: a participant without valid consent to share information
between the principals (missing, revoked or expired; one about to expire is still valid)
is shown to the room as `Withheld` — the code and the consent's state, nothing else. A
data class says it is about one participant and what their consent is by declaring
`CONSENT = "consent"`, the field holding the consent's state (`flags.consent_state`, as
of the day it was read); it also has `code`, `consent_revoked_on` and `consent_expires_on`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, NamedTuple

from tavla.i18n import _

RELATIVE = "relative"  # the contact kind of a private person (never staff)

# Bidirectional controls can make a line read differently from what it holds.
BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])

_PNR = r"(?<!\d)(?:\d{2})?\d{2}(?:0[1-9]|1[0-2])\d{2}[-+ ]?\d{4}(?!\d)"
_PHONE = r"(?<![\w+])\+?\d[\d \-]{4,}\d(?!\w)"
_LETTERS = re.compile(r"[^\W\d_]{2,}")


class Personal(StrEnum):
    """Kinds of personal field, by what presentation mode does with them."""

    NAME = "name"  # a participant's name: left out
    IDENTITY = "identity"  # an identity number: left out
    TEXT = "text"  # own words, notes, goals, crisis plan: "(hidden)"
    FREE = "free"  # decisions, actions, titles: participants and relatives named by code
    CONTACT = "contact"  # a contact's name, phone or e-mail: personal for relatives only
    QUOTE = "quote"  # a sentence quoting the above: its `plain` wording instead, as FREE


@dataclass(frozen=True)
class Person:
    """Whose names and numbers free text may hold: a participant (with `code`) or a relative."""

    name: str
    code: str | None = None
    identity_number: str | None = None
    phone: str = ""
    email: str = ""


# The consent states under which the room may see a participant.
SHAREABLE = frozenset({"valid", "expiring"})


class Withheld(NamedTuple):
    """A participant as the room sees them without valid consent: the code and the state."""

    code: str
    consent: str  # missing | revoked | expired
    since: date | None  # the day it was revoked or ran out; None when there is none


def withheld(data: Any) -> Withheld | None:
    """What the room sees of `data` when it is about a participant without valid consent
    (its class declares `CONSENT`); None when the room may see it (through the rest of the
    rule)."""
    field = getattr(type(data), "CONSENT", None)
    if field is None:
        return None
    state = getattr(data, field)
    if state in SHAREABLE:
        return None
    since = {"revoked": data.consent_revoked_on, "expired": data.consent_expires_on}.get(state)
    return Withheld(data.code, state, since)


def hidden() -> str:
    return _("(hidden)")


def relative() -> str:
    return _("relative")


def _digits(text: str) -> str:
    """A phone number's digits in one form: +46 70…, 0046 70… and 070… are the same."""
    digits = re.sub(r"\D", "", text).removeprefix("00")
    return "0" + digits[2:] if digits.startswith("46") and len(digits) > 9 else digits


class Redactor:
    """Replaces participants' names and identity numbers in free text by their codes, and
    relatives' names, phone numbers and e-mail addresses by "relative"; drops bidirectional
    control characters.

    Every participant's full name, each part of it (first, middle and last names, and each
    run of two letters or more inside a part, so `[bold]Ida` also hides a plain `Ida`), with
    a Swedish genitive (`Idas`, `AT22:s`), becomes the participant's code, case-insensitively
    and as whole words only. A name part that several participants share becomes the code
    `prefer`red when it is one of them, else "(participant)". Anything shaped like a Swedish
    identity number becomes the code of its participant, or "(identity number)". A
    relative's name or name part becomes "relative"; a phone number is compared digit by
    digit (070-123 45 67 = +46701234567), so staff's work phones stay.
    """

    def __init__(self, people: Iterable[Person]) -> None:
        self._codes: dict[str, set[str]] = {}
        self._pnr: dict[str, str] = {}
        self._phones: set[str] = set()
        people = list(people)
        for person in people:
            code = person.code or relative()
            for term in _name_terms(person.name):
                self._codes.setdefault(term.lower(), set()).add(code)
            if person.identity_number:
                self._pnr[_pnr_key(person.identity_number)] = code
            if person.phone and len(_digits(person.phone)) >= 6:
                self._phones.add(_digits(person.phone))
            if person.email:
                self._codes.setdefault(person.email.strip().lower(), set()).add(code)
        names = sorted(self._codes, key=len, reverse=True)  # the longest wins: full names
        alternatives = "|".join(re.escape(term) for term in names) or r"(?!)"
        self._pattern = re.compile(
            rf"(?P<pnr>{_PNR})|(?P<phone>{_PHONE})"
            rf"|(?<!\w)(?P<name>{alternatives})(?P<gen>:s|['’]s|s)?(?!\w)",
            re.IGNORECASE,
        )
        # "Ida Svensson" is two parts, so two codes at first: one is enough.
        codes = {p.code for p in people if p.code} | ({relative()} if people else set())
        repeated = "|".join(re.escape(code) for code in sorted(codes)) or r"(?!)"
        self._repeated = re.compile(rf"(?<!\w)({repeated})(?:\s+\1)+(?!\w)")

    def __call__(self, text: str, prefer: str | None = None) -> str:
        def replace(match: re.Match[str]) -> str:
            if match["pnr"]:  # a relative's phone number can have the shape of one too
                if _digits(match["pnr"]) in self._phones:
                    return _("(phone number)")
                return self._pnr.get(_pnr_key(match["pnr"])) or _("(identity number)")
            if match["phone"]:
                known = _digits(match["phone"]) in self._phones
                return _("(phone number)") if known else match["phone"]
            codes = self._codes.get(match["name"].lower(), set())
            if len(codes) == 1:
                code = next(iter(codes))
            elif prefer in codes:
                code = prefer
            else:
                code = _("(participant)")
            return code + (":s" if match["gen"] else "")

        text = text.translate(BIDI_CONTROLS)
        return self._repeated.sub(r"\1", self._pattern.sub(replace, text))


def keep(text: str, prefer: str | None = None) -> str:
    """The redactor for identified text: the text as it is."""
    return text


def _pnr_key(text: str) -> str:
    return re.sub(r"\D", "", text)[-10:]


def _name_terms(name: str) -> set[str]:
    """The full name, each whitespace-separated part, and each run of letters in a part."""
    name = " ".join(name.split())
    terms = {name} if len(name) >= 2 else set()
    for part in name.split(" "):
        if len(part) >= 2:
            terms.add(part)
        terms.update(_LETTERS.findall(part))
    return terms


class Mask:
    """The rule, applied: a copy of store data with every personal field made safe to show.

    Without a redactor (the people not loaded yet), free text is hidden whole.
    """

    def __init__(self, redactor: Redactor | None = None) -> None:
        self.redactor = redactor

    def __call__(self, data: Any) -> Any:
        return self._mask(data, None)

    def _mask(self, data: Any, prefer: str | None) -> Any:
        if data is None or isinstance(data, (str, int, float, bool)):
            return data
        kept = withheld(data)
        if kept is not None:
            return kept
        rules = getattr(type(data), "PERSONAL", None)
        if rules is not None:
            return self._record(data, rules)
        if hasattr(data, "_fields"):  # a named tuple without personal fields
            return data._replace(**self._parts(data, data._fields, {}))
        if dataclasses.is_dataclass(data) and not isinstance(data, type):
            names = [f.name for f in dataclasses.fields(data)]
            return dataclasses.replace(data, **self._parts(data, names, {}))
        if isinstance(data, list):
            return [self._mask(item, prefer) for item in data]
        if isinstance(data, tuple):
            return tuple(self._mask(item, prefer) for item in data)
        if isinstance(data, dict):
            return {key: self._mask(value, prefer) for key, value in data.items()}
        return data

    def _record(self, data: Any, rules: dict[str, Personal]) -> Any:
        if hasattr(data, "_fields"):
            return data._replace(**self._parts(data, data._fields, rules))
        names = [f.name for f in dataclasses.fields(data) if f.init]
        return dataclasses.replace(data, **self._parts(data, names, rules))

    def _parts(self, data: Any, names: Iterable[str], rules: dict[str, Personal]) -> dict:
        code = getattr(data, "code", None)
        prefer = code if isinstance(code, str) else None
        private = getattr(data, "kind", None) == RELATIVE
        parts = {}
        for name in names:
            value = getattr(data, name)
            kind = rules.get(name)
            if kind is None:
                parts[name] = self._mask(value, prefer)
            else:
                plain = getattr(data, "plain", "") if kind is Personal.QUOTE else None
                parts[name] = self._personal(kind, value, prefer, private, name, plain)
        return parts

    def _personal(
        self,
        kind: Personal,
        value: Any,
        prefer: str | None,
        private: bool,
        field: str,
        data_plain: str | None = None,
    ) -> Any:
        if not value:
            return value
        if isinstance(value, (tuple, list)):  # several of a kind, e.g. attendees' names
            parts = (self._personal(kind, v, prefer, private, field) for v in value)
            return type(value)(parts)
        if kind is Personal.NAME:
            return ""
        if kind is Personal.IDENTITY:
            return None
        if kind is Personal.TEXT:
            return hidden()
        if kind is Personal.QUOTE:
            return self._personal(Personal.FREE, data_plain, prefer, private, field)
        if kind is Personal.FREE:
            return self.redactor(value, prefer) if self.redactor else hidden()
        # Personal.CONTACT: a relative's name becomes the word, the numbers go
        if not private:
            return value
        return relative() if field == "name" else ""


def mask(data: Any, redactor: Redactor | None = None) -> Any:
    """`data` as it may be shown while presenting."""
    return Mask(redactor)(data)
