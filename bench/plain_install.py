"""A plain `pip install .` in a fresh virtual environment: what it brings, and what tavla says
when an extra is missing.

    python bench/plain_install.py

Installs this checkout without extras (from the package index, so it takes minutes), then
checks that psycopg, aiohttp, textual-serve and Babel are absent, that the board's commands
work, and that the shared mode and `tavla serve` each end with exit status 1 and the one
sentence naming the extra to install. Prints what it found; exits 1 if anything is off.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
ABSENT = ("psycopg", "aiohttp", "textual_serve", "jinja2", "babel", "sqlcipher3")


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="tavla-plain-install-"))
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python, tavla = venv / "bin" / "python", venv / "bin" / "tavla"
    subprocess.run([python, "-m", "pip", "install", "--quiet", str(CHECKOUT)], check=True)
    problems = []
    found = subprocess.run(
        [
            python,
            "-c",
            f"import importlib.util as u; print([m for m in {ABSENT!r} if u.find_spec(m)])",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    print(f"installed of {', '.join(ABSENT)}: {found}")
    if found != "[]":
        problems.append(f"a plain install brought {found}")
    db = work / "demo.db"
    env = {"PATH": str(venv / "bin"), "TAVLA_LANG": "en", "HOME": str(work)}
    checks = {
        "demo": ([tavla, "demo", "--db", db, "--no-open"], 0, "Demo board written"),
        "list": ([tavla, "participant", "list", "--db", db], 0, ""),
        "shared mode": (
            [tavla, "--database-url", "postgresql://anna@127.0.0.1/tavla", "participant", "list"],
            1,
            "pip install 'tavla[postgresql]'",
        ),
        "serve": ([tavla, "serve", "--db", db], 1, "pip install 'tavla[serve]'"),
    }
    for name, (argv, status, says) in checks.items():
        done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)
        told = (done.stdout + done.stderr).strip()
        print(f"{name}: exit {done.returncode}: {told.splitlines()[-1] if told else ''}")
        if done.returncode != status or says not in told:
            problems.append(f"{name}: exit {done.returncode}, {told!r}")
    print("\n".join(problems) or "all as expected")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
