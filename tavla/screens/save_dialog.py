"""What every dialog that saves shares: Save hands what was entered to the screen's `submit`,
in a worker, and the dialog closes with what `submit` returned.

A refusal (UserError) is shown in the dialog, which stays open with everything the user
entered, so nothing is lost while it is put right; a Conflict shows what is stored now beside
it. The dialog knows no store: the screen passes `submit`, a function that validates and
saves. Forms (`form.FormDialog`) and the rating dialog are both built on this.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar, Generic, TypeVar

from textual import on
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Button

from tavla.errors import Conflict, UserError
from tavla.i18n import _
from tavla.screens.base import still_shown

ResultT = TypeVar("ResultT")


class SaveDialog(ModalScreen[ResultT], Generic[ResultT]):
    """A dialog with Save (ctrl+s, the `#form-save` button) and Cancel (escape, `#form-cancel`).

    Subclasses compose the fields and buttons, and implement `values()` and `show_error()`.
    """

    # A dialog shows and asks for personal data unless it says otherwise, so it does not open
    # while presenting (TavlaApp.push_screen). One that opens gets its choices masked.
    personal: ClassVar[bool] = True
    # The save's worker group: tavla.app's PLAIN_SQL names the groups whose store calls need
    # no ORM (a rating), so their threads do not load it.
    worker_group: ClassVar[str] = "form"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel")),
        Binding("ctrl+s", "save", _("Save")),
    ]

    def __init__(self, submit: Callable[[Any], ResultT]) -> None:
        super().__init__()
        self.submit = submit

    # --- what a dialog provides -------------------------------------------------------

    def values(self) -> Any:
        """The entered values for `submit`; UserError if the dialog itself can tell they are
        wrong."""
        raise NotImplementedError

    def show_error(self, message: str, theirs: tuple[tuple[str, str], ...] = ()) -> None:
        """`message` in the dialog (empty: none); `theirs` is a Conflict's changed text as now
        stored, (label, text), for a dialog that can show it."""
        raise NotImplementedError

    # --- saving -----------------------------------------------------------------------

    def action_save(self) -> None:
        try:
            values = self.values()
        except UserError as error:
            self.show_error(str(error))
            return
        self.show_error("")
        self.run_worker(
            partial(self._submit, values), thread=True, exclusive=True, group=self.worker_group
        )

    def _submit(self, values: Any) -> None:
        try:
            result = self.submit(values)
        except Conflict as conflict:
            self.app.call_from_thread(self._refused, str(conflict), conflict.theirs)
            return
        except UserError as error:
            self.app.call_from_thread(self._refused, str(error))
            return
        self.app.call_from_thread(self._saved, result)

    # The dialog may have been closed (Escape) while its save ran.

    def _saved(self, result: Any) -> None:
        if still_shown(self):
            self.dismiss(result)
        else:  # saved all the same: the screens load again to show it
            self.app.store_changed.publish(None)

    def _refused(self, message: str, theirs: tuple[tuple[str, str], ...] = ()) -> None:
        if still_shown(self):
            self.show_error(message, theirs)
        else:
            self.notify(message, severity="error", title=_("Not saved"), markup=False)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
