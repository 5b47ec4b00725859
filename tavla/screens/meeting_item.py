"""A participant's meeting item: what it shows besides itself, read in a worker (their board
row, the interventions going on, what happened since the last meeting, their actions — or,
without valid consent to share between the principals, only the consent's state), how the
screen draws that, and rating a lane from the item with the board's own dialog."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Label, Static

from tavla.domain.privacy import Withheld, withheld
from tavla.domain.template import BoardTemplate
from tavla.i18n import _
from tavla.render.agenda import move_line
from tavla.render.consent import withheld_sentence
from tavla.render.lane_cell import LevelStyles
from tavla.screens.level_styles import level_styles
from tavla.store.actions import ActionSummary
from tavla.store.board import BoardRow
from tavla.store.interventions import InterventionSummary
from tavla.store.since_meeting import SinceView
from tavla.widgets.item_board import ItemBoard, ItemBoardView

if TYPE_CHECKING:
    from tavla.screens.base import TavlaScreen
    from tavla.store.agenda import AgendaView, ItemView
    from tavla.store.ratings import NewRating


@dataclass(frozen=True)
class ItemDetail:
    """What the screen shows about one item besides the item itself. For a participant
    without consent to share, only `withheld`: nothing else is even read."""

    item_id: int
    since: SinceView | None  # for a participant
    actions: tuple[ActionSummary, ...]  # made in this meeting for it; all open ones for "actions"
    row: BoardRow | None = None  # the participant's board row
    interventions: tuple[InterventionSummary, ...] = ()  # the participant's, going on today
    withheld: Withheld | None = None  # without valid consent to share: the code and state
    off_board: bool = False  # not on the board (discharged): nothing is known to share

    @property
    def shared(self) -> bool:
        return self.withheld is None and not self.off_board


def consent_words(detail: ItemDetail) -> str:
    """'Samtycke saknas', 'Samtycke återkallat 2026-11-02', …: the whole of what the meeting
    sees of someone without consent to share (in the board's words)."""
    if detail.withheld is None:
        return _("Not on the board (discharged)") if detail.off_board else ""
    return withheld_sentence(detail.withheld)


def unshared(store, agenda: AgendaView, today: date) -> frozenset[int]:
    """In a worker: the agenda's participants (by id) whose items show their code only, in the
    list of items too — no consent to share, or not on the board. Read by the board's query."""
    from tavla.store.board import load_board

    wanted = {item.participant_id for item in agenda.items if item.kind == "participant"}
    wanted.discard(None)
    if not wanted:
        return frozenset()
    rows = {row.participant_id: row for row in load_board(store, today).rows}
    return frozenset(pid for pid in wanted if pid not in rows or withheld(rows[pid]) is not None)


def read_detail(
    store,
    item: ItemView,
    since: date,
    meeting_id: int,
    *,
    today: date,
    log: bool,
    weeks: int = 12,
    scope: str | None = None,
) -> ItemDetail:
    """In a worker: what the item needs besides itself (store only, no widgets); `scope`, the
    meeting's municipality (None: the whole board's)."""
    from tavla.store.actions import list_actions

    if item.kind == "participant" and item.code and item.participant_id is not None:
        return _participant(store, item, since, meeting_id, today=today, log=log, weeks=weeks)
    if item.kind == "actions":
        found = list_actions(store, today=today, municipality=scope)  # the meeting's
        actions = [a for a in found if a.meeting_id != meeting_id]
    else:
        found = list_actions(store, today=today, status=None, meeting_id=meeting_id)
        actions = [a for a in found if a.code is None]
    return ItemDetail(item.id, None, tuple(actions))


def _participant(
    store, item: ItemView, since: date, meeting_id: int, *, today: date, log: bool, weeks: int
) -> ItemDetail:
    from tavla.store.actions import list_actions
    from tavla.store.board import board_row
    from tavla.store.interventions import list_interventions
    from tavla.store.since_meeting import since_meeting

    row = board_row(store, today, item.participant_id, weeks=weeks)
    if row is None:
        return ItemDetail(item.id, None, (), off_board=True)
    kept = withheld(row)  # the rule the board follows in the room, here always: the meeting's
    if kept is not None:
        return ItemDetail(item.id, None, (), withheld=kept)
    view = since_meeting(store, item.code, since, log=log)
    # Still open from before, and whatever this meeting agreed (done or not).
    found = list_actions(store, today=today, status=None, code=item.code)
    actions = [a for a in found if a.status == "open" or a.meeting_id == meeting_id]
    ongoing = [i for i in list_interventions(store, item.code) if i.active_on(today)]
    return ItemDetail(item.id, view, tuple(actions), row, tuple(ongoing))


def since_text(since: SinceView, template: BoardTemplate) -> Text:
    """What happened since the last meeting, a line each."""
    lines = [move_line(m.lane, m.before, m.after, template) for m in since.moves]
    lines += [_("Started: {what}").format(what=i.what) for i in since.started]
    lines += [_("Ended: {what}").format(what=i.what) for i in since.ended]
    lines += [_("Done: {what}").format(what=a.what) for a in since.actions_done]
    if not lines:
        return Text(_("No lane moved, no intervention started or ended, no action done."))
    return Text("\n".join(lines))


def rate_from_item(
    screen: TavlaScreen, row: BoardRow, styles: LevelStyles, saved: Callable[[], None]
) -> None:
    """Choose a lane of `row` (as loaded), then rate it in the board's own rating dialog, as
    the board calls it: it draws the row through the privacy rule, and shows a conflict.
    `saved` runs after a rating is stored (this process's own write: nobody else says so)."""
    from tavla.screens.meeting_forms import LaneChoice
    from tavla.screens.rating import RatingDialog
    from tavla.store.ratings import LaneSeen, add_rating

    app = screen.app
    store, today, template = app.store, app.today(), app.template

    def rate(lane_key: str | None) -> None:
        if lane_key is None or not screen.alive:
            return
        lane = template.lane(lane_key)
        # A conflict is shown in the dialog; saving again records the rating on top of the
        # one now stored, knowingly.
        submit = screen.guarded(
            lambda rating, seen: add_rating(
                store, row.code, rating, rated_on=today, today=today, seen=seen
            ),
            LaneSeen.of(row.lanes.get(lane.key)),
        )

        def done(rating: NewRating | None) -> None:
            if rating is not None:
                level = template.level(rating.level).symbol
                message = _("{code}: {lane} {level} saved.")
                app.notify(
                    message.format(code=row.code, lane=lane.label, level=level), markup=False
                )
                saved()

        app.push_screen(RatingDialog(row, lane, submit), done)
        log_read = app.log_read
        screen.run_worker(lambda: log_read("rating", row.code), thread=True, group="item-log")

    app.push_screen(LaneChoice(screen.shown(row), template, styles, today), rate)


class ParticipantItem:
    """The participant's part of the meeting screen (mixed into `MeetingScreen`): the board
    row and since-last-meeting drawn, the consent gate, and rating a lane from the item."""

    detail: ItemDetail | None
    styles_for_theme: LevelStyles | None = None

    def _restyle(self) -> None:
        self.styles_for_theme = level_styles(self.app.template, self.app.theme_variables)

    def _theme_changed(self, _theme: object) -> None:
        self._restyle()
        self.redraw()

    def _draw_consent(self, item: ItemView, detail: ItemDetail | None, shared: bool) -> None:
        """Without consent to share, the item says so and what to do: nothing more."""
        hint = self.query_one("#consent-hint", Static)
        hint.display = not shared and detail is not None
        if shared:
            return
        reasons = self.query_one("#reasons", Static)
        if detail is None:
            reasons.update(Text("…"))
            return
        words = consent_words(detail)
        if not detail.off_board:
            words += " – " + _("obtain consent")
        reasons.update(Text(words, "bold"))
        hint.update(
            Text(
                _(
                    "Without valid consent to share information between the principals, the "
                    "meeting sees only the code."
                )
                + " "
                + _("a adds an action.")
            )
        )

    def _draw_participant(self, agenda: AgendaView, detail: ItemDetail | None) -> None:
        board = self.query_one("#board-row", ItemBoard)
        if detail is not None and detail.row is not None and self.styles_for_theme is not None:
            template, today = self.app.template, self.app.today()
            styles = self.styles_for_theme
            board.show(ItemBoardView(detail.row, detail.interventions, template, styles, today))
        since_label = self.query_one("#since-label", Label)
        since_label.update(
            Text(_("Since last meeting ({day})").format(day=agenda.since.isoformat()))
        )
        if detail is not None and detail.since is not None:
            self.query_one("#since", Static).update(since_text(detail.since, self.app.template))

    def _loaded(self, item: ItemView) -> ItemDetail | None:
        """The detail of `item` as loaded (not masked), or None while it loads."""
        detail = self.detail
        return detail if detail is not None and detail.item_id == item.id else None

    def _refused_without_consent(self, item: ItemView) -> bool:
        """A participant's item without consent to share (or not yet known) opens nothing
        that would show more than the code; says so in one sentence."""
        if item.kind != "participant":
            return False
        detail = self._loaded(item)
        if detail is None:
            return True  # still loading: a moment later the key works, or says why not
        if detail.shared:
            return False
        if detail.off_board:
            self.notify(_("{code} is not on the board.").format(code=item.code), markup=False)
        else:
            self.notify(
                _("{code} has no valid consent to share information: record it first.").format(
                    code=item.code
                ),
                severity="warning",
                markup=False,
            )
        return True

    def action_rate(self) -> None:
        item = self._current()
        if item is None or self.styles_for_theme is None:
            return
        if item.kind != "participant":
            self.notify(_("Only a participant's item has lanes to rate."), markup=False)
            return
        if self._refused_without_consent(item):
            return
        detail = self._loaded(item)
        if detail is not None and detail.row is not None:
            rate_from_item(self, detail.row, self.styles_for_theme, self._rated)

    def _rated(self) -> None:
        """This process's own rating: every screen reads again (the item and its "since last
        meeting", the agenda, the board beneath), as when another tavla writes."""
        self.app.store_changed.publish(None)
