"""The board query: one round trip, active participants only, coordinators, no SQLAlchemy needed."""

import subprocess
import sys
from datetime import timedelta

from tavla.store.board import board_row, load_board
from tavla.store.contacts import add_contact
from tavla.store.participants import Coordinators, add_participant, assign_contacts
from tavla.store.ratings import NewRating, add_rating


def test_board_lists_active_participants_by_code_with_coordinators(store, today):
    region = add_contact(store, "Maria Lind", principal="region")
    municipality = add_contact(store, "Sara Holm", principal="municipality")
    add_participant(store, "Bo", code="BB22", enrolled_on=today)
    assign_contacts(
        store,
        "BB22",
        Coordinators(
            region_coordinator_id=region,
            municipality_coordinator_id=municipality,
            main_responsibility="region",
        ),
    )
    add_participant(store, "Al", code="AA22", enrolled_on=today)
    board = load_board(store, today)
    assert [row.code for row in board.rows] == ["AA22", "BB22"]
    row = board.row("BB22")
    assert (row.region_coordinator, row.municipality_coordinator, row.main_responsibility) == (
        "Maria Lind",
        "Sara Holm",
        "region",
    )
    assert board.row("AA22").lanes == {} and board.row("AA22").last_rated_on is None


def test_discharged_participants_leave_the_board(store, today):
    add_participant(store, "Al", code="AA22", enrolled_on=today)
    with store.write() as session:
        from sqlmodel import update

        from tavla.store.models import Participant

        session.exec(update(Participant).values(discharged_on=today))
    assert load_board(store, today).rows == ()


def test_last_rated_is_the_newest_lane(store, today):
    code = add_participant(store, "Al", enrolled_on=today - timedelta(weeks=8))
    add_rating(
        store, code, NewRating("health", 2), rated_on=today - timedelta(weeks=2), today=today
    )
    add_rating(store, code, NewRating("social", 2), rated_on=today - timedelta(days=1), today=today)
    assert load_board(store, today).row(code).last_rated_on == today - timedelta(days=1)


def test_one_participants_row_is_the_boards_row(store, today):
    """The meeting item reads one row with the board's own statements: the same row, lanes,
    history and coordinators as on the board; nobody's once discharged."""
    region = add_contact(store, "Maria Lind", principal="region")
    for name, code in (("Al", "AA22"), ("Bo", "BB22"), ("Cy", "CC22")):
        add_participant(store, name, code=code, enrolled_on=today - timedelta(weeks=6))
    assign_contacts(
        store, "BB22", Coordinators(region_coordinator_id=region, main_responsibility="region")
    )
    for weeks, level in ((3, 2), (1, 4)):
        day = today - timedelta(weeks=weeks)
        add_rating(store, "BB22", NewRating("health", level, "unmet"), rated_on=day, today=today)
    add_rating(store, "CC22", NewRating("social", 1), rated_on=today, today=today)
    board = load_board(store, today, weeks=8)
    for row in board.rows:
        assert board_row(store, today, row.participant_id, weeks=8) == row
    assert board.row("BB22").lanes["health"].direction == 1
    with store.write() as session:
        from sqlmodel import update

        from tavla.store.models import Participant

        session.exec(
            update(Participant).where(Participant.code == "CC22").values(discharged_on=today)
        )
    assert board_row(store, today, board.row("CC22").participant_id) is None
    assert board_row(store, today, 99999) is None


def test_board_is_read_without_importing_sqlalchemy(demo_store, db_path, today):
    script = (
        "import sys\n"
        "from datetime import date\n"
        "from tavla.store import Location, open_store\n"
        "from tavla.store.board import load_board\n"
        f"store = open_store(Location.sqlite({str(db_path)!r}), actor='x')\n"
        f"board = load_board(store, date.fromisoformat({today.isoformat()!r}))\n"
        "assert len(board.rows) == 12, board\n"
        "heavy = ('sqlalchemy', 'sqlmodel', 'alembic', 'textual')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
