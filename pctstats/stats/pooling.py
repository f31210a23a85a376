"""Random-effects pooling of prevalences on the logit scale.

Each study's prevalence ``k / n`` is transformed to its log odds ``y = log(k / (n - k))`` with
sampling variance ``v = 1/k + 1/(n - k)`` (metafor's ``escalc(measure = "PLO")``), the log odds
are pooled by a random-effects model, and the pooled value and its intervals are transformed back
to proportions (0–1 scale) with the inverse logit.

The random-effects fit is statsmodels' :func:`statsmodels.stats.meta_analysis.combine_effects`
(``method_re="dl"`` or ``"pm"``). Computed here, because statsmodels lacks them: the logit
transform and its variance, the truncation of a negative DerSimonian–Laird τ² at zero,
metafor's I², and the prediction interval.

Zero cells
----------
As metafor's ``escalc(measure = "PLO", add = 1/2, to = "only0")``: a study with ``k = 0`` or
``k = n`` gets 1/2 added to both its count of cases and of non-cases (so ``n`` grows by 1), in
that study only; the others are left as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from scipy import stats
from scipy.special import expit
from statsmodels.stats.meta_analysis import combine_effects

from pctstats.core.arguments import check_counts, check_level, check_method
from pctstats.stats.results import (
    COL_ESTIMATE,
    COL_HIGH,
    COL_K,
    COL_LEVEL,
    COL_LOW,
    COL_METHOD,
    COL_N,
    COL_NOTE,
    Interval,
)

#: Estimators of the between-study variance τ².
POOLING_METHODS: Final = MappingProxyType(
    {
        "DL": "DerSimonian-Laird method-of-moments estimator (truncated at 0)",
        "PM": "Paule-Mandel iterative estimator",
    }
)

#: Prediction-interval methods.
PREDICTION_METHODS: Final = MappingProxyType(
    {
        "hts": "Higgins-Thompson-Spiegelhalter: t quantile with k - 2 degrees of freedom "
        "(needs at least 3 studies)",
        "normal": "normal quantile (metafor's predict() default with test = 'z')",
    }
)

#: Value added to the cells of a study with ``k = 0`` or ``k = n`` (metafor's ``add``).
ZERO_CELL_ADD: Final = 0.5

COL_LABEL: Final = "label"
COL_YI: Final = "yi"
COL_VI: Final = "vi"
COL_WEIGHT: Final = "weight"
COL_ADJUSTED: Final = "adjusted"
COL_PI_LOW: Final = "pi_low"
COL_PI_HIGH: Final = "pi_high"
COL_PREDICTION: Final = "prediction"
COL_TAU2: Final = "tau2"
COL_I2: Final = "i2"
COL_Q: Final = "q"
COL_Q_DF: Final = "q_df"
COL_Q_PVALUE: Final = "q_pvalue"
COL_N_STUDIES: Final = "n_studies"
COL_TRANSFORM: Final = "transform"


def logit_prevalence(
    k: ArrayLike, n: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.bool_]]:
    """Log odds of each prevalence and its sampling variance, as metafor's ``escalc("PLO")``.

    Parameters
    ----------
    k, n : array_like of int
        Cases and sample sizes (``0 <= k <= n``, ``n >= 1``).

    Returns
    -------
    yi : numpy.ndarray
        ``log(k / (n - k))``.
    vi : numpy.ndarray
        ``1 / k + 1 / (n - k)``.
    adjusted : numpy.ndarray of bool
        True where ``k = 0`` or ``k = n``, so 1/2 was added to the study's cases and non-cases
        (metafor's ``add = 1/2, to = "only0"``).

    References
    ----------
    .. [1] Viechtbauer, W. (2010). Conducting meta-analyses in R with the metafor package.
       *Journal of Statistical Software*, 36(3), 1–48.

    Examples
    --------
    >>> yi, vi, adjusted = logit_prevalence([106, 0], [230, 10])
    >>> yi.round(4), vi.round(4), adjusted
    (array([-0.1568, -3.0445]), array([0.0175, 2.0952]), array([False,  True]))
    """
    k_arr, n_arr = check_counts(k, n)
    k_f = k_arr.astype(np.float64)
    n_f = n_arr.astype(np.float64)
    adjusted = (k_arr == 0) | (k_arr == n_arr)
    cases = np.where(adjusted, k_f + ZERO_CELL_ADD, k_f)
    non_cases = np.where(adjusted, n_f - k_f + ZERO_CELL_ADD, n_f - k_f)
    return np.log(cases / non_cases), 1.0 / cases + 1.0 / non_cases, adjusted


@dataclass(frozen=True, eq=False)
class PooledPrevalence:
    """A random-effects pooled prevalence, with its heterogeneity statistics.

    Attributes
    ----------
    estimate : float
        Pooled prevalence (0–1 scale): the inverse logit of the pooled log odds.
    ci : Interval
        Confidence interval of the pooled prevalence.
    prediction_interval : Interval
        Where the prevalence of a new, similar study is expected to lie; NaN limits with fewer
        than 3 studies under ``prediction="hts"``.
    tau2 : float
        Between-study variance of the log odds.
    i2 : float
        I², as a proportion (0–1; multiply by 100 for the usual percentage): the share of the
        total variance due to heterogeneity, ``tau2 / (tau2 + s2)`` with metafor's "typical"
        within-study variance ``s2``. For DL this equals Higgins & Thompson's ``(Q - df) / Q``
        truncated at 0.
    q, q_df, q_pvalue : float
        Cochran's Q (fixed-effect weights), its degrees of freedom and its chi-squared p-value.
    weights : numpy.ndarray
        Each study's relative weight in the pooled estimate (sums to 1).
    logit_estimate, logit_se : float
        The pooled log odds and its standard error.
    method : str
        ``"DL"`` or ``"PM"``.
    level : float
        Confidence level of ``ci`` and ``prediction_interval``.
    prediction : str
        ``"hts"`` or ``"normal"``.
    k, n : numpy.ndarray
        The studies' counts and sample sizes.
    labels : tuple of str
        The studies' labels.
    yi, vi : numpy.ndarray
        The studies' log odds and variances (after the zero-cell adjustment).
    adjusted : numpy.ndarray of bool
        Which studies had 1/2 added to their cells.
    note : str
        A caveat, or ``""``.

    Examples
    --------
    Lifetime prevalence of S1, S2 and S3 (GRIM-reconstructed counts):

    >>> res = pool_prevalence([106, 73, 495], [230, 222, 1208], labels=["S1", "S2", "S3"])
    >>> res.n_studies, res.method, res.prediction
    (3, 'DL', 'hts')
    >>> round(res.estimate, 3), round(res.ci.low, 3), round(res.ci.high, 3)
    (0.401, 0.342, 0.463)
    >>> round(res.i2, 3), res.q_df, round(res.q_pvalue, 4)
    (0.761, 2, 0.0153)
    >>> res.weights.round(3).tolist()
    [0.304, 0.288, 0.408]
    """

    estimate: float
    ci: Interval
    prediction_interval: Interval
    tau2: float
    i2: float
    q: float
    q_df: int
    q_pvalue: float
    weights: NDArray[np.float64]
    logit_estimate: float
    logit_se: float
    method: str
    level: float
    prediction: str
    k: NDArray[np.int64]
    n: NDArray[np.int64]
    labels: tuple[str, ...]
    yi: NDArray[np.float64]
    vi: NDArray[np.float64]
    adjusted: NDArray[np.bool_]
    note: str = ""

    @property
    def n_studies(self) -> int:
        """Number of studies pooled."""
        return len(self.labels)

    def to_frame(self) -> pd.DataFrame:
        """One row: the pooled estimate, both intervals and the heterogeneity statistics.

        Examples
        --------
        >>> res = pool_prevalence([106, 73, 495], [230, 222, 1208])
        >>> res.to_frame()[["method", "estimate", "low", "high", "i2"]].round(3)
          method  estimate    low   high     i2
        0     DL     0.401  0.342  0.463  0.761
        """
        return pd.DataFrame(
            {
                COL_METHOD: [self.method],
                COL_LEVEL: [self.level],
                COL_TRANSFORM: ["logit"],
                COL_N_STUDIES: [self.n_studies],
                COL_ESTIMATE: [self.estimate],
                COL_LOW: [self.ci.low],
                COL_HIGH: [self.ci.high],
                COL_PREDICTION: [self.prediction],
                COL_PI_LOW: [self.prediction_interval.low],
                COL_PI_HIGH: [self.prediction_interval.high],
                COL_TAU2: [self.tau2],
                COL_I2: [self.i2],
                COL_Q: [self.q],
                COL_Q_DF: [self.q_df],
                COL_Q_PVALUE: [self.q_pvalue],
                COL_NOTE: [self.note],
            }
        )

    def studies_frame(self) -> pd.DataFrame:
        """One row per study: counts, log odds, variance, weight and its own interval.

        Each study's interval is the logit-scale Wald interval ``yi ± z sqrt(vi)`` transformed
        back (as in metafor's forest plots), so that it matches the model's inputs.

        Examples
        --------
        >>> res = pool_prevalence([106, 73, 495], [230, 222, 1208], labels=["S1", "S2", "S3"])
        >>> res.studies_frame()[["label", "k", "n", "weight"]].round(3)
          label    k     n  weight
        0    S1  106   230   0.304
        1    S2   73   222   0.288
        2    S3  495  1208   0.408
        """
        z = stats.norm.isf((1.0 - self.level) / 2.0)
        half = z * np.sqrt(self.vi)
        return pd.DataFrame(
            {
                COL_LABEL: list(self.labels),
                COL_K: self.k,
                COL_N: self.n,
                COL_ESTIMATE: self.k / self.n,
                COL_YI: self.yi,
                COL_VI: self.vi,
                COL_ADJUSTED: self.adjusted,
                COL_WEIGHT: self.weights,
                COL_METHOD: "logit",
                COL_LEVEL: self.level,
                COL_LOW: expit(self.yi - half),
                COL_HIGH: expit(self.yi + half),
            }
        )


def _i2_metafor(tau2: float, vi: NDArray[np.float64]) -> float:
    """I² as metafor computes it, tau2 / (tau2 + s2), s2 the 'typical' within-study variance.

    Higgins & Thompson (2002) define I² = (Q - df) / Q; with the DerSimonian-Laird tau2 the two
    agree exactly, and this form also serves the Paule-Mandel estimate (as metafor's does).
    """
    w = 1.0 / vi
    s2 = (len(vi) - 1) * w.sum() / (w.sum() ** 2 - (w**2).sum())
    return float(tau2 / (tau2 + s2))


def pool_prevalence(
    k: ArrayLike,
    n: ArrayLike,
    method: str = "DL",
    level: float = 0.95,
    *,
    labels: Sequence[str] | None = None,
    prediction: str = "hts",
) -> PooledPrevalence:
    """Pool prevalences ``k / n`` of several studies with a random-effects model (logit scale).

    Parameters
    ----------
    k, n : array_like of int
        Each study's cases and sample size (one-dimensional, at least 2 studies).
    method : {"DL", "PM"}
        Estimator of the between-study variance τ²: DerSimonian–Laird (default) or Paule–Mandel.
    level : float
        Confidence level of the confidence and prediction intervals.
    labels : sequence of str, optional
        Study labels; ``"study 1"``, ``"study 2"``, ... by default.
    prediction : {"hts", "normal"}
        Prediction interval: ``"hts"`` (default) uses Higgins, Thompson & Spiegelhalter's
        ``mu ± t(k-2) sqrt(tau2 + se²)``; ``"normal"`` uses the normal quantile, as metafor's
        ``predict()`` does by default. With 2 studies ``"hts"`` has no degrees of freedom and the
        interval is NaN.

    Returns
    -------
    PooledPrevalence
        ``estimate``, ``ci``, ``prediction_interval``, ``tau2``, ``i2``, ``q``, ``weights``, ...;
        ``to_frame()`` and ``studies_frame()`` give tidy tables.

    Raises
    ------
    ValueError
        On invalid counts, fewer than 2 studies, unknown ``method`` or ``prediction``, a level
        outside (0, 1), or labels of the wrong length.

    Notes
    -----
    The confidence interval is the usual normal (z) interval on the logit scale, as metafor's
    ``rma(test = "z")``. A negative DerSimonian–Laird τ² is set to 0 (the model is then the
    fixed-effect one), as in metafor; statsmodels does not truncate it. Paule–Mandel is solved by
    statsmodels' iteration with a tight tolerance (``atol=1e-10``).

    References
    ----------
    .. [1] DerSimonian, R., & Laird, N. (1986). Meta-analysis in clinical trials. *Controlled
       Clinical Trials*, 7(3), 177–188.
    .. [2] Paule, R. C., & Mandel, J. (1982). Consensus values and weighting factors. *Journal of
       Research of the National Bureau of Standards*, 87(5), 377–385.
    .. [3] Higgins, J. P. T., & Thompson, S. G. (2002). Quantifying heterogeneity in a
       meta-analysis. *Statistics in Medicine*, 21(11), 1539–1558.
    .. [4] Higgins, J. P. T., Thompson, S. G., & Spiegelhalter, D. J. (2009). A re-evaluation of
       random-effects meta-analysis. *Journal of the Royal Statistical Society: Series A*,
       172(1), 137–159.
    .. [5] Viechtbauer, W. (2010). Conducting meta-analyses in R with the metafor package.
       *Journal of Statistical Software*, 36(3), 1–48.

    Examples
    --------
    The three lifetime PCD studies (S1 106/230, S2 73/222, S3 495/1208):

    >>> res = pool_prevalence([106, 73, 495], [230, 222, 1208], method="DL")
    >>> round(res.estimate, 4), [round(x, 4) for x in res.ci]
    (0.4008, [0.3418, 0.4628])
    >>> round(res.tau2, 4), round(res.i2, 3), round(res.q, 2)
    (0.0375, 0.761, 8.36)

    With three studies the prediction interval (t with 1 degree of freedom) is very wide:

    >>> [round(x, 3) for x in res.prediction_interval]
    [0.034, 0.928]
    """
    method = check_method(method, POOLING_METHODS)
    prediction = check_method(prediction, PREDICTION_METHODS, name="prediction")
    level = check_level(level)
    k_arr, n_arr = check_counts(k, n)
    if k_arr.ndim != 1:
        raise ValueError(
            f"k and n must be one-dimensional (one value per study), got {k_arr.ndim}-d"
        )
    n_studies = k_arr.size
    if n_studies < 2:
        raise ValueError(f"k and n must describe at least 2 studies to pool, got {n_studies}")
    if labels is None:
        label_tuple = tuple(f"study {i + 1}" for i in range(n_studies))
    else:
        if isinstance(labels, str):
            raise TypeError("labels must be a sequence of strings, not one string")
        label_tuple = tuple(str(x) for x in labels)
        if len(label_tuple) != n_studies:
            raise ValueError(
                f"labels must have one label per study ({n_studies}), got {len(label_tuple)}"
            )

    yi, vi, adjusted = logit_prevalence(k_arr, n_arr)
    alpha = 1.0 - level
    kwds = {"atol": 1e-10, "maxiter": 1000} if method == "PM" else {}
    # A negative DL estimate can make statsmodels' random-effects weights 1 / (v + tau2)
    # infinite or negative; those results are replaced by the fixed-effect ones below.
    with np.errstate(divide="ignore", invalid="ignore"):
        res = combine_effects(
            yi, vi, method_re=method.lower(), row_names=list(label_tuple), alpha=alpha, **kwds
        )
        ci_fe, ci_re, *_ = res.conf_int(alpha=alpha, use_t=False)
    tau2 = float(res.tau2)
    if tau2 <= 0.0:
        # Not in statsmodels: a negative DL moment estimate is truncated at 0 (as metafor does),
        # and the random-effects model is then the fixed-effect one.
        tau2 = 0.0
        mu, se = float(res.mean_effect_fe), float(res.sd_eff_w_fe)
        weights = np.asarray(res.weights_rel_fe, dtype=np.float64)
        ci_logit = ci_fe
    else:
        mu, se = float(res.mean_effect_re), float(res.sd_eff_w_re)
        weights = np.asarray(res.weights_rel_re, dtype=np.float64)
        ci_logit = ci_re
    if method == "PM" and tau2 > 0.0:
        w = 1.0 / (vi + tau2)
        m = (w * yi).sum() / w.sum()
        residual = (w * (yi - m) ** 2).sum() - (n_studies - 1)
        if abs(residual) > 1e-6:  # pragma: no cover - statsmodels' iteration did not converge
            raise RuntimeError(f"Paule-Mandel iteration did not converge (residual {residual:g})")

    # Prediction interval: not in statsmodels (Higgins, Thompson & Spiegelhalter 2009).
    note = ""
    if prediction == "hts":
        df = n_studies - 2
        if df < 1:
            crit = float("nan")
            note = "prediction interval needs at least 3 studies under prediction='hts'"
        else:
            crit = float(stats.t.isf(alpha / 2.0, df))
    else:
        crit = float(stats.norm.isf(alpha / 2.0))
    pi_half = crit * np.sqrt(tau2 + se**2)
    pi_name = f"{prediction} prediction interval"
    q = float(res.q)
    return PooledPrevalence(
        estimate=float(expit(mu)),
        ci=Interval(expit(ci_logit[0]), expit(ci_logit[1]), method=method, level=level),
        prediction_interval=Interval(
            expit(mu - pi_half), expit(mu + pi_half), method=pi_name, level=level
        ),
        tau2=tau2,
        i2=_i2_metafor(tau2, vi),
        q=q,
        q_df=n_studies - 1,
        q_pvalue=float(stats.chi2.sf(q, n_studies - 1)),
        weights=weights,
        logit_estimate=mu,
        logit_se=se,
        method=method,
        level=level,
        prediction=prediction,
        k=k_arr,
        n=n_arr,
        labels=label_tuple,
        yi=yi,
        vi=vi,
        adjusted=adjusted,
        note=note,
    )
