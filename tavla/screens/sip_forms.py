"""The SIP screen's forms. Most change the draft on screen (saved later, as a version);
the crisis plan form saves its own version at once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import (
    Checkbox,
    Input,
    RadioButton,
    RadioSet,
    Static,
    TextArea,
)

from tavla.domain.dates import day_text
from tavla.domain.display import one_line
from tavla.domain.vocabulary import MAIN_RESPONSIBILITY
from tavla.errors import UserError
from tavla.i18n import _
from tavla.render.labels import label_for
from tavla.screens.form import DATE_HINT, FormDialog, contact_select, people_list, principal_buttons
from tavla.store.contacts import ContactSummary
from tavla.store.crisis_plans import CrisisPlan, check_crisis_plan
from tavla.store.interventions import InterventionSummary
from tavla.store.sips import (
    SUB_GOAL_STATUSES,
    Goal,
    SipPlan,
    SubGoal,
    check_goal_text,
    check_sub_goal,
)
from tavla.widgets.select import SelectionList


class PlanDialog(FormDialog):
    """The meeting and the plan's frame: who took part, who holds it, its dates."""

    def __init__(
        self, plan: SipPlan, contacts: list[ContactSummary], submit: Callable[[SipPlan], SipPlan]
    ) -> None:
        super().__init__(_("The SIP meeting and the plan"), submit)
        self.plan = plan
        self.contacts = contacts

    def fields(self) -> ComposeResult:
        plan = self.plan
        with Horizontal(classes="row"):
            yield self.label(_("SIP meeting on"))
            yield self.label(_("Next follow-up on"))
            yield self.label(_("Plan ends on (if set)"))
        with Horizontal(classes="row"):
            yield Input(
                day_text(plan.meeting_on, ""), placeholder=DATE_HINT, id="meeting", compact=True
            )
            yield Input(
                day_text(plan.follow_up_on, ""), placeholder=DATE_HINT, id="follow-up", compact=True
            )
            yield Input(day_text(plan.ends_on, ""), placeholder=DATE_HINT, id="ends", compact=True)
        yield self.label(_("Took part (space to tick)"))
        yield people_list(self.contacts, plan.attendee_ids, "attendees")
        yield Checkbox(_("The person took part"), plan.person_took_part, id="person", compact=True)
        yield self.label(_("Others present (relatives, not in the directory)"))
        yield Input(plan.others_present, id="others", compact=True)
        yield self.label(_("Main responsibility for the plan"))
        with RadioSet(id="main", compact=True):
            yield from principal_buttons(MAIN_RESPONSIBILITY, plan.main_responsibility)
        yield self.label(_("Who holds it"))
        yield contact_select(self.contacts, plan.responsible_id, "responsible")
        with Horizontal(classes="row"):
            yield self.label(_("Who calls the follow-up"))
            yield self.label(_("… or who, in words"))
        with Horizontal(classes="row"):
            yield contact_select(self.contacts, plan.follow_up_caller_id, "caller")
            yield Input(plan.follow_up_caller, id="caller-text", compact=True)
        with Horizontal(classes="row"):
            yield self.label(_("Consent to the SIP given on"))
            yield self.label(_("Own copy offered on"))
        with Horizontal(classes="row"):
            yield Input(
                day_text(plan.consent_on, ""), placeholder=DATE_HINT, id="consent", compact=True
            )
            yield Input(
                day_text(plan.copy_offered_on, ""), placeholder=DATE_HINT, id="copy", compact=True
            )

    def values(self) -> SipPlan:
        return replace(
            self.plan,
            meeting_on=self.optional_date_of("meeting", _("The SIP meeting date")),
            follow_up_on=self.optional_date_of("follow-up", _("The follow-up date")),
            ends_on=self.optional_date_of("ends", _("The end date")),
            attendee_ids=self.chosen("attendees"),
            person_took_part=self.query_one("#person", Checkbox).value,
            others_present=self.text_of("others"),
            main_responsibility=self.pressed_of("main"),
            responsible_id=self.choice_of("responsible"),
            follow_up_caller_id=self.choice_of("caller"),
            follow_up_caller=self.text_of("caller-text"),
            consent_on=self.optional_date_of("consent", _("The consent date")),
            copy_offered_on=self.optional_date_of("copy", _("The date the copy was offered")),
        )


class OwnWordsDialog(FormDialog):
    def __init__(self, plan: SipPlan, submit: Callable[[SipPlan], SipPlan]) -> None:
        super().__init__(_("In the person's own words"), submit)
        self.plan = plan

    def fields(self) -> ComposeResult:
        yield self.label(_("The person's own goals"))
        yield TextArea(self.plan.own_goals, id="own-goals", soft_wrap=True)
        yield self.label(_("The person's own description of the situation"))
        yield TextArea(self.plan.own_description, id="own-description", soft_wrap=True)
        yield self.label(_("The person's own view of the plan"))
        yield TextArea(self.plan.own_view, id="own-view", soft_wrap=True)
        yield self.label(_("What was unclear to the person"))
        yield TextArea(self.plan.unclear, id="unclear", soft_wrap=True)

    def values(self) -> SipPlan:
        return replace(
            self.plan,
            own_goals=self.area("own-goals"),
            own_description=self.area("own-description"),
            own_view=self.area("own-view"),
            unclear=self.area("unclear"),
        )


class GoalDialog(FormDialog):
    def __init__(self, text: str, submit: Callable[[str], str]) -> None:
        super().__init__(_("Change the goal") if text else _("Add a goal"), submit)
        self.text = text

    def fields(self) -> ComposeResult:
        yield self.label(_("Goal"))
        yield Input(self.text, id="goal", compact=True)

    def values(self) -> str:
        return check_goal_text(self.text_of("goal"))


class SubGoalDialog(FormDialog):
    def __init__(
        self, sub_goal: SubGoal | None, ends_on: date | None, submit: Callable[[SubGoal], SubGoal]
    ) -> None:
        super().__init__(_("Change the sub-goal") if sub_goal else _("Add a sub-goal"), submit)
        self.sub_goal = sub_goal or SubGoal("")
        self.ends_on = ends_on

    def fields(self) -> ComposeResult:
        yield self.label(_("Sub-goal"))
        yield Input(self.sub_goal.text, id="sub-goal", compact=True)
        yield self.label(_("To be reached by"))
        yield Input(
            day_text(self.sub_goal.target_on, ""), placeholder=DATE_HINT, id="target", compact=True
        )
        yield self.label(_("Status"))
        with RadioSet(id="status", compact=True):
            for status in SUB_GOAL_STATUSES:
                yield RadioButton(
                    label_for(status), value=self.sub_goal.status == status, name=status
                )

    def values(self) -> SubGoal:
        sub_goal = SubGoal(
            self.text_of("sub-goal"),
            self.optional_date_of("target", _("The target date")),
            self.pressed_of("status") or "not_started",
        )
        return check_sub_goal(sub_goal, self.ends_on)


class LinkDialog(FormDialog):
    """Which of the participant's interventions the SIP states."""

    def __init__(
        self,
        interventions: list[InterventionSummary],
        linked: tuple[int, ...],
        submit: Callable[[tuple[int, ...]], tuple[int, ...]],
    ) -> None:
        super().__init__(_("Interventions in the SIP"), submit)
        self.interventions = interventions
        self.linked = linked

    def fields(self) -> ComposeResult:
        yield self.label(
            _("The participant's interventions (space to tick; n on the SIP screen adds a new one)")
        )
        yield SelectionList[int](
            *(
                (
                    Text(
                        f"{one_line(i.what, 40)} · {i.started_on}–{i.ended_on or '…'} · "
                        f"{label_for(i.status)}"
                    ),
                    i.id,
                    i.id in self.linked,
                )
                for i in self.interventions
            ),
            id="linked",
            compact=True,
        )

    def values(self) -> tuple[int, ...]:
        return self.chosen("linked")


class CrisisPlanDialog(FormDialog):
    def __init__(
        self,
        plan: CrisisPlan | None,
        contacts: list[ContactSummary],
        today: date,
        submit: Callable[[CrisisPlan], int],
    ) -> None:
        super().__init__(_("Crisis plan"), submit)
        self.plan = plan or CrisisPlan("", "", "", (), today)
        self.contacts = contacts
        self.today = today

    def fields(self) -> ComposeResult:
        plan = self.plan
        yield self.label(_("Early signs, in the person's own words"))
        yield TextArea(plan.early_signs, id="signs", soft_wrap=True)
        yield self.label(_("What the person does"))
        yield TextArea(plan.person_does, id="person-does", soft_wrap=True)
        yield self.label(_("What staff do"))
        yield TextArea(plan.staff_do, id="staff-do", soft_wrap=True)
        yield self.label(_("Whom to call (space to tick)"))
        yield people_list([c for c in self.contacts if c.phone], plan.call_ids, "calls")
        yield self.label(_("Reviewed with the person on"))
        yield Input(self.today.isoformat(), placeholder=DATE_HINT, id="reviewed", compact=True)

    def values(self) -> CrisisPlan:
        plan = CrisisPlan(
            self.area("signs"),
            self.area("person-does"),
            self.area("staff-do"),
            self.chosen("calls"),
            self.date_of("reviewed", _("The review date")),
        )
        return check_crisis_plan(plan, self.today)


class CopyDialog(FormDialog):
    """Where to write the person's copy."""

    def __init__(self, suggested: Path, submit: Callable[[tuple[Path, str]], Path]) -> None:
        super().__init__(_("The person's own copy"), submit)
        self.suggested = suggested

    def fields(self) -> ComposeResult:
        yield self.label(_("File"))
        yield Input(str(self.suggested), id="path", compact=True)
        yield self.label(_("Format"))
        with RadioSet(id="format", compact=True):
            yield RadioButton(_("HTML, to print"), value=True, name="html")
            yield RadioButton(_("Markdown"), name="markdown")
        yield Static(
            Text(_("It holds personal data: the file is readable by you alone.")), classes="hint"
        )

    def values(self) -> tuple[Path, str]:
        text = self.text_of("path").strip()
        if not text:
            raise UserError(_("Give a file name."))
        return Path(text), self.pressed_of("format") or "html"


def edit_goal(plan: SipPlan, index: int, text: str) -> SipPlan:
    goals = list(plan.goals)
    if index < len(goals):
        goals[index] = replace(goals[index], text=text)
    else:
        goals.append(Goal(text))
    return replace(plan, goals=tuple(goals))


def edit_sub_goal(plan: SipPlan, goal: int, index: int | None, sub_goal: SubGoal) -> SipPlan:
    goals = list(plan.goals)
    subs = list(goals[goal].sub_goals)
    if index is None:
        subs.append(sub_goal)
    else:
        subs[index] = sub_goal
    goals[goal] = replace(goals[goal], sub_goals=tuple(subs))
    return replace(plan, goals=tuple(goals))


def remove_row(plan: SipPlan, key: str) -> SipPlan:
    """Remove a goal ("2") or a sub-goal ("2.1") from the draft."""
    goal, _dot, sub = key.partition(".")
    goals = list(plan.goals)
    if not sub:
        del goals[int(goal)]
    else:
        subs = list(goals[int(goal)].sub_goals)
        del subs[int(sub)]
        goals[int(goal)] = replace(goals[int(goal)], sub_goals=tuple(subs))
    return replace(plan, goals=tuple(goals))
