"""Ratings: history kept, validation before anything is written, lane state in step."""

from datetime import timedelta

import pytest

from tavla.errors import NotFound, UserError
from tavla.store import audit
from tavla.store.board import load_board
from tavla.store.participants import add_participant
from tavla.store.ratings import NewRating, add_rating


def _count_ratings(store) -> int:
    with store.reader() as conn:
        cursor = conn.cursor()
        cursor.execute("SELECT count(*) FROM rating")
        return cursor.fetchone()[0]


@pytest.fixture
def code(store, today):
    return add_participant(store, "Anna Test", enrolled_on=today - timedelta(weeks=10))


def test_a_rating_is_stored_with_date_lane_level_need_note_and_author(store, code, today):
    add_rating(
        store, code, NewRating("health", 3, "unmet", "  Ny läkare  "), rated_on=today, today=today
    )
    with store.reader() as conn:
        cursor = conn.cursor()
        cursor.execute("SELECT lane, level, need, note, rated_on, author FROM rating")
        lane, level, need, note, rated_on, author = cursor.fetchone()
    assert (lane, level, need, note, str(rated_on), author) == (
        "health",
        3,
        "unmet",
        "Ny läkare",
        today.isoformat(),
        "testare",
    )


def test_history_is_kept_and_the_board_shows_latest_direction_and_sparkline(store, code, today):
    levels = [4, 4, 3, None, 2]
    for weeks_ago, level in zip(range(4, -1, -1), levels, strict=True):
        day = today - timedelta(weeks=weeks_ago)
        add_rating(store, code, NewRating("health", level), rated_on=day, today=today)
    assert _count_ratings(store) == 5
    cell = load_board(store, today).row(code).lanes["health"]
    assert cell.level == 2
    assert cell.direction is None  # the previous rating was "not known"
    assert cell.history == "-------443?2"

    add_rating(store, code, NewRating("health", 3), rated_on=today, today=today)
    cell = load_board(store, today).row(code).lanes["health"]
    assert (cell.level, cell.direction) == (3, 1)
    assert cell.history == "-------443?3"  # the newest rating of a week stands for that week


def test_weeks_without_a_rating_show_as_gaps(store, code, today):
    add_rating(
        store, code, NewRating("social", 1), rated_on=today - timedelta(weeks=3), today=today
    )
    add_rating(store, code, NewRating("social", 2), rated_on=today, today=today)
    assert load_board(store, today).row(code).lanes["social"].history == "--------1--2"


def test_a_backdated_rating_does_not_become_the_latest(store, code, today):
    add_rating(store, code, NewRating("social", 1), rated_on=today, today=today)
    add_rating(
        store, code, NewRating("social", 4), rated_on=today - timedelta(weeks=1), today=today
    )
    cell = load_board(store, today).row(code).lanes["social"]
    assert (cell.level, cell.direction) == (1, -1)


@pytest.mark.parametrize(
    ("rating", "error"),
    [
        (NewRating("mood", 2), UserError),
        (NewRating("health", 7), UserError),
        (NewRating("health", 2, need="partly"), UserError),
        (NewRating("health", 2, note="x" * 501), UserError),
    ],
)
def test_bad_ratings_store_nothing(store, code, today, rating, error):
    with pytest.raises(error):
        add_rating(store, code, rating, rated_on=today, today=today)
    assert _count_ratings(store) == 0
    assert load_board(store, today).row(code).lanes == {}


def test_an_unknown_code_is_refused(store, today):
    with pytest.raises(NotFound):
        add_rating(store, "ZZ99", NewRating("health", 2), rated_on=today, today=today)


def test_a_rating_in_the_future_is_refused(store, code, today):
    with pytest.raises(UserError):
        add_rating(
            store, code, NewRating("health", 2), rated_on=today + timedelta(days=1), today=today
        )


def test_control_characters_in_a_note_are_kept_as_data(store, code, today):
    note = "ring\x1b[31m\x07 [bold]mamma[/bold]"
    add_rating(store, code, NewRating("cognition", 1, note=note), rated_on=today, today=today)
    assert load_board(store, today).row(code).lanes["cognition"].note == note


def test_each_rating_is_in_the_access_log(store, code, today):
    add_rating(store, code, NewRating("health", 2), rated_on=today, today=today)
    entry = audit.entries(store)[-1]
    assert (entry["action"], entry["actor"], entry["detail"]) == ("rate", "testare", "health")
    assert entry["participant_id"] is not None
    assert entry["at"].tzinfo is not None
