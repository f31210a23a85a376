"""The GRIM test: whether a printed percentage (or mean) can come from whole counts out of ``n``.

A percentage of ``n`` people is ``100 * k / n`` for a whole count ``k``. GRIM (Brown & Heathers
2017) asks whether any ``k`` in ``0..n`` prints as the reported value. As in the R package
scrutiny, a percentage is read as a proportion with two more decimals ("5.1" % is 0.051), and a
count ``k`` is consistent when ``k / n``, rounded under the rounding mode to that many decimals,
equals it. With ``percent=False`` the value is a proportion or the mean of integer scores
(``items`` per person), and ``k`` is the sum of the scores.

Two faces, as in scrutiny: :func:`grim` (one value, or many at once: scalars, arrays or pandas
Series) and :func:`grim_map` (a data frame, with columns added); plus :func:`grim_counts` (which
``k`` fit) and :func:`grim_denominators` (which ``n`` fit all of several values).

The consistent counts for one printed value and one ``n`` are always contiguous (``k / n`` grows
with ``k``, and the values that print as one printed value form an interval), so they are returned
as an inclusive range, never as a list: :func:`grim_counts` gives a :class:`range` (which lists
itself for small ``n``: ``list(grim_counts("46", 230))``), and :func:`grim_map` gives the columns
``k_min`` and ``k_max``. A whole percentage of ``n = 10**9`` has ten million consistent counts; a
range holds them in two integers.

Counts are Python integers end to end: sample sizes at or above ``2**62`` are decided in exact
integer arithmetic, never in wrapped ``int64``.

The test is written by hand here: Python has no well-kept GRIM library (``grim`` on PyPI is used
only as a point of comparison in ``benchmarks/bench_grim.py``). All rounding comes from
:mod:`pctstats.core.rounding`; every decision is made in integers.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

from pctstats.core import names
from pctstats.core.reported import check_reported, decimals_of
from pctstats.core.rounding import DEFAULT_ROUNDING, check_rounding, half_unit_bounds

__all__ = [
    "CONSISTENCY", "GRIM_MAP_COLUMNS", "K_MAX", "K_MIN", "PROBABILITY", "ROUNDING",
    "UNINFORMATIVE", "grim", "grim_counts", "grim_denominators", "grim_map", "grim_probability",
    "grim_rows",
]

#: Names of the columns :func:`grim_map` adds, defined once.
CONSISTENCY: Final = names.CONSISTENCY
K_MIN: Final = names.K_MIN
K_MAX: Final = names.K_MAX
PROBABILITY: Final = names.PROBABILITY
UNINFORMATIVE: Final = names.UNINFORMATIVE
ROUNDING: Final = names.ROUNDING
GRIM_MAP_COLUMNS: Final = (CONSISTENCY, K_MIN, K_MAX, PROBABILITY, UNINFORMATIVE, ROUNDING)

# Above this, integer numpy arithmetic could overflow int64; such groups use Python integers.
_INT64_SAFE: Final = 2**62


def _check_positive_integer(value: object, argument: str) -> int:
    """Return ``value`` as an int if it is a positive integer; bools and floats are refused."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | np.integer):
        raise TypeError(
            f"{argument} must be a positive integer, got {type(value).__name__} {value!r}"
        )
    if value < 1:
        raise ValueError(f"{argument} must be a positive integer, got {value!r}")
    return int(value)


def _parse(value: object, percent: bool, argument: str) -> tuple[int, int]:
    """Read a printed value as ``(units, digits)``, the value being ``units / 10**digits``.

    A percentage gains two digits ("5.1" % is 51 / 10**3); one above 100 is an error.
    """
    text = check_reported(value, argument)
    digits = decimals_of(text)
    units = int(text.replace(".", ""))
    if percent:
        if units > 100 * 10**digits:
            raise ValueError(f"{argument} is a percentage above 100: {text!r}")
        digits += 2
    return units, digits


def _count_range(
    units: Any, digits: int, total: Any, rounding: str, percent: bool
) -> tuple[Any, Any]:
    """Return the least and greatest count ``k`` with ``k / total`` printing as ``units``.

    Works on Python ints and on numpy integer arrays alike; the range is empty when the least
    exceeds the greatest. From :func:`~pctstats.core.rounding.half_unit_bounds`, ``k / total``
    prints as
    ``units / 10**digits`` when ``low <= 2 * 10**digits * k / total <= high``, that is when
    ``k * m`` lies between ``low * total`` and ``high * total`` with ``m = 2 * 10**digits``. An
    inclusive lower bound gives ``k >= ceil(low * total / m)``, an exclusive one
    ``k >= floor(low * total / m) + 1``: both are ``(low * total + m - inclusive) // m``. Likewise
    the upper end is ``(high * total - 1 + inclusive) // m``.
    """
    low, high, low_inclusive, high_inclusive = half_unit_bounds(units, rounding)
    m = 2 * 10**digits
    least = (low * total + m - (low_inclusive * 1)) // m
    greatest = (high * total - 1 + (high_inclusive * 1)) // m
    if percent:  # a percentage counts people: no more than all of them
        cap = np.minimum if isinstance(greatest, np.ndarray) else min
        greatest = cap(greatest, total)
    return least, greatest


def grim_counts(
    value: str,
    n: int,
    *,
    percent: bool = True,
    rounding: str = DEFAULT_ROUNDING,
    items: int = 1,
) -> range:
    """Every count ``k`` for which ``k / n`` prints as ``value`` (the GRIM reconstruction).

    The counts are contiguous, so they come as an inclusive range, however large ``n`` is:
    ``r[0]`` and ``r[-1]`` are the least and greatest count, ``len(r)`` how many there are,
    ``k in r`` is decided at once, and ``list(r)`` lists them (for small ``n``).

    Parameters
    ----------
    value
        The value as printed, a string such as ``"46"`` (trailing zeros are precision).
    n
        The sample size, a positive integer (a Python int of any size).
    percent
        True if ``value`` is a percentage (the default), False for a proportion or a mean.
    rounding
        A rounding mode from :data:`pctstats.core.rounding.ROUNDING_MODES`.
    items
        Integer items per person behind a mean; the counts are then sums out of ``n * items``.

    Returns
    -------
    range
        The consistent counts in increasing order; empty if ``value`` is GRIM-inconsistent. For a
        percentage they lie in ``0..n * items``; for a mean they are sums of scores and unbounded.

    Raises
    ------
    TypeError
        If ``value`` is not a string or ``n`` / ``items`` is not an integer.
    ValueError
        If ``value`` is not a printed decimal, a percentage exceeds 100, ``n`` or ``items`` is not
        positive, or ``rounding`` is unknown.

    References
    ----------
    Brown, N. J. L., & Heathers, J. A. J. (2017). The GRIM test: A simple technique detects numerous
    anomalies in the reporting of results in psychology. *Social Psychological and Personality
    Science*, 8(4), 363–369. doi:10.1177/1948550616673876

    Examples
    --------
    >>> grim_counts("46", 230)
    range(105, 107)
    >>> list(grim_counts("46", 230)), 106 in grim_counts("46", 230)
    ([105, 106], True)
    >>> grim_counts("5.1", 230)  # empty
    range(0, 0)
    >>> counts = grim_counts("41", 10**9)  # ten million counts, held as two integers
    >>> counts[0], counts[-1], len(counts)
    (405000000, 415000000, 10000001)
    """
    rounding = check_rounding(rounding)
    total = _check_positive_integer(n, "n") * _check_positive_integer(items, "items")
    units, digits = _parse(value, percent, "value")
    least, greatest = _count_range(units, digits, total, rounding, percent)
    return range(least, greatest + 1) if least <= greatest else range(0)


def _is_series(x: object) -> bool:
    """Whether ``x`` is a pandas Series (never imports pandas: without it there is no Series).

    This module imports pandas only in :func:`grim_map`, so that ``pctstats grim`` runs without it.
    """
    pandas = sys.modules.get("pandas")
    return pandas is not None and isinstance(x, pandas.Series)


def _is_scalar(x: object) -> bool:
    """True for one value (a string, a number, a 0-d array), False for anything array-like."""
    return isinstance(x, str | bytes) or (np.ndim(x) == 0 and not _is_series(x))


def grim(
    values: object,
    ns: object,
    *,
    percent: bool = True,
    rounding: str = DEFAULT_ROUNDING,
    items: int = 1,
) -> bool | np.ndarray:
    """Tell whether printed percentages (or means) are GRIM-consistent with sample sizes.

    One function for one value and for many, like scrutiny's ``grim()``: a printed value and a
    sample size give a bool; arrays, lists or pandas Series of them (broadcast together) give an
    array of bools.

    Parameters
    ----------
    values
        The value(s) as printed: a string such as ``"5.1"``, or an array-like of strings.
    ns
        The sample size(s): a positive integer, or an array-like of them. Python integers of any
        size are decided exactly.
    percent
        True if the values are percentages (the default), False for proportions or means.
    rounding
        A rounding mode; the default ``"up_or_down"`` accepts rounding half up or half down.
    items
        Integer items per person behind a mean (scrutiny's ``items``).

    Returns
    -------
    bool or numpy.ndarray of bool
        True where some whole count out of ``n * items`` prints as the value under ``rounding``:
        a bool when both ``values`` and ``ns`` are single, else an array of their broadcast shape.

    Raises
    ------
    TypeError, ValueError
        If a value or sample size is invalid (the message names the argument and, for arrays, the
        first offending element), if the shapes do not broadcast, or if ``rounding`` is unknown.

    References
    ----------
    Brown, N. J. L., & Heathers, J. A. J. (2017). The GRIM test: A simple technique detects numerous
    anomalies in the reporting of results in psychology. *Social Psychological and Personality
    Science*, 8(4), 363–369. doi:10.1177/1948550616673876

    Examples
    --------
    >>> grim("5.1", 230)  # 11/230 = 4.78%, 12/230 = 5.22%
    False
    >>> grim("46", 230)
    True
    >>> grim("5.19", 28, percent=False), grim("5.19", 32, percent=False)
    (False, True)
    >>> grim(["5.1", "46", "46.2"], [230, 230, 234])
    array([False,  True,  True])
    >>> grim(["91.9", "73.5"], 299)
    array([False, False])
    >>> grim(["5.1"], [2**63 + 1])  # exact, never wrapped int64
    array([ True])
    """
    if _is_scalar(values) and _is_scalar(ns):
        rounding = check_rounding(rounding)
        total = _check_positive_integer(_unwrap(ns), "ns") * _check_positive_integer(items, "items")
        units, digits = _parse(_unwrap(values), percent, "values")
        least, greatest = _count_range(units, digits, total, rounding, percent)
        return bool(least <= greatest)
    least, greatest, _, _ = _count_ranges(
        values, ns, percent=percent, rounding=rounding, items=items
    )
    return np.asarray(least <= greatest, dtype=bool)


def _unwrap(x: object) -> object:
    """A 0-d array's element (``np.asarray(5)`` -> 5); anything else unchanged."""
    return x.item() if isinstance(x, np.ndarray) else x


def grim_denominators(
    values: Sequence[str],
    ns: Iterable[int],
    *,
    percent: bool = True,
    rounding: str = DEFAULT_ROUNDING,
    items: int = 1,
) -> list[int]:
    """List the sample sizes in ``ns`` with which every one of ``values`` is GRIM-consistent.

    Parameters
    ----------
    values
        Printed values thought to share one denominator, e.g. ``["46.2", "5.1"]``.
    ns
        Candidate sample sizes, positive integers, e.g. ``range(200, 241)``.
    percent, rounding, items
        As for :func:`grim`.

    Returns
    -------
    list of int
        The candidates, in the order given, for which each value has a consistent count.

    Raises
    ------
    TypeError
        If ``values`` is a single string, or a value or candidate has the wrong type.
    ValueError
        If ``values`` is empty, or a value, candidate or ``rounding`` is invalid.

    References
    ----------
    Brown, N. J. L., & Heathers, J. A. J. (2017). The GRIM test: A simple technique detects numerous
    anomalies in the reporting of results in psychology. *Social Psychological and Personality
    Science*, 8(4), 363–369. doi:10.1177/1948550616673876

    Examples
    --------
    >>> grim_denominators(["46.2", "5.1"], range(200, 241))
    [234, 236]
    """
    if isinstance(values, str):
        raise TypeError(f"values must be a sequence of printed values, not one string {values!r}")
    rounding = check_rounding(rounding)
    items = _check_positive_integer(items, "items")
    parsed = [_parse(value, percent, f"values[{i}]") for i, value in enumerate(values)]
    if not parsed:
        raise ValueError("values is empty: give at least one printed value")
    found = []
    for i, candidate in enumerate(ns):
        total = _check_positive_integer(candidate, f"ns[{i}]") * items
        if all(
            least <= greatest
            for least, greatest in (
                _count_range(units, digits, total, rounding, percent) for units, digits in parsed
            )
        ):
            found.append(int(candidate))
    return found


def grim_probability(value: str, n: int, *, percent: bool = True, items: int = 1) -> float:
    """Return scrutiny's probability of GRIM inconsistency for a value with this many decimals.

    It is the probability that a value with the same number of decimals but random digits is
    inconsistent with ``n``: ``(10**D - n * items) / 10**D``, floored at 0, where ``D`` counts the
    decimals (plus two for a percentage). It is 0 when GRIM cannot tell anything (``n * items >=
    10**D``). The formula is scrutiny's ``grim_probability()``; it does not depend on the rounding
    mode, so near a few sample sizes (such as 40 or 80 with two decimals under ``"up_or_down"``) the
    share of values actually ruled out is smaller.

    Parameters
    ----------
    value
        The value as printed.
    n
        The sample size, a positive integer.
    percent, items
        As for :func:`grim`.

    Returns
    -------
    float
        A probability in ``[0, 1)``.

    References
    ----------
    Brown, N. J. L., & Heathers, J. A. J. (2017). The GRIM test: A simple technique detects numerous
    anomalies in the reporting of results in psychology. *Social Psychological and Personality
    Science*, 8(4), 363–369. doi:10.1177/1948550616673876

    Examples
    --------
    >>> grim_probability("5.1", 230)
    0.77
    >>> grim_probability("46", 230)
    0.0
    """
    total = _check_positive_integer(n, "n") * _check_positive_integer(items, "items")
    _, digits = _parse(value, percent, "value")
    grains = 10**digits
    return max(0.0, (grains - total) / grains)


def _parse_at(
    value: object, j: int, codes: np.ndarray, percent: bool, argument: str
) -> tuple[int, int]:
    """Parse the ``j``-th distinct value; an error names its first position in the input."""
    try:
        return _parse(value, percent, argument)
    except (TypeError, ValueError):
        return _parse(value, percent, f"{argument}[{int(np.argmax(codes == j))}]")


def _counts_array(ns: object, argument: str) -> np.ndarray:
    """Return ``ns`` as an array of positive integers, refusing bools and floats.

    The array is ``int64`` when every value is below ``2**62``, and holds Python ints (dtype
    object) otherwise, so that no count is ever wrapped (numpy reads ``2**63 + 1`` as ``uint64``
    and a larger int as an object).
    """
    series = _is_series(ns)
    array = np.asarray(ns.to_numpy() if series else ns)  # type: ignore[attr-defined]
    if array.dtype.kind == "f" and not (series or isinstance(ns, np.ndarray)):
        array = np.asarray(ns, dtype=object)  # numpy turns [2**63 + 1, 230] into floats
    if array.dtype == object:  # e.g. Python ints from a pandas column: check each
        flat = [_check_positive_integer(x, f"{argument}[{i}]") for i, x in enumerate(array.flat)]
        big = any(x >= _INT64_SAFE for x in flat)
        return np.array(flat, dtype=object if big else np.int64).reshape(array.shape)
    if array.dtype == np.bool_ or not np.issubdtype(array.dtype, np.integer):
        raise TypeError(f"{argument} must hold integers, got an array of {array.dtype}")
    if array.size and array.min() < 1:
        bad = np.flatnonzero(array.ravel() < 1)[0]
        raise ValueError(
            f"{argument} must hold positive integers, got {array.ravel()[bad]} at {argument}[{bad}]"
        )
    if array.size and int(array.max()) >= _INT64_SAFE:
        return np.array([int(x) for x in array.flat], dtype=object).reshape(array.shape)
    return array.astype(np.int64, copy=False)


def _count_ranges(
    values: object,
    ns: object,
    *,
    percent: bool,
    rounding: str,
    items: int,
    names: tuple[str, str] = ("values", "ns"),
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Vectorised :func:`_count_range`: least and greatest counts, digits and totals, per pair.

    Each distinct printed value is read once (with :func:`pctstats.core.reported.check_reported`);
    the
    pairs are then grouped by their number of digits and decided in integer numpy arithmetic.
    """
    rounding = check_rounding(rounding)
    items = _check_positive_integer(items, "items")
    text = np.asarray(values, dtype=object)
    # each distinct value once, in order of first appearance (pandas' factorize, in plain Python:
    # the command line's few values need not import pandas)
    first_seen: dict[object, int] = {}
    codes = np.empty(text.size, dtype=np.intp)
    for i, x in enumerate(text.ravel()):
        try:
            codes[i] = first_seen.setdefault(x, len(first_seen))
        except TypeError:  # unhashable, a list say: _parse names the argument and position
            _parse(x, percent, f"{names[0]}[{i}]")
            raise
    uniques = list(first_seen)
    parsed = [_parse_at(unique, j, codes, percent, names[0]) for j, unique in enumerate(uniques)]
    unique_units = [units for units, _ in parsed]
    unique_digits = np.array([digits for _, digits in parsed], dtype=np.int64)
    counts = _counts_array(ns, names[1])
    try:
        shape = np.broadcast_shapes(text.shape, counts.shape)
    except ValueError:
        raise ValueError(
            f"{names[0]} and {names[1]} must have shapes that broadcast together "
            f"(got {text.shape} and {counts.shape})"
        ) from None
    codes = np.broadcast_to(codes.reshape(text.shape), shape).ravel()
    totals = np.broadcast_to(counts, shape).ravel()
    if totals.dtype != object and totals.size and int(totals.max()) * items >= _INT64_SAFE:
        totals = totals.astype(object)
    totals = totals * items
    digits = unique_digits[codes] if parsed else np.zeros(codes.size, dtype=np.int64)
    fits = not unique_units or max(unique_units) < _INT64_SAFE
    units_all = np.array(unique_units, dtype=np.int64 if fits else object)
    groups = []
    for group in np.unique(unique_digits):
        where = np.flatnonzero(digits == group)
        if not where.size:
            continue
        units = units_all[codes[where]]
        total = totals[where]
        biggest = (2 * int(units.max()) + 2) * int(total.max()) + 2 * 10 ** int(group)
        if biggest >= _INT64_SAFE:  # exact, if slower, in Python integers
            units, total = units.astype(object), total.astype(object)
        groups.append((where, *_count_range(units, int(group), total, rounding, percent)))
    exact = object if any(lo.dtype == object for _, lo, _ in groups) else np.int64
    least = np.zeros(codes.size, dtype=exact)
    greatest = np.full(codes.size, -1, dtype=exact)
    for where, lo, hi in groups:
        least[where], greatest[where] = lo, hi
    return (
        least.reshape(shape),
        greatest.reshape(shape),
        digits.reshape(shape),
        totals.reshape(shape),
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
    Brown, N. J. L., & Heathers, J. A. J. (2017). The GRIM test: A simple technique detects numerous
    anomalies in the reporting of results in psychology. *Social Psychological and Personality
    Science*, 8(4), 363–369. doi:10.1177/1948550616673876

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
    verdicts = _verdicts(values, ns, percent=percent, rounding=rounding, items=items,
                         names=(f"df[{value!r}]", f"df[{n!r}]"))
    consistent = verdicts[CONSISTENCY]
    out = df.copy()
    for column in GRIM_MAP_COLUMNS:
        out[column] = verdicts[column]
    out[K_MIN] = _count_column(verdicts[K_MIN], consistent, df.index)
    out[K_MAX] = _count_column(verdicts[K_MAX], consistent, df.index)
    return out


def _verdicts(
    values: object,
    ns: object,
    *,
    percent: bool,
    rounding: str,
    items: int,
    names: tuple[str, str] = ("values", "ns"),
) -> dict[str, Any]:
    """The :data:`GRIM_MAP_COLUMNS` for flat arrays of values and sample sizes (the rules once).

    ``k_min`` and ``k_max`` are the least and greatest count whether consistent or not (the
    callers blank them where ``consistency`` is False).
    """
    least, greatest, digits, totals = _count_ranges(
        values, ns, percent=percent, rounding=rounding, items=items, names=names
    )
    grains = 10.0**digits
    if totals.dtype != object and (digits.size == 0 or int(digits.max()) <= 18):
        uninformative = totals >= 10 ** digits.astype(np.int64)
    else:  # Python integers: exact beyond int64
        uninformative = np.array(
            [int(total) >= 10 ** int(d) for total, d in zip(totals, digits, strict=True)],
            dtype=bool,
        )
    return {
        CONSISTENCY: np.asarray(least <= greatest, dtype=bool),
        K_MIN: least,
        K_MAX: greatest,
        PROBABILITY: np.maximum(0.0, (grains - totals.astype(np.float64)) / grains),
        UNINFORMATIVE: uninformative,
        ROUNDING: check_rounding(rounding),
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
    verdicts = _verdicts(np.array(values, dtype=object), n, percent=percent, rounding=rounding,
                         items=items, names=("values", "n"))
    rows = []
    for i, value in enumerate(values):
        consistent = bool(verdicts[CONSISTENCY][i])
        rows.append({
            "value": value,
            "n": n,
            CONSISTENCY: consistent,
            K_MIN: int(verdicts[K_MIN][i]) if consistent else None,
            K_MAX: int(verdicts[K_MAX][i]) if consistent else None,
            PROBABILITY: float(verdicts[PROBABILITY][i]),
            UNINFORMATIVE: bool(verdicts[UNINFORMATIVE][i]),
            ROUNDING: verdicts[ROUNDING],
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
