"""The needs assessment (kartläggning) of one participant: each life area of the template with
its newest assessment — need, date, by whom, note — and the form that assesses one (Enter)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Input, RadioButton, RadioSet, Static

from tavla.domain.display import one_line
from tavla.domain.template import LifeArea
from tavla.domain.vocabulary import AreaNeed
from tavla.errors import UserError
from tavla.i18n import _
from tavla.render.labels import label_for
from tavla.screens.base import TavlaScreen
from tavla.screens.form import DATE_HINT, FormDialog
from tavla.store.assessments import NOTE_MAX, Assessment
from tavla.widgets.status_bar import StatusBar
from tavla.widgets.table import Table

NEED_STYLES = {AreaNeed.UNMET: "bold red", AreaNeed.MET: "green", AreaNeed.NONE: ""}


class AssessmentScreen(TavlaScreen):
    """One participant's life areas and their newest assessments; Enter assesses one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", _("Back")),
        Binding("enter", "assess", _("Assess"), show=True),
    ]

    DEFAULT_CSS = """
    AssessmentScreen #title { height: 1; padding: 0 1; text-style: bold; }
    AssessmentScreen DataTable { height: 1fr; }
    """

    def __init__(self, code: str) -> None:
        super().__init__(id="assessment-screen")
        self.code = code
        self.latest: dict[str, Assessment] = {}
        self.logged = False  # the first reading is logged, a refresh is not

    def heading(self) -> str:
        return _("Needs assessment")

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Static(id="title")
        yield Table(id="areas", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def reload(self) -> None:
        from tavla.store.assessments import latest_assessment

        store, code, log = self.app.store, self.code, not self.logged
        self.logged = True
        self.load(lambda: latest_assessment(store, code, log=log), self._show, group="areas")

    def _show(self, latest: dict[str, Assessment]) -> None:
        self.latest = latest
        self.redraw()

    def redraw(self) -> None:
        template = self.app.template
        title = Text(_("Needs assessment, life areas: {code}").format(code=self.code), "bold")
        if self.app.presentation:
            title.append("  ·  " + _("notes hidden in presentation mode"), "italic")
        self.query_one("#title", Static).update(title)
        table = self.query_one(DataTable)
        if not table.columns:
            table.add_columns(_("Life area"), _("Lane"), _("Need"), _("Date"), _("By"), _("Note"))
        keep = table.cursor_row
        table.clear()
        latest = self.shown(self.latest)
        for area in template.areas:
            found = latest.get(area.key)
            lane = template.lane(area.lane).label
            if found is None:
                cells = [Text(_("not assessed"), "italic"), "–", "", ""]
            else:
                cells = [
                    Text(label_for(found.need), NEED_STYLES.get(found.need, "")),
                    found.assessed_on.isoformat(),
                    Text(one_line(found.assessed_by, 24)),
                    Text(one_line(found.note, 60)),
                ]
            table.add_row(Text(area.label, "bold"), Text(lane), *cells, key=area.key)
        if table.row_count:
            table.move_cursor(row=min(max(keep, 0), table.row_count - 1))
        table.focus()

    def _highlighted(self) -> LifeArea | None:
        table = self.query_one(DataTable)
        areas = self.app.template.areas
        if not table.row_count or not 0 <= table.cursor_row < len(areas):
            return None
        return areas[table.cursor_row]

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_assess()

    def action_assess(self) -> None:
        from tavla.store.assessments import add_assessment

        area = self._highlighted()
        if area is None:
            return
        store, code, today = self.app.store, self.code, self.app.today()

        def save(values: tuple[str, str, date]) -> bool:
            need, note, on = values
            add_assessment(store, code, area.key, need, note=note, assessed_on=on, today=today)
            return True

        dialog = AssessmentDialog(code, area, self.latest.get(area.key), today, save)
        self.app.push_screen(dialog, self.saved_then(_("Assessment recorded.")))


class AssessmentDialog(FormDialog[bool]):
    """Assess one life area: the need, the date, a note. The note is personal (and the earlier
    one is shown), so the form is not opened on a shared screen."""

    def __init__(
        self,
        code: str,
        area: LifeArea,
        current: Assessment | None,
        today: date,
        submit: Callable[[tuple[str, str, date]], bool],
    ) -> None:
        title = _("Assess {area} for {code}").format(area=area.label, code=code)
        super().__init__(title, submit)
        self.current = current
        self.today = today

    def fields(self) -> ComposeResult:
        now = self.current
        yield self.label(_("Need"))
        with RadioSet(id="need", compact=True):
            for need in AreaNeed:
                pressed = now is not None and now.need == need
                yield RadioButton(label_for(need).capitalize(), value=pressed, name=need)
        yield self.label(_("Date"))
        yield Input(self.today.isoformat(), placeholder=DATE_HINT, id="on", compact=True)
        yield self.label(_("Note (optional)"))
        yield Input(now.note if now else "", max_length=NOTE_MAX, id="note", compact=True)
        if now is not None:
            yield Static(
                Text(
                    _("Previous: {need}, {date}, {who}").format(
                        need=label_for(now.need), date=now.assessed_on, who=now.assessed_by
                    )
                ),
                classes="hint",
            )

    def values(self) -> tuple[str, str, date]:
        need = self.pressed_of("need")
        if need is None:
            self.query_one("#need", RadioSet).focus()
            raise UserError(_("Choose none, met or unmet before saving."))
        return need, self.text_of("note"), self.date_of("on", _("The assessment date"))
