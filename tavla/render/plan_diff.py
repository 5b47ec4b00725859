"""What changed between two versions of a SIP or crisis plan, in words a coordinator reads.

Pure functions over the plan dataclasses: goals and sub-goals are matched by
their text, interventions by their id. `hide` names goals by number instead of quoting
the person's words; `shareable` pairs the two wordings, so the privacy rule can choose.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from tavla.domain.dates import day_text
from tavla.domain.display import one_line
from tavla.domain.privacy import Personal, hidden
from tavla.i18n import _
from tavla.render.labels import label_for
from tavla.store.crisis_plans import CrisisPlan
from tavla.store.sips import PlanIntervention, SipPlan

Names = Callable[[int | None], str]  # contact id → name


@dataclass(frozen=True)
class Change:
    PERSONAL: ClassVar[dict[str, Personal]] = {"text": Personal.QUOTE}

    sign: str  # "+" added, "-" removed, "~" changed
    text: str  # may quote the person's words
    plain: str = ""  # the same without quoting them, for a shared screen


def shareable(quoted: list[Change], plain: list[Change]) -> list[Change]:
    """The changes worded both ways (`plain`: the same diff made with `hide`)."""
    return [Change(q.sign, q.text, p.text) for q, p in zip(quoted, plain, strict=True)]


def _dates(changes: list[Change], pairs: list[tuple[str, date | None, date | None]]) -> None:
    for what, old, new in pairs:
        if old == new:
            continue
        if old is None:
            text = _("{what} set to {new}").format(what=what, new=day_text(new))
            changes.append(Change("+", text))
        elif new is None:
            changes.append(
                Change("-", _("{what} removed (was {old})").format(what=what, old=day_text(old)))
            )
        else:
            changes.append(
                Change(
                    "~",
                    _("{what} moved from {old} to {new}").format(
                        what=what, old=day_text(old), new=day_text(new)
                    ),
                )
            )


def _texts(changes: list[Change], pairs: list[tuple[str, str, str]]) -> None:
    for what, old, new in pairs:
        if old == new:
            continue
        if not old:
            changes.append(Change("+", _("{what} written").format(what=what)))
        elif not new:
            changes.append(Change("-", _("{what} emptied").format(what=what)))
        else:
            changes.append(Change("~", _("{what} rewritten").format(what=what)))


def _people(
    changes: list[Change], what: str, old: tuple[int, ...], new: tuple[int, ...], names: Names
) -> None:
    for contact_id in new:
        if contact_id not in old:
            changes.append(Change("+", f"{what}: {one_line(names(contact_id)) or '?'}"))
    for contact_id in old:
        if contact_id not in new:
            changes.append(Change("-", f"{what}: {one_line(names(contact_id)) or '?'}"))


def sip_changes(
    old: SipPlan | None, new: SipPlan, names: Names, *, hide: bool = False
) -> list[Change]:
    """The changes from `old` to `new` (`old` None: the first version, everything is new)."""
    old = old or SipPlan()
    changes: list[Change] = []
    _dates(
        changes,
        [
            (_("SIP meeting"), old.meeting_on, new.meeting_on),
            (_("Follow-up"), old.follow_up_on, new.follow_up_on),
            (_("Plan ends"), old.ends_on, new.ends_on),
            (_("Consent to the SIP"), old.consent_on, new.consent_on),
            (_("Copy offered"), old.copy_offered_on, new.copy_offered_on),
        ],
    )
    _people(changes, _("Took part"), old.attendee_ids, new.attendee_ids, names)
    if old.person_took_part != new.person_took_part:
        changes.append(
            Change(
                "~",
                _("The person took part")
                if new.person_took_part
                else _("The person did not take part"),
            )
        )
    if (old.main_responsibility, old.responsible_id) != (
        new.main_responsibility,
        new.responsible_id,
    ):
        who = one_line(names(new.responsible_id)) or "–"
        changes.append(
            Change(
                "~",
                _("Main responsibility: {principal}, {who}").format(
                    principal=label_for(new.main_responsibility or "") or "–", who=who
                ),
            )
        )
    _texts(
        changes,
        [
            (_("Others present"), old.others_present, new.others_present),
            (_("The person's description"), old.own_description, new.own_description),
            (_("The person's own goals"), old.own_goals, new.own_goals),
            (_("The person's own view"), old.own_view, new.own_view),
            (_("What was unclear to the person"), old.unclear, new.unclear),
        ],
    )
    _goal_changes(changes, old, new, hide)
    _intervention_changes(changes, old.interventions, new.interventions, names)
    _need_changes(changes, old, new, hide)
    _measure_changes(changes, old, new, hide)
    _caller_change(changes, old, new, names, hide)
    return changes


def _caller_change(
    changes: list[Change], old: SipPlan, new: SipPlan, names: Names, hide: bool
) -> None:
    """Who calls the follow-up, when it changed: the contact, and or the words typed."""
    if (old.follow_up_caller_id, old.follow_up_caller) == (
        new.follow_up_caller_id,
        new.follow_up_caller,
    ):
        return
    caller = [one_line(names(new.follow_up_caller_id))] if new.follow_up_caller_id else []
    if new.follow_up_caller:
        caller.append(hidden() if hide else one_line(new.follow_up_caller, 40))
    who = ", ".join(c for c in caller if c) or "–"
    changes.append(Change("~", _("Calls the follow-up: {who}").format(who=who)))


def _meets(plan: SipPlan, ids: tuple[int, ...]) -> str:
    """The interventions that meet a need, by what they are; or that none does yet."""
    whats = {i.intervention_id: i.what for i in plan.interventions}
    met = [repr(one_line(whats.get(i, "?"), 30)) for i in ids]
    return ", ".join(met) if met else _("no intervention yet")


def _need_changes(changes: list[Change], old: SipPlan, new: SipPlan, hide: bool) -> None:
    """Needs matched by their text: added, gone, now met or unmet, moved to another area."""
    before = {need.text: need for need in old.needs}
    after = {need.text for need in new.needs}
    for number, need in enumerate(new.needs, start=1):
        label = _goal_label(need.text, number, hide)
        was = before.get(need.text)
        meets = _meets(new, need.intervention_ids)
        if was is None:
            changes.append(Change("+", _("Need {need}: {meets}").format(need=label, meets=meets)))
            continue
        if _meets(old, was.intervention_ids) != meets:
            changes.append(Change("~", _("Need {need}: {meets}").format(need=label, meets=meets)))
        if was.area != need.area:
            changes.append(Change("~", _("Need {need}: moved to another area").format(need=label)))
    for need in old.needs:
        if need.text not in after:
            label = hidden() if hide else repr(one_line(need.text, 60))
            changes.append(Change("-", _("Need {need}").format(need=label)))


def _measure_changes(changes: list[Change], old: SipPlan, new: SipPlan, hide: bool) -> None:
    """Others' measures, matched by who and what."""
    for sign, mine, theirs in (("+", new, old), ("-", old, new)):
        for measure in mine.others_measures:
            if measure not in theirs.others_measures:
                what = hidden() if hide else repr(one_line(measure.what, 50))
                changes.append(
                    Change(
                        sign,
                        _("{who} does {what}").format(who=label_for(measure.who), what=what),
                    )
                )


def _goal_label(text: str, number: int, hide: bool) -> str:
    return str(number) if hide else repr(one_line(text, 60))


def _goal_changes(changes: list[Change], old: SipPlan, new: SipPlan, hide: bool) -> None:
    old_goals = {goal.text: goal for goal in old.goals}
    new_texts = {goal.text for goal in new.goals}
    for number, goal in enumerate(new.goals, start=1):
        label = _goal_label(goal.text, number, hide)
        before = old_goals.get(goal.text)
        if before is None:
            changes.append(Change("+", _("Goal {goal}").format(goal=label)))
        old_subs = {s.text: s for s in (before.sub_goals if before else ())}
        for sub_number, sub in enumerate(goal.sub_goals, start=1):
            sub_label = f"{number}.{sub_number}" if hide else repr(one_line(sub.text, 60))
            was = old_subs.get(sub.text)
            if was is None:
                changes.append(
                    Change(
                        "+",
                        _("Sub-goal {sub} (due {day}, {status})").format(
                            sub=sub_label,
                            day=day_text(sub.target_on),
                            status=label_for(sub.status),
                        ),
                    )
                )
                continue
            if was.status != sub.status:
                changes.append(
                    Change(
                        "~",
                        _("Sub-goal {sub}: {old} → {new}").format(
                            sub=sub_label,
                            old=label_for(was.status),
                            new=label_for(sub.status),
                        ),
                    )
                )
            if was.target_on != sub.target_on:
                changes.append(
                    Change(
                        "~",
                        _("Sub-goal {sub}: due {old} → {new}").format(
                            sub=sub_label, old=day_text(was.target_on), new=day_text(sub.target_on)
                        ),
                    )
                )
        new_subs = {s.text for s in goal.sub_goals}
        for sub in before.sub_goals if before else ():
            if sub.text not in new_subs:
                label_gone = hidden() if hide else repr(one_line(sub.text, 60))
                changes.append(Change("-", _("Sub-goal {sub}").format(sub=label_gone)))
    for goal in old.goals:
        if goal.text not in new_texts:
            label = hidden() if hide else repr(one_line(goal.text, 60))
            changes.append(Change("-", _("Goal {goal}").format(goal=label)))


def _intervention_changes(
    changes: list[Change],
    old: tuple[PlanIntervention, ...],
    new: tuple[PlanIntervention, ...],
    names: Names,
) -> None:
    before = {item.intervention_id: item for item in old}
    after = {item.intervention_id: item for item in new}
    for key, item in after.items():
        was = before.get(key)
        if was is None:
            changes.append(
                Change(
                    "+",
                    _("Intervention {what} ({principal}, from {start})").format(
                        what=repr(one_line(item.what, 50)),
                        principal=label_for(item.principal),
                        start=day_text(item.started_on),
                    ),
                )
            )
        else:
            _intervention_changed(changes, was, item)
    for key, item in before.items():
        if key not in after:
            changes.append(
                Change(
                    "-",
                    _("Intervention {what} no longer in the plan").format(
                        what=repr(one_line(item.what, 50))
                    ),
                )
            )


def _intervention_changed(
    changes: list[Change], was: PlanIntervention, item: PlanIntervention
) -> None:
    """An intervention in both versions: its status, its dates, who or what."""
    what = repr(one_line(item.what, 50))
    if item.status == "ended" and was.status != "ended":
        changes.append(
            Change(
                "-",
                _("Intervention {what} ended {day}").format(what=what, day=day_text(item.ended_on)),
            )
        )
    elif was.status != item.status:
        changes.append(
            Change(
                "~",
                _("Intervention {what}: {old} → {new}").format(
                    what=what, old=label_for(was.status), new=label_for(item.status)
                ),
            )
        )
    if was.started_on != item.started_on or (
        was.ended_on != item.ended_on and item.status == was.status
    ):
        changes.append(
            Change(
                "~",
                _("Intervention {what}: {old} → {new}").format(
                    what=what,
                    old=f"{day_text(was.started_on)}–{day_text(was.ended_on)}",
                    new=f"{day_text(item.started_on)}–{day_text(item.ended_on)}",
                ),
            )
        )
    if (was.what, was.principal, was.unit, was.responsible_id) != (
        item.what,
        item.principal,
        item.unit,
        item.responsible_id,
    ):
        changes.append(Change("~", _("Intervention {what}: who or what changed").format(what=what)))


def crisis_changes(old: CrisisPlan | None, new: CrisisPlan, names: Names) -> list[Change]:
    changes: list[Change] = []
    _dates(changes, [(_("Reviewed"), old.reviewed_on if old else None, new.reviewed_on)])
    _texts(
        changes,
        [
            (_("The early signs"), old.early_signs if old else "", new.early_signs),
            (_("What the person does"), old.person_does if old else "", new.person_does),
            (_("What staff do"), old.staff_do if old else "", new.staff_do),
        ],
    )
    _people(changes, _("Whom to call"), old.call_ids if old else (), new.call_ids, names)
    return changes
