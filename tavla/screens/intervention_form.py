"""The intervention form: what, by which principal and unit, for which lanes, who, when."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Checkbox, Input, RadioButton, RadioSet

from tavla.domain.template import BoardTemplate
from tavla.domain.vocabulary import Principal
from tavla.i18n import _
from tavla.render.labels import label_for
from tavla.screens.form import DATE_HINT, FormDialog, contact_select, principal_buttons
from tavla.store.contacts import ContactSummary
from tavla.store.interventions import STATUSES, InterventionInput, InterventionSummary


class InterventionDialog(FormDialog[None]):
    def __init__(
        self,
        template: BoardTemplate,
        contacts: list[ContactSummary],
        today: date,
        submit: Callable[[InterventionInput], None],
        current: InterventionInput | None = None,
    ) -> None:
        title = _("Change the intervention") if current else _("Add an intervention")
        super().__init__(title, submit)
        self.template = template
        self.contacts = contacts
        self.current = current or InterventionInput("", "", (), today)

    def fields(self) -> ComposeResult:
        now = self.current
        yield self.label(_("What is done"))
        yield Input(now.what, id="what", compact=True)
        yield self.label(_("Principal"))
        with RadioSet(id="principal", compact=True):
            yield from principal_buttons(Principal, now.principal)
        yield self.label(_("Unit"))
        yield Input(now.unit, id="unit", compact=True)
        yield self.label(_("For the lanes"))
        with Horizontal(classes="row"):
            for lane in self.template.lanes:
                yield Checkbox(
                    Text(lane.label),
                    value=lane.key in now.lanes,
                    id=f"lane-{lane.key}",
                    compact=True,
                )
        yield self.label(_("Responsible"))
        yield contact_select(self.contacts, now.responsible_id, "responsible")
        with Horizontal(classes="row"):
            yield self.label(_("Starts"))
            yield self.label(_("Ends (if known)"))
        with Horizontal(classes="row"):
            yield Input(now.started_on.isoformat(), placeholder=DATE_HINT, id="start", compact=True)
            yield Input(
                now.ended_on.isoformat() if now.ended_on else "",
                placeholder=DATE_HINT,
                id="end",
                compact=True,
            )
        yield self.label(_("Status"))
        with RadioSet(id="status", compact=True):
            for status in STATUSES:
                yield RadioButton(label_for(status), value=now.status == status, name=status)

    def values(self) -> InterventionInput:
        lanes = tuple(
            lane.key
            for lane in self.template.lanes
            if self.query_one(f"#lane-{lane.key}", Checkbox).value
        )
        return InterventionInput(
            what=self.text_of("what"),
            principal=self.pressed_of("principal") or "",
            lanes=lanes,
            started_on=self.date_of("start", _("The start date")),
            status=self.pressed_of("status") or "ongoing",
            unit=self.text_of("unit"),
            responsible_id=self.choice_of("responsible"),
            ended_on=self.optional_date_of("end", _("The end date")),
        )


def form_input(
    interventions: list[InterventionSummary], intervention_id: int | None
) -> InterventionInput | None:
    """The intervention `intervention_id` as the form edits it; None for a new one."""
    for item in interventions:
        if item.id == intervention_id:
            return InterventionInput(
                item.what,
                item.principal,
                item.lanes,
                item.started_on,
                item.status,
                item.unit,
                item.responsible_id,
                item.ended_on,
            )
    return None
