"""The contacts screen: the directory, searched and filtered as you type."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Input, Static

from tavla.domain.display import one_line
from tavla.i18n import _, ngettext
from tavla.render.contact import matches
from tavla.render.labels import label_for
from tavla.screens.base import TavlaScreen
from tavla.store.contacts import KINDS, ContactInput, ContactSummary
from tavla.widgets.select import Select
from tavla.widgets.status_bar import StatusBar
from tavla.widgets.table import Table

if TYPE_CHECKING:
    from tavla.app import TavlaApp


class ContactsScreen(TavlaScreen):
    app: TavlaApp

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", _("Board")),
        Binding("ctrl+n", "add", _("New contact")),
        Binding("ctrl+f", "search", _("Search")),
    ]

    DEFAULT_CSS = """
    ContactsScreen #filters { height: auto; padding: 0 1; }
    ContactsScreen #search { width: 2fr; }
    ContactsScreen #kind { width: 1fr; }
    ContactsScreen DataTable { height: 1fr; }
    ContactsScreen #count { padding: 0 1; color: $foreground-muted; }
    """

    def __init__(self) -> None:
        super().__init__(id="contacts-screen")
        self.contacts: list[ContactSummary] = []

    def compose(self) -> ComposeResult:
        yield StatusBar()
        with Horizontal(id="filters"):
            yield Input(placeholder=_("Search name, role, organisation, phone…"), id="search")
            yield Select(
                [(label_for(kind), kind) for kind in KINDS],
                allow_blank=True,
                prompt=_("All kinds"),
                id="kind",
            )
        yield Table(id="directory", cursor_type="row", zebra_stripes=True)
        yield Static(id="count")
        yield Footer()

    def heading(self) -> str:
        return _("Contacts")

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(
            _("Name"),
            _("Kind"),
            _("Role"),
            _("Organisation"),
            _("Principal"),
            _("Phone"),
            _("E-mail"),
        )
        self.query_one("#search", Input).focus()

    def reload(self) -> None:
        from tavla.store.contacts import list_contacts

        store = self.app.store
        self.load(lambda: list_contacts(store), self._loaded, group="contacts")

    def _loaded(self, contacts: list[ContactSummary]) -> None:
        self.contacts = contacts
        self.redraw()

    def _filtered(self) -> list[ContactSummary]:
        """The contacts as they may be shown, by kind and search (a search matches only what
        is shown, so a relative's name typed while presenting finds nobody)."""
        search = self.query_one("#search", Input).value
        kind = self.query_one("#kind", Select).value
        wanted = None if kind == Select.NULL else kind
        shown = [
            c
            for c in self.shown(self.contacts)
            if (wanted is None or c.kind == wanted) and matches(c, search)
        ]
        # In the order of what is shown: sorted by hidden names, a masked relative's place
        # in the list would hint at their name.
        return sorted(shown, key=lambda c: c.name.casefold())

    def redraw(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        shown = self._filtered()
        for c in shown:
            cells = (
                c.name,
                label_for(c.kind),
                c.role,
                c.organisation,
                label_for(c.principal),
                c.phone,
                c.email,
            )
            table.add_row(*(Text(one_line(v, 40)) for v in cells), key=str(c.id))
        self.query_one("#count", Static).update(
            Text(
                ngettext("{n} contact of {total}", "{n} contacts of {total}", len(shown)).format(
                    n=len(shown), total=len(self.contacts)
                )
            )
        )

    @on(Input.Changed, "#search")
    @on(Select.Changed, "#kind")
    def _filter(self) -> None:
        self.redraw()

    @on(Input.Submitted, "#search")
    def _to_table(self) -> None:
        self.query_one(DataTable).focus()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_add(self) -> None:
        self._form(None)

    @on(DataTable.RowSelected)
    def _edit(self, event: DataTable.RowSelected) -> None:
        self._form(int(event.row_key.value))

    def _form(self, contact_id: int | None) -> None:
        from tavla.screens.contact_form import ContactDialog
        from tavla.store.contacts import add_contact, update_contact

        store = self.app.store
        current = next((c for c in self.contacts if c.id == contact_id), None)

        def save(contact: ContactInput, seen: ContactInput | None) -> bool:
            if contact_id is None:
                add_contact(
                    store,
                    contact.name,
                    principal=contact.principal,
                    kind=contact.kind,
                    role=contact.role,
                    organisation=contact.organisation,
                    phone=contact.phone,
                    email=contact.email,
                )
            else:
                update_contact(store, contact_id, contact, seen=seen)
            return True

        existing = (
            ContactInput(
                current.name,
                current.principal,
                current.kind,
                current.role,
                current.organisation,
                current.phone,
                current.email,
            )
            if current
            else None
        )
        self.app.push_screen(
            ContactDialog(self.guarded(save, existing), existing),
            self.saved_then(_("Contact saved.")),
        )
