"""The SIP screen: its keys. The forms that change the draft (the meeting, own words, goals and
sub-goals, the interventions in the plan, the needs and what others do), and looking back and
around: how the draft differs from the newest version, the versions, the crisis plan, a copy to
hand over.
Loading, drawing and saving the draft is `sip_draft.SipDraft`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable

from tavla.i18n import _
from tavla.render.plan_diff import shareable, sip_changes
from tavla.screens.sip_draft import SipDraft
from tavla.screens.sip_need_forms import unlink, without
from tavla.store.sips import PlanIntervention, SipPlan


class SipScreen(SipDraft):
    """A participant's SIP and crisis plan, and the keys that change them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", _("Back")),
        Binding("ctrl+s", "save", _("Save")),
        Binding("m", "plan", _("Meeting")),
        Binding("w", "own_words", _("Own words"), show=False),  # its section says (w)
        Binding("g", "add_goal", _("Goal")),
        Binding("b", "add_sub_goal", _("Sub-goal")),
        Binding("i", "link", _("Interventions")),
        Binding("n", "new_intervention", _("New intervention"), show=False),
        Binding("e", "add_need", _("Need")),
        Binding("o", "add_measure", _("Others"), show=False),  # its section says (o)
        Binding("c", "crisis_plan", _("Crisis plan")),
        Binding("v", "versions", _("Versions")),
        Binding("d", "compare", _("Compare"), show=False),
        Binding("x", "copy", _("Copy")),
    ]

    # --- forms that change the draft ----------------------------------------------------

    def _form(self, dialog: Screen, apply: Callable[[object], SipPlan]) -> None:
        def done(result: object) -> None:
            if result is not None:  # None: cancelled
                self._change(apply(result))

        self.app.push_screen(dialog, done)

    def action_plan(self) -> None:
        from tavla.screens.sip_forms import PlanDialog

        if self.draft is None or self.record is None:
            return
        contacts = sorted(self.record.contacts.values(), key=lambda c: c.name)
        self._form(PlanDialog(self.draft, contacts, lambda plan: plan), lambda plan: plan)

    def action_own_words(self) -> None:
        from tavla.screens.sip_forms import OwnWordsDialog

        if self.draft is not None:
            self._form(OwnWordsDialog(self.draft, lambda plan: plan), lambda plan: plan)

    def action_add_goal(self) -> None:
        from tavla.screens.sip_forms import GoalDialog, edit_goal

        draft = self.draft
        if draft is not None:
            self._form(
                GoalDialog("", lambda text: text),
                lambda text: edit_goal(self.draft, len(self.draft.goals), text),
            )

    def _highlighted_goal(self) -> tuple[int, int | None] | None:
        table = self.query_one("#goals", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        goal, _dot, sub = key.partition(".")
        return int(goal), (int(sub) if sub else None)

    def action_add_sub_goal(self) -> None:
        from tavla.screens.sip_forms import SubGoalDialog, edit_sub_goal

        at = self._highlighted_goal()
        if self.draft is None or at is None:
            self.notify(_("Add a goal first (g)."), markup=False)
            return
        goal = at[0]
        self._form(
            SubGoalDialog(None, self.draft.ends_on, lambda sub: sub),
            lambda sub: edit_sub_goal(self.draft, goal, None, sub),
        )

    @on(DataTable.RowSelected, "#goals")
    def _edit_goal_row(self, event: DataTable.RowSelected) -> None:
        from tavla.screens.sip_forms import GoalDialog, SubGoalDialog, edit_goal, edit_sub_goal

        at = self._highlighted_goal()
        if self.draft is None or at is None:
            return
        goal, sub = at
        if sub is None:
            self._form(
                GoalDialog(self.draft.goals[goal].text, lambda text: text),
                lambda text: edit_goal(self.draft, goal, text),
            )
        else:
            current = self.draft.goals[goal].sub_goals[sub]
            self._form(
                SubGoalDialog(current, self.draft.ends_on, lambda s: s),
                lambda s: edit_sub_goal(self.draft, goal, sub, s),
            )

    def key_delete(self) -> None:
        from tavla.screens.sip_forms import remove_row

        table = self.focused
        if not isinstance(table, DataTable) or not table.row_count or self.draft is None:
            return
        if self.app.presentation:  # the goals are hidden: nobody can see what would go
            self.app.refuse_while_presenting()
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if table.id == "goals":
            self._change(remove_row(self.draft, key))
        elif table.id == "plan-interventions":
            kept = tuple(i for i in self.draft.interventions if str(i.intervention_id) != key)
            self._change(unlink(self.draft, kept))
        elif table.id in ("needs", "others"):
            self._change(without(self.draft, table.id, key))

    # --- needs and others' measures -------------------------------------------------------

    def action_add_need(self) -> None:
        self._need_form(None)

    @on(DataTable.RowSelected, "#needs")
    def _edit_need(self, event: DataTable.RowSelected) -> None:
        self._need_form(int(event.row_key.value))

    def _need_form(self, index: int | None) -> None:
        from tavla.screens.sip_need_forms import NeedDialog, edit_need, plan_interventions

        record, draft = self.record, self.draft
        if record is None or draft is None:
            return
        areas = [(lane.key, lane.label) for lane in self.app.template.lanes]
        whats = {i.id: i.what for i in record.interventions}
        need = draft.needs[index] if index is not None else None
        self._form(
            NeedDialog(
                need, areas, plan_interventions(draft, whats), lambda n: n, self.suggestions
            ),
            lambda n: edit_need(self.draft, index, n),
        )

    def action_add_measure(self) -> None:
        self._measure_form(None)

    @on(DataTable.RowSelected, "#others")
    def _edit_measure(self, event: DataTable.RowSelected) -> None:
        self._measure_form(int(event.row_key.value))

    def _measure_form(self, index: int | None) -> None:
        from tavla.screens.sip_need_forms import MeasureDialog, edit_measure

        if self.draft is None:
            return
        measure = self.draft.others_measures[index] if index is not None else None
        self._form(
            MeasureDialog(measure, lambda m: m), lambda m: edit_measure(self.draft, index, m)
        )

    def action_link(self) -> None:
        from tavla.screens.sip_forms import LinkDialog

        if self.draft is None or self.record is None:
            return
        linked = tuple(i.intervention_id for i in self.draft.interventions)
        self._form(
            LinkDialog(self.record.interventions, linked, lambda ids: ids),
            lambda ids: unlink(self.draft, tuple(PlanIntervention(i) for i in ids)),
        )

    def action_new_intervention(self) -> None:
        self._intervention_form(None)

    @on(DataTable.RowSelected, "#plan-interventions")
    def _edit_intervention(self, event: DataTable.RowSelected) -> None:
        self._intervention_form(int(event.row_key.value))

    def _intervention_form(self, intervention_id: int | None) -> None:
        """The participant's intervention itself is saved at once (it is theirs, not the
        plan's); a new one is also put in the draft."""
        from tavla.screens.intervention_form import InterventionDialog, form_input
        from tavla.store.interventions import (
            InterventionInput,
            add_intervention,
            update_intervention,
        )

        record = self.record
        if record is None:
            return
        current = form_input(record.interventions, intervention_id)
        store, code = self.app.store, self.code

        def save(item: InterventionInput, seen: InterventionInput | None) -> int:
            if intervention_id is None:
                return add_intervention(store, code, item)
            update_intervention(store, intervention_id, item, seen=seen)
            return intervention_id

        def done(saved: int | None) -> None:
            if saved is None:
                return
            self.notify(_("Intervention saved."), markup=False)
            if intervention_id is None and self.draft is not None:
                self._change(
                    replace(
                        self.draft,
                        interventions=(*self.draft.interventions, PlanIntervention(saved)),
                    )
                )
            self.reload()

        contacts = sorted(record.contacts.values(), key=lambda c: c.name)
        self.app.push_screen(
            InterventionDialog(
                self.app.template,
                contacts,
                self.app.today(),
                self.guarded(save, current),
                current,
            ),
            done,
        )

    # --- looking back, crisis plan, copy ------------------------------------------------

    def action_compare(self) -> None:
        from tavla.screens.plan_versions import ChangesDialog

        record, draft = self.record, self.draft
        if record is None or draft is None:
            return
        shown = self.shown(record)
        changes = shareable(
            sip_changes(record.sip, draft, record.contact_name),
            sip_changes(record.sip, draft, shown.contact_name, hide=True),
        )
        title = _("From the newest saved version ({n}) to yours on screen").format(
            n=record.sip_version or 0
        )
        self.app.push_screen(ChangesDialog(title, changes))

    def action_versions(self) -> None:
        from tavla.screens.plan_versions import VersionsScreen

        if self.record is not None:
            self.app.push_screen(VersionsScreen(self.record))

    def action_crisis_plan(self) -> None:
        from tavla.screens.sip_forms import CrisisPlanDialog
        from tavla.store.crisis_plans import save_crisis_plan

        record = self.record
        if record is None:
            return
        store, code, today, base = (
            self.app.store,
            self.code,
            self.app.today(),
            record.crisis_version,
        )

        def done(number: int | None) -> None:
            if number is not None:
                self.notify(_("Crisis plan saved as version {n}.").format(n=number), markup=False)
                self.reload()

        contacts = sorted(record.contacts.values(), key=lambda c: c.name)
        self.app.push_screen(
            CrisisPlanDialog(
                record.crisis_plan,
                contacts,
                today,
                lambda plan: save_crisis_plan(store, code, plan, base=base, today=today),
            ),
            done,
        )

    def action_copy(self) -> None:
        from tavla.exports.sip_copy import export_sip_copy
        from tavla.screens.sip_forms import CopyDialog

        record = self.record
        if record is None:
            return
        if self.dirty:
            self.notify(
                _("Save the SIP first (ctrl+s): the copy is made from the saved version."),
                severity="warning",
                markup=False,
            )
            return
        store, code, today = self.app.store, self.code, self.app.today()
        suggested = Path.home() / f"SIP-{code}-{today.isoformat()}.html"

        def write(values: tuple[Path, str]) -> Path:
            return export_sip_copy(store, code, values[0], today=today, fmt=values[1])

        def done(path: Path | None) -> None:
            if path is not None:
                self.notify(
                    _("The copy is written to {path}").format(path=path), markup=False, timeout=15
                )

        self.app.push_screen(CopyDialog(suggested, write), done)
