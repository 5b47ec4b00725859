"""How the command line is built: each command a module-level function, short functions, and
the root options read from one table by both the fast path and Typer."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest
import typer

import tavla.cli
from tavla.cli import commands, main
from tavla.cli import options as root_options
from tavla.cli.commands import build_app
from tavla.cli.options import RootOption

CLI = Path(tavla.cli.__file__).parent
MAX_FUNCTION_LINES = 60


def all_commands(group, path=()):
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from all_commands(command, (*path, name))
        else:
            yield (*path, name), command


def test_every_command_is_a_module_level_function():
    found = dict(all_commands(typer.main.get_command(build_app())))
    assert {("participant", "list"), ("action", "done"), ("log",), ("demo",)} <= set(found)
    for path, command in found.items():
        function = command.callback.__wrapped__  # Typer wraps the function it was given
        module = importlib.import_module(function.__module__)
        assert module.__name__.startswith("tavla.cli."), path
        assert "<locals>" not in function.__qualname__, path
        assert getattr(module, function.__name__) is function, path


def test_no_function_in_the_command_line_is_longer_than_60_lines():
    long = []
    for path in sorted(CLI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{path.name}:{node.lineno} {node.name} ({lines} lines)")
    assert long == []


def root_options_seen(monkeypatch, args: list[str]) -> tuple[dict | None, dict | None]:
    """What the fast path and Typer each hand to `start` for `tavla ARGS`."""
    seen: dict[str, dict] = {}
    monkeypatch.setattr(main, "start", lambda options: seen.setdefault("fast", dict(options)))
    monkeypatch.setattr(commands, "start", lambda options: seen.setdefault("typer", options))
    fast = main._global_options(args)
    if fast is not None:
        main.start(fast)
    command = typer.main.get_command(build_app())
    command.main(args=args, prog_name="tavla", standalone_mode=False)
    return seen.get("fast"), seen.get("typer")


def example_args(option: RootOption) -> list[str]:
    return [option.flag] if option.is_flag else [option.flag, "x"]


@pytest.mark.parametrize("option", root_options.ROOT_OPTIONS, ids=lambda option: option.flag)
def test_the_fast_path_and_typer_take_each_root_option_alike(monkeypatch, option):
    fast, typed = root_options_seen(monkeypatch, example_args(option))
    assert fast is not None and typed is not None
    assert set(fast) == {option.name}
    assert {name for name, value in typed.items() if value} == {option.name}
    assert bool(fast[option.name]) and (option.is_flag or typed[option.name] == "x")


def test_typer_has_exactly_the_root_options_of_the_table():
    command = typer.main.get_command(build_app())
    flags = {flag for param in command.params for flag in param.opts} - {"--help"}
    assert flags == {option.flag for option in root_options.ROOT_OPTIONS}


def test_a_new_root_option_is_one_row(monkeypatch):
    row = RootOption("--region", "NAME", lambda: "The region.")
    monkeypatch.setattr(root_options, "ROOT_OPTIONS", (*root_options.ROOT_OPTIONS, row))
    args = ["--db", "t.db", "--region", "Örebro län"]
    fast, typed = root_options_seen(monkeypatch, args)
    assert fast == {"db": "t.db", "region": "Örebro län"}
    assert typed is not None and typed["region"] == "Örebro län" and typed["db"] == "t.db"


def test_the_fast_path_loads_neither_typer_nor_textual(tmp_path):
    script = (
        "import sys\n"
        "from tavla.cli import main\n"
        "main.run_board = lambda store, presentation=None, municipality=None: store.close()\n"
        f"for args in (['--version'], ['--db', {str(tmp_path / 't.db')!r}, '--presentation']):\n"
        "    try:\n"
        "        main.main(args)\n"
        "    except SystemExit as e:\n"
        "        assert not e.code, (args, e.code)\n"
        "print(sorted(m for m in ('typer', 'click', 'textual') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.stdout.splitlines()[-1] == "[]", result.stderr
