"""The demo board's events (fictional): inpatient stays (one under LPT, one under LVM, one not
over yet), emergency visits, crises with police or ambulance and an eviction, in the year
before enrolment and since, so the participant screen, the chart and the figures show them."""

from __future__ import annotations

from datetime import date, timedelta

from tavla.store import Store
from tavla.store.events import add_event

# participant's index: (kind, days from enrolment (or, negative, from today), stay days, law,
# note). A day from today is written as a string "today-N".
EVENTS: dict[int, tuple[tuple[str, int | str, int | None, str | None, str], ...]] = {
    0: (
        ("inpatient", -200, 21, "lpt", "Inlagd via akuten efter hot mot grannar."),
        ("emergency", -120, None, None, ""),
        ("crisis", -60, None, None, "Ambulans efter samtal från mamma."),
        ("inpatient", "today-40", 8, None, "Egen önskan om inläggning."),
        ("emergency", "today-10", None, None, "Sömnlös, fick recept."),
    ),
    1: (
        ("emergency", -300, None, None, ""),
        ("eviction", -150, None, None, "Hyresskuld sedan våren."),
        ("emergency", -90, None, None, ""),
        ("emergency", 100, None, None, ""),
    ),
    2: (("inpatient", -45, 30, "lvm", "Avgiftning, sedan behandlingshem."),),
    3: (("crisis", "today-20", None, None, "Polisen kallades, lugnt efter samtal."),),
    4: (("inpatient", "today-5", None, None, "Inlagd, vårdtiden inte klar."),),
    5: (("eviction", 60, None, None, "Vräkt, bor tillfälligt hos syster."),),
}


def write_events(store: Store, codes: list[str], enrolment: dict[str, date], today: date) -> None:
    for index, events in EVENTS.items():
        if index >= len(codes):
            continue
        code = codes[index]
        for kind, when, days, law, note in events:
            if isinstance(when, str):
                day = today - timedelta(days=int(when.removeprefix("today-")))
            else:
                day = enrolment[code] + timedelta(days=when)
            if day > today:
                continue
            until = day + timedelta(days=days - 1) if days else None
            add_event(store, code, kind, day, until=until, law=law, note=note, today=today)
