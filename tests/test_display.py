"""User text is data: control characters never reach the terminal."""

from tavla.domain.display import one_line, visible


def test_escape_sequences_become_visible_symbols():
    shown = visible("a\x1b[31mred\x07\x9b2J")
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
    assert shown.startswith("a␛[31mred␇")


def test_newlines_and_bidi_overrides_are_neutralised():
    shown = visible("x\ny\u202ez")
    assert "\n" not in shown and "\u202e" not in shown


def test_markup_is_left_as_typed():
    assert visible("[bold]x[/]") == "[bold]x[/]"


def test_one_line_cuts_with_an_ellipsis():
    assert one_line("abcdefgh", 5) == "abcd…"
