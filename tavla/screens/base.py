"""What the meeting screens share: the status bar, presentation mode, and store calls in workers."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import work
from textual.screen import Screen

from tavla.errors import Conflict, UserError
from tavla.i18n import _
from tavla.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from tavla.app import TavlaApp


class TavlaScreen(Screen):
    """A screen with tavla's status bar that follows presentation mode and the store.

    Subclasses implement `reload()` (start loading, in a worker) and `redraw()` (draw what
    is loaded, on the event loop). Textual calls every class's `on_mount` down the MRO, the
    subclass's first, so a subclass's own `on_mount` must not call this one again.
    """

    app: TavlaApp

    def on_mount(self) -> None:
        app = self.app
        bar = self.query_one(StatusBar)
        bar.title = app.template.name
        bar.demo = app.is_demo
        bar.today = app.today()
        self.watch(app, "presentation", self._presentation_changed, init=True)
        app.store_changed.subscribe(self, lambda _data: self.reload())
        self.reload()

    def _presentation_changed(self, on: bool) -> None:
        self.query_one(StatusBar).presentation = on
        self.redraw()

    def reload(self) -> None:
        raise NotImplementedError

    def redraw(self) -> None:
        raise NotImplementedError

    @work(thread=True, group="store-write")
    def change(self, call: Callable[[], Any], then: Callable[[Any], None] | None = None) -> None:
        """Run `call` (a store write) in a worker; then `then(result)`, or reload. A refusal is
        told in a notification and nothing else happens — but for a conflict, after which the
        screen shows what someone else saved."""
        try:
            result = call()
        except UserError as error:
            self.app.call_from_thread(
                self.notify, str(error), severity="error", title=_("Not saved"), markup=False
            )
            if isinstance(error, Conflict):
                self.app.call_from_thread(self.reload)
            return
        self.app.call_from_thread(then or (lambda _result: self.reload()), result)


def still_shown(screen: Screen) -> bool:
    """Whether `screen` is still on the app's stack. A worker can finish after its screen has
    closed (Escape pressed while it worked): what it brings is then dropped, not drawn."""
    return screen in screen.app.screen_stack


def open_over(screen: Screen, dialog: Screen, callback: Callable[[Any], None]) -> None:
    """On the loop, for a worker that prepared `dialog`: open it over `screen`, unless that
    screen has closed meanwhile (the dialog would open over another, for a screen gone)."""
    if still_shown(screen):
        screen.app.push_screen(dialog, callback)
