"""The case assessment page: one page per inspected case, grouped by standard. The Save button
posts every field; the page's script (static/assessments/case.js) posts each change as it is
made to the same address and gets JSON back. Both go through ``save_case``, which refuses a save
made from a stale version (409 / a conflict message with both values)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from sufficiency.framework.problems import Problem
from sufficiency.web.assessments import reading
from sufficiency.web.assessments.answers import save_case
from sufficiency.web.assessments.errors import Conflict, ConflictingValue
from sufficiency.web.assessments.forms import (
    JUDGEMENT_WORDS,
    QueryForm,
    ReplyForm,
    html_id,
    read_case_form,
)
from sufficiency.web.assessments.models import EDITABLE, CaseAssessment, CaseStatus, QuestionKind
from sufficiency.web.assessments.permissions import ASSESSING
from sufficiency.web.assessments.questions import Question, framework_of_case, sample_questions
from sufficiency.web.assessments.workflow import submit_case
from sufficiency.web.inspections.errors import Problems, Refused
from sufficiency.web.inspections.views import inspection_for
from sufficiency.web.inspections.visibility import is_lead

_FIELD_WORDS = {
    "rosh_relevant": "RoSH relevant (in the relevant sub-sample)",
    "ro_interviewed": "Responsible officer interviewed",
    "practice_example": "Practice example",
    "practice_example_text": "Practice example text",
}


def case_for(request: HttpRequest, pk: int, case_pk: int) -> CaseAssessment:
    """A case of an inspection the user may see; 404 otherwise."""
    inspection = inspection_for(request, pk)
    case = reading.cases_of(inspection).filter(pk=case_pk).first()
    if case is None:
        raise Http404("no such case in this inspection")
    return case


def questions_of(case: CaseAssessment) -> dict[str, Question]:
    return sample_questions(framework_of_case(case), case.sampled_case.sample.sample_type)


def may_record(user: Any, case: CaseAssessment) -> bool:
    """Whether to show the form; ``save_case`` checks again when a save is made."""
    return bool(
        user.pk == case.assigned_to_id
        and user.has_perm("assessments.assess_case")
        and case.status in EDITABLE
        and case.inspection.status in ASSESSING
    )


def may_moderate(user: Any, case: CaseAssessment) -> bool:
    return bool(
        user.has_perm("assessments.moderate_case")
        and (is_lead(user, case.inspection) or user.is_superuser)
        and case.inspection.status in ASSESSING
    )


def _words(value: object) -> str:
    if value is None or value == "":
        return "not answered"
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    return JUDGEMENT_WORDS.get(str(value), str(value))


def conflict_rows(exc: Conflict, questions: Mapping[str, Question]) -> list[dict[str, str]]:
    def label(value: ConflictingValue) -> str:
        qid, _, note = value.field.partition(" ")
        if qid in questions:
            text = f"{qid} {questions[qid].text}"
            return f"{text} (evidence note)" if note else text
        return _FIELD_WORDS.get(value.field, value.field)

    return [
        {"field": v.field, "label": label(v), "yours": _words(v.yours), "theirs": _words(v.theirs)}
        for v in exc.values
    ]


def _standards(
    case: CaseAssessment, questions: Mapping[str, Question], answers: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """The page's tree: standard → key question → its prompts and judgement, with the stored
    answers and any query on each."""
    queries: dict[str, list[Any]] = {}
    for query in case.queries.all():
        queries.setdefault(query.question_id, []).append(query)
    standards: dict[str, dict[str, Any]] = {}
    for qid, q in questions.items():
        if q.kind != QuestionKind.KEY_QUESTION:
            continue
        std = standards.setdefault(q.standard.id, {"standard": q.standard, "key_questions": []})

        def item(question_id: str, text: str) -> dict[str, Any]:
            answer = answers.get(question_id)
            return {
                "id": question_id,
                "html_id": html_id(question_id),
                "text": text,
                "value": answer.judgement if answer else "",
                "words": _words(answer.judgement if answer else ""),
                "note": answer.note if answer else "",
                "queries": queries.get(question_id, []),
            }

        std["key_questions"].append(
            {
                **item(qid, q.text),
                "rosh_only": q.relevant_subsample_only,
                "prompts": [item(p.id, p.text) for p in q.key_question.prompts],
            }
        )
    return list(standards.values())


def _render(
    request: HttpRequest,
    case: CaseAssessment,
    *,
    missing: list[Problem] | None = None,
    problems: list[tuple[str, str]] | None = None,
    conflict: Conflict | None = None,
    confirm_rosh: list[str] | None = None,
) -> HttpResponse:
    questions = questions_of(case)
    answers = {a.question_id: a for a in case.answers.all()}
    user = request.user
    moderate = may_moderate(user, case)
    open_queries = [q for q in case.queries.all() if q.unresolved]
    query_form = (
        QueryForm(
            initial={"question_id": request.GET.get("query", "")},
            questions={qid: q for qid, q in questions.items() if qid in answers},
        )
        if moderate and case.status in (CaseStatus.SUBMITTED, CaseStatus.QUERIED)
        else None
    )
    context = {
        "inspection": case.inspection,
        "case": case,
        "sampled": case.sampled_case,
        "standards": _standards(case, questions, answers),
        "editable": may_record(user, case),
        "is_inspector": user.pk == case.assigned_to_id,
        "moderate": moderate,
        "queries": list(case.queries.prefetch_related("replies__author").all()),
        "open_queries": open_queries,
        "query_form": query_form,
        "reply_form": ReplyForm(),
        "missing": [(html_id(p.field or "") + "-yes", p.message) for p in missing or []],
        "problems": problems or [],
        "conflict": conflict_rows(conflict, questions) if conflict else None,
        "confirm_rosh": confirm_rosh,
        "judgements": list(JUDGEMENT_WORDS.items()),
    }
    # A page with an error summary is a 200, as every form page here: the browser shows it.
    return render(request, "assessments/case.html", context)


def _json_conflict(exc: Conflict, questions: Mapping[str, Question]) -> JsonResponse:
    return JsonResponse(
        {
            "detail": exc.message,
            "version": exc.current_version,
            "conflicts": conflict_rows(exc, questions),
        },
        status=409,
    )


@require_http_methods(["GET", "POST"])
def case_page(request: HttpRequest, pk: int, case_pk: int) -> HttpResponse:
    case = case_for(request, pk, case_pk)
    if request.method == "GET":
        return _render(request, case)
    wants_json = request.POST.get("autosave") == "1"
    if request.user.pk != case.assigned_to_id:
        if wants_json:
            return JsonResponse(
                {"detail": "only the case's assigned inspector may record it"}, status=403
            )
        raise PermissionDenied("only the case's assigned inspector may record it")
    partial = wants_json or request.POST.get("partial") == "1"
    questions = questions_of(case)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    read = read_case_form(
        request.POST,
        case,
        questions,
        partial=partial,
        confirm_rosh=request.POST.get("confirm_rosh") == "1",
    )
    if read.problems:
        if wants_json:
            return JsonResponse(
                {
                    "detail": "the changes cannot be saved",
                    "problems": [{"field": f, "message": m} for f, m in read.problems],
                },
                status=422,
            )
        return _render(request, case, problems=read.problems)
    try:
        if not read.empty:  # else nothing differs from what is stored: nothing to save
            case = save_case(case, read.changes, version=version, actor=request.user)
    except Conflict as exc:
        if wants_json:
            return _json_conflict(exc, questions)
        return _render(request, case_for(request, pk, case_pk), conflict=exc)
    except Problems as exc:
        problems = [(p.field or "", p.message) for p in exc.problems]
        if wants_json:
            return JsonResponse(
                {
                    "detail": exc.message,
                    "problems": [{"field": f, "message": m} for f, m in problems],
                },
                status=422,
            )
        return _render(request, case, problems=problems)
    except Refused as exc:
        if wants_json:
            return JsonResponse({"detail": exc.message}, status=403)
        messages.error(request, exc.message[:1].upper() + exc.message[1:])
        return redirect("assessments:case", pk=pk, case_pk=case_pk)
    saved_at = timezone.localtime().strftime("%H:%M")
    removing = _rosh_answers(case, questions) if read.clears_rosh else None
    if wants_json:
        body: dict[str, Any] = {"version": case.version, "saved_at": saved_at}
        if removing is not None:
            body["confirm_rosh"] = removing
        return JsonResponse(body)
    if removing is not None:
        case.refresh_from_db()
        return _render(request, case, confirm_rosh=removing)
    if request.POST.get("action") == "submit":
        return _submit(request, case)
    messages.success(request, f"Saved at {saved_at}")
    return redirect("assessments:case", pk=pk, case_pk=case_pk)


def _rosh_answers(case: CaseAssessment, questions: Mapping[str, Question]) -> list[str]:
    """The stored answers that clearing the RoSH relevant flag would remove, in words."""
    return [
        f"{a.question_id} {questions[a.question_id].text}: {_words(a.judgement)}"
        for a in case.answers.order_by("question_id")
        if a.question_id in questions and questions[a.question_id].relevant_subsample_only
    ]


def _submit(request: HttpRequest, case: CaseAssessment) -> HttpResponse:
    try:
        submit_case(case, actor=request.user)
    except Problems as exc:
        case.refresh_from_db()
        return _render(request, case, missing=exc.problems)
    except Refused as exc:
        messages.error(request, exc.message[:1].upper() + exc.message[1:])
    else:
        messages.success(request, f"Case {case} submitted to the lead inspector")
        return redirect("assessments:my_cases")
    return redirect("assessments:case", pk=case.inspection_id, case_pk=case.pk)
