"""Counts of people as the follow-up figures may show them: what each symbol claims, and no more.

A count of 1 or 2 people is shown as "<3" (primary suppression), and "<3" means exactly that.
A hidden count must not be computable from the figures around it, so a figure is sometimes
hidden only to protect another (secondary suppression): it is shown as "×", which claims
nothing about its size — it may be 0, small or large. A 0 is shown: it is no one.

Every count of 1 or 2 people must have at least two possible values for a reader who knows
what the symbols mean and the sums the figures make. Two readers are considered: one who
takes a "×" for any count, and a sharper one who also knows that a "×" hiding a count that
would have shown is 0 or 3 and more. The cheapest hiding that protects against the sharper
reader is chosen; when there is none (a "<3" had to become "×"), the cheapest against the
first. `breakdown` checks a list of counts against its total by the counts each symbol
allows; `flow` the counts of the period, which add up three ways, by trying every nearby set
of counts. Pure functions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import combinations, product
from typing import Any

from tavla.i18n import _

FEWEST = 3  # a count of people below this (and above 0) is not shown
SMALL = "<3"  # 1 or 2 people
HIDDEN = "×"  # hidden to protect another count; says nothing about its own

Shown = int | str
Spans = list[tuple[int, int]]  # a set of counts as intervals, both ends included
_ANY = 10**9  # no upper bound


def shown(n: int) -> Shown:
    """A count of people as it may be shown on its own: itself, or "<3" for 1 or 2."""
    return SMALL if 0 < n < FEWEST else n


def is_shown(value: Shown) -> bool:
    """Whether a figure as shown is the exact count."""
    return isinstance(value, int)


def _sensitive(n: int) -> bool:
    return 0 < n < FEWEST


def _possible(value: Shown, true: int, sharp: bool) -> Spans:
    """The counts a reader may take a figure shown as `value` to be."""
    if value == SMALL:
        return [(1, 2)]
    if value == HIDDEN:
        return [(0, 0), (FEWEST, _ANY)] if sharp and not _sensitive(true) else [(0, _ANY)]
    return [(int(value), int(value))]


def _merged(spans: Spans) -> Spans:
    out: Spans = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _plus(a: Spans, b: Spans) -> Spans:
    return _merged(
        [(min(lo1 + lo2, _ANY), min(hi1 + hi2, _ANY)) for lo1, hi1 in a for lo2, hi2 in b]
    )


def _cheapest_safe(
    out: list[Shown],
    options: list[tuple[int, int, int]],
    safe: Callable[[list[Shown], bool], bool],
) -> list[Shown]:
    """`out` with the cheapest set of `options` (index, weight, count) hidden as "×" that
    protects against the sharper reader, else against the first: the least weight, then the
    fewest people hidden, then the earliest."""
    subsets = sorted(
        (subset for r in range(len(options) + 1) for subset in combinations(options, r)),
        key=lambda subset: (
            sum(w for _i, w, _n in subset),
            sum(n for _i, _w, n in subset),
            [i for i, _w, _n in subset],
        ),
    )
    for sharp in (True, False):
        for subset in subsets:
            trial = list(out)
            for i, _w, _n in subset:
                trial[i] = HIDDEN
            if safe(trial, sharp):
                return trial
    return [HIDDEN] * len(out)  # not reached: with every figure hidden, nothing follows


# --- a breakdown and its total ------------------------------------------------------------


def breakdown(counts: Sequence[int], total: Shown) -> list[Shown]:
    """Counts that add up to a total shown as `total`, hidden so that no count of 1 or 2 can
    be worked out. When the total itself is hidden, so is every count of it (a breakdown of
    1 or 2 people, or one whose sum would give a hidden total back, is not shown)."""
    if not is_shown(total):
        return [HIDDEN] * len(counts)
    out: list[Shown] = [shown(n) for n in counts]
    # Hide a count still shown (the smallest first), else turn a "<3" into "×".
    options = [(i, 2 if is_shown(v) else 3, counts[i]) for i, v in enumerate(out)]

    def safe(values: list[Shown], sharp: bool) -> bool:
        return _breakdown_safe(counts, values, int(total), sharp)

    return _cheapest_safe(out, options, safe)


def _breakdown_safe(counts: Sequence[int], values: list[Shown], total: int, sharp: bool) -> bool:
    """Whether every hidden count of 1 or 2 can have two or more values, given the total and
    what the others may be."""
    hidden = [i for i, v in enumerate(values) if not is_shown(v)]
    rest = total - sum(int(v) for v in values if is_shown(v))
    for i in hidden:
        if not _sensitive(counts[i]):
            continue
        others: Spans = [(0, 0)]
        for j in hidden:
            if j != i:
                others = _plus(others, _possible(values[j], counts[j], sharp))
        # The count i may be v when the others can make up rest - v.
        can_be = [
            (max(lo, rest - o_hi), min(hi, rest - o_lo))
            for lo, hi in _possible(values[i], counts[i], sharp)
            for o_lo, o_hi in others
        ]
        if sum(hi - lo + 1 for lo, hi in _merged([s for s in can_be if s[0] <= s[1]])) < 2:
            return False
    return True


def shown_total(counts: Sequence[int]) -> Shown:
    """The total of a breakdown that is not shown elsewhere, as it may be shown beside it."""
    return shown(sum(counts))


# --- the flow of a period -----------------------------------------------------------------

FLOW_KEYS = ("active_at_start", "enrolled", "discharged", "active_at_end", "active_during")
# What hiding each figure costs, to protect another (a count hidden, and a "<3" turned into
# "×"): the period's total least, then the flows in and out, and the two stocks, the totals
# of the lane tables, most.
_FLOW_WEIGHTS = {
    "active_during": (1, 1),
    "enrolled": (2, 4),
    "discharged": (2, 4),
    "active_at_end": (16, 20),
    "active_at_start": (16, 20),
}
_NEARBY = 3  # how far from the true counts another possible set of counts is looked for


def flow(start: int, enrolled: int, discharged: int, end: int) -> dict[str, Shown]:
    """The participants of a period as they may be shown. start + enrolled = active during
    = end + discharged: no count of 1 or 2 may follow from the others by these sums."""
    true = (start, enrolled, discharged, end, start + enrolled)
    out: list[Shown] = [shown(n) for n in true]
    options = [
        (i, _FLOW_WEIGHTS[key][0 if is_shown(out[i]) else 1], true[i])
        for i, key in enumerate(FLOW_KEYS)
    ]

    def safe(values: list[Shown], sharp: bool) -> bool:
        return _flow_safe(true, values, sharp)

    return dict(zip(FLOW_KEYS, _cheapest_safe(out, options, safe), strict=True))


def _flow_safe(true: tuple[int, ...], values: list[Shown], sharp: bool) -> bool:
    """Whether every count of 1 or 2 can have another value: every set of counts near the
    true one that fits what is shown is tried."""
    possible = [_possible(v, n, sharp) for v, n in zip(values, true, strict=True)]
    seen: list[set[int]] = [set() for _ in true]
    start, enrolled, discharged = true[:3]
    for s, e, d in product(*(_near(n) for n in (start, enrolled, discharged))):
        if d > s + e:
            continue
        counts = (s, e, d, s + e - d, s + e)
        if all(
            any(lo <= n <= hi for lo, hi in spans)
            for n, spans in zip(counts, possible, strict=True)
        ):
            for found, n in zip(seen, counts, strict=True):
                found.add(n)
    return all(len(found) > 1 for n, found in zip(true, seen, strict=True) if _sensitive(n))


def _near(n: int) -> range:
    return range(max(0, n - _NEARBY), n + _NEARBY + 1)


# --- shares -------------------------------------------------------------------------------


def share(n: int, of: Shown) -> dict[str, Any]:
    """n of `of` people, as shown. n is "<3" when 1 or 2; "×" when the rest (of - n) is 1 or
    2, which n would give away, or when `of` is hidden; a percentage only when both show."""
    if not is_shown(of):
        return {"n": HIDDEN, "of": of, "percent": None}
    if _sensitive(n):
        return {"n": SMALL, "of": of, "percent": None}
    if _sensitive(int(of) - n):
        return {"n": HIDDEN, "of": of, "percent": None}
    percent = int(100 * n / int(of) + 0.5) if of else None
    return {"n": n, "of": of, "percent": percent}


def share_text(value: dict[str, Any]) -> str:
    if value["percent"] is None:
        return _("{n} of {total}").format(n=value["n"], total=value["of"])
    return _("{n} of {total} ({percent} %)").format(
        n=value["n"], total=value["of"], percent=value["percent"]
    )
