"""Enrolment: name, identity number, municipality, date, and the target-group checklist."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, RadioButton, RadioSet, Static

from tavla.domain.template import BoardTemplate
from tavla.errors import UserError
from tavla.i18n import _
from tavla.screens.form import DATE_HINT, FormDialog
from tavla.store.enrolment import Answer, Enrolment


class EnrolDialog(FormDialog[str]):
    """Returns the participant's code. With `current`, it corrects an existing enrolment."""

    def __init__(
        self,
        template: BoardTemplate,
        today: date,
        submit: Callable[[Enrolment], str],
        current: Enrolment | None = None,
    ) -> None:
        title = _("Correct the enrolment") if current else _("Enrol a participant")
        super().__init__(title, submit)
        self.template = template
        self.current = current or Enrolment(name="", enrolled_on=today)
        self.correcting = current is not None

    def fields(self) -> ComposeResult:
        now = self.current
        yield self.label(_("Name"))
        yield Input(now.name, id="name", compact=True)
        with Horizontal(classes="row"):
            yield self.label(_("Identity number"))
            yield self.label(_("Municipality"))
            yield self.label(_("Enrolment date"))
        with Horizontal(classes="row"):
            yield Input(
                now.identity_number or "", placeholder="YYYYMMDD-NNNN", id="pnr", compact=True
            )
            yield Input(now.municipality, id="municipality", compact=True)
            yield Input(
                now.enrolled_on.isoformat(), placeholder=DATE_HINT, id="enrolled", compact=True
            )
        yield self.label(_("Target group: answer each criterion, with a note if you like"))
        for criterion in self.template.criteria:
            answer = now.criteria.get(criterion.key)
            yield Static(Text(criterion.label), classes="hint")
            with Horizontal(classes="row"):
                with RadioSet(id=f"met-{criterion.key}", classes="yes-no", compact=True):
                    yield RadioButton(_("Yes"), value=bool(answer and answer.met), name="yes")
                    yield RadioButton(_("No"), value=bool(answer and not answer.met), name="no")
                yield Input(
                    answer.note if answer else "",
                    placeholder=_("Note"),
                    id=f"note-{criterion.key}",
                    compact=True,
                )
        yield self.label(_("If a criterion is not met: why enrol the person anyway?"))
        yield Input(now.criteria_exception, id="exception", compact=True)

    def values(self) -> Enrolment:
        criteria = {}
        for criterion in self.template.criteria:
            pressed = self.pressed_of(f"met-{criterion.key}")
            if pressed is None and self.correcting and criterion.key not in self.current.criteria:
                continue  # a criterion added to the template after this enrolment: may wait
            if pressed is None:
                raise UserError(_("Answer yes or no to every target-group criterion."))
            criteria[criterion.key] = Answer(
                pressed == "yes", self.text_of(f"note-{criterion.key}")
            )
        return Enrolment(
            name=self.text_of("name"),
            enrolled_on=self.date_of("enrolled", _("The enrolment date")),
            identity_number=self.text_of("pnr") or None,
            municipality=self.text_of("municipality"),
            criteria=criteria,
            criteria_exception=self.text_of("exception"),
        )
