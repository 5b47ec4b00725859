"""Hiding small counts in the follow-up figures, and what each symbol claims: "<3" only ever
stands for 1 or 2 people, "×" for a figure hidden to protect another (it claims nothing), 0
is shown. Checked by hand on cases and by brute force: no count of 1 or 2 can be worked out
by a reader who knows what the symbols mean and how the figures add up."""

from __future__ import annotations

from datetime import date
from itertools import product

import pytest

from tavla.domain.template import default_template
from tavla.exports.figures import build_document
from tavla.exports.small_counts import (
    HIDDEN,
    SMALL,
    breakdown,
    flow,
    share,
    shown,
    shown_total,
)
from tavla.i18n import _
from tavla.store.follow_up import Durations, FollowUp, LaneFigures, LevelCounts

KEYS = ("active_at_start", "enrolled", "discharged", "active_at_end", "active_during")


def fits(value, n: int) -> bool:
    """Whether the true count n fits what is shown (the reader's view of a symbol)."""
    if value == SMALL:
        return n in (1, 2)
    return value in (HIDDEN, n)


def could_be(value, true: int, n: int) -> bool:
    """Whether a sharp reader could take the figure shown as `value` (truly `true`) to be n:
    a "×" that hides a count which would have shown is 0 or 3 and more to them. (A reader who
    takes "×" for any count has more to choose from: what protects against this one protects
    against that one too.)"""
    if value == HIDDEN and true not in (1, 2):
        return n == 0 or n >= 3
    return fits(value, n)


def test_shown_hides_1_and_2_and_shows_0():
    assert [shown(n) for n in range(5)] == [0, SMALL, SMALL, 3, 4]


@pytest.mark.parametrize(
    ("counts", "total", "expected"),
    [
        ([5, 6, 7], 18, [5, 6, 7]),
        # A lone 1 is the total minus the others: another count hides, as ×, not <3. Not the
        # 3: × + <3 = 4 would make it 3 and 1 to a reader who knows × hides 0 or 3 and more.
        ([3, 4, 5, 1], 13, [3, HIDDEN, 5, SMALL]),
        ([12, 1], 13, [HIDDEN, SMALL]),  # the brief's case: 12 hidden is not "<3"
        ([4, 3, 3, 0], 10, [4, 3, 3, 0]),  # a 0 is shown; nothing small
        ([4, 0, 1], 5, [HIDDEN, 0, SMALL]),
        ([5, 0, 0], 5, [5, 0, 0]),
        ([5, 2, 2], 9, [HIDDEN, SMALL, SMALL]),  # two <3 adding up to 4 would be 2 and 2
        ([2, 1, 0], 3, [SMALL, SMALL, 0]),  # 3 from two <3: 1 and 2, either way
        ([2, 2, 0], 4, [HIDDEN, SMALL, 0]),  # hiding the 0 would not do: a 2 becomes ×
        ([1, 1, 1], 3, [HIDDEN, SMALL, SMALL]),  # nothing larger to hide: a 1 becomes ×
        ([3, 1], HIDDEN, [HIDDEN, HIDDEN]),  # the total hidden: its breakdown too
        ([1, 0], SMALL, [HIDDEN, HIDDEN]),
        # A lone <3 beside 3, 3 and 5 (a lane at the end of the demo's period): the 5 hides,
        # since × + <3 = 4 would make a hidden 3 exactly 3 and the <3 a 1.
        ([3, 3, 5, 0, 1, 0, 0], 12, [3, 3, HIDDEN, 0, SMALL, 0, 0]),
        ([], 0, []),
    ],
)
def test_breakdown(counts, total, expected):
    assert breakdown(counts, total) == expected


def test_no_count_of_1_or_2_of_a_breakdown_can_be_worked_out():
    for counts in product(range(7), repeat=3):
        total = shown_total(counts)
        out = breakdown(list(counts), total)
        assert all(fits(v, n) for v, n in zip(out, counts, strict=True)), counts
        if total == SMALL:
            assert out == [HIDDEN] * 3
            continue
        # Every set of counts the reader cannot tell from the true one.
        possible = [
            other
            for other in product(range(total + 1), repeat=3)
            if sum(other) == total
            and all(could_be(v, t, n) for v, t, n in zip(out, counts, other, strict=True))
        ]
        for i, n in enumerate(counts):
            if n in (1, 2):
                assert len({other[i] for other in possible}) > 1, (counts, out)


def test_a_total_shows_unless_it_is_1_or_2():
    assert [shown_total(c) for c in ([2, 2, 2], [1, 1], [1, 0], [], [0, 0])] == [
        6,
        SMALL,
        SMALL,
        0,
        0,
    ]


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ((8, 4, 4, 8), (8, 4, 4, 8, 12)),
        ((8, 0, 0, 8), (8, 0, 0, 8, 8)),
        # The brief's case: 1 active at the start and 13 enrolled. The enrolled hide as ×; the
        # total (14) may show: 14 = <3 + × says nothing of either.
        ((1, 13, 0, 14), (SMALL, HIDDEN, 0, 14, 14)),
        # Both stocks shown, 13 - 12 = enrolled - discharged: one of the two <3 becomes × (the
        # 1, the fewer people), and the total hides.
        ((12, 2, 1, 13), (12, SMALL, HIDDEN, 13, HIDDEN)),
        ((10, 4, 1, 13), (10, HIDDEN, SMALL, 13, HIDDEN)),
        ((10, 1, 4, 7), (10, SMALL, HIDDEN, 7, HIDDEN)),
        ((2, 5, 1, 6), (SMALL, HIDDEN, SMALL, 6, HIDDEN)),
        ((2, 0, 0, 2), (SMALL, 0, 0, SMALL, SMALL)),  # 1 or 2 throughout: nothing follows
    ],
)
def test_flow(counts, expected):
    assert flow(*counts) == dict(zip(KEYS, expected, strict=True))


def test_no_count_of_1_or_2_of_the_flow_can_be_worked_out():
    for start, enrolled, discharged in product(range(6), repeat=3):
        if discharged > start + enrolled:
            continue
        true = (start, enrolled, discharged, start + enrolled - discharged, start + enrolled)
        out = [flow(*true[:4])[key] for key in KEYS]
        assert all(fits(v, n) for v, n in zip(out, true, strict=True)), true
        possible = [
            (s, e, d, s + e - d, s + e)
            for s, e, d in product(range(12), repeat=3)
            if d <= s + e
            and all(
                could_be(v, t, n)
                for v, t, n in zip(out, true, (s, e, d, s + e - d, s + e), strict=True)
            )
        ]
        for i, n in enumerate(true):
            if n in (1, 2):
                assert len({other[i] for other in possible}) > 1, (true, out)


def test_share():
    assert share(5, 8) == {"n": 5, "of": 8, "percent": 63}
    assert share(2, 8) == {"n": SMALL, "of": 8, "percent": None}
    assert share(0, 8) == {"n": 0, "of": 8, "percent": 0}
    assert share(6, 8) == {"n": HIDDEN, "of": 8, "percent": None}  # 2 without: n would tell
    assert share(8, 8) == {"n": 8, "of": 8, "percent": 100}
    assert share(1, SMALL) == {"n": HIDDEN, "of": SMALL, "percent": None}
    assert share(5, HIDDEN) == {"n": HIDDEN, "of": HIDDEN, "percent": None}
    assert share(0, 0) == {"n": 0, "of": 0, "percent": None}


def test_a_count_hidden_to_protect_another_does_not_claim_to_be_small():
    """The file that started it: "Aktiva någon gång under perioden: <3" beside "Inskrivna
    under perioden: 13". "<3" stands only for 1 or 2 people; a count hidden to protect
    them is "×", and totals that give nothing away show exactly."""
    figures = FollowUp(
        start=date(2026, 1, 1),
        end=date(2026, 6, 30),
        active_at_start=1,
        enrolled=13,
        discharged=0,
        by_reason=dict.fromkeys(("ready", "moved", "declined", "other"), 0),
        active_at_end=14,
        to_discharge=Durations(0, None),
        so_far=Durations(14, 100.0),
        lanes=(),
        with_sip=14,
        with_crisis_plan=12,
        with_consent=0,
        meetings={"weekly": 0, "resource_group": 0, "sip": 0, "managers": 0},
    )
    document = build_document(
        figures, default_template(), last_month=date(2026, 6, 1), today=date(2026, 11, 23)
    )
    people = document.data["participants"]
    assert people["active_at_start"] == SMALL  # truly 1
    assert people["enrolled"] != SMALL  # 13
    assert people["active_during"] != SMALL  # 14
    # 1 + 13 = 14 + 0 would give the 1 away; the 13 hides, and < 3 + × = 14 tells nothing.
    assert people == {
        "active_at_start": SMALL,
        "enrolled": HIDDEN,
        "discharged": 0,
        "active_at_end": 14,
        "active_during": 14,
    }
    assert document.data["plans"]["sip"] == {"n": 14, "of": 14, "percent": 100}
    assert document.data["plans"]["crisis_plan"] == {"n": HIDDEN, "of": 14, "percent": None}
    tables = {table.key: table for table in document.tables}
    assert tables["participants"].rows[-1] == (_("Active at any time during the period"), 14)
    assert any(HIDDEN in line and "0" in line for line in document.lines)  # explained


def test_secondary_suppression_in_the_document():
    def levels(*counts: int) -> LevelCounts:
        return LevelCounts(dict(enumerate(counts[:5])), counts[5], counts[6])

    lane = LaneFigures(
        "health",
        levels(3, 4, 5, 6, 7, 8, 1),
        levels(3, 3, 3, 3, 3, 3, 7),
        rose=5,
        unchanged=9,
        fell=2,
    )
    figures = FollowUp(
        start=date(2026, 1, 1),
        end=date(2026, 6, 30),
        active_at_start=34,
        enrolled=1,
        discharged=10,
        by_reason={"ready": 3, "moved": 3, "declined": 3, "other": 1},
        active_at_end=25,
        to_discharge=Durations(10, 300.0),
        so_far=Durations(25, 400.0),
        lanes=(lane,),
        with_sip=24,
        with_crisis_plan=2,
        with_consent=13,
        meetings={"weekly": 0, "resource_group": 1, "sip": 2, "managers": 0},
    )
    data = build_document(
        figures, default_template(), last_month=date(2026, 6, 1), today=date(2026, 11, 23)
    ).data
    assert data["period"] == {"from": "2026-01", "to": "2026-06", "to_date": False}
    # 34 + 1 = 25 + 10 would give the one enrolled: the period's total (35) and the 10
    # discharged hide as × — never as "<3", which is only ever 1 or 2 people.
    assert list(data["participants"].values()) == [34, SMALL, HIDDEN, 25, HIDDEN]
    # The number discharged hidden, so is its breakdown; and their median time.
    assert list(data["discharged_by_reason"].values()) == [HIDDEN] * 4
    assert data["time_in_programme"] == {
        "discharged": {"people": HIDDEN, "median_months": None},
        "active_at_end": {"people": 25, "median_months": 13.1},
    }
    [lane] = data["levels"]
    # Start: a lone 1 (not rated) of 34 exactly. Hiding the 3 would leave × + <3 = 4, a 3
    # and a 1 to a reader who knows × hides 0 or 3 and more; the 4 hides instead.
    assert list(lane["start"].values()) == [3, HIDDEN, 5, 6, 7, 8, SMALL, 34]
    assert list(lane["end"].values()) == [3, 3, 3, 3, 3, 3, 7, 25]
    assert lane["change"] == {"compared": 16, "rose": HIDDEN, "unchanged": 9, "fell": SMALL}
    assert data["plans"] == {
        "sip": {"n": HIDDEN, "of": 25, "percent": None},  # 24 of 25 would tell the one
        "crisis_plan": {"n": SMALL, "of": 25, "percent": None},
        "consent": {"n": 13, "of": 25, "percent": 52},
        "care_contact": {"n": 0, "of": 25, "percent": 0},
        "samsa": {"n": 0, "of": 25, "percent": 0},
    }
    assert data["meetings"] == {"weekly": 0, "resource_group": 1, "sip": 2, "managers": 0}
