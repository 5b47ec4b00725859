"""What every screen shares: the status bar, presentation mode, and the one way to reach the store.

A screen reads the store in a thread worker and shows the result on the event loop:

    self.load(lambda: get_record(store, code), self._show, fits=lambda r: r.code == self.code)

`read` runs in the thread and may only call the store and return plain data; whatever it
needs from a widget is read before, on the loop. `show` runs on the loop, and only if the
screen is still there and `fits(result)` says the result still belongs to what is selected;
a result that came too late is dropped. Dialogs are built on the loop, in `show`.

A screen keeps what it loaded as it is (forms and saves need the real text), and draws
`self.shown(data)`: the same data through the one privacy rule (`tavla.domain.privacy`) while
presenting. Only personal forms are kept away from a shared screen (`TavlaApp.push_screen`).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import TYPE_CHECKING, Any, TypeVar

from textual.screen import Screen
from textual.worker import get_current_worker

from tavla.errors import Conflict, UserError
from tavla.i18n import _
from tavla.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from tavla.app import TavlaApp

T = TypeVar("T")


class TavlaScreen(Screen):
    """A screen with tavla's status bar that follows presentation mode and the store.

    Subclasses implement `reload()` (start loading, with `load`) and `redraw()` (draw what
    is loaded, through `shown`, on the event loop). Textual calls every class's `on_mount`
    down the MRO, the subclass's first, so a subclass's own `on_mount` must not call this
    one again.
    """

    app: TavlaApp

    def on_mount(self) -> None:
        app = self.app
        follow_status(self, self.heading())
        self.watch(app, "privacy", lambda _rule: self.privacy_changed(), init=False)
        app.store_changed.subscribe(self, lambda _data: self.reload())
        self.reload()

    def heading(self) -> str:
        """What the status bar calls this screen."""
        return self.app.template.name

    def reload(self) -> None:
        raise NotImplementedError

    def redraw(self) -> None:
        raise NotImplementedError

    def action_back(self) -> None:
        """Back to the screen beneath (escape, where a screen binds it)."""
        self.dismiss()

    def privacy_changed(self) -> None:
        """Presentation mode went on or off: draw again what is loaded, through `shown`."""
        self.redraw()

    # --- what may be shown ------------------------------------------------------------

    def shown(self, data: T) -> T:
        """`data` as this screen may show it now: masked while presenting."""
        return self.app.shown(data)

    # --- the store, in workers --------------------------------------------------------

    @property
    def alive(self) -> bool:
        """Still on the app's stack (perhaps under another screen), not dismissed or closing."""
        return self.is_attached and self.is_running and still_shown(self)

    def load(
        self,
        read: Callable[[], T],
        show: Callable[[T], None],
        *,
        group: str = "load",
        fits: Callable[[T], bool] | None = None,
    ) -> None:
        """Run `read` in a thread worker (a newer load of the same group replaces it), then
        `show(result)` on the loop if the screen is still there and the result `fits`."""
        back = self._back_to_loop()

        def work() -> None:
            try:
                result = read()
            except UserError as error:
                back(self._store_refused, error)
                return
            if not get_current_worker().is_cancelled:
                back(self._apply, show, fits, result)

        self.run_worker(work, thread=True, exclusive=True, group=group, exit_on_error=True)

    def change(self, call: Callable[[], Any], then: Callable[[Any], None] | None = None) -> None:
        """Run `call` (a store write) in a worker; then `then(result)`, or reload. A refusal is
        told in a notification and nothing else happens — but for a conflict, after which the
        screen shows what someone else saved."""
        back = self._back_to_loop()

        def work() -> None:
            try:
                result = call()
            except UserError as error:
                back(self._store_refused, error, _("Not saved"))
                if isinstance(error, Conflict):
                    back(self._apply, lambda _r: self.reload(), None, None)
                return
            back(self._apply, then or (lambda _result: self.reload()), None, result)

        self.run_worker(work, thread=True, group="store-write", exit_on_error=True)

    def guarded(self, save: Callable[[Any, Any], T], seen: Any) -> Callable[[Any], T]:
        """A form's `submit` for a store call that checks what the form showed (`seen`), as
        `form.guarded`; after a conflict this screen loads again what the other person saved."""
        from tavla.screens.form import guarded  # deferred: the forms are built on this module

        app = self.app
        return guarded(save, seen, lambda: app.call_from_thread(self.reload))

    def saved_then(self, message: str) -> Callable[[Any], None]:
        """What to do when a form closes: if it saved (a result, not None for cancelled),
        tell `message` and load again."""

        def done(saved: Any) -> None:
            if saved:
                self.notify(message, markup=False)
                self.reload()

        return done

    def _back_to_loop(self) -> Callable[..., None]:
        """For a worker: call something on the loop. The app is taken now, on the loop: in
        the thread `self.app` would have to be found through a screen that may have closed."""
        app = self.app

        def back(callback: Callable[..., Any], *args: Any) -> None:
            with suppress(RuntimeError):  # the app has already stopped: nobody is looking
                app.call_from_thread(callback, *args)

        return back

    def _apply(self, show: Callable[[T], None], fits: Callable[[T], bool] | None, result: T):
        if self.alive and (fits is None or fits(result)):
            show(result)

    def _store_refused(self, error: UserError, title: str | None = None) -> None:
        if self.alive:
            self.notify(str(error), severity="error", title=title or "", markup=False)


def follow_status(screen: Screen, title: str) -> None:
    """Fill `screen`'s status bar (`title`, the demo mark, the municipality, today) and keep
    its presentation mark in step with the app's. Every screen with a status bar does this on
    mount."""
    app = screen.app
    bar = screen.query_one(StatusBar)
    bar.title = title
    bar.demo = app.is_demo
    bar.municipality = app.municipality
    bar.today = app.today()
    screen.watch(app, "presentation", lambda on: setattr(bar, "presentation", on), init=True)


def still_shown(screen: Screen) -> bool:
    """Whether `screen` is still on the app's stack. A worker can finish after its screen has
    closed (Escape pressed while it worked): what it brings is then dropped, not drawn."""
    return screen in screen.app.screen_stack
