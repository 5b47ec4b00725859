"""The demo board's needs assessments (fictional): four participants assessed across their life
areas, one of them twice, through the store's own checks. No random numbers are drawn, so the
rest of the demo stays as it was."""

from __future__ import annotations

from datetime import date, timedelta

from tavla.store import Store
from tavla.store.assessments import add_assessment

# By participant (their place on the demo list): (area, need, note, days ago).
ASSESSED = {
    0: [
        ("housing", "unmet", "Bor tillfälligt hos en vän; vill ha egen lägenhet.", 40),
        ("finances", "met", "God man sedan i våras.", 40),
        ("mental_health", "met", "", 40),
        ("substance_use", "unmet", "Dricker mer när det är oroligt hemma.", 40),
        ("housing", "met", "Boendestöd beviljat, träningslägenhet från månadsskiftet.", 5),
    ],
    1: [
        ("occupation", "unmet", "Vill pröva daglig verksamhet.", 20),
        ("relationships", "none", "", 20),
        ("cognition", "unmet", "Glömmer tider; behöver påminnelser.", 20),
        ("daily_living", "met", "Hemtjänst två dagar i veckan.", 20),
    ],
    3: [
        ("physical_health", "unmet", "Ingen kontakt med vårdcentralen på två år.", 12),
        ("safety", "none", "", 12),
    ],
    4: [
        ("housing", "none", "", 30),
        ("finances", "unmet", "Skulder hos Kronofogden.", 30),
        ("mental_health", "unmet", "Väntar på bedömning i psykiatrin.", 30),
    ],
}


def write_assessments(store: Store, codes: list[str], today: date) -> None:
    for index, rows in ASSESSED.items():
        for area, need, note, days_ago in rows:
            on = today - timedelta(days=days_ago)
            add_assessment(store, codes[index], area, need, note=note, assessed_on=on, today=today)
