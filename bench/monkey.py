"""The long monkey: random keys through every screen of the demo board, over several seeds.

    python bench/monkey.py [--keys 20000] [--seeds 5] [--first-seed 1]

The walk of tests/test_monkey.py (tests/monkey.py), longer: `--keys` in all, shared out
over `--seeds` seeds, each on a fresh demo board in Textual's pilot. Prints each seed's keys,
time and crash, then the total. A crash ends its seed's walk; its traceback, and the keys
that led to it, are written to the work folder. Exit status 1 if anything crashed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
import traceback
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 23)


async def walk_one(seed: int, keys: int, workdir: Path) -> tuple[int, str | None]:
    """(keys pressed, None or what crashed) for one seed on a fresh demo board."""
    from tavla.demo import create_demo
    from tavla.store import Location, open_store
    from tests.monkey import Walk, make_app, walk_keys

    folder = workdir / f"seed-{seed}"
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("tavla.db*"):
        stale.unlink()
    store = open_store(Location.sqlite(folder / "tavla.db"), actor="monkey")
    create_demo(store, TODAY)
    app = make_app(store, TODAY, folder)
    walk = Walk(seed)
    home = Path.cwd()
    os.chdir(folder)  # where a file name typed at random is written
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            walk = await walk_keys(app, pilot, seed, keys)
    except Exception as error:
        inner = getattr(error, "error", None) or error  # a worker's, inside WorkerFailed
        report = folder / "crash.txt"
        report.write_text(
            "".join(traceback.format_exception(inner)) + f"\nlast keys: {walk.last(60)}\n",
            encoding="utf-8",
        )
        return walk.keys, f"{type(inner).__name__}: {inner} (see {report})"
    finally:
        os.chdir(home)
        store.close()
    return walk.keys, None


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--keys", type=int, default=20000, help="keys in all")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--first-seed", type=int, default=1)
    parser.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "tavla-monkey"
    )
    args = parser.parse_args()
    os.environ["TAVLA_LANG"] = "sv"  # as the tests: the interface in Swedish
    os.environ.setdefault("TAVLA_USER", "monkey")
    sys.path.insert(0, str(ROOT))
    per_seed = -(-args.keys // args.seeds)
    started = time.perf_counter()
    pressed, crashes = 0, []
    for seed in range(args.first_seed, args.first_seed + args.seeds):
        t0 = time.perf_counter()
        keys, crash = asyncio.run(walk_one(seed, per_seed, args.workdir))
        pressed += keys
        took = time.perf_counter() - t0
        print(f"seed {seed}: {keys} keys in {took:.0f} s" + (f", CRASH {crash}" if crash else ""))
        if crash:
            crashes.append((seed, crash))
    took = time.perf_counter() - started
    print(
        f"{pressed} keys over {args.seeds} seeds in {took:.0f} s "
        f"({pressed / took:.0f} keys/s): {len(crashes)} crashes"
    )
    sys.exit(1 if crashes else 0)


if __name__ == "__main__":
    main()
