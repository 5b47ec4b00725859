"""Checks of what people type, before it is stored: names, free text, participant codes.

Every store module checks its text with these; nothing here reads the database.
"""

from __future__ import annotations

import re
import secrets

from tavla.errors import UserError
from tavla.i18n import _

# Letters that cannot be mistaken for digits when read aloud or off a projector.
CODE_LETTERS = "ABCDEFGHJKLMNPRSTUVXYZ"
CODE_DIGITS = "23456789"
_CODE_FORM = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,11}$")
NAME_MAX = 200
TEXT_MAX = 1000


def normalise_code(code: str) -> str:
    return code.strip().upper()


def check_code(code: str) -> str:
    """A code chosen by a user: short, plain, carrying nothing that looks like a birth date."""
    code = normalise_code(code)
    if not _CODE_FORM.match(code):
        raise UserError(_("A code is 2–12 letters A–Z, digits and dashes, such as KM47."))
    if re.search(r"\d{6}", code):
        raise UserError(
            _("A code may not hold six digits in a row; it could carry a date of birth.")
        )
    return code


def new_code(taken: set[str]) -> str:
    while True:
        code = "".join(secrets.choice(CODE_LETTERS) for _ in range(2)) + "".join(
            secrets.choice(CODE_DIGITS) for _ in range(2)
        )
        if code not in taken:
            return code


def check_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise UserError(_("The name may not be empty."))
    if len(name) > NAME_MAX:
        raise UserError(_("The name is longer than {n} characters.").format(n=NAME_MAX))
    return name


def check_text(text: str, what: str, limit: int = TEXT_MAX) -> str:
    text = text.strip()
    if len(text) > limit:
        raise UserError(_("{what} is longer than {n} characters.").format(what=what, n=limit))
    return text
