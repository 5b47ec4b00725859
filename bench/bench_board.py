"""The large board's own figures (issue 19): first paint, scrolling, query and exports at
1,000 participants x 260 weeks, against the bare Textual app and the demo board.

    python bench/bench_board.py [--runs N]

1. First paint in a 120x36 pseudo-terminal, alternately: bench/bare_app.py, tavla on the
   demo board (12 participants), tavla on the large board. Goal: large <= 1.5x demo.
2. Scrolling the large board (headless, Textual's pilot): milliseconds a key, Down and
   Page Down, until drawn. Goal: < 50 ms.
3. The board query (store.board.load_board) there. Goal: <= 20 ms median.
4. The de-identified board as .xlsx and .csv. Goal: .xlsx <= 1.5 s.
Kept apart from bench.py (start-up and memory) so each can change on its own.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import HERE, TODAY, large_board, paint_time, timed_board


def ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f} ms (fastest {min(values) * 1000:.0f})"


def bench_first_paint(runs: int, workdir: Path, before: Path | None = None) -> None:
    """With `before` (a copy of an older tavla package's parent folder), the two boards are
    painted by that one too, in the same rounds, for a before/after on the same machine."""
    demo = workdir / "demo-board.db"
    if not demo.exists():
        subprocess.run(
            [sys.executable, "-m", "tavla", "demo", "--db", str(demo), "--no-open"],
            check=True,
            capture_output=True,
        )
    with sqlite3.connect(demo) as conn:
        last_code = conn.execute("SELECT max(code) FROM participant").fetchone()[0].encode()
    large = large_board(workdir)
    apps: dict[str, tuple[list[str], bytes, dict[str, str]]] = {
        "bare Textual app (DataTable, 15 rows)": (
            [sys.executable, str(HERE / "bare_app.py")],
            b"row-15",
            {},
        ),
        "tavla, demo board (12 participants)  ": (
            [sys.executable, "-m", "tavla", "--db", str(demo)],
            last_code,
            {},
        ),
        "tavla, large board (1,000 x 260 wk)  ": (
            [sys.executable, "-m", "tavla", "--db", str(large)],
            b"B00001",
            {},
        ),
    }
    if before is not None:
        old = {"PYTHONPATH": str(before)}
        for name in list(apps)[1:]:
            argv, marker, _env = apps[name]
            apps[f"{name.strip()}, before"] = (argv, marker, old)
    for argv, marker, env in apps.values():  # warm the file cache
        paint_time(argv, marker, **env)
    times: dict[str, list[float]] = {name: [] for name in apps}
    for _ in range(runs):
        for name, (argv, marker, env) in apps.items():
            times[name].append(paint_time(argv, marker, **env)[0])
    print(f"first paint, 120x36, median of {runs}:")
    for name, values in times.items():
        print(f"  {name}: {ms(values)}")
    medians = [statistics.median(v) for v in times.values()]
    rounds = [("now", medians[:3])] + ([("before", [medians[0], *medians[3:]])] if before else [])
    for label, (bare, demo_median, large_median) in rounds:
        print(
            f"  {label}: large/demo {large_median / demo_median:.2f}x (goal <= 1.5x), "
            f"demo/bare {demo_median / bare:.2f}x, large/bare {large_median / bare:.2f}x"
        )


async def _scroll(path: Path, presses: int) -> dict[str, list[float]]:
    from tavla.app import TavlaApp
    from tavla.store import Location, open_store
    from tavla.widgets.board_table import BoardTable

    store = open_store(Location.sqlite(path), actor="bench")
    app = TavlaApp(store, today=TODAY)
    times: dict[str, list[float]] = {"down": [], "pagedown": []}
    async with app.run_test(size=(120, 36)) as pilot:
        while not (app.screen.query(BoardTable) and app.screen.query_one(BoardTable).row_count):
            await pilot.pause(0.05)
        await pilot.pause(0.5)
        for key in ("down", "pagedown"):
            for _ in range(presses):
                started = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                times[key].append(time.perf_counter() - started)
    store.close()
    return times


def bench_scroll(runs: int, workdir: Path) -> None:
    times = asyncio.run(_scroll(large_board(workdir), max(runs, 20)))
    print(
        f"scrolling the large board (headless), a key until drawn: Down {ms(times['down'])}, "
        f"Page Down {ms(times['pagedown'])} (goal < 50 ms)"
    )


def bench_query_and_exports(runs: int, workdir: Path) -> None:
    from tavla.exports.deidentified import export_deidentified_board
    from tavla.store import Location, open_store

    store = open_store(Location.sqlite(large_board(workdir)), actor="bench")
    board, times = timed_board(store, max(runs, 50))
    print(f"board query, {len(board.rows)} participants: median {ms(times)} (goal <= 20 ms)")
    for suffix in ("xlsx", "csv"):
        times = []
        for _ in range(max(runs // 2, 3)):
            started = time.perf_counter()
            export_deidentified_board(store, workdir / f"board.{suffix}", today=TODAY)
            times.append(time.perf_counter() - started)
        print(f"export de-identified board .{suffix}: median {ms(times)}")
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--before", type=Path, help="an older tavla to paint beside this one")
    parser.add_argument("--only", choices=("paint", "scroll", "query"), default=None)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "tavla-bench")
    args = parser.parse_args()
    args.workdir.mkdir(exist_ok=True)
    os.environ.pop("TAVLA_KEY", None)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    jobs = {
        "paint": lambda runs, workdir: bench_first_paint(runs, workdir, args.before),
        "scroll": bench_scroll,
        "query": bench_query_and_exports,
    }
    for name, job in jobs.items():
        if args.only in (None, name):
            job(args.runs, args.workdir)


if __name__ == "__main__":
    main()
