"""The shared Essex CRC 2018 report rebuilt as recorded cases in an inspection: its published
figures, calculated ratings, both panel adjustments and the overall rating come back through the
API, and the API's ratings are `sufficiency rate` on the inspection's exported files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.test import Client
from typer.testing import CliRunner

from results_web import essex
from sufficiency.cli import app
from sufficiency.framework import RatedBy
from sufficiency.web.results import panel

pytestmark = pytest.mark.django_db

FOOTNOTE = {
    "2.4": "The ratings panel judged the result marginal: 49% of a small relevant sub-sample.",
    "4.2": "The ratings panel judged the result marginal: 47% of 15 Through the Gate cases.",
}


@pytest.fixture
def expected(published_expected):
    return published_expected["essex-crc-2018"]


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_essex_through_recorded_cases_the_panel_and_the_api(
    framework_version, expected, tmp_path: Path
):
    built = essex(framework_version, expected)
    inspection, lead, framework = built.inspection, built.crew.lead, built.framework
    api = signed_in(lead)
    url = f"/api/inspections/{inspection.pk}"

    before = api.get(f"{url}/ratings").json()
    assert {q["id"]: q["percent"] for q in before["key_questions"]} == {
        kq["id"]: kq["percent_yes"] for kq in expected["key_questions"]
    }
    assert all(q["unanswered"] == 0 for q in before["key_questions"])
    adjusted = {a["standard"]: a for a in expected["panel_adjustments"]}
    calculated = {s["id"]: s["calculated_rating"] for s in before["standards"]}
    for published in expected["standards"]:
        sid = published["id"]
        if framework.standards[sid].rated_by is RatedBy.JUDGEMENT:
            assert calculated[sid] is None
        else:
            assert calculated[sid] == adjusted.get(sid, {}).get("calculated", published["rating"])
    assert before["overall"] is None  # domain one not yet judged

    version = 1
    for published in expected["standards"]:
        sid = published["id"]
        if framework.standards[sid].rated_by is RatedBy.JUDGEMENT:
            panel.decide(
                inspection, sid, published["rating"], reason=f"Evidence for {sid}: interviews, survey.",
                version=version, actor=lead,
            )  # fmt: skip
            version += 1
    # The panel's two adjustments through its page; refused first without grounds or reason.
    pages = f"/inspections/{inspection.pk}/results"
    for sid, adjustment in adjusted.items():
        decide = f"{pages}/panel/{sid}/"
        refused = api.post(decide, {"rating": adjustment["awarded"], "version": version})
        assert "choose the grounds" in refused.content.decode()
        accepted = api.post(
            decide,
            {"rating": adjustment["awarded"], "grounds": "marginal", "reason": FOOTNOTE[sid], "version": version},
        )  # fmt: skip
        assert accepted.status_code == 302, accepted.content.decode()
        version += 1
    assert (
        api.post(f"{pages}/panel/", {"action": "sign_off", "version": version}).status_code == 302
    )

    live_page = " ".join(api.get(f"{pages}/").content.decode().split())
    for kq in expected["key_questions"]:
        assert f'data-question="{kq["id"]}">{kq["percent_yes"]}%' in live_page
    panel_page = " ".join(api.get(f"{pages}/panel/").content.decode().split())
    assert "Overall rating: <strong>Requires improvement</strong> (score 14 of 30)" in panel_page
    for sid in adjusted:
        assert FOOTNOTE[sid] in panel_page

    after = api.get(f"{url}/ratings").json()
    assert [
        {"standard": s["id"], "calculated": s["calculated_rating"], "awarded": s["awarded_rating"]}
        for s in after["standards"]
        if s["panel_adjusted"]
    ] == expected["panel_adjustments"]
    assert {s["id"]: s["awarded_rating"] for s in after["standards"]} == {
        s["id"]: s["rating"] for s in expected["standards"]
    }
    assert {s["id"]: s["reason"] for s in after["standards"] if s["panel_adjusted"]} == FOOTNOTE
    assert after["overall"] == {"score": 14, "rating": expected["overall_rating"]}

    # The API's ratings are exactly `sufficiency rate` on the exported files.
    for name in ("answers", "cases", "decisions"):
        response = api.get(f"{url}/{name}.csv")
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
        (tmp_path / f"{name}.csv").write_bytes(response.content)
    cli = CliRunner().invoke(
        app,
        ["rate", "--format", "json", "--answers", str(tmp_path / "answers.csv"),
         "--cases", str(tmp_path / "cases.csv"), "--decisions", str(tmp_path / "decisions.csv")],
    )  # fmt: skip
    assert cli.exit_code == 0, cli.output
    assert json.loads(cli.stdout) == after
