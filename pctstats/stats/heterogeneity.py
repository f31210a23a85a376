"""The between-study variance τ² of a random-effects model, solved exactly, and its Q-profile CI.

Given study estimates ``yi`` with sampling variances ``vi``, the random-effects model has
weights ``w_i = 1 / (v_i + τ²)`` and pooled mean ``μ̂(τ²) = Σ w_i y_i / Σ w_i``. The estimators
of τ² here are each defined by one equation in τ², and each is solved by a bracketing
root-finder (:func:`scipy.optimize.brentq`) on an interval whose ends are proven to bracket every
root (the bounds are derived in the functions' comments). Nothing iterates from a starting value
and nothing falls back to a default: an estimate that cannot be computed raises
:class:`ValueError` with the reason.

- ``"DL"`` DerSimonian–Laird: closed form, truncated at 0.
- ``"PM"`` Paule–Mandel: the root of ``Q(τ²) = Σ w_i (y_i - μ̂)² = k - 1``; ``Q`` decreases in
  τ², so the root is unique; τ² = 0 exactly when ``Q(0) <= k - 1``.
- ``"REML"`` and ``"ML"``: the maximiser over τ² >= 0 of the (restricted) likelihood, i.e. a root
  of its score equation or 0. The score can have more than one root; every sign change on a
  dense grid over the bracket is solved and the root with the highest likelihood is taken.

Why hand-written rather than statsmodels' ``combine_effects``: statsmodels' Paule–Mandel
iteration overshoots and stops with ``converged=False`` on about one heterogeneous data set in
seven, and ``combine_effects`` drops the flag (the result is then τ² = 0 although the root is
positive); statsmodels has no REML/ML for this model, no Q-profile interval and no modified
Knapp–Hartung interval.

metafor (``rma``) solves PM with a default tolerance of 1e-5 on τ² (``control = list(tol)``) and
REML/ML by Fisher scoring with the same default threshold (``control = list(threshold)``), so its
τ² agree with these to about 1e-5 only: for S1–S3 (106/230, 73/222, 495/1208) its default REML τ²
is 0.0540815 where the root is 0.0540804; with ``threshold = 1e-12`` it agrees to 1e-14.
"""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType
from typing import Final

import numpy as np
from numpy.typing import NDArray
from scipy import stats
from scipy.optimize import brentq

__all__ = [
    "TAU2_METHODS", "estimate_tau2", "generalised_q", "tau2_dl", "tau2_ml", "tau2_pm",
    "tau2_qprofile_ci", "tau2_reml"
]

#: Estimators of the between-study variance τ².
TAU2_METHODS: Final = MappingProxyType(
    {
        "DL": "DerSimonian-Laird method-of-moments estimator (truncated at 0)",
        "PM": "Paule-Mandel estimator (root of the generalised Q equation)",
        "REML": "restricted maximum likelihood (metafor's default)",
        "ML": "maximum likelihood",
    }
)

# brentq: relative tolerance as tight as scipy allows; the absolute one only matters for a
# root at (or within 1e-300 of) zero.
_RTOL: Final = 4 * np.finfo(float).eps
_XTOL: Final = 1e-300
# Points of the grid on which the (RE)ML score's sign changes are looked for.
_GRID_POINTS: Final = 256
# Largest grid x studies block evaluated at once (memory bound).
_BLOCK: Final = 2_000_000


def _check_inputs(yi: NDArray[np.float64], vi: NDArray[np.float64]) -> None:
    if yi.ndim != 1 or vi.shape != yi.shape:
        raise ValueError(
            f"yi and vi must be one-dimensional and of equal length, got shapes "
            f"{yi.shape} and {vi.shape}"
        )
    if yi.size < 2:
        raise ValueError(f"at least 2 studies are needed to estimate tau2, got {yi.size}")
    if not np.isfinite(yi).all():
        raise ValueError("yi must be finite (no NaN or infinite study estimates)")
    if not (np.isfinite(vi).all() and (vi > 0).all()):
        raise ValueError("vi must be positive and finite (sampling variances)")


def _weighted_mean(yi: NDArray[np.float64], w: NDArray[np.float64]) -> float:
    return float((w * yi).sum() / w.sum())


def generalised_q(tau2: float, yi: NDArray[np.float64], vi: NDArray[np.float64]) -> float:
    """The generalised Q statistic ``Σ w_i (y_i - μ̂)²`` with ``w_i = 1 / (v_i + τ²)``.

    It decreases in τ² (Viechtbauer 2007); at τ² = 0 it is Cochran's Q.

    Parameters
    ----------
    tau2 : float
        Between-study variance (>= 0).
    yi, vi : numpy.ndarray
        Study estimates and sampling variances.

    Returns
    -------
    float

    Examples
    --------
    >>> round(generalised_q(0.0, np.array([0.0, 1.0]), np.array([0.5, 0.5])), 6)
    1.0
    """
    w = 1.0 / (vi + tau2)
    mu = _weighted_mean(yi, w)
    return float((w * (yi - mu) ** 2).sum())


def _spread(yi: NDArray[np.float64]) -> float:
    """``S = Σ (y_i - ȳ)²``: every bracket below is built from it."""
    return float(((yi - yi.mean()) ** 2).sum())


def _solve(func: Callable[[float], float], low: float, high: float, what: str) -> float:
    f_low, f_high = func(low), func(high)
    if f_low == 0.0:
        return low
    if f_high == 0.0:
        return high
    if np.sign(f_low) == np.sign(f_high) or not (np.isfinite(f_low) and np.isfinite(f_high)):
        raise ValueError(
            f"{what}: the equation does not change sign on [{low:g}, {high:g}] "
            f"(values {f_low:g}, {f_high:g}); tau2 cannot be computed"
        )
    return float(brentq(func, low, high, xtol=_XTOL, rtol=_RTOL, maxiter=500))


def _q_root(yi: NDArray[np.float64], vi: NDArray[np.float64], target: float, what: str) -> float:
    """Smallest τ² >= 0 with ``Q(τ²) <= target`` (Q decreasing): 0 or the root of Q = target."""
    if generalised_q(0.0, yi, vi) <= target:
        return 0.0
    # Bracket: Q(τ²) = min_μ Σ w (y - μ)² <= Σ w (y - ȳ)² <= S / (v_min + τ²), so at
    # τ² = S / target, Q < target (v_min > 0).
    high = _spread(yi) / target
    return _solve(lambda t: generalised_q(t, yi, vi) - target, 0.0, high, what)


def tau2_dl(yi: NDArray[np.float64], vi: NDArray[np.float64]) -> float:
    """DerSimonian–Laird τ², truncated at 0 (as metafor).

    Examples
    --------
    >>> round(tau2_dl(np.array([0.0, 1.0, 3.0]), np.array([0.1, 0.2, 0.1])), 6)
    2.75
    >>> tau2_dl(np.array([0.0, 0.1]), np.array([1.0, 1.0]))  # Q(0) < k - 1: truncated at 0
    0.0
    """
    _check_inputs(yi, vi)
    w = 1.0 / vi
    q = generalised_q(0.0, yi, vi)
    c = w.sum() - (w**2).sum() / w.sum()
    return float(max(0.0, (q - (yi.size - 1)) / c))


def tau2_pm(yi: NDArray[np.float64], vi: NDArray[np.float64]) -> float:
    """Paule–Mandel τ²: the root of ``Q(τ²) = k - 1``, or 0 when ``Q(0) <= k - 1``.

    Examples
    --------
    >>> y, v = np.array([0.0, 1.0, 3.0]), np.array([0.1, 0.2, 0.1])
    >>> tau2 = tau2_pm(y, v)
    >>> round(tau2, 6), round(generalised_q(tau2, y, v), 12)  # Q(τ²) = k - 1 = 2
    (2.231016, 2.0)
    """
    _check_inputs(yi, vi)
    return _q_root(yi, vi, float(yi.size - 1), "Paule-Mandel")


def _scores(
    grid: NDArray[np.float64], yi: NDArray[np.float64], vi: NDArray[np.float64], restricted: bool
) -> NDArray[np.float64]:
    """(Restricted) likelihood score, up to the factor 1/2, at each τ² of ``grid``.

    ML: ``Σ w² (y - μ̂)² - Σ w``; REML: ``Σ w² (y - μ̂)² - Σ w + Σ w² / Σ w``.
    """
    out = np.empty(grid.size)
    step = max(1, _BLOCK // yi.size)
    for start in range(0, grid.size, step):
        t = grid[start : start + step, None]
        w = 1.0 / (vi[None, :] + t)
        sw = w.sum(axis=1)
        mu = (w * yi[None, :]).sum(axis=1) / sw
        w2 = w**2
        s = (w2 * (yi[None, :] - mu[:, None]) ** 2).sum(axis=1) - sw
        if restricted:
            s += w2.sum(axis=1) / sw
        out[start : start + step] = s
    return out


def _loglik(
    tau2: float, yi: NDArray[np.float64], vi: NDArray[np.float64], restricted: bool
) -> float:
    """(Restricted) log-likelihood up to a constant."""
    w = 1.0 / (vi + tau2)
    mu = _weighted_mean(yi, w)
    ll = -0.5 * (np.log(vi + tau2).sum() + (w * (yi - mu) ** 2).sum())
    if restricted:
        ll -= 0.5 * np.log(w.sum())
    return float(ll)


def _tau2_likelihood(yi: NDArray[np.float64], vi: NDArray[np.float64], restricted: bool) -> float:
    _check_inputs(yi, vi)
    what = "REML" if restricted else "ML"
    k = yi.size
    spread = _spread(yi)
    if spread == 0.0:
        return 0.0  # every study estimate equal: the likelihood decreases in tau2
    # Bracket of every root: with w_max = 1/(v_min + τ²), w_min = 1/(v_max + τ²),
    # Σ w² (y - μ̂)² <= w_max Σ w (y - ȳ)² <= w_max² S, Σ w >= k w_min and
    # Σ w - Σ w²/Σ w >= (k - 1) w_min² / w_max. For τ² >= v_max, w_max / w_min <= 2, so the ML
    # score is negative once τ² > 2 S / k and the REML score once τ² > 4 S / (k - 1).
    bound = 4.0 * spread / (k - 1) if restricted else 2.0 * spread / k
    high = 2.0 * max(float(vi.max()), bound)
    grid = np.concatenate(([0.0], np.geomspace(high * 1e-12, high, _GRID_POINTS - 1)))
    score = _scores(grid, yi, vi, restricted)
    if score[-1] >= 0:  # pragma: no cover - excluded by the bound above
        raise ValueError(f"{what}: the score is not negative at the bracket's end {high:g}")

    def score_at(t: float) -> float:
        return float(_scores(np.array([t]), yi, vi, restricted)[0])

    candidates = [0.0] if score[0] <= 0 else []
    for i in np.flatnonzero((score[:-1] > 0) & (score[1:] <= 0)):
        candidates.append(_solve(score_at, float(grid[i]), float(grid[i + 1]), what))
    return max(candidates, key=lambda t: _loglik(t, yi, vi, restricted))


def tau2_reml(yi: NDArray[np.float64], vi: NDArray[np.float64]) -> float:
    """Restricted maximum-likelihood τ² (metafor's default estimator).

    Examples
    --------
    >>> round(tau2_reml(np.array([0.0, 1.0, 3.0]), np.array([0.1, 0.2, 0.1])), 6)
    2.261238
    """
    return _tau2_likelihood(yi, vi, restricted=True)


def tau2_ml(yi: NDArray[np.float64], vi: NDArray[np.float64]) -> float:
    """Maximum-likelihood τ².

    Examples
    --------
    >>> y, v = np.array([0.0, 1.0, 3.0]), np.array([0.1, 0.2, 0.1])
    >>> round(tau2_ml(y, v), 6), round(tau2_reml(y, v), 6)  # ML lies below REML here
    (1.482507, 2.261238)
    """
    return _tau2_likelihood(yi, vi, restricted=False)


_ESTIMATORS: Final = MappingProxyType(
    {"DL": tau2_dl, "PM": tau2_pm, "REML": tau2_reml, "ML": tau2_ml}
)


def estimate_tau2(yi: NDArray[np.float64], vi: NDArray[np.float64], method: str) -> float:
    """τ² by the named estimator (a key of :data:`TAU2_METHODS`).

    Parameters
    ----------
    yi, vi : numpy.ndarray
        Study estimates and their sampling variances (one-dimensional, equal length, >= 2).
    method : {"DL", "PM", "REML", "ML"}
        The estimator.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        On invalid input, or if the estimator's equation cannot be solved.

    References
    ----------
    .. [1] DerSimonian, R., & Laird, N. (1986). Meta-analysis in clinical trials. *Controlled
       Clinical Trials*, 7(3), 177–188.
    .. [2] Paule, R. C., & Mandel, J. (1982). Consensus values and weighting factors. *Journal
       of Research of the National Bureau of Standards*, 87(5), 377–385.
    .. [3] Viechtbauer, W. (2005). Bias and efficiency of meta-analytic variance estimators in
       the random-effects model. *Journal of Educational and Behavioral Statistics*, 30(3),
       261–293.

    Examples
    --------
    >>> y, v = np.array([0.0, 1.0, 3.0]), np.array([0.1, 0.2, 0.1])
    >>> [round(estimate_tau2(y, v, m), 4) for m in ("DL", "PM", "REML", "ML")]
    [2.75, 2.231, 2.2612, 1.4825]
    """
    return _ESTIMATORS[method](yi, vi)


def tau2_qprofile_ci(
    yi: NDArray[np.float64], vi: NDArray[np.float64], level: float
) -> tuple[float, float]:
    """Q-profile confidence interval for τ² (Viechtbauer 2007), as metafor's ``confint()``.

    The limits solve ``Q(τ²) = χ²_{k-1}`` quantiles: the lower at the upper ``α/2`` quantile
    and the upper at the lower one; a limit is 0 when ``Q(0)`` is already below its quantile.

    Parameters
    ----------
    yi, vi : numpy.ndarray
        Study estimates and their sampling variances.
    level : float
        Confidence level.

    Returns
    -------
    tuple of float
        ``(low, high)``.

    References
    ----------
    .. [1] Viechtbauer, W. (2007). Confidence intervals for the amount of heterogeneity in
       meta-analysis. *Statistics in Medicine*, 26(1), 37–52.

    Examples
    --------
    >>> y, v = np.array([0.0, 1.0, 3.0]), np.array([0.1, 0.2, 0.1])
    >>> [round(x, 4) for x in tau2_qprofile_ci(y, v, 0.95)]
    [0.5304, 92.0594]
    """
    _check_inputs(yi, vi)
    alpha = 1.0 - level
    df = yi.size - 1
    upper_quantile = float(stats.chi2.isf(alpha / 2.0, df))
    lower_quantile = float(stats.chi2.ppf(alpha / 2.0, df))
    low = _q_root(yi, vi, upper_quantile, "Q-profile lower limit")
    high = _q_root(yi, vi, lower_quantile, "Q-profile upper limit")
    return low, high
