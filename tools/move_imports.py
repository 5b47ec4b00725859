"""Point imports at modules that moved: `from tavla.X import`, `import tavla.X`, and dotted
strings such as monkeypatch targets ("tavla.cli_serve.today"), in tavla/, tests/, bench/ and
tools/.

    python tools/move_imports.py                  # the layout of issue 16 (see MOVES)
    python tools/move_imports.py old=new ...      # other moves, dotted names under tavla

Safe to run again: a name already moved is left alone. Move the files with `git mv` first;
then run this, then `ruff check --select I --fix .` to sort the imports it changed.
`from tavla import old` becomes `from tavla.new_parent import new as old`, so the code below
the import stays as it was.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("tavla", "tests", "bench", "tools")

# Issue 16: each folder one layer. Old dotted name under tavla → new.
MOVES = {
    **{
        name: f"domain.{name}"
        for name in (
            "agenda_rules",
            "board_columns",
            "dates",
            "flags",
            "identity",
            "recurrence",
            "template",
            "template_check",
            "privacy",
            "display",
        )
    },
    "plan_diff": "render.plan_diff",
    "record_text": "render.record",
    "screens.agenda_text": "render.agenda",
    "screens.participant_text": "render.participant",
    "screens.sip_text": "render.sip",
    "widgets.lane_chart": "render.lane_chart",
    "widgets.ors_chart": "render.ors_chart",
    "widgets.lane_cell": "render.lane_cell",
    "palette": "screens.palette",
    "themes": "screens.themes",
    "cli": "cli.main",
    **{
        f"cli_{name}": f"cli.{name}"
        for name in (
            "commands",
            "shared",
            "actions",
            "admin",
            "directory",
            "exports",
            "log",
            "meetings",
            "participants",
            "serve",
        )
    },
    "demo_meetings": "demo.meetings",
    "demo_plans": "demo.plans",
}


def rewrite(text: str, moves: dict[str, str]) -> str:
    olds = sorted(moves, key=len, reverse=True)
    dotted = re.compile(r"(?<![\w.])tavla\.(" + "|".join(map(re.escape, olds)) + r")(?!\w)")
    news = set(moves.values())

    def moved(match: re.Match[str]) -> str:
        old = match.group(1)
        if not any(new.startswith(old + ".") for new in news):
            return "tavla." + moves[old]
        # The old module is now a package (tavla.cli): tavla.cli.shared and
        # `from tavla.cli import shared` already name the new modules.
        # tavla.cli.main, tavla.cli.shared and `from tavla.cli import shared` name new modules;
        # `from tavla.cli import main` is the function main of the old cli.py.
        after = text[match.end() :]
        name = re.match(r"(\.| import )(\w+)", after)
        if name:
            inside = f"{old}.{name.group(2)}"
            is_new = inside in news and (name.group(1) == "." or inside != moves[old])
            return match.group(0) if is_new else "tavla." + moves[old]
        # A bare tavla.cli: the old module where the file imports it so (`import tavla.cli`),
        # else the package (a string such as "tavla.cli"; see by hand).
        if re.search(rf"^\s*import tavla\.{re.escape(old)}\s*$", text, re.MULTILINE):
            return "tavla." + moves[old]
        return match.group(0)

    text = dotted.sub(moved, text)
    single = re.compile(r"^(\s*)from tavla import (\w+)$", re.MULTILINE)

    def from_package(match: re.Match[str]) -> str:
        indent, name = match.groups()
        if name not in moves:
            return match.group(0)
        parent, _, last = f"tavla.{moves[name]}".rpartition(".")
        alias = "" if last == name else f" as {name}"
        return f"{indent}from {parent} import {last}{alias}"

    return single.sub(from_package, text)


def main(args: list[str]) -> int:
    moves = dict(arg.split("=", 1) for arg in args) if args else MOVES
    names = re.compile(r"\b(" + "|".join(map(re.escape, moves)) + r")\b")
    several = re.compile(r"from tavla import (\([^)]*\)|[^\n]*,[^\n]*)")
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path == Path(__file__).resolve():
                continue
            text = path.read_text("utf-8")
            new = rewrite(text, moves)
            if new != text:
                path.write_text(new, "utf-8")
                print(f"rewrote {path.relative_to(ROOT)}")
            for match in several.finditer(new):
                if names.search(match.group(1)):
                    line = new.count("\n", 0, match.start()) + 1
                    print(f"{path.relative_to(ROOT)}:{line}: several moved: by hand")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
