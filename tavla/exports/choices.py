"""The exports a user can choose in the interface, what each holds, and running one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tavla.domain.dates import iso_week
from tavla.domain.vocabulary import ExportKind
from tavla.i18n import _

if TYPE_CHECKING:
    from tavla.exports.document import Progress
    from tavla.store.database import Store

KINDS = tuple(ExportKind)
SUFFIXES = ("xlsx", "csv", "html", "json")


@dataclass(frozen=True)
class ExportRequest:
    kind: str  # one of KINDS
    path: Path
    first_month: date | None = None  # figures only: the first days of the period's months
    last_month: date | None = None
    municipality: str | None = None  # board and figures: that municipality's people only


def kind_about(kind: str) -> str:
    return {
        "template": _(
            "Lanes, level scale, need marks, columns, meeting routine, agenda rules, "
            "criteria and an empty board. No personal data; readable by all (0644)."
        ),
        "board": _(
            "Codes made for this file, levels and need marks by ISO week. No names, identity "
            "numbers, free text or exact dates. Rows about people: yours alone (0600)."
        ),
        "figures": _(
            "Counts over a period of months: 1 or 2 people show as <3, a figure hidden to "
            "protect them as ×. No rows about people; readable by all (0644)."
        ),
    }[kind]


def default_name(kind: str, suffix: str, today: date) -> str:
    stem = {
        "template": _("tavla-template"),
        "board": _("tavla-board-deidentified-{week}").format(week=iso_week(today)),
        "figures": _("tavla-figures-{week}").format(week=iso_week(today)),
    }[kind]
    return f"{stem}.{suffix}"


def run_export(
    store: Store, request: ExportRequest, *, today: date, progress: Progress | None = None
) -> Path:
    """Write the chosen export; returns the file's absolute path. UserError when it cannot."""
    if request.kind == "template":
        from tavla.exports.template import export_template

        return export_template(store, request.path, progress=progress)
    if request.kind == "board":
        from tavla.exports.deidentified import export_deidentified_board

        return export_deidentified_board(
            store,
            request.path,
            today=today,
            progress=progress,
            municipality=request.municipality,
        )
    from tavla.exports.figures import default_period, export_figures

    first, last = default_period(today)
    return export_figures(
        store,
        request.path,
        first_month=request.first_month or first,
        last_month=request.last_month or last,
        today=today,
        progress=progress,
        municipality=request.municipality,
    )
