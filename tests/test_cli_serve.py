"""`tavla serve` and `--presentation`: the board in a browser on this machine only, names hidden."""

from __future__ import annotations

import http.client
import os
import re
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
from tavla.cli.main import _global_options
from tavla.cli.serve import serve_command
from tavla.store import Location, open_store, settings
from tavla.store.participants import list_participants
from tavla.widgets.board_table import BoardTable
from tavla.widgets.status_bar import StatusBar

from .conftest import TODAY, notices, screen_text, settle
from .test_cli import run

SIZE = (120, 36)
START_TIMEOUT_S = 20.0
PRESENTATION_BANNER = "PRESENTATIONSLÄGE"
REFUSED_TOKEN = "Avvisade en begäran utan rätt token."
REFUSED_NO_ORIGIN = "Avvisade en websocket utan Origin-huvud."


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


def printed_token(port: int, server: subprocess.Popen, log: Path) -> str:
    """The token in the address `tavla serve` printed for the owner to open."""
    pattern = re.compile(rf"^    http://127\.0\.0\.1:{port}/\?token=([A-Za-z0-9_-]+)$", re.M)
    deadline = time.monotonic() + START_TIMEOUT_S
    while not (found := pattern.search(log.read_text())):
        if server.poll() is not None:
            pytest.fail(f"tavla serve ended with {server.returncode}: {log.read_text()}")
        if time.monotonic() > deadline:
            pytest.fail(f"tavla serve printed no address within {START_TIMEOUT_S} s")
        time.sleep(0.1)
    return found.group(1)


def wait_for_page(
    port: int, server: subprocess.Popen, log: Path
) -> tuple[str, tuple[int, str, bytes]]:
    """The printed token, and the page at the printed address once the server answers."""
    token = printed_token(port, server, log)
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        if server.poll() is not None:
            pytest.fail(f"tavla serve ended with {server.returncode}: {log.read_text()}")
        try:
            return token, get(port, f"/?token={token}")
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


def websocket_url(page: bytes) -> str:
    """The websocket address the page gives textual.js, which appends the terminal's size."""
    found = re.search(rb'data-session-websocket-url="([^"]+)"', page)
    assert found, page
    return found.group(1).decode() + "?width=120&height=36"


async def board_seen_in_browser(url: str, port: int) -> bytes:
    """What a browser tab receives from the board over the websocket at `url` (textual-serve's
    protocol: the terminal's output as binary frames), until the presentation banner is shown
    and a moment more."""
    import aiohttp

    received = b""
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
        token, page = wait_for_page(port, server, log)
        yield SimpleNamespace(port=port, db=db, log=log, page=page, people=people, token=token)
    finally:
        stop(server)


def refusals(served: SimpleNamespace, line: str) -> int:
    return sum(1 for text in served.log.read_text().splitlines() if text.endswith(line))


def test_serve_answers_on_127_0_0_1_with_the_board_page_at_the_printed_address(served):
    status, content_type, body = served.page
    assert status == 200 and content_type.startswith("text/html")
    assert b"<html" in body.lower()
    # The page's websocket goes back to the same loopback address, carrying the token.
    assert websocket_url(body).startswith(f"ws://127.0.0.1:{served.port}/ws/{served.token}?")
    assert len(served.token) >= 40  # secrets.token_urlsafe(32): 256 bits


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/?token=",
        "/?token=wrong",
        "/?token=%C3%A5%C3%A4%C3%B6",  # not ASCII: compare_digest must not raise
        "/?fontsize=16",
        "/download/anything",
    ],
)
def test_without_the_right_token_nothing_is_served_and_the_terminal_says_so(served, path):
    before = refusals(served, REFUSED_TOKEN)
    status, _type, body = get(served.port, path)
    assert status == 403
    assert b"<html" not in body.lower() and b"token" in body
    assert refusals(served, REFUSED_TOKEN) == before + 1


@pytest.mark.parametrize("change", ["shorter", "longer", "one character"])
def test_a_token_close_to_the_right_one_is_refused(served, change):
    token = served.token
    wrong = {
        "shorter": token[:-1],
        "longer": token + "A",
        "one character": token[:-1] + ("B" if token[-1] != "B" else "C"),
    }[change]
    assert get(served.port, f"/?token={wrong}")[0] == 403


def test_the_refusal_line_names_no_token(served):
    get(served.port, "/?token=gissning")
    text = served.log.read_text()
    assert "gissning" not in text
    assert text.count(served.token) == 1  # only in the address printed at the start
    assert all(
        re.fullmatch(r"\d\d:\d\d:\d\d Avvisade [^:/?=]+\.", line)
        for line in text.splitlines()
        if "Avvisade" in line
    )


def test_the_page_names_no_host_but_this_machine(served):
    html = served.page[2].decode()
    local = {"127.0.0.1", "localhost"}
    referenced = re.findall(r"""(?:src|href)\s*=\s*["']?([^"'\s>]+)""", html, re.I)
    referenced += re.findall(r"""url\(\s*["']?([^"')]+)""", html, re.I)
    assert referenced  # the parse found the page's stylesheet, script and fonts
    for link in referenced:
        assert not link.startswith("//"), link  # a protocol-relative address to another host
    absolute = re.findall(r"\b([a-z][a-z0-9+.-]*)://([^/\s\"'<>:]*)", html, re.I)
    assert absolute
    for scheme, host in absolute:
        assert scheme in ("http", "ws") and host in local, f"{scheme}://{host}"
    assert "googleapis" not in html and "jsdelivr" not in html
    # An icon of its own, or the browser asks for /favicon.ico without the token.
    assert '<link rel="icon" href="data:," />' in html


def test_what_the_page_loads_is_served_from_this_machine_without_the_token(served):
    # JavaScript, CSS and fonts from textual-serve's own folder: no board data in them.
    html = served.page[2].decode()
    prefix = f"http://127.0.0.1:{served.port}"
    assets = re.findall(rf"""(?:src=|href=|url\()["']{re.escape(prefix)}(/static/[^"']+)""", html)
    assert len(assets) >= 4, assets  # xterm.css, textual.js and the two Roboto Mono fonts
    for path in assets:
        status, _type, body = get(served.port, path)
        assert status == 200 and body, path


async def test_the_browser_gets_the_board_in_presentation_mode(served):
    screen = await board_seen_in_browser(websocket_url(served.page[2]), served.port)
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


async def test_a_websocket_without_origin_or_the_right_token_is_refused(served):
    import aiohttp

    url = websocket_url(served.page[2])
    wrong = url.replace(served.token, "wrong")
    plain = f"ws://127.0.0.1:{served.port}/ws?width=120&height=36"
    origin = {"Origin": f"http://127.0.0.1:{served.port}"}
    before = refusals(served, REFUSED_NO_ORIGIN)
    async with aiohttp.ClientSession() as session:
        for target, headers in ((url, {}), (wrong, origin), (plain, origin)):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(target, headers=headers)
            assert refused.value.status == 403, target
    assert refusals(served, REFUSED_NO_ORIGIN) == before + 1


def test_requests_meant_for_another_site_are_refused(served):
    # Another site's page opening the websocket, or a DNS name rebound to this machine.
    page = f"/?token={served.token}"
    assert get(served.port, page, headers={"Origin": "http://evil.example"})[0] == 403
    assert get(served.port, page, headers={"Origin": "null"})[0] == 403
    assert get(served.port, page, headers={"Host": f"evil.example:{served.port}"})[0] == 403
    status, _type, body = get(served.port, page, headers={"Host": f"localhost:{served.port}"})
    assert status == 200
    assert websocket_url(body).startswith(f"ws://localhost:{served.port}/ws/{served.token}?")
    assert get(served.port, page, headers={"Origin": f"http://localhost:{served.port}"})[0] == 200


def test_serve_is_not_reachable_on_the_machines_other_addresses(served):
    address = other_address()
    if address is None:
        pytest.skip("this machine has no IPv4 address besides loopback to try the server on")
    with pytest.raises(OSError):
        socket.create_connection((address, served.port), timeout=3).close()


def test_ctrl_c_stops_the_server_cleanly_after_saying_where_it_is(
    served, sqlite_store, db_path, tmp_path
):
    port, log = free_port(), tmp_path / "serve.log"
    server = start_server(port, db_path, log)
    try:
        token, (status, _type, _body) = wait_for_page(port, server, log)
        assert status == 200
    finally:
        returncode = stop(server)
    text = log.read_text()
    assert returncode == 0, text
    assert text.splitlines()[1] == f"    http://127.0.0.1:{port}/?token={token}"
    assert token != served.token  # a new token at each start
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
    import tavla.cli.commands
    import tavla.cli.main

    opened: list[bool | None] = []

    def fake_run_board(store, today=None, *, presentation=None, municipality=None):
        opened.append(presentation)
        store.close()

    monkeypatch.setattr(tavla.cli.main, "run_board", fake_run_board)
    monkeypatch.setattr(tavla.cli.commands, "run_board", fake_run_board)
    code, _out, err = run(capsys, "--db", str(tmp_path / "t.db"), *args)
    assert code == 0, err
    assert opened == [expected]


def test_the_quick_path_takes_presentation_only_as_a_flag():
    assert _global_options(["--presentation", "--db", "x"]) == {"presentation": "yes", "db": "x"}
    assert _global_options(["--presentation=yes"]) is None  # left to Typer, which refuses it
