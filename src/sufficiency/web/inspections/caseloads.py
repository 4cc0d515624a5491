"""The caseload of an inspection: uploading it (every bad row reported, nothing stored from a
file with one), choosing the local delivery units it covers, and reading it back for the core."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import transaction

from sufficiency.web.audit.models import Action
from sufficiency.web.audit.services import Actor, record
from sufficiency.web.inspections.caseload_reader import read_caseload_file
from sufficiency.web.inspections.errors import Problem, Problems, Refused
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

# The documented columns, as CaseloadCase stores them (field name ← column name).
_STORED = {
    "case_id": "case_id",
    "provider": "provider_type",
    "ldu": "ldu",
    "gender": "gender",
    "disposal": "disposal",
    "rosh": "rosh",
    "supervision_start": "supervision_start",
    "upw_start": "upw_start",
    "release_date": "release_date",
    "ttg": "ttg",
}


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
    try:
        read = read_caseload_file(data, filename)
    except Problems as exc:
        record(
            actor,
            Action.CASELOAD_REJECTED,
            inspection,
            {"file": filename, "reason": exc.message, "problems": len(exc.problems)},
        )
        raise
    extra = [c for c in read.columns if c not in _STORED]
    position = {name: i for i, name in enumerate(read.columns)}
    with transaction.atomic():
        Caseload.objects.filter(inspection=inspection).delete()
        caseload = Caseload.objects.create(
            inspection=inspection,
            filename=filename[:255],
            size_bytes=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            cases=len(read.rows),
            extra_columns=extra,
            uploaded_by=acting_user(actor),
        )
        CaseloadCase.objects.bulk_create(
            (
                CaseloadCase(
                    caseload=caseload,
                    row=i,
                    line=line,
                    **{field: values[position[column]] for column, field in _STORED.items()},
                    extra={name: values[position[name]] for name in extra},
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
        Problem("ldus", f"{name!r} is not a local delivery unit of the caseload")
        for name in wanted
        if name not in known
    ]
    if not wanted:
        problems.append(Problem("ldus", "choose at least one local delivery unit"))
    if problems:
        raise Problems("the local delivery units cannot be chosen", problems)
    with transaction.atomic():
        ldus = [
            LocalDeliveryUnit.objects.get_or_create(provider=inspection.provider, name=name)[0]
            for name in wanted
        ]
        inspection.ldus.set(ldus)
        record(actor, Action.LDUS_CHOSEN, inspection, {"ldus": wanted})


def core_caseload(inspection: Inspection) -> tuple[CoreCaseload, list[CaseloadCase]]:
    """The stored caseload of the chosen local delivery units, as the sampling core's Caseload,
    with the stored case behind each of its rows (row i of the table is cases[i])."""
    import pyarrow as pa

    from sufficiency.sampling.caseload import RawCaseload, validate

    caseload = inspection.caseload
    ldus = list(inspection.ldus.values_list("name", flat=True))
    cases = list(caseload.rows.filter(ldu__in=ldus).order_by("row"))
    columns: dict[str, list[str]] = {
        column: [getattr(c, field) for c in cases] for column, field in _STORED.items()
    }
    for name in caseload.extra_columns:
        columns[name] = [str(c.extra.get(name, "")) for c in cases]
    table = pa.table({name: pa.array(values, type=pa.string()) for name, values in columns.items()})
    lines = [c.line for c in cases]
    raw = RawCaseload(f"{caseload.filename} (stored)", table, lines.__getitem__)
    return validate(raw), cases
