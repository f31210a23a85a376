"""The odds ratio of two groups with its confidence interval: mid-p, conditional (Fisher), Woolf.

``"woolf"`` delegates to :class:`statsmodels.stats.contingency_tables.Table2x2`
(``oddsratio_confint(method="normal")``, as ``epitools::oddsratio.wald``); the exact intervals,
``"conditional"`` and ``"midp"``, are solved in :mod:`pctstats.stats.exact_odds_ratio`. Zero cells
follow epitools (no continuity correction): see :mod:`pctstats.stats.ratios`.
"""

from __future__ import annotations

from typing import Final

import numpy as np
from statsmodels.stats.contingency_tables import Table2x2

from pctstats.core.arguments import check_level, check_method
from pctstats.stats.comparison import (
    DEFAULT_METHODS,
    ODDS_RATIO_METHODS,
    ZERO_CELL_NOTE,
    ComparisonResult,
    check_table,
)
from pctstats.stats.exact_odds_ratio import exact_odds_ratio

__all__ = ["odds_ratio_ci"]

_NO_INFORMATION: Final = (
    "no cases or no non-cases in either group: the table has no information about the ratio"
)


def _sample_odds_ratio(a: int, b: int, c: int, d: int) -> float:
    num, den = a * d, b * c
    if den == 0:
        return float("nan") if num == 0 else float("inf")
    return num / den


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
    table = check_table(a, b, c, d)
    (a, b), (c, d) = table
    note = ZERO_CELL_NOTE if 0 in (a, b, c, d) else ""

    if a + c == 0 or b + d == 0:
        return ComparisonResult.of("odds_ratio", method, level, table, float("nan"), (0.0, np.inf),
                                   "none (no information)", _NO_INFORMATION)

    if method == "conditional":
        estimate, low, high = exact_odds_ratio(a, b, c, d, level, mid=False)
        estimator = "conditional maximum likelihood estimate"
    elif method == "midp":
        estimate, low, high = exact_odds_ratio(a, b, c, d, level, mid=True)
        estimator = "median-unbiased estimate"
    else:  # woolf
        estimator = "sample odds ratio ad/bc"
        estimate = _sample_odds_ratio(a, b, c, d)
        if note:
            # Infinite log-scale standard error: the limit of the Wald interval is (0, inf).
            low, high = 0.0, np.inf
        else:
            t = Table2x2(np.array(table), shift_zeros=False)
            low, high = (float(x) for x in t.oddsratio_confint(alpha=1.0 - level, method="normal"))
    return ComparisonResult.of("odds_ratio", method, level, table, float(estimate), (low, high),
                               estimator, note)
