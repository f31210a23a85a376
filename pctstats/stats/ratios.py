"""Comparing two prevalences: odds ratios, risk ratios and differences, with intervals.

Two groups are described by a 2x2 table ``[[a, b], [c, d]]``: ``a`` cases and ``b`` non-cases in
group 1, ``c`` cases and ``d`` non-cases in group 2. The odds ratio is ``ad / bc`` (group 1 over
group 2), the risk ratio ``(a / (a + b)) / (c / (c + d))`` and the difference
``a / (a + b) - c / (c + d)``. Proportions are on the 0–1 scale.

Where the method exists in scipy or statsmodels, pctstats delegates to it:

- odds ratio ``"woolf"``: :class:`statsmodels.stats.contingency_tables.Table2x2`
  (``oddsratio_confint(method="normal")``, as ``epitools::oddsratio.wald``);
- risk ratio ``"katz"``: ``Table2x2.riskratio_confint(method="normal")``, as
  ``epitools::riskratio.wald``;
- risk ratio ``"score"``: the statistic of statsmodels' score test
  (:func:`statsmodels.stats.proportion.test_proportions_2indep`), computed here without
  cancellation and inverted by root finding (statsmodels' closed-form inversion is wrong when a
  prevalence is 1, and its restricted estimate loses digits from n = 10**6 and is NaN from
  n = 5 * 10**7; pctstats agrees with 50-digit references to 1e-13 up to n = 10**9);
- every difference method: :func:`statsmodels.stats.proportion.confint_proportions_2indep`
  (Newcombe, Agresti–Caffo, Wald; not its score interval, see ``DIFFERENCE_METHODS``).

The exact odds-ratio intervals, ``"conditional"`` (Fisher's limits and the conditional maximum
likelihood estimate, as R's ``fisher.test``) and ``"midp"`` (mid-p limits and the
median-unbiased estimate, as ``epitools::oddsratio.midp``), are solved in
:mod:`pctstats.stats.exact_odds_ratio` to machine precision in milliseconds (about 1 ms at
10,000 per cell, 10 ms at 100,000). R solves them with ``uniroot``'s default tolerance and is off
by up to 1e-3 relative: for 7/93 against 2/98 the conditional upper limit is 37.0568, where
``fisher.test`` prints 37.0939. scipy's ``odds_ratio(kind="conditional")`` agrees to ~1e-11 and
takes seconds for large tables.

Zero cells
----------
pctstats follows epitools: no continuity correction is ever added. A zero cell gives an odds
ratio of 0 (``a = 0`` or ``d = 0``) or infinity (``b = 0`` or ``c = 0``):

- ``"conditional"`` and ``"midp"``: the lower limit is 0 when the estimate is 0 and the upper
  limit is infinite when it is infinite; the other limit is finite. (``epitools::oddsratio.midp``
  stops with an error from ``uniroot`` here; pctstats returns the limit the equations give.)
- ``"woolf"`` and ``"katz"``: the log-scale standard error is infinite, so the interval is
  ``(0, inf)``: it carries no information. (epitools prints ``NaN`` for the limit that is
  ``inf - inf``; pctstats reports the limit, 0 or infinity.)
- risk ratio ``"score"``: the lower limit is 0 when ``a = 0`` and the upper limit infinite when
  ``c = 0``; the other limit is finite.
- A table with no cases at all or no non-cases at all (a zero column) has no information about
  the ratio: the estimate is NaN and the interval ``(0, inf)`` (scipy's convention).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, localcontext
from types import MappingProxyType
from typing import Final

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from scipy import stats
from scipy.optimize import brentq
from statsmodels.stats import proportion as sm_proportion
from statsmodels.stats.contingency_tables import Table2x2

from pctstats.core import names
from pctstats.core.arguments import (
    broadcast_together,
    check_cell,
    check_counts,
    check_level,
    check_method,
    check_proportion_array,
    check_ratio_array,
    scalar_or_array,
)
from pctstats.core.display import Display, Displayable
from pctstats.stats.exact_odds_ratio import exact_odds_ratio
from pctstats.stats.results import (
    COL_ESTIMATE,
    COL_ESTIMATOR,
    COL_HIGH,
    COL_LEVEL,
    COL_LOW,
    COL_MEASURE,
    COL_METHOD,
    COL_NOTE,
    Interval,
)

__all__ = [
    "COL_A",
    "COL_B",
    "COL_C",
    "COL_D",
    "COL_P1",
    "COL_P2",
    "COL_POSSIBLE",
    "COL_P_REFERENCE",
    "COL_RATIO",
    "COL_VALUE",
    "COMPARISON_MEASURES",
    "DEFAULT_METHODS",
    "DIFFERENCE_METHODS",
    "ODDS_RATIO_METHODS",
    "RATIO_MEASURES",
    "RISK_RATIO_METHODS",
    "ComparisonResult",
    "RequiredPrevalence",
    "compare_prevalences",
    "implied_odds_ratio",
    "implied_risk_ratio",
    "odds_ratio_ci",
    "required_prevalence",
    "risk_ratio_ci"
]

#: Odds-ratio interval methods, each with a one-line meaning.
ODDS_RATIO_METHODS: Final = MappingProxyType(
    {
        "midp": "mid-p exact interval with the median-unbiased estimate (epitools' default)",
        "conditional": "exact (Fisher) interval with the conditional maximum likelihood estimate",
        "woolf": "Woolf's log-odds-ratio Wald interval around ad/bc; for comparison only",
    }
)

#: Risk-ratio interval methods.
RISK_RATIO_METHODS: Final = MappingProxyType(
    {
        "score": "Miettinen-Nurminen score interval",
        "katz": "Katz log risk-ratio Wald interval; for comparison only",
    }
)

#: Methods for the difference of two proportions.
DIFFERENCE_METHODS: Final = MappingProxyType(
    {
        "newcombe": "Newcombe's hybrid score interval (from two Wilson intervals)",
        "agresti_caffo": "Agresti-Caffo interval (add one success and one failure per group)",
        "wald": "Wald interval; for comparison only",
    }
)

#: Measures :func:`compare_prevalences` can compute.
COMPARISON_MEASURES: Final = MappingProxyType(
    {
        "odds_ratio": "odds ratio, group 1 over group 2",
        "risk_ratio": "risk (prevalence) ratio, group 1 over group 2",
        "difference": "difference of prevalences, group 1 minus group 2",
    }
)

#: The default method of each measure (never a Wald interval).
DEFAULT_METHODS: Final = MappingProxyType(
    {"odds_ratio": "midp", "risk_ratio": "score", "difference": "newcombe"}
)

#: Ratio measures :func:`required_prevalence` accepts.
RATIO_MEASURES: Final = MappingProxyType(
    {
        "odds_ratio": COMPARISON_MEASURES["odds_ratio"],
        "risk_ratio": COMPARISON_MEASURES["risk_ratio"],
    }
)

_METHODS_OF: Final = MappingProxyType(
    {
        "odds_ratio": ODDS_RATIO_METHODS,
        "risk_ratio": RISK_RATIO_METHODS,
        "difference": DIFFERENCE_METHODS,
    }
)

# No "score" (Miettinen-Nurminen) difference: statsmodels 0.15's restricted MLE for the
# difference has a wrong coefficient (statsmodels issue #10269), so its score interval is off.
_STATSMODELS_DIFF: Final = MappingProxyType(
    {"newcombe": "newcomb", "agresti_caffo": "agresti-caffo", "wald": "wald"}
)

COL_A: Final = names.CELL_A
COL_B: Final = names.CELL_B
COL_C: Final = names.CELL_C
COL_D: Final = names.CELL_D
COL_P1: Final = names.P1
COL_P2: Final = names.P2
COL_P_REFERENCE: Final = names.P_REFERENCE
COL_RATIO: Final = names.RATIO
COL_VALUE: Final = names.VALUE
COL_POSSIBLE: Final = names.POSSIBLE

_NO_INFORMATION: Final = (
    "no cases or no non-cases in either group: the table has no information about the ratio"
)
_ZERO_CELL: Final = "a zero cell: no continuity correction is added (epitools' convention)"


@dataclass(frozen=True, eq=False, repr=False)
class ComparisonResult(Displayable):
    """An odds ratio, risk ratio or difference of two prevalences with its interval.

    Attributes
    ----------
    measure : str
        ``"odds_ratio"``, ``"risk_ratio"`` or ``"difference"``.
    method : str
        The interval method.
    level : float
        The confidence level.
    estimate : float
        The point estimate; which estimator is in ``estimator``.
    ci : Interval
        ``(low, high)``, carrying ``method`` and ``level``.
    estimator : str
        What ``estimate`` is (e.g. the sample odds ratio ad/bc, the conditional MLE, or the
        median-unbiased estimate).
    table : tuple
        The 2x2 table ``((a, b), (c, d))``: group 1's cases and non-cases, then group 2's.
    note : str
        A caveat (zero cells, no information), or ``""``.

    Examples
    --------
    S1's women (106 of 230) against S3's men (495 of 1208):

    >>> res = compare_prevalences(106, 230, 495, 1208, measure="odds_ratio")
    >>> res.measure, res.method, res.estimator
    ('odds_ratio', 'midp', 'median-unbiased estimate')
    >>> round(res.estimate, 3), round(res.ci.low, 3), round(res.ci.high, 3)
    (1.231, 0.926, 1.635)
    >>> res.table, round(res.p1, 3), round(res.p2, 3)
    (((106, 124), (495, 713)), 0.461, 0.41)
    """

    measure: str
    method: str
    level: float
    estimate: float
    ci: Interval
    estimator: str
    table: tuple[tuple[int, int], tuple[int, int]]
    note: str = ""

    def _display_(self) -> Display:
        from pctstats.stats.describe import describe_comparison

        return describe_comparison(self)

    @property
    def p1(self) -> float:
        """Group 1's prevalence ``a / (a + b)``."""
        (a, b), _ = self.table
        return a / (a + b)

    @property
    def p2(self) -> float:
        """Group 2's prevalence ``c / (c + d)``."""
        _, (c, d) = self.table
        return c / (c + d)

    def to_frame(self) -> pd.DataFrame:
        """One row: measure, method, level, estimate, interval, the table and the note.

        Examples
        --------
        >>> res = odds_ratio_ci(106, 124, 495, 713, method="woolf")
        >>> res.to_frame()[["measure", "method", "estimate", "low", "high"]].round(4)
              measure method  estimate     low    high
        0  odds_ratio  woolf    1.2313  0.9274  1.6349
        """
        (a, b), (c, d) = self.table
        return pd.DataFrame(
            {
                COL_MEASURE: [self.measure],
                COL_METHOD: [self.method],
                COL_LEVEL: [self.level],
                COL_ESTIMATE: [self.estimate],
                COL_ESTIMATOR: [self.estimator],
                COL_LOW: [self.ci.low],
                COL_HIGH: [self.ci.high],
                COL_A: [a],
                COL_B: [b],
                COL_C: [c],
                COL_D: [d],
                COL_P1: [self.p1],
                COL_P2: [self.p2],
                COL_NOTE: [self.note],
            }
        )


def _check_table(a: object, b: object, c: object, d: object) -> tuple[int, int, int, int]:
    cells = (
        check_cell(a, "a"),
        check_cell(b, "b"),
        check_cell(c, "c"),
        check_cell(d, "d"),
    )
    if cells[0] + cells[1] == 0:
        raise ValueError("a + b must be positive: group 1 has no members")
    if cells[2] + cells[3] == 0:
        raise ValueError("c + d must be positive: group 2 has no members")
    return cells


def _sample_odds_ratio(a: int, b: int, c: int, d: int) -> float:
    num, den = a * d, b * c
    if den == 0:
        return float("nan") if num == 0 else float("inf")
    return num / den


def _find_root(func: Callable[[float], float], start: float) -> float:
    """Root of a monotone ``func`` of log(odds ratio), bracketed by widening steps from start.

    Returns -inf or inf when the root lies beyond ``|log OR| = 700`` (an odds ratio beyond
    ~1e304).
    """
    f0 = func(start)
    if f0 == 0:
        return start
    step = 1.0
    lo = hi = start
    while True:
        lo, hi = start - step, start + step
        f_lo, f_hi = func(lo), func(hi)
        if np.sign(f_lo) != np.sign(f0):
            return float(brentq(func, lo, start, xtol=1e-13, rtol=1e-14, maxiter=500))
        if np.sign(f_hi) != np.sign(f0):
            return float(brentq(func, start, hi, xtol=1e-13, rtol=1e-14, maxiter=500))
        if step > 700:
            return -np.inf if abs(f_lo) < abs(f_hi) else np.inf
        step *= 2.0


def odds_ratio_ci(
    a: int,
    b: int,
    c: int,
    d: int,
    method: str = DEFAULT_METHODS["odds_ratio"],
    level: float = 0.95,
) -> ComparisonResult:
    """Odds ratio ``ad / bc`` of group 1 over group 2, with a confidence interval.

    Parameters
    ----------
    a, b : int
        Cases and non-cases in group 1.
    c, d : int
        Cases and non-cases in group 2.
    method : {"midp", "conditional", "woolf"}
        ``"midp"`` (default, as ``epitools::oddsratio``): mid-p exact interval and the
        median-unbiased estimate. ``"conditional"``: Fisher's exact interval and the conditional
        maximum likelihood estimate (as R's ``fisher.test``, which is accurate to ~1e-4 only:
        for 7/93 vs 2/98 its upper limit prints as 37.0939; the exact value is 37.0568).
        ``"woolf"``: the sample odds ratio with Woolf's Wald interval on the log scale, for
        comparison only.
    level : float
        Confidence level, strictly between 0 and 1.

    Returns
    -------
    ComparisonResult
        ``estimate``, ``ci`` (an :class:`~pctstats.stats.results.Interval`), ``method``, ``level``,
        ``estimator`` and ``note``.

    Raises
    ------
    ValueError
        If a cell is negative, fractional or NaN, a group is empty, ``level`` is not in (0, 1)
        or ``method`` is unknown.

    Notes
    -----
    The three methods estimate different things when the table is small: the sample odds ratio
    (Woolf), the conditional MLE and the median-unbiased estimate differ, and all three
    converge for large counts. For zero cells see the module notes: no continuity correction is
    added (epitools' convention).

    References
    ----------
    .. [1] Woolf, B. (1955). On estimating the relation between blood group and disease.
       *Annals of Human Genetics*, 19(4), 251–253.
    .. [2] Fisher, R. A. (1935). The logic of inductive inference. *Journal of the Royal
       Statistical Society*, 98(1), 39–82. (Conditional odds ratio; see scipy's
       ``odds_ratio``.)
    .. [3] Lancaster, H. O. (1961). Significance tests in discrete distributions. *Journal of
       the American Statistical Association*, 56(294), 223–234. (The mid-p value.)
    .. [4] Rothman, K. J., Greenland, S., & Lash, T. L. (2008). *Modern Epidemiology* (3rd ed.).
       Lippincott Williams & Wilkins. (Mid-p exact limits and the median-unbiased estimate.)
    .. [5] Aragón, T. J. epitools: Epidemiology Tools. R package, ``oddsratio.midp`` and
       ``or.midp``.

    Examples
    --------
    Women in S1 (46% of 230 taken as 106) against men in S3 (41% of 1208 taken as 495):

    >>> res = odds_ratio_ci(106, 124, 495, 713, method="woolf")
    >>> round(res.estimate, 4), [round(x, 4) for x in res.ci]
    (1.2313, [0.9274, 1.6349])
    >>> res = odds_ratio_ci(106, 124, 495, 713)
    >>> res.method, round(res.estimate, 4), [round(x, 4) for x in res.ci]
    ('midp', 1.2313, [0.9262, 1.6348])
    >>> odds_ratio_ci(0, 15, 10, 20, method="conditional").ci.low
    0.0
    """
    method = check_method(method, ODDS_RATIO_METHODS)
    level = check_level(level)
    a, b, c, d = _check_table(a, b, c, d)
    table = ((a, b), (c, d))
    sample = _sample_odds_ratio(a, b, c, d)
    note = _ZERO_CELL if 0 in (a, b, c, d) else ""

    if a + c == 0 or b + d == 0:
        return ComparisonResult(
            measure="odds_ratio",
            method=method,
            level=level,
            estimate=float("nan"),
            ci=Interval(0.0, np.inf, method=method, level=level),
            estimator="none (no information)",
            table=table,
            note=_NO_INFORMATION,
        )

    if method == "conditional":
        estimate, low, high = exact_odds_ratio(a, b, c, d, level, mid=False)
        estimator = "conditional maximum likelihood estimate"
    elif method == "midp":
        estimate, low, high = exact_odds_ratio(a, b, c, d, level, mid=True)
        estimator = "median-unbiased estimate"
    else:  # woolf
        estimator = "sample odds ratio ad/bc"
        estimate = sample
        if note:
            # Infinite log-scale standard error: the limit of the Wald interval is (0, inf).
            low, high = 0.0, np.inf
        else:
            t = Table2x2(np.array(table), shift_zeros=False)
            low, high = (float(x) for x in t.oddsratio_confint(alpha=1.0 - level, method="normal"))
    return ComparisonResult(
        measure="odds_ratio",
        method=method,
        level=level,
        estimate=float(estimate),
        ci=Interval(low, high, method=method, level=level),
        estimator=estimator,
        table=table,
        note=note,
    )


def _score_statistic(a: int, n1: int, c: int, n2: int, theta: float) -> float:
    """Miettinen-Nurminen score statistic for the risk ratio ``theta`` (decreasing in theta).

    ``(a/n1 - theta c/n2) / sqrt(V)`` with ``V = (p1(1 - p1)/n1 + theta^2 p2(1 - p2)/n2) N/(N - 1)``
    at the restricted maximum-likelihood estimates ``p1 = theta p2`` (Miettinen & Nurminen 1985),
    ``N = n1 + n2``. ``p2`` is the smaller root of ``A p^2 + B p + C = 0`` with ``A = N theta``,
    ``B = -(n1 theta + a + n2 + c theta)``, ``C = a + c``, written as ``2C / (-B + sqrt(B^2 -
    4AC))`` so that no two nearly equal numbers are subtracted, and computed in 80-digit decimal
    arithmetic from the exact integers and the exact binary value of ``theta``: at n = 10**8 the
    discriminant is 10**-8 of ``B^2``, and statsmodels' float formula loses digits from n = 10**6
    on and returns NaN from n = 5 * 10**7. Hand-written for that reason; the statistic is that of
    ``statsmodels.stats.proportion.test_proportions_2indep(compare="ratio", method="score",
    correction=True)``, with which it agrees wherever the float formula is accurate.
    """
    with localcontext() as ctx:
        ctx.prec = 80
        t = Decimal(theta)
        total = n1 + n2
        b = -(n1 * t + a + n2 + c * t)
        cases = Decimal(a + c)
        disc = max(b * b - 4 * total * t * cases, Decimal(0))
        p2 = 2 * cases / (-b + disc.sqrt()) if cases else Decimal(0)
        p1 = t * p2
        num = Decimal(a) / n1 - t * c / n2
        var = (p1 * (1 - p1) / n1 + t * t * p2 * (1 - p2) / n2) * total / (total - 1)
        if var <= 0:  # everyone (or no one) is a case and theta fits: 0/0, whose limit is 0
            return 0.0 if num == 0 else float(np.copysign(np.inf, float(num)))
        return float(num / var.sqrt())


def _score_risk_ratio(a: int, n1: int, c: int, n2: int, level: float) -> tuple[float, float]:
    """Miettinen-Nurminen score limits of the risk ratio, by root finding on log(ratio).

    statsmodels' ``confint_proportions_2indep(compare="ratio", method="score")`` inverts the test
    in closed form, and in statsmodels 0.15 that inversion returns wrong (even complex) limits
    when a group's prevalence is 1 (``b = 0`` or ``d = 0``); its score test itself loses digits
    at large n (see :func:`_score_statistic`). So pctstats solves ``statistic(theta) = +-z`` on
    log(theta) with the statistic of :func:`_score_statistic`.
    """
    z = float(stats.norm.isf((1.0 - level) / 2.0))

    def statistic(log_theta: float) -> float:
        return _score_statistic(a, n1, c, n2, float(np.exp(log_theta)))

    # a finite starting point near the estimate, even when a or c is 0
    start = float(np.log(((a + 0.5) / (n1 + 0.5)) / ((c + 0.5) / (n2 + 0.5))))
    low = 0.0 if a == 0 else float(np.exp(_find_root(lambda t: statistic(t) - z, start)))
    high = np.inf if c == 0 else float(np.exp(_find_root(lambda t: statistic(t) + z, start)))
    return low, high


def risk_ratio_ci(
    a: int,
    b: int,
    c: int,
    d: int,
    method: str = DEFAULT_METHODS["risk_ratio"],
    level: float = 0.95,
) -> ComparisonResult:
    """Risk (prevalence) ratio ``(a / (a + b)) / (c / (c + d))`` with a confidence interval.

    Parameters
    ----------
    a, b : int
        Cases and non-cases in group 1.
    c, d : int
        Cases and non-cases in group 2.
    method : {"score", "katz"}
        ``"score"`` (default): Miettinen–Nurminen score interval, the inversion of statsmodels'
        ``test_proportions_2indep(compare="ratio", method="score", correction=True)``.
        ``"katz"``: Wald interval on the log scale, for comparison only (as
        ``epitools::riskratio.wald``).
    level : float
        Confidence level, strictly between 0 and 1.

    Returns
    -------
    ComparisonResult
        The estimate is always the sample risk ratio.

    References
    ----------
    .. [1] Katz, D., Baptista, J., Azen, S. P., & Pike, M. C. (1978). Obtaining confidence
       intervals for the risk ratio in cohort studies. *Biometrics*, 34(3), 469–474.
    .. [2] Miettinen, O., & Nurminen, M. (1985). Comparative analysis of two rates. *Statistics
       in Medicine*, 4(2), 213–226.
    .. [3] Koopman, P. A. R. (1984). Confidence intervals for the ratio of two binomial
       proportions. *Biometrics*, 40(2), 513–517.

    Examples
    --------
    >>> res = risk_ratio_ci(106, 124, 495, 713, method="katz")
    >>> round(res.estimate, 4), [round(x, 4) for x in res.ci]
    (1.1247, [0.9629, 1.3137])
    >>> risk_ratio_ci(106, 124, 495, 713).method
    'score'
    """
    method = check_method(method, RISK_RATIO_METHODS)
    level = check_level(level)
    a, b, c, d = _check_table(a, b, c, d)
    table = ((a, b), (c, d))
    n1, n2 = a + b, c + d
    note = _ZERO_CELL if 0 in (a, b, c, d) else ""
    estimator = "sample risk ratio (a/(a+b)) / (c/(c+d))"
    if a == 0 and c == 0:
        return ComparisonResult(
            measure="risk_ratio",
            method=method,
            level=level,
            estimate=float("nan"),
            ci=Interval(0.0, np.inf, method=method, level=level),
            estimator=estimator,
            table=table,
            note="no cases in either group: the table has no information about the ratio",
        )
    estimate = np.inf if c == 0 else (a / n1) / (c / n2)
    if method == "katz":
        if a == 0 or c == 0:
            # Infinite log-scale standard error: the limit of the Wald interval is (0, inf).
            low, high = 0.0, np.inf
        else:
            t = Table2x2(np.array(table), shift_zeros=False)
            low, high = (float(x) for x in t.riskratio_confint(alpha=1.0 - level, method="normal"))
    else:
        low, high = _score_risk_ratio(a, n1, c, n2, level)
    return ComparisonResult(
        measure="risk_ratio",
        method=method,
        level=level,
        estimate=float(estimate),
        ci=Interval(low, high, method=method, level=level),
        estimator=estimator,
        table=table,
        note=note,
    )


def _difference_ci(a: int, b: int, c: int, d: int, method: str, level: float) -> ComparisonResult:
    n1, n2 = a + b, c + d
    table = ((a, b), (c, d))
    with np.errstate(divide="ignore", invalid="ignore"):
        low, high = sm_proportion.confint_proportions_2indep(
            a,
            n1,
            c,
            n2,
            method=_STATSMODELS_DIFF[method],
            compare="diff",
            alpha=1.0 - level,
        )
    return ComparisonResult(
        measure="difference",
        method=method,
        level=level,
        estimate=a / n1 - c / n2,
        ci=Interval(low, high, method=method, level=level),
        estimator="sample difference a/(a+b) - c/(c+d)",
        table=table,
    )


def compare_prevalences(
    k1: int,
    n1: int,
    k2: int,
    n2: int,
    measure: str = "odds_ratio",
    method: str | None = None,
    level: float = 0.95,
) -> ComparisonResult:
    """Compare prevalence ``k1 / n1`` (group 1) with ``k2 / n2`` (group 2).

    Parameters
    ----------
    k1, n1 : int
        Cases and sample size of group 1.
    k2, n2 : int
        Cases and sample size of group 2 (the reference).
    measure : {"odds_ratio", "risk_ratio", "difference"}
        What to compare; group 1 over (or minus) group 2.
    method : str, optional
        Interval method for the measure: see :data:`ODDS_RATIO_METHODS`,
        :data:`RISK_RATIO_METHODS` and :data:`DIFFERENCE_METHODS`. By default
        :data:`DEFAULT_METHODS`: ``"midp"``, ``"score"`` and ``"newcombe"``.
    level : float
        Confidence level, strictly between 0 and 1.

    Returns
    -------
    ComparisonResult

    Notes
    -----
    The odds ratio and risk ratio are computed by :func:`odds_ratio_ci` and
    :func:`risk_ratio_ci` on the table ``[[k1, n1 - k1], [k2, n2 - k2]]``; the difference by
    statsmodels' ``confint_proportions_2indep``. There is no score interval for the difference:
    statsmodels 0.15's Miettinen–Nurminen restricted estimate for it is wrong (its issue
    #10269). Comparing two separate samples says nothing
    about why they differ: sampling frame, wording and time all vary with the group.

    References
    ----------
    .. [1] Newcombe, R. G. (1998). Interval estimation for the difference between independent
       proportions: comparison of eleven methods. *Statistics in Medicine*, 17(8), 873–890.
    .. [2] Agresti, A., & Caffo, B. (2000). Simple and effective confidence intervals for
       proportions and differences of proportions result from adding two successes and two
       failures. *The American Statistician*, 54(4), 280–288.

    Examples
    --------
    >>> res = compare_prevalences(106, 230, 495, 1208, measure="difference")
    >>> res.method, round(res.estimate, 4), [round(x, 4) for x in res.ci]
    ('newcombe', 0.0511, [-0.0181, 0.1212])
    >>> compare_prevalences(106, 230, 495, 1208, measure="risk_ratio").method
    'score'
    """
    measure = check_method(measure, COMPARISON_MEASURES, name="measure")
    if method is None:
        method = DEFAULT_METHODS[measure]
    method = check_method(method, _METHODS_OF[measure])
    level = check_level(level)
    k1_arr, n1_arr = check_counts(k1, n1, k_name="k1", n_name="n1")
    k2_arr, n2_arr = check_counts(k2, n2, k_name="k2", n_name="n2")
    for arr, name in ((k1_arr, "k1"), (n1_arr, "n1"), (k2_arr, "k2"), (n2_arr, "n2")):
        if arr.ndim != 0:
            raise TypeError(f"{name} must be a single count, got an array of shape {arr.shape}")
    a, b = int(k1_arr), int(n1_arr - k1_arr)
    c, d = int(k2_arr), int(n2_arr - k2_arr)
    if measure == "odds_ratio":
        return odds_ratio_ci(a, b, c, d, method=method, level=level)
    if measure == "risk_ratio":
        return risk_ratio_ci(a, b, c, d, method=method, level=level)
    return _difference_ci(a, b, c, d, method, level)


def implied_odds_ratio(p1: ArrayLike, p2: ArrayLike) -> float | NDArray[np.float64]:
    """The odds ratio two prevalences imply: ``(p1 / (1 - p1)) / (p2 / (1 - p2))``.

    Parameters
    ----------
    p1, p2 : float or array_like
        Prevalences on the 0–1 scale (group 1, group 2); they broadcast together.

    Returns
    -------
    float or numpy.ndarray
        Infinite where ``p1 = 1`` or ``p2 = 0`` (and ``p1 > 0``), 0 where ``p1 = 0`` (and
        ``p2 > 0``), NaN where both are degenerate in the same direction.

    Examples
    --------
    >>> round(implied_odds_ratio(0.46, 0.41), 4)
    1.2258
    >>> implied_odds_ratio([0.46, 0.5], 0.41).round(3)
    array([1.226, 1.439])
    """
    p1_arr = check_proportion_array(p1, "p1")
    p2_arr = check_proportion_array(p2, "p2")
    p1_arr, p2_arr = broadcast_together(p1_arr, p2_arr, ("p1", "p2"))
    with np.errstate(divide="ignore", invalid="ignore"):
        result = (p1_arr * (1 - p2_arr)) / (p2_arr * (1 - p1_arr))
    return scalar_or_array(result)


def implied_risk_ratio(p1: ArrayLike, p2: ArrayLike) -> float | NDArray[np.float64]:
    """The risk ratio two prevalences imply: ``p1 / p2``.

    Parameters
    ----------
    p1, p2 : float or array_like
        Prevalences on the 0–1 scale (group 1, group 2); they broadcast together.

    Returns
    -------
    float or numpy.ndarray
        Infinite where ``p2 = 0 < p1``; NaN where both are 0.

    Examples
    --------
    >>> round(implied_risk_ratio(0.46, 0.41), 4)
    1.122
    """
    p1_arr = check_proportion_array(p1, "p1")
    p2_arr = check_proportion_array(p2, "p2")
    p1_arr, p2_arr = broadcast_together(p1_arr, p2_arr, ("p1", "p2"))
    with np.errstate(divide="ignore", invalid="ignore"):
        result = p1_arr / p2_arr
    return scalar_or_array(result)


@dataclass(frozen=True, eq=False)
class RequiredPrevalence:
    """The prevalence group 1 would need for a claimed ratio, and whether it can exist.

    Attributes
    ----------
    value : float or numpy.ndarray
        The required prevalence of group 1 (0–1 scale). For a risk ratio it can exceed 1.
    possible : bool or numpy.ndarray of bool
        ``value <= 1``: whether a prevalence can be that high. Always true for an odds ratio.
    p_reference : float or numpy.ndarray
        Group 2's prevalence.
    ratio : float or numpy.ndarray
        The claimed ratio.
    measure : str
        ``"odds_ratio"`` or ``"risk_ratio"``.

    Examples
    --------
    >>> res = required_prevalence(0.41, 2.87, measure="risk_ratio")
    >>> round(res.value, 4), res.possible, res.p_reference, res.ratio, res.measure
    (1.1767, False, 0.41, 2.87, 'risk_ratio')
    >>> required_prevalence(0.41, [1.5, 2.87], measure="risk_ratio").possible.tolist()
    [True, False]
    """

    value: float | NDArray[np.float64]
    possible: bool | NDArray[np.bool_]
    p_reference: float | NDArray[np.float64]
    ratio: float | NDArray[np.float64]
    measure: str

    def to_frame(self) -> pd.DataFrame:
        """One row per (p_reference, ratio) pair.

        Examples
        --------
        >>> required_prevalence(0.41, [1.5, 2.87], measure="risk_ratio").to_frame()
           p_reference  ratio     measure   value  possible
        0         0.41   1.50  risk_ratio  0.6150      True
        1         0.41   2.87  risk_ratio  1.1767     False
        """
        value = np.atleast_1d(np.asarray(self.value, dtype=np.float64))
        p_ref, ratio = np.broadcast_arrays(np.asarray(self.p_reference), np.asarray(self.ratio))
        return pd.DataFrame(
            {
                COL_P_REFERENCE: np.atleast_1d(p_ref).ravel(),
                COL_RATIO: np.atleast_1d(ratio).ravel(),
                COL_MEASURE: self.measure,
                COL_VALUE: value.ravel(),
                COL_POSSIBLE: np.atleast_1d(np.asarray(self.possible)).ravel(),
            }
        )


def required_prevalence(
    p_reference: ArrayLike, ratio: ArrayLike, measure: str = "odds_ratio"
) -> RequiredPrevalence:
    """The prevalence group 1 needs for ``ratio`` (group 1 over group 2) given group 2's.

    Parameters
    ----------
    p_reference : float or array_like
        Group 2's prevalence, on the 0–1 scale.
    ratio : float or array_like
        The claimed odds ratio or risk ratio (positive); broadcasts with ``p_reference``.
    measure : {"odds_ratio", "risk_ratio"}
        What kind of ratio ``ratio`` is.

    Returns
    -------
    RequiredPrevalence
        ``value`` is ``ratio * p / (1 - p + ratio * p)`` for an odds ratio (always within
        [0, 1]) and ``ratio * p`` for a risk ratio. A risk ratio can demand more than 100%: the
        value is then returned as it is (> 1) and ``possible`` is False, so an impossible claim is
        never silently clipped.

    Examples
    --------
    "Women are 2.87 times more likely" with men at 41%:

    >>> res = required_prevalence(0.41, 2.87, measure="risk_ratio")
    >>> round(res.value, 4), res.possible
    (1.1767, False)
    >>> res = required_prevalence(0.41, 2.87, measure="odds_ratio")
    >>> round(res.value, 4), res.possible
    (0.666, True)
    """
    measure = check_method(measure, RATIO_MEASURES, name="measure")
    p_arr = check_proportion_array(p_reference, "p_reference")
    r_arr = check_ratio_array(ratio, "ratio")
    try:
        p_b, r_b = np.broadcast_arrays(p_arr, r_arr)
    except ValueError as exc:
        raise ValueError(
            f"p_reference and ratio must have shapes that broadcast together "
            f"(got {p_arr.shape} and {r_arr.shape})"
        ) from exc
    if measure == "odds_ratio":
        value = r_b * p_b / (1 - p_b + r_b * p_b)
    else:
        value = r_b * p_b
    possible = value <= 1.0
    return RequiredPrevalence(
        value=scalar_or_array(value),
        possible=bool(possible) if possible.ndim == 0 else possible,
        p_reference=scalar_or_array(p_b),
        ratio=scalar_or_array(r_b),
        measure=measure,
    )
