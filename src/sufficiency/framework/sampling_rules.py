"""The sampling section's rules that a schema cannot state, checked when a framework is loaded.

Everything the caseload reader and the sampler rely on is checked here, once, so that a framework
``framework check`` passes always reads a caseload and samples: the caseload's columns (one case
id column, unique names, category columns with their allowed values), the columns the caseload
names for local delivery units and providers, and each sample type's strata, eligibility window,
required values and providers. Each problem names its place in the file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from sufficiency.framework.model import (
    CaseloadSpec,
    ColumnType,
    Eligibility,
    Framework,
    Offset,
    RatedBy,
    SampleType,
)
from sufficiency.framework.problems import Location, Problem, Report

# Columns a sample file adds to the caseload's own: a caseload cannot declare them.
SAMPLE_FILE_COLUMNS: tuple[str, ...] = ("selection", "stratum")
# The days a calendar month can have: a window is certainly empty when its earliest day, taken as
# late as it can be, still falls after its latest day taken as early as it can be.
_MONTH_DAYS = (28, 31)


def sampling_problems(fw: Framework, report: Report) -> Iterator[Problem]:
    """Every problem with a framework's sampling section (and its absence, when needed)."""
    if fw.sampling is None:
        drawn = sorted(
            {s.sample or "" for s in fw.standards.values() if s.rated_by is RatedBy.CASE_DATA}
        )
        if drawn:
            yield report(
                (),
                f"standards are rated from case data of the {', '.join(drawn)} sample(s), but the "
                "file has no sampling section saying how to draw them",
                None,
            )
        return
    here: Location = ("sampling", "caseload")
    yield from _caseload_problems(fw.sampling.caseload, here, report)
    counts = Counter(sample.id for sample in fw.sampling.samples)
    for i, sample in enumerate(fw.sampling.samples):
        at: Location = ("sampling", "samples", i)
        if counts[sample.id] > 1:
            yield report((*at, "id"), f"duplicate sample id {sample.id!r}", sample.id)
        yield from _sample_problems(fw.sampling.caseload, sample, at, report)


def _caseload_problems(spec: CaseloadSpec, here: Location, report: Report) -> Iterator[Problem]:
    names = Counter(column.name for column in spec.columns)
    identifiers = [c.name for c in spec.columns if c.type is ColumnType.IDENTIFIER]
    if len(identifiers) != 1:
        yield report(
            (*here, "columns"),
            "the caseload needs exactly one column of type identifier (the case id); "
            f"found {len(identifiers)}" + (f": {', '.join(identifiers)}" if identifiers else ""),
            None,
        )
    for i, column in enumerate(spec.columns):
        at = (*here, "columns", i)
        if names[column.name] > 1:
            yield report((*at, "name"), "two columns have this name", column.name)
        if column.name in SAMPLE_FILE_COLUMNS:
            yield report(
                (*at, "name"),
                f"a sample file adds a column of this name ({', '.join(SAMPLE_FILE_COLUMNS)}); "
                "a caseload column cannot have it",
                column.name,
            )
        if column.type is ColumnType.CATEGORY:
            if not column.values:
                yield report(
                    (*at, "values"), f"category column {column.name} lists no values", None
                )
            repeated = Counter(column.allowed)
            for j, value in enumerate(column.values):
                if repeated[value.value] > 1:
                    yield report(
                        (*at, "values", j, "value"), "this value is listed twice", value.value
                    )
        elif column.values:
            yield report(
                (*at, "values"),
                f"only a category column lists values; {column.name} is {column.type.value}",
                None,
            )
    for role, name, kinds in (
        ("local_delivery_unit", spec.local_delivery_unit, (ColumnType.TEXT, ColumnType.CATEGORY)),
        ("provider", spec.provider, (ColumnType.CATEGORY,)),
    ):
        if name is None:
            continue
        named = spec.column(name)
        if named is None or named.type not in kinds:
            yield report(
                (*here, role),
                f"{role} must name a {' or '.join(k.value for k in kinds)} column of the caseload "
                f"({_of_types(spec, kinds)})",
                name,
            )


def _of_types(spec: CaseloadSpec, kinds: tuple[ColumnType, ...]) -> str:
    found = [c.name for c in spec.columns if c.type in kinds]
    return ", ".join(found) if found else "it has none"


def _sample_problems(
    spec: CaseloadSpec, sample: SampleType, at: Location, report: Report
) -> Iterator[Problem]:
    groupable = (ColumnType.CATEGORY, ColumnType.TEXT)
    seen: set[str] = set()
    for j, name in enumerate(sample.strata):
        column = spec.column(name)
        if column is None or column.type not in groupable:
            yield report(
                (*at, "strata", j),
                f"a stratum field must be a category or text column of the caseload "
                f"({_of_types(spec, groupable)})",
                name,
            )
        if name in seen:
            yield report((*at, "strata", j), "this stratum field is listed twice", name)
        seen.add(name)
    yield from _eligibility_problems(spec, sample.eligibility, (*at, "eligibility"), report)
    if sample.providers:
        provider = spec.column(spec.provider) if spec.provider else None
        if provider is None:
            yield report(
                (*at, "providers"),
                "the sample names providers, but the caseload declares no provider column "
                "(sampling.caseload.provider)",
                None,
            )
        else:
            for j, value in enumerate(sample.providers):
                if value not in provider.allowed:
                    yield report(
                        (*at, "providers", j),
                        f"not one of the {provider.name} column's values: "
                        f"{', '.join(provider.allowed)}",
                        value,
                    )


def _eligibility_problems(
    spec: CaseloadSpec, rule: Eligibility, at: Location, report: Report
) -> Iterator[Problem]:
    column = spec.column(rule.date_field)
    if column is None or column.type is not ColumnType.DATE:
        yield report(
            (*at, "date_field"),
            f"not a date column of the caseload ({_of_types(spec, (ColumnType.DATE,))})",
            rule.date_field,
        )
    for one, other in (("on_or_after", "after"), ("on_or_before", "before")):
        if getattr(rule, one) is not None and getattr(rule, other) is not None:
            yield report(at, f"a window gives {one} or {other}, not both", None)
    earliest = rule.on_or_after or rule.after
    latest = rule.on_or_before or rule.before
    if earliest is not None and latest is not None and _most(earliest) < _least(latest):
        yield report(
            at,
            "the window is always empty: its earliest day comes after its latest "
            "(the earliest bound must reach further back from the reference date)",
            None,
        )
    for name, value in rule.require.items():
        required = spec.column(name)
        if required is None or required.type is not ColumnType.CATEGORY:
            yield report(
                (*at, "require", name),
                f"require names a column that is not a category column of the caseload "
                f"({_of_types(spec, (ColumnType.CATEGORY,))})",
                name,
            )
        elif value not in required.allowed:
            yield report(
                (*at, "require", name),
                f"not one of the {name} column's values: {', '.join(required.allowed)}",
                value,
            )


def _most(offset: Offset) -> int:
    """The most days an offset can span."""
    return offset.months * _MONTH_DAYS[1] + offset.weeks * 7 + offset.days


def _least(offset: Offset) -> int:
    """The fewest days an offset can span."""
    return offset.months * _MONTH_DAYS[0] + offset.weeks * 7 + offset.days
