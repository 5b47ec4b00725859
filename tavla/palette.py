"""Command palette: jump to a participant by code, or by name when names may be shown."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from tavla.display import one_line
from tavla.i18n import _


class ParticipantCommands(Provider):
    def _candidates(self) -> list[tuple[str, str]]:
        from tavla.screens.board import BoardScreen

        screen = self.screen
        if not isinstance(screen, BoardScreen) or screen.snapshot is None:
            return []
        hide_names = self.app.presentation
        return [
            (row.code, row.code if hide_names else f"{row.code}  {one_line(row.name)}")
            for row in screen.snapshot.rows
        ]

    def _jump(self, code: str) -> None:
        from tavla.screens.board import BoardScreen

        if isinstance(self.screen, BoardScreen):
            self.screen.jump_to(code)

    async def discover(self) -> Hits:
        for code, label in self._candidates():
            yield DiscoveryHit(
                Content(label),
                partial(self._jump, code),
                text=label,
                help=_("Go to this participant on the board"),
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for code, label in self._candidates():
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
                    partial(self._jump, code),
                    text=label,
                    help=_("Go to this participant on the board"),
                )
