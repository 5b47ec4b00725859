"""The SIP's needs, others' measures, follow-up caller, own view and what was unclear: kept in
the saved versions (both databases), older versions load without them, the diff names them,
and the board template's psychiatric emergency number is checked."""

import json
from dataclasses import replace
from datetime import date, timedelta

import pytest

from tavla.domain.template import BoardTemplate, default_template, default_template_json
from tavla.errors import UserError
from tavla.render.plan_diff import sip_changes
from tavla.store.contacts import add_contact
from tavla.store.interventions import InterventionInput, add_intervention
from tavla.store.participants import add_participant
from tavla.store.plans_record import get_plans
from tavla.store.sip_parts import OthersMeasure, SipNeed
from tavla.store.sips import PlanIntervention, SipPlan, save_sip

TODAY = date(2026, 11, 23)


def _plan(**changes) -> SipPlan:
    plan = SipPlan(
        meeting_on=TODAY - timedelta(days=3),
        follow_up_on=TODAY + timedelta(days=90),
        main_responsibility="region",
    )
    return replace(plan, **changes)


@pytest.fixture
def code(store):
    return add_participant(store, "Test Person", enrolled_on=TODAY - timedelta(days=60))


def test_the_new_parts_are_kept_in_each_version(store, code):
    item = InterventionInput("Boendestöd", "municipality", ("social",), TODAY - timedelta(days=20))
    support = add_intervention(store, code, item)
    caller = add_contact(store, "Maria Lind", principal="region", kind="coordinator")
    plan = _plan(
        interventions=(PlanIntervention(support),),
        needs=(
            SipNeed("  Eget boende ", "social", (support,)),
            SipNeed("Sysselsättning", "social"),
        ),
        others_measures=(OthersMeasure("social_insurance", "Sjukpenning utreds"),),
        follow_up_caller_id=caller,
        follow_up_caller="Eva, syster",
        own_view="Bra plan",
        unclear="Vem betalar hyran",
    )
    save_sip(store, code, plan, base=None, today=TODAY)
    kept = get_plans(store, code).sip
    assert kept.needs == (
        SipNeed("Eget boende", "social", (support,)),
        SipNeed("Sysselsättning", "social", ()),
    )
    assert not kept.needs[1].met
    assert kept.others_measures == (OthersMeasure("social_insurance", "Sjukpenning utreds"),)
    assert (kept.follow_up_caller_id, kept.follow_up_caller) == (caller, "Eva, syster")
    assert (kept.own_view, kept.unclear) == ("Bra plan", "Vem betalar hyran")


def test_a_need_loses_its_link_to_an_intervention_taken_out_of_the_plan(store, code):
    item = InterventionInput("Boendestöd", "municipality", ("social",), TODAY - timedelta(days=20))
    support = add_intervention(store, code, item)
    plan = _plan(needs=(SipNeed("Eget boende", "social", (support,)),))
    save_sip(store, code, plan, base=None, today=TODAY)
    assert get_plans(store, code).sip.needs[0].intervention_ids == ()


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"needs": (SipNeed("  "),)}, "behovet"),
        ({"others_measures": (OthersMeasure("nasa", "Raket"),)}, "nasa"),
        ({"others_measures": (OthersMeasure("probation", ""),)}, "gör"),
        ({"follow_up_caller_id": 999}, "999"),
    ],
)
def test_wrong_parts_are_refused(store, code, changes, fragment):
    with pytest.raises(UserError, match=fragment):
        save_sip(store, code, _plan(**changes), base=None, today=TODAY)


def test_a_version_saved_before_the_parts_existed_loads():
    old = json.loads(_plan().to_json())
    for key in ("needs", "others_measures", "follow_up_caller_id", "follow_up_caller"):
        del old[key]
    del old["own_view"], old["unclear"]
    plan = SipPlan.from_json(json.dumps(old))
    assert plan == _plan()


def test_the_diff_names_needs_measures_and_the_caller():
    support = PlanIntervention(7, "Boendestöd")
    first = _plan(
        interventions=(support,),
        needs=(SipNeed("Eget boende", "social"), SipNeed("Ekonomi", "social")),
        others_measures=(OthersMeasure("probation", "Övervakning"),),
    )
    second = replace(
        first,
        needs=(SipNeed("Eget boende", "social", (7,)), SipNeed("Arbete", "health")),
        others_measures=(OthersMeasure("relatives", "Handlar mat"),),
        follow_up_caller="Eva",
        own_view="Bra",
    )
    texts = [(c.sign, c.text) for c in sip_changes(first, second, lambda _id: "")]
    assert ("~", "Behov 'Eget boende': 'Boendestöd'") in texts
    assert ("+", "Behov 'Arbete': ingen insats än") in texts
    assert ("-", "Behov 'Ekonomi'") in texts
    assert ("+", "Närstående gör 'Handlar mat'") in texts
    assert ("-", "Frivården gör 'Övervakning'") in texts
    assert ("~", "Kallar till uppföljningen: Eva") in texts
    assert ("+", "Personens egen syn skriven") in texts
    hidden = [c.text for c in sip_changes(first, second, lambda _id: "", hide=True)]
    assert not any(w in t for t in hidden for w in ("Eget", "Arbete", "Handlar", "Eva"))


def test_the_template_holds_a_psychiatric_emergency_number():
    emergency = default_template().psychiatric_emergency
    assert emergency.phone and emergency.name
    data = json.loads(default_template_json())
    del data["psychiatric_emergency"]  # an older template gets the default's
    assert BoardTemplate.from_json(json.dumps(data)).psychiatric_emergency == emergency
    data["psychiatric_emergency"] = {"name": "Psykakuten", "phone": "010-123 45 67"}
    assert BoardTemplate.from_json(json.dumps(data)).psychiatric_emergency.phone == "010-123 45 67"
    data["psychiatric_emergency"]["phone"] = "ring oss"
    with pytest.raises(UserError, match="telefon"):
        BoardTemplate.from_json(json.dumps(data))
