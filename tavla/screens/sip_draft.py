"""The SIP screen's draft: a participant's coordinated individual plan, loaded, edited on
screen, drawn, and saved as a new version (ctrl+s).

The draft remembers the version it began from; if someone else saved meanwhile, the
save is refused, the draft stays, `d` shows how it differs from theirs, and a
second ctrl+s puts it on top knowingly. Nothing typed is lost on the way. The keys that
change the draft, and the rest of the screen's keys, are `sip.SipScreen`'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Label, Static

from tavla.domain.display import one_line
from tavla.errors import Conflict
from tavla.i18n import _
from tavla.render.labels import label_for
from tavla.render.sip import (
    crisis_text,
    goal_rows,
    measure_rows,
    need_rows,
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
    from tavla.store.database import Store


def needs_found(store: Store, code: str) -> list[tuple[str, str]]:
    """The needs the latest assessment found, unmet first, as (lane key, the life area's
    name): what the form offers when a need is added (read in a worker)."""
    from tavla.store.assessments import latest_assessment

    areas = {area.key: area for area in store.template.areas}
    found = [
        (assessment.need != "unmet", areas[key].lane, areas[key].label)
        for key, assessment in latest_assessment(store, code, log=False).items()
        if assessment.need in ("met", "unmet") and key in areas
    ]
    return [(lane, label) for _met, lane, label in sorted(found, key=lambda f: f[0])]


class SipDraft(TavlaScreen):
    """A participant's plans, loaded and drawn, and the SIP's draft (the base of `SipScreen`)."""

    app: TavlaApp

    DEFAULT_CSS = """
    SipDraft #body { padding: 0 1; }
    SipDraft .section { margin-top: 1; text-style: bold; color: $accent; }
    SipDraft DataTable { height: auto; max-height: 12; }
    SipDraft #header { text-style: bold; }
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
        # Needs to offer when adding one, (area key, text): the seam for the needs assessment.
        self.suggestions: list[tuple[str, str]] = []
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
            yield Label(
                _("Needs, also those no one meets yet (e adds, Enter changes, Delete removes)"),
                classes="section",
            )
            yield Table(id="needs", cursor_type="row", zebra_stripes=True)
            yield Label(
                _("What others do: Social Insurance Agency, Probation Service, relatives (o)"),
                classes="section",
            )
            yield Table(id="others", cursor_type="row", zebra_stripes=True)
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
        self.query_one("#needs", DataTable).add_columns(_("Need"), _("Area"), _("Met by"))
        self.query_one("#others", DataTable).add_columns(_("Who"), _("What they do"))

    # --- loading and drawing ------------------------------------------------------------

    def reload(self) -> None:
        store, code, log = self.app.store, self.code, not self._logged
        self._logged = True  # opening the screen is a read of the record; refreshing is not
        self.load(lambda: get_plans(store, code, log=log), self._show, group="plans")
        self.load(lambda: needs_found(store, code), self._found, group="assessment")

    def _found(self, suggestions: list[tuple[str, str]]) -> None:
        self.suggestions = suggestions

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
        lanes = {lane.key: lane.label for lane in self.app.template.lanes}
        self._fill("#needs", need_rows(draft, lambda key: lanes.get(key, key)))
        self._fill("#others", measure_rows(draft))
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

    def _fill(self, selector: str, rows: list[tuple]) -> None:
        """A table of the draft's parts, one row per (key, *cells), the cursor kept."""
        table = self.query_one(selector, DataTable)
        keep = table.cursor_row
        table.clear()
        for key, *cells in rows:
            table.add_row(*cells, key=key)
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))

    def _change(self, draft: SipPlan) -> None:
        """The draft changed on screen; it is saved only with ctrl+s."""
        self.draft = draft
        self.dirty = True
        self.redraw()

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
