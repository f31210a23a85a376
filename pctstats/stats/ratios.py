"""Comparing two prevalences: odds ratios, risk ratios and differences, with intervals.

Two groups are described by a 2x2 table ``[[a, b], [c, d]]``: ``a`` cases and ``b`` non-cases in
group 1, ``c`` cases and ``d`` non-cases in group 2. The odds ratio is ``ad / bc`` (group 1 over
group 2), the risk ratio ``(a / (a + b)) / (c / (c + d))`` and the difference
``a / (a + b) - c / (c + d)``. Proportions are on the 0–1 scale.

One module per measure: :mod:`pctstats.stats.odds_ratio` (:func:`odds_ratio_ci`),
:mod:`pctstats.stats.risk_ratio` (:func:`risk_ratio_ci`), the difference here in
:func:`compare_prevalences`, which takes counts and sample sizes and dispatches to the three;
the methods and the result object are in :mod:`pctstats.stats.comparison`, and the ratios two
prevalences imply (and the prevalence a claimed ratio demands) in
:mod:`pctstats.stats.implied_ratios`. All are importable from here.

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

from types import MappingProxyType
from typing import Final

import numpy as np
from statsmodels.stats import proportion as sm_proportion

from pctstats.core.arguments import check_counts, check_level, check_method
from pctstats.stats.comparison import (
    COMPARISON_MEASURES,
    DEFAULT_METHODS,
    DIFFERENCE_METHODS,
    METHODS_OF,
    ODDS_RATIO_METHODS,
    RATIO_MEASURES,
    RISK_RATIO_METHODS,
    ComparisonResult,
)
from pctstats.stats.implied_ratios import (
    RequiredPrevalence,
    implied_odds_ratio,
    implied_risk_ratio,
    required_prevalence,
)
from pctstats.stats.odds_ratio import odds_ratio_ci
from pctstats.stats.risk_ratio import risk_ratio_ci

__all__ = [
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
    "risk_ratio_ci",
]

# No "score" (Miettinen-Nurminen) difference: statsmodels 0.15's restricted MLE for the
# difference has a wrong coefficient (statsmodels issue #10269), so its score interval is off.
_STATSMODELS_DIFF: Final = MappingProxyType(
    {"newcombe": "newcomb", "agresti_caffo": "agresti-caffo", "wald": "wald"}
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
    return ComparisonResult.of("difference", method, level, table, a / n1 - c / n2, (low, high),
                               "sample difference a/(a+b) - c/(c+d)")


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
    method = check_method(method, METHODS_OF[measure])
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

