"""After an error in tavla itself: the report for whoever maintains tavla goes to a private file.

The screen may be a projector in a meeting, and a traceback with each frame's local
variables (Textual's default) can hold a participant's data. So the interface says one
sentence and where the report is; the report holds the tracebacks without local variables
(an error's message can still name data: the file is the owner's alone, 0600, in a 0700
folder).
"""

from __future__ import annotations

import os
import platform
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path

from tavla import __version__

FOLDER = "crash-reports"


def default_folder() -> Path:
    """`crash-reports` in the user's data folder: the user's own, whichever board is open."""
    from tavla.config import data_dir

    return data_dir() / FOLDER


def write_report(folder: Path, error: BaseException, *, now: datetime | None = None) -> Path:
    """A new report in `folder` (made private if new) for `error`; its path."""
    now = now or datetime.now(UTC)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / f"crash-{now:%Y%m%d-%H%M%S}-{os.getpid()}.txt"
    versions = f"tavla {__version__}, Python {platform.python_version()}, {platform.platform()}"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as report:
        report.write(f"{versions}\n{now.isoformat(timespec='seconds')}\n")
        report.write(f"command: {' '.join(sys.argv[:1])}\n")  # not its arguments: paths, codes
    add_to_report(path, error)
    return path


def add_to_report(path: Path, error: BaseException) -> None:
    """Append `error`'s traceback (and its cause's, and a worker's own error's) to `path`."""
    with path.open("a", encoding="utf-8") as report:
        report.write("\n" + "".join(traceback.format_exception(error)))
        inner = getattr(error, "error", None)  # Textual's WorkerFailed wraps the worker's error
        if isinstance(inner, BaseException):
            report.write("\nIn the worker:\n" + "".join(traceback.format_exception(inner)))
