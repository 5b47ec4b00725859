"""Opening a database: schema by migration, private files, a clear sentence for every bad path."""

import json
import os
import sqlite3
import stat

import pytest

from tavla.domain.template import default_template_json
from tavla.errors import UserError
from tavla.store import Location, open_store
from tavla.store.migrate import HEAD, MIGRATIONS, current_revision


def test_a_new_database_is_migrated_to_head_and_given_the_template(store):
    assert current_revision(store) == HEAD
    assert [lane.key for lane in store.template.lanes] == ["health", "cognition", "social"]


def test_head_is_alembics_head():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD


def test_the_migrated_schema_matches_the_models(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    import tavla.store.models  # noqa: F401

    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == []


def test_reopening_keeps_the_data(location, today):
    from tavla.store.participants import add_participant, list_participants

    first = open_store(location, actor="a")
    add_participant(first, "Kvar", enrolled_on=today)
    first.close()
    again = open_store(location, actor="a")
    assert [p.name for p in list_participants(again)] == ["Kvar"]
    again.close()


def test_a_new_sqlite_database_and_its_journal_are_readable_by_the_owner_only(db_path, today):
    from tavla.store.participants import add_participant

    old = os.umask(0o022)
    try:
        store = open_store(Location.sqlite(db_path), actor="a")
        add_participant(store, "A", enrolled_on=today)
        files = [p for p in db_path.parent.iterdir() if p.name.startswith(db_path.name)]
        assert {p.name for p in files} >= {db_path.name}
        for path in files:
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        store.close()
    finally:
        os.umask(old)


def test_sqlite_runs_in_wal_mode_with_foreign_keys(sqlite_store):
    with sqlite_store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_a_missing_folder_is_one_sentence(tmp_path):
    with pytest.raises(UserError, match="finns inte"):
        open_store(Location.sqlite(tmp_path / "nope" / "x.db"), actor="a")
    assert not (tmp_path / "nope").exists()


def test_a_missing_file_is_not_created_when_not_asked(tmp_path):
    with pytest.raises(UserError):
        open_store(Location.sqlite(tmp_path / "x.db"), actor="a", create=False)
    assert not (tmp_path / "x.db").exists()


def test_a_folder_is_not_a_database(tmp_path):
    with pytest.raises(UserError, match="mapp"):
        open_store(Location.sqlite(tmp_path), actor="a")


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"not a database at all, just some text" * 50)
    before = path.read_bytes()
    with pytest.raises(UserError, match="tavla"):
        open_store(Location.sqlite(path), actor="a")
    assert path.read_bytes() == before


def test_another_programs_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE things (x)")
    with pytest.raises(UserError, match="annat program"):
        open_store(Location.sqlite(path), actor="a")


def test_a_database_from_a_newer_tavla_is_refused(sqlite_store, db_path):
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(UserError, match="nyare"):
        open_store(Location.sqlite(db_path), actor="a")


@pytest.mark.skipif(
    os.geteuid() == 0, reason="root may read any file, so permissions cannot be tested"
)
def test_a_file_without_permission_is_one_sentence(tmp_path):
    path = tmp_path / "locked.db"
    open_store(Location.sqlite(path), actor="a").close()
    path.chmod(0)
    with pytest.raises(UserError, match="behörighet"):
        open_store(Location.sqlite(path), actor="a")


def test_a_database_from_the_first_schema_upgrades_with_every_row_intact(location):
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    from tavla.store import Store

    old = Store(location, actor="a")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with old.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(
            text(
                "INSERT INTO contact (id, name, principal, role, organisation, phone, email) "
                "VALUES (1, 'Maria Lind', 'region', '', '', '', '')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO participant (id, code, name, enrolled_on, region_coordinator_id,"
                " main_responsibility, created_at) VALUES (1, 'AA22', 'Anna', '2026-01-05', 1,"
                " 'region', '2026-01-05 10:00:00+00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO rating (participant_id, lane, level, need, note, rated_on, author,"
                " created_at) VALUES (1, 'health', 3, 'unmet', 'x', '2026-01-06', 'a',"
                " '2026-01-06 10:00:00+00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO access_log (at, actor, action, participant_id, detail)"
                " VALUES ('2026-01-06 10:00:00+00:00', 'a', 'rate', 1, 'health')"
            )
        )
        # The board as the first release stored it: no SIP column yet.
        first_template = json.loads(default_template_json())
        first_template["columns"].remove("sip")
        conn.execute(
            text("INSERT INTO setting (key, value) VALUES ('board_template', :value)"),
            {"value": json.dumps(first_template)},
        )
    old.close()

    store = open_store(location, actor="a")
    assert current_revision(store) == HEAD
    with store.engine.connect() as conn:
        participant = conn.execute(
            text(
                "SELECT code, name, region_coordinator_id, municipality, coverage FROM participant"
            )
        ).one()
        assert tuple(participant) == ("AA22", "Anna", 1, "", "")
        assert conn.execute(text("SELECT kind FROM contact")).scalar() == "other"
        assert conn.execute(text("SELECT count(*) FROM rating")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM access_log")).scalar() == 1
        assert conn.execute(text("SELECT sip_follow_up_on FROM participant")).scalar() is None
        assert conn.execute(text("SELECT count(*) FROM plan_version")).scalar() == 0
        if store.is_sqlite:
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    assert store.template.columns[-2:] == ("sip", "flags")  # the board gains the SIP column
    store.close()


def _normal(value):
    """A value as both databases hand it back: datetimes as naive UTC."""
    from datetime import UTC, datetime

    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def test_the_demo_board_in_the_first_schema_upgrades_with_every_row_intact(location, tmp_path):
    """Today's demo board, poured into the first released schema (every table and column it
    had), then opened: every one of those rows and values is still there after the upgrade."""
    from datetime import date

    from alembic import command
    from alembic.config import Config
    from sqlalchemy import MetaData, insert, select, text

    from tavla.demo import create_demo
    from tavla.store import Store

    demo = open_store(Location.sqlite(tmp_path / "demo.db"), actor="a")
    create_demo(demo, date(2026, 11, 23))
    current = MetaData()
    current.reflect(demo.engine)

    old = Store(location, actor="a")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    first = MetaData()
    copied: dict[str, tuple[list[str], list[tuple]]] = {}
    with old.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        first.reflect(conn)
        with demo.engine.connect() as source:
            for table in first.sorted_tables:  # parents before children
                if table.name == "alembic_version":
                    continue
                columns = [c.name for c in table.columns if c.name in current.tables[table.name].c]
                source_table = current.tables[table.name]
                rows = [
                    tuple(row)
                    for row in source.execute(
                        select(*(source_table.c[name] for name in columns)).order_by(
                            *source_table.primary_key.columns
                        )
                    )
                ]
                if table.name == "setting":  # the board as the first release stored it
                    rows = [_first_release_setting(row, columns) for row in rows]
                if rows:
                    values = [dict(zip(columns, row, strict=True)) for row in rows]
                    conn.execute(insert(table), values)
                copied[table.name] = (columns, rows)
        if not old.is_sqlite:  # ids were given: the sequences continue after them
            for table in first.sorted_tables:
                if "id" in table.c and copied.get(table.name, ([], []))[1]:
                    conn.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                            f"(SELECT max(id) FROM {table.name}))"
                        )
                    )
    old.close()
    demo.close()
    assert sum(len(rows) for _columns, rows in copied.values()) > 1000  # a real board's worth

    store = open_store(location, actor="a")
    assert current_revision(store) == HEAD
    upgraded = MetaData()
    upgraded.reflect(store.engine)
    with store.engine.connect() as conn:
        for name, (columns, rows) in copied.items():
            table = upgraded.tables[name]
            query = select(*(table.c[c] for c in columns)).order_by(*table.primary_key.columns)
            if name == "setting":  # the template is rewritten on upgrade (it gains SIP)
                query = query.where(table.c.key != "board_template")
                rows = [row for row in rows if row[columns.index("key")] != "board_template"]
            now = conn.execute(query).all()
            assert [tuple(map(_normal, row)) for row in now] == [
                tuple(map(_normal, row)) for row in rows
            ], name
        if store.is_sqlite:
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    assert store.template.columns[-2:] == ("sip", "flags")
    store.close()


def _first_release_setting(row: tuple, columns: list[str]) -> tuple:
    values = dict(zip(columns, row, strict=True))
    if values["key"] == "board_template":
        template = json.loads(values["value"])
        template["columns"].remove("sip")
        values["value"] = json.dumps(template)
    return tuple(values[c] for c in columns)


def _identity(store) -> str | None:
    from tavla.store import settings

    return settings.read_all(store).get(settings.BOARD_ID)


def test_a_board_gets_an_identity_when_made_and_keeps_it(location):
    store = open_store(location, actor="a")
    made = _identity(store)
    store.close()
    assert made and len(made) == 32
    again = open_store(location, actor="a")
    assert _identity(again) == made
    again.close()


def test_a_board_from_before_identities_gets_one_on_opening_and_one_it_has_is_kept(location):
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    from tavla.store import Store

    old = Store(location, actor="a")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with old.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0005")
        assert conn.execute(text("SELECT count(*) FROM setting")).scalar() == 0
    old.close()
    store = open_store(location, actor="a")
    made = _identity(store)
    assert made and current_revision(store) == HEAD
    # A board that already carries one (restored, or copied in) keeps it through the migration.
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0006")  # the revisions after it undone, their data kept
        conn.execute(text("UPDATE alembic_version SET version_num = '0005'"))
        conn.execute(text("UPDATE setting SET value = 'kept' WHERE key = 'board_id'"))
    store.close()
    again = open_store(location, actor="a")
    assert _identity(again) == "kept" and current_revision(again) == HEAD
    again.close()


def test_a_consent_from_before_parties_covers_both_principals_and_its_form_is_unknown(location):
    """Consents recorded before 0007 were asked for "between region and municipality"; how
    they were given was never asked, so it stays unknown rather than claimed written."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    from tavla.store import Store
    from tavla.store.record import get_record

    old = Store(location, actor="a")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with old.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0006")
        conn.execute(
            text(
                "INSERT INTO participant (id, code, name, enrolled_on, created_at)"
                " VALUES (1, 'AA22', 'Anna', '2026-01-05', '2026-01-05 10:00:00+00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO consent (participant_id, given_on, expires_on, shares, withheld,"
                " revoked_note, recorded_by, created_at) VALUES (1, '2026-01-05', '2027-01-05',"
                " 'Vård', '', '', 'Maria', '2026-01-05 10:00:00+00:00')"
            )
        )
    old.close()
    store = open_store(location, actor="a")
    assert current_revision(store) == HEAD
    [consent] = get_record(store, "AA22", log=False).consents
    assert (consent.parties, consent.form, consent.recorded_by) == (
        ("region", "municipality"),
        "",
        "Maria",
    )
    store.close()
