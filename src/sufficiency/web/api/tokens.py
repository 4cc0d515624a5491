"""API tokens: made and revoked here (audited); only their SHA-256 is kept."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from sufficiency.web.api.models import ApiToken
from sufficiency.web.audit.models import Action
from sufficiency.web.audit.services import Actor, record

TOKEN_PREFIX = "suff_"  # noqa: S105 (marks a token, is none)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(user: User, name: str = "", *, actor: Actor) -> tuple[ApiToken, str]:
    """A new token for ``user``; the token itself is returned once and never stored."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        stored = ApiToken.objects.create(
            user=user, name=name[:100], prefix=token[:12], key_hash=_hash(token)
        )
        record(actor, Action.API_TOKEN_CREATED, stored, {"user": user.get_username(), "name": name})
    return stored, token


def revoke_token(token: ApiToken, *, actor: Actor) -> None:
    with transaction.atomic():
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            record(actor, Action.API_TOKEN_REVOKED, token, {"user": token.user.get_username()})


def tokens_of(user: User) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user, revoked_at__isnull=True))


def user_for_token(token: str) -> User | None:
    """The active user a live token belongs to, or None."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    found = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_hash(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if found is None:
        return None
    ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
    return found.user
