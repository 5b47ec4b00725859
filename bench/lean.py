"""How quickly tavla's everyday commands run and how lean the board stays, beside yardsticks.

    python bench/lean.py [--runs N] [--board-runs N]

One table, every figure a median over runs taken in turn (yardstick, tavla, yardstick, …),
since the machine is small and shared:

1. Commands, process start to exit: `python -c "import sqlite3"` (the floor: Python and the
   database driver), `python -c "import textual.app"` (the yardstick), `tavla participant
   list --json` and `tavla rate CODE health 2` on the demo board. Goal: each command <= 1.0x
   the yardstick.
2. The board in a 120x36 pseudo-terminal beside bench/bare_app.py (Textual, one DataTable of
   15 rows): the time to paint, and the resident memory (VmRSS) at the paint and 5 s after it.
   Goal: tavla's memory 5 s after the paint <= 1.6x the bare app's.
3. The first rating, 1 s after the board paints: Enter on a lane, then (the dialog shown) `2`
   and ctrl+s; the time from ctrl+s until the rating is in the database. Goal: <= 0.3 s.
4. What the lean board costs: the first participant screen, `o` 3 s after the paint, until
   the record is shown. Its worker loads the ORM then (before, the warm-up had).

Set PYTHONPATH to another checkout's folder to measure that tavla with the same yardsticks.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import shutil
import signal
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TIMEOUT_S = 30
SIZE = (36, 120)
ENV = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "36", "TAVLA_LANG": "sv"}


def tavla() -> list[str]:
    """The `tavla` command beside this Python, as a user runs it; else `python -m tavla`."""
    script = Path(sys.executable).with_name("tavla")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tavla"]


def run_time(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, env=ENV)
    return time.perf_counter() - started


class Terminal:
    """A program in a pseudo-terminal of 120x36, read as it writes."""

    def __init__(self, argv: list[str]) -> None:
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child
            os.execvpe(argv[0], argv, ENV)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", *SIZE, 0, 0))
        self.seen = b""

    def wait_for(self, marker: bytes) -> float:
        """Seconds since the start when `marker` was written (after what was seen before)."""
        self.seen = b""
        while marker not in self.seen:
            if time.perf_counter() - self.started > TIMEOUT_S:
                raise TimeoutError(f"{marker!r} never shown")
            self.read(0.5)
        return time.perf_counter() - self.started

    def read(self, seconds: float) -> None:
        ready, _, _ = select.select([self.fd], [], [], seconds)
        if ready:
            try:
                self.seen = self.seen[-8192:] + os.read(self.fd, 65536)
            except OSError:
                raise RuntimeError(f"exited: {self.seen[-500:]!r}") from None

    def idle_until(self, since_start: float) -> None:
        """Read (and drop) what it writes until `since_start` seconds after its start."""
        while (left := self.started + since_start - time.perf_counter()) > 0:
            self.read(min(left, 0.1))

    def rss_mb(self) -> float:
        with open(f"/proc/{self.pid}/status") as status:
            kb = next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))
        return kb / 1024

    def type(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def close(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def board_run(argv: list[str], marker: bytes) -> tuple[float, float, float]:
    """Seconds to the paint; memory (MB) at the paint and 5 s after it."""
    terminal = Terminal(argv)
    try:
        painted = terminal.wait_for(marker)
        at_paint = terminal.rss_mb()
        terminal.idle_until(painted + 5)
        return painted, at_paint, terminal.rss_mb()
    finally:
        terminal.close()


def rating_run(db: Path, marker: bytes) -> float:
    """Seconds from ctrl+s in the rating dialog, 1 s after the paint, to the stored rating."""
    terminal = Terminal([*tavla(), "--db", str(db)])
    try:
        painted = terminal.wait_for(marker)
        terminal.idle_until(painted + 1)
        with sqlite3.connect(db) as conn:
            before = conn.execute("SELECT max(id) FROM rating").fetchone()[0]
        terminal.type(b"\r")  # Enter on the first lane of the first participant
        terminal.wait_for(b"ctrl+s")
        terminal.type(b"2")
        terminal.read(0.2)
        saved_from = time.perf_counter()
        terminal.type(b"\x13")  # ctrl+s
        with sqlite3.connect(db) as conn:
            while conn.execute("SELECT max(id) FROM rating").fetchone()[0] == before:
                if time.perf_counter() - saved_from > TIMEOUT_S:
                    raise TimeoutError("the rating was never stored")
                terminal.read(0.002)
        return time.perf_counter() - saved_from
    finally:
        terminal.close()


def first_record_run(db: Path, marker: bytes) -> float:
    """Seconds from `o`, 3 s after the paint, to the participant's record on the screen."""
    terminal = Terminal([*tavla(), "--db", str(db)])
    try:
        terminal.idle_until(terminal.wait_for(marker) + 3)
        pressed = time.perf_counter()
        terminal.type(b"o")
        terminal.wait_for(b"inskriven")  # the record's first line: its enrolment
        return time.perf_counter() - pressed
    finally:
        terminal.close()


def make_demo(workdir: Path) -> tuple[Path, str, bytes]:
    """The demo board, its first participant's code and the last one's (painted last)."""
    db = workdir / "demo.db"
    for stale in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        stale.unlink(missing_ok=True)
    subprocess.run(
        [*tavla(), "demo", "--db", str(db), "--no-open"], check=True, capture_output=True, env=ENV
    )
    with sqlite3.connect(db) as conn:
        first, last = conn.execute(
            "SELECT min(code), max(code) FROM participant WHERE discharged_on IS NULL"
        ).fetchone()
    return db, first, last.encode()


def medians(runs: int, jobs: dict[str, object]) -> dict[str, list]:
    """Each job run `runs` times, in turn, after one run each to warm the caches."""
    for job in jobs.values():
        job()
    results: dict[str, list] = {name: [] for name in jobs}
    for _ in range(runs):
        for name, job in jobs.items():
            results[name].append(job())
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=30, help="runs of each command")
    parser.add_argument("--board-runs", type=int, default=10, help="runs of each board")
    args = parser.parse_args()
    import tavla as measured  # this checkout's, or the one PYTHONPATH names

    # As after `pip install`, which compiles tavla's bytecode (an editable install does not).
    package = Path(measured.__file__).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)
    print(f"tavla from {package}")
    workdir = Path(tempfile.mkdtemp(prefix="tavla-lean-"))
    try:
        table(args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def table(args: argparse.Namespace, workdir: Path) -> None:
    db, code, last = make_demo(workdir)
    python = sys.executable
    commands = medians(
        args.runs,
        {
            'python -c "import sqlite3"': lambda: run_time([python, "-c", "import sqlite3"]),
            'python -c "import textual.app"': lambda: run_time(
                [python, "-c", "import textual.app"]
            ),
            "tavla participant list --json": lambda: run_time(
                [*tavla(), "participant", "list", "--json", "--db", str(db)]
            ),
            f"tavla rate {code} health 2": lambda: run_time(
                [*tavla(), "rate", code, "health", "2", "--db", str(db)]
            ),
        },
    )
    bare = [python, str(HERE / "bare_app.py")]
    boards = medians(
        args.board_runs,
        {
            "bare Textual app": lambda: board_run(bare, b"row-15"),
            "tavla, demo board": lambda: board_run([*tavla(), "--db", str(db)], last),
        },
    )
    firsts = medians(
        args.board_runs,
        {"save": lambda: rating_run(db, last), "record": lambda: first_record_run(db, last)},
    )
    print_table(commands, boards, firsts, args)


def print_table(commands: dict, boards: dict, firsts: dict[str, list[float]], args) -> None:
    yardstick = statistics.median(commands['python -c "import textual.app"'])
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    runs = f"medians of {args.runs} runs a command, {args.board_runs} a board"
    print(f"| what ({runs}) | median | ratio |")
    print("|---|---|---|")
    for name, times in commands.items():
        median = statistics.median(times)
        print(
            f"| `{name}` | {median * 1000:.0f} ms | {median / yardstick:.2f}x import textual.app |"
        )
    (bare_paint, bare_rss, bare_after), (paint, rss, after) = (
        [statistics.median(value[i] for value in runs) for i in range(3)]
        for runs in boards.values()
    )
    print(f"| bare Textual app (15-row DataTable): paint | {bare_paint * 1000:.0f} ms | |")
    print(f"| tavla, demo board: paint | {paint * 1000:.0f} ms | {paint / bare_paint:.2f}x bare |")
    print(
        f"| memory at the paint: bare / tavla | {bare_rss:.0f} / {rss:.0f} MB"
        f" | {rss / bare_rss:.2f}x |"
    )
    print(
        f"| memory 5 s after the paint: bare / tavla | {bare_after:.0f} / {after:.0f} MB"
        f" | {after / bare_after:.2f}x |"
    )
    for name, what in (
        ("save", "first rating, 1 s after the paint: ctrl+s to stored"),
        ("record", "first participant screen, 3 s after the paint: o to the record shown"),
    ):
        times = firsts[name]
        print(
            f"| {what} | {statistics.median(times) * 1000:.0f} ms"
            f" (slowest {max(times) * 1000:.0f} ms) | |"
        )


if __name__ == "__main__":
    main()
