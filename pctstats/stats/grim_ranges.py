"""The integer core of GRIM: which whole counts print as a printed value, one pair or many.

A printed value is read as ``units / 10**digits`` (a percentage gains two digits: "5.1" % is
51 / 10**3), and the counts ``k`` with ``k / total`` printing as it form one inclusive range,
decided in integers from :func:`pctstats.core.rounding.half_unit_bounds`.
:func:`count_range` decides one value (or arrays of one number of digits), :func:`count_ranges`
many values against many sample sizes at once, each distinct value read once. Counts are Python
integers where ``int64`` could overflow (from ``2**62``), never wrapped. The public functions of
GRIM are in :mod:`pctstats.stats.grim_consistency` and :mod:`pctstats.stats.grim_table`.
"""

from __future__ import annotations

import sys
from typing import Any, Final

import numpy as np

from pctstats.core.arguments import broadcast_together
from pctstats.core.reported import check_reported, decimals_of
from pctstats.core.rounding import check_rounding, half_unit_bounds

__all__ = ["check_positive_integer", "count_range", "count_ranges", "is_series", "parse_printed"]

# Above this, integer numpy arithmetic could overflow int64; such groups use Python integers.
_INT64_SAFE: Final = 2**62


def check_positive_integer(value: object, argument: str) -> int:
    """Return ``value`` as an int if it is a positive integer; bools and floats are refused.

    Examples
    --------
    >>> check_positive_integer(230, "n")
    230
    >>> check_positive_integer(230.0, "n")
    Traceback (most recent call last):
    ...
    TypeError: n must be a positive integer, got float 230.0
    """
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | np.integer):
        raise TypeError(
            f"{argument} must be a positive integer, got {type(value).__name__} {value!r}"
        )
    if value < 1:
        raise ValueError(f"{argument} must be a positive integer, got {value!r}")
    return int(value)


def parse_printed(value: object, percent: bool, argument: str) -> tuple[int, int]:
    """Read a printed value as ``(units, digits)``, the value being ``units / 10**digits``.

    A percentage gains two digits ("5.1" % is 51 / 10**3); one above 100 is an error.

    Examples
    --------
    >>> parse_printed("5.1", True, "value"), parse_printed("5.19", False, "value")
    ((51, 3), (519, 2))
    """
    text = check_reported(value, argument)
    digits = decimals_of(text)
    units = int(text.replace(".", ""))
    if percent:
        if units > 100 * 10**digits:
            raise ValueError(f"{argument} is a percentage above 100: {text!r}")
        digits += 2
    return units, digits


def count_range(
    units: Any, digits: int, total: Any, rounding: str, percent: bool
) -> tuple[Any, Any]:
    """Return the least and greatest count ``k`` with ``k / total`` printing as ``units``.

    Works on Python ints and on numpy integer arrays alike; the range is empty when the least
    exceeds the greatest. From :func:`~pctstats.core.rounding.half_unit_bounds`, ``k / total``
    prints as ``units / 10**digits`` when ``low <= 2 * 10**digits * k / total <= high``, that is
    when ``k * m`` lies between ``low * total`` and ``high * total`` with ``m = 2 * 10**digits``. An
    inclusive lower bound gives ``k >= ceil(low * total / m)``, an exclusive one
    ``k >= floor(low * total / m) + 1``: both are ``(low * total + m - inclusive) // m``. Likewise
    the upper end is ``(high * total - 1 + inclusive) // m``.

    Examples
    --------
    >>> count_range(46, 2, 230, "up_or_down", True)  # "46" % of 230: 105 or 106
    (105, 106)
    >>> count_range(51, 3, 230, "up_or_down", True)  # "5.1" % of 230: none
    (12, 11)
    """
    low, high, low_inclusive, high_inclusive = half_unit_bounds(units, rounding)
    m = 2 * 10**digits
    least = (low * total + m - (low_inclusive * 1)) // m
    greatest = (high * total - 1 + (high_inclusive * 1)) // m
    if percent:  # a percentage counts people: no more than all of them
        cap = np.minimum if isinstance(greatest, np.ndarray) else min
        greatest = cap(greatest, total)
    return least, greatest


def is_series(x: object) -> bool:
    """Whether ``x`` is a pandas Series (never imports pandas: without it there is no Series).

    GRIM imports pandas only in :func:`~pctstats.stats.grim_table.grim_map`, so that
    ``pctstats grim`` runs without it.

    Examples
    --------
    >>> is_series(["46", "5.1"])
    False
    """
    pandas = sys.modules.get("pandas")
    return pandas is not None and isinstance(x, pandas.Series)


def _parse_at(
    value: object, j: int, codes: np.ndarray, percent: bool, argument: str
) -> tuple[int, int]:
    """Parse the ``j``-th distinct value; an error names its first position in the input."""
    try:
        return parse_printed(value, percent, argument)
    except (TypeError, ValueError):
        return parse_printed(value, percent, f"{argument}[{int(np.argmax(codes == j))}]")


def _counts_array(ns: object, argument: str) -> np.ndarray:
    """Return ``ns`` as an array of positive integers, refusing bools and floats.

    The array is ``int64`` when every value is below ``2**62``, and holds Python ints (dtype
    object) otherwise, so that no count is ever wrapped (numpy reads ``2**63 + 1`` as ``uint64``
    and a larger int as an object).
    """
    series = is_series(ns)
    array = np.asarray(ns.to_numpy() if series else ns)  # type: ignore[attr-defined]
    if array.dtype.kind == "f" and not (series or isinstance(ns, np.ndarray)):
        array = np.asarray(ns, dtype=object)  # numpy turns [2**63 + 1, 230] into floats
    if array.dtype == object:  # e.g. Python ints from a pandas column: check each
        flat = [check_positive_integer(x, f"{argument}[{i}]") for i, x in enumerate(array.flat)]
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


def count_ranges(
    values: object,
    ns: object,
    *,
    percent: bool,
    rounding: str,
    items: int,
    arguments: tuple[str, str] = ("values", "ns"),
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Vectorised :func:`count_range`: least and greatest counts, digits and totals, per pair.

    Each distinct printed value is read once (with :func:`pctstats.core.reported.check_reported`);
    the pairs are then grouped by their number of digits and decided in integer numpy arithmetic.
    ``arguments`` names ``values`` and ``ns`` in error messages.

    Examples
    --------
    >>> least, greatest, digits, totals = count_ranges(
    ...     ["46", "5.1"], 230, percent=True, rounding="up_or_down", items=1)
    >>> least.tolist(), greatest.tolist(), digits.tolist(), totals.tolist()
    ([105, 12], [106, 11], [2, 3], [230, 230])
    """
    rounding = check_rounding(rounding)
    items = check_positive_integer(items, "items")
    text = np.asarray(values, dtype=object)
    # each distinct value once, in order of first appearance (pandas' factorize, in plain Python:
    # the command line's few values need not import pandas)
    first_seen: dict[object, int] = {}
    codes = np.empty(text.size, dtype=np.intp)
    for i, x in enumerate(text.ravel()):
        try:
            codes[i] = first_seen.setdefault(x, len(first_seen))
        except TypeError:  # unhashable, a list say: parse_printed names the argument and position
            parse_printed(x, percent, f"{arguments[0]}[{i}]")
            raise
    uniques = list(first_seen)
    parsed = [
        _parse_at(unique, j, codes, percent, arguments[0]) for j, unique in enumerate(uniques)
    ]
    unique_units = [units for units, _ in parsed]
    unique_digits = np.array([digits for _, digits in parsed], dtype=np.int64)
    counts = _counts_array(ns, arguments[1])
    shape = broadcast_together(text, counts, arguments)[0].shape
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
        groups.append((where, *count_range(units, int(group), total, rounding, percent)))
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

