"""The needs assessment: life areas from the template, history kept, the newest per area, the
access log, and boards made before it getting the areas and the red-field criterion."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import text

from tavla.domain.vocabulary import AreaNeed
from tavla.errors import NotFound, UserError
from tavla.store import audit
from tavla.store.assessments import Assessment, add_assessment, latest_assessment
from tavla.store.participants import add_participant


@pytest.fixture
def code(store, today):
    return add_participant(store, "Anna Test", enrolled_on=today - timedelta(weeks=10))


def test_the_newest_assessment_of_each_area_with_date_and_who(store, code, today):
    earlier = today - timedelta(days=20)
    add_assessment(
        store, code, "housing", "unmet", note=" Bor hos syster ", assessed_on=earlier, today=today
    )
    add_assessment(store, code, "Boende", "met", assessed_on=today, today=today)  # the label
    add_assessment(store, code, "psykisk hälsa", "none", assessed_on=earlier, today=today)
    latest = latest_assessment(store, code)
    assert latest == {
        "housing": Assessment("housing", AreaNeed.MET, "", today, "testare"),
        "mental_health": Assessment("mental_health", AreaNeed.NONE, "", earlier, "testare"),
    }
    assert list(latest) == ["housing", "mental_health"]  # the template's order
    assert isinstance(latest["housing"].need, AreaNeed)


def test_a_backdated_assessment_does_not_replace_a_newer_one(store, code, today):
    add_assessment(store, code, "finances", "unmet", assessed_on=today, today=today)
    add_assessment(
        store, code, "finances", "met", assessed_on=today - timedelta(days=3), today=today
    )
    assert latest_assessment(store, code)["finances"].need == AreaNeed.UNMET


@pytest.mark.parametrize(
    ("area", "need", "on", "words"),
    [
        ("kök", "met", 0, "inget livsområde"),
        ("housing", "kanske", 0, "none, met, unmet"),
        ("housing", "met", 1, "framtiden"),
    ],
)
def test_bad_input_is_refused_in_one_sentence_and_nothing_stored(
    store, code, today, area, need, on, words
):
    with pytest.raises(UserError, match=words):
        add_assessment(store, code, area, need, assessed_on=today + timedelta(days=on), today=today)
    assert latest_assessment(store, code) == {}


def test_an_unknown_participant_is_refused(store, today):
    with pytest.raises(NotFound):
        add_assessment(store, "ZZ99", "housing", "met", assessed_on=today, today=today)


def test_writing_and_reading_are_in_the_access_log(store, code, today):
    add_assessment(store, code, "safety", "unmet", note="Hot", assessed_on=today, today=today)
    latest_assessment(store, code)
    latest_assessment(store, code, log=False)
    logged = [(e["action"], e["detail"]) for e in audit.entries(store)]
    assert ("create", "assessment safety") in logged
    assert logged.count(("read", "assessment")) == 1


def test_a_board_made_before_gets_the_areas_and_the_red_field_criterion(store, today):
    from alembic import command
    from alembic.config import Config

    from tavla.store.migrate import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0011")
        old = json.loads(
            conn.execute(
                text("SELECT value FROM setting WHERE key = 'board_template'")
            ).scalar_one()
        )
        assert "areas" not in old
        assert "red_field" not in [c["key"] for c in old["criteria"]]
        command.upgrade(config, "head")
        new = json.loads(
            conn.execute(
                text("SELECT value FROM setting WHERE key = 'board_template'")
            ).scalar_one()
        )
    assert [c["key"] for c in new["criteria"]][-1] == "red_field"
    assert [a["key"] for a in new["areas"]][:2] == ["housing", "finances"]
    code = add_participant(store, "Bo", enrolled_on=today)
    add_assessment(store, code, "housing", "met", assessed_on=today, today=today)
    assert list(latest_assessment(store, code)) == ["housing"]
