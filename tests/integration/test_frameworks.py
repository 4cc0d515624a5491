"""Framework versions: stored through the core loader, listed and browsed down to the prompts."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from sufficiency.framework import FrameworkError, load_framework
from sufficiency.web.accounts.services import Role
from sufficiency.web.audit.models import Action, AuditEvent
from sufficiency.web.frameworks import services
from sufficiency.web.frameworks.models import FrameworkVersion

pytestmark = pytest.mark.django_db
ClientFactory = Callable[[Role], Client]


def test_loading_the_shipped_frameworks_is_idempotent() -> None:
    first = services.load_builtin()
    second = services.load_builtin()
    assert [o.status for o in first] == [services.LoadStatus.CREATED]
    assert [o.status for o in second] == [services.LoadStatus.UNCHANGED]
    assert FrameworkVersion.objects.count() == 1
    assert AuditEvent.objects.filter(action=Action.FRAMEWORK_LOADED).count() == 1


def test_stored_version_reads_back_as_the_core_framework(
    framework_version: FrameworkVersion,
) -> None:
    assert services.framework_of(framework_version) == load_framework("hmip-probation-2018")


def test_changed_text_under_the_same_version_is_refused(
    framework_version: FrameworkVersion,
) -> None:
    changed = framework_version.yaml_text.replace("Leadership", "Leading", 1)
    with pytest.raises(FrameworkError) as caught:
        services.load_text(changed, "changed.yaml")
    assert "needs a new version" in str(caught.value)


def test_invalid_framework_lists_every_problem() -> None:
    with pytest.raises(FrameworkError) as caught:
        services.load_text("format: 1\nid: x\n", "broken.yaml")
    assert len(caught.value.problems) >= 3
    assert FrameworkVersion.objects.count() == 0


def test_management_command(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load_frameworks")
    assert "hmip-probation-2018 (2018/19): created" in capsys.readouterr().out


def test_pages_browse_domain_standard_key_question_prompt(
    framework_version: FrameworkVersion, client_as: ClientFactory
) -> None:
    client = client_as(Role.PROVIDER_QUALITY_TEAM)
    listing = client.get(reverse("frameworks:list")).content.decode()
    assert framework_version.name in listing
    tree = client.get(reverse("frameworks:detail", args=[framework_version.pk])).content.decode()
    assert "Domain 2: Case supervision" in tree and "2.1 Assessment" in tree
    page = client.get(reverse("frameworks:standard", args=[framework_version.pk, "2.2"]))
    html = page.content.decode()
    assert "2.2.3 Does planning focus sufficiently on keeping other people safe?" in html
    assert "Relevant sub-sample only" in html
    assert "govuk-summary-list" in html
    missing = client.get(reverse("frameworks:standard", args=[framework_version.pk, "9.9"]))
    assert missing.status_code == 404


def test_manager_uploads_a_framework_and_sees_its_problems(client_as: ClientFactory) -> None:
    client = client_as(Role.INSPECTION_MANAGER)
    bad = SimpleUploadedFile("own.yaml", b"format: 1\nid: own-audit\n")
    response = client.post(reverse("frameworks:upload"), {"file": bad})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and "own.yaml" in html
    good = SimpleUploadedFile(
        "hmip.yaml", load_text_of_builtin().encode("utf-8"), content_type="text/yaml"
    )
    response = client.post(reverse("frameworks:upload"), {"file": good})
    assert response.status_code == 302
    assert FrameworkVersion.objects.get().loaded_by is not None


def load_text_of_builtin() -> str:
    from importlib import resources

    data = resources.files("sufficiency.framework") / "data" / "hmip-probation-2018.yaml"
    return data.read_text(encoding="utf-8")
