"""The person's copy of the SIP: what it says, in what order, that user text stays text,
and `tavla export sip` with its permissions, log entry and one-line errors."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from tavla.domain.template import BoardTemplate, default_template, default_template_json
from tavla.exports.sip_copy import export_sip_copy, render_html, render_markdown
from tavla.store import Location, audit, open_store
from tavla.store.contacts import add_contact
from tavla.store.crisis_plans import CrisisPlan, save_crisis_plan
from tavla.store.interventions import InterventionInput, add_intervention
from tavla.store.participants import add_participant
from tavla.store.plans_record import get_plans
from tavla.store.sip_parts import OthersMeasure, SipNeed
from tavla.store.sips import Goal, PlanIntervention, SipPlan, SubGoal, save_sip

from .test_cli import dump, run

TODAY = date(2026, 11, 23)
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>[bold]**fet**'


def _plan(intervention_id: int, contact_id: int, text: str = "Eget boende") -> SipPlan:
    return SipPlan(
        meeting_on=TODAY - timedelta(days=2),
        attendee_ids=(contact_id,),
        own_goals=text,
        goals=(Goal(text, (SubGoal("Handla själv " + text, TODAY + timedelta(days=20)),)),),
        interventions=(PlanIntervention(intervention_id),),
        main_responsibility="region",
        responsible_id=contact_id,
        follow_up_on=TODAY + timedelta(days=60),
    )


@pytest.fixture
def filled(db_path):
    store = open_store(Location.sqlite(db_path), actor="testare")
    add_participant(
        store,
        "Anna Test",
        code="AT22",
        identity_number="199006022397",
        enrolled_on=TODAY - timedelta(days=90),
        today=TODAY,
    )
    maria = add_contact(
        store,
        "Maria Lind",
        principal="region",
        kind="coordinator",
        phone="019-000 61 00",
        email="maria@region.example",
    )
    item = add_intervention(
        store,
        "AT22",
        InterventionInput(
            "Boendestöd",
            "municipality",
            ("social",),
            TODAY - timedelta(days=30),
            unit="Boendestödet",
            responsible_id=maria,
        ),
    )
    save_sip(store, "AT22", _plan(item, maria), base=None, today=TODAY)
    crisis = CrisisPlan("Slutar svara", "Ringer Maria", "Hembesök", (maria,), TODAY)
    save_crisis_plan(store, "AT22", crisis, base=None, today=TODAY)
    yield store, item, maria
    store.close()


def test_the_copy_puts_the_persons_goals_first_and_the_phone_numbers_in(filled):
    store, _item, _maria = filled
    html = render_html(get_plans(store, "AT22", log=False), TODAY)
    order = [
        "Dina mål",
        "Eget boende",
        "Vem gör vad",
        "Boendestöd",
        "Om det blir svårt",
        "Slutar svara",
        "019-000 61 00",
        "Telefonnummer",
        "Uppföljning",
        str(TODAY + timedelta(days=60)),
    ]
    positions = [html.index(part) for part in order]
    assert positions == sorted(positions)
    assert "Anna Test" in html and "@page" in html


def test_everything_typed_is_text_in_html_and_markdown(filled):
    store, item, maria = filled
    add_contact(store, HOSTILE, principal="region", kind="coordinator", phone="070-000 00 00")
    save_sip(store, "AT22", _plan(item, maria, HOSTILE), base=1, today=TODAY)
    record = get_plans(store, "AT22", log=False)
    html = render_html(record, TODAY)
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert html.count("<script") == 0 and html.count("onerror=alert(1)>") == 0
    markdown = render_markdown(record, TODAY)
    assert "<script>" not in markdown and "**fet**" not in markdown
    assert r"\<script\>" in markdown and r"\*\*fet\*\*" in markdown


def test_export_writes_0600_atomically_and_logs(filled, tmp_path):
    store, _item, _maria = filled
    target = tmp_path / "kopia.md"
    written = export_sip_copy(store, "AT22", target, today=TODAY)
    assert written == target and stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert target.read_text("utf-8").startswith("# Din samordnade individuella plan (SIP)")
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".tavla-")] == []
    entry = audit.entries(store)[-1]
    assert (entry["action"], entry["actor"]) == ("export", "testare")
    assert entry["detail"] == f"sip copy v1 → {target}"


def test_the_cli_export_and_its_errors(filled, db_path, tmp_path, capsys):
    target = tmp_path / "kopia.html"
    code, out, err = run(capsys, "--db", str(db_path), "export", "sip", "AT22", "-o", str(target))
    assert (code, err) == (0, "") and out.strip() == str(target)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    before = dump(db_path)
    for args, fragment in (
        (("AT22", "-o", str(tmp_path / "kopia.pdf")), ".html eller .md"),
        (("ZZ99", "-o", str(tmp_path / "x.html")), "ZZ99"),
        (("AT22", "-o", str(tmp_path / "saknas" / "x.html")), "finns inte"),
        (("AT22", "-o", str(tmp_path)), "är en mapp"),
    ):
        code, out, err = run(capsys, "--db", str(db_path), "export", "sip", *args)
        assert code == 1 and fragment in err and "Traceback" not in err, err
        assert len(err.strip().splitlines()) == 1
    assert dump(db_path) == before  # a refused export is not in the log


def test_no_sip_no_copy(db_path, tmp_path, capsys):
    store = open_store(Location.sqlite(db_path), actor="testare")
    add_participant(store, "Bo Berg", code="BB33", enrolled_on=TODAY, today=TODAY)
    store.close()
    code, _out, err = run(
        capsys, "--db", str(db_path), "export", "sip", "BB33", "-o", str(tmp_path / "x.html")
    )
    assert code == 1 and "BB33 har ingen SIP än." in err
    assert not Path(tmp_path / "x.html").exists()


def test_the_copy_states_needs_others_the_caller_and_ends_the_crisis_plan_with_112(
    filled, tmp_path
):
    store, item, maria = filled
    plan = replace(
        _plan(item, maria),
        needs=(SipNeed("Eget boende", "social", (item,)), SipNeed("Arbete", "social")),
        others_measures=(OthersMeasure("social_insurance", "Utreder sjukpenning"),),
        follow_up_caller_id=maria,
        own_view="Planen känns bra",
        unclear="Vem betalar hyran",
    )
    save_sip(store, "AT22", plan, base=1, today=TODAY)
    data = json.loads(default_template_json())
    data["psychiatric_emergency"] = {"name": "Psykakuten Örebro", "phone": "019-602 00 00"}
    store.use_template(BoardTemplate.from_json(json.dumps(data)))
    target = export_sip_copy(store, "AT22", tmp_path / "kopia.md", today=TODAY)
    text = target.read_text("utf-8")
    for words in (
        "Det du behöver hjälp med",
        "Eget boende – hjälp genom: Boendestöd",
        "Arbete – ingen hjälp är ordnad för det än",
        "Försäkringskassan: Utreder sjukpenning",
        "Det du tycker om planen",
        "Den som kallar dig till uppföljningen**  \nMaria Lind 019-000 61 00",
        "Det som var oklart för dig på mötet",
    ):
        assert words in text, words
    crisis = text[text.index("Om det blir svårt") : text.index("Telefonnummer")]
    rows = [line for line in crisis.splitlines() if line.startswith("| ")]
    assert [row.split(" | ")[-1] for row in rows[-3:]] == ["112 |", "1177 |", "019-602 00 00 |"]
    assert "Psykakuten Örebro" in rows[-1]


def test_without_a_crisis_plan_the_copy_still_gives_the_emergency_numbers(db_path):
    store = open_store(Location.sqlite(db_path), actor="testare")
    add_participant(store, "Bo Berg", code="BB33", enrolled_on=TODAY, today=TODAY)
    plan = SipPlan(meeting_on=TODAY, follow_up_on=TODAY + timedelta(days=30))
    save_sip(store, "BB33", plan, base=None, today=TODAY)
    html = render_html(get_plans(store, "BB33", log=False), TODAY)
    store.close()
    emergency = default_template().psychiatric_emergency
    for words in ("Om det blir svårt", "<td>112</td>", "1177 Vårdguiden", emergency.name):
        assert words in html, words
