"""Counts of people as the follow-up figures may show them: small counts hidden as "<3".

A hidden count must not be computable from the figures around it either, so where a total
is shown one more count is hidden with it (`breakdown`), and the flows in and out of the
programme, which add up, are hidden together (`flow`). Pure functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tavla.i18n import _

FEWEST = 3  # a count of people below this is not shown
SMALL = "<3"

Shown = int | str


def shown(n: int) -> Shown:
    """A count of people as it may be shown: itself, or "<3"."""
    return n if n >= FEWEST else SMALL


def breakdown(counts: Sequence[int], *, total_shown: bool = True) -> list[Shown]:
    """Counts that add up to a total, hidden so that none hidden can be worked out.

    With the total shown, a lone hidden count is the total minus the others, and hidden
    counts that are all 0 (or all 2) add up to a sum that tells so: then the smallest
    count still shown is hidden too. With the total hidden, the counts must not all be
    shown, or their sum gives it back."""
    out: list[Shown] = [shown(n) for n in counts]
    while True:
        hidden = [counts[i] for i, value in enumerate(out) if value == SMALL]
        rest = [i for i, value in enumerate(out) if value != SMALL]
        if not rest:
            return out
        if total_shown:
            pinned = all(n == 0 for n in hidden) or all(n == 2 for n in hidden)
            exposed = len(hidden) == 1 or (bool(hidden) and pinned)
        else:
            exposed = not hidden
        if not exposed:
            return out
        out[min(rest, key=lambda i: counts[i])] = SMALL


def shown_total(counts: Sequence[int]) -> Shown:
    """The total of a breakdown, as it may be shown beside it: hidden when small, and when
    every count is 2 (all hidden, their sum would tell each)."""
    if counts and all(n == 2 for n in counts):
        return SMALL
    return shown(sum(counts))


# The counts of the flow add up three ways; the two stocks (the lane tables' totals too)
# stay shown, so the flows and the total of the period are hidden in their place.
_FLOW_SUMS = (
    ("active_during", "active_at_start", "enrolled"),
    ("active_during", "active_at_end", "discharged"),
    ("active_at_start", "enrolled", "active_at_end", "discharged"),
)
_FLOW_HIDE_FIRST = ("active_during", "enrolled", "discharged")


def flow(start: int, enrolled: int, discharged: int, end: int) -> dict[str, Shown]:
    """The participants of a period as they may be shown. start + enrolled = active during
    = end + discharged, so a count hidden alone in one of these sums is hidden with another."""
    values = {
        "active_at_start": start,
        "enrolled": enrolled,
        "discharged": discharged,
        "active_at_end": end,
        "active_during": start + enrolled,
    }
    out = {key: shown(n) for key, n in values.items()}
    changed = True
    while changed:
        changed = False
        for members in _FLOW_SUMS:
            if sum(out[key] == SMALL for key in members) == 1:
                key = next(k for k in _FLOW_HIDE_FIRST if k in members and out[k] != SMALL)
                out[key], changed = SMALL, True
    return out


def share(n: int, of: Shown) -> dict[str, Any]:
    """n of `of` people, as shown: "<3" when n is small; ">N-3" when all but a few are
    counted (the few must not be computable); a percentage only when both are 3 or more."""
    if of == SMALL or n < FEWEST:
        return {"n": SMALL, "of": of, "percent": None}
    if of - n < FEWEST:
        return {"n": f">{of - FEWEST}", "of": of, "percent": None}
    return {"n": n, "of": of, "percent": int(100 * n / of + 0.5)}


def share_text(value: dict[str, Any]) -> str:
    if value["percent"] is None:
        return _("{n} of {total}").format(n=value["n"], total=value["of"])
    return _("{n} of {total} ({percent} %)").format(
        n=value["n"], total=value["of"], percent=value["percent"]
    )
