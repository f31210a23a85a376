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
from decimal import Decimal
from typing import NamedTuple

from scipy.stats import norm

from pctstats.core.reported import to_decimal
from pctstats.core.rounding import DEFAULT_ROUNDING
from pctstats.core.spans import Span, overlap, product, span, square

__all__ = [
    "DEFAULT_CI_LEVEL", "CentreReading", "best_centre_offset", "centre_offset", "centred",
    "inside", "log_se_from_ci", "printed_level", "z_value",
]

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


def centre_offset(estimate: float, lower: float, upper: float) -> float:
    """The centre offset metafor computes for a ratio ``estimate`` in its CI ``lower``..``upper``.

    ``|(log upper + log lower) / 2 - log est| / (log upper - log lower)``.

    It is the estimate's distance from the log-scale midpoint of its CI as a share of the CI's log
    width (``conv.wald(check=TRUE)`` flags more than 0.1). NaN when a number is not positive or
    the CI has no width.

    Examples
    --------
    >>> round(centre_offset(1.4, 1.0, 2.4), 3)
    0.116
    """
    if min(estimate, lower, upper) <= 0 or upper <= lower:
        return math.nan
    est, lo, hi = math.log(estimate), math.log(lower), math.log(upper)
    return abs((hi + lo) / 2 - est) / (hi - lo)


class CentreReading(NamedTuple):
    """A reading of a printed ratio and CI within their rounding, and its centre offset.

    Examples
    --------
    >>> reading = best_centre_offset("1.4", "1.0", "2.4")
    >>> reading.estimate, reading.lower, reading.upper, round(reading.offset, 3)
    (Decimal('1.45'), Decimal('0.95'), Decimal('2.35'), 0.033)
    """

    estimate: Decimal
    lower: Decimal
    upper: Decimal
    offset: float


def best_centre_offset(
    estimate: str, lower: str, upper: str, rounding: str = DEFAULT_ROUNDING
) -> CentreReading | None:
    """The reading of a printed ratio and CI (within rounding) nearest to the log-scale centre.

    Every printed number stands for an interval of true values; this finds the true estimate,
    lower and upper limit inside those intervals whose metafor centre offset
    (:func:`centre_offset`) is least, so that a tolerance is applied to the most favourable
    reading, never to the printed digits alone ("1.4 (1.0–2.4)" is off by 11.6% as printed, by
    3.3% read as 1.45 (0.95–2.35)).

    With ``a``, ``b`` the logs of the limits and ``x`` that of the estimate, the offset is
    ``|(a + b)/2 - x| / (b - a)``. When the midpoint ``(a + b)/2`` can reach the estimate's
    interval the least offset is 0 (see :func:`centred`). When every midpoint lies above it, the
    offset grows with ``a`` and with ``b`` (its partial derivatives are ``((b - a)/2 + m - x) /
    (b - a)^2`` and ``(x - a) / (b - a)^2``, both positive while the estimate is above the lower
    limit), so the least is at the lowest limits and the highest estimate; symmetrically when
    every midpoint lies below. So two corners of the box decide.

    Parameters
    ----------
    estimate, lower, upper
        The ratio and its CI limits as printed.
    rounding
        The rounding mode assumed for all three.

    Returns
    -------
    CentreReading or None
        The reading with the least offset (its ends are the ends of the rounding intervals, the
        interval edges taken as attainable), or None when no reading has positive limits and a
        positive width.

    Examples
    --------
    >>> reading = best_centre_offset("1.3", "1.02", "1.34")
    >>> str(reading.estimate), str(reading.lower), str(reading.upper), round(reading.offset, 3)
    ('1.25', '1.025', '1.345', 0.23)
    """
    est, lo, hi = (span(v, rounding) for v in (estimate, lower, upper))
    best: CentreReading | None = None
    for low_end, high_end in ((lo.low, hi.low), (lo.high, hi.high)):
        if low_end <= 0 or high_end <= low_end:
            continue
        mid = Decimal(math.exp((math.log(low_end) + math.log(high_end)) / 2))
        x = min(max(mid, est.low), est.high)
        if x <= 0:
            continue
        reading = CentreReading(x, low_end, high_end, centre_offset(x, low_end, high_end))
        if best is None or reading.offset < best.offset:
            best = reading
    return best
