"""Random-effects pooling of prevalences on the logit scale.

Each study's prevalence ``k / n`` is transformed to its log odds ``y = log(k / (n - k))`` with
sampling variance ``v = 1/k + 1/(n - k)`` (metafor's ``escalc(measure = "PLO")``), the log odds
are pooled by a random-effects model, and the pooled value and its intervals are transformed back
to proportions (0–1 scale) with the inverse logit.

The between-study variance τ² is estimated by :mod:`pctstats.stats.heterogeneity` (DerSimonian–
Laird, Paule–Mandel, REML or ML, each solved exactly by a bracketing root-finder; never a silent
fallback). The pooled estimate is the inverse-variance weighted mean with weights
``1 / (v + τ²)``; its interval is the normal (z) one or the Hartung–Knapp–Sidik–Jonkman one
(``ci="hksj"``, modified so that it is never narrower than the z interval, or ``ci="knha"``,
unmodified as metafor's ``test = "knha"``); τ² gets a Q-profile interval; the prediction
interval uses the t (k − 2 df) or the normal quantile. These are hand-written (a few lines of
numpy each) because statsmodels' ``combine_effects`` has neither REML/ML, the Q-profile, nor the
modified Knapp–Hartung interval, and its Paule–Mandel iteration can stop unconverged without
saying so.

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

from pctstats.core import names
from pctstats.core.arguments import check_level, check_method, check_study_counts
from pctstats.core.display import Display, Displayable, Summary
from pctstats.stats.describe import describe_pooled, pooled_summary
from pctstats.stats.heterogeneity import (
    TAU2_METHODS,
    estimate_tau2,
    generalised_q,
    tau2_qprofile_ci,
)
from pctstats.stats.results import (
    Interval,
)

__all__ = [
    "CI_METHODS",
    "POOLING_METHODS",
    "PREDICTION_METHODS",
    "ZERO_CELL_ADD",
    "PooledPrevalence",
    "logit_prevalence",
    "pool_prevalence"
]

#: Estimators of the between-study variance τ².
POOLING_METHODS: Final = TAU2_METHODS

#: Confidence-interval methods for the pooled estimate.
CI_METHODS: Final = MappingProxyType(
    {
        "z": "normal (Wald) interval on the logit scale (metafor's rma(test = 'z'))",
        "hksj": "Hartung-Knapp-Sidik-Jonkman t interval, modified never to be narrower than "
        "the z interval (Roever et al. 2015)",
        "knha": "Hartung-Knapp-Sidik-Jonkman t interval, unmodified (metafor's "
        "rma(test = 'knha')); can be narrower than the z interval",
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
    k_arr, n_arr = check_study_counts(k, n, min_studies=1)
    k_f = k_arr.astype(np.float64)
    n_f = n_arr.astype(np.float64)
    adjusted = (k_arr == 0) | (k_arr == n_arr)
    cases = np.where(adjusted, k_f + ZERO_CELL_ADD, k_f)
    non_cases = np.where(adjusted, n_f - k_f + ZERO_CELL_ADD, n_f - k_f)
    return np.log(cases / non_cases), 1.0 / cases + 1.0 / non_cases, adjusted


@dataclass(frozen=True, eq=False, repr=False)
class PooledPrevalence(Displayable):
    """A random-effects pooled prevalence, with its heterogeneity statistics.

    Attributes
    ----------
    estimate : float
        Pooled prevalence (0–1 scale): the inverse logit of the pooled log odds.
    ci : Interval
        Confidence interval of the pooled prevalence (its ``method`` names the τ² estimator,
        and the interval method when it is not ``"z"``, e.g. ``"REML, hksj"``).
    prediction_interval : Interval
        Where the prevalence of a new, similar study is expected to lie; NaN limits with fewer
        than 3 studies under ``prediction="hts"``.
    tau2 : float
        Between-study variance of the log odds.
    tau2_ci : Interval
        Q-profile confidence interval of ``tau2`` (Viechtbauer 2007), at ``level``.
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
        The τ² estimator: ``"DL"``, ``"PM"``, ``"REML"`` or ``"ML"``.
    ci_method : str
        ``"z"``, ``"hksj"`` or ``"knha"`` (:data:`CI_METHODS`).
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
    tau2_ci: Interval
    i2: float
    q: float
    q_df: int
    q_pvalue: float
    weights: NDArray[np.float64]
    logit_estimate: float
    logit_se: float
    method: str
    ci_method: str
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

    @property
    def prediction_meaning(self) -> str:
        """What the prediction method is (:data:`PREDICTION_METHODS`)."""
        return PREDICTION_METHODS[self.prediction]

    def _display_(self) -> Display:
        return describe_pooled(self)

    def summary(self) -> Summary:
        """A statsmodels-like summary: studies, pooled estimate, intervals, heterogeneity.

        ``print(res.summary())`` in a terminal; in Jupyter it shows as a table.

        Examples
        --------
        >>> res = pool_prevalence([106, 73, 495], [230, 222, 1208], labels=["S1", "S2", "S3"])
        >>> print(res.summary().as_text().splitlines()[0].strip())
        Random-effects pooled prevalence
        """
        return pooled_summary(self)

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
                names.METHOD: [self.method],
                names.CI: [self.ci_method],
                names.LEVEL: [self.level],
                names.TRANSFORM: ["logit"],
                names.N_STUDIES: [self.n_studies],
                names.ESTIMATE: [self.estimate],
                names.LOW: [self.ci.low],
                names.HIGH: [self.ci.high],
                names.PREDICTION: [self.prediction],
                names.PI_LOW: [self.prediction_interval.low],
                names.PI_HIGH: [self.prediction_interval.high],
                names.TAU2: [self.tau2],
                names.TAU2_LOW: [self.tau2_ci.low],
                names.TAU2_HIGH: [self.tau2_ci.high],
                names.I2: [self.i2],
                names.Q: [self.q],
                names.Q_DF: [self.q_df],
                names.Q_PVALUE: [self.q_pvalue],
                names.NOTE: [self.note],
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
                names.LABEL: list(self.labels),
                names.K: self.k,
                names.N: self.n,
                names.ESTIMATE: self.k / self.n,
                names.YI: self.yi,
                names.VI: self.vi,
                names.ADJUSTED: self.adjusted,
                names.WEIGHT: self.weights,
                names.METHOD: "logit",
                names.LEVEL: self.level,
                names.LOW: expit(self.yi - half),
                names.HIGH: expit(self.yi + half),
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


def _ci_half_width(
    ci: str,
    yi: NDArray[np.float64],
    w: NDArray[np.float64],
    mu: float,
    se: float,
    alpha: float,
) -> tuple[float, str]:
    """Half-width of the pooled estimate's interval on the logit scale, and a note or ``""``.

    ``"z"``: ``z se``. ``"hksj"``/``"knha"``: ``t(k-1) sqrt(q* / Σ w)`` with
    ``q = Σ w (y - mu)² / (k - 1)`` and ``q* = max(1, q)`` (``"hksj"``, Röver et al. 2015) or
    ``q* = q`` (``"knha"``, Hartung & Knapp 2001; Sidik & Jonkman 2002).
    """
    if ci == "z":
        return float(stats.norm.isf(alpha / 2.0)) * se, ""
    df = yi.size - 1
    q = float((w * (yi - mu) ** 2).sum()) / df
    note = ""
    if ci == "hksj" and q < 1.0:
        note = (
            f"Knapp-Hartung factor q = {q:.3g} < 1 replaced by 1 (modified HKSJ, never narrower "
            f"than the z interval)"
        )
        q = 1.0
    return float(stats.t.isf(alpha / 2.0, df)) * np.sqrt(q) * se, note


def pool_prevalence(
    k: ArrayLike,
    n: ArrayLike,
    method: str = "DL",
    level: float = 0.95,
    *,
    labels: Sequence[str] | None = None,
    prediction: str = "hts",
    ci: str = "z",
) -> PooledPrevalence:
    """Pool prevalences ``k / n`` of several studies with a random-effects model (logit scale).

    Parameters
    ----------
    k, n : array_like of int
        Each study's cases and sample size (one-dimensional, at least 2 studies).
    method : {"DL", "PM", "REML", "ML"}
        Estimator of the between-study variance τ²: DerSimonian–Laird (default), Paule–Mandel,
        restricted maximum likelihood (metafor's default) or maximum likelihood. Each is solved
        exactly (:mod:`pctstats.stats.heterogeneity`).
    level : float
        Confidence level of the confidence and prediction intervals and of ``tau2_ci``.
    labels : sequence of str, optional
        Study labels; ``"study 1"``, ``"study 2"``, ... by default.
    prediction : {"hts", "normal"}
        Prediction interval: ``"hts"`` (default) uses Higgins, Thompson & Spiegelhalter's
        ``mu ± t(k-2) sqrt(tau2 + se²)``; ``"normal"`` uses the normal quantile, as metafor's
        ``predict()`` does by default. With 2 studies ``"hts"`` has no degrees of freedom and the
        interval is NaN. Both use the model's standard error ``1 / sqrt(Σ w)``.
    ci : {"z", "hksj", "knha"}
        Interval of the pooled estimate: ``"z"`` (default), ``mu ± z se``; ``"hksj"``, the
        Hartung–Knapp–Sidik–Jonkman interval ``mu ± t(k-1) sqrt(q* / Σ w)`` with
        ``q* = max(1, q)``, ``q = Σ w (y - mu)² / (k - 1)``, so it is never narrower than the z
        interval (the modification Röver et al. 2015 recommend for few studies of unequal
        precision); ``"knha"``, the same with ``q* = q`` (metafor's ``test = "knha"``).

    Returns
    -------
    PooledPrevalence
        ``estimate``, ``ci``, ``prediction_interval``, ``tau2``, ``i2``, ``q``, ``weights``, ...;
        ``to_frame()`` and ``studies_frame()`` give tidy tables.

    Raises
    ------
    ValueError
        On invalid counts (``k`` and ``n`` of unequal length, not one-dimensional, NaN,
        fractional, booleans, ``k > n``), fewer than 2 studies, unknown ``method``, ``ci`` or
        ``prediction``, a level outside (0, 1), labels of the wrong length, or an estimator
        whose equation cannot be solved (never a default value instead).

    Notes
    -----
    A negative DerSimonian–Laird τ² is set to 0 (the model is then the fixed-effect one), as in
    metafor. Paule–Mandel, REML and ML are solved to machine precision by bracketing root
    finding. metafor's ``rma()`` stops its iterations at a tolerance of 1e-5 on τ² by default, so
    its PM/REML/ML τ² agree with these to about 1e-5 (to 1.2e-11 relative with
    ``control = list(tol = 1e-12)`` for PM, ``list(threshold = 1e-12)`` for REML/ML); the tests
    compare with both and with 50-digit solutions
    (``tests/results/make_exact.py``). For ``pool_prevalence([5, 50, 3, 200, 17],
    [20, 80, 60, 500, 34], method="PM")`` the root is τ² = 1.55046; statsmodels' iteration,
    which pctstats used before, stopped unconverged and returned τ² = 0.

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
    .. [6] Hartung, J., & Knapp, G. (2001). A refined method for the meta-analysis of controlled
       clinical trials with binary outcome. *Statistics in Medicine*, 20(24), 3875–3889.
    .. [7] Sidik, K., & Jonkman, J. N. (2002). A simple confidence interval for meta-analysis.
       *Statistics in Medicine*, 21(21), 3153–3159.
    .. [8] Röver, C., Knapp, G., & Friede, T. (2015). Hartung-Knapp-Sidik-Jonkman approach and
       its modification for random-effects meta-analysis with few studies. *BMC Medical
       Research Methodology*, 15, 99.
    .. [9] Viechtbauer, W. (2007). Confidence intervals for the amount of heterogeneity in
       meta-analysis. *Statistics in Medicine*, 26(1), 37–52.

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

    REML with the (modified) Hartung–Knapp–Sidik–Jonkman interval and the Q-profile interval
    of τ²:

    >>> res = pool_prevalence([106, 73, 495], [230, 222, 1208], method="REML", ci="hksj")
    >>> res.ci.method, [round(x, 4) for x in res.ci]
    ('REML, hksj', [0.2547, 0.5658])
    >>> round(res.tau2, 4), [round(x, 4) for x in res.tau2_ci]
    (0.0541, [0.0025, 3.1056])
    """
    method = check_method(method, POOLING_METHODS)
    prediction = check_method(prediction, PREDICTION_METHODS, name="prediction")
    ci = check_method(ci, CI_METHODS, name="ci")
    level = check_level(level)
    k_arr, n_arr = check_study_counts(k, n, min_studies=2)
    n_studies = k_arr.size
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
    tau2 = estimate_tau2(yi, vi, method)
    tau2_low, tau2_high = tau2_qprofile_ci(yi, vi, level)
    w = 1.0 / (vi + tau2)
    weights = w / w.sum()
    mu = float((weights * yi).sum())
    se = float(1.0 / np.sqrt(w.sum()))
    q = generalised_q(0.0, yi, vi)
    ci_half, ci_note = _ci_half_width(ci, yi, w, mu, se, alpha)

    # Prediction interval (Higgins, Thompson & Spiegelhalter 2009), around the model's se.
    notes = [ci_note] if ci_note else []
    if prediction == "hts":
        df = n_studies - 2
        if df < 1:
            crit = float("nan")
            notes.append("prediction interval needs at least 3 studies under prediction='hts'")
        else:
            crit = float(stats.t.isf(alpha / 2.0, df))
    else:
        crit = float(stats.norm.isf(alpha / 2.0))
    pi_half = crit * np.sqrt(tau2 + se**2)
    pi_name = f"{prediction} prediction interval"
    note = "; ".join(notes)
    return PooledPrevalence(
        estimate=float(expit(mu)),
        ci=Interval(
            expit(mu - ci_half),
            expit(mu + ci_half),
            method=method if ci == "z" else f"{method}, {ci}",
            level=level,
        ),
        prediction_interval=Interval(
            expit(mu - pi_half), expit(mu + pi_half), method=pi_name, level=level
        ),
        tau2=tau2,
        tau2_ci=Interval(tau2_low, tau2_high, method="Q-profile", level=level),
        i2=_i2_metafor(tau2, vi),
        q=q,
        q_df=n_studies - 1,
        q_pvalue=float(stats.chi2.sf(q, n_studies - 1)),
        weights=weights,
        logit_estimate=mu,
        logit_se=se,
        method=method,
        ci_method=ci,
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
