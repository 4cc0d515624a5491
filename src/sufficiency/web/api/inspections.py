"""The inspection endpoints: inspections the caller may see, their cases, saving and submitting
a case. Every refusal says what was wrong in words: 403 not yours or locked, 404 not found (or
not visible), 409 changed elsewhere, 422 bad input."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja import Router, Status

from sufficiency.framework.problems import Problem
from sufficiency.web.api import inspection_schemas as schemas
from sufficiency.web.api.responses import BODY, ERRORS, NOT_FOUND
from sufficiency.web.assessments import reading
from sufficiency.web.assessments.answers import AnswerChange, CaseChanges, save_case
from sufficiency.web.assessments.errors import Conflict
from sufficiency.web.assessments.models import CaseAssessment, QuestionKind
from sufficiency.web.assessments.questions import framework_of_case, sample_questions
from sufficiency.web.assessments.workflow import submit_case
from sufficiency.web.inspections.errors import Problems, Refused, problem
from sufficiency.web.inspections.visibility import visible_inspections

router = Router(tags=["inspections"])

_NOT_FOUND = Status(404, {"detail": "no such inspection, or not one you may see"})


def _user(request: HttpRequest) -> Any:
    return getattr(request, "user", AnonymousUser())


def _case(request: HttpRequest, inspection_id: int, case_id: int) -> CaseAssessment | None:
    inspection = visible_inspections(_user(request)).filter(pk=inspection_id).first()
    if inspection is None:
        return None
    return reading.cases_of(inspection).filter(pk=case_id).first()


def _problems(detail: str, problems: list[Problem]) -> Status[Any]:
    return Status(
        422,
        {
            "detail": detail,
            "problems": [p.as_dict() for p in problems],
        },
    )


@router.get(
    "",
    response={200: list[schemas.InspectionOut], **ERRORS},
    summary="The inspections you may see",
)
def list_inspections(request: HttpRequest) -> Any:
    return [reading.inspection_summary(i) for i in visible_inspections(_user(request))]


@router.get(
    "/{inspection_id}/cases",
    response={200: list[schemas.CaseOut], **NOT_FOUND, **ERRORS},
    summary="An inspection's inspected cases",
)
def list_cases(request: HttpRequest, inspection_id: int) -> Any:
    inspection = visible_inspections(_user(request)).filter(pk=inspection_id).first()
    if inspection is None:
        return _NOT_FOUND
    return Status(200, [reading.case_summary(c) for c in reading.cases_of(inspection)])


@router.get(
    "/{inspection_id}/cases/{case_id}",
    response={200: schemas.CaseDetailOut, **NOT_FOUND, **ERRORS},
    summary="One case, with its key question answers",
)
def get_case(request: HttpRequest, inspection_id: int, case_id: int) -> Any:
    case = _case(request, inspection_id, case_id)
    if case is None:
        return Status(404, {"detail": "no such case in this inspection"})
    return Status(200, reading.case_detail(case))


@router.patch(
    "/{inspection_id}/cases/{case_id}",
    response={200: schemas.VersionOut, 409: schemas.ConflictOut, **NOT_FOUND, **ERRORS, **BODY},
    summary="Save key question answers and the RoSH relevant flag, from a version",
)
def patch_case(
    request: HttpRequest, inspection_id: int, case_id: int, payload: schemas.CasePatch
) -> Any:
    case = _case(request, inspection_id, case_id)
    if case is None:
        return Status(404, {"detail": "no such case in this inspection"})
    questions = sample_questions(framework_of_case(case), case.sampled_case.sample.sample_type)
    problems: list[Problem] = []
    answers: dict[str, AnswerChange] = {}
    for qid, value in payload.answers.items():
        if value is not None and not isinstance(value, str):
            problems.append(problem(qid, f"{value!r} is not an answer: use yes, no, n/a or null"))
        elif qid in questions and questions[qid].kind == QuestionKind.PROMPT:
            problems.append(problem(qid, f"{qid} is a prompt; the API records key questions"))
        else:
            answers[qid] = AnswerChange(value)
    if problems:
        return _problems("the changes cannot be saved", problems)
    try:
        saved = save_case(
            case,
            CaseChanges(answers=answers, rosh_relevant=payload.rosh_relevant),
            version=payload.version,
            actor=_user(request),
        )
    except Refused as exc:
        return Status(403, {"detail": exc.message})
    except Conflict as exc:
        return Status(
            409,
            {
                "detail": exc.message,
                "version": exc.current_version,
                "conflicts": [
                    {"field": v.field, "yours": v.yours, "theirs": v.theirs} for v in exc.values
                ],
            },
        )
    except Problems as exc:
        return _problems(exc.message, exc.problems)
    return Status(200, {"version": saved.version})


@router.post(
    "/{inspection_id}/cases/{case_id}/submit",
    response={200: schemas.VersionOut, **NOT_FOUND, **ERRORS},
    summary="Submit a complete case",
)
def submit(request: HttpRequest, inspection_id: int, case_id: int) -> Any:
    case = _case(request, inspection_id, case_id)
    if case is None:
        return Status(404, {"detail": "no such case in this inspection"})
    try:
        saved = submit_case(case, actor=_user(request))
    except Refused as exc:
        return Status(403, {"detail": exc.message})
    except Problems as exc:
        return _problems(exc.message, exc.problems)
    return Status(200, {"version": saved.version})
