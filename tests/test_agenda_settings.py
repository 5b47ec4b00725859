"""The agenda rules live in the board's template: changing N and the time box, and refusals."""

from __future__ import annotations

import json

import pytest

from tavla.errors import UserError
from tavla.store.settings import TEMPLATE, change_agenda_rules, load_template, read_all


def test_changing_n_and_the_time_box_is_kept_in_the_boards_template(store):
    change_agenda_rules(store, not_discussed_weeks=6, item_minutes=4)
    template = load_template(store)
    assert template.agenda.not_discussed_weeks == 6
    assert template.agenda.item_minutes == 4
    assert json.loads(read_all(store)[TEMPLATE])["agenda"]["not_discussed_weeks"] == 6


@pytest.mark.parametrize(
    "changes",
    [
        {"not_discussed_weeks": 0},
        {"item_minutes": 99},
        {"colour": "red"},
        {"rules": ["open_actions", "horoscope"]},
    ],
)
def test_bad_agenda_settings_are_refused_and_nothing_changes(store, changes):
    before = read_all(store)[TEMPLATE]
    with pytest.raises(UserError):
        change_agenda_rules(store, **changes)
    assert read_all(store)[TEMPLATE] == before


def test_the_rules_from_the_command_line(sqlite_store, capsys):
    from tavla.cli.main import main

    db = str(sqlite_store.location.path)

    def run(*args: str) -> int:
        try:
            main(["--db", db, *args])
        except SystemExit as stop:
            return int(stop.code or 0)
        return 0

    assert run("meeting", "rules", "--not-discussed-weeks", "6", "--item-minutes", "4") == 0
    assert "inte diskuterad på 6 veckor; 4 min per punkt" in capsys.readouterr().out
    assert run("meeting", "rules", "--item-minutes", "0") != 0
    assert "1 till 52" in capsys.readouterr().err
