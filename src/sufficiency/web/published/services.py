"""Storing published reports, idempotently, and comparing providers.

The parsing and the statistics are the core's (``sufficiency.published``); this module stores
their JSON records, keeps the history when a re-parse changes one, and records every import and
export in the audit log.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from sufficiency.exports import safe_record
from sufficiency.framework import Framework, Problem, builtin_framework_ids
from sufficiency.published.model import fingerprint as fingerprint_of
from sufficiency.published.model import report_key
from sufficiency.published.parser import DEFAULT_FRAMEWORK, default_framework
from sufficiency.web.accounts.services import may, provider_scope
from sufficiency.web.audit.models import Action
from sufficiency.web.audit.services import Actor, record, record_refused_upload, user_or_none
from sufficiency.web.core.limits import length_problems
from sufficiency.web.published.models import (
    OTHER_PROVIDER,
    ProviderType,
    PublishedReport,
    PublishedReportRevision,
    ReportFormat,
)

if TYPE_CHECKING:
    from sufficiency.published.benchmark import Comparison


_PUBLICATION_DATE = re.compile(r"\d{4}(-\d{2})?")  # as the parser gives it: "YYYY-MM" or "YYYY"
UPLOAD_KIND = "published report"  # how the audit log names a refused upload of one
REPLACE_PERMISSION = "published.change_publishedreport"  # replace a stored report's figures


class ImportStatus(StrEnum):
    CREATED = "created"
    UPDATED = "updated"  # a changed parse replaced the stored one, which is kept as a revision
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class ImportOutcome:
    report: PublishedReport
    status: ImportStatus
    revision: PublishedReportRevision | None = None


class ReportRejected(Exception):
    """A file that cannot be stored as a published report; ``message`` says why, ``problems``
    lists each thing the parser found missing or wrong (in the one ``Problem`` shape)."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        self.message = message
        self.problems = tuple(problems)
        super().__init__(message)


def publication_date_of(parsed: Mapping[str, Any]) -> str:
    """The publication date as the parser gives it ("YYYY-MM" or "YYYY"), or "" if unknown."""
    value = parsed.get("publication_date")
    if isinstance(value, str) and _PUBLICATION_DATE.fullmatch(value.strip()):
        return value.strip()
    return ""


def provider_type_of(parsed: Mapping[str, Any]) -> str:
    """The kind of provider a parsed report is of: the one it states, else the first kind
    (``ProviderType``, the framework's provider values) whose display name its provider's name
    holds ("… Community Rehabilitation Company") or that it starts or ends with ("… CRC",
    "NPS …"); else other."""
    stated = str(parsed.get("provider_type", "")).upper()
    if stated in ProviderType.values:
        return stated
    provider = str(parsed.get("provider", "")).casefold()
    for value, label in ProviderType.choices:
        if value == OTHER_PROVIDER:
            continue
        kind = value.casefold()
        if (
            label.casefold() in provider
            or provider.endswith(f" {kind}")
            or provider.startswith(f"{kind} ")
        ):
            return value
    return OTHER_PROVIDER


def import_parsed(
    parsed: Mapping[str, Any],
    *,
    report_format: ReportFormat,
    source_filename: str = "",
    fingerprint: str | None = None,
    actor: Actor = None,
    synthetic: bool = False,
) -> ImportOutcome:
    """Store a parsed report. The same report twice is one record; a changed parse replaces the
    stored one and keeps it as a revision. Every outcome is audited."""
    provider = str(parsed.get("provider", "")).strip()
    if not provider:
        raise ReportRejected("the report names no provider")
    record_json = dict(parsed)
    fingerprint = fingerprint or fingerprint_of(record_json)
    key = report_key(record_json)  # the parser's rule for "the same inspection"
    too_long = length_problems(
        PublishedReport,
        {
            "provider": provider,
            "report_key": key,
            "overall_rating": str(record_json.get("overall_rating") or ""),
        },
    )
    if too_long:
        raise ReportRejected("; ".join(too_long))
    user = user_or_none(actor)
    now = timezone.now()
    fields = {
        "provider": provider,
        "provider_type": provider_type_of(record_json),
        "publication_date": publication_date_of(record_json),
        "overall_rating": str(record_json.get("overall_rating") or ""),
        "fingerprint": fingerprint,
        "parsed": record_json,
        "format": report_format,
        "source_filename": source_filename[:255],
        "synthetic": synthetic,
        "imported_by": user,
        "imported_at": now,
    }
    detail = {"source_filename": source_filename, "fingerprint": fingerprint}
    with transaction.atomic():
        report = PublishedReport.objects.select_for_update().filter(report_key=key).first()
        if report is None:
            report = PublishedReport.objects.create(report_key=key, **fields)
            record(actor, Action.REPORT_IMPORTED, report, detail)
            return ImportOutcome(report, ImportStatus.CREATED)
        if report.fingerprint == fingerprint:
            record(actor, Action.REPORT_UNCHANGED, report, detail)
            return ImportOutcome(report, ImportStatus.UNCHANGED)
        if not may(actor, REPLACE_PERMISSION):
            raise ReportRejected(
                f"a different parse of {report} is already stored, and replacing stored figures "
                "needs a lead inspector or an inspection manager"
            )
        revision = PublishedReportRevision.objects.create(
            report=report,
            fingerprint=report.fingerprint,
            parsed=report.parsed,
            format=report.format,
            source_filename=report.source_filename,
            imported_by=report.imported_by,
            imported_at=report.imported_at,
            replaced_by=user,
        )
        for name, value in fields.items():
            setattr(report, name, value)
        report.save()
        record(
            actor,
            Action.REPORT_UPDATED,
            report,
            {**detail, "previous_fingerprint": revision.fingerprint, "revision": revision.pk},
        )
        return ImportOutcome(report, ImportStatus.UPDATED, revision)


@dataclass(frozen=True)
class ParsedFile:
    """A report file the core parser has read, before it is stored."""

    parsed: dict[str, Any]
    fingerprint: str
    report_format: ReportFormat
    source_filename: str


def parse_file(path: Path) -> ParsedFile:
    """Parse a report file (text or PDF) with the core parser; raise ReportRejected if it cannot."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReportRejected(f"cannot read {path.name}: {exc.strerror}") from None
    return parse_bytes(data, path.name)


def parse_bytes(data: bytes, filename: str) -> ParsedFile:
    """Parse a report file's content (text or PDF, told apart by the bytes, as the core does);
    messages name the file by ``filename``. Raise ReportRejected if it cannot be parsed."""
    from sufficiency.published import ReportParseError, parse_report_text
    from sufficiency.published.files import is_pdf, report_text

    name = Path(filename).name
    try:
        report = parse_report_text(report_text(data, name), name)
    except ReportParseError as exc:
        raise ReportRejected(exc.message, exc.problems) from None
    report_format = ReportFormat.PDF if is_pdf(data) else ReportFormat.TEXT
    return ParsedFile(report.as_dict(), report.fingerprint, report_format, name)


def store(parsed_file: ParsedFile, actor: Actor = None) -> ImportOutcome:
    return import_parsed(
        parsed_file.parsed,
        report_format=parsed_file.report_format,
        source_filename=parsed_file.source_filename,
        fingerprint=parsed_file.fingerprint,
        actor=actor,
    )


def record_rejection(actor: Actor, filename: str, reason: str) -> None:
    record_refused_upload(actor, filename, reason, kind=UPLOAD_KIND)


def import_file(
    path: Path, actor: Actor = None, parsed: ParsedFile | ReportRejected | None = None
) -> ImportOutcome:
    """Parse (unless ``parsed`` is given, as ``parse_files`` gives it) and store one report file;
    a file the parser refuses is audited and re-raised."""
    result = parsed if parsed is not None else _parsed_or_rejected(path)
    if isinstance(result, ReportRejected):
        record_rejection(actor, path.name, result.message)
        raise result
    return store(result, actor)


def parse_files(
    paths: Sequence[Path], workers: int | None = None
) -> Iterator[ParsedFile | ReportRejected]:
    """Each file parsed, or why not, in the order given, several at a time: a PDF is read in a
    process of its own (``sufficiency.published.pdf``), so a bulk import keeps every core busy.
    Nothing here touches the database; ``import_file`` stores each result."""
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 2) as pool:
        yield from pool.map(_parsed_or_rejected, paths)


def _parsed_or_rejected(path: Path) -> ParsedFile | ReportRejected:
    try:
        return parse_file(path)
    except ReportRejected as exc:
        return exc


def samples_of(report: PublishedReport) -> list[tuple[str, int | None]]:
    """The cases a report's samples held, by the name of each sample of the framework it was
    parsed against, in the framework's order (none found: None); then any sample the framework
    does not name, by its id, so that nothing stored goes unshown."""
    counts = report.parsed.get("samples")
    counts = counts if isinstance(counts, dict) else {}
    framework: Framework = default_framework(_builtin(report.parsed.get("framework")))
    named = [(s.name, counts.get(s.id)) for s in framework.samples.values()]
    return named + [(k, v) for k, v in counts.items() if k not in framework.samples]


def _builtin(framework_id: object) -> str:
    """The shipped framework a record names, or the parser's default (a stored record may name
    one this installation does not ship)."""
    return (
        framework_id
        if isinstance(framework_id, str) and framework_id in builtin_framework_ids()
        else DEFAULT_FRAMEWORK
    )


# -- Comparison and the dataset: the statistics are the core's, the records are ours. --------


def reports(
    visible_to: AbstractBaseUser | AnonymousUser | None = None,
) -> QuerySet[PublishedReport]:
    """The stored reports; those ``visible_to`` may see when given (a provider's users: their own
    provider's only, ``accounts.services.provider_scope``)."""
    stored = PublishedReport.objects.all()
    if visible_to is None:
        return stored
    scope = provider_scope(visible_to)
    return stored if scope is None else stored.filter(provider__iexact=scope, provider__gt="")


def get_report(
    pk: int, visible_to: AbstractBaseUser | AnonymousUser | None = None
) -> PublishedReport | None:
    return reports(visible_to).filter(pk=pk).first()


def reports_for_benchmark() -> QuerySet[PublishedReport]:
    return PublishedReport.objects.order_by("provider", "publication_date", "id")


def records(stored: Sequence[PublishedReport] | QuerySet[PublishedReport]) -> list[dict[str, Any]]:
    """The stored reports as the core's benchmark functions take them: parsed JSON records."""
    return [dict(report.parsed) for report in stored]


def providers(visible_to: AbstractBaseUser | AnonymousUser | None = None) -> list[str]:
    return list(
        reports(visible_to).order_by("provider").values_list("provider", flat=True).distinct()
    )


def compare(
    provider: str, visible_to: AbstractBaseUser | AnonymousUser | None = None
) -> Comparison:
    """The provider's latest report beside every stored report (the core's ``compare``).

    Raises ``UnknownProvider`` (with the closest stored names) when no stored report matches,
    and for a provider's user, when the provider asked for is not their own (the comparison
    against every stored report is the public benchmark; another provider's figures are not).
    """
    from sufficiency.published.benchmark import UnknownProvider
    from sufficiency.published.benchmark import compare as core_compare

    scope = provider_scope(visible_to) if visible_to is not None else None
    if scope is None:
        return core_compare(records(reports_for_benchmark()), provider)
    asked = provider.strip().casefold()
    if scope and asked in {"", scope.casefold()}:
        try:
            return core_compare(records(reports_for_benchmark()), scope)
        except UnknownProvider:
            pass  # its message names other stored providers: say less
    raise UnknownProvider(f"no stored report of {provider.strip() or 'your provider'}", [])


def dataset_csv(actor: Actor = None) -> str:
    """Every stored report's key question figures as CSV, one row per report per question.

    Exporting is audited: the dataset leaves the service.
    """
    from sufficiency.published.benchmark import DATASET_COLUMNS, dataset_rows

    stored = list(reports_for_benchmark())
    rows = dataset_rows(records(stored))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=DATASET_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(safe_record(row) for row in rows)
    record(
        actor,
        Action.DATASET_EXPORTED,
        None,
        {"reports": len(stored), "rows": len(rows)},
        object_type="published.dataset",
        object_repr=f"Published reports dataset ({len(stored)} reports)",
    )
    return buffer.getvalue()
