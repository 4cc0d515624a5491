"""The caseload of an inspection: uploading it (every bad row reported, nothing stored from a
file with one), choosing the local delivery units it covers, and reading it back for the core."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import transaction

from sufficiency.framework.problems import Problem
from sufficiency.web.audit.models import Action
from sufficiency.web.audit.services import Actor, record
from sufficiency.web.frameworks import services as framework_services
from sufficiency.web.inspections.caseload_reader import read_caseload_file
from sufficiency.web.inspections.errors import Problems, Refused, problem
from sufficiency.web.inspections.models import (
    Caseload,
    CaseloadCase,
    Inspection,
    InspectionStatus,
)
from sufficiency.web.inspections.permissions import acting_user, require_lead
from sufficiency.web.providers.models import LocalDeliveryUnit

if TYPE_CHECKING:
    from sufficiency.sampling.caseload import Caseload as CoreCaseload


def upload_caseload(
    inspection: Inspection, data: bytes, filename: str, *, actor: Actor
) -> Caseload:
    """Store a caseload file (CSV or workbook) as the inspection's caseload, replacing any earlier
    one while no sample has been drawn. Raises Problems listing every bad row (line, column and
    reason); nothing is stored then, and the rejection is audited."""
    require_lead(actor, "inspections.manage_inspection", inspection)
    if inspection.status != InspectionStatus.PLANNING:
        raise Refused("the caseload can be uploaded only while the inspection is in planning")
    if inspection.samples.exists():
        raise Refused("samples have been drawn from the caseload; it can no longer be replaced")
    framework = framework_services.framework_of(inspection.framework)
    try:
        read = read_caseload_file(framework, data, filename)
    except Problems as exc:
        record(
            actor,
            Action.CASELOAD_REJECTED,
            inspection,
            {"file": filename, "reason": exc.message, "problems": len(exc.problems)},
        )
        raise
    spec = framework.sampling.caseload if framework.sampling else None
    identifier = spec.identifier if spec else read.columns[0]
    ldu_column = spec.local_delivery_unit if spec else None
    at_id = read.columns.index(identifier)
    at_ldu = read.columns.index(ldu_column) if ldu_column in read.columns else None
    with transaction.atomic():
        Caseload.objects.filter(inspection=inspection).delete()
        caseload = Caseload.objects.create(
            inspection=inspection,
            filename=filename[:255],
            size_bytes=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            cases=len(read.rows),
            columns=read.columns,
            uploaded_by=acting_user(actor),
        )
        CaseloadCase.objects.bulk_create(
            (
                CaseloadCase(
                    caseload=caseload,
                    row=i,
                    line=line,
                    case_id=values[at_id],
                    ldu=values[at_ldu] if at_ldu is not None else "",
                    values=dict(zip(read.columns, values, strict=True)),
                )
                for i, (line, values) in enumerate(zip(read.lines, read.rows, strict=True))
            ),
            batch_size=2000,
        )
        inspection.ldus.clear()
        record(
            actor,
            Action.CASELOAD_UPLOADED,
            inspection,
            {"file": filename, "cases": caseload.cases, "sha256": caseload.sha256},
        )
    return caseload


def caseload_ldus(inspection: Inspection) -> list[tuple[str, int]]:
    """The local delivery units the caseload names, with their number of cases, by name."""
    from django.db.models import Count

    rows = (
        CaseloadCase.objects.filter(caseload__inspection=inspection)
        .values("ldu")
        .annotate(cases=Count("id"))
        .order_by("ldu")
    )
    return [(row["ldu"], row["cases"]) for row in rows]


def choose_ldus(inspection: Inspection, names: Sequence[str], *, actor: Actor) -> None:
    """Choose the local delivery units the inspection covers (most inspections sample from
    three), by the names the caseload gives them. Only before the samples are drawn."""
    require_lead(actor, "inspections.manage_inspection", inspection)
    if inspection.samples.exists():
        raise Refused("the local delivery units are fixed once samples are drawn")
    known = dict(caseload_ldus(inspection))
    if not known:
        raise Refused("upload the caseload before choosing local delivery units")
    wanted = list(dict.fromkeys(n.strip() for n in names if n.strip()))
    problems = [
        problem("ldus", f"{name!r} is not a local delivery unit of the caseload")
        for name in wanted
        if name not in known
    ]
    if not wanted:
        problems.append(problem("ldus", "choose at least one local delivery unit"))
    if problems:
        raise Problems("the local delivery units cannot be chosen", problems)
    with transaction.atomic():
        ldus = [
            LocalDeliveryUnit.objects.get_or_create(provider=inspection.provider, name=name)[0]
            for name in wanted
        ]
        inspection.ldus.set(ldus)
        record(actor, Action.LDUS_CHOSEN, inspection, {"ldus": wanted})


def core_caseload(inspection: Inspection) -> tuple[CoreCaseload, dict[str, CaseloadCase]]:
    """The stored caseload as the sampling core's Caseload (checked again against the
    framework's columns), with the stored case of each case id."""
    import pyarrow as pa

    from sufficiency.sampling import flows
    from sufficiency.sampling.caseload import RawCaseload

    caseload = inspection.caseload
    cases = list(caseload.rows.order_by("row"))
    table = pa.table(
        {
            name: pa.array([str(c.values.get(name, "")) for c in cases], type=pa.string())
            for name in caseload.columns
        }
    )
    lines = [c.line for c in cases]
    raw = RawCaseload(f"{caseload.filename} (stored)", table, lines.__getitem__)
    framework = framework_services.framework_of(inspection.framework)
    return flows.check_caseload(framework, raw), {c.case_id: c for c in cases}


def problems_csv(problems: Sequence[Problem]) -> str:
    """Every problem of a refused caseload as CSV (line, column, value, reason), formula-safe:
    the full list a page offers beside the first problems it shows."""
    import csv
    import io

    from sufficiency.exports import safe_row

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["line", "column", "value", "reason"])
    for found in problems:
        writer.writerow(
            safe_row(
                [
                    "" if found.line is None else str(found.line),
                    found.field or "",
                    found.value or "",
                    found.reason,
                ]
            )
        )
    return out.getvalue()
