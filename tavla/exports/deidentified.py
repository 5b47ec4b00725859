"""The current board without identities: fresh codes, levels and need marks by ISO week.

An explicit choice for sharing the board's picture with the municipality. Every
participant gets a code made for this file only, rows are in the order of those
codes (not the board's), and the file holds no names, identity numbers, free text,
contact names or exact dates: dates become ISO weeks. The link from a fresh code to
the person is written only to the access log, inside tavla. The rows still describe
people (pseudonymised data), so the file is written for the owner only (0600).
"""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from tavla.domain.dates import iso_week
from tavla.domain.flags import FLAG_LETTERS, participant_flags
from tavla.domain.vocabulary import Principal, as_key
from tavla.exports.document import Cell, Document, Progress, Table
from tavla.exports.writers import check_output, write_document
from tavla.i18n import _
from tavla.render.labels import label_for
from tavla.store.checks import CODE_DIGITS, CODE_LETTERS
from tavla.store.weekly_levels import in_effect, lane_ratings

if TYPE_CHECKING:
    from collections.abc import Callable

    from tavla.domain.flags import Flag
    from tavla.domain.template import BoardTemplate
    from tavla.store.board import BoardRow
    from tavla.store.database import Store
    from tavla.store.weekly_levels import Rated

FRESH_CODE_LENGTH = 5  # one longer than the board's codes, so the two can never be confused


def week_ends(today: date, weeks: int) -> list[date]:
    """The last day of each of the `weeks` ISO weeks up to today's, oldest first (today for
    the current week: what is known now)."""
    sunday = today + timedelta(days=6 - today.weekday())
    ends = [sunday - timedelta(weeks=n) for n in reversed(range(weeks))]
    return [min(end, today) for end in ends]


def fresh_codes(count: int) -> list[str]:
    alphabet = CODE_LETTERS + CODE_DIGITS
    codes: set[str] = set()
    while len(codes) < count:
        codes.add("".join(secrets.choice(alphabet) for _n in range(FRESH_CODE_LENGTH)))
    return list(codes)


def deidentified_document(
    store: Store, today: date, municipality: str | None = None
) -> tuple[Document, list[tuple[int, str]]]:
    """The document (of `municipality`'s participants only, if given), and (participant id,
    fresh code) pairs for the access log."""
    from tavla.store.board import load_board

    template = store.template
    rows = load_board(store, today, weeks=template.history_weeks, municipality=municipality).rows
    ends = week_ends(today, template.history_weeks)
    ratings = lane_ratings(store, ends[0] - timedelta(days=6), today)
    people = sorted(zip(fresh_codes(len(rows)), rows, strict=True), key=lambda pair: pair[0])
    cell = _cell_maker(template)

    board_rows, week_rows, data_people = [], [], []
    for code, row in people:
        history = {
            lane.key: ratings.get((row.participant_id, lane.key), []) for lane in template.lanes
        }
        by_week = {key: [in_effect(rated, end) for end in ends] for key, rated in history.items()}
        current = [cell(in_effect(history[lane.key], today)) for lane in template.lanes]
        flags = participant_flags(row, today, template.agenda)
        board_rows.append(_board_row(code, row, current, flags))
        for lane in template.lanes:
            week_rows.append((code, lane.label, *(cell(r) for r in by_week[lane.key])))
        data_people.append(_person_data(code, row, flags, by_week))
    weeks = [iso_week(end) for end in ends]
    document = Document(
        title=_("{name} – de-identified, week {week}").format(
            name=" · ".join(filter(None, (template.name, municipality))), week=iso_week(today)
        ),
        lines=(
            _(
                "Codes made for this file only: they are not the board's codes, and only "
                "the board's access log links them to people."
            ),
            _("No names, identity numbers, free text, contact names or exact dates."),
        ),
        tables=_tables(template, board_rows, week_rows, weeks),
        data={**_data(template, today, weeks, data_people), "municipality": municipality},
        personal=True,
    )
    return document, [(row.participant_id, code) for code, row in people]


def _cell_maker(template: BoardTemplate) -> Callable[[Rated | None], Cell]:
    """A rating as a cell: its level's symbol and need mark, in the level's colour."""
    mark = {m.key: m.mark for m in template.need}

    def cell(rated: Rated | None) -> Cell:
        if rated is None:
            return Cell("")
        level = template.level(rated.level)
        text = level.symbol + (mark.get(rated.need, "") if rated.need else "")
        return Cell(text, template.colours.get(level.colour))

    return cell


def _board_row(code: str, row: BoardRow, current: list[Cell], flags: list[Flag]) -> tuple:
    letters = [FLAG_LETTERS[f.key] for f in flags if f.key in FLAG_LETTERS]
    return (
        code,
        _principal(row.main_responsibility),
        iso_week(row.enrolled_on),
        *current,
        iso_week(row.sip_follow_up_on),
        iso_week(row.discussed_on),
        " ".join(letters),
    )


def _person_data(
    code: str, row: BoardRow, flags: list[Flag], by_week: dict[str, list[Rated | None]]
) -> dict:
    """One participant in the file's data: weeks, not dates; the level and need by week."""
    return {
        "code": code,
        "main_responsibility": row.main_responsibility,
        "enrolled_week": iso_week(row.enrolled_on),
        "sip_follow_up_week": iso_week(row.sip_follow_up_on) or None,
        "discussed_week": iso_week(row.discussed_on) or None,
        "flags": sorted(f.key for f in flags),
        "lanes": {
            key: [None if r is None else {"level": r.level, "need": r.need} for r in rated]
            for key, rated in by_week.items()
        },
    }


def _tables(
    template: BoardTemplate, board_rows: list[tuple], week_rows: list[tuple], weeks: list[str]
) -> tuple[Table, Table]:
    board = Table(
        key="board",
        title=_("Board"),
        header=(
            _("Code"),
            _("Main responsibility"),
            _("Enrolled (week)"),
            *(lane.label for lane in template.lanes),
            _("SIP follow-up (week)"),
            _("Discussed (week)"),
            _("Flags"),
        ),
        rows=tuple(board_rows),
        note=_legend(template),
        main=True,
    )
    by_week = Table(
        key="weeks",
        title=_("Levels by week"),
        header=(_("Code"), _("Lane"), *weeks),
        rows=tuple(week_rows),
        note=_("The level and need mark in force at the end of each ISO week."),
    )
    return board, by_week


def _data(template: BoardTemplate, today: date, weeks: list[str], people: list[dict]) -> dict:
    return {
        "format": "tavla-deidentified-board",
        "format_version": 1,
        "week": iso_week(today),
        "weeks": weeks,
        "lanes": [{"key": lane.key, "label": lane.label} for lane in template.lanes],
        "levels": [
            {"value": level.value, "label": level.label, "colour": level.colour}
            for level in (*template.levels, template.unknown)
        ],
        "participants": people,
    }


def _principal(key: str | None) -> str:
    return label_for(as_key(Principal, key)).capitalize()


def _legend(template: BoardTemplate) -> str:
    marks = ", ".join(f"{m.mark} {m.label.lower()}" for m in template.need)
    return _(
        "A lane shows its level ({marks}). Flags: S consent, O outcome (ORS), K crisis plan, "
        "Å an action past due, R a resource-group meeting due, V no permanent care contact."
    ).format(marks=marks)


def export_deidentified_board(
    store: Store,
    output: Path,
    *,
    today: date,
    progress: Progress | None = None,
    municipality: str | None = None,
) -> Path:
    """Write the de-identified board (`municipality`'s participants only, if given); the
    access log records, per participant, the file and the code it was given there."""
    from tavla.store import audit

    path = check_output(output)
    document, codes = deidentified_document(store, today, municipality)
    written = write_document(path, document, progress=progress)
    with store.write() as session:
        if not codes:
            audit.record(session, store.actor, "export", None, f"de-identified board → {written}")
        for participant_id, code in codes:
            audit.record(
                session,
                store.actor,
                "export",
                participant_id,
                f"de-identified board → {written} as {code}",
            )
    return written
