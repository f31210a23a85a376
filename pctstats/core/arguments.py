"""Argument checking shared by the statistics modules, in one place.

Every public function of :mod:`pctstats.stats.intervals`, :mod:`pctstats.stats.ratios` and
:mod:`pctstats.stats.pooling` checks its arguments here, so that a bad argument gives the same clear
message everywhere: a :class:`ValueError` (or :class:`TypeError` for a value of the wrong type)
whose text starts with the argument's name.

Counts are whole numbers; ``float`` input is accepted only when every value is integral
(``106.0``), because data frames read from CSV often hold counts as floats. Booleans, strings,
NaN and infinities are refused.
"""

from __future__ import annotations

import numbers
from collections.abc import Collection

import numpy as np
from numpy.typing import ArrayLike, NDArray

from pctstats.core.choices import check_choice
from pctstats.core.errors import ArgumentTypeError

__all__ = [
    "MAX_COUNT", "broadcast_together", "check_cell", "check_count_array", "check_counts",
    "check_level", "check_method",
    "check_proportion_array", "check_ratio_array", "check_study_counts", "refuse_booleans",
    "scalar_or_array",
]


def _as_numeric_array(value: object, name: str) -> NDArray[np.generic]:
    """Return ``value`` as a numeric array, or raise a TypeError naming ``name``."""
    if value is None:
        raise TypeError(f"{name} must be numeric, got None")
    if isinstance(value, str | bytes):
        raise TypeError(f"{name} must be a number or an array of numbers, got the string {value!r}")
    refuse_booleans(value, name)
    try:
        arr = np.asarray(value)
    except Exception as exc:  # ragged input and the like
        raise TypeError(f"{name} must be a number or an array of numbers ({exc})") from exc
    if arr.dtype == np.bool_:
        raise ArgumentTypeError(f"{name} must be numeric, got booleans ({value!r})")
    if arr.dtype == object:
        try:
            arr = arr.astype(np.float64)
        except (TypeError, ValueError) as exc:
            raise TypeError(f"{name} must be numeric, got {value!r}") from exc
    if not (np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)):
        raise TypeError(f"{name} must be numeric, got dtype {arr.dtype} ({value!r})")
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty")
    return arr


#: Counts must be below this: larger ones are refused (not wrapped) by :func:`check_count_array`.
MAX_COUNT = 2**62


def _exact_count_array(value: object, name: str) -> NDArray[np.generic]:
    """Non-negative whole numbers as an array: ``int64``, or Python ints when one is >= 2**62.

    Nothing is wrapped or rounded: numpy reads ``2**63 + 1`` as ``uint64`` and ``10**20`` as an
    object, and an integral float such as ``1e19`` is the integer it equals.
    """
    if isinstance(value, list | tuple) and any(
        isinstance(x, int) and not isinstance(x, bool) and abs(x) >= MAX_COUNT for x in value
    ):
        value = np.asarray(value, dtype=object)  # numpy would turn [2**63 + 1, 1] into floats
    big_int = isinstance(value, int) and not isinstance(value, bool) and abs(value) >= MAX_COUNT
    if big_int or (isinstance(value, np.ndarray) and value.dtype == object):
        arr = np.asarray(value, dtype=object)
        if all(isinstance(x, int | np.integer) and not isinstance(x, bool) for x in arr.flat):
            if arr.size == 0:
                raise ValueError(f"{name} must not be empty")
            ints = np.array([int(x) for x in arr.flat], dtype=object).reshape(arr.shape)
            if (ints < 0).any():
                bad = ints[ints < 0].ravel()[0]
                raise ValueError(f"{name} must be a non-negative count, got {bad!r}")
            return ints
    arr = _as_numeric_array(value, name)
    if np.issubdtype(arr.dtype, np.floating):
        if np.isnan(arr).any():
            raise ValueError(f"{name} must not contain NaN (got {value!r})")
        if np.isinf(arr).any():
            raise ValueError(f"{name} must be finite (got {value!r})")
        if (arr != np.floor(arr)).any():
            bad = arr[arr != np.floor(arr)].ravel()[0]
            raise ValueError(f"{name} must be a whole-number count, got {bad!r}")
    if (arr < 0).any():
        bad = arr[arr < 0].ravel()[0]
        raise ValueError(f"{name} must be a non-negative count, got {bad!r}")
    if arr.size and arr.max() >= MAX_COUNT:  # floats or uint64: exact Python ints
        return np.array([int(x) for x in arr.flat], dtype=object).reshape(arr.shape)
    return arr.astype(np.int64)


def _supported(arr: NDArray[np.generic], name: str) -> NDArray[np.int64]:
    """``arr`` as ``int64``, or a ValueError naming ``name`` if a count is 2**62 or more."""
    if arr.dtype == object:
        bad = max(arr.flat)
        raise ValueError(
            f"{name} must be below 2**62 = {MAX_COUNT:,} (got {bad}); larger counts are "
            "refused rather than wrapped"
        )
    return arr


def check_count_array(value: object, name: str) -> NDArray[np.int64]:
    """Return ``value`` as an int64 array of non-negative whole numbers.

    Parameters
    ----------
    value
        A count or an array of counts.
    name
        The argument's name, used in error messages.

    Returns
    -------
    numpy.ndarray
        The counts, dtype ``int64``, same shape as ``value``.

    Raises
    ------
    TypeError
        If ``value`` is not numeric (a string, booleans, ...).
    ValueError
        If a value is NaN, infinite, negative, not a whole number, or ``2**62`` or more (refused,
        never wrapped).

    Examples
    --------
    >>> check_count_array([3, 4.0], "k")
    array([3, 4])
    >>> check_count_array(1e19, "a")
    Traceback (most recent call last):
    ...
    ValueError: a must be below 2**62 = 4,611,686,018,427,387,904 (got 10000000000000000000); larger counts are refused rather than wrapped
    """  # noqa: E501
    return _supported(_exact_count_array(value, name), name)


def check_counts(
    k: ArrayLike, n: ArrayLike, *, k_name: str = "k", n_name: str = "n"
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Check a number of events ``k`` out of ``n`` and broadcast the two together.

    ``k <= n`` is decided on the exact integers before any size limit applies, so
    ``check_counts(1e19, 2**62)`` says that ``k`` exceeds ``n``.

    Parameters
    ----------
    k, n
        Counts: ``0 <= k <= n`` and ``n >= 1``, scalars or arrays that broadcast together.
    k_name, n_name
        The arguments' names, used in error messages.

    Returns
    -------
    tuple of numpy.ndarray
        ``k`` and ``n`` as int64 arrays of the broadcast shape.

    Raises
    ------
    TypeError
        If either is not numeric.
    ValueError
        If either is NaN, negative or fractional, if ``n <= 0`` or ``k > n``, if the shapes do
        not broadcast, or if a count is ``2**62`` or more.

    Examples
    --------
    >>> check_counts(106, 230)
    (array(106), array(230))
    >>> check_counts(231, 230)
    Traceback (most recent call last):
    ...
    ValueError: k must not exceed n (got k=231, n=230)
    >>> check_counts(1e19, 2**62)
    Traceback (most recent call last):
    ...
    ValueError: k must not exceed n (got k=10000000000000000000, n=4611686018427387904)
    """
    k_arr = _exact_count_array(k, k_name)
    n_arr = _exact_count_array(n, n_name)
    if (n_arr <= 0).any():
        bad = n_arr[n_arr <= 0].ravel()[0]
        raise ValueError(f"{n_name} must be a positive count (n >= 1), got {bad!r}")
    k_b, n_b = broadcast_together(k_arr, n_arr, (k_name, n_name))
    over = k_b > n_b
    if over.any():
        i = np.flatnonzero(over.ravel())[0]
        raise ValueError(
            f"{k_name} must not exceed {n_name} "
            f"(got {k_name}={k_b.ravel()[i]}, {n_name}={n_b.ravel()[i]})"
        )
    return _supported(k_b, k_name).copy(), _supported(n_b, n_name).copy()


def check_cell(value: object, name: str) -> int:
    """Check one cell of a 2x2 table: a scalar non-negative whole number.

    Examples
    --------
    >>> check_cell(12.0, "a")
    12
    """
    arr = check_count_array(value, name)
    if arr.ndim != 0:
        raise ArgumentTypeError(
            f"{name} must be a single count, got an array of shape {arr.shape}"
        )
    return int(arr)


def check_level(level: object, name: str = "level") -> float:
    """Check a confidence level: a number strictly between 0 and 1 (0.95, not 95).

    Examples
    --------
    >>> check_level(0.9)
    0.9
    >>> check_level(95)
    Traceback (most recent call last):
    ...
    ValueError: level must be strictly between 0 and 1 (e.g. 0.95 for 95%), got 95
    """
    if isinstance(level, bool) or not isinstance(level, numbers.Real):
        raise TypeError(f"{name} must be a number between 0 and 1, got {level!r}")
    value = float(level)
    if np.isnan(value):
        raise ValueError(f"{name} must not be NaN")
    if not 0.0 < value < 1.0:
        raise ValueError(
            f"{name} must be strictly between 0 and 1 (e.g. 0.95 for 95%), got {level!r}"
        )
    return value


def check_method(method: object, allowed: Collection[str], name: str = "method") -> str:
    """Check that ``method`` is one of the ``allowed`` names (exact spelling).

    Examples
    --------
    >>> check_method("wilson", ("wilson", "jeffreys"))
    'wilson'
    >>> check_method("Wilson", ("wilson", "jeffreys"))
    Traceback (most recent call last):
    ...
    ValueError: method must be one of 'wilson', 'jeffreys'; got 'Wilson'
    """
    if not isinstance(method, str):
        options = ", ".join(repr(m) for m in allowed)
        raise TypeError(f"{name} must be a string, one of {options}; got {method!r}")
    return check_choice(method, allowed, name)


def check_proportion_array(value: object, name: str) -> NDArray[np.float64]:
    """Check proportions on the 0–1 scale (not per cent); return a float array.

    Examples
    --------
    >>> check_proportion_array(0.46, "p1")
    array(0.46)
    """
    arr = _as_numeric_array(value, name).astype(np.float64)
    if np.isnan(arr).any():
        raise ValueError(f"{name} must not contain NaN (got {value!r})")
    if ((arr < 0) | (arr > 1)).any():
        bad = arr[(arr < 0) | (arr > 1)].ravel()[0]
        hint = " (proportions are on the 0-1 scale: 0.46, not 46)" if bad > 1 else ""
        raise ValueError(f"{name} must be a proportion between 0 and 1, got {bad!r}{hint}")
    return arr


def check_ratio_array(value: object, name: str) -> NDArray[np.float64]:
    """Check ratios (odds or risk ratios): positive and finite; return a float array.

    Examples
    --------
    >>> check_ratio_array([1.23, 2.87], "ratio")
    array([1.23, 2.87])
    """
    arr = _as_numeric_array(value, name).astype(np.float64)
    if np.isnan(arr).any():
        raise ValueError(f"{name} must not contain NaN (got {value!r})")
    if (~np.isfinite(arr) | (arr <= 0)).any():
        bad = arr[~np.isfinite(arr) | (arr <= 0)].ravel()[0]
        raise ValueError(f"{name} must be a positive finite ratio, got {bad!r}")
    return arr


def broadcast_together(
    first: NDArray[np.generic], second: NDArray[np.generic], names: tuple[str, str]
) -> tuple[NDArray[np.generic], NDArray[np.generic]]:
    """Broadcast two checked arrays, or raise a ValueError naming both arguments.

    Examples
    --------
    >>> broadcast_together(np.asarray([0.4, 0.5]), np.asarray(0.3), ("p1", "p2"))
    (array([0.4, 0.5]), array([0.3, 0.3]))
    >>> broadcast_together(np.zeros(2), np.zeros(3), ("p1", "p2"))
    Traceback (most recent call last):
    ...
    ValueError: p1 and p2 must have shapes that broadcast together (got (2,) and (3,))
    """
    try:
        a, b = np.broadcast_arrays(first, second)
    except ValueError:
        raise ValueError(
            f"{names[0]} and {names[1]} must have shapes that broadcast together "
            f"(got {first.shape} and {second.shape})"
        ) from None
    return a, b


def scalar_or_array(arr: NDArray[np.generic]) -> float | NDArray[np.generic]:
    """Return a Python float for a 0-d array, the array itself otherwise.

    Examples
    --------
    >>> scalar_or_array(np.asarray(0.5)), scalar_or_array(np.asarray([0.5]))
    (0.5, array([0.5]))
    """
    return float(arr) if np.ndim(arr) == 0 else arr


def check_study_counts(
    k: ArrayLike,
    n: ArrayLike,
    *,
    k_name: str = "k",
    n_name: str = "n",
    min_studies: int = 1,
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Check one count ``k`` out of ``n`` per study: two one-dimensional arrays of equal length.

    Unlike :func:`check_counts` nothing is broadcast: ``pool_prevalence([1, 2], [10])`` is a
    mistake, not two studies of 10.

    Parameters
    ----------
    k, n
        Cases and sample sizes, one per study (``0 <= k <= n``, ``n >= 1``).
    k_name, n_name
        The arguments' names, used in error messages.
    min_studies
        The least number of studies accepted.

    Returns
    -------
    tuple of numpy.ndarray
        ``k`` and ``n`` as one-dimensional int64 arrays.

    Raises
    ------
    TypeError
        If either is not numeric.
    ValueError
        If either is not one-dimensional, their lengths differ, there are fewer than
        ``min_studies`` studies, or a count is invalid (see :func:`check_counts`).

    Examples
    --------
    >>> check_study_counts([106, 73], [230, 222])
    (array([106,  73]), array([230, 222]))
    >>> check_study_counts([1, 2], [10])
    Traceback (most recent call last):
    ...
    ValueError: k and n must have one value per study and equal lengths, got 2 and 1 values
    """
    k_arr = check_count_array(k, k_name)
    n_arr = check_count_array(n, n_name)
    for arr, name in ((k_arr, k_name), (n_arr, n_name)):
        if arr.ndim != 1:
            raise ValueError(
                f"{name} must be one-dimensional (one value per study), got {arr.ndim}-d "
                f"input of shape {arr.shape}"
            )
    if k_arr.size != n_arr.size:
        raise ValueError(
            f"{k_name} and {n_name} must have one value per study and equal lengths, "
            f"got {k_arr.size} and {n_arr.size} values"
        )
    if k_arr.size < min_studies:
        raise ValueError(
            f"{k_name} and {n_name} must describe at least {min_studies} studies, "
            f"got {k_arr.size}"
        )
    return check_counts(k_arr, n_arr, k_name=k_name, n_name=n_name)


def refuse_booleans(value: object, name: str) -> None:
    """Raise if a list or tuple holds booleans: numpy would silently read ``True`` as 1.

    Examples
    --------
    >>> refuse_booleans([3, 4], "k")
    >>> refuse_booleans([True, 4], "k")
    Traceback (most recent call last):
    ...
    pctstats.core.errors.ArgumentTypeError: k must be numeric, got a boolean at k[0] (True)
    """
    if isinstance(value, list | tuple):
        for i, item in enumerate(value):
            if isinstance(item, bool | np.bool_):
                raise ArgumentTypeError(
                    f"{name} must be numeric, got a boolean at {name}[{i}] ({item!r})"
                )
