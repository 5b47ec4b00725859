"""Several municipalities on one board: the board, the participant list, the agenda and its
weekly series, the actions and the exports narrowed to one municipality — on both databases."""

from datetime import date, time

import pytest

from tavla.errors import UserError
from tavla.exports.deidentified import deidentified_document
from tavla.exports.figures import figures_document
from tavla.exports.minutes import minutes_document
from tavla.store.actions import ActionInput, add_action, list_actions
from tavla.store.agenda import agenda_on, open_agenda, update_proposal
from tavla.store.agenda_items import add_participant_item
from tavla.store.board import load_board
from tavla.store.contacts import add_contact
from tavla.store.meetings import SeriesInput, get_series, next_weekly_date, set_up_series
from tavla.store.municipalities import municipality_names, resolve_municipality
from tavla.store.participants import add_participant, list_participants
from tavla.store.ratings import NewRating, add_rating

TODAY = date(2026, 11, 23)  # a Monday
MEETING = date(2026, 11, 24)  # the Tuesday both municipalities meet
ENROLLED = date(2026, 11, 2)

PEOPLE = {  # code: municipality, as typed at enrolment
    "OA22": "Örebro",
    "OB22": "örebro",  # another spelling of the same municipality
    "KA22": "Kumla",
    "KB22": "Kumla",
    "NN22": "",  # no municipality recorded
}


@pytest.fixture
def board(store):
    for code, municipality in PEOPLE.items():
        add_participant(
            store,
            f"Person {code}",
            code=code,
            enrolled_on=ENROLLED,
            today=TODAY,
            municipality=municipality,
        )
    for code in PEOPLE:  # a lane at 4: every one of them is proposed for a meeting
        add_rating(store, code, NewRating("social", 4, None), rated_on=TODAY, today=TODAY)
    return store


def series(store, municipality: str | None, **changes) -> None:
    values = {"weekday": 1, "at": time(9, 0), "minutes": 45, "starts_on": date(2026, 9, 1)}
    set_up_series(store, SeriesInput("weekly", **{**values, **changes}, municipality=municipality))


def codes(view) -> set[str]:
    return {item.code for item in view.items if item.kind == "participant"}


def test_the_names_come_from_the_participants_one_spelling_each_in_swedish_order(board):
    add_participant(
        board, "Person ÅA", code="AA33", enrolled_on=ENROLLED, today=TODAY, municipality="Åmål"
    )
    assert municipality_names(board) == ["Kumla", "Åmål", "Örebro"]
    assert resolve_municipality(board, "  KUMLA ") == "Kumla"
    assert resolve_municipality(board, "ÖREBRO") == "Örebro"  # one spelling each, always the same


def test_an_unknown_municipality_is_one_sentence_naming_those_there_are(board):
    with pytest.raises(UserError) as refused:
        resolve_municipality(board, "Lindesberg")
    message = str(refused.value)
    assert "Lindesberg" in message and "Kumla, Örebro" in message
    assert message.count(".") == 1 and "\n" not in message
    with pytest.raises(UserError):
        resolve_municipality(board, "Öre")  # the whole name, not a part of it


def test_the_board_and_the_list_show_one_municipality(board):
    everyone = {row.code for row in load_board(board, TODAY).rows}
    assert everyone == set(PEOPLE)
    orebro = load_board(board, TODAY, municipality="örebro").rows
    assert {row.code for row in orebro} == {"OA22", "OB22"}
    assert {row.municipality for row in orebro} == {"Örebro", "örebro"}
    assert orebro[0].lanes["social"].level == 4  # the rows are whole
    kumla = list_participants(board, municipality="Kumla")
    assert [p.code for p in kumla] == ["KA22", "KB22"]


def test_two_municipalities_meet_the_same_day_apart(board):
    series(board, "Örebro")
    series(board, "Kumla", at=time(13, 0))
    assert get_series(board) is None  # no board-wide series was made
    assert get_series(board, municipality="KUMLA").at == time(13, 0)
    assert next_weekly_date(board, TODAY, municipality="Kumla") == MEETING
    assert next_weekly_date(board, TODAY, municipality="Örebro") == MEETING
    assert next_weekly_date(board, TODAY) is None

    orebro = open_agenda(board, MEETING, today=TODAY, municipality="Örebro")
    kumla = open_agenda(board, MEETING, today=TODAY, municipality="Kumla")
    whole = open_agenda(board, MEETING, today=TODAY)
    assert len({orebro.meeting.id, kumla.meeting.id, whole.meeting.id}) == 3
    assert codes(orebro) == {"OA22", "OB22"}
    assert codes(kumla) == {"KA22", "KB22"}
    assert codes(whole) == set(PEOPLE)
    assert (kumla.meeting.starts_at, kumla.meeting.municipality) == ("13:00", "Kumla")
    assert whole.meeting.starts_at == "09:00"  # no board-wide series: the template's routine
    again = open_agenda(board, MEETING, today=TODAY, municipality="kumla")
    assert again.meeting.id == kumla.meeting.id
    assert agenda_on(board, MEETING, municipality="ÖREBRO").meeting.id == orebro.meeting.id
    assert update_proposal(board, kumla.meeting.id) == 0  # proposing again stays in Kumla


def test_one_series_per_kind_and_municipality(board):
    series(board, None)
    series(board, None, minutes=60)  # changes the board's series, makes no second one
    series(board, "kumla", minutes=30)
    series(board, "Kumla", minutes=50)
    assert get_series(board).minutes == 60
    assert get_series(board, municipality="Kumla").minutes == 50
    with board.read_session() as session:
        from sqlmodel import func, select

        from tavla.store.models import MeetingSeries

        assert session.exec(select(func.count()).select_from(MeetingSeries)).one() == 2


def test_the_series_table_refuses_a_second_board_wide_series(board):
    from sqlalchemy.exc import IntegrityError

    from tavla.store.models import MeetingSeries

    series(board, None)
    row = {"frequency": "weekly", "weekday": 1, "starts_at": "09:00", "minutes": 45}
    with pytest.raises(IntegrityError), board.write() as session:
        session.add(MeetingSeries(kind="weekly", starts_on=MEETING, **row))
        session.flush()


def test_a_municipalitys_meeting_takes_only_its_people_and_actions(board):
    series(board, "Kumla")
    owner = add_contact(board, "Maria Lind", principal="region")
    for code in ("OA22", "KA22"):
        add_action(board, ActionInput(f"Ring {code}", owner, MEETING, code), today=TODAY)
    kumla = open_agenda(board, MEETING, today=TODAY, municipality="Kumla")
    actions_item = next(item for item in kumla.items if item.kind == "actions")
    assert actions_item.reasons[0].detail == "1"  # Kumla's one open action, not Örebro's
    with pytest.raises(UserError, match="OA22"):
        add_participant_item(board, kumla.meeting.id, "OA22")
    add_action(
        board, ActionInput("Boka lokal", owner, MEETING, None, kumla.meeting.id), today=TODAY
    )
    found = list_actions(board, today=TODAY, municipality="Kumla")
    assert sorted(a.what for a in found) == ["Boka lokal", "Ring KA22"]
    assert len(list_actions(board, today=TODAY)) == 3
    minutes = minutes_document(board, MEETING, deidentified=True, today=TODAY, municipality="Kumla")
    assert "OA22" not in minutes.codes and "KA22" in minutes.codes
    with pytest.raises(UserError):
        minutes_document(board, MEETING, deidentified=True, today=TODAY)  # no board-wide one


def test_the_exports_hold_one_municipality(board):
    document, pairs = deidentified_document(board, TODAY, "Kumla")
    assert len(pairs) == 2 and document.data["municipality"] == "Kumla"
    assert "Kumla" in document.title
    month = date(2026, 11, 1)
    figures = figures_document(board, month, month, today=TODAY, municipality="örebro")
    participants = next(table for table in figures.tables if table.key == "participants")
    whole = figures_document(board, month, month, today=TODAY)
    assert participants.rows != next(t for t in whole.tables if t.key == "participants").rows
    assert figures.data["municipality"] == "örebro"
