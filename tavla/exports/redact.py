"""Hiding participants' names and identity numbers in free text behind their pseudonym codes."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from tavla.i18n import _

if TYPE_CHECKING:
    from tavla.store.participants import ParticipantSummary

_PNR = r"(?<!\d)(?:\d{2})?\d{2}(?:0[1-9]|1[0-2])\d{2}[-+ ]?\d{4}(?!\d)"
_LETTERS = re.compile(r"[^\W\d_]{2,}")


def _pnr_key(text: str) -> str:
    return re.sub(r"\D", "", text)[-10:]


class Redactor:
    """Replaces participants' names and identity numbers in free text by their codes.

    Every participant's full name, each part of it (first, middle and last names, and
    each run of two letters or more inside a part, so `[bold]Ida` also hides a plain
    `Ida`), with a Swedish genitive (`Idas`, `AT22:s`), becomes the participant's code,
    case-insensitively and as whole words only. A name part that several participants
    share becomes the code `prefer`red when it is one of them, else "(participant)".
    Anything shaped like a Swedish identity number becomes the code of its participant,
    or "(identity number)".
    """

    def __init__(self, people: Iterable[ParticipantSummary]) -> None:
        self._codes: dict[str, set[str]] = {}
        self._pnr: dict[str, str] = {}
        people = list(people)
        for person in people:
            for term in _name_terms(person.name):
                self._codes.setdefault(term.lower(), set()).add(person.code)
            if person.identity_number:
                self._pnr[_pnr_key(person.identity_number)] = person.code
        names = sorted(self._codes, key=len, reverse=True)  # the longest wins: full names
        alternatives = "|".join(re.escape(term) for term in names) or r"(?!)"
        self._pattern = re.compile(
            rf"(?P<pnr>{_PNR})|(?<!\w)(?P<name>{alternatives})(?P<gen>:s|['’]s|s)?(?!\w)",
            re.IGNORECASE,
        )
        # "Ida Svensson" is two parts, so two codes at first: one is enough.
        codes = "|".join(re.escape(person.code) for person in people) or r"(?!)"
        self._repeated = re.compile(rf"(?<!\w)({codes})(?:\s+\1)+(?!\w)")

    def __call__(self, text: str, prefer: str | None = None) -> str:
        def replace(match: re.Match[str]) -> str:
            if match["pnr"]:
                return self._pnr.get(_pnr_key(match["pnr"])) or _("(identity number)")
            codes = self._codes.get(match["name"].lower(), set())
            if len(codes) == 1:
                code = next(iter(codes))
            elif prefer in codes:
                code = prefer
            else:
                code = _("(participant)")
            return code + (":s" if match["gen"] else "")

        return self._repeated.sub(r"\1", self._pattern.sub(replace, text))


def keep(text: str, prefer: str | None = None) -> str:
    """The redactor for identified text: the text as it is."""
    return text


def _name_terms(name: str) -> set[str]:
    """The full name, each whitespace-separated part, and each run of letters in a part."""
    name = " ".join(name.split())
    terms = {name} if len(name) >= 2 else set()
    for part in name.split(" "):
        if len(part) >= 2:
            terms.add(part)
        terms.update(_LETTERS.findall(part))
    return terms
