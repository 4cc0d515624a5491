"""The baseline: a plain pandas group-by-and-sample of a caseload, for the sampling benchmark.

    python benchmarks/pandas_sampling.py CASELOAD.csv TYPE YYYY-MM-DD SEED OUTPUT.csv

What a first attempt with pandas would do: read the file, keep the rows in the eligibility window,
work out the sample size, take each stratum's share with ``groupby(...).sample(frac=...)`` and
write the rows. It does less than ``sufficiency sample`` (no validation, no exact allocation, no
reserves, no summary), so it flatters pandas.
"""

from __future__ import annotations

import math
import sys
from statistics import NormalDist

import pandas as pd

STRATA = {
    "case-supervision": ["gender", "disposal", "rosh"],
    "unpaid-work": ["gender", "rosh"],
    "through-the-gate": ["gender", "rosh"],
}


def main(path: str, kind: str, reference: str, seed: int, output: str) -> None:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    r = pd.Timestamp(reference)
    if kind == "case-supervision":
        day = pd.to_datetime(frame["supervision_start"])
        keep = (day >= r - pd.DateOffset(months=7)) & (day <= r - pd.DateOffset(months=6))
    elif kind == "unpaid-work":
        day = pd.to_datetime(frame["upw_start"].replace("", None))
        keep = day <= r - pd.DateOffset(months=3)
    else:
        day = pd.to_datetime(frame["release_date"].replace("", None))
        keep = (
            (frame["ttg"] == "yes")
            & (day > r - pd.Timedelta(weeks=8))
            & (day <= r - pd.Timedelta(weeks=6))
        )
    eligible = frame[keep]
    z = NormalDist().inv_cdf(0.9)
    n0 = z * z * 0.25 / 0.05**2
    n = min(math.ceil(n0 / (1 + (n0 - 1) / len(eligible))), len(eligible))
    chosen = eligible.groupby(STRATA[kind]).sample(frac=n / len(eligible), random_state=seed)
    chosen.to_csv(output, index=False)
    print(f"pandas: {len(frame)} rows, {len(eligible)} eligible, {len(chosen)} sampled")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
