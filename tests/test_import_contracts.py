"""Import contracts: each folder of tavla is one layer, and the arrows point one way.

Read from the source with `ast`, over every module in the tavla package (migrations
included), so a contract holds whether or not a test happens to import the module:

- domain/ imports nothing of tavla but `tavla.errors`, `tavla.i18n` and domain itself, and no
  SQL library, Textual or Rich;
- store/ and exports/ import no Textual or Rich, and nothing of the screens, widgets, command
  line, render or app — but exports/ may take the words for vocabulary keys from
  `tavla.render.labels`, which imports no Rich;
- render/ imports no Textual, and nothing of the screens, widgets, command line or app;
- screens/ and widgets/ import nothing of the command line; widgets/ import no screens, and
  from the store only plain data — dataclasses, named tuples, enums and constants: never a
  function, a module, the `Store` or a table model, so a widget cannot reach the database;
- the command line, the demo and the app are the top: nothing but `tavla.cli` (and
  `tavla.__main__`) imports them (a screen names the app only for the type checker).

An import inside a function counts for these rules: it runs when the function does. Imports
inside an `if TYPE_CHECKING:` block are ignored everywhere: they are for the type checker and
never run.

No module-level import cycle: among tavla's modules, counting only imports made at module
level. A function-level (deferred) import may close a loop; that is allowed, and is how a
module reaches one that imports it: `tavla.cli.main` runs the Typer commands, which import it
back; in the store, `database` opens the engine and `audit` looks up participants, deferred so
that reading the board does not load SQLAlchemy first.
"""

from __future__ import annotations

import ast
import dataclasses
import enum
import importlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlmodel import SQLModel

import tavla
from tavla.store import Store

PACKAGE = Path(tavla.__file__).resolve().parent

UPPER_LAYERS = ("tavla.screens", "tavla.widgets", "tavla.cli", "tavla.render", "tavla.app")
SQL = ("sqlalchemy", "sqlmodel", "alembic", "psycopg", "sqlite3", "sqlcipher3")

# layer → what no module in it may import (prefixes of dotted names)
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "tavla.domain": ("textual", "rich", *SQL),
    "tavla.store": ("textual", "rich", *UPPER_LAYERS),
    "tavla.exports": ("textual", "rich", *UPPER_LAYERS),
    "tavla.render": ("textual", "tavla.screens", "tavla.widgets", "tavla.cli", "tavla.app"),
    "tavla.render.labels": ("rich",),
    "tavla.screens": ("tavla.cli",),
    "tavla.widgets": ("tavla.cli", "tavla.screens"),
}
# layer → modules it may import although FORBIDDEN names their layer
EXCEPT: dict[str, tuple[str, ...]] = {"tavla.exports": ("tavla.render.labels",)}
# layer → the only parts of tavla it may import
TAVLA_ONLY: dict[str, tuple[str, ...]] = {
    "tavla.domain": ("tavla.errors", "tavla.i18n", "tavla.domain"),
}
# module → who may import it
IMPORTED_ONLY_BY: dict[str, tuple[str, ...]] = {
    "tavla.cli": ("tavla.cli", "tavla.__main__"),
    "tavla.demo": ("tavla.demo", "tavla.cli"),
    "tavla.app": ("tavla.cli",),
}


@dataclass(frozen=True)
class Import:
    importer: str
    module: str  # the dotted module the statement names
    names: tuple[str, ...]  # for `from module import a, b`; empty for `import module`
    line: int
    module_level: bool

    def where(self) -> str:
        return f"{self.importer}:{self.line} imports {self.module}"


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.stmt) -> bool:
    if not isinstance(node, ast.If):
        return False
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(source: str, importer: str, is_package: bool = False) -> list[Import]:
    """Every import statement in `source` that runs, with whether it runs at import time."""
    package = importer if is_package else importer.rpartition(".")[0]
    found: list[Import] = []

    def visit(node: ast.AST, module_level: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if _is_type_checking(child):
                for other in child.orelse:
                    visit_one(other, module_level)
                continue
            visit_one(child, module_level)

    def visit_one(node: ast.AST, module_level: bool) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append(Import(importer, alias.name, (), node.lineno, module_level))
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, *([module] if module else [])])
            names = tuple(alias.name for alias in node.names)
            found.append(Import(importer, module, names, node.lineno, module_level))
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            visit(node, module_level=False)
        elif _is_type_checking(node):
            for other in node.orelse:
                visit_one(other, module_level)
        else:
            visit(node, module_level)

    visit(ast.parse(source), module_level=True)
    return found


def all_imports(package: Path = PACKAGE) -> tuple[set[str], list[Import]]:
    modules: set[str] = set()
    found: list[Import] = []
    for path in sorted(package.rglob("*.py")):
        name = module_name(path, package)
        modules.add(name)
        found += imports_of(path.read_text("utf-8"), name, path.name == "__init__.py")
    return modules, found


def _under(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def _targets(imp: Import) -> list[str]:
    """The dotted names an import reaches: `from tavla.store import audit` reaches the module
    tavla.store.audit, `from tavla.store import Store` the package tavla.store."""
    return [f"{imp.module}.{name}" for name in imp.names] or [imp.module]


def broken_contracts(modules: set[str], found: list[Import]) -> list[str]:
    broken = []
    for imp in found:
        reached = _targets(imp)
        for layer, forbidden in FORBIDDEN.items():
            excepted = EXCEPT.get(layer, ())
            if _under(imp.importer, (layer,)) and any(
                _under(r, forbidden) and not _under(r, excepted) for r in reached
            ):
                broken.append(f"{imp.where()}: {layer} may not import {', '.join(forbidden)}")
        for layer, allowed in TAVLA_ONLY.items():
            if (
                _under(imp.importer, (layer,))
                and _under(imp.module, ("tavla",))
                and not any(_under(r, allowed) for r in reached)
            ):
                broken.append(f"{imp.where()}: {layer} imports only {', '.join(allowed)}")
        for top, importers in IMPORTED_ONLY_BY.items():
            if any(_under(r, (top,)) for r in reached) and not _under(imp.importer, importers):
                broken.append(f"{imp.where()}: only {', '.join(importers)} import {top}")
    return broken


def _plain_data(value: object) -> bool:
    """A type or constant a widget may hold: no behaviour that could reach the database."""
    if isinstance(value, type):
        if issubclass(value, Store | SQLModel):
            return False
        return dataclasses.is_dataclass(value) or issubclass(value, tuple | enum.Enum)
    return isinstance(value, str | int | float | bool | frozenset | tuple)


def widget_store_imports(found: list[Import]) -> list[str]:
    broken = []
    for imp in found:
        if not _under(imp.importer, ("tavla.widgets",)) or not _under(imp.module, ("tavla.store",)):
            continue
        if not imp.names:
            broken.append(f"{imp.where()}: a widget may not import a store module")
            continue
        module = importlib.import_module(imp.module)
        for name in imp.names:
            if not _plain_data(getattr(module, name, None)):
                broken.append(f"{imp.where()}.{name}: a widget takes only data from the store")
    return broken


def module_level_cycles(modules: set[str], found: list[Import]) -> list[list[str]]:
    """Strongly connected groups of two or more modules, by module-level imports only."""
    edges: dict[str, set[str]] = {m: set() for m in modules}
    for imp in found:
        if not imp.module_level:
            continue
        for target in _targets(imp):
            while target and target not in modules:  # `from a import name` → the module a
                target = target.rpartition(".")[0]
            if target and target != imp.importer:
                edges[imp.importer].add(target)
    # Tarjan's algorithm, iteratively (the graph has a few hundred modules).
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for root in sorted(modules):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return groups


@pytest.fixture(scope="module")
def graph() -> tuple[set[str], list[Import]]:
    return all_imports()


def test_every_layer_imports_only_what_lies_below_it(graph):
    modules, found = graph
    assert len(modules) > 100, "the walk found too few modules: is PACKAGE right?"
    assert broken_contracts(modules, found) == []


def test_widgets_take_only_data_from_the_store(graph):
    _modules, found = graph
    assert widget_store_imports(found) == []


def test_no_module_level_import_cycle(graph):
    modules, found = graph
    assert module_level_cycles(modules, found) == []


# The checker itself, on made-up modules, so a contract cannot pass by not looking.


def test_the_checker_sees_imports_in_functions_and_ignores_type_checking_blocks():
    source = (
        "from typing import TYPE_CHECKING\n"
        "import rich.text\n"
        "if TYPE_CHECKING:\n"
        "    from tavla.store.database import Store\n"
        "else:\n"
        "    from tavla.errors import UserError\n"
        "def later():\n"
        "    from tavla.screens.board import BoardScreen\n"
        "from . import template\n"
    )
    found = imports_of(source, "tavla.domain.flags")
    seen = {(imp.module, imp.module_level) for imp in found}
    assert seen == {
        ("typing", True),
        ("rich.text", True),
        ("tavla.errors", True),
        ("tavla.screens.board", False),
        ("tavla.domain", True),
    }
    broken_lines = {line.split(" ")[0] for line in broken_contracts(set(), found)}
    assert broken_lines == {"tavla.domain.flags:2", "tavla.domain.flags:8"}  # rich, screens


def test_the_checker_finds_a_cycle_but_not_through_a_deferred_import():
    modules = {"tavla.a", "tavla.b", "tavla.c"}
    found = [
        *imports_of("from tavla.b import x\n", "tavla.a"),
        *imports_of("import tavla.c\n", "tavla.b"),
        *imports_of("def f():\n    from tavla import a\n", "tavla.c"),
    ]
    assert module_level_cycles(modules, found) == []
    found += imports_of("from tavla import a\n", "tavla.c")
    assert module_level_cycles(modules, found) == [["tavla.a", "tavla.b", "tavla.c"]]
