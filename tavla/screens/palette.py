"""Command palette: jump to a participant by code (or name, when names may be shown),
or open a discharged participant's record — they leave the board but stay findable."""

from __future__ import annotations

import asyncio
from functools import partial

from textual.await_complete import AwaitComplete
from textual.command import CommandList, DiscoveryHit, Hit, Hits, Provider
from textual.command import CommandPalette as _CommandPalette
from textual.content import Content

from tavla.domain.display import one_line
from tavla.errors import UserError
from tavla.i18n import _
from tavla.screens.base import still_shown
from tavla.widgets.select import can_page


class CommandPalette(_CommandPalette):
    """Textual's palette, with PageUp/PageDown doing nothing while its list has no size (hidden,
    or not laid out yet), where Textual's raises KeyError (see tavla.widgets.select), and a
    choice that comes after it has closed dropped."""

    def _action_command_list(self, action: str) -> None:
        if action in ("page_up", "page_down") and not can_page(self.query_one(CommandList)):
            return
        super()._action_command_list(action)

    def dismiss(self, result: object = None) -> AwaitComplete:
        # A choice can arrive after Escape has closed the palette (Enter and Escape typed
        # quickly): Textual's palette then dismissed itself again, which popped the board
        # beneath it (ScreenStackError).
        if not still_shown(self):
            return AwaitComplete()
        return super().dismiss(result)


class ParticipantCommands(Provider):
    async def startup(self) -> None:
        """Load the discharged participants once, off the event loop."""
        from tavla.store.participants import list_participants

        try:
            everyone = await asyncio.to_thread(
                list_participants, self.app.store, include_discharged=True
            )
        except UserError:
            everyone = []
        self.discharged = [p for p in everyone if p.discharged_on is not None]

    @staticmethod
    def _label(code: str, name: str) -> str:
        return f"{code}  {one_line(name)}" if name else code

    def _candidates(self) -> list[tuple[str, str, bool]]:
        """(code, label, on the board), as they may be shown: codes only while presenting."""
        from tavla.screens.board import BoardScreen

        screen = self.screen
        if not isinstance(screen, BoardScreen) or screen.snapshot is None:
            return []
        rows = self.app.shown(screen.snapshot).rows
        out = [(row.code, self._label(row.code, row.name), True) for row in rows]
        for person in self.app.shown(getattr(self, "discharged", [])):
            label = self._label(person.code, person.name) + "  " + _("(discharged)")
            out.append((person.code, label, False))
        return out

    def _go(self, code: str, on_board: bool) -> None:
        from tavla.screens.board import BoardScreen

        screen = self.screen
        if isinstance(screen, BoardScreen):
            if on_board:
                screen.jump_to(code)
            else:
                screen.action_open_participant(code)

    @staticmethod
    def _help(on_board: bool) -> str:
        return _("Go to this participant on the board") if on_board else _("Open the record")

    async def discover(self) -> Hits:
        for code, label, on_board in self._candidates():
            if on_board:
                yield DiscoveryHit(Content(label), partial(self._go, code, on_board), text=label,
                                   help=self._help(on_board))  # fmt: skip

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for code, label, on_board in self._candidates():
            score, offsets = matcher.fuzzy_search.match(query, label)
            if score > 0:
                # Content(label), not the matcher's highlight(): that parses markup,
                # and a name is user text.
                display = Content(label)
                for offset in offsets:
                    display = display.stylize(matcher.match_style, offset, offset + 1)
                yield Hit(score, display, partial(self._go, code, on_board), text=label,
                          help=self._help(on_board))  # fmt: skip
