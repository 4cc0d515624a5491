"""Fixtures for the Django integration tests (SQLite by default, PostgreSQL with DATABASE_URL)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from sufficiency.web.accounts.services import Role, create_or_reset_user
from sufficiency.web.frameworks import services as framework_services
from sufficiency.web.frameworks.models import FrameworkVersion
from sufficiency.web.twofactor.services import is_required

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework_version(db: None) -> FrameworkVersion:
    """The shipped 2018/19 framework, stored."""
    (outcome,) = framework_services.load_builtin()
    return outcome.version


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    def make(role: Role, username: str | None = None, provider: str | None = None) -> User:
        name = username or "test-" + role.value.lower().replace(" ", "-")
        user, _ = create_or_reset_user(name, role, provider=provider)
        return user

    return make


def pass_two_factor(client: Client, user: User) -> None:
    """What someone who must use two-factor sign-in has done after the password: set up an
    authenticator app and given its code this session."""
    device = TOTPDevice.objects.create(user=user, name="test app", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture
def client_as(make_user: Callable[..., User]) -> Callable[[Role], Client]:
    """A test client signed in with a fresh user of the given role (past two-factor sign-in,
    for the roles that must use it)."""

    def sign_in(role: Role) -> Client:
        client = Client()
        user = make_user(role)
        client.force_login(user)
        if is_required(user):
            pass_two_factor(client, user)
        return client

    return sign_in


@pytest.fixture
def provider_client(make_user: Callable[..., User]) -> Callable[[str], Client]:
    """A test client signed in as a provider quality team user of the named provider."""

    def sign_in(provider: str) -> Client:
        client = Client()
        slug = "".join(c for c in provider.lower() if c.isalnum())[:20]
        client.force_login(make_user(Role.PROVIDER_QUALITY_TEAM, f"team-{slug}", provider))
        return client

    return sign_in


@pytest.fixture
def published_expected(shared_dir: Path) -> dict[str, dict[str, Any]]:
    """The two real reports' expected parses (the parser's JSON contract), by file stem."""
    return {
        path.name.removesuffix(".expected.json"): json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((shared_dir / "published").glob("*.expected.json"))
    }
