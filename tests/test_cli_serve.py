"""`tavla serve` and `--presentation`: the board in a browser on this machine only, names hidden."""

from __future__ import annotations

import http.client
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from tavla.app import TavlaApp
from tavla.cli import _global_options
from tavla.cli_serve import serve_command
from tavla.store import Location, open_store, settings
from tavla.store.participants import list_participants
from tavla.widgets.board_table import BoardTable
from tavla.widgets.status_bar import StatusBar

from .conftest import TODAY, notices, screen_text, settle
from .test_cli import run

SIZE = (120, 36)
START_TIMEOUT_S = 20.0
PRESENTATION_BANNER = "PRESENTATIONSLÄGE"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def other_address() -> str | None:
    """An IPv4 address of this machine that is not loopback, or None if it has none."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.255.255.255", 1))  # UDP: picks a route, sends nothing
            address = probe.getsockname()[0]
    except OSError:
        return None
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def get(port: int, path: str = "/", headers: dict[str, str] | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.getheader("Content-Type") or "", response.read()
    finally:
        conn.close()


def wait_for_page(port: int, server: subprocess.Popen, log: Path) -> tuple[int, str, bytes]:
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        if server.poll() is not None:
            pytest.fail(f"tavla serve ended with {server.returncode}: {log.read_text()}")
        try:
            return get(port)
        except OSError:
            if time.monotonic() > deadline:
                pytest.fail(f"tavla serve did not answer within {START_TIMEOUT_S} s")
            time.sleep(0.2)


def stop(server: subprocess.Popen) -> int:
    """Stop the server as Ctrl+C does; kill it only if it does not end."""
    if server.poll() is None:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=START_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    return server.returncode


async def board_seen_in_browser(port: int) -> bytes:
    """What a browser tab receives from the board: the terminal output, until the presentation
    banner is shown and a moment more."""
    import aiohttp

    received = b""
    url = f"http://127.0.0.1:{port}/ws?width=120&height=36"
    origin = {"Origin": f"http://127.0.0.1:{port}"}
    deadline = time.monotonic() + START_TIMEOUT_S
    async with aiohttp.ClientSession() as session, session.ws_connect(url, headers=origin) as ws:
        while time.monotonic() < deadline:
            try:
                message = await ws.receive(timeout=1.0)
            except TimeoutError:
                continue
            if message.type != aiohttp.WSMsgType.BINARY:
                break
            received += message.data
            if PRESENTATION_BANNER.encode() in received:
                deadline = min(deadline, time.monotonic() + 1.0)
    return received


# --- the command textual-serve runs -------------------------------------------------------


def test_the_command_opens_the_named_file_in_presentation_mode_even_with_odd_characters(
    tmp_path,
):
    folder = tmp_path / 'möte a\'b "c" $(x) ;'
    folder.mkdir()
    location = Location.sqlite(folder / "tavla.db")
    command = serve_command(location, "sv")
    expected = [
        sys.executable,
        "-m",
        "tavla",
        "--db",
        str(location.path),
        "--lang",
        "sv",
        "--presentation",
    ]
    assert shlex.split(command) == expected
    # textual-serve hands the command to a shell: the shell must see the same words.
    echoed = subprocess.run(
        ["/bin/sh", "-c", "printf '%s\\n' " + command], capture_output=True, text=True, check=True
    )
    assert echoed.stdout.splitlines() == expected
    args = expected
    # The board process is started by the quick path of `tavla`, not by Typer.
    assert _global_options(args[3:]) == {
        "db": str(location.path),
        "lang": "sv",
        "presentation": "yes",
    }


def test_a_postgresql_password_stays_out_of_the_command_line():
    location = Location.from_url("postgresql://tavla:hemligt@db.example/tavla")
    args = shlex.split(serve_command(location, "en"))
    assert "hemligt" not in " ".join(args)
    assert "--db" not in args  # the board process reads TAVLA_DATABASE_URL, as `serve` did
    assert args[-3:] == ["--lang", "en", "--presentation"]


# --- a real server --------------------------------------------------------------------------


def start_server(port: int, db: Path, log: Path) -> subprocess.Popen:
    with log.open("w") as output:
        return subprocess.Popen(
            [sys.executable, "-m", "tavla", "serve", "--port", str(port), "--db", str(db)],
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "TAVLA_LANG": "sv"},
        )


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[SimpleNamespace]:
    """`tavla serve` on a demo board, running in its own process for this module's tests."""
    from tavla.demo import create_demo

    folder = tmp_path_factory.mktemp("serve")
    db = folder / "demo 'board' $HOME.db"  # the shell that textual-serve uses must not mind
    store = open_store(Location.sqlite(db), actor="testare")
    try:
        create_demo(store, TODAY)
        people = list_participants(store)
    finally:
        store.close()
    port, log = free_port(), folder / "serve.log"
    server = start_server(port, db, log)
    try:
        page = wait_for_page(port, server, log)
        yield SimpleNamespace(port=port, db=db, log=log, page=page, people=people)
    finally:
        stop(server)


def test_serve_answers_on_127_0_0_1_with_the_board_page(served):
    status, content_type, body = served.page
    assert status == 200 and content_type.startswith("text/html")
    assert b"<html" in body.lower()
    # The page's websocket goes back to the same loopback address.
    assert f"ws://127.0.0.1:{served.port}/ws".encode() in body


async def test_the_browser_gets_the_board_in_presentation_mode(served):
    screen = await board_seen_in_browser(served.port)
    assert PRESENTATION_BANNER.encode() in screen
    assert served.people[0].code.encode() in screen
    for person in served.people:
        assert person.name.encode() not in screen
    # Showing the board in presentation mode leaves the board's own setting alone.
    store = open_store(Location.sqlite(served.db), actor="testare")
    try:
        assert not settings.is_on(settings.read_all(store), settings.PRESENTATION)
    finally:
        store.close()


def test_requests_meant_for_another_site_are_refused(served):
    # Another site's page opening the websocket, or a DNS name rebound to this machine.
    assert get(served.port, headers={"Origin": "http://evil.example"})[0] == 403
    assert get(served.port, headers={"Host": f"evil.example:{served.port}"})[0] == 403
    assert get(served.port, headers={"Host": f"localhost:{served.port}"})[0] == 200


def test_serve_is_not_reachable_on_the_machines_other_addresses(served):
    address = other_address()
    if address is None:
        pytest.skip("this machine has no IPv4 address besides loopback to try the server on")
    with pytest.raises(OSError):
        socket.create_connection((address, served.port), timeout=3).close()


def test_ctrl_c_stops_the_server_cleanly_after_saying_where_it_is(sqlite_store, db_path, tmp_path):
    port, log = free_port(), tmp_path / "serve.log"
    server = start_server(port, db_path, log)
    try:
        assert wait_for_page(port, server, log)[0] == 200
    finally:
        returncode = stop(server)
    text = log.read_text()
    assert returncode == 0, text
    assert f"http://127.0.0.1:{port}" in text.splitlines()[0]
    assert "Traceback" not in text


def test_a_port_in_use_is_one_sentence(sqlite_store, db_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "tavla", "serve", "--port", str(port), "--db", str(db_path)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert result.stderr.startswith("tavla: ") and result.stderr.count("\n") == 1
    assert str(port) in result.stderr and "Traceback" not in result.stderr


# --- mistakes -------------------------------------------------------------------------------


@pytest.mark.parametrize("port", ["0", "65536", "-1", "http", "80.5"])
def test_a_bad_port_is_one_sentence_and_a_non_zero_exit(sqlite_store, db_path, capsys, port):
    code, out, err = run(capsys, "serve", "--port", port, "--db", str(db_path))
    assert code != 0 and out == ""
    assert err.startswith("tavla: ") and err.count("\n") == 1 and port in err
    assert "Traceback" not in err


def test_a_missing_database_is_one_sentence_and_is_not_created(tmp_path, capsys):
    path = tmp_path / "stavfel.db"
    code, out, err = run(capsys, "serve", "--port", str(free_port()), "--db", str(path))
    assert code == 1 and out == ""
    assert err.startswith("tavla: ") and err.count("\n") == 1 and str(path) in err
    assert not path.exists()


# --- presentation mode from the start ---------------------------------------------------------


async def test_the_app_can_start_in_presentation_mode_without_changing_the_setting(
    demo_store, today
):
    people = list_participants(demo_store)
    app = TavlaApp(demo_store, today=today, watch=False, presentation=True)
    assert app.presentation is True
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        text = screen_text(app)
        assert PRESENTATION_BANNER in text
        assert app.screen.query_one(StatusBar).has_class("-presentation")
        assert app.screen.query_one(BoardTable).row_count == len(people)
        for person in people:
            assert person.name not in text and person.identity_number not in text
            assert person.code in text
    assert not settings.is_on(settings.read_all(demo_store), settings.PRESENTATION)


async def test_a_window_opened_in_presentation_mode_stays_in_it(demo_store, today):
    people = list_participants(demo_store)
    app = TavlaApp(demo_store, today=today, watch=False, presentation=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("p")
        await settle(app, pilot)
        assert app.presentation is True
        assert "stannar i det" in " ".join(str(n) for n in notices(app))
        assert not any(person.name in screen_text(app) for person in people)
    assert not settings.is_on(settings.read_all(demo_store), settings.PRESENTATION)


def test_an_explicit_choice_overrides_the_saved_mode_and_none_keeps_it(sqlite_store, today):
    settings.set_value(sqlite_store, settings.PRESENTATION, "1")
    assert TavlaApp(sqlite_store, today=today, watch=False).presentation is True
    chosen = TavlaApp(sqlite_store, today=today, watch=False, presentation=False)
    assert chosen.presentation is False


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--presentation"], True),  # the quick path
        ([], None),
        (["--presentation", "demo"], True),  # through Typer: the demo opens in presentation mode
    ],
)
def test_the_presentation_flag_reaches_the_board(monkeypatch, tmp_path, capsys, args, expected):
    import tavla.cli
    import tavla.cli_commands

    opened: list[bool | None] = []

    def fake_run_board(store, today=None, *, presentation=None):
        opened.append(presentation)
        store.close()

    monkeypatch.setattr(tavla.cli, "run_board", fake_run_board)
    monkeypatch.setattr(tavla.cli_commands, "run_board", fake_run_board)
    code, _out, err = run(capsys, "--db", str(tmp_path / "t.db"), *args)
    assert code == 0, err
    assert opened == [expected]


def test_the_quick_path_takes_presentation_only_as_a_flag():
    assert _global_options(["--presentation", "--db", "x"]) == {"presentation": "yes", "db": "x"}
    assert _global_options(["--presentation=yes"]) is None  # left to Typer, which refuses it
