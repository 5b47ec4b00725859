"""Where the board template and the demo people are found: the repository's data/ folder.

An installed wheel carries data/ inside the package, as tavla/data (pyproject.toml forces it
in); a source checkout or an editable install has it beside the package. One place looks for
both, so nothing else needs to know.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # tavla/


def data_file(name: str) -> Path:
    """The file `name` from data/: tavla/data/NAME when installed, else data/NAME beside tavla/."""
    inside = _PACKAGE / "data" / name
    return inside if inside.is_file() else _PACKAGE.parent / "data" / name


def data_text(name: str) -> str:
    return data_file(name).read_text("utf-8")
