"""The shared-mode set-up in docs/postgresql-setup.sql, run for real: the owner creates the
schema, coordinators work on the board and can do nothing else, the access log only grows."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

import pytest

from tavla.cli.main import main

from .conftest import _PG_SKIP, PG_URL

DOCS = Path(__file__).resolve().parent.parent / "docs"
NAMES = ("tavla_owner", "tavla_coordinators", "anna_lind", "omar_said", "tavla")

pytestmark = pytest.mark.skipif(_PG_SKIP is not None, reason=_PG_SKIP or "")


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        main(list(args))
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def statements(sql: str) -> list[str]:
    return [s.strip() for s in sql.split(";") if s.strip()]


@pytest.fixture
def server():
    """The set-up files, with names unique to this test; dropped afterwards."""
    import psycopg

    suffix = uuid.uuid4().hex[:8]
    names = {name: f"{name}_{suffix}" for name in NAMES}
    before = (DOCS / "postgresql-setup.sql").read_text()
    after = (DOCS / "postgresql-access-log.sql").read_text()
    code = lambda part: "\n".join(  # noqa: E731
        line for line in part.splitlines() if not line.lstrip().startswith("--")
    )
    rename = lambda part: re.sub(  # noqa: E731
        r"\b(" + "|".join(NAMES) + r")\b", lambda m: names[m.group(1)], code(part)
    )
    server_part, database_part = rename(before).split("\\connect " + names["tavla"])
    grants_after = rename(after).replace("\\connect " + names["tavla"], "")
    base = PG_URL.rsplit("/", 1)[0]
    url = f"{base}/{names['tavla']}"

    def as_superuser(sql: str, database_url: str) -> None:
        with psycopg.connect(database_url, autocommit=True) as conn:
            for statement in statements(sql):
                conn.execute(statement)

    def login(role: str) -> str:
        return url.replace("://postgres@", f"://{names[role]}@", 1)

    as_superuser(server_part, PG_URL)
    try:
        as_superuser(database_part, url)
        yield login, lambda: as_superuser(grants_after, url)
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {names['tavla']} WITH (FORCE)")
            for role in ("anna_lind", "omar_said", "tavla_coordinators", "tavla_owner"):
                conn.execute(f"DROP ROLE IF EXISTS {names[role]}")


def test_the_documented_set_up_lets_coordinators_share_the_board_and_nothing_more(
    server, capsys, monkeypatch
):
    import psycopg

    login, grant_after_schema = server
    monkeypatch.delenv("TAVLA_DATABASE_URL", raising=False)
    # the owner opens the board once: the schema is made
    owner = login("tavla_owner")
    code, _, err = run(capsys, "--database-url", owner, "participant", "list")
    assert code == 0, err
    assert run(capsys, "--database-url", owner, "check")[0] == 0
    grant_after_schema()

    monkeypatch.setenv("TAVLA_USER", "anna")
    anna = login("anna_lind")
    code, _, err = run(
        capsys,
        "--database-url",
        anna,
        "participant",
        "add",
        "--name",
        "Delad Person",
        "--code",
        "DP22",
    )
    assert code == 0, err
    assert run(capsys, "--database-url", anna, "rate", "DP22", "social", "2")[0] == 0

    monkeypatch.setenv("TAVLA_USER", "omar")
    omar = login("omar_said")
    code, out, _ = run(capsys, "--database-url", omar, "participant", "list", "--json")
    assert code == 0 and [p["code"] for p in json.loads(out)] == ["DP22"]
    code, out, _ = run(capsys, "--database-url", omar, "log", "--json")
    assert {"anna", "omar"} <= {entry["actor"] for entry in json.loads(out)}

    # a coordinator's login can change rows through tavla, and nothing else
    with psycopg.connect(anna, autocommit=True) as conn:
        for forbidden in (
            "DELETE FROM access_log",
            "UPDATE access_log SET actor = 'x'",
            "TRUNCATE access_log",
            "DROP TABLE participant",
            "CREATE TABLE stray (x int)",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(forbidden)
