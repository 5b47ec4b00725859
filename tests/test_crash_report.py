"""An error in tavla itself: a non-zero exit, one sentence on the terminal (no traceback, no
local variables, no one's name) and the full report in a private file.

Textual prints the traceback with each frame's local variables; in the meeting that is on
the projector, with whatever a variable held — a participant's name, say.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import stat
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from tavla.app import TavlaApp

from .conftest import settle

ROOT = Path(__file__).resolve().parent.parent

# The board's contacts key, broken: the name of the highlighted participant sits in a local
# variable when it fails, as data would in a real fault.
CRASHING = r"""
import sys
from tavla.screens.board import BoardScreen

def broken(self):
    row, _column = self._cursor()
    held_in_a_local = row.name
    raise RuntimeError("a fault in tavla")

BoardScreen.action_contacts = broken
from tavla.cli.main import main
main(sys.argv[1:])
"""


def first_name(store) -> tuple[str, str]:
    with store.reader() as conn:
        cursor = conn.cursor()
        cursor.execute("SELECT code, name FROM participant ORDER BY code LIMIT 1")
        return cursor.fetchone()


def run_in_a_terminal(args: list[str], env: dict[str, str], key: bytes, marker: bytes):
    """Run `args` in a 100x30 pseudo-terminal; press `key` once `marker` is shown; return the
    exit status and everything written to the terminal."""
    pid, fd = pty.fork()
    if pid == 0:  # the child
        os.execvpe(args[0], args, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    seen, pressed, deadline = b"", False, time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break  # the child closed the terminal: it has ended
                if not chunk:
                    break
                seen += chunk
            if not pressed and marker in seen:
                time.sleep(0.3)
                os.write(fd, key)
                pressed = True
        _, status = os.waitpid(pid, 0)
    finally:
        os.close(fd)
    return os.waitstatus_to_exitcode(status), seen.decode("utf-8", "replace")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a pseudo-terminal needs POSIX")
def test_a_crash_prints_one_sentence_exits_non_zero_and_writes_a_private_report(
    demo_store, db_path, tmp_path
):
    code, name = first_name(demo_store)
    data = tmp_path / "data"
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "XDG_DATA_HOME": str(data),
        "TERM": "xterm-256color",
        "TAVLA_LANG": "sv",
    }
    script = tmp_path / "crashing.py"
    script.write_text(CRASHING, encoding="utf-8")
    status, shown = run_in_a_terminal(
        [sys.executable, str(script), "--db", str(db_path)], env, b"c", code.encode()
    )
    assert status != 0
    assert name in shown  # the board did show the participant before the fault
    after = shown.rsplit("\x1b[?1049l", 1)[-1]  # what stays once the app has left the screen
    assert "tavla avslutades efter ett fel i tavla själv; rapporten finns i" in after
    assert name not in after
    assert "held_in_a_local" not in after and "locals" not in after
    assert "Traceback" not in after and "RuntimeError" not in after
    [report] = (data / "tavla" / "crash-reports").iterdir()
    assert str(report) in after.replace("\r\n", "")
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert stat.S_IMODE(report.parent.stat().st_mode) == 0o700
    text = report.read_text(encoding="utf-8")
    assert "Traceback" in text and "RuntimeError: a fault in tavla" in text
    assert 'raise RuntimeError("a fault in tavla")' in text  # the line that failed
    assert name not in text  # but not what the variable held


async def test_a_fault_inside_the_app_still_fails_the_test_and_is_reported(
    demo_store, today, tmp_path, monkeypatch
):
    """The report is written, the status is 1, and run_test still raises the fault (which the
    monkey and every pilot test rely on)."""
    from tavla.screens.board import BoardScreen

    def broken(self) -> None:
        raise RuntimeError("a fault in tavla")

    monkeypatch.setattr(BoardScreen, "action_contacts", broken)
    app = TavlaApp(demo_store, today=today, watch=False)
    app.crash_folder = tmp_path / "reports"
    with pytest.raises(RuntimeError, match="a fault in tavla"):
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(app, pilot)
            await pilot.press("c")
            await settle(app, pilot)
    assert app.return_code == 1
    assert app.crash_report is not None and app.crash_report.parent == tmp_path / "reports"
    assert stat.S_IMODE(app.crash_report.stat().st_mode) == 0o600
    assert "RuntimeError: a fault in tavla" in app.crash_report.read_text(encoding="utf-8")


def test_the_cli_s_own_errors_stay_one_sentence(tmp_path):
    """Unchanged: a user's mistake is one sentence and status 1, and writes no report."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "tavla", "--db", str(tmp_path / "none" / "x.db")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 1 and done.stderr.count("\n") == 1
    assert not (tmp_path / "tavla" / "crash-reports").exists()
