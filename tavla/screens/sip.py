"""The SIP screen: a participant's coordinated individual plan and crisis plan.

The SIP is edited as a draft on screen and saved as a new version (ctrl+s). The
draft remembers the version it began from; if someone else saved meanwhile, the
save is refused, the draft stays, `d` shows how it differs from theirs, and a
second ctrl+s puts it on top knowingly. Nothing typed is lost on the way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, Static

from tavla.domain.display import one_line
from tavla.errors import Conflict
from tavla.i18n import _
from tavla.render.labels import label_for
from tavla.render.plan_diff import shareable, sip_changes
from tavla.render.sip import (
    crisis_text,
    goal_rows,
    own_words_text,
    plan_text,
)
from tavla.screens.base import TavlaScreen
from tavla.store.plans_record import PlansRecord, get_plans
from tavla.store.sips import PlanIntervention, SipPlan
from tavla.widgets.status_bar import StatusBar
from tavla.widgets.table import Table

if TYPE_CHECKING:
    from tavla.app import TavlaApp


class SipScreen(TavlaScreen):
    app: TavlaApp

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", _("Back")),
        Binding("ctrl+s", "save", _("Save")),
        Binding("m", "plan", _("Meeting")),
        Binding("w", "own_words", _("Own words"), show=False),  # its section says (w)
        Binding("g", "add_goal", _("Goal")),
        Binding("b", "add_sub_goal", _("Sub-goal")),
        Binding("i", "link", _("Interventions")),
        Binding("n", "new_intervention", _("New intervention"), show=False),
        Binding("c", "crisis_plan", _("Crisis plan")),
        Binding("v", "versions", _("Versions")),
        Binding("d", "compare", _("Compare"), show=False),
        Binding("x", "copy", _("Copy")),
    ]

    DEFAULT_CSS = """
    SipScreen #body { padding: 0 1; }
    SipScreen .section { margin-top: 1; text-style: bold; color: $accent; }
    SipScreen DataTable { height: auto; max-height: 12; }
    SipScreen #header { text-style: bold; }
    """

    def __init__(self, code: str) -> None:
        super().__init__(id=f"sip-{code}")
        self.code = code
        self.record: PlansRecord | None = None
        self.draft: SipPlan | None = None
        self.base: int | None = None  # the version the draft began from
        self.dirty = False
        self.refused_by: int | None = None  # a newer version that refused our save
        self._leaving = False
        self._logged = False

    def compose(self) -> ComposeResult:
        yield StatusBar()
        with VerticalScroll(id="body"):
            yield Static(id="header")
            yield Label(_("In the person's own words (w)"), classes="section")
            yield Static(id="own-words")
            yield Label(
                _("Goals and sub-goals (g, b; Enter changes, Delete removes)"), classes="section"
            )
            yield Table(id="goals", cursor_type="row", zebra_stripes=True)
            yield Label(
                _("Interventions in the plan (i chooses, n adds, Enter changes)"), classes="section"
            )
            yield Table(id="plan-interventions", cursor_type="row", zebra_stripes=True)
            yield Label(_("Meeting and plan (m)"), classes="section")
            yield Static(id="plan")
            yield Label(_("Crisis plan (c)"), classes="section")
            yield Static(id="crisis")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#goals", DataTable).add_columns(_("Goal / sub-goal"), _("Due"), _("Status"))
        self.query_one("#plan-interventions", DataTable).add_columns(
            _("What"), _("Principal"), _("Responsible"), _("From"), _("To"), _("Status")
        )

    # --- loading and drawing ------------------------------------------------------------

    def reload(self) -> None:
        store, code, log = self.app.store, self.code, not self._logged
        self._logged = True  # opening the screen is a read of the record; refreshing is not
        self.load(lambda: get_plans(store, code, log=log), self._show, group="plans")

    def _show(self, record: PlansRecord) -> None:
        first = self.record is None
        self.record = record
        if not self.dirty:
            self.draft = record.sip or self._new_draft(record)
            self.base = record.sip_version
        elif record.sip_version != self.base and not first:
            self.notify(
                _("Someone saved a newer version of this SIP. Press d to compare before you save."),
                severity="warning",
                markup=False,
            )
        self.redraw()

    def _new_draft(self, record: PlansRecord) -> SipPlan:
        """A first SIP starts from what is known: today's meeting, the coordinators, the
        ongoing and planned interventions, and who holds the main responsibility."""
        staff = tuple(
            i
            for i in (record.region_coordinator_id, record.municipality_coordinator_id)
            if i is not None
        )
        holder = (
            record.region_coordinator_id
            if record.main_responsibility == "region"
            else record.municipality_coordinator_id
        )
        return SipPlan(
            meeting_on=self.app.today(),
            attendee_ids=staff,
            interventions=tuple(
                PlanIntervention(i.id) for i in record.interventions if i.status != "ended"
            ),
            main_responsibility=record.main_responsibility,
            responsible_id=holder,
        )

    def redraw(self) -> None:
        if self.record is None or self.draft is None:
            return
        record, draft = self.shown(self.record), self.shown(self.draft)
        today = self.app.today()
        self.query_one("#header", Static).update(self._header(record))
        self.query_one("#own-words", Static).update(own_words_text(draft))
        goals = self.query_one("#goals", DataTable)
        keep = goals.cursor_row
        goals.clear()
        for key, label, due, status in goal_rows(draft):
            goals.add_row(label, due, status, key=key)
        if goals.row_count:
            goals.move_cursor(row=min(keep, goals.row_count - 1))
        self._fill_interventions(record, draft)
        self.query_one("#plan", Static).update(plan_text(draft, record, today))
        self.query_one("#crisis", Static).update(crisis_text(record.crisis_plan, record, today))

    def _header(self, record: PlansRecord) -> Text:
        text = Text()
        text.append(record.code, "bold reverse")
        if record.name:
            text.append("  " + one_line(record.name), "bold")
        text.append("  ·  " + _("SIP"))
        if record.sip_version is None:
            text.append("  " + _("no saved version yet"))
        else:
            info = record.sips[-1][0]
            text.append(
                "  "
                + _("version {n}, saved {day} by {who}").format(
                    n=record.sip_version,
                    day=info.saved_at.astimezone().date(),
                    who=one_line(info.saved_by),
                )
            )
        if self.dirty:
            text.append("  ")
            text.append(
                " " + _("UNSAVED CHANGES – ctrl+s saves a new version") + " ", "bold reverse yellow"
            )
        return text

    def _fill_interventions(self, record: PlansRecord, draft: SipPlan) -> None:
        table = self.query_one("#plan-interventions", DataTable)
        keep = table.cursor_row
        table.clear()
        now = {item.id: item for item in record.interventions}
        for linked in draft.interventions:
            item = now.get(linked.intervention_id)
            if item is None:
                continue
            unit = f", {one_line(item.unit)}" if item.unit else ""
            table.add_row(
                Text(one_line(item.what, 40)),
                Text(label_for(item.principal) + unit),
                Text(one_line(item.responsible) or "–"),
                item.started_on.isoformat(),
                item.ended_on.isoformat() if item.ended_on else "…",
                label_for(item.status),
                key=str(item.id),
            )
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))

    def _change(self, draft: SipPlan) -> None:
        """The draft changed on screen; it is saved only with ctrl+s."""
        self.draft = draft
        self.dirty = True
        self.redraw()

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
            self._change(replace(self.draft, interventions=kept))

    def action_link(self) -> None:
        from tavla.screens.sip_forms import LinkDialog

        if self.draft is None or self.record is None:
            return
        linked = tuple(i.intervention_id for i in self.draft.interventions)
        self._form(
            LinkDialog(self.record.interventions, linked, lambda ids: ids),
            lambda ids: replace(self.draft, interventions=tuple(PlanIntervention(i) for i in ids)),
        )

    def action_new_intervention(self) -> None:
        self._intervention_form(None)

    @on(DataTable.RowSelected, "#plan-interventions")
    def _edit_intervention(self, event: DataTable.RowSelected) -> None:
        self._intervention_form(int(event.row_key.value))

    def _intervention_form(self, intervention_id: int | None) -> None:
        """The participant's intervention itself is saved at once (it is theirs, not the
        plan's); a new one is also put in the draft."""
        from tavla.screens.form import guarded
        from tavla.screens.intervention_form import InterventionDialog
        from tavla.store.interventions import (
            InterventionInput,
            add_intervention,
            update_intervention,
        )

        record = self.record
        if record is None:
            return
        current = None
        for item in record.interventions:
            if item.id == intervention_id:
                current = InterventionInput(
                    item.what,
                    item.principal,
                    item.lanes,
                    item.started_on,
                    item.status,
                    item.unit,
                    item.responsible_id,
                    item.ended_on,
                )
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
                guarded(save, current, lambda: self.app.call_from_thread(self.reload)),
                current,
            ),
            done,
        )

    # --- saving -------------------------------------------------------------------------

    def action_save(self) -> None:
        if self.draft is None:
            return
        if self.refused_by is not None:  # the user was told, and saves on top knowingly
            self.base, self.refused_by = self.refused_by, None
        self._save(self.draft, self.base)

    def _save(self, draft: SipPlan, base: int | None) -> None:
        from tavla.store.sips import save_sip

        store, code, today = self.app.store, self.code, self.app.today()

        def save() -> int | Conflict:
            try:
                return save_sip(store, code, draft, base=base, today=today)
            except Conflict as conflict:
                return conflict

        def done(result: int | Conflict) -> None:
            if isinstance(result, Conflict):
                self._refused(result)
            else:
                self._saved(result)

        self.change(save, done)

    def _saved(self, number: int) -> None:
        self.dirty = False
        self.base = number
        self.notify(_("SIP saved as version {n}.").format(n=number), markup=False)
        self.reload()

    def _refused(self, conflict: Conflict) -> None:
        self.refused_by = conflict.current
        self.notify(
            str(conflict)
            + " "
            + _("Press d to see how yours differs; ctrl+s again saves yours as the next version."),
            severity="error",
            markup=False,
            timeout=20,
        )
        self.reload()

    def action_back(self) -> None:
        if self.dirty and not self._leaving:
            self._leaving = True
            self.notify(
                _(
                    "The SIP has unsaved changes: ctrl+s saves them, escape again leaves "
                    "without saving."
                ),
                severity="warning",
                markup=False,
            )
            return
        self.dismiss()

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
