"""A meeting item left open: how many access-log entries and how much CPU it costs.

    python bench/meeting_idle.py [--minutes 5] [--cpu-seconds 60]

Runs `tavla` on a fresh demo board in a pseudo-terminal (a real process, live refresh
on), opens the weekly meeting and its second item (a participant's), waits for the
opening to be written, then counts the access-log entries made over the next minutes
and measures the process's CPU time (utime + stime from /proc) over a stretch of them,
with nobody typing.
Goal: 0 new entries, and below 1 % of a core.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import signal
import sqlite3
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def entries(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM access_log").fetchone()[0]


def drain(fd: int, seconds: float) -> None:
    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        ready, _, _ = select.select([fd], [], [], min(left, 0.5))
        if ready:
            try:
                os.read(fd, 65536)
            except OSError:
                raise RuntimeError("tavla exited") from None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--cpu-seconds", type=float, default=60.0)
    args = parser.parse_args()
    db = Path(tempfile.mkdtemp()) / "demo.db"
    subprocess.run(
        [sys.executable, "-m", "tavla", "demo", "--db", str(db), "--no-open"],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
    argv = [sys.executable, "-m", "tavla", "--db", str(db)]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    try:
        drain(fd, 3)
        for key in (b"m", b"\r", b"\x1b[B"):  # the meeting, its first item, then a participant
            os.write(fd, key)
            drain(fd, 2)
        drain(fd, 3)  # the opening is written
        before = entries(db)
        cpu_start, started = cpu_seconds(pid), time.monotonic()
        drain(fd, args.cpu_seconds)
        cpu = (cpu_seconds(pid) - cpu_start) / (time.monotonic() - started)
        drain(fd, max(args.minutes * 60 - args.cpu_seconds, 0))
        after = entries(db)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    print(f"meeting item open, nobody typing, {args.minutes:g} min:")
    print(f"  new access-log entries: {after - before}  (goal 0)")
    print(f"  CPU over {args.cpu_seconds:g} s: {cpu * 100:.2f} % of a core  (goal < 1 %)")


if __name__ == "__main__":
    main()
