"""The needs assessment's life areas and the red-field criterion are template data, checked
like the rest of it; and the command line that assesses and lists them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tavla.domain.template import BoardTemplate, default_template, default_template_json
from tavla.errors import UserError

from .test_cli import run

AREAS = [
    "housing",
    "finances",
    "occupation",
    "relationships",
    "physical_health",
    "mental_health",
    "substance_use",
    "cognition",
    "daily_living",
    "safety",
]


def with_areas(areas) -> str:
    data = json.loads(default_template_json())
    data["areas"] = areas
    return json.dumps(data)


def test_the_default_template_has_ten_life_areas_each_in_a_lane():
    template = default_template()
    assert [area.key for area in template.areas] == AREAS
    lanes = {lane.key for lane in template.lanes}
    assert all(area.lane in lanes for area in template.areas)
    housing = template.area("housing")
    assert (housing.label, housing.lane, housing.names) == (
        "Boende",
        "social",
        ("Boende", "Housing"),
    )
    assert template.area(" psykisk HÄLSA ").key == "mental_health"
    assert template.area("Substance use").key == "substance_use"


def test_an_unknown_area_is_refused_naming_the_areas():
    with pytest.raises(UserError, match=r"inget livsområde 'kök'.*housing, finances"):
        default_template().area("kök")


def test_the_red_field_is_the_fifth_criterion():
    criteria = default_template().criteria
    assert [c.key for c in criteria][-1] == "red_field"
    assert "röda fältet" in criteria[-1].label


@pytest.mark.parametrize(
    ("areas", "words"),
    [
        ("housing", "'areas'"),
        ([{"key": "Housing", "lane": "social", "label": "Boende"}], "'areas'"),
        ([{"key": "housing", "lane": "money", "label": "Boende"}], "livsområdes dimension"),
        ([{"key": "housing", "lane": "social"}], "'areas'"),
        (
            [{"key": "housing", "lane": "social", "label": "A"}] * 2,
            "livsområdenas nycklar",
        ),
    ],
)
def test_a_template_with_bad_life_areas_is_refused(areas, words):
    with pytest.raises(UserError, match=words):
        BoardTemplate.from_json(with_areas(areas))


def test_a_template_without_areas_gets_the_defaults_only_with_the_same_lanes():
    data = json.loads(default_template_json())
    del data["areas"]
    assert [a.key for a in BoardTemplate.from_json(json.dumps(data)).areas] == AREAS
    data["lanes"] = data["lanes"][:2]
    data["columns"] = [c for c in data["columns"] if c != "social"]
    assert BoardTemplate.from_json(json.dumps(data)).areas == ()


# --- the command line ------------------------------------------------------------------------


@pytest.fixture
def db(tmp_path: Path, capsys) -> Path:
    path = tmp_path / "t.db"
    code, out, _ = run(
        capsys,
        "--db",
        str(path),
        "participant",
        "add",
        "--name",
        "Anna Test",
        "--code",
        "AT22",
        "--criterion",
        "red_field=yes",
        "--criterion",
        "adult=ja",
    )
    assert code == 0 and out.strip() == "AT22"
    return path


def test_enrolling_with_the_red_field_criterion(db, capsys):
    code, out, _ = run(capsys, "--db", str(db), "participant", "show", "AT22", "--json")
    assert code == 0
    assert json.loads(out)["criteria"]["red_field"] == {"met": True, "note": ""}


def test_assess_by_key_or_label_and_list_as_text_and_json(db, capsys):
    code, out, _ = run(
        capsys,
        "assess",
        "AT22",
        "boende",
        "unmet",
        "--note",
        "Vräkning hotar",
        "--date",
        "2026-11-01",
        "--db",
        str(db),
    )
    assert (code, out.strip()) == (0, "AT22: Boende, behov ej tillgodosett, sparat.")
    code, _out, _ = run(capsys, "assess", "at22", "safety", "NONE", "--db", str(db))
    assert code == 0
    code, out, _ = run(capsys, "assessments", "AT22", "--db", str(db))
    lines = out.splitlines()
    assert code == 0 and len(lines) == 10
    assert lines[0].split() == [
        "Boende",
        "behov",
        "ej",
        "tillgodosett",
        "2026-11-01",
        "testare",
        "Vräkning",
        "hotar",
    ]
    assert lines[1].split() == ["Ekonomi", "inte", "bedömt"]
    code, out, _ = run(capsys, "assessments", "AT22", "--json", "--db", str(db))
    data = json.loads(out)
    assert list(data) == ["housing", "safety"]
    assert data["housing"] == {
        "area": "housing",
        "need": "unmet",
        "note": "Vräkning hotar",
        "assessed_on": "2026-11-01",
        "assessed_by": "testare",
    }


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("AT22", "kök", "met"), "inget livsområde 'kök'"),
        (("AT22", "housing", "kanske"), "'kanske' är inget behov"),
        (("AT22", "housing", "met", "--date", "2099-01-01"), "framtiden"),
        (("AT22", "housing", "met", "--date", "2026-02-30"), "datum"),
        (("ZZ99", "housing", "met"), "ZZ99"),
    ],
)
def test_bad_input_is_one_sentence_and_exit_1(db, capsys, args, words):
    code, out, err = run(capsys, "assess", *args, "--db", str(db))
    assert code == 1 and out == ""
    assert words in err and len(err.strip().splitlines()) == 1
    _code, out, _ = run(capsys, "assessments", "AT22", "--json", "--db", str(db))
    assert json.loads(out) == {}
