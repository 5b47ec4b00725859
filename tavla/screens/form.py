"""Forms: a dialog of fields whose Save hands the values to the screen's `submit` in a worker.

How a form saves, shows a refusal and closes is `save_dialog.SaveDialog`'s; this module lays
out the fields and reads them. A refusal (UserError) is shown under the fields, and a
Conflict's text as now stored beneath it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any, Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static, TextArea

from tavla.domain.dates import parse_date, parse_optional_date
from tavla.domain.display import one_line
from tavla.domain.privacy import RELATIVE
from tavla.domain.vocabulary import Principal
from tavla.errors import Conflict
from tavla.i18n import _
from tavla.render.labels import label_for
from tavla.screens.save_dialog import SaveDialog
from tavla.store.contacts import ContactSummary
from tavla.widgets.select import Select, SelectionList

ResultT = TypeVar("ResultT")

DATE_HINT = "YYYY-MM-DD"


class FormDialog(SaveDialog[ResultT], Generic[ResultT]):
    DEFAULT_CSS = """
    FormDialog { align: center middle; }
    FormDialog > #frame {
        width: 90;
        height: auto;
        max-height: 100%;
        padding: 0 2;
        background: $surface;
        border: thick $primary;
        border-title-style: bold;
    }
    FormDialog .field-label { margin-top: 1; text-style: bold; }
    FormDialog .hint { color: $foreground-muted; }
    FormDialog Input, FormDialog Select, FormDialog RadioSet { width: 100%; }
    FormDialog Input { background: $panel; }
    FormDialog Input:focus { background: $primary 35%; }
    FormDialog .row { height: auto; }
    FormDialog .row > * { width: 1fr; margin-right: 1; }
    FormDialog RadioSet.yes-no { width: 24; layout: horizontal; }
    FormDialog #form-error { color: $error; text-style: bold; height: auto; margin-top: 1; }
    FormDialog #form-theirs { height: auto; margin-top: 1; padding: 0 1; background: $panel; }
    FormDialog #form-theirs.-empty { display: none; }
    FormDialog .buttons { height: auto; align-horizontal: right; margin-bottom: 1; }
    FormDialog Button { margin-left: 2; }
    FormDialog TextArea { height: 5; background: $panel; }
    FormDialog SelectionList { height: auto; max-height: 8; background: $panel; }
    """

    def __init__(self, title: str, submit: Callable[[Any], ResultT]) -> None:
        super().__init__(submit)
        self.title_text = title

    # --- what a form provides ---------------------------------------------------------

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    # --- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="frame", can_focus=False) as frame:
            frame.border_title = Text(self.title_text)  # a str title would be parsed as markup
            yield from self.fields()
            yield Static("", id="form-error")
            yield Static("", id="form-theirs", classes="-empty")
            with Horizontal(classes="buttons"):
                yield Button(_("Save (ctrl+s)"), variant="primary", id="form-save")
                yield Button(_("Cancel (esc)"), id="form-cancel")

    @staticmethod
    def label(text: str) -> Label:
        return Label(Text(text), classes="field-label")

    # --- reading fields ---------------------------------------------------------------

    def text_of(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value

    def date_of(self, widget_id: str, what: str) -> date:
        return parse_date(self.text_of(widget_id), what)

    def optional_date_of(self, widget_id: str, what: str) -> date | None:
        return parse_optional_date(self.text_of(widget_id), what)

    def area(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", TextArea).text

    def chosen(self, widget_id: str) -> tuple[int, ...]:
        return tuple(self.query_one(f"#{widget_id}", SelectionList).selected)

    def choice_of(self, widget_id: str) -> Any:
        """The value of a Select, or None when nothing is chosen."""
        value = self.query_one(f"#{widget_id}", Select).value
        return None if value == Select.NULL else value

    def pressed_of(self, widget_id: str) -> str | None:
        """The name of the pressed button of a RadioSet, or None."""
        button = self.query_one(f"#{widget_id}", RadioSet).pressed_button
        return button.name if button is not None else None

    # --- saving -----------------------------------------------------------------------

    def show_error(self, message: str, theirs: tuple[tuple[str, str], ...] = ()) -> None:
        """`message` under the fields; with `theirs` (a Conflict's changed text as now stored,
        (label, text)) shown beneath it, so the user can take from it before saving again."""
        self.query_one("#form-error", Static).update(Text(message))
        shown = Text()
        if theirs:
            shown.append(_("Saved now:"), "bold")
            for label, text in theirs:
                shown.append(f"\n{label[:1].upper()}{label[1:]}: ", "bold")
                shown.append(text or _("(empty)"), "" if text else "italic")
        panel = self.query_one("#form-theirs", Static)
        panel.update(shown)
        panel.set_class(not theirs, "-empty")

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()


def guarded(
    save: Callable[[Any, Any], ResultT], seen: Any, on_conflict: Callable[[], None]
) -> Callable[[Any], ResultT]:
    """A form's `submit` for a store call that checks what the form showed (`seen`).

    After a Conflict, which the form shows while keeping everything typed, `seen` becomes
    what is stored now, so saving again replaces it knowingly. `on_conflict` runs in the
    form's worker thread, so the screen behind can reload what the other person saved."""
    state = [seen]

    def submit(values: Any) -> ResultT:
        try:
            return save(values, state[0])
        except Conflict as conflict:
            state[0] = conflict.current
            on_conflict()
            raise

    return submit


def contact_label(contact: ContactSummary) -> str:
    """'Maria Lind – Samordnare'; a relative with their role, 'Eva Ek (mamma) – Närstående',
    which still tells relatives apart when presentation mode hides their names."""
    role = f" ({one_line(contact.role)})" if contact.kind == RELATIVE and contact.role else ""
    return f"{one_line(contact.name)}{role} – {label_for(contact.kind)}"


def principal_buttons(keys: Iterable[Principal], value: str | None) -> Iterator[RadioButton]:
    """A radio button for each principal, named by its key, the stored value pressed."""
    for key in keys:
        yield RadioButton(label_for(key).capitalize(), value=value == key, name=key)


def contact_select(
    contacts: list[ContactSummary],
    value: int | None,
    widget_id: str,
    *,
    principal: str | None = None,
) -> Widget:
    """A Select of contacts (optionally of one principal); names are user text, so Text prompts."""
    options = [
        (Text(contact_label(c)), c.id)
        for c in contacts
        if principal is None or c.principal == principal
    ]
    known = {option_value for _text, option_value in options}
    return Select(
        options,
        value=value if value in known else Select.NULL,
        allow_blank=True,
        prompt=_("nobody"),
        id=widget_id,
        compact=True,
    )


def people_list(
    contacts: list[ContactSummary],
    chosen: tuple[int, ...],
    widget_id: str,
    *,
    first_kind: str | None = None,
) -> SelectionList:
    """Contacts to tick (space); those already chosen come first, so it shows who is ticked,
    then those of `first_kind` (e.g. the coordinators, for a meeting)."""
    ordered = sorted(
        contacts, key=lambda c: (c.id not in chosen, c.kind != first_kind, c.name.casefold())
    )
    return SelectionList[int](
        *((Text(contact_label(c)), c.id, c.id in chosen) for c in ordered),
        id=widget_id,
        compact=True,
    )
