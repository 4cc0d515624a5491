"""The sampling workflow, one function per step: what the command line and the web both call.

An inspection's samples are drawn in three steps, each a function here::

    caseload = read_caseload(framework, path)                  # Caseload (or CaseloadError)
    samples = draw_inspection_samples(framework, caseload, reference_date, seed)
    change = replace_case(samples[0], "SYN000123", "in custody")  # Replacement

``read_caseload(framework, path, progress=None)``
    Reads the provider's extract (CSV, or the first sheet of a workbook) and validates it against
    the columns the framework declares (``sampling.caseload``). Raises ``NotACaseload`` (one
    problem, naming the file) or ``InvalidCaseload`` (``problems``: every bad value, each a
    ``sufficiency.framework.Problem`` with source, line, column, value and reason); nothing is
    returned from a file with any bad row. Both have ``headline`` and ``problems``.
    ``load_caseload`` and ``check_caseload`` are its two halves, for a caller that reads the file
    while it loads the framework (the command line does).

``draw_inspection_samples(framework, caseload, reference_date, seed, *, sample_types=None,
ldus=None, window_overrides=None, size=None, confidence=None, margin=None,
reserve_fraction=None) -> list[DrawnSample]``
    For each sample type (the framework's ids, all of them by default, in the framework's order):
    the eligible population (the type's eligibility window counted back from ``reference_date``,
    its providers' cases only; only the chosen local delivery units' cases when ``ldus`` is
    given; a window from ``window_overrides[sample type id]``, a ``WindowOverride(reason,
    earliest, latest)``, instead of the framework's, its reason recorded on the sample), the
    sample size (the framework's confidence, margin and proportion unless overridden; ``size``
    replaces the calculated size), the allocation over strata, the draw and the reserve list.
    Sample type ids may be written with hyphens (``unpaid-work``).
    A sample type no case is eligible for gives a ``DrawnSample`` with ``eligible == 0`` and
    nothing drawn: the caller decides (the command line refuses, the demo leaves it out).
    Raises ``SamplingFlowError`` for a request the framework cannot meet (no sampling rules, an
    unknown sample type or local delivery unit, an override without a reason or running
    backwards, a bad option).

``replace_case(sample, case_id, reason) -> Replacement``
    Replaces a sampled case that cannot be inspected by the next unused reserve of its stratum.
    A reason is required. Raises ``ReplacementError`` when the case is not a sampled case of
    this sample, or when its stratum has no reserve left. ``Replacement.sample`` is the updated
    sample (the replaced case marked ``replaced``, the reserve now ``sample``, order kept).

``replace_case_in_file(framework, path, case_id, reason, log) -> LoggedReplacement``
    The same rule applied to a sample file written from ``DrawnSample.header``/``rows`` (the
    command line's ``replace-case``): the file is rewritten whole and the replacement appended to
    its log.

Stratum labels (``StratumPlan.label``, ``DrawnCase.stratum_label``) are built from the display
names the framework declares for each category value (``sampling.caseload.columns[].values``):
"Male, community order, medium RoSH" beside the machine key ``male/community_order/medium``.

Every value here (``sufficiency.sampling.drawn``, re-exported) is a plain frozen dataclass of
strings, numbers and tuples: a page, a file or a database row can be made from it without the
caseload table it was drawn from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from sufficiency.sampling.draw import Replacement as LoggedReplacement
from sufficiency.sampling.draw import ReplacementError, SampleEntry, Selection
from sufficiency.sampling.drawn import (
    DrawnCase,
    DrawnSample,
    LduCount,
    Replacement,
    StratumPlan,
    WindowOverride,
)
from sufficiency.sampling.options import OptionError, SamplingFlowError, check_options

if TYPE_CHECKING:
    from sufficiency.framework.model import Framework, SampleType, SamplingConfig
    from sufficiency.sampling.caseload import Caseload, Progress, RawCaseload
    from sufficiency.sampling.draw import Sample
    from sufficiency.sampling.eligibility import EligiblePopulation, Window

__all__ = [
    "DrawnCase",
    "DrawnSample",
    "LduCount",
    "LoggedReplacement",
    "OptionError",
    "Replacement",
    "ReplacementError",
    "SamplingFlowError",
    "Selection",
    "StratumPlan",
    "WindowOverride",
    "check_caseload",
    "check_options",
    "draw_inspection_samples",
    "load_caseload",
    "read_caseload",
    "replace_case",
    "replace_case_in_file",
    "sample_types_of",
    "sampling_rules_of",
    "stratum_label",
]

ALL_CASES = "All eligible cases"


# --- step 1: the caseload ----------------------------------------------------------------------------


def load_caseload(path: Path, progress: Progress | None = None) -> RawCaseload:
    """Read a caseload file, checking only that it is one (the first half of read_caseload)."""
    from sufficiency.sampling import caseload

    return caseload.load_caseload(path, progress)


def check_caseload(framework: Framework, raw: RawCaseload) -> Caseload:
    """Check every row of a caseload file read by ``load_caseload`` against the columns the
    framework declares (the second half)."""
    from sufficiency.sampling.validation import validate

    return validate(raw, sampling_rules_of(framework).caseload)


def read_caseload(framework: Framework, path: Path, progress: Progress | None = None) -> Caseload:
    """Read and validate a provider's caseload extract for a framework's samples."""
    return check_caseload(framework, load_caseload(path, progress))


# --- step 2: the samples -----------------------------------------------------------------------------


def sampling_rules_of(framework: Framework) -> SamplingConfig:
    """The framework's sampling section, or a clear error when it has none."""
    if framework.sampling is None:
        raise SamplingFlowError(f"framework {framework.id} has no sampling rules")
    return framework.sampling


def sample_types_of(
    framework: Framework, ids: Sequence[str] | None = None
) -> tuple[SamplingConfig, list[SampleType]]:
    """The framework's sampling rules and the sample types asked for (all, in the framework's
    order, when ``ids`` is None)."""
    rules = sampling_rules_of(framework)
    if ids is None:
        return rules, list(rules.samples)
    chosen = []
    for ident in ids:
        sample_type = framework.sample_named(ident)
        if sample_type is None:
            raise SamplingFlowError(
                f"framework {framework.id} defines no {ident} sample "
                f"(it has: {', '.join(framework.samples)})"
            )
        chosen.append(sample_type)
    return rules, chosen


def stratum_label(framework: Framework, fields: Sequence[str], key: Sequence[str]) -> str:
    """A stratum in the framework's words: each value's declared display name, joined."""
    if not key:
        return ALL_CASES
    spec = framework.sampling.caseload if framework.sampling else None
    words = []
    for name, value in zip(fields, key, strict=True):
        column = spec.column(name) if spec else None
        words.append(column.display_name(value) if column else value)
    text = ", ".join(words)
    return text[:1].upper() + text[1:]


def _ldu_column(framework: Framework) -> str | None:
    return framework.sampling.caseload.local_delivery_unit if framework.sampling else None


def draw_inspection_samples(
    framework: Framework,
    caseload: Caseload,
    reference_date: dt.date,
    seed: int,
    *,
    sample_types: Sequence[str] | None = None,
    ldus: Sequence[str] | None = None,
    window_overrides: Mapping[str, WindowOverride] | None = None,
    size: int | None = None,
    confidence: float | None = None,
    margin: float | None = None,
    reserve_fraction: float | None = None,
) -> list[DrawnSample]:
    """Draw each sample type's sample, with reserves, from a validated caseload."""
    from sufficiency.sampling.draw import draw_sample
    from sufficiency.sampling.eligibility import eligible_population, sample_window
    from sufficiency.sampling.size import sample_size

    rules, chosen = sample_types_of(framework, sample_types)
    check_options(
        confidence=confidence,
        margin=margin,
        reserve_fraction=reserve_fraction,
        size=size,
        seed=seed,
    )
    overrides = dict(window_overrides or {})
    unknown = [ident for ident in overrides if ident not in {s.id for s in chosen}]
    if unknown:
        raise SamplingFlowError(
            f"a window override names {', '.join(unknown)}, which is not a sample drawn here "
            f"({', '.join(s.id for s in chosen)})"
        )
    for ident, given in overrides.items():
        if not given.reason.strip():
            raise SamplingFlowError(f"the {ident} window override needs a reason")
    ldu_column = _ldu_column(framework)
    chosen_ldus = _chosen_ldus(caseload, ldu_column, ldus)
    fraction = reserve_fraction if reserve_fraction is not None else rules.reserve_fraction
    out = []
    for sample_type in chosen:
        override = overrides.get(sample_type.id)
        window = sample_window(sample_type, rules.caseload, reference_date)
        if override is not None:
            window = _override_window(window, override)
        if chosen_ldus and ldu_column:
            window = window.requiring(ldu_column, chosen_ldus)
        population = eligible_population(caseload, sample_type, reference_date, window=window)
        if population.size == 0:
            out.append(_nothing_drawn(population, seed, fraction, chosen_ldus, override))
            continue
        calculation = sample_size(
            population.size,
            confidence if confidence is not None else rules.confidence,
            margin if margin is not None else rules.margin_of_error,
            rules.proportion,
            override=size,
        )
        drawn = draw_sample(population, calculation, seed, fraction)
        out.append(_drawn_sample(framework, drawn, ldu_column, chosen_ldus, override))
    return out


def _chosen_ldus(
    caseload: Caseload, column: str | None, ldus: Sequence[str] | None
) -> tuple[str, ...]:
    if not ldus:
        return ()
    if column is None or column not in caseload.encoded:
        raise SamplingFlowError(
            "the framework's caseload names no local delivery unit column "
            "(sampling.caseload.local_delivery_unit) to choose units from"
        )
    known = set(caseload.encoded[column].dictionary.to_pylist())
    missing = [ldu for ldu in ldus if ldu not in known]
    if missing:
        raise SamplingFlowError(
            f"no case of the caseload is in {', '.join(repr(m) for m in missing)} "
            f"(its local delivery units: {', '.join(sorted(v for v in known if v))})"
        )
    return tuple(dict.fromkeys(ldus))


def _override_window(window: Window, override: WindowOverride) -> Window:
    from sufficiency.sampling.eligibility import Bound

    if (
        override.earliest is not None
        and override.latest is not None
        and override.earliest > override.latest
    ):
        raise SamplingFlowError(
            f"the window override runs from {override.earliest} to {override.latest}: "
            "the first day is after the last"
        )
    return replace(
        window,
        earliest=Bound(override.earliest, included=True) if override.earliest else None,
        latest=Bound(override.latest, included=True) if override.latest else None,
    )


def _nothing_drawn(
    population: EligiblePopulation,
    seed: int,
    fraction: float,
    ldus: tuple[str, ...],
    override: WindowOverride | None,
) -> DrawnSample:
    return DrawnSample(
        sample_type_id=population.sample_id,
        sample_type_name=population.sample_name,
        reference_date=population.reference_date,
        seed=seed,
        caseload_cases=population.caseload.population,
        ldus=ldus,
        window=population.window.describe(),
        window_override_reason=override.reason.strip() if override else None,
        eligible=0,
        size=0,
        size_overridden=False,
        size_explanation=(),
        reserve_fraction=fraction,
        strata_fields=population.fields,
        allocation=(),
        cases=(),
        ldu_column=None,
        ldu_spread=(),
        header=(),
        rows=(),
    )


def _drawn_sample(
    framework: Framework,
    drawn: Sample,
    ldu_column: str | None,
    ldus: tuple[str, ...],
    override: WindowOverride | None,
) -> DrawnSample:
    from sufficiency.sampling.eligibility import spread
    from sufficiency.sampling.samplefile import sample_rows

    population = drawn.population
    fields = population.fields
    labels = {
        plan.stratum.label: stratum_label(framework, fields, plan.stratum.key)
        for plan in drawn.allocation
    }
    header, rows = sample_rows(drawn)
    has_ldu = ldu_column is not None and ldu_column in header
    at_ldu = header.index(ldu_column) if ldu_column is not None and has_ldu else -1
    reserve_order: dict[str, int] = {}
    cases = []
    for case, row in zip(drawn.cases, rows, strict=True):
        order = None
        if case.selection is Selection.RESERVE:
            order = reserve_order[case.stratum] = reserve_order.get(case.stratum, 0) + 1
        cases.append(
            DrawnCase(
                case_id=case.case_id,
                stratum=case.stratum,
                stratum_label=labels[case.stratum],
                ldu=row[at_ldu] if has_ldu else "",
                selection=case.selection,
                reserve_order=order,
            )
        )
    ldu_spread = (
        tuple(
            LduCount(value, eligible, sampled)
            for value, eligible, sampled in spread(
                population, [case.row for case in drawn.sampled], ldu_column
            )
        )
        if ldu_column is not None and ldu_column in population.caseload.encoded
        else ()
    )
    return DrawnSample(
        sample_type_id=population.sample_id,
        sample_type_name=population.sample_name,
        reference_date=population.reference_date,
        seed=drawn.seed,
        caseload_cases=population.caseload.population,
        ldus=ldus,
        window=population.window.describe(),
        window_override_reason=override.reason.strip() if override else None,
        eligible=population.size,
        size=drawn.size.size,
        size_overridden=drawn.size.override is not None,
        size_explanation=tuple(drawn.size.explain()),
        reserve_fraction=drawn.reserve_fraction,
        strata_fields=fields,
        allocation=tuple(
            StratumPlan(
                key=plan.stratum.key,
                stratum=plan.stratum.label,
                label=labels[plan.stratum.label],
                eligible=plan.stratum.size,
                share=float(plan.share),
                sample=plan.sample,
                reserves=plan.reserves,
            )
            for plan in drawn.allocation
        ),
        cases=tuple(cases),
        ldu_column=ldu_column,
        ldu_spread=ldu_spread,
        header=tuple(header),
        rows=tuple(tuple(row) for row in rows),
    )


# --- step 3: replacements ---------------------------------------------------------------------------


def replace_case(sample: DrawnSample, case_id: str, reason: str) -> Replacement:
    """Replace a sampled case by the next unused reserve of its stratum, recording why."""
    from sufficiency.sampling.draw import replace_case as replace_entry

    entries = [SampleEntry(c.case_id, c.stratum, c.selection) for c in sample.cases]
    updated, done = replace_entry(entries, case_id, reason)
    cases = tuple(
        replace(case, selection=entry.selection)
        for case, entry in zip(sample.cases, updated, strict=True)
    )
    rows = sample.rows
    if rows:
        at = sample.header.index("selection")
        rows = tuple(
            (*row[:at], entry.selection.value, *row[at + 1 :])
            for row, entry in zip(rows, updated, strict=True)
        )
    after = replace(sample, cases=cases, rows=rows)
    label = next(c.stratum_label for c in sample.cases if c.case_id == case_id)
    return Replacement(done.replaced, done.replacement, done.stratum, label, done.reason, after)


def replace_case_in_file(
    framework: Framework, path: Path, case_id: str, reason: str, log: Path
) -> LoggedReplacement:
    """The same replacement made in a sample file: the file is rewritten whole (only its
    ``selection`` column changes) and the replacement is appended to ``log``.

    Raises ``SampleFileError``, ``ReplacementError`` or ``OSError``.
    """
    from sufficiency.sampling.draw import replace_case as replace_entry
    from sufficiency.sampling.samplefile import append_replacement, read_sample, write_sample_file

    current = read_sample(path, sampling_rules_of(framework).caseload.identifier)
    entries, done = replace_entry(current.entries(), case_id, reason)
    write_sample_file(current.with_entries(entries), path)
    append_replacement(log, done)
    return done
