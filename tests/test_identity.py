"""Identity numbers: validated for date and check digit before they are stored."""

import pytest

from tavla.domain.identity import (
    is_coordination_number,
    luhn_check_digit,
    normalise_identity_number,
)
from tavla.errors import UserError


def test_well_known_test_number_is_valid():
    assert normalise_identity_number("19121212-1212") == "19121212-1212"


def test_forms_without_dash_are_normalised():
    assert normalise_identity_number(" 191212121212 ") == "19121212-1212"


def test_coordination_number_has_sixty_added_to_the_day():
    serial = "238"
    digits = "701063" + serial  # born 1970-10-03, coordination number day 63
    number = f"19701063-{serial}{luhn_check_digit(digits)}"
    assert is_coordination_number(normalise_identity_number(number))


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("19121212-1213", "check digit"),
        ("19121312-1212", "real date"),
        ("121212-1212", "twelve digits"),
        ("19121212-12x2", "twelve digits"),
        ("", "twelve digits"),
    ],
)
def test_bad_numbers_are_refused_with_a_reason(raw, fragment):
    from tavla.i18n import set_language

    set_language("en")
    try:
        with pytest.raises(UserError, match=fragment):
            normalise_identity_number(raw)
    finally:
        set_language("sv")
