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
:mod:`pctstats.core.rounding`; every decision is made in integers: which counts print as a value is
decided in :mod:`pctstats.stats.grim_ranges`, the tables in :mod:`pctstats.stats.grim_table`.

References
----------
Brown, N. J. L., & Heathers, J. A. J. (2017). The GRIM test: A simple technique detects numerous
anomalies in the reporting of results in psychology. *Social Psychological and Personality
Science*, 8(4), 363–369. doi:10.1177/1948550616673876
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from pctstats.core.rounding import DEFAULT_ROUNDING, check_rounding
from pctstats.stats.grim_ranges import (
    check_positive_integer,
    count_range,
    count_ranges,
    is_series,
    parse_printed,
)
from pctstats.stats.grim_table import GRIM_MAP_COLUMNS, grim_map, grim_rows

__all__ = [
    "GRIM_MAP_COLUMNS", "grim", "grim_counts", "grim_denominators", "grim_map", "grim_probability",
    "grim_rows",
]


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
    Brown & Heathers (2017), the GRIM test: see the module's references.

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
    total = check_positive_integer(n, "n") * check_positive_integer(items, "items")
    units, digits = parse_printed(value, percent, "value")
    least, greatest = count_range(units, digits, total, rounding, percent)
    return range(least, greatest + 1) if least <= greatest else range(0)


def _is_scalar(x: object) -> bool:
    """True for one value (a string, a number, a 0-d array), False for anything array-like."""
    return isinstance(x, str | bytes) or (np.ndim(x) == 0 and not is_series(x))


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
    Brown & Heathers (2017), the GRIM test: see the module's references.

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
        total = check_positive_integer(_unwrap(ns), "ns") * check_positive_integer(items, "items")
        units, digits = parse_printed(_unwrap(values), percent, "values")
        least, greatest = count_range(units, digits, total, rounding, percent)
        return bool(least <= greatest)
    least, greatest, _, _ = count_ranges(
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
    Brown & Heathers (2017), the GRIM test: see the module's references.

    Examples
    --------
    >>> grim_denominators(["46.2", "5.1"], range(200, 241))
    [234, 236]
    """
    if isinstance(values, str):
        raise TypeError(f"values must be a sequence of printed values, not one string {values!r}")
    rounding = check_rounding(rounding)
    items = check_positive_integer(items, "items")
    parsed = [parse_printed(value, percent, f"values[{i}]") for i, value in enumerate(values)]
    if not parsed:
        raise ValueError("values is empty: give at least one printed value")
    found = []
    for i, candidate in enumerate(ns):
        total = check_positive_integer(candidate, f"ns[{i}]") * items
        if all(
            least <= greatest
            for least, greatest in (
                count_range(units, digits, total, rounding, percent) for units, digits in parsed
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
    Brown & Heathers (2017), the GRIM test: see the module's references.

    Examples
    --------
    >>> grim_probability("5.1", 230)
    0.77
    >>> grim_probability("46", 230)
    0.0
    """
    total = check_positive_integer(n, "n") * check_positive_integer(items, "items")
    _, digits = parse_printed(value, percent, "value")
    grains = 10**digits
    return max(0.0, (grains - total) / grains)

