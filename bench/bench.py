"""tavla's speed figures, each a median over several runs, against a yardstick from the same run.

    python bench/bench.py [--runs N] [--skip-large]

1. Start-up: process start until the board is painted with the demo data, in a
   pseudo-terminal of 120x36, against bench/bare_app.py (Textual, one DataTable
   of 15 rows) measured the same way, alternately. Goal: ratio <= 1.5.
   Also the peak memory (VmHWM) of each at that moment.
2. `tavla --version` against `python -c pass`.
3. The board query (store.board.load_board) on SQLite with 1,000 participants
   and 260 weekly ratings in each of the three lanes (780,000 ratings). Goal: <= 20 ms.
   The same on an encrypted copy of that board (SQLCipher), and the start-up of an
   encrypted demo board beside the plain one: what encryption at rest costs.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import signal
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
TODAY = date(2026, 11, 23)
TIMEOUT_S = 30
KEY = "bench-nyckel"  # the encrypted boards' key


def paint_time(argv: list[str], marker: bytes, **extra_env: str) -> tuple[float, int]:
    """Seconds from spawning `argv` in a 120x36 pty until `marker` is written; peak RSS in kB."""
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "36", **extra_env}
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
    seen = b""
    try:
        while True:
            if time.perf_counter() - started > TIMEOUT_S:
                raise TimeoutError(f"{argv} did not paint {marker!r}")
            ready, _, _ = select.select([fd], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                raise RuntimeError(f"{argv} exited before painting: {seen[-500:]!r}") from None
            seen = seen[-4096:] + chunk
            if marker in seen:
                elapsed = time.perf_counter() - started
                break
        with open(f"/proc/{pid}/status") as status:
            peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
        return elapsed, peak
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def command_time(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return time.perf_counter() - started


def median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f} ms"


def bench_startup(runs: int, workdir: Path) -> None:
    db, encrypted = workdir / "demo.db", workdir / "demo-encrypted.db"
    for path, env in ((db, {}), (encrypted, {"TAVLA_KEY": KEY})):
        for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            stale.unlink(missing_ok=True)
        subprocess.run(
            [sys.executable, "-m", "tavla", "demo", "--db", str(path), "--no-open"],
            check=True,
            capture_output=True,
            env={**os.environ, **env},
        )
    with sqlite3.connect(db) as conn:
        last_code = conn.execute("SELECT max(code) FROM participant").fetchone()[0].encode()
    tavla = [sys.executable, "-m", "tavla", "--db", str(db)]
    keyed = [sys.executable, "-m", "tavla", "--db", str(encrypted)]
    bare = [sys.executable, str(HERE / "bare_app.py")]
    apps = {
        "bare Textual app (DataTable, 15 rows)": lambda: paint_time(bare, b"row-15"),
        "tavla (demo board, 12 participants)  ": lambda: paint_time(tavla, last_code),
        "tavla, the same board encrypted      ": lambda: paint_time(
            keyed, last_code, TAVLA_KEY=KEY
        ),
    }
    # Warm the file cache once, then alternate so all see the same machine.
    for paint in apps.values():
        paint()
    times: dict[str, list[float]] = {name: [] for name in apps}
    peaks: dict[str, list[int]] = {name: [] for name in apps}
    for _ in range(runs):
        for name, paint in apps.items():
            seconds, rss = paint()
            times[name].append(seconds)
            peaks[name].append(rss)
    print(f"start-up to painted board, median of {runs}:")
    for name in apps:
        print(
            f"  {name}: {median_ms(times[name])}, "
            f"peak memory {statistics.median(peaks[name]) / 1024:.0f} MB"
        )
    bare_median, *tavla_medians = (statistics.median(t) for t in times.values())
    plain, keyed_median = (median / bare_median for median in tavla_medians)
    print(f"  ratio: {plain:.2f}x plain, {keyed_median:.2f}x encrypted (goal <= 1.5x)")


def bench_version(runs: int) -> None:
    python = [command_time([sys.executable, "-c", "pass"]) for _ in range(runs)]
    version = [command_time([sys.executable, "-m", "tavla", "--version"]) for _ in range(runs)]
    print(
        f"tavla --version, median of {runs}: {median_ms(version)} "
        f"(python -c pass: {median_ms(python)})"
    )


def large_board(workdir: Path, participants: int = 1000, weeks: int = 260) -> Path:
    """A SQLite board of `participants` x 3 lanes x `weeks` weekly ratings, made once."""
    from tavla.store import Location, open_store
    from tavla.store.migrate import HEAD
    from tavla.store.plain import within
    from tavla.store.ratings import refresh_lane_state

    path = workdir / f"large-{participants}x{weeks}-schema{HEAD}.db"
    if path.exists():
        return path
    store = open_store(Location.sqlite(path), actor="bench")
    lanes = ("health", "cognition", "social")
    first = TODAY - timedelta(weeks=weeks - 1)
    with sqlite3.connect(path) as conn:
        conn.executemany(
            "INSERT INTO participant (id, code, name, enrolled_on, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                (n, f"B{n:05d}", f"Deltagare {n}", first.isoformat(), "2021-01-01 00:00:00")
                for n in range(1, participants + 1)
            ],
        )
        rows = (
            (
                n,
                lane,
                (n + w + i) % 5,
                "met",
                "",
                (first + timedelta(weeks=w)).isoformat(),
                "bench",
                "2021-01-01 00:00:00",
            )
            for n in range(1, participants + 1)
            for i, lane in enumerate(lanes)
            for w in range(weeks)
        )
        conn.executemany(
            "INSERT INTO rating (participant_id, lane, level, need, note, rated_on, author,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        # What the board's flags read: a consent, two ORS totals and an intervention each.
        conn.execute(
            "UPDATE participant SET consent_given_on = ?, consent_expires_on = ?,"
            " ors_total = 24 + id % 10, ors_previous_total = 30, coverage = ?",
            (
                first.isoformat(),
                (TODAY + timedelta(days=30)).isoformat(),
                f"health:{first.isoformat()}..;social:{first.isoformat()}..{TODAY.isoformat()}",
            ),
        )
    with store.write() as session:
        for n in range(1, participants + 1):
            for lane in lanes:
                refresh_lane_state(within(session), n, lane)
    store.close()
    return path


def timed_board(store, runs: int) -> tuple:
    """The board and the seconds each of `runs` loads took, after five to warm the page cache
    and the CPU."""
    from tavla.store.board import load_board

    for _ in range(5):
        load_board(store, TODAY)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        board = load_board(store, TODAY)
        times.append(time.perf_counter() - t0)
    return board, times


def bench_board_query(runs: int, workdir: Path) -> None:
    from tavla.store import Location, open_store

    started = time.perf_counter()
    path = large_board(workdir)
    made = time.perf_counter() - started
    store = open_store(Location.sqlite(path), actor="bench")
    with sqlite3.connect(path) as conn:
        ratings = conn.execute("SELECT count(*) FROM rating").fetchone()[0]
    board, times = timed_board(store, runs)
    print(
        f"board query, {len(board.rows)} participants, {ratings:,} ratings "
        f"(made in {made:.0f} s), median of {runs}: "
        f"{statistics.median(times) * 1000:.1f} ms, fastest {min(times) * 1000:.1f} ms "
        "(goal <= 20 ms)"
    )
    store.close()
    bench_encrypted_query(runs, workdir, path, len(board.rows))


def bench_encrypted_query(runs: int, workdir: Path, path: Path, rows: int) -> None:
    """The board query on an encrypted copy of the large board (made by `tavla encrypt`)."""
    from tavla.store import Location, open_store
    from tavla.store.encrypt import encrypt

    copy = path.with_name(f"{path.stem}-encrypted.db")
    if not copy.exists():
        making = workdir / "encrypting.db"
        making.unlink(missing_ok=True)
        # With the backup API, not a file copy: the newest pages may still be in the -wal.
        with closing(sqlite3.connect(path)) as source, closing(sqlite3.connect(making)) as target:
            source.backup(target)
        started = time.perf_counter()
        encrypt(Location.sqlite(making), KEY)
        print(f"tavla encrypt of that board: {time.perf_counter() - started:.1f} s")
        making.rename(copy)
    store = open_store(Location.sqlite(copy, key=KEY), actor="bench")
    board, times = timed_board(store, runs)
    store.close()
    assert len(board.rows) == rows and sum(len(row.lanes) for row in board.rows) == 3 * rows
    print(
        f"board query, the same {rows} participants encrypted (SQLCipher), median of {runs}: "
        f"{statistics.median(times) * 1000:.1f} ms, fastest {min(times) * 1000:.1f} ms"
    )


def bench_agenda(runs: int, workdir: Path) -> None:
    """The weekly meeting's proposal on the large board: every rule over every participant."""
    from tavla.store import Location, open_store
    from tavla.store.agenda import proposals

    store = open_store(Location.sqlite(large_board(workdir)), actor="bench")
    meeting_on, since = TODAY + timedelta(days=1), TODAY - timedelta(days=6)
    proposals(store, meeting_on, since)  # warm
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        proposed = proposals(store, meeting_on, since)
        times.append(time.perf_counter() - t0)
    print(
        f"agenda proposal, {len(proposed)} items over the same board, median of {runs}: "
        f"{statistics.median(times) * 1000:.0f} ms, fastest {min(times) * 1000:.0f} ms "
        "(made once a meeting, in a worker)"
    )


def bench_exports(runs: int, workdir: Path) -> None:
    """The files that leave the building, from the large board: the de-identified board in
    each format and the managers' figures over a year."""
    from tavla.exports.deidentified import export_deidentified_board
    from tavla.exports.figures import default_period, export_figures
    from tavla.store import Location, open_store

    store = open_store(Location.sqlite(large_board(workdir)), actor="bench")
    first, last = default_period(TODAY)
    jobs = {
        f"de-identified board .{suffix}": (
            lambda s=suffix: export_deidentified_board(store, workdir / f"board.{s}", today=TODAY)
        )
        for suffix in ("xlsx", "csv", "json")
    }
    jobs["figures .xlsx, 12 months"] = lambda: export_figures(
        store, workdir / "figures.xlsx", first_month=first, last_month=last, today=TODAY
    )
    for what, job in jobs.items():
        times = []
        for _ in range(max(runs // 3, 3)):
            t0 = time.perf_counter()
            job()
            times.append(time.perf_counter() - t0)
        print(
            f"export {what}, 1,000 participants: median {statistics.median(times) * 1000:.0f} ms,"
            f" fastest {min(times) * 1000:.0f} ms (in a worker, with a progress bar)"
        )
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--skip-large", action="store_true", help="skip the 780,000-rating board")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "tavla-bench")
    args = parser.parse_args()
    args.workdir.mkdir(exist_ok=True)
    os.environ.pop("TAVLA_KEY", None)  # the plain boards are measured plain
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    # As after `pip install`, which compiles tavla's bytecode (an editable install does not).
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(HERE.parent / "tavla")], check=True
    )
    if not args.skip_large:
        bench_board_query(max(args.runs, 50), args.workdir)
        bench_agenda(args.runs, args.workdir)
        bench_exports(args.runs, args.workdir)
    bench_version(args.runs)
    bench_startup(args.runs, args.workdir)


if __name__ == "__main__":
    main()
