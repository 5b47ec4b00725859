"""The board template is data: lanes, levels and colours come from the file, not from code."""

import json

import pytest

from tavla.domain.template import BoardTemplate, default_template, default_template_json
from tavla.errors import UserError


def test_default_template_has_three_lanes_and_the_honos_scale():
    template = default_template()
    assert [lane.key for lane in template.lanes] == ["health", "cognition", "social"]
    assert [lane.label for lane in template.lanes] == [
        "Hälsa",
        "Kognitiv förmåga",
        "Social stabilitet",
    ]
    assert [level.value for level in template.levels] == [0, 1, 2, 3, 4]
    assert [level.colour for level in template.levels] == [
        "green",
        "green",
        "yellow",
        "orange",
        "red",
    ]
    assert template.unknown.value is None


@pytest.mark.parametrize(
    "name", ["health", "Hälsa", "HALSA", "h", "kognition", "Social stabilitet"]
)
def test_lanes_are_found_by_key_swedish_name_or_alias(name):
    assert default_template().lane(name).key in {"health", "cognition", "social"}


@pytest.mark.parametrize(
    ("text", "value"), [("0", 0), ("4", 4), ("unknown", None), ("okänt", None)]
)
def test_levels_parse(text, value):
    assert default_template().parse_level(text) == value


@pytest.mark.parametrize("text", ["5", "7", "-1", "x", "3.5", ""])
def test_levels_off_the_scale_are_refused(text):
    with pytest.raises(UserError):
        default_template().parse_level(text)


def test_a_template_with_another_scale_changes_the_board_without_code():
    data = json.loads(default_template_json())
    data["levels"] = data["levels"][:4]  # a 0–3 scale
    template = BoardTemplate.from_json(json.dumps(data))
    assert template.parse_level("3") == 3
    with pytest.raises(UserError):
        template.parse_level("4")


def test_a_file_that_is_not_a_template_is_refused():
    with pytest.raises(UserError):
        BoardTemplate.from_json('{"lanes": []}')
