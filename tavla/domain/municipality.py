"""Which municipality: a board shared by several municipalities is seen one municipality at a time.

A participant's municipality is the name typed at enrolment. A scope is one of those names,
matched case-insensitively on the whole name (`örebro` is Örebro; `Öre` is nobody's). None
means the whole board.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from tavla.errors import UserError
from tavla.i18n import _

# Swedish alphabetical order: å, ä, ö come after z (and in that order).
_SWEDISH = str.maketrans({"å": "z{", "ä": "z|", "ö": "z}", "æ": "z|", "ø": "z}"})


def municipality_key(name: str) -> str:
    """The name as compared: spaces collapsed, case folded."""
    return " ".join(name.split()).casefold()


def in_municipality(municipality: str, scope: str | None) -> bool:
    """Whether a participant of `municipality` is seen in `scope` (None: the whole board)."""
    return scope is None or municipality_key(municipality) == municipality_key(scope)


def same_scope(one: str | None, other: str | None) -> bool:
    """Whether two scopes (a meeting's, a series') are the same: both the whole board (None),
    or the same municipality."""
    if one is None or other is None:
        return one is other
    return municipality_key(one) == municipality_key(other)


def sort_key(name: str) -> str:
    return municipality_key(name).translate(_SWEDISH)


def distinct_names(names: Iterable[str]) -> list[str]:
    """One spelling per municipality (the one most participants have), in Swedish order;
    empty names left out."""
    spellings: dict[str, Counter[str]] = {}
    for name in names:
        if key := municipality_key(name):
            spellings.setdefault(key, Counter())[" ".join(name.split())] += 1
    chosen = [min(c, key=lambda s: (-c[s], s)) for c in spellings.values()]
    return sorted(chosen, key=sort_key)


def choose_municipality(names: Iterable[str], wanted: str) -> str:
    """The municipality among the participants' `names` that `wanted` names, spelled as the
    participants have it; UserError (one sentence, with the names there are) when none."""
    known = distinct_names(names)
    found = [name for name in known if municipality_key(name) == municipality_key(wanted)]
    if found:
        return found[0]
    if not known:
        raise UserError(
            _("No participant has a municipality, so there is no {name!r} on this board.").format(
                name=wanted
            )
        )
    raise UserError(
        _("No participant is in the municipality {name!r}; the board has {names}.").format(
            name=wanted, names=", ".join(known)
        )
    )
