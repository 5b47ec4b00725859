"""The Select and SelectionList tavla's screens use: Textual's own, with PageUp and PageDown
made harmless on a list that has no size yet.

Textual 8's `OptionList._move_page` looks up the highlighted option's line, and the lines
are only worked out once the list has a size. A Select's overlay has none until the screen
has laid it out after it opens: PageDown pressed in between (a busy machine, a quick hand)
raises KeyError and closes the app. The same holds for a SelectionList not yet laid out and
the command palette's list while it is hidden. Upstream: Textual's `_move_page` has no guard
(its `scroll_to_highlight` does); other apps hit it too (kagan-sh/kagan-legacy#31, a
SelectOverlay's `action_page_down` raising KeyError). Here such a key does nothing — there
is no page to move by. A test keeps every screen on these classes (tests/test_select.py).
"""

from __future__ import annotations

from typing import TypeVar

from textual.app import ComposeResult
from textual.widgets import OptionList
from textual.widgets import Select as _Select
from textual.widgets import SelectionList as _SelectionList
from textual.widgets._select import SelectCurrent, SelectOverlay

SelectType = TypeVar("SelectType")
SelectionType = TypeVar("SelectionType")


def can_page(options: OptionList) -> bool:
    """Whether PageUp/PageDown can move in `options`: not before it has been laid out."""
    return bool(options.scrollable_content_region)


class _Overlay(SelectOverlay):
    def _move_page(self, direction) -> None:
        if can_page(self):
            super()._move_page(direction)


class Select(_Select[SelectType]):
    def compose(self) -> ComposeResult:
        # As Textual's Select.compose, with the overlay that pages only once laid out.
        yield SelectCurrent(self.prompt)
        yield _Overlay(type_to_search=self._type_to_search).data_bind(compact=_Select.compact)


class SelectionList(_SelectionList[SelectionType]):
    def _move_page(self, direction) -> None:
        if can_page(self):
            super()._move_page(direction)
