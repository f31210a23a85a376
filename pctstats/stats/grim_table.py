"""GRIM on tables: :func:`grim_map` (a data frame, with columns added) and :func:`grim_rows`.

:func:`grim_rows` gives the same table as plain rows without pandas, for the command line.
Every verdict column is computed once, by the same rules, for both.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

from pctstats.core import names
from pctstats.core.rounding import DEFAULT_ROUNDING, check_rounding
from pctstats.stats.grim_ranges import count_ranges

__all__ = ["GRIM_MAP_COLUMNS", "grim_map", "grim_rows"]

#: The columns :func:`grim_map` adds, in order.
GRIM_MAP_COLUMNS: Final = (
    names.CONSISTENCY, names.K_MIN, names.K_MAX, names.PROBABILITY, names.UNINFORMATIVE,
    names.ROUNDING,
)


def grim_map(
    df: pd.DataFrame,
    value: str = "value",
    n: str = "n",
    *,
    percent: bool = True,
    rounding: str = DEFAULT_ROUNDING,
    items: int = 1,
) -> pd.DataFrame:
    """GRIM-test every row of a data frame; return a copy with the verdict columns added.

    Parameters
    ----------
    df
        A data frame with a column of printed values (strings) and a column of sample sizes.
    value, n
        The names of those two columns.
    percent, rounding, items
        As for :func:`grim`.

    Returns
    -------
    pandas.DataFrame
        A copy of ``df`` with the columns ``consistency`` (bool), ``k_min`` and ``k_max`` (the
        least and greatest consistent count, as in :func:`grim_counts`; missing when no count is
        consistent; nullable ``Int64``, or Python ints beyond ``2**62``), ``probability``
        (scrutiny's probability of GRIM inconsistency, see
        :func:`grim_probability`), ``uninformative`` (True when ``n * items >= 10**D``, so GRIM
        cannot rule anything out) and ``rounding`` (the mode the verdict holds under).

    Raises
    ------
    TypeError
        If ``df`` is not a data frame, or a cell has the wrong type.
    ValueError
        If a column is missing, an output column already exists, or a cell is invalid.

    References
    ----------
    Brown & Heathers (2017), the GRIM test: see :mod:`pctstats.stats.grim_consistency`.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"value": ["46", "5.1"], "n": [230, 230]})
    >>> grim_map(table)
      value    n  consistency  k_min  k_max  probability  uninformative    rounding
    0    46  230         True    105    106         0.00           True  up_or_down
    1   5.1  230        False   <NA>   <NA>         0.77          False  up_or_down
    """
    import pandas as pd  # here only: the rest of the module runs without pandas

    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"df must be a pandas DataFrame, got {type(df).__name__}")
    for argument, column in (("value", value), ("n", n)):
        if column not in df.columns:
            raise ValueError(f"{argument}: df has no column {column!r} (it has {list(df.columns)})")
    clashes = [column for column in GRIM_MAP_COLUMNS if column in df.columns]
    if clashes:
        raise ValueError(f"df already has the output column(s) {clashes}; rename or drop them")
    values = df[value].to_numpy(dtype=object)
    ns = df[n].to_numpy()
    if ns.dtype != object and not np.issubdtype(ns.dtype, np.integer):
        raise TypeError(f"df[{n!r}] must hold integers, got {df[n].dtype}")
    ranges = count_ranges(values, ns, percent=percent, rounding=rounding, items=items,
                          arguments=(f"df[{value!r}]", f"df[{n!r}]"))
    verdicts = _verdicts(ranges, rounding)
    consistent = verdicts[names.CONSISTENCY]
    out = df.copy()
    for column in GRIM_MAP_COLUMNS:
        out[column] = verdicts[column]
    out[names.K_MIN] = _count_column(verdicts[names.K_MIN], consistent, df.index)
    out[names.K_MAX] = _count_column(verdicts[names.K_MAX], consistent, df.index)
    return out


def _verdicts(
    ranges: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray], rounding: str
) -> dict[str, Any]:
    """The :data:`GRIM_MAP_COLUMNS` from :func:`~pctstats.stats.grim_ranges.count_ranges`' arrays.

    The rules once, for both tables. ``k_min`` and ``k_max`` are the least and greatest count
    whether consistent or not (the callers blank them where ``consistency`` is False).
    """
    least, greatest, digits, totals = ranges
    grains = 10.0**digits
    if totals.dtype != object and (digits.size == 0 or int(digits.max()) <= 18):
        uninformative = totals >= 10 ** digits.astype(np.int64)
    else:  # Python integers: exact beyond int64
        uninformative = np.array(
            [int(total) >= 10 ** int(d) for total, d in zip(totals, digits, strict=True)],
            dtype=bool,
        )
    return {
        names.CONSISTENCY: np.asarray(least <= greatest, dtype=bool),
        names.K_MIN: least,
        names.K_MAX: greatest,
        names.PROBABILITY: np.maximum(0.0, (grains - totals.astype(np.float64)) / grains),
        names.UNINFORMATIVE: uninformative,
        names.ROUNDING: check_rounding(rounding),
    }


def grim_rows(
    values: Sequence[str],
    n: int,
    *,
    percent: bool = True,
    rounding: str = DEFAULT_ROUNDING,
    items: int = 1,
) -> list[dict[str, Any]]:
    """:func:`grim_map`'s table as plain rows, without pandas: one dict per printed value.

    Parameters
    ----------
    values
        The values as printed (strings such as ``"5.1"``).
    n
        The sample size they are all of.
    percent, rounding, items
        As for :func:`grim`.

    Returns
    -------
    list of dict
        One row per value with the keys ``value``, ``n`` and :data:`GRIM_MAP_COLUMNS`, as plain
        Python values; ``k_min`` and ``k_max`` are None when no count is consistent.

    Raises
    ------
    TypeError, ValueError
        As :func:`grim` does for an invalid value, sample size, rounding mode or ``items``.

    Examples
    --------
    >>> grim_rows(["46", "5.1"], 230)[0]  # doctest: +NORMALIZE_WHITESPACE
    {'value': '46', 'n': 230, 'consistency': True, 'k_min': 105, 'k_max': 106,
     'probability': 0.0, 'uninformative': True, 'rounding': 'up_or_down'}
    >>> grim_rows(["5.1"], 230)[0]["k_min"] is None
    True
    """
    values = list(values)
    ranges = count_ranges(np.array(values, dtype=object), n, percent=percent, rounding=rounding,
                          items=items, arguments=("values", "n"))
    verdicts = _verdicts(ranges, rounding)
    rows = []
    for i, value in enumerate(values):
        consistent = bool(verdicts[names.CONSISTENCY][i])
        rows.append({
            "value": value,
            "n": n,
            names.CONSISTENCY: consistent,
            names.K_MIN: int(verdicts[names.K_MIN][i]) if consistent else None,
            names.K_MAX: int(verdicts[names.K_MAX][i]) if consistent else None,
            names.PROBABILITY: float(verdicts[names.PROBABILITY][i]),
            names.UNINFORMATIVE: bool(verdicts[names.UNINFORMATIVE][i]),
            names.ROUNDING: verdicts[names.ROUNDING],
        })
    return rows


def _count_column(counts: np.ndarray, consistent: np.ndarray, index: pd.Index) -> pd.Series:
    """A column of counts, missing where no count is consistent (``Int64``, or Python ints)."""
    import pandas as pd  # only grim_map, given a data frame, calls this

    if counts.dtype == object:
        return pd.Series(np.where(consistent, counts, None), index=index, dtype=object)
    return pd.Series(
        pd.arrays.IntegerArray(counts.astype(np.int64), ~consistent), index=index
    )

