"""The contact form: a person or organisation in the directory."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, RadioSet

from tavla.domain.vocabulary import Principal
from tavla.i18n import _
from tavla.render.labels import label_for
from tavla.screens.form import FormDialog, principal_buttons
from tavla.store.contacts import KINDS, ContactInput
from tavla.widgets.select import Select


class ContactDialog(FormDialog[None]):
    def __init__(
        self, submit: Callable[[ContactInput], None], current: ContactInput | None = None
    ) -> None:
        super().__init__(_("Change the contact") if current else _("Add a contact"), submit)
        self.current = current or ContactInput("", "")

    def fields(self) -> ComposeResult:
        now = self.current
        yield self.label(_("Name"))
        yield Input(now.name, id="name", compact=True)
        yield self.label(_("Kind"))
        yield Select(
            [(label_for(kind), kind) for kind in KINDS],
            value=now.kind,
            allow_blank=False,
            id="kind",
            compact=True,
        )
        yield self.label(_("Principal"))
        with RadioSet(id="principal", compact=True):
            yield from principal_buttons(Principal, now.principal)
        with Horizontal(classes="row"):
            yield self.label(_("Role"))
            yield self.label(_("Organisation"))
        with Horizontal(classes="row"):
            yield Input(now.role, id="role", compact=True)
            yield Input(now.organisation, id="organisation", compact=True)
        with Horizontal(classes="row"):
            yield self.label(_("Phone"))
            yield self.label(_("E-mail"))
        with Horizontal(classes="row"):
            yield Input(now.phone, id="phone", compact=True)
            yield Input(now.email, id="email", compact=True)

    def values(self) -> ContactInput:
        return ContactInput(
            name=self.text_of("name"),
            principal=self.pressed_of("principal") or "",
            kind=self.choice_of("kind") or "other",
            role=self.text_of("role"),
            organisation=self.text_of("organisation"),
            phone=self.text_of("phone"),
            email=self.text_of("email"),
        )
