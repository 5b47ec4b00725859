"""ORS totals over time as bars with the adult cut-off drawn through them; SRS beneath."""

from __future__ import annotations

from rich.text import Text

from tavla.domain.flags import ORS_CUTOFF, ORS_RELIABLE_CHANGE, SRS_ALLIANCE_CUTOFF
from tavla.i18n import _
from tavla.render.lane_cell import LevelStyles
from tavla.store.outcomes import OutcomeSummary

SCALE = 40
SHOWN = 10


def ors_chart(outcomes: list[OutcomeSummary], styles: LevelStyles) -> Text:
    text = Text(no_wrap=True)
    orses = [o for o in outcomes if o.kind == "ors"][-SHOWN:]
    text.append(_("ORS (0–40), the line is the cut-off {cutoff}").format(cutoff=ORS_CUTOFF), "bold")
    if not orses:
        text.append("\n" + _("No ORS recorded."), styles.muted)
    previous = None
    for outcome in orses:
        total = outcome.total
        low = total <= ORS_CUTOFF
        text.append(f"\n{outcome.rated_on.isoformat()}  {total:>2} ")
        for position in range(1, SCALE + 1):
            if position == ORS_CUTOFF + 1:
                text.append("│", "bold")
            if position <= total:
                text.append("█", styles.unmet if low else styles.met)
            else:
                text.append(" ")
        if previous is not None and previous - total >= ORS_RELIABLE_CHANGE:
            text.append("  " + _("fell {drop}").format(drop=previous - total), styles.unmet)
        if low:
            text.append("  " + _("at or below the cut-off"), styles.unmet)
        previous = total
    srses = [o for o in outcomes if o.kind == "srs"][-SHOWN:]
    if srses:
        text.append("\n\n" + _("SRS (0–40)"), "bold")
        for outcome in srses:
            text.append(f"\n{outcome.rated_on.isoformat()}  {outcome.total:>2}")
            if outcome.total <= SRS_ALLIANCE_CUTOFF:
                text.append("  " + _("talk about the working alliance"), styles.uncovered)
    return text
