"""Request and response shapes of the inspection API (the contract in README.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Field, Schema

Value = Literal["yes", "no", "n/a"]


class InspectionOut(Schema):
    id: int
    provider: str
    kind: Literal["inspection", "self_audit"]
    framework: str = Field(
        description="the framework id and version, e.g. hmip-probation-2018 (2018/19)"
    )
    status: Literal[
        "planning", "fieldwork", "moderation", "ratings_panel", "reporting", "published"
    ]
    reference_date: dt.date


class CaseOut(Schema):
    id: int
    case_id: str
    sample: str = Field(description="the framework's sample type id")
    stratum: str = Field(description='the stratum key, e.g. "male/community_order/medium"')
    ldu: str
    assigned_to: str | None = Field(description="the inspector's username")
    status: Literal["not_started", "draft", "submitted", "queried", "quality_assured"]
    rosh_relevant: bool
    version: int


class CaseDetailOut(CaseOut):
    answers: dict[str, Value] = Field(
        description="key question id → judgement; unanswered questions are absent"
    )


class CasePatch(Schema):
    version: int = Field(description="the version the changes were made from")
    rosh_relevant: bool | None = None
    answers: dict[str, Any] = Field(
        default_factory=dict,
        description='key question id → "yes", "no", "n/a", or null to clear the answer',
    )


class VersionOut(Schema):
    version: int


class ConflictValue(Schema):
    field: str
    yours: Any
    theirs: Any


class ConflictOut(Schema):
    detail: str
    version: int = Field(description="the case's current version")
    conflicts: list[ConflictValue]
