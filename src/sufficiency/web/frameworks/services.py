"""Loading framework versions into the database and reading them back as core values."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from django.db import transaction
from django.db.models import QuerySet

from sufficiency.framework import (
    Framework,
    FrameworkError,
    Problem,
    builtin_framework_ids,
    builtin_framework_text,
    parse_framework,
)
from sufficiency.web.audit.models import Action
from sufficiency.web.audit.services import Actor, record, user_or_none
from sufficiency.web.core.limits import length_problems
from sufficiency.web.frameworks.models import FrameworkVersion


class LoadStatus(StrEnum):
    CREATED = "created"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class LoadOutcome:
    version: FrameworkVersion
    status: LoadStatus


@lru_cache(maxsize=32)
def _parse(sha256: str, text: str, source: str) -> Framework:
    return parse_framework(text, source)


def framework_of(version: FrameworkVersion) -> Framework:
    """The stored version as the core's Framework value (parsed once per content)."""
    return _parse(version.sha256, version.yaml_text, version.source)


def load_text(text: str, source: str, *, actor: Actor = None, builtin: bool = False) -> LoadOutcome:
    """Validate framework YAML with the core loader and store it as a version.

    The same content twice is one version. A framework version is immutable: different content
    under an id and version already stored is refused (give the new text a new version).
    Raises FrameworkError, listing every problem.
    """
    framework = parse_framework(text, source)
    too_long = length_problems(
        FrameworkVersion,
        {
            "framework_id": framework.id,
            "version": framework.version,
            "name": framework.name,
            "owner": framework.owner or "",
            "source": source,
        },
    )
    if too_long:
        raise FrameworkError([Problem(source=source, reason=p) for p in too_long])
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    with transaction.atomic():
        existing = (
            FrameworkVersion.objects.select_for_update()
            .filter(framework_id=framework.id, version=framework.version)
            .first()
        )
        if existing is not None:
            if existing.sha256 == digest:
                return LoadOutcome(existing, LoadStatus.UNCHANGED)
            raise FrameworkError(
                [
                    Problem(
                        source=source,
                        field="version",
                        value=framework.version,
                        reason=f"framework {framework.id} version {framework.version!r} is already "
                        "stored with different content; a changed framework needs a new version",
                    )
                ]
            )
        stored = FrameworkVersion.objects.create(
            framework_id=framework.id,
            version=framework.version,
            name=framework.name,
            owner=framework.owner or "",
            yaml_text=text,
            sha256=digest,
            source=source,
            builtin=builtin,
            loaded_by=user_or_none(actor),
        )
        record(actor, Action.FRAMEWORK_LOADED, stored, {"source": source, "sha256": digest})
    return LoadOutcome(stored, LoadStatus.CREATED)


def load_builtin(actor: Actor = None) -> list[LoadOutcome]:
    """Store every framework shipped in the package (idempotent)."""
    outcomes = []
    for framework_id in builtin_framework_ids():
        text = builtin_framework_text(framework_id)
        outcomes.append(load_text(text, f"{framework_id}.yaml", actor=actor, builtin=True))
    return outcomes


def versions() -> QuerySet[FrameworkVersion]:
    return FrameworkVersion.objects.all()


def get_version(pk: int) -> FrameworkVersion | None:
    return FrameworkVersion.objects.filter(pk=pk).first()


def latest(framework_id: str | None = None) -> FrameworkVersion | None:
    """The most recently loaded version (of one framework id, or of any)."""
    versions = FrameworkVersion.objects.order_by("-loaded_at", "-id")
    if framework_id is not None:
        versions = versions.filter(framework_id=framework_id)
    return versions.first()


class FrameworkNotStored(LookupError):
    """No version of the named framework is stored."""


def latest_or_error(framework_id: str) -> FrameworkVersion:
    version = latest(framework_id)
    if version is None:
        raise FrameworkNotStored(f"framework {framework_id!r} is not stored")
    return version


def version_or_error(framework_id: str, version: str | None = None) -> FrameworkVersion:
    """The stored ``version`` of a framework, or its latest when ``version`` is None."""
    if version is None:
        return latest_or_error(framework_id)
    found = FrameworkVersion.objects.filter(framework_id=framework_id, version=version).first()
    if found is None:
        raise FrameworkNotStored(f"framework {framework_id!r} version {version!r} is not stored")
    return found
