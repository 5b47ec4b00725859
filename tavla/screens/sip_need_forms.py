"""The SIP screen's forms for the plan's needs and others' measures, and how they change the
draft. A need names the plan's interventions that meet it; ticking none says that no
intervention meets it yet, which the plan states too (SoL 2 kap. 7 §, HSL 16 kap. 4 §)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, RadioButton, RadioSet, Static

from tavla.domain.display import one_line
from tavla.i18n import _
from tavla.render.labels import label_for
from tavla.screens.form import FormDialog
from tavla.store.sip_parts import OTHER_ACTORS, OthersMeasure, SipNeed, check_measure, check_need
from tavla.store.sips import PlanIntervention, SipPlan
from tavla.widgets.select import SelectionList

Suggestion = tuple[str, str]  # (area key, text): a need the latest assessment found


class NeedDialog(FormDialog):
    """A need: what, in which area, and which of the plan's interventions meet it."""

    def __init__(
        self,
        need: SipNeed | None,
        areas: list[tuple[str, str]],
        interventions: list[tuple[int, str]],
        submit: Callable[[SipNeed], SipNeed],
        suggestions: list[Suggestion] = (),  # the assessment's seam: needs it found
    ) -> None:
        super().__init__(_("Change the need") if need else _("Add a need"), submit)
        self.need = need or SipNeed("")
        self.areas = areas  # (key, label)
        self.interventions = interventions  # (id, what) of the plan's interventions
        self.suggestions = list(suggestions)

    def fields(self) -> ComposeResult:
        need = self.need
        if self.suggestions and not need.text:
            yield self.label(_("From the latest needs assessment (choose one, or write below)"))
            with RadioSet(id="suggested", compact=True):
                for n, (area, text) in enumerate(self.suggestions):
                    label = dict(self.areas).get(area, area)
                    yield RadioButton(Text(f"{label}: {one_line(text, 60)}"), name=str(n))
        yield self.label(_("Need"))
        yield Input(need.text, id="need", compact=True)
        yield self.label(_("Area"))
        with RadioSet(id="need-area", compact=True):
            yield RadioButton(_("none"), value=not need.area, name="")
            for key, label in self.areas:
                yield RadioButton(Text(label), value=need.area == key, name=key)
        yield self.label(_("Met by (space to tick; none ticked: no intervention yet)"))
        yield SelectionList[int](
            *(
                (Text(one_line(what, 60)), key, key in need.intervention_ids)
                for key, what in self.interventions
            ),
            id="met-by",
            compact=True,
        )
        if not self.interventions:
            yield Static(Text(_("The plan has no interventions yet (i, n).")), classes="hint")

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        if event.radio_set.id != "suggested" or event.pressed.name is None:
            return
        area, text = self.suggestions[int(event.pressed.name)]
        self.query_one("#need", Input).value = text
        # After this message: a button changed while handling it would not tell its set.
        self.call_after_refresh(self._press_area, area)

    def _press_area(self, area: str) -> None:
        for button in self.query_one("#need-area", RadioSet).query(RadioButton):
            if button.name == area:
                button.value = True

    def values(self) -> SipNeed:
        need = SipNeed(
            self.text_of("need"), self.pressed_of("need-area") or "", self.chosen("met-by")
        )
        return check_need(need)


class MeasureDialog(FormDialog):
    """What someone besides region and municipality does."""

    def __init__(
        self, measure: OthersMeasure | None, submit: Callable[[OthersMeasure], OthersMeasure]
    ) -> None:
        super().__init__(_("Change the measure") if measure else _("What others do"), submit)
        self.measure = measure or OthersMeasure("social_insurance", "")

    def fields(self) -> ComposeResult:
        yield self.label(_("Who"))
        with RadioSet(id="who", compact=True):
            for actor in OTHER_ACTORS:
                yield RadioButton(label_for(actor), value=self.measure.who == actor, name=actor)
        yield self.label(_("What they do"))
        yield Input(self.measure.what, id="what", compact=True)

    def values(self) -> OthersMeasure:
        return check_measure(OthersMeasure(self.pressed_of("who") or "other", self.text_of("what")))


def plan_interventions(plan: SipPlan, whats: dict[int, str]) -> list[tuple[int, str]]:
    """(id, what) of the plan's interventions, as they are now (or as saved)."""
    return [(i.intervention_id, whats.get(i.intervention_id, i.what)) for i in plan.interventions]


def edit_need(plan: SipPlan, index: int | None, need: SipNeed) -> SipPlan:
    needs = list(plan.needs)
    if index is None:
        needs.append(need)
    else:
        needs[index] = need
    return replace(plan, needs=tuple(needs))


def edit_measure(plan: SipPlan, index: int | None, measure: OthersMeasure) -> SipPlan:
    measures = list(plan.others_measures)
    if index is None:
        measures.append(measure)
    else:
        measures[index] = measure
    return replace(plan, others_measures=tuple(measures))


def without(plan: SipPlan, table: str, key: str) -> SipPlan:
    """The draft without a row of the needs or others' measures table."""
    if table == "needs":
        return replace(plan, needs=tuple(n for i, n in enumerate(plan.needs) if str(i) != key))
    kept = tuple(m for i, m in enumerate(plan.others_measures) if str(i) != key)
    return replace(plan, others_measures=kept)


def unlink(plan: SipPlan, kept: tuple[PlanIntervention, ...]) -> SipPlan:
    """The plan with only `kept` interventions; a need met by one taken out loses the link."""
    ids = {i.intervention_id for i in kept}
    needs = tuple(
        replace(n, intervention_ids=tuple(i for i in n.intervention_ids if i in ids))
        for n in plan.needs
    )
    return replace(plan, interventions=kept, needs=needs)
