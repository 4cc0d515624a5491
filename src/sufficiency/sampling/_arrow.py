"""Small Arrow helpers for the caseload pipeline.

Arrays are built from raw buffers rather than with ``pa.array(list)`` or ``pa.scalar``: when
pandas happens to be installed, those conversions make pyarrow import it (about 0.2 s and 60 MB),
which the sampling command has no use for. Everything here is exact and order-preserving.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc


def bools(values: Sequence[bool]) -> pa.BooleanArray:
    """A boolean array of the given values."""
    raw = pa.Array.from_buffers(pa.uint8(), len(values), [None, pa.py_buffer(bytes(values))])
    return raw.cast(pa.bool_())


def ints(values: Sequence[int]) -> pa.Int64Array:
    """An int64 array of the given values."""
    return pa.Array.from_buffers(pa.int64(), len(values), [None, pa.py_buffer(array("q", values))])


def strings(values: Sequence[str]) -> pa.StringArray:
    """A string array of the given values."""
    encoded = [value.encode("utf-8") for value in values]
    offsets = array("i", [0])
    total = 0
    for item in encoded:
        total += len(item)
        offsets.append(total)
    return pa.Array.from_buffers(
        pa.string(), len(values), [None, pa.py_buffer(offsets), pa.py_buffer(b"".join(encoded))]
    )


def per_row(per_value: pa.Array, encoded: pa.DictionaryArray) -> pa.Array:
    """Spread a result computed once per distinct value back onto every row."""
    return pc.take(per_value, encoded.indices)


def true_rows(mask: pa.BooleanArray) -> list[int]:
    """The row numbers (0-based) where the mask is true."""
    return list(pc.indices_nonzero(mask).to_pylist())


def any_true(mask: pa.BooleanArray) -> bool:
    return bool(pc.any(mask).as_py())


def counts(values: pa.Array) -> dict[Any, int]:
    """How many times each value occurs."""
    found = pc.value_counts(values)
    return dict(
        zip(found.field("values").to_pylist(), found.field("counts").to_pylist(), strict=True)
    )
