"""Command palette: jump to a participant by code (or name, when names may be shown),
or open a discharged participant's record — they leave the board but stay findable."""

from __future__ import annotations

import asyncio
from functools import partial

from textual.await_complete import AwaitComplete
from textual.command import CommandList, DiscoveryHit, Hit, Hits, Provider
from textual.command import CommandPalette as _CommandPalette
from textual.content import Content
from textual.worker import Worker

from tavla.domain.display import one_line
from tavla.errors import UserError
from tavla.i18n import _
from tavla.screens.base import still_shown
from tavla.widgets.select import can_page


class CommandPalette(_CommandPalette):
    """Textual's palette, made to close cleanly: PageUp/PageDown do nothing while its list has
    no size (hidden, or not laid out yet), where Textual's raises KeyError (see
    tavla.widgets.select); and nothing it does after it has closed reaches for its widgets.
    The app's theme picker is one of these too (TavlaApp.search_themes)."""

    def _action_command_list(self, action: str) -> None:
        if action in ("page_up", "page_down") and not can_page(self.query_one(CommandList)):
            return
        super()._action_command_list(action)

    def _gather_commands(self, search_value: str) -> Worker | None:
        # Keys typed as the palette closes still change its search; a search started then
        # looked for its list after the list had gone (NoMatches 'CommandList').
        if not still_shown(self):
            return None
        return super()._gather_commands(search_value)

    def dismiss(self, result: object = None) -> AwaitComplete:
        # A choice can arrive after Escape has closed the palette (Enter and Escape typed
        # quickly): Textual's palette then dismissed itself again, which popped the board
        # beneath it (ScreenStackError).
        if not still_shown(self):
            return AwaitComplete()
        self._cancel_gather_commands()  # a search still running would fill a list being removed
        return super().dismiss(result)


class ParticipantCommands(Provider):
    async def startup(self) -> None:
        """Load the discharged participants once, off the event loop."""
        from tavla.store.participants import list_participants

        try:
            everyone = await asyncio.to_thread(
                partial(
                    list_participants,
                    self.app.store,
                    include_discharged=True,
                    municipality=self.app.municipality,
                )
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
        # A participant without valid consent is shown by code only (`Withheld`, no name).
        out = [(row.code, self._label(row.code, getattr(row, "name", "")), True) for row in rows]
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
                yield DiscoveryHit(
                    Content(label),
                    partial(self._go, code, on_board),
                    text=label,
                    help=self._help(on_board),
                )

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
                yield Hit(
                    score,
                    display,
                    partial(self._go, code, on_board),
                    text=label,
                    help=self._help(on_board),
                )
