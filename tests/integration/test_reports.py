"""The inspection report on the web (issue 11): written in the app, built from the inspection's
records, checked for factual accuracy by the provider, published and frozen.

The round trip: the PDF of a completed inspection's report, read back by the published-report
parser, gives exactly what ``GET /api/inspections/{id}/ratings`` gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from typer.testing import CliRunner

from report_web import (
    ADJUSTED,
    PANEL_REASON,
    Completed,
    completed_inspection,
    other_provider_inspection,
)
from sufficiency.cli import app as cli_app
from sufficiency.published import CheckStatus, parse_report
from sufficiency.web.accounts.services import Role, create_or_reset_user
from sufficiency.web.audit.models import Action, AuditEvent
from sufficiency.web.inspections.errors import Problems, Refused
from sufficiency.web.inspections.models import InspectionStatus
from sufficiency.web.published.models import PublishedReport
from sufficiency.web.reports import narrative, workflow
from sufficiency.web.reports.data import report_of
from sufficiency.web.reports.errors import ReportChanged
from sufficiency.web.reports.models import (
    AccuracyComment,
    InspectionReport,
    PracticeExample,
    ReportStatus,
    Resolution,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def done(framework_version) -> Completed:
    return completed_inspection(framework_version)


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def quality_team_member(done: Completed, username: str = "qt-testmoor") -> User:
    member = create_or_reset_user(username, Role.PROVIDER_QUALITY_TEAM)[0]
    done.inspection.provider.quality_team_members.add(member)
    return member


def version(done: Completed) -> int:
    return report_of(done.inspection).version


def sample_sizes(ratings: dict, framework) -> dict[str, int]:
    """Each sample's cases, as the ratings give them: the cases a key question of the sample
    asked of every case (not only the relevant sub-sample) counts, answered or not."""
    out: dict[str, int] = {}
    for q in ratings["key_questions"]:
        question = framework.key_questions[q["id"]]
        if not question.relevant_subsample_only:
            sample = framework.standard_of[q["id"]].sample
            out[sample] = q["yes"] + q["no"] + q["not_applicable"] + q["unanswered"]
    return out


def test_the_pdf_read_back_by_the_published_parser_gives_what_the_ratings_api_gives(
    done: Completed, tmp_path: Path
) -> None:
    lead = signed_in(done.recorded.crew.lead)
    inspection, framework = done.inspection, done.recorded.framework
    ratings = lead.get(f"/api/inspections/{inspection.pk}/ratings").json()
    response = lead.get(f"/inspections/{inspection.pk}/report/files/pdf/")
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/pdf"
    (tmp_path / "report.pdf").write_bytes(response.content)
    parsed = parse_report(tmp_path / "report.pdf")

    assert parsed.provider == inspection.provider.name
    assert str(parsed.overall_rating) == ratings["overall"]["rating"]
    assert {s.id: str(s.rating) for s in parsed.standards} == {
        s["id"]: s["awarded_rating"] for s in ratings["standards"]
    }
    assert {q.id: q.percent_yes for q in parsed.key_questions} == {
        q["id"]: q["percent"] for q in ratings["key_questions"]
    }
    assert dict(parsed.samples) == sample_sizes(ratings, framework)
    adjusted = [s for s in ratings["standards"] if s["panel_adjusted"]]
    assert [p.as_dict() for p in parsed.panel_adjustments] == [
        {"standard": s["id"], "calculated": s["calculated_rating"], "awarded": s["awarded_rating"]}
        for s in adjusted
    ]
    assert [s["id"] for s in adjusted] == [ADJUSTED]
    footnotes = {
        c.standard: c.explanation
        for c in parsed.checks.standards
        if c.status is CheckStatus.PANEL_ADJUSTMENT
    }
    assert list(footnotes) == [ADJUSTED]
    assert footnotes[ADJUSTED].endswith(f"The panel's reason: {adjusted[0]['reason']}")
    assert adjusted[0]["reason"] == PANEL_REASON
    assert parsed.local_delivery_units == inspection.ldus.count()
    assert [(r.to, r.text) for r in parsed.recommendations] == [
        (r.to, r.what) for r in report_of(inspection).recommendations.all()
    ]


def test_the_command_line_builds_the_same_report_as_the_page(
    done: Completed, tmp_path: Path
) -> None:
    inspection = done.inspection
    out = tmp_path / "tables.json"
    result = CliRunner().invoke(
        cli_app,
        ["report", "build", "--inspection", str(inspection.pk), "--format", "json",
         "--output", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    page = signed_in(done.recorded.crew.lead).get(
        f"/inspections/{inspection.pk}/report/files/json/"
    )
    assert json.loads(out.read_bytes()) == json.loads(page.content)
    missing = CliRunner().invoke(
        cli_app, ["report", "build", "--inspection", "999999", "--format", "pdf",
                  "--output", str(tmp_path / "x.pdf")],
    )  # fmt: skip
    assert missing.exit_code != 0 and "no such inspection" in missing.output


def test_a_practice_example_naming_a_case_is_refused_naming_the_place(done: Completed) -> None:
    inspection, lead = done.inspection, done.recorded.crew.lead
    case_id = done.flagged.sampled_case.case.case_id
    before = PracticeExample.objects.count()
    with pytest.raises(Problems) as refused:
        narrative.add_practice_example(
            inspection, done.flagged.pk, "2.1", title="Another example",
            text=f"First paragraph.\n\nCase {case_id} showed good work.",
            version=version(done), actor=lead,
        )  # fmt: skip
    places = [(p.field, p.value) for p in refused.value.problems]
    assert places == [("practice example 2 (standard 2.1 (Assessment)), paragraph 2", case_id)]
    assert PracticeExample.objects.count() == before  # nothing stored

    page = signed_in(lead).post(
        f"/inspections/{inspection.pk}/report/practice-examples/",
        {"action": "add", "case": done.flagged.pk, "standard": "2.1", "title": "Again",
         "text": f"Work with {case_id.lower()} was good.", "version": version(done)},
    )  # fmt: skip
    assert page.status_code == 200  # the form again, with the error
    text = page.content.decode()
    assert "practice example 2 (standard 2.1 (Assessment)), paragraph 1" in text
    assert PracticeExample.objects.count() == before


def test_factual_accuracy_comments_and_their_resolution_are_kept_with_the_report(
    done: Completed,
) -> None:
    inspection, lead = done.inspection, done.recorded.crew.lead
    member = quality_team_member(done)
    provider = signed_in(member)
    comments_url = f"/inspections/{inspection.pk}/report/factual-accuracy/"
    assert provider.get(comments_url).status_code == 404  # a draft is the inspectorate's
    workflow.send_for_factual_accuracy(inspection, version=version(done), actor=lead)

    paragraph = f"standard-{ADJUSTED}-key-findings-1"
    sent = provider.post(
        comments_url, {"action": "comment", "paragraph": paragraph, "text": "Dates are wrong."}
    )
    assert sent.status_code == 302, sent.content.decode()
    made = AccuracyComment.objects.get()
    assert (made.paragraph, made.paragraph_text, made.by) == (
        paragraph,
        "Assessments were thorough.",
        member,
    )
    with pytest.raises(Refused, match="not yet resolved"):
        workflow.publish(inspection, version=version(done), actor=lead)
    resolved = signed_in(lead).post(
        comments_url,
        {"action": "resolve", "comment": made.pk, "resolution": "accepted", "note": "Corrected."},
    )
    assert resolved.status_code == 302
    with pytest.raises(Refused):  # the provider cannot resolve its own comments
        workflow.resolve(inspection, made.pk, Resolution.REJECTED, "no", actor=member)

    workflow.publish(inspection, version=version(done), actor=lead)
    made.refresh_from_db()
    assert (made.resolution, made.note, made.resolved_by) == (
        Resolution.ACCEPTED,
        "Corrected.",
        lead,
    )
    shown = provider.get(comments_url).content.decode()
    assert "Dates are wrong." in shown and "Corrected." in shown
    assert lead.get_username() not in shown  # the inspectorate's people stay unnamed
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {Action.ACCURACY_COMMENT_MADE, Action.ACCURACY_COMMENT_RESOLVED} <= actions


def test_a_published_report_is_frozen_and_changes_only_by_a_recorded_reissue(
    done: Completed,
) -> None:
    inspection, lead = done.inspection, done.recorded.crew.lead
    client = signed_in(lead)
    workflow.send_for_factual_accuracy(inspection, version=version(done), actor=lead)
    first = workflow.publish(inspection, version=version(done), actor=lead)
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.PUBLISHED
    assert report_of(inspection).status == ReportStatus.PUBLISHED
    stored = PublishedReport.objects.get(pk=first.benchmark_report_id)  # the benchmark grows
    assert stored.provider == inspection.provider.name
    html = client.get(f"/inspections/{inspection.pk}/report/files/html/").content

    with pytest.raises(Refused, match="reissue"):
        narrative.save_overall(
            inspection, "Changed.", "Changed.", version=version(done), actor=lead
        )
    with pytest.raises(ReportChanged):
        narrative.save_overall(inspection, "Changed.", "Changed.", version=1, actor=lead)
    assert "Changed." not in report_of(inspection).foreword
    with pytest.raises(Problems):
        workflow.reissue(inspection, "  ", version=version(done), actor=lead)

    workflow.reissue(inspection, "A date was wrong.", version=version(done), actor=lead)
    narrative.save_overall(
        inspection, "Corrected foreword.", "Findings.", version=version(done), actor=lead
    )
    assert client.get(f"/inspections/{inspection.pk}/report/files/html/").content != html
    workflow.send_for_factual_accuracy(inspection, version=version(done), actor=lead)
    second = workflow.publish(inspection, version=version(done), actor=lead)
    assert (second.number, second.reissue_reason) == (2, "A date was wrong.")
    first.refresh_from_db()
    assert first.files["html"]["report.html"].encode() == html  # version 1 as it was
    reissued = AuditEvent.objects.filter(action=Action.REPORT_REISSUED).get()
    assert reissued.detail["reason"] == "A date was wrong."


def test_provider_users_see_only_their_own_providers_draft_and_only_in_the_check(
    done: Completed, framework_version
) -> None:
    inspection, lead = done.inspection, done.recorded.crew.lead
    other = other_provider_inspection(framework_version)
    InspectionReport.objects.create(inspection=other, status=ReportStatus.FACTUAL_ACCURACY)
    provider = signed_in(quality_team_member(done))
    mine = f"/inspections/{inspection.pk}/report"
    theirs = f"/inspections/{other.pk}/report"
    assert provider.get(f"{mine}/").status_code == 404
    assert provider.get(f"{mine}/files/pdf/").status_code == 404

    workflow.send_for_factual_accuracy(inspection, version=version(done), actor=lead)
    assert provider.get(f"{mine}/").status_code == 200
    draft = provider.get(f"{mine}/files/html/")
    assert draft.status_code == 200 and b"Draft" in draft.content
    for url in ("/", "/files/pdf/", "/factual-accuracy/"):
        assert provider.get(f"{theirs}{url}").status_code == 404
    refused = provider.post(
        f"{theirs}/factual-accuracy/", {"action": "comment", "paragraph": "x", "text": "y"}
    )
    assert refused.status_code == 404
    assert provider.get(f"{mine}/recommendations/").status_code == 403  # the lead's to write
    with pytest.raises(Refused):
        workflow.comment(other, "overall-findings-1", "no", actor=provider_user(provider))


def provider_user(client: Client) -> User:
    return User.objects.get(pk=client.session["_auth_user_id"])


def test_only_the_inspections_lead_publishes_the_report(framework_version) -> None:
    from inspection_web import planned_inspection, team

    crew = team("pub")
    inspection = planned_inspection(framework_version, crew)
    manager = create_or_reset_user("pub-manager", Role.INSPECTION_MANAGER)[0]
    current = version_of(inspection)
    for someone in (manager, crew.inspectors[0]):
        with pytest.raises(Refused, match=r"lead|permission"):
            workflow.publish(inspection, version=current, actor=someone)
    with pytest.raises(Refused, match="factual accuracy check"):  # let past the door
        workflow.publish(inspection, version=current, actor=crew.lead)
    assert not AuditEvent.objects.filter(action=Action.REPORT_PUBLISHED).exists()


def version_of(inspection) -> int:
    return report_of(inspection).version
