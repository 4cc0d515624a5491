"""The inspection pages: providers, inspections, caseload upload (every bad row shown, nothing
stored), local delivery units, the draw, replacement and assignment, each through its page and
each refusal; the lead's dashboard and the account page's API tokens."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from caseload_builders import case, csv_text
from inspection_web import (
    LDUS,
    drawn_inspection,
    inspection_in_fieldwork,
    planned_inspection,
    synthetic_caseload_bytes,
    team,
    user,
)
from sufficiency.web.accounts.services import Role
from sufficiency.web.api.models import ApiToken
from sufficiency.web.api.tokens import user_for_token
from sufficiency.web.assessments.models import CaseAssessment
from sufficiency.web.inspections.models import (
    CaseloadCase,
    Inspection,
    InspectionKind,
    SampledCase,
    Selection,
)
from sufficiency.web.providers.models import LocalDeliveryUnit, Provider
from sufficiency.web.twofactor.services import is_required

from .conftest import pass_two_factor

pytestmark = pytest.mark.django_db


def signed_in(person) -> Client:
    """A client signed in as ``person`` (past two-factor sign-in, where their role needs it)."""
    client = Client()
    client.force_login(person)
    if is_required(person):
        pass_two_factor(client, person)
    return client


def upload(client: Client, inspection: Inspection, name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        f"/inspections/{inspection.pk}/caseload/", {"file": SimpleUploadedFile(name, data)}
    )


def test_a_manager_adds_a_provider_with_its_ldus_and_changes_them() -> None:
    manager = signed_in(user("m-1", Role.INSPECTION_MANAGER))
    response = manager.post(
        "/providers/new/", {"name": "Fenbridge CRC", "kind": "crc", "ldus": "North\nSouth\n"}
    )
    assert response.status_code == 302
    provider = Provider.objects.get(name="Fenbridge CRC")
    assert sorted(provider.ldus.values_list("name", flat=True)) == ["North", "South"]
    response = manager.post(
        f"/providers/{provider.pk}/",
        {"name": "Fenbridge CRC", "kind": "other", "ldus": "South\nWest"},
    )
    assert response.status_code == 302
    provider.refresh_from_db()
    assert provider.kind == "other"
    assert sorted(provider.ldus.values_list("name", flat=True)) == ["South", "West"]
    assert "Fenbridge CRC" in manager.get("/providers/").content.decode()


def test_a_provider_form_with_no_name_says_so_and_an_inspector_may_not_open_it() -> None:
    manager = signed_in(user("m-1", Role.INSPECTION_MANAGER))
    response = manager.post("/providers/new/", {"name": "", "kind": "crc"})
    assert response.status_code == 200
    assert "Enter the provider&#x27;s name" in response.content.decode()
    assert not Provider.objects.exists()
    inspector = signed_in(user("i-1", Role.INSPECTOR))
    assert inspector.get("/providers/").status_code == 403
    assert inspector.post("/providers/new/", {"name": "X", "kind": "crc"}).status_code == 403


def test_the_list_shows_only_the_inspections_the_user_may_see(framework_version) -> None:
    crew = team("a")
    mine = planned_inspection(framework_version, crew)
    other = planned_inspection(framework_version, team("b"))
    page = signed_in(crew.inspectors[0]).get("/inspections/").content.decode()
    assert f"/inspections/{mine.pk}/" in page
    assert f"/inspections/{other.pk}/" not in page
    assert signed_in(crew.inspectors[0]).get(f"/inspections/{other.pk}/").status_code == 404


def test_a_lead_creates_an_inspection_and_sees_its_state_changes(framework_version) -> None:
    lead = user("l-1", Role.LEAD_INSPECTOR)
    inspector = user("i-1", Role.INSPECTOR)
    where = Provider.objects.create(name="Fenbridge CRC", kind="crc")
    client = signed_in(lead)
    response = client.post(
        "/inspections/new/",
        {
            "provider": where.pk,
            "kind": "inspection",
            "framework": framework_version.pk,
            "reference_date": "2020-01-06",
            "fieldwork_start": "2020-02-03",
            "fieldwork_end": "2020-02-14",
            "lead": lead.pk,
            "inspectors": [inspector.pk],
        },
    )
    inspection = Inspection.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/inspections/{inspection.pk}/"
    assert list(inspection.inspectors.all()) == [inspector]
    page = client.get(response["Location"]).content.decode()
    assert "Start fieldwork" in page and "Planning" in page
    # Fieldwork before any sample: refused, and the page says why.
    response = client.post(
        f"/inspections/{inspection.pk}/status/", {"step": "start_fieldwork"}, follow=True
    )
    assert "Draw the samples before fieldwork starts" in response.content.decode()
    inspection.refresh_from_db()
    assert inspection.status == "planning"
    # The inspector sees the page, but no state change button.
    page = signed_in(inspector).get(f"/inspections/{inspection.pk}/").content.decode()
    assert "Start fieldwork" not in page


def test_fieldwork_dates_the_wrong_way_round_are_named_and_nothing_is_created(
    framework_version,
) -> None:
    lead = user("l-1", Role.LEAD_INSPECTOR)
    where = Provider.objects.create(name="Fenbridge CRC", kind="crc")
    response = signed_in(lead).post(
        "/inspections/new/",
        {
            "provider": where.pk,
            "kind": "inspection",
            "framework": framework_version.pk,
            "reference_date": "2020-01-06",
            "fieldwork_start": "2020-02-14",
            "fieldwork_end": "2020-02-03",
            "lead": lead.pk,
        },
    )
    assert response.status_code == 200
    assert "before it starts" in response.content.decode()
    assert not Inspection.objects.exists()


def test_an_inspector_may_not_create_an_inspection() -> None:
    inspector = signed_in(user("i-1", Role.INSPECTOR))
    assert inspector.get("/inspections/new/").status_code == 403


def test_a_caseload_with_bad_rows_lists_the_first_fifty_and_offers_them_all(
    framework_version,
) -> None:
    crew = team()
    inspection = planned_inspection(framework_version, crew)
    rows = [case(f"A-{i}", gender="robot") for i in range(60)]
    client = signed_in(crew.lead)
    response = upload(client, inspection, "bad.csv", csv_text(rows).encode())
    page = response.content.decode()
    assert response.status_code == 200
    assert "nothing was stored" in page and "60 problems found" in page
    assert "Line 2, column gender" in page and "Line 51, column gender" in page
    assert "Line 52, column gender" not in page  # the 51st problem: only in the download
    assert not CaseloadCase.objects.exists()
    download = client.get(f"/inspections/{inspection.pk}/caseload/problems.csv")
    table = list(csv.DictReader(io.StringIO(download.content.decode())))
    assert len(table) == 60
    assert table[59]["line"] == "61" and table[59]["column"] == "gender"
    assert table[0]["value"] == "robot" and "not one of" in table[0]["reason"]


def test_the_problem_download_writes_no_cell_a_spreadsheet_would_run(framework_version) -> None:
    crew = team()
    inspection = planned_inspection(framework_version, crew)
    rows = [case("=HYPERLINK(1)", gender="=cmd|'/c calc'!A1")]
    client = signed_in(crew.lead)
    upload(client, inspection, "=bad.csv", csv_text(rows).encode())
    download = client.get(f"/inspections/{inspection.pk}/caseload/problems.csv")
    for row in csv.reader(io.StringIO(download.content.decode())):
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row), row


def test_from_caseload_to_assigned_cases_through_the_pages(framework_version) -> None:
    crew = team()
    inspection = planned_inspection(framework_version, crew)
    client = signed_in(crew.lead)
    response = upload(client, inspection, "caseload.csv", synthetic_caseload_bytes())
    assert response.status_code == 302 and response["Location"].endswith("/ldus/")
    page = client.get(response["Location"]).content.decode()
    assert all(name in page for name in LDUS)
    response = client.post(f"/inspections/{inspection.pk}/ldus/", {"ldus": list(LDUS)})
    assert response.status_code == 302
    response = client.post(f"/inspections/{inspection.pk}/samples/", {"seed": "4242"})
    assert response.status_code == 302
    page = client.get(f"/inspections/{inspection.pk}/samples/").content.decode()
    assert "4242" in page and "Case supervision" in page
    assert "Male, community order, medium RoSH" in page
    assert "male/community_order" not in page
    # Replace a sampled case with the next reserve, giving the reason.
    reserve = SampledCase.objects.filter(
        sample__inspection=inspection, selection=Selection.RESERVE
    ).first()
    sampled = SampledCase.objects.filter(
        sample=reserve.sample, stratum_key=reserve.stratum_key, selection=Selection.SAMPLED
    ).first()
    url = f"/inspections/{inspection.pk}/sampled/{sampled.pk}/replace/"
    assert "Give the reason" in client.post(url, {"reason": ""}).content.decode()
    response = client.post(url, {"reason": "in custody"})
    assert response.status_code == 302, response.content.decode()[-3000:]
    sampled.refresh_from_db()
    assert sampled.selection == Selection.REPLACED and sampled.replacement_reason == "in custody"
    # One case by hand, then the rest evenly.
    first = CaseAssessment.objects.filter(inspection=inspection).first()
    client.post(
        f"/inspections/{inspection.pk}/assign/{first.pk}/", {"inspector": crew.inspectors[1].pk}
    )
    first.refresh_from_db()
    assert first.assigned_to == crew.inspectors[1]
    client.post(f"/inspections/{inspection.pk}/assign/evenly/", {})
    counts = [
        CaseAssessment.objects.filter(inspection=inspection, assigned_to=p).count()
        for p in crew.inspectors
    ]
    assert sum(counts) == CaseAssessment.objects.filter(inspection=inspection).count()
    assert abs(counts[0] - counts[1]) <= 1


def test_only_the_lead_reaches_the_planning_pages(framework_version) -> None:
    crew = team()
    inspection = drawn_inspection(framework_version, crew)
    inspector = signed_in(crew.inspectors[0])
    for path in ("caseload/", "ldus/", "assign/"):
        assert inspector.get(f"/inspections/{inspection.pk}/{path}").status_code == 403
    assert inspector.post(f"/inspections/{inspection.pk}/samples/", {}).status_code == 403
    assert inspector.get(f"/inspections/{inspection.pk}/samples/").status_code == 200


def test_a_provider_quality_team_sets_up_a_self_audit_of_its_own_provider_only(
    framework_version,
) -> None:
    member = user("q-1", Role.PROVIDER_QUALITY_TEAM)
    own = Provider.objects.create(name="Fenbridge CRC", kind="crc")
    other = Provider.objects.create(name="Marshfield CRC", kind="crc")
    own.quality_team_members.add(member)
    client = signed_in(member)
    page = client.get("/inspections/new/").content.decode()
    assert "Fenbridge CRC" in page and "Marshfield CRC" not in page
    assert 'value="inspection"' not in page  # the kind they may not create
    data = {
        "kind": "self_audit",
        "framework": framework_version.pk,
        "reference_date": "2020-01-06",
        "lead": member.pk,
    }
    assert client.post("/inspections/new/", {**data, "provider": other.pk}).status_code == 200
    assert not Inspection.objects.exists()
    assert client.post("/inspections/new/", {**data, "provider": own.pk}).status_code == 302
    assert Inspection.objects.get().kind == InspectionKind.SELF_AUDIT


def test_the_lead_sees_progress_per_sample_and_per_inspector(framework_version) -> None:
    crew = team()
    inspection = inspection_in_fieldwork(framework_version, crew)
    page = signed_in(crew.lead).get(f"/inspections/{inspection.pk}/progress/").content.decode()
    assert "By sample" in page and "By inspector" in page
    assert crew.inspectors[0].username in page and "Not started" in page


def test_a_token_made_on_the_account_page_works_until_revoked() -> None:
    person = user("i-1", Role.INSPECTOR)
    client = signed_in(person)
    page = client.post("/accounts/account/", {"name": "my script"}).content.decode()
    token = page.split('id="new-token">', 1)[1].split("<", 1)[0]
    assert user_for_token(token) == person
    stored = ApiToken.objects.get(user=person)
    assert token not in client.get("/accounts/account/").content.decode()  # shown once
    other = signed_in(user("i-2", Role.INSPECTOR))
    assert other.post(f"/accounts/account/tokens/{stored.pk}/revoke/").status_code == 404
    client.post(f"/accounts/account/tokens/{stored.pk}/revoke/")
    assert user_for_token(token) is None
    assert LocalDeliveryUnit.objects.count() == 0


def test_the_provider_case_list_downloads_as_csv_or_xlsx_without_answers(
    framework_version,
) -> None:
    crew = team()
    inspection = drawn_inspection(framework_version, crew)
    client = signed_in(crew.lead)
    page = client.get(f"/inspections/{inspection.pk}/").content.decode()
    assert f"/inspections/{inspection.pk}/case-list/?format=xlsx" in page
    response = client.get(f"/inspections/{inspection.pk}/case-list/?format=csv")
    table = list(csv.DictReader(io.StringIO(response.content.decode())))
    sampled = SampledCase.objects.filter(sample__inspection=inspection, selection=Selection.SAMPLED)
    assert {row["case_id"] for row in table} == set(sampled.values_list("case__case_id", flat=True))
    assert not any("answer" in name or "judgement" in name for name in table[0])
    response = client.get(f"/inspections/{inspection.pk}/case-list/?format=xlsx")
    assert response.content[:2] == b"PK" and "attachment" in response["Content-Disposition"]
    inspector = signed_in(crew.inspectors[0])
    assert inspector.get(f"/inspections/{inspection.pk}/case-list/?format=csv").status_code == 403
