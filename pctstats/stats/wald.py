"""Wald-type intervals of a ratio on the log scale: the SE a printed CI implies, and centring.

A Wald interval of a ratio is symmetric on the log scale, ``exp(log(est) +/- z se)``, so its
width gives the standard error, ``se = (log(upper) - log(lower)) / (2 z)`` (metafor's
``conv.wald``), and its estimate is the geometric mean of its limits. The ``ratio_ci`` check and
:func:`pctstats.applied.ratio_table` both read a printed CI through these functions.

References
----------
.. [1] Viechtbauer, W. (2010). Conducting meta-analyses in R with the metafor package. *Journal of
   Statistical Software*, 36(3), 1–48. doi:10.18637/jss.v036.i03
.. [2] metafor reference manual, ``conv.wald``:
   https://search.r-project.org/CRAN/refmans/metafor/html/conv.wald.html

Examples
--------
>>> round(log_se_from_ci(1.02, 1.34), 4)
0.0696
>>> centred("4.5", "4.13", "4.87")
True
"""

from __future__ import annotations

import math

from scipy.stats import norm

from pctstats.core.reported import to_decimal
from pctstats.core.rounding import DEFAULT_ROUNDING
from pctstats.core.spans import Span, overlap, product, span, square

__all__ = ["DEFAULT_CI_LEVEL", "centred", "inside", "log_se_from_ci", "printed_level", "z_value"]

#: The level of a printed CI whose level is not printed.
DEFAULT_CI_LEVEL = 0.95


def printed_level(ci_level: str | None) -> float:
    """A printed CI level (``"95"``, per cent) as a proportion; 0.95 when none is printed.

    Examples
    --------
    >>> printed_level("90"), printed_level(None)
    (0.9, 0.95)
    """
    return float(to_decimal(ci_level) / 100) if ci_level else DEFAULT_CI_LEVEL


def z_value(level: float) -> float:
    """The two-sided standard normal quantile of a confidence level: 1.96 for 0.95.

    Examples
    --------
    >>> round(z_value(0.95), 4)
    1.96
    """
    return float(norm.ppf(1 - (1 - level) / 2))


def log_se_from_ci(lower: float, upper: float, level: float = DEFAULT_CI_LEVEL) -> float:
    """The standard error of a log ratio implied by its CI: ``(log upper - log lower) / (2 z)``.

    Parameters
    ----------
    lower, upper
        The CI limits of the ratio (not logged); a limit that is not positive gives NaN.
    level
        The CI's confidence level, a proportion.

    Returns
    -------
    float
        The standard error on the natural-log scale.

    References
    ----------
    metafor ``conv.wald``: https://search.r-project.org/CRAN/refmans/metafor/html/conv.wald.html

    Examples
    --------
    >>> round(log_se_from_ci(2.17, 2.81), 4), log_se_from_ci(0.0, 2.0)
    (0.0659, nan)
    """
    lo, hi = (math.log(x) if x > 0 else math.nan for x in (lower, upper))
    return (hi - lo) / (2 * z_value(level))


def centred(estimate: str, lower: str, upper: str, rounding: str = DEFAULT_ROUNDING) -> bool:
    """Tell whether a printed ratio can be the geometric mean of its printed CI limits.

    Parameters
    ----------
    estimate, lower, upper
        The ratio and its CI limits as printed, e.g. ``"2.53"``, ``"2.17"``, ``"2.81"``.
    rounding
        The rounding mode assumed for all three.

    Returns
    -------
    bool
        True when some true values inside the three rounding intervals satisfy
        ``log(est) = (log(lower) + log(upper)) / 2``. Because ``lower * upper`` increases in both
        limits, that holds exactly when the interval of ``est**2`` overlaps the interval of
        ``lower * upper`` (decided in exact decimals).

    References
    ----------
    metafor ``conv.wald(check=TRUE)``:
    https://search.r-project.org/CRAN/refmans/metafor/html/conv.wald.html

    Examples
    --------
    >>> centred("4.5", "4.13", "4.87"), centred("2.53", "2.17", "2.81")
    (True, False)
    """
    est, lo, hi = (span(v, rounding) for v in (estimate, lower, upper))
    return overlap(square(est), product(lo, hi))


def inside(estimate: str, lower: str, upper: str, rounding: str = DEFAULT_ROUNDING) -> bool:
    """Tell whether a printed ratio can lie within its printed CI (under ``rounding``).

    Examples
    --------
    >>> inside("1.3", "1.02", "1.34"), inside("1.5", "1.02", "1.34")
    (True, False)
    """
    est, lo, hi = (span(v, rounding) for v in (estimate, lower, upper))
    return overlap(est, Span(lo.low, hi.high, lo.low_inclusive, hi.high_inclusive))
