"""The participant's own meetings in the store (SQLite and PostgreSQL): trepart, talks with
relatives and home visits beside resource-group and SIP meetings; the board's latest
resource-group meeting kept in step; notes private; the next SIP meeting; migration 0008."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from tavla.domain.privacy import Person, Redactor, mask
from tavla.domain.template import default_template_json
from tavla.domain.vocabulary import MeetingKind
from tavla.errors import UserError
from tavla.i18n import language, set_language
from tavla.render.labels import label_for
from tavla.store import open_store
from tavla.store.board import load_board
from tavla.store.contacts import add_contact
from tavla.store.meetings import (
    KINDS,
    PER_PARTICIPANT,
    list_meetings,
    next_sip_meeting,
    record_meeting,
)
from tavla.store.migrate import HEAD, MIGRATIONS, current_revision
from tavla.store.participants import add_participant
from tavla.store.record import get_record
from tavla.store.sips import Goal, SipPlan, save_sip

TODAY = date(2026, 11, 23)


@pytest.fixture
def people(store):
    add_participant(store, "Anna Test", code="AT22", enrolled_on=date(2026, 5, 4), today=TODAY)
    add_participant(store, "Bo Berg", code="BB33", enrolled_on=date(2026, 5, 4), today=TODAY)
    maria = add_contact(store, "Maria Lind", principal="region", kind="coordinator")
    eva = add_contact(store, "Eva Syster", principal="other", kind="relative")
    vc = add_contact(store, "Vårdcentralen Ek", principal="region", kind="primary_care")
    return store, {"maria": maria, "eva": eva, "vc": vc}


def test_the_new_kinds_are_the_participants_own_and_have_swedish_names():
    assert {"trepart", "relatives", "home_visit"} <= set(PER_PARTICIPANT) <= set(KINDS)
    assert [label_for(MeetingKind(k)) for k in ("trepart", "relatives", "home_visit")] == [
        "Trepartsmöte",
        "Närståendesamtal",
        "Hembesök",
    ]


def test_each_new_kind_is_recorded_with_attendees_and_note_and_listed_newest_first(people):
    store, ids = people
    first = record_meeting(
        store,
        "trepart",
        date(2026, 11, 2),
        code="at22",
        attendees=(ids["maria"], ids["vc"]),
        note="Vårdcentralen tar över recepten",
        starts_at="13:00",
    )
    second = record_meeting(
        store, "relatives", date(2026, 11, 9), code="AT22", attendees=(ids["eva"],), minutes=45
    )
    third = record_meeting(store, "home_visit", date(2026, 11, 16), code="AT22", note="Hemma")
    record_meeting(store, "home_visit", date(2026, 11, 17), code="BB33")  # someone else's
    mine = list_meetings(store, code="AT22")
    assert [(m.id, m.kind, m.code) for m in mine] == [
        (third, "home_visit", "AT22"),
        (second, "relatives", "AT22"),
        (first, "trepart", "AT22"),
    ]
    assert mine[2].attendees == ("Maria Lind", "Vårdcentralen Ek")
    assert (mine[2].starts_at, mine[2].note, mine[1].minutes) == (
        "13:00",
        "Vårdcentralen tar över recepten",
        45,
    )
    assert [m.id for m in list_meetings(store, kind="home_visit")] == [third + 1, third]


@pytest.mark.parametrize("kind", ["trepart", "relatives", "home_visit"])
def test_a_meeting_of_the_participants_needs_the_participant(people, kind):
    store, _ids = people
    with pytest.raises(UserError, match=f"slaget {kind} "):
        record_meeting(store, kind, TODAY)
    with pytest.raises(UserError, match="XX99"):
        record_meeting(store, kind, TODAY, code="XX99")
    assert list_meetings(store) == []


def test_the_board_keeps_the_latest_resource_group_meeting(people):
    store, _ids = people
    assert load_board(store, TODAY).row("AT22").resource_group_met_on is None
    record_meeting(store, "resource_group", date(2026, 10, 6), code="AT22")
    record_meeting(store, "resource_group", date(2026, 8, 4), code="AT22")  # recorded late
    record_meeting(store, "trepart", date(2026, 11, 20), code="AT22")  # another kind
    board = load_board(store, TODAY)
    assert board.row("AT22").resource_group_met_on == date(2026, 10, 6)
    assert board.row("BB33").resource_group_met_on is None


def test_the_record_lists_the_meetings_and_presentation_hides_notes_and_relatives(people):
    store, ids = people
    record_meeting(
        store, "relatives", date(2026, 11, 9), code="AT22", attendees=(ids["eva"],), note="Oro"
    )
    record_meeting(store, "home_visit", date(2026, 11, 16), code="AT22", attendees=(ids["maria"],))
    record = get_record(store, "AT22", log=False)
    assert [m.kind for m in record.meetings] == ["home_visit", "relatives"]
    redactor = Redactor([Person("Eva Syster")])
    shown = mask(record, redactor)
    assert shown.meetings[1].note == "(dolt)"
    assert shown.meetings[1].attendees == ("närstående",)
    assert shown.meetings[0].attendees == ("Maria Lind",)  # staff show


def test_the_next_sip_meeting_is_one_recorded_else_the_follow_up(people):
    store, _ids = people
    assert next_sip_meeting(store, "AT22", TODAY) is None
    plan = SipPlan(
        meeting_on=TODAY - timedelta(days=3),
        goals=(Goal("Eget boende"),),
        follow_up_on=date(2027, 2, 1),
        main_responsibility="region",
    )
    save_sip(store, "AT22", plan, base=None, today=TODAY)
    ahead = next_sip_meeting(store, "AT22", TODAY)
    assert (ahead.meeting_id, ahead.held_on, ahead.starts_at) == (None, date(2027, 2, 1), "")
    record_meeting(store, "sip", TODAY - timedelta(days=1), code="AT22")  # held: not ahead
    planned = record_meeting(
        store, "sip", date(2026, 12, 3), code="AT22", starts_at="10:00", minutes=90
    )
    ahead = next_sip_meeting(store, "at22", TODAY)
    assert (ahead.code, ahead.meeting_id, ahead.held_on) == ("AT22", planned, date(2026, 12, 3))
    assert (ahead.starts_at, ahead.minutes) == ("10:00", 90)


def test_a_board_from_before_0008_gets_the_date_and_the_two_rules(location):
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    from tavla.store import Store

    old = Store(location, actor="a")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    template = json.loads(default_template_json())
    agenda = template["agenda"]
    agenda["rules"] = [r for r in agenda["rules"] if r not in ("care_contact", "resource_group")]
    del agenda["resource_group_months"], agenda["care_contact_weeks"]
    with old.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0006")
        conn.execute(
            text(
                "INSERT INTO participant (id, code, name, enrolled_on, municipality, coverage,"
                " criteria_exception, discharge_note, samsa_marked_by, created_at) VALUES"
                " (1, 'AA22', 'Anna', '2026-01-05', '', '', '', '', '',"
                " '2026-01-05 10:00:00+00:00')"
            )
        )
        for number, (kind, day) in enumerate(
            [
                ("resource_group", "2026-03-02"),
                ("resource_group", "2026-06-01"),
                ("sip", "2026-09-01"),
            ]
        ):
            conn.execute(
                text(
                    "INSERT INTO meeting (id, kind, held_on, starts_at, minutes, participant_id,"
                    " status, note, closed_by, created_by, created_at) VALUES (:id, :kind, :day,"
                    " '', 60, 1, 'closed', '', '', 'a', '2026-01-05 10:00:00+00:00')"
                ),
                {"id": number + 1, "kind": kind, "day": day},
            )
        conn.execute(  # the board's template as a board made before 0008 holds it
            text("INSERT INTO setting (key, value) VALUES ('board_template', :value)"),
            {"value": json.dumps(template)},
        )
    old.close()

    store = open_store(location, actor="a")
    assert current_revision(store) == HEAD
    assert load_board(store, TODAY).row("AA22").resource_group_met_on == date(2026, 6, 1)
    rules = store.template.agenda
    assert rules.rules[-3:] == ("care_contact", "resource_group", "not_discussed")
    assert (rules.resource_group_months, rules.care_contact_weeks) == (3, 4)
    store.close()


def test_kind_labels_follow_the_language():
    before = language()
    try:
        set_language("en")
        assert label_for(MeetingKind.RELATIVES) == "Talk with relatives"
    finally:
        set_language(before)
