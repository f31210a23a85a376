"""Confidence intervals for a prevalence (a binomial proportion).

Proportions are on the 0–1 scale throughout (``0.46``, not ``46``); a printed percentage enters
only through :func:`reported_ci`, as the string that was printed (``"5.1"``).

The default method is Wilson's score interval. The Wald interval is available for comparison
only and is never a default: its coverage is erratic and poor (Brown, Cai & DasGupta 2001).

The limits are computed in :mod:`pctstats.stats.proportion_limits` (numpy and the standard
library; scipy only for Jeffreys and Clopper–Pearson): Wilson, Agresti–Coull and Wald by the
formulas of statsmodels' ``proportion_confint``, Jeffreys by scipy's beta quantiles, with one
convention of pctstats' own (the Jeffreys boundary adjustment, below). Clopper–Pearson is solved
here: scipy's beta quantile is off by up to 1e-8 relative for n >= 10**7 (and by a factor of two
at k = 1000, n = 10**9), so pctstats solves the binomial tail equations itself, to 1e-15
relative at any n.

Conventions at the boundaries (``k = 0`` or ``k = n``)
-------------------------------------------------------
- ``clopper_pearson``: lower limit 0 at ``k = 0`` and upper limit 1 at ``k = n`` (statsmodels and
  R's ``binom.test`` agree).
- ``jeffreys``: the equal-tailed Beta(k + 1/2, n − k + 1/2) quantiles, with the boundary
  adjustment of Brown, Cai & DasGupta (2001, p. 108): lower limit 0 at ``k = 0`` and upper limit 1
  at ``k = n``, so the interval always contains the estimate. statsmodels and R's ``qbeta`` do not
  adjust; the two agree everywhere else.
- ``agresti_coull`` and ``wald``: clipped to [0, 1] (statsmodels' convention); the textbook
  formulas, as in R's ``epitools::binom.approx``, can leave [0, 1].
- ``wilson``: always inside [0, 1]; the limits at ``k = 0`` and ``k = n`` are set to exactly 0
  and 1 (the formula's value; floating point can leave a residue such as 2e-19).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from pctstats.core import names
from pctstats.core.arguments import check_counts, check_level, check_method
from pctstats.core.counts import nearest_counts, shares
from pctstats.core.display import Display, Displayable
from pctstats.core.reported import check_reported, to_decimal
from pctstats.core.rounding import DEFAULT_ROUNDING
from pctstats.stats.describe import describe_reported
from pctstats.stats.grim_consistency import grim_counts
from pctstats.stats.proportion_limits import (
    CI_COLUMNS,
    DEFAULT_LEVEL,
    DEFAULT_METHOD,
    PREVALENCE_METHODS,
    ci_rows,
)
from pctstats.stats.proportion_limits import limits as _limits
from pctstats.stats.results import (
    Interval,
)

__all__ = [
    "DEFAULT_LEVEL", "DEFAULT_METHOD", "PREVALENCE_METHODS",
    "ReportedInterval", "ci_table", "prevalence_ci", "reported_ci"
]



def prevalence_ci(
    k: ArrayLike,
    n: ArrayLike,
    method: str = DEFAULT_METHOD,
    level: float = DEFAULT_LEVEL,
) -> Interval:
    """Confidence interval for a prevalence ``k / n``.

    Parameters
    ----------
    k : int or array_like of int
        Number of people with the condition (``0 <= k <= n``).
    n : int or array_like of int
        Number of people asked (``n >= 1``). ``k`` and ``n`` broadcast together.
    method : {"wilson", "jeffreys", "agresti_coull", "clopper_pearson", "wald"}
        Interval method; see :data:`PREVALENCE_METHODS`. Wilson by default; ``"wald"`` is for
        comparison only.
    level : float
        Confidence level, strictly between 0 and 1 (``0.95``, not ``95``).

    Returns
    -------
    Interval
        ``(low, high)`` on the 0–1 scale, with ``.method`` and ``.level``. It unpacks like a pair:
        ``low, high = prevalence_ci(k, n)``. ``low`` and ``high`` are floats when ``k`` and ``n``
        are scalars, and arrays of their broadcast shape otherwise.

    Raises
    ------
    ValueError
        If a count is negative, fractional or NaN, if ``n <= 0`` or ``k > n``, if ``level`` is not
        in (0, 1), or if ``method`` is unknown (each message names the argument).
    TypeError
        If an argument has the wrong type (a string count, say).

    Notes
    -----
    The limits are computed by :func:`pctstats.stats.proportion_limits.limits` (the formulas of
    :func:`statsmodels.stats.proportion.proportion_confint`), except Clopper–Pearson's, which are
    solved there to 1e-15 relative accuracy at any ``n`` (checked
    against 50-digit references up to n = 10**9); see the module notes for the conventions at
    ``k = 0`` and ``k = n``. Counts of 2**62 or more are refused, never wrapped.

    References
    ----------
    .. [1] Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
       inference. *Journal of the American Statistical Association*, 22(158), 209–212.
    .. [2] Clopper, C. J., & Pearson, E. S. (1934). The use of confidence or fiducial limits
       illustrated in the case of the binomial. *Biometrika*, 26(4), 404–413.
    .. [3] Agresti, A., & Coull, B. A. (1998). Approximate is better than "exact" for interval
       estimation of binomial proportions. *The American Statistician*, 52(2), 119–126.
    .. [4] Brown, L. D., Cai, T. T., & DasGupta, A. (2001). Interval estimation for a binomial
       proportion. *Statistical Science*, 16(2), 101–133. (Jeffreys interval and its boundary
       adjustment, p. 108; the case against the Wald interval.)

    Examples
    --------
    >>> low, high = prevalence_ci(106, 230)
    >>> round(low, 4), round(high, 4)
    (0.3976, 0.5254)
    >>> ci = prevalence_ci(106, 230, method="jeffreys", level=0.9)
    >>> ci.method, ci.level, round(ci.low, 4)
    ('jeffreys', 0.9, 0.4074)
    >>> prevalence_ci([0, 12], 230).low.round(4)
    array([0.    , 0.0301])
    """
    method = check_method(method, PREVALENCE_METHODS)
    level = check_level(level)
    k_arr, n_arr = check_counts(k, n)
    low, high = _limits(k_arr, n_arr, method, level)
    return Interval(low=low, high=high, method=method, level=level)


def ci_table(
    k: ArrayLike,
    n: ArrayLike,
    level: float = DEFAULT_LEVEL,
    methods: str | tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """Every interval method side by side for the same count(s).

    Parameters
    ----------
    k, n : int or array_like of int
        Count(s) and sample size(s), as for :func:`prevalence_ci`.
    level : float
        Confidence level, strictly between 0 and 1.
    methods : str or tuple of str, optional
        Method(s) to show, in order; all of :data:`PREVALENCE_METHODS` by default.

    Returns
    -------
    pandas.DataFrame
        One row per count and method (counts in input order, methods within each count), with
        columns ``k``, ``n``, ``estimate``, ``method``, ``level``, ``low``, ``high``, ``width`` and
        ``note`` (the method's one-line description, which flags Wald as "for comparison only").

    References
    ----------
    .. [1] Brown, L. D., Cai, T. T., & DasGupta, A. (2001). Interval estimation for a binomial
       proportion. *Statistical Science*, 16(2), 101–133.

    Examples
    --------
    >>> table = ci_table(106, 230)
    >>> table[["method", "low", "high"]].round(4)
                method     low    high
    0           wilson  0.3976  0.5254
    1         jeffreys  0.3973  0.5254
    2    agresti_coull  0.3976  0.5254
    3  clopper_pearson  0.3952  0.5276
    4             wald  0.3964  0.5253
    """
    return pd.DataFrame(ci_rows(k, n, level=level, methods=methods), columns=list(CI_COLUMNS))


@dataclass(frozen=True, eq=False, repr=False)
class ReportedInterval(Displayable):
    """The interval behind a printed percentage whose count is not printed.

    Attributes
    ----------
    value : str
        The percentage as printed (``"5.1"``).
    n : int
        The sample size the percentage is of.
    counts : range
        Every count ``k`` whose ``100 k / n`` rounds to ``value`` under ``rounding`` (GRIM), as an
        inclusive range (they are contiguous): ``counts[0]`` to ``counts[-1]``; empty when none
        does. ``list(counts)`` lists them.
    consistent : bool
        Whether any count is consistent with ``value`` and ``n``.
    ci : Interval
        The envelope: the smallest lower limit and the largest upper limit over the intervals of
        all consistent counts (0–1 scale), which are those of the least and the greatest count.
        NaN limits when no count is consistent.
    method : str
        Interval method.
    level : float
        Confidence level.
    rounding : str
        The rounding rule the GRIM test assumed.
    message : str
        One human sentence: the counts and the interval, or, when no count is consistent, that
        no count is and which counts are nearest.

    Examples
    --------
    >>> import pctstats
    >>> estimate = pctstats.load().estimates["maczkowiack2019-lifetime"]
    >>> res = reported_ci(estimate.value, estimate.n)
    >>> res.value, res.n, res.proportion, res.counts[0], res.counts[-1], len(res.counts)
    ('41', 1208, 0.41, 490, 501, 12)
    >>> round(res.ci.low, 3), round(res.ci.high, 3), res.method, res.rounding
    (0.378, 0.443, 'wilson', 'up_or_down')

    Each consistent count's own interval (``lows[i]``, ``highs[i]`` for ``counts[i]``):

    >>> res = reported_ci("46", 230)
    >>> [round(x, 4) for x in res.lows], [round(x, 4) for x in res.highs]
    ([0.3934, 0.3976], [0.5211, 0.5254])
    """

    value: str
    n: int
    counts: range
    consistent: bool
    ci: Interval
    method: str
    level: float
    rounding: str
    message: str

    @property
    def proportion(self) -> float:
        """The printed percentage as a proportion (``"5.1"`` -> 0.051)."""
        return float(to_decimal(self.value) / 100)

    @property
    def lows(self) -> tuple[float, ...]:
        """The lower limit of each count's interval, in the order of ``counts`` (computed now)."""
        return tuple(float(x) for x in self._per_count()[0])

    @property
    def highs(self) -> tuple[float, ...]:
        """The upper limit of each count's interval, in the order of ``counts`` (computed now)."""
        return tuple(float(x) for x in self._per_count()[1])

    def _per_count(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        k = np.arange(self.counts.start, self.counts.stop, dtype=np.int64)
        return _limits(k, np.full_like(k, self.n), self.method, self.level)
    def _display_(self) -> Display:
        return describe_reported(self)

    def to_frame(self) -> pd.DataFrame:
        """One row: the printed value, ``n``, the counts' range and the envelope interval.

        Examples
        --------
        >>> reported_ci("46", 230).to_frame()[["value", "k_min", "k_max", "consistent"]]
          value  k_min  k_max  consistent
        0    46    105    106        True
        """
        return pd.DataFrame(
            {
                names.VALUE: [self.value],
                names.N: [self.n],
                names.ESTIMATE: [self.proportion],
                names.CONSISTENT: [self.consistent],
                names.N_COUNTS: [len(self.counts)],
                names.K_MIN: pd.array([self.counts[0] if self.counts else None], dtype="Int64"),
                names.K_MAX: pd.array([self.counts[-1] if self.counts else None], dtype="Int64"),
                names.METHOD: [self.method],
                names.LEVEL: [self.level],
                names.LOW: [self.ci.low],
                names.HIGH: [self.ci.high],
                names.ROUNDING: [self.rounding],
                names.MESSAGE: [self.message],
            }
        )

    def per_count_frame(self) -> pd.DataFrame:
        """One row per consistent count with its own interval (no rows when none is consistent).

        Examples
        --------
        >>> reported_ci("46", 230).per_count_frame()[["k", "low", "high"]].round(4)
             k     low    high
        0  105  0.3934  0.5211
        1  106  0.3976  0.5254
        """
        k = np.arange(self.counts.start, self.counts.stop, dtype=np.int64)
        low, high = self._per_count()
        return pd.DataFrame(
            {
                names.K: k,
                names.N: self.n,
                names.ESTIMATE: k / self.n,
                names.METHOD: self.method,
                names.LEVEL: self.level,
                names.LOW: low,
                names.HIGH: high,
            }
        )


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def reported_ci(
    value: str,
    n: int,
    method: str = DEFAULT_METHOD,
    level: float = DEFAULT_LEVEL,
    rounding: str = DEFAULT_ROUNDING,
) -> ReportedInterval:
    """Confidence interval for a printed percentage whose count was not printed.

    The counts ``k`` out of ``n`` that round to the printed percentage are found by the GRIM test
    (:func:`pctstats.stats.grim_consistency.grim_counts`); the interval returned is the envelope
    of their intervals (the smallest lower and the largest upper limit), so it covers every count
    the paper could have had. Every method's limits are non-decreasing in ``k``, so the envelope is
    the lower limit of the least count and the upper limit of the greatest: two intervals are
    computed, however many counts there are. When no count is consistent, nothing is raised: the result says so
    (``consistent=False``, no counts, NaN limits and a ``message``).

    Parameters
    ----------
    value : str
        The percentage exactly as printed, e.g. ``"5.1"`` (a string: trailing zeros carry
        precision).
    n : int
        The sample size the percentage is of.
    method : str
        Interval method, as for :func:`prevalence_ci`; Wilson by default.
    level : float
        Confidence level, strictly between 0 and 1.
    rounding : str
        Rounding rule assumed for the printed value, passed to
        :func:`pctstats.stats.grim_consistency.grim_counts` (``"up_or_down"`` by default: round half up or half
        down).

    Returns
    -------
    ReportedInterval
        With ``counts``, ``consistent``, ``ci`` (an :class:`~pctstats.stats.results.Interval`),
        ``method``, ``level``, ``rounding`` and ``message``.

    Raises
    ------
    TypeError
        If ``value`` is not a string.
    ValueError
        If ``value`` is not a printed decimal, or ``n``, ``method`` or ``level`` is invalid.

    References
    ----------
    .. [1] Brown, N. J. L., & Heathers, J. A. J. (2017). The GRIM test: A simple technique
       detects numerous anomalies in the reporting of results in psychology. *Social
       Psychological and Personality Science*, 8(4), 363–369.
    .. [2] Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
       inference. *Journal of the American Statistical Association*, 22(158), 209–212.

    Examples
    --------
    >>> res = reported_ci("46", 230)
    >>> res.counts, res.consistent
    (range(105, 107), True)
    >>> low, high = res.ci
    >>> round(low, 4), round(high, 4)
    (0.3934, 0.5254)
    >>> print(res.message)
    46% of n = 230 is consistent with k = 105 or 106 under rounding 'up_or_down'; the 95% wilson interval covering every such count is 39.3% to 52.5%.
    >>> res = reported_ci("5.1", 230)
    >>> res.consistent, len(res.counts)
    (False, 0)
    >>> print(res.message)
    No count out of n = 230 gives 5.1% under rounding 'up_or_down' (nearest: 11/230 = 4.78%, 12/230 = 5.22%).
    """  # noqa: E501
    check_reported(value, "value")
    method = check_method(method, PREVALENCE_METHODS)
    level = check_level(level)
    n_arr = check_counts(0, n, k_name="k")[1]
    if n_arr.ndim != 0:
        raise TypeError(f"n must be a single sample size, got an array of shape {n_arr.shape}")
    n_int = int(n_arr)
    counts = grim_counts(value, n_int, percent=True, rounding=rounding)
    if counts:
        # Every method's limits are non-decreasing in k (Wald and Agresti-Coull after clipping to
        # [0, 1]), so the envelope over all counts is given by the two extreme counts alone.
        extremes = np.array([counts[0], counts[-1]], dtype=np.int64)
        low, high = _limits(extremes, np.full_like(extremes, n_int), method, level)
        ci = Interval(float(low.min()), float(high.max()), method=method, level=level)
        if len(counts) == 1:
            count_text = f"k = {counts[0]}"
        elif len(counts) == 2:
            count_text = f"k = {counts[0]} or {counts[1]}"
        else:
            count_text = f"k = {counts[0]} to {counts[-1]}"
        message = (
            f"{value}% of n = {n_int} is consistent with {count_text} under rounding "
            f"{rounding!r}; the {100 * level:g}% {method} interval covering every such count is "
            f"{_pct(ci.low)} to {_pct(ci.high)}."
        )
    else:
        nan = float("nan")
        ci = Interval(nan, nan, method=method, level=level)
        near_text = shares(nearest_counts(value, n_int), n_int)
        message = f"No count out of n = {n_int} gives {value}% under rounding {rounding!r}" + (
            f" (nearest: {near_text})." if near_text else "."
        )
    return ReportedInterval(
        value=value,
        n=n_int,
        counts=counts,
        consistent=bool(counts),
        ci=ci,
        method=method,
        level=level,
        rounding=rounding,
        message=message,
    )
