"""Writing an export: atomically (a temporary file, then a rename), with the right permissions.

A file that holds personal data is the owner's alone (0600) from its first byte;
others are readable by all (0644). A failed write leaves no half file behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from tavla.errors import UserError
from tavla.i18n import _

PRIVATE = 0o600
SHARED = 0o644


def check_target(path: Path) -> Path:
    """The absolute path to write, or UserError if it is a folder or its folder is missing.
    Checked before any work, so a mistake costs nothing and logs nothing."""
    path = Path(path).expanduser().absolute()
    if path.is_dir():
        raise UserError(_("{path} is a folder; give a file name.").format(path=path))
    if not path.parent.is_dir():
        raise UserError(_("The folder {folder} does not exist.").format(folder=path.parent))
    return path


def write_export(path: Path, content: str | bytes, *, personal: bool) -> Path:
    """Write `content` (text as UTF-8) to `path`; returns the absolute path. UserError when
    it cannot."""
    path = check_target(path)
    try:
        # mkstemp creates the file 0600, so personal data is never readable by others.
        fd, temporary = tempfile.mkstemp(prefix=".tavla-", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise UserError(
            _("Cannot write in {folder}: {reason}.").format(
                folder=path.parent, reason=error.strerror
            )
        ) from None
    try:
        data = content.encode("utf-8") if isinstance(content, str) else content
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, PRIVATE if personal else SHARED)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise UserError(
            _("Cannot write {path}: {reason}.").format(path=path, reason=error.strerror)
        ) from None
    return path
