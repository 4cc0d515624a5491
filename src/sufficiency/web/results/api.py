"""The results' part of the API: an inspection's ratings, its engine files and its breakdowns.

``GET /api/inspections/{id}/ratings`` is exactly ``sufficiency rate --format json`` on the
counted cases with the panel's decisions applied, and the three CSV files are what that command
reads. Each endpoint checks the inspection is one the caller may see (404 otherwise).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from sufficiency.ratings import RatingsInputError
from sufficiency.ratings.breakdowns import Grouping
from sufficiency.web.api import schemas
from sufficiency.web.inspections.errors import Refused, problem
from sufficiency.web.inspections.models import Inspection
from sufficiency.web.inspections.visibility import visible_inspections
from sufficiency.web.results import services
from sufficiency.web.results.workbook import results_workbook

router = Router(tags=["inspection results"])

NOT_FOUND = {"detail": "No such inspection, or not one you may see"}
_FILES = ("answers", "cases", "decisions")


def _inspection(request: HttpRequest, inspection_id: int) -> Inspection | None:
    return visible_inspections(request.user).filter(pk=inspection_id).first()


def _unrateable(exc: RatingsInputError) -> Any:
    return Status(
        422,
        {
            "detail": "the recorded answers cannot be rated",
            "problems": [p.as_dict() for p in exc.problems],
        },
    )


@router.get(
    "/{inspection_id}/ratings",
    response={
        200: dict[str, Any],
        403: schemas.Message,
        404: schemas.Message,
        422: schemas.ProblemsOut,
    },
    summary="The inspection's ratings: exactly `sufficiency rate --format json` on its counted cases",
)
def ratings(request: HttpRequest, inspection_id: int) -> Any:
    inspection = _inspection(request, inspection_id)
    if inspection is None:
        return Status(404, NOT_FOUND)
    try:
        return Status(200, services.ratings(inspection, actor=request.user))
    except Refused as exc:
        return Status(403, {"detail": exc.message})
    except RatingsInputError as exc:
        return _unrateable(exc)


def _file(request: HttpRequest, inspection_id: int, name: str) -> Any:
    inspection = _inspection(request, inspection_id)
    if inspection is None:
        return Status(404, NOT_FOUND)
    try:
        files = services.files(inspection, actor=request.user)
    except Refused as exc:
        return Status(403, {"detail": exc.message})
    services.record_export(inspection, f"{name}.csv", actor=request.user)
    response = HttpResponse(getattr(files, name), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="inspection-{inspection.pk}-{name}.csv"'
    )
    return response


_CSV = {200: None, 403: schemas.Message, 404: schemas.Message}


@router.get(
    "/{inspection_id}/answers.csv", response=_CSV, summary="ANSWERS.csv of the counted cases"
)
def answers_csv(request: HttpRequest, inspection_id: int) -> Any:
    return _file(request, inspection_id, "answers")


@router.get("/{inspection_id}/cases.csv", response=_CSV, summary="CASES.csv: the counted cases")
def cases_csv(request: HttpRequest, inspection_id: int) -> Any:
    return _file(request, inspection_id, "cases")


@router.get(
    "/{inspection_id}/decisions.csv",
    response=_CSV,
    summary="DECISIONS.csv: domain-one judgements and the panel's decisions",
)
def decisions_csv(request: HttpRequest, inspection_id: int) -> Any:
    return _file(request, inspection_id, "decisions")


@router.get(
    "/{inspection_id}/breakdowns",
    response={
        200: list[dict[str, Any]],
        403: schemas.Message,
        404: schemas.Message,
        422: schemas.ProblemsOut,
    },
    summary="Every key question's figure by group; percent (and counts) null for a group under 5",
)
def breakdowns(request: HttpRequest, inspection_id: int, by: str = "") -> Any:
    inspection = _inspection(request, inspection_id)
    if inspection is None:
        return Status(404, NOT_FOUND)
    try:
        grouping = Grouping(by)
    except ValueError:
        choices = "|".join(g.value for g in Grouping)
        return Status(
            422,
            {
                "detail": "unknown grouping",
                "problems": [problem("by", f"not a grouping: use one of {choices}", by).as_dict()],
            },
        )
    try:
        figures = services.breakdown_by(inspection, grouping, actor=request.user)
    except Refused as exc:
        return Status(403, {"detail": exc.message})
    return Status(200, [f.as_dict() for f in figures])


@router.get(
    "/{inspection_id}/results.xlsx",
    response=_CSV,
    summary="Every results table as one XLSX workbook (text never a formula)",
)
def results_xlsx(request: HttpRequest, inspection_id: int) -> Any:
    inspection = _inspection(request, inspection_id)
    if inspection is None:
        return Status(404, NOT_FOUND)
    try:
        body = results_workbook(inspection, actor=request.user)
    except Refused as exc:
        return Status(403, {"detail": exc.message})
    services.record_export(inspection, "results.xlsx", actor=request.user)
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="inspection-{inspection.pk}-results.xlsx"'
    )
    return response
