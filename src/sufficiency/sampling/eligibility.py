"""Eligibility windows and the eligible population of a sample, by stratum.

Each sample type's window is configuration (the framework's ``sampling`` section): a date field
of the caseload and bounds counted back from the reference date R (the fieldwork start) in
calendar months, weeks and days, plus values some columns must have (a required value, the
providers whose cases are sampled, an inspection's chosen local delivery units). The framework
loader has checked that every column and value a rule names is declared. Going back a calendar month keeps the day of the month, except
that a day the target month does not have becomes that month's last day (31 March − 1 month is
28 or 29 February).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import pyarrow as pa

from sufficiency.sampling import _arrow
from sufficiency.sampling.caseload import Caseload
from sufficiency.sampling.dates import parse_date

if TYPE_CHECKING:  # the framework's pydantic models are only read here, never built
    from sufficiency.framework.model import CaseloadSpec, Eligibility, Offset, SampleType


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier, or that month's last day if it is shorter."""
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def back_from(reference: dt.date, offset: Offset) -> dt.date:
    """R − offset: calendar months first, then weeks and days."""
    day = months_before(reference, offset.months)
    return day - dt.timedelta(weeks=offset.weeks, days=offset.days)


@dataclass(frozen=True)
class Bound:
    day: dt.date
    included: bool


@dataclass(frozen=True)
class Window:
    """The dates a sample type's date field must fall in, plus the values columns must have
    (each column: one of its listed values)."""

    date_field: str
    earliest: Bound | None
    latest: Bound | None
    require: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def requiring(self, column: str, values: Sequence[str]) -> Window:
        """The same window, also requiring one of ``values`` in ``column``."""
        return replace(self, require=(*self.require, (column, tuple(values))))

    def admits(self, day: dt.date) -> bool:
        if self.earliest is not None and (
            day < self.earliest.day or (day == self.earliest.day and not self.earliest.included)
        ):
            return False
        return not (
            self.latest is not None
            and (day > self.latest.day or (day == self.latest.day and not self.latest.included))
        )

    def describe(self) -> str:
        """E.g. ``supervision_start from 2019-01-04 to 2019-02-04, both days included``."""
        parts = []
        lo, hi = self.earliest, self.latest
        if lo and hi:
            parts.append(
                f"{self.date_field} from {lo.day} to {hi.day}, "
                + {
                    (True, True): "both days included",
                    (False, False): "neither day included",
                    (True, False): f"{lo.day} included, {hi.day} not",
                    (False, True): f"{lo.day} not included, {hi.day} included",
                }[(lo.included, hi.included)]
            )
        elif lo:
            parts.append(f"{self.date_field} {'on or after' if lo.included else 'after'} {lo.day}")
        elif hi:
            parts.append(
                f"{self.date_field} {'on or before' if hi.included else 'before'} {hi.day}"
            )
        else:
            parts.append(f"{self.date_field} given")
        parts.extend(f"{name} {' or '.join(values)}" for name, values in self.require)
        return "; ".join(parts)


def eligibility_window(eligibility: Eligibility, reference: dt.date) -> Window:
    """The window a sample type's eligibility rule gives for the reference date R."""
    earliest = latest = None
    if eligibility.on_or_after is not None:
        earliest = Bound(back_from(reference, eligibility.on_or_after), included=True)
    elif eligibility.after is not None:
        earliest = Bound(back_from(reference, eligibility.after), included=False)
    if eligibility.on_or_before is not None:
        latest = Bound(back_from(reference, eligibility.on_or_before), included=True)
    elif eligibility.before is not None:
        latest = Bound(back_from(reference, eligibility.before), included=False)
    require = tuple((name, (value,)) for name, value in sorted(eligibility.require.items()))
    return Window(eligibility.date_field, earliest, latest, require)


def sample_window(sample_type: SampleType, spec: CaseloadSpec, reference: dt.date) -> Window:
    """A sample type's window at R: its eligibility rule, and its providers' cases only."""
    window = eligibility_window(sample_type.eligibility, reference)
    if sample_type.providers and spec.provider:
        window = window.requiring(spec.provider, sample_type.providers)
    return window


@dataclass(frozen=True)
class Stratum:
    """One cell of the stratification: a value for each stratum field."""

    key: tuple[str, ...]
    size: int  # eligible cases in it

    @property
    def label(self) -> str:
        return "/".join(self.key) if self.key else "all"


@dataclass(frozen=True, eq=False)
class EligiblePopulation:
    """The cases eligible for one sample, grouped by stratum."""

    caseload: Caseload
    sample_id: str
    sample_name: str
    reference_date: dt.date
    window: Window
    fields: tuple[str, ...]  # the stratum fields
    strata: tuple[Stratum, ...]  # the strata that have eligible cases, in a fixed order
    # Caseload rows of the eligible cases: stratum by stratum in the order of ``strata``, and by
    # case_id within a stratum, so that a draw depends on the cases, not on the file's row order.
    rows: pa.Int64Array

    @property
    def size(self) -> int:
        return len(self.rows)

    def offsets(self) -> list[int]:
        """Where each stratum's cases start in ``rows``."""
        out, total = [], 0
        for stratum in self.strata:
            out.append(total)
            total += stratum.size
        return out


def category_order(caseload: Caseload, field: str) -> list[str]:
    """The order a field's values are listed in: the framework's order, else alphabetical."""
    column = caseload.spec.column(field)
    if column is not None and column.values:
        return list(column.allowed)
    return sorted(set(caseload.encoded[field].dictionary.to_pylist()))


def eligible_population(
    caseload: Caseload,
    sample_type: SampleType,
    reference: dt.date,
    *,
    window: Window | None = None,
) -> EligiblePopulation:
    """The cases of the caseload eligible for a sample type at reference date R.

    ``window`` replaces the window the sample type's rule gives (an inspection's own: narrower
    dates, or only some local delivery units' cases).
    """
    import pyarrow.compute as pc

    if window is None:
        window = sample_window(sample_type, caseload.spec, reference)
    dates = caseload.encoded[window.date_field]
    admitted = [
        day is not None and window.admits(day)
        for day in map(parse_date, dates.dictionary.to_pylist())
    ]
    mask = _arrow.per_row(_arrow.bools(admitted), dates)
    for name, wanted in window.require:
        values = caseload.encoded[name]
        matches = _arrow.per_row(
            _arrow.bools([v in wanted for v in values.dictionary.to_pylist()]), values
        )
        mask = pc.and_(mask, matches)
    rows = pc.indices_nonzero(mask).cast(pa.int64())

    fields = tuple(sample_type.strata)
    orders = [category_order(caseload, f) for f in fields]
    code = _arrow.ints([0] * len(rows))
    weight = 1
    for field, order in reversed(list(zip(fields, orders, strict=True))):
        values = caseload.encoded[field]
        rank = {value: i for i, value in enumerate(order)}
        per_value = _arrow.ints([rank[v] * weight for v in values.dictionary.to_pylist()])
        code = pc.add(code, pc.take(_arrow.per_row(per_value, values), rows))
        weight *= len(order)

    ids = pc.take(caseload.case_ids, rows)
    keyed = pa.Table.from_arrays([code, ids], names=["stratum", "case_id"])
    order = pc.sort_indices(keyed, sort_keys=[("stratum", "ascending"), ("case_id", "ascending")])
    sizes = _arrow.counts(code)
    strata = tuple(
        Stratum(_decode(stratum_code, orders), sizes[stratum_code])
        for stratum_code in sorted(sizes)
    )
    return EligiblePopulation(
        caseload=caseload,
        sample_id=sample_type.id,
        sample_name=sample_type.name,
        reference_date=reference,
        window=window,
        fields=fields,
        strata=strata,
        rows=pc.take(rows, order),
    )


def _decode(code: int, orders: Sequence[Sequence[str]]) -> tuple[str, ...]:
    key: list[str] = []
    for order in reversed(orders):
        code, rank = divmod(code, len(order))
        key.append(order[rank])
    return tuple(reversed(key))


def spread(
    population: EligiblePopulation, rows: Sequence[int], field: str
) -> list[tuple[str, int, int]]:
    """How the eligible population and some of its rows (e.g. the sample) fall across a field's
    values (e.g. local delivery units): (value, eligible, of the given rows)."""
    import pyarrow.compute as pc

    values = population.caseload.encoded[field]
    distinct = values.dictionary.to_pylist()
    eligible = _arrow.counts(pc.take(values.indices, population.rows))
    chosen = _arrow.counts(pc.take(values.indices, _arrow.ints(rows)))
    order = category_order(population.caseload, field)
    position = {value: i for i, value in enumerate(order)}
    return sorted(
        ((distinct[code], count, chosen.get(code, 0)) for code, count in eligible.items()),
        key=lambda item: position[item[0]],
    )
