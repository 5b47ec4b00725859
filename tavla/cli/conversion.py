"""The command line's values as Python values, without pydantic.

Typer (0.29) converts every value given on the command line through a pydantic TypeAdapter:
importing pydantic and building the adapters took 0.1–0.2 s of a `tavla rate` that otherwise
takes about a third of a second. tavla's parameters are text, whole numbers, flags, paths and
lists of them, so those get a plain conversion here instead; anything else (a path that must
exist, say, or a Typer without this hook) keeps Typer's own. `tests/test_lean_process.py`
checks that the everyday commands load no pydantic.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from tavla.i18n import _


def convert_plainly(command: Any) -> Any:
    """`command` (Typer's click command, and every command under it), each text, number, flag and
    path parameter (--help too) converted by `Plain`."""
    help_option = command.get_help_option(command.context_class(command))  # made once, kept
    for param in (*command.params, *([help_option] if help_option is not None else [])):
        plain = Plain.of(param)
        if plain is not None:
            param._runtime_param = plain
    for sub in getattr(command, "commands", {}).values():
        convert_plainly(sub)
    return command


def _whole_number(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value).strip()
    try:
        return int(text)
    except ValueError:
        raise ValueError(_("{value!r} is not a whole number.").format(value=text)) from None


def _flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"", "0", "false", "f", "no", "n", "off"}:
        return False
    if text in {"1", "true", "t", "yes", "y", "on"}:
        return True
    raise ValueError(_("{value!r} is neither yes nor no.").format(value=text))


def _path(value: object) -> Path:
    return value if isinstance(value, Path) else Path(str(value))


KINDS = {str: str, int: _whole_number, bool: _flag, Path: _path}
# A path parameter that asks for more than these (that it exist, say) is left to Typer.
PATH_DEFAULTS = {
    "exists": False,
    "file_okay": True,
    "dir_okay": True,
    "writable": False,
    "readable": True,
    "resolve_path": False,
    "allow_dash": False,
    "path_type": None,
}


class Plain:
    """What Typer's runtime parameter does (`coerce`), for one kind of value."""

    __slots__ = ("convert", "high", "low")

    def __init__(self, convert: Any, low: float | None, high: float | None) -> None:
        self.convert, self.low, self.high = convert, low, high

    @classmethod
    def of(cls, param: Any) -> Plain | None:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or not hasattr(param, "_runtime_param"):
            return None  # another Typer: its own conversion
        annotation, info = descriptor.annotation, descriptor.parameter_info
        if getattr(annotation, "__origin__", None) is list and len(annotation.__args__) == 1:
            annotation = annotation.__args__[0]
        convert = KINDS.get(annotation)
        if convert is None or getattr(info, "parser", None) is not None:
            return None
        if annotation is Path and any(
            getattr(info, name, default) != default for name, default in PATH_DEFAULTS.items()
        ):
            return None
        low, high = getattr(info, "min", None), getattr(info, "max", None)
        if annotation is not int and (low is not None or high is not None):
            return None
        if getattr(info, "clamp", False):
            return None
        return cls(convert, low, high)

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        many = param.multiple or param.nargs == -1
        if value is None:
            return () if many else None
        try:
            if not many:
                return self._one(value)
            if isinstance(value, str):
                raise ValueError(_("Give it as separate values."))
            return [self._one(item) for item in value]
        except ValueError as error:
            raise typer.BadParameter(str(error), ctx=ctx, param=param) from None

    def _one(self, value: object) -> object:
        converted = self.convert(value)
        if self.low is not None and converted < self.low:
            raise ValueError(_("It must be at least {low}.").format(low=self.low))
        if self.high is not None and converted > self.high:
            raise ValueError(_("It must be at most {high}.").format(high=self.high))
        return converted
