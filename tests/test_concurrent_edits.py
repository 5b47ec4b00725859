"""Two processes × 500 conflicting edits of the same participant: 0 silent lost updates.

Each edit is a read-modify-write of the kind a form makes: read the details, wait a moment
(the form is open), add one to a counter kept in the municipality field, save with what was
read as `seen`. A refused save is
read again and retried. If any save had silently overwritten another, the counter would end
below the number of saves reported as done. The same run without the check (`seen=None`)
shows that the harness does catch lost updates.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tavla.store.participants import add_participant
from tavla.store.record import get_record

EDITS = 500
WORKER = r"""
import json, random, sys, time
from datetime import date
from tavla.errors import Conflict
from tavla.store import Location, open_store
from tavla.store.enrolment import Enrolment
from tavla.store.participants import update_participant
from tavla.store.record import get_record

url, actor, edits, checked = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
store = open_store(Location.from_url(url), actor=actor)
today = date(2026, 11, 23)
print("ready", flush=True)
sys.stdin.readline()  # both start together
saved = refused = 0
while saved < edits:
    r = get_record(store, "KE22", log=False)
    seen = Enrolment(r.name, r.enrolled_on, r.identity_number, r.municipality, r.criteria,
                     r.criteria_exception)
    time.sleep(random.uniform(0, 0.004))  # the form is open a moment: the other may save
    mine = Enrolment(r.name, r.enrolled_on, r.identity_number, str(int(r.municipality) + 1),
                     r.criteria, r.criteria_exception)
    try:
        update_participant(store, "KE22", mine, today=today, seen=seen if checked else None)
        saved += 1
    except Conflict:
        refused += 1
print(json.dumps({"saved": saved, "refused": refused}), flush=True)
"""


def run_two_writers(store, location, edits: int, *, checked: bool) -> tuple[int, list[dict]]:
    """Both processes' reports, and the counter as it ended."""
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, location.url, actor, str(edits), str(int(checked))],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for actor in ("skrivare-a", "skrivare-b")
    ]
    for writer in writers:
        assert writer.stdout.readline().strip() == "ready"
    for writer in writers:
        writer.stdin.write("go\n")
        writer.stdin.flush()
    reports = []
    for writer in writers:
        out, _ = writer.communicate(timeout=600)
        assert writer.returncode == 0
        reports.append(json.loads(out.strip().splitlines()[-1]))
    return int(get_record(store, "KE22", log=False).municipality), reports


@pytest.fixture
def counter(store):
    add_participant(store, "Kim Edit", code="KE22", enrolled_on=store_today(), municipality="0")
    return store


def store_today():
    from datetime import date

    return date(2026, 11, 1)


def test_two_processes_500_conflicting_edits_each_lose_nothing(counter, location, capsys):
    final, reports = run_two_writers(counter, location, EDITS, checked=True)
    saved = sum(r["saved"] for r in reports)
    refused = sum(r["refused"] for r in reports)
    with capsys.disabled():
        print(
            f"\n[{location.url.split(':')[0]}] {saved} saves, {refused} refused as conflicts, "
            f"counter {final}: {saved - final} lost"
        )
    assert saved == 2 * EDITS
    assert final == saved  # every reported save is in: 0 silent lost updates
    assert refused > 0  # the two really raced


def test_without_the_check_the_same_harness_loses_updates(counter, location, capsys):
    final, reports = run_two_writers(counter, location, 100, checked=False)
    saved = sum(r["saved"] for r in reports)
    with capsys.disabled():
        print(
            f"\n[{location.url.split(':')[0]}] unchecked: {saved} saves, counter {final}: "
            f"{saved - final} lost"
        )
    assert final < saved
