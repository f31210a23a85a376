"""The risk (prevalence) ratio of two groups with its interval: score (Miettinen–Nurminen), Katz.

``"katz"`` delegates to :class:`statsmodels.stats.contingency_tables.Table2x2`
(``riskratio_confint(method="normal")``, as ``epitools::riskratio.wald``). ``"score"`` uses the
statistic of statsmodels' score test
(:func:`statsmodels.stats.proportion.test_proportions_2indep`), computed here without
cancellation and inverted by root finding (statsmodels' closed-form inversion is wrong when a
prevalence is 1, and its restricted estimate loses digits from n = 10**6 and is NaN from
n = 5 * 10**7; pctstats agrees with 50-digit references to 1e-13 up to n = 10**9). Zero cells:
see :mod:`pctstats.stats.ratios`.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, localcontext

import numpy as np
from scipy import stats
from scipy.optimize import brentq
from statsmodels.stats.contingency_tables import Table2x2

from pctstats.core.arguments import check_level, check_method
from pctstats.stats.comparison import (
    DEFAULT_METHODS,
    RISK_RATIO_METHODS,
    ZERO_CELL_NOTE,
    ComparisonResult,
    check_table,
)

__all__ = ["risk_ratio_ci"]


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
    a, b, c, d : int
        The 2x2 table, as for :func:`~pctstats.stats.odds_ratio.odds_ratio_ci`.
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
    table = check_table(a, b, c, d)
    (a, b), (c, d) = table
    n1, n2 = a + b, c + d
    note = ZERO_CELL_NOTE if 0 in (a, b, c, d) else ""
    estimator = "sample risk ratio (a/(a+b)) / (c/(c+d))"
    if a == 0 and c == 0:
        return ComparisonResult.of(
            "risk_ratio", method, level, table, float("nan"), (0.0, np.inf), estimator,
            "no cases in either group: the table has no information about the ratio",
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
    return ComparisonResult.of("risk_ratio", method, level, table, float(estimate), (low, high),
                               estimator, note)
