"""The values a drawn sample is handed out as: plain frozen dataclasses of strings, numbers and
tuples, from which a page, a file or a database row can be made without the caseload table.
``sufficiency.sampling.flows`` makes them (and re-exports every name)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sufficiency.sampling.draw import Selection


@dataclass(frozen=True)
class WindowOverride:
    """An inspection's own window for a sample type: its date field between these days (both
    included; either may be left open), with the reason it differs from the framework's."""

    reason: str
    earliest: dt.date | None = None
    latest: dt.date | None = None


@dataclass(frozen=True)
class StratumPlan:
    """One stratum's part of a sample."""

    key: tuple[str, ...]  # the stratum's value of each stratum field (empty: not stratified)
    stratum: str  # the machine key, as the sample file writes it: "male/community_order/medium"
    label: str  # the same in the framework's words: "Male, community order, medium RoSH"
    eligible: int
    share: float  # its exact proportional share of the sample, n·N_h/N
    sample: int
    reserves: int


@dataclass(frozen=True)
class DrawnCase:
    """A case on a sample list, in the list's order (sampled cases, then reserves)."""

    case_id: str
    stratum: str  # machine key
    stratum_label: str
    ldu: str  # its local delivery unit ("" when the caseload names none)
    selection: Selection  # sample, reserve, or replaced
    reserve_order: int | None  # its place on its stratum's reserve list (1 first), as drawn


@dataclass(frozen=True)
class LduCount:
    """How one local delivery unit's cases fall in the eligible population and the sample."""

    ldu: str
    eligible: int
    sampled: int


@dataclass(frozen=True)
class DrawnSample:
    """One sample type's drawn sample, with how it was drawn and everything a page shows."""

    sample_type_id: str
    sample_type_name: str
    reference_date: dt.date
    seed: int
    caseload_cases: int  # every case of the caseload
    ldus: tuple[str, ...]  # the local delivery units sampled from (empty: all of them)
    window: str  # the eligibility window, described with its dates
    window_override_reason: str | None  # why the window is not the framework's, if it is not
    eligible: int
    size: int  # 0 when no case is eligible
    size_overridden: bool
    size_explanation: tuple[str, ...]  # the size calculation written out with its numbers
    reserve_fraction: float
    strata_fields: tuple[str, ...]
    allocation: tuple[StratumPlan, ...]
    cases: tuple[DrawnCase, ...]
    ldu_column: (
        str | None
    )  # the caseload column naming local delivery units, if the framework has one
    ldu_spread: tuple[LduCount, ...]
    # The sample file: the caseload's columns for every drawn case, then selection and stratum.
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    @property
    def sampled(self) -> tuple[DrawnCase, ...]:
        return tuple(c for c in self.cases if c.selection is Selection.SAMPLE)

    @property
    def reserves(self) -> tuple[DrawnCase, ...]:
        return tuple(c for c in self.cases if c.selection is Selection.RESERVE)


@dataclass(frozen=True)
class Replacement:
    """A sampled case replaced by a reserve of its stratum, why, and the sample afterwards."""

    replaced: str  # case id
    replacement: str  # case id of the reserve now sampled
    stratum: str
    stratum_label: str
    reason: str
    sample: DrawnSample
