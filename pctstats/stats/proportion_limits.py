"""Confidence limits for a binomial proportion, in numpy and the standard library.

The arithmetic behind :func:`pctstats.stats.intervals.prevalence_ci`, kept apart so that
``pctstats ci`` answers at once: this module imports neither pandas nor statsmodels, and scipy
only for the two methods that need a beta quantile or the binomial tail (Jeffreys and
Clopper–Pearson), when they are used.

The closed-form methods (Wilson, Agresti–Coull, Wald) are the textbook formulas, written in the
same order of operations as statsmodels' ``proportion_confint`` (which pctstats used before and
against which ``tests/test_proportion_limits.py`` checks them). Their normal quantile comes from the
standard library's :meth:`statistics.NormalDist.inv_cdf` (Wichura's algorithm AS 241, accurate to
about 1e-16 relative, that is to double precision; scipy's ``norm.isf`` can differ from it in the
last one or two bits).

References
----------
Wichura, M. J. (1988). Algorithm AS 241: The percentage points of the normal distribution.
*Applied Statistics*, 37(3), 477–484.
"""

from __future__ import annotations

from collections.abc import Callable
from statistics import NormalDist
from types import MappingProxyType, ModuleType
from typing import Any, Final

import numpy as np
from numpy.typing import ArrayLike, NDArray

from pctstats.core import names
from pctstats.core.arguments import check_counts, check_level, check_method

__all__ = [
    "CI_COLUMNS", "DEFAULT_LEVEL", "DEFAULT_METHOD", "PREVALENCE_METHODS", "ci_rows", "limits"
]

#: Interval methods for one proportion, each with a one-line meaning.
PREVALENCE_METHODS: Final = MappingProxyType(
    {
        "wilson": "Wilson score interval (the default)",
        "jeffreys": "Jeffreys equal-tailed interval, Beta(k + 1/2, n - k + 1/2) quantiles, "
        "with Brown, Cai & DasGupta's boundary adjustment",
        "agresti_coull": "Agresti-Coull interval (add z^2/2 successes and failures), "
        "clipped to [0, 1]",
        "clopper_pearson": "Clopper-Pearson 'exact' interval (beta quantiles); conservative",
        "wald": "Wald (normal approximation) interval, clipped to [0, 1]; for comparison only",
    }
)

#: The method used when none is named.
DEFAULT_METHOD: Final = "wilson"
#: The confidence level used when none is named.
DEFAULT_LEVEL: Final = 0.95


#: The columns of :func:`ci_rows` (and of ``ci_table``), in order.
CI_COLUMNS: Final = (
    names.K, names.N, names.ESTIMATE, names.METHOD, names.LEVEL, names.LOW, names.HIGH,
    names.WIDTH, names.NOTE,
)


def _special() -> ModuleType:
    """scipy.special, imported when first needed (Jeffreys, Clopper–Pearson), never before."""
    from scipy import special

    return special


def _z(level: float) -> float:
    """The two-sided normal quantile ``z`` with ``P(|Z| <= z) = level``.

    statsmodels' ``norm.isf(alpha / 2)``, here from the standard library (AS 241, exact to
    double precision, so no scipy import).
    """
    return -NormalDist().inv_cdf((1.0 - level) / 2.0)


def _closed_form(
    k: NDArray[np.int64], n: NDArray[np.int64], method: str, level: float
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Wilson, Agresti–Coull and Wald limits, clipped to [0, 1].

    In statsmodels' order of operations (Wilson 1927; Agresti & Coull 1998).
    """
    crit = _z(level)
    nf = n.astype(np.float64)
    q = k / nf
    if method == "wilson":
        crit2 = crit**2
        denom = 1 + crit2 / nf
        center = (q + crit2 / (2 * nf)) / denom
        dist = crit * np.sqrt(q * (1.0 - q) / nf + crit2 / (4.0 * nf**2))
        dist /= denom
    elif method == "agresti_coull":
        nobs_c = nf + crit**2
        center = (k + crit**2 / 2.0) / nobs_c
        dist = crit * np.sqrt(center * (1.0 - center) / nobs_c)
    else:  # wald
        center = q
        dist = crit * np.sqrt(q * (1 - q) / nf)
    return np.clip(center - dist, 0, 1), np.clip(center + dist, 0, 1)


# At most this many successes out of at least _LARGE_N, P(X <= k) is summed term by term for the
# Clopper-Pearson upper limit (see `_binomial_cdf_small`). There n * p stays below about 400, so
# the first term exp(-n p) does not underflow and the running product of ratios (up to about
# exp(n p)) does not overflow; elsewhere scipy's tail is accurate.
_SMALL_K: Final = 300
_LARGE_N: Final = 100_000


def _binomial_cdf_small(k: int, n: float, p: float) -> float:
    """``P(X <= k)`` for ``X ~ Binomial(n, p)`` and small ``k``, summed term by term.

    Written here because scipy's regularized incomplete beta (``betaincc``), on which its
    binomial CDF rests, loses up to 1e-11 relative accuracy when ``k`` is small and ``n`` huge
    (k = 1, n = 10**9), exactly where a large survey's rare outcome lies. The first term,
    ``(1 - p)**n``, is ``exp(n * log1p(-p))``, accurate to a few ulps; each next term is the
    previous one times ``(n - j) / (j + 1) * p / (1 - p)``.
    """
    j = np.arange(k, dtype=np.float64)
    ratios = (n - j) / (j + 1.0) * (p / (1.0 - p))
    first = np.exp(n * np.log1p(-p))
    return float(first * (1.0 + np.cumprod(ratios).sum()))


def _beta_density(x: float, a: float, b: float) -> float:
    """The Beta(a, b) density at ``x``, from logs (only its order of magnitude matters here)."""
    log_density = (a - 1.0) * np.log(x) + (b - 1.0) * np.log1p(-x) - _special().betaln(a, b)
    return float(np.exp(log_density))


def _solve_increasing(
    f: Callable[[float], float], slope: Callable[[float], float], start: float
) -> float:
    """The root in (0, 1) of an increasing ``f``: Newton steps kept inside a shrinking bracket.

    Hand-written (the classic safeguarded Newton, "rtsafe"): scipy's root finders either need a
    bracket we do not have or have no derivative. A Newton step that would leave the bracket is
    replaced by bisection (on the log scale once the bracket is away from 0), so the iteration
    always converges, even from a poor start (scipy's ``betaincinv(1000, 10**9 - 999, 0.025)``
    is 1.90e-6; the root is 9.39e-7).
    """
    lo, hi = 0.0, 1.0
    x = min(max(start, 1e-300), 1.0 - 1e-16) if np.isfinite(start) else 0.5
    for _ in range(400):
        with np.errstate(over="ignore"):
            value = f(x)
        if np.isnan(value):
            raise ArithmeticError(f"the binomial tail is NaN at {x!r}")  # never seen; refuse
        if value == 0.0:
            return x
        if value > 0.0:
            hi = x
        else:
            lo = x
        with np.errstate(over="ignore"):
            derivative = slope(x)
        candidate = x - value / derivative if 0.0 < derivative < np.inf else np.nan
        if not (np.isfinite(candidate) and lo < candidate < hi):
            candidate = float(np.sqrt(lo * hi)) if lo > 0.0 else hi / 16.0
            if candidate <= lo:
                candidate = (lo + hi) / 2.0
        if abs(candidate - x) <= 1e-15 * x or hi - lo <= 4e-16 * hi:
            return candidate
        x = candidate
    return x


def _clopper_pearson(
    k: NDArray[np.int64], n: NDArray[np.int64], level: float
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Clopper-Pearson limits to about 1e-15 relative accuracy at any ``n``.

    The limits solve ``P(X >= k | L) = alpha / 2`` and ``P(X <= k | U) = alpha / 2``, that is
    ``I_L(k, n - k + 1) = alpha / 2`` and ``1 - I_U(k + 1, n - k) = alpha / 2`` (Clopper & Pearson
    1934). scipy's beta quantile (``betaincinv``, used by statsmodels) is off by up to 1e-8
    relative for n >= 10**7, and by a factor of two at k = 1000, n = 10**9; it is only the
    starting point of a safeguarded Newton iteration on the binomial tail itself (``betainc`` /
    ``betaincc``, or the term-by-term sum for small ``k``), with the beta density as derivative
    (checked against 50-digit references up to n = 10**9 in ``tests/results/exact_large_n.csv``).
    """
    half = (1.0 - level) / 2.0
    special = _special()
    low = np.zeros(k.shape)
    high = np.ones(k.shape)
    for index in np.ndindex(k.shape):
        kk, nn = int(k[index]), int(n[index])
        if kk > 0:
            a, b = float(kk), float(nn - kk + 1)
            low[index] = _solve_increasing(
                lambda x, a=a, b=b: float(special.betainc(a, b, x)) - half,
                lambda x, a=a, b=b: _beta_density(x, a, b),
                float(special.betaincinv(a, b, half)),
            )
        if kk < nn:
            a, b = float(kk + 1), float(nn - kk)
            if kk <= _SMALL_K and nn >= _LARGE_N:

                def below(
                    x: float, kk: int = kk, nn: int = nn, a: float = a, b: float = b
                ) -> float:
                    if nn * x > 500.0:  # far above the root: the sum's terms would overflow
                        return float(special.betaincc(a, b, x))
                    return _binomial_cdf_small(kk, float(nn), x)  # P(X <= k | x)
            else:

                def below(x: float, a: float = a, b: float = b) -> float:
                    return float(special.betaincc(a, b, x))

            high[index] = _solve_increasing(
                lambda x, below=below: half - below(x),
                lambda x, a=a, b=b: _beta_density(x, a, b),
                float(special.betaincinv(a, b, 1.0 - half)),
            )
    return low, high


def limits(
    k: NDArray[np.int64], n: NDArray[np.int64], method: str, level: float
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Interval limits for checked arrays ``k`` and ``n`` of one shape (no argument checking).

    Parameters
    ----------
    k, n
        Counts and sample sizes, int64 arrays of one shape with ``0 <= k <= n`` and ``n >= 1``
        (as :func:`pctstats.core.arguments.check_counts` returns them).
    method
        A key of :data:`PREVALENCE_METHODS`.
    level
        The confidence level, strictly between 0 and 1.

    Returns
    -------
    tuple of numpy.ndarray
        The lower and upper limits, of the shape of ``k``.

    References
    ----------
    Brown, L. D., Cai, T. T., & DasGupta, A. (2001). Interval estimation for a binomial
    proportion. *Statistical Science*, 16(2), 101–133.

    Examples
    --------
    >>> low, high = limits(np.array([106]), np.array([230]), "wilson", 0.95)
    >>> low.round(4), high.round(4)
    (array([0.3976]), array([0.5254]))
    """
    if method == "clopper_pearson":
        return _clopper_pearson(k, n, level)
    if method == "jeffreys":
        special = _special()
        half = (1.0 - level) / 2.0
        a, b = k + 0.5, n - k + 0.5
        low = np.asarray(special.betaincinv(a, b, half), dtype=np.float64)
        high = np.asarray(special.betainccinv(a, b, half), dtype=np.float64)
    else:
        low, high = _closed_form(k, n, method, level)
    low, high = low.reshape(k.shape), high.reshape(k.shape)
    if method in ("jeffreys", "wilson"):
        # Jeffreys: Brown, Cai & DasGupta's (2001, p. 108) boundary adjustment. Wilson: its
        # limits there are exactly 0 and 1; the formula can leave a rounding residue such as
        # 2e-19.
        low = np.where(k == 0, 0.0, low)
        high = np.where(k == n, 1.0, high)
    return low, high


def ci_rows(
    k: ArrayLike,
    n: ArrayLike,
    level: float = DEFAULT_LEVEL,
    methods: str | tuple[str, ...] | None = None,
) -> list[dict[str, Any]]:
    """Every interval method side by side for the same count(s), as plain rows (no pandas).

    The rows of :func:`pctstats.stats.intervals.ci_table`, which makes its data frame of them.

    Parameters
    ----------
    k, n, level, methods
        As for :func:`pctstats.stats.intervals.ci_table`.

    Returns
    -------
    list of dict
        One row per count and method (counts in input order, methods within each count), with
        the keys ``k``, ``n``, ``estimate``, ``method``, ``level``, ``low``, ``high``, ``width``
        and ``note`` (the method's one-line description).

    Raises
    ------
    ValueError, TypeError
        As :func:`pctstats.stats.intervals.prevalence_ci` does, or if ``methods`` is empty.

    Examples
    --------
    >>> [(row["method"], round(row["low"], 4)) for row in ci_rows(106, 230)][:2]
    [('wilson', 0.3976), ('jeffreys', 0.3973)]
    """
    level = check_level(level)
    if methods is None:
        chosen = tuple(PREVALENCE_METHODS)
    elif isinstance(methods, str):
        chosen = (methods,)
    else:
        chosen = tuple(methods)
    if not chosen:
        raise ValueError("methods must name at least one method")
    for m in chosen:
        check_method(m, PREVALENCE_METHODS, name="methods")
    k_arr, n_arr = check_counts(k, n)
    k_flat, n_flat = k_arr.ravel(), n_arr.ravel()
    computed = {m: limits(k_flat, n_flat, m, level) for m in chosen}
    estimates = k_flat / n_flat
    rows = []
    for i in range(k_flat.size):
        for m in chosen:
            low, high = computed[m][0][i], computed[m][1][i]
            cells = (
                int(k_flat[i]), int(n_flat[i]), float(estimates[i]), m, level, float(low),
                float(high), float(high - low), PREVALENCE_METHODS[m],
            )
            rows.append(dict(zip(CI_COLUMNS, cells, strict=True)))
    return rows
