"""The sampling workflow's errors and the options a caller may give it, checked before anything
is read. A module without pyarrow, so that the command line can check its options at once."""

from __future__ import annotations

import math


class SamplingFlowError(ValueError):
    """A sampling request the framework or the caseload cannot meet; the message says why."""


class OptionError(SamplingFlowError):
    """A sampling option out of range: ``option`` names it (``confidence``, ``margin``,
    ``reserve_fraction``, ``size``, ``seed``), the message says what it must be."""

    def __init__(self, option: str, must: str) -> None:
        self.option = option
        self.must = must
        super().__init__(f"{option} {must}")


def check_options(
    *,
    confidence: float | None = None,
    margin: float | None = None,
    reserve_fraction: float | None = None,
    size: int | None = None,
    seed: int = 0,
) -> None:
    """The sampling options a caller may give, checked before anything is read."""
    for name, value in (("confidence", confidence), ("margin", margin)):
        if value is not None and not 0 < value < 1:
            raise OptionError(name, f"must be between 0 and 1, such as 0.8 or 0.05, not {value}")
    if reserve_fraction is not None and not (
        reserve_fraction >= 0 and math.isfinite(reserve_fraction)  # not nan, not inf
    ):
        raise OptionError(
            "reserve_fraction",
            f"must be a fraction of zero or more, such as 0.2, not {reserve_fraction}",
        )
    if size is not None and size < 1:
        raise OptionError("size", f"must be at least 1, not {size}")
    if seed < 0:
        raise OptionError("seed", f"must be zero or more, not {seed}")
