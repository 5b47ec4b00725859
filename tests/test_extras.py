"""The optional parts: a plain `pip install .` brings neither the PostgreSQL driver nor the web
server, using them without their extra says in one sentence what to install, and the test
extra brings every extra (the README's two commands set everything up).

That a fresh `pip install .` really leaves psycopg and aiohttp out is checked by
bench/plain_install.py (it installs from the package index, which takes minutes).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from tavla import extras

from .test_cli import run

PYPROJECT = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text("utf-8"))
PROJECT = PYPROJECT["project"]


def _name(requirement: str) -> str:
    return re.match(r"[A-Za-z0-9_.-]+", requirement).group(0).lower().replace("_", "-")


def _extras_named(requirement: str) -> set[str]:
    """The extras of tavla itself that a requirement names (`tavla[a,b]`)."""
    found = re.fullmatch(r"tavla\[([a-z,\s]+)\]", requirement.strip())
    return {extra.strip() for extra in found.group(1).split(",")} if found else set()


def test_a_plain_install_brings_no_driver_no_web_server_and_no_babel():
    names = {_name(requirement) for requirement in PROJECT["dependencies"]}
    assert not names & {"psycopg", "psycopg-binary", "aiohttp", "textual-serve", "jinja2"}
    assert "babel" not in names
    optional = PROJECT["optional-dependencies"]
    assert {_name(r) for r in optional["postgresql"]} == {"psycopg"}
    assert {"textual-serve", "aiohttp", "jinja2"} <= {_name(r) for r in optional["serve"]}
    assert {_name(r) for r in optional["dev"]} == {"babel"}


def test_the_test_extra_brings_every_extra():
    optional = PROJECT["optional-dependencies"]
    named = set().union(*(_extras_named(r) for r in optional["test"]))
    assert set(optional) - {"test", "bench"} <= named
    assert set(extras.EXTRAS) <= set(optional)  # every sentence names an extra that exists


@pytest.fixture
def missing(monkeypatch):
    """Pretend that these modules are not installed."""
    absent: set[str] = set()
    real = extras.installed
    monkeypatch.setattr(extras, "installed", lambda module: module not in absent and real(module))
    return absent


def test_the_shared_mode_without_its_driver_says_what_to_install(capsys, missing):
    missing.add("psycopg")
    url = "postgresql://anna@db.example/tavla"
    code, out, err = run(capsys, "--database-url", url, "participant", "list")
    assert (code, out) == (1, "")
    assert err == (
        "tavla: Det delade läget (en postgresql://-databas) behöver PostgreSQL-drivrutinen: "
        "installera den med pip install 'tavla[postgresql]'.\n"
    )


def test_serve_without_its_extra_says_what_to_install(capsys, missing, db_path):
    missing.add("aiohttp")
    code, out, err = run(capsys, "serve", "--db", str(db_path))
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and "pip install 'tavla[serve]'" in err


def test_an_encrypted_board_without_sqlcipher_says_what_to_install(
    capsys, missing, sqlite_store, db_path, monkeypatch
):
    missing.add("sqlcipher3")
    monkeypatch.setenv("TAVLA_KEY", "nyckel")
    code, out, err = run(capsys, "participant", "list", "--db", str(db_path))
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and "pip install 'tavla[encryption]'" in err
