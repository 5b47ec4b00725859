"""Swedish identity numbers (personnummer, samordningsnummer): validation and normal form.

Stored as YYYYMMDD-NNNN. A samordningsnummer has 60 added to the day of birth.
The last digit is a Luhn check digit over the ten digits YYMMDDNNN.
"""

from __future__ import annotations

import re
from datetime import date

from tavla.errors import UserError
from tavla.i18n import _

_FORM = re.compile(r"^(\d{8})[-+]?(\d{4})$")


def luhn_check_digit(nine_digits: str) -> int:
    total = 0
    for i, ch in enumerate(nine_digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return (10 - total % 10) % 10


def normalise_identity_number(raw: str) -> str:
    """Return the number as YYYYMMDD-NNNN, or raise UserError saying what is wrong."""
    text = raw.strip().replace(" ", "")
    match = _FORM.match(text)
    if not match:
        raise UserError(_("The identity number must have twelve digits, as YYYYMMDD-NNNN."))
    birth, serial = match.groups()
    year, month, day = int(birth[:4]), int(birth[4:6]), int(birth[6:8])
    if day > 60:  # samordningsnummer
        day -= 60
    try:
        date(year, month, day)
    except ValueError:
        raise UserError(_("The identity number does not begin with a real date.")) from None
    if luhn_check_digit(birth[2:] + serial[:3]) != int(serial[3]):
        raise UserError(_("The identity number's check digit is wrong; check for a typing error."))
    return f"{birth}-{serial}"


def is_coordination_number(normalised: str) -> bool:
    return int(normalised[6:8]) > 60


def mask(normalised: str) -> str:
    """The birth date part only, as shown beside a name when the whole number is not needed."""
    return normalised[:8] + "-****"
