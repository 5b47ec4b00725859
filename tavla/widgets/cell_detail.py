"""Below the board: the highlighted participant and cell in words, including the latest note."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widgets import Static

from tavla.domain.display import one_line
from tavla.domain.flags import ORS_CUTOFF, Flag, covered, participant_flags
from tavla.domain.privacy import Withheld
from tavla.domain.template import BoardTemplate
from tavla.domain.vocabulary import Principal, as_key
from tavla.i18n import _
from tavla.render.consent import withheld_sentence
from tavla.render.labels import label_for
from tavla.render.lane_cell import LevelStyles
from tavla.store.board import BoardRow


def flag_sentence(flag: Flag, row: BoardRow, today: date) -> str:
    if flag.key == "resource_group":
        if row.resource_group_met_on is None:
            return _("No resource-group meeting since enrolment.")
        return _("No resource-group meeting since {date}.").format(date=row.resource_group_met_on)
    if flag.key == "care_contact":
        return _("No permanent care contact yet (press a on the participant).")
    if flag.key == "consent":
        if flag.state == "missing":
            return _("No consent to share information is recorded.")
        if flag.state == "revoked":
            return _("The consent was revoked on {date}.").format(date=row.consent_revoked_on)
        if flag.state == "expired":
            return _("The consent expired on {date}.").format(date=row.consent_expires_on)
        days = (row.consent_expires_on - today).days
        return _("The consent expires on {date}, in {days} days.").format(
            date=row.consent_expires_on, days=days
        )
    if flag.key == "crisis":
        if flag.state == "missing":
            return _("No crisis plan.")
        return _("The crisis plan was last reviewed on {date}, over six months ago.").format(
            date=row.crisis_reviewed_on
        )
    if flag.key == "sip":
        return _("The SIP follow-up was due on {date}.").format(date=row.sip_follow_up_on)
    if flag.key == "action":
        return _("An action was due on {date} and is still open (press a for actions).").format(
            date=row.action_due_on
        )
    if flag.state == "low":
        return _("ORS {total}, at or below the cut-off {cutoff}.").format(
            total=row.ors_total, cutoff=ORS_CUTOFF
        )
    return _("ORS fell from {previous} to {total}.").format(
        previous=row.ors_previous_total, total=row.ors_total
    )


def discussed_sentence(day: date | None, today: date) -> str:
    if day is None:
        return _("Not discussed in a weekly meeting yet.")
    return _("Last discussed in the weekly meeting of {date}, {days} days ago.").format(
        date=day, days=(today - day).days
    )


def follow_up_sentence(day: date | None, today: date) -> str:
    if day is None:
        return _("No SIP yet: press l to write one.")
    days = (day - today).days
    if days < 0:
        return _("The SIP follow-up was due on {date}, {days} days ago.").format(
            date=day, days=-days
        )
    return _("Next SIP follow-up: {date}, in {days} days.").format(date=day, days=days)


class CellDetail(Static):
    DEFAULT_CSS = """
    CellDetail {
        height: 4;
        padding: 0 1;
        background: $surface;
        border-top: solid $panel;
    }
    """

    def show(
        self,
        row: BoardRow | Withheld | None,
        column: str | None,
        template: BoardTemplate,
        styles: LevelStyles,
        today: date,
    ) -> None:
        """`row` as it may be shown (masked while presenting)."""
        text = self.describe(row, column, template, styles, today)
        # Fixed height: no layout pass needed, which matters with a thousand rows on the board.
        self.update(text, layout=False)

    @staticmethod
    def describe(
        row: BoardRow | Withheld | None,
        column: str | None,
        template: BoardTemplate,
        styles: LevelStyles,
        today: date,
    ) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        if row is None:
            text.append(
                _("Nobody is enrolled yet: press n to enrol, or use tavla participant add.")
            )
            return text
        if isinstance(row, Withheld):
            text.append(row.code, "bold")
            text.append("  ·  ")
            text.append(withheld_sentence(row), styles.unmet)
            text.append(
                "\n"
                + _(
                    "Without valid consent to share information between the principals, "
                    "the meeting sees only the code."
                )
            )
            return text

        text.append(row.code, "bold")
        if row.name:
            text.append("  " + one_line(row.name))
        if row.identity_number:
            text.append("  " + one_line(row.identity_number))
        text.append("  ·  " + _("enrolled {date}").format(date=row.enrolled_on.isoformat()))
        text.append("\n")

        lane = next((lane for lane in template.lanes if lane.key == column), None)
        if lane is not None:
            _describe_lane(text, row, lane.key, lane.label, template, styles, today)
        elif column == "sip":
            text.append(follow_up_sentence(row.sip_follow_up_on, today))
        elif column == "discussed":
            text.append(discussed_sentence(row.discussed_on, today))
        elif column == "flags":
            flags = participant_flags(row, today, template.agenda)
            sentences = [flag_sentence(flag, row, today) for flag in flags]
            text.append(" ".join(sentences) if sentences else _("No flags."))
        else:
            main = label_for(as_key(Principal, row.main_responsibility)) or "–"
            text.append(
                _(
                    "Coordinators: region {region}, municipality {municipality}; "
                    "main responsibility: {main}"
                ).format(
                    region=one_line(row.region_coordinator) or "–",
                    municipality=one_line(row.municipality_coordinator) or "–",
                    main=main,
                )
            )
        return text


def _describe_lane(
    text: Text,
    row: BoardRow,
    lane_key: str,
    label: str,
    template: BoardTemplate,
    styles: LevelStyles,
    today: date,
) -> None:
    cell = row.lanes.get(lane_key)
    text.append(label + ": ", "bold")
    if cell is None:
        text.append(_("not rated yet"))
        return
    level = template.level(cell.level)
    text.append(f" {level.symbol} ", styles.badge[level.symbol])
    text.append(f" {level.label}")
    mark = template.need_mark(cell.need)
    if mark is not None:
        text.append("  ·  ")
        text.append(mark.label, styles.unmet if mark.key == "unmet" else styles.met)
        if mark.key == "met" and not covered(row.coverage, lane_key, today):
            text.append(" " + _("(but no ongoing intervention covers it)"), styles.uncovered)
    week = cell.rated_on.isocalendar().week
    text.append(
        "  ·  "
        + _("rated {date} (week {week}) by {author}").format(
            date=cell.rated_on.isoformat(), week=week, author=one_line(cell.author)
        )
    )
    text.append("\n" + _("Note") + ": ", "bold")
    if cell.note:
        text.append(one_line(cell.note))
    else:
        text.append("–", styles.muted)
