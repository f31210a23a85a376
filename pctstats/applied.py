"""The statistics applied to the record set: prevalence intervals and pooled lifetime PCD.

:func:`prevalence_table` puts a confidence interval on every prevalence the studies report.
:func:`pooled_lifetime` pools the lifetime PCD prevalences of the three studies that report one
(S1 and S2 for women, S3 for men) and compares women with men.

No study prints its counts, so counts are reconstructed from the printed percentage and ``n`` by
the GRIM test (:func:`pctstats.stats.grim_consistency.grim_counts`): every count that prints as the
reported value. An interval is then widened to cover the intervals of all those counts
(:func:`pctstats.stats.intervals.reported_ci`). Survey-weighted estimates keep the interval their
paper reports: a binomial interval would ignore the survey design.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import Final

import numpy as np
import pandas as pd

from pctstats.core.arguments import check_level, check_method
from pctstats.core.reported import to_decimal
from pctstats.data.dataset import Dataset, default_dataset
from pctstats.data.records import Estimate
from pctstats.stats.grim_consistency import grim_counts
from pctstats.stats.intervals import (
    DEFAULT_LEVEL,
    DEFAULT_METHOD,
    PREVALENCE_METHODS,
    prevalence_ci,
    reported_ci,
)
from pctstats.stats.pooling import POOLING_METHODS, PooledPrevalence, pool_prevalence
from pctstats.stats.ratios import ComparisonResult, compare_prevalences
from pctstats.stats.results import (
    COL_ESTIMATE,
    COL_HIGH,
    COL_K,
    COL_LEVEL,
    COL_LOW,
    COL_MEASURE,
    COL_METHOD,
    COL_N,
    COL_NOTE,
    Interval,
)
from pctstats.stats.wald import centred, log_se_from_ci, printed_level, z_value

__all__ = [
    "BASIS",
    "COL_BASIS",
    "COL_CONTEXT",
    "COL_ESTIMATE_ID",
    "COL_ESTIMATE_MAX",
    "COL_ESTIMATE_MIN",
    "COL_FREQUENCY",
    "COL_GROUP",
    "COL_I2",
    "COL_K_MAX",
    "COL_K_MIN",
    "COL_K_USED",
    "COL_LABEL",
    "COL_OUTCOME",
    "COL_PI_HIGH",
    "COL_PI_LOW",
    "COL_Q",
    "COL_Q_DF",
    "COL_Q_PVALUE",
    "COL_SEX",
    "COL_SOURCE_ID",
    "COL_STUDIES",
    "COL_TAU2",
    "COL_TIMEFRAME",
    "COL_VALUE",
    "COL_VALUE_HIGH",
    "COL_VERSION_OF",
    "COL_WEIGHTED",
    "DESIGN_CAVEAT",
    "NOT_RECONSTRUCTIBLE",
    "LifetimePooling",
    "pooled_lifetime",
    "prevalence_table",
    "ratio_table"
]

#: How the interval of a row of :func:`prevalence_table` was obtained.
BASIS: Final = MappingProxyType(
    {
        "printed_count": "the count k is printed: the binomial interval of k / n",
        "grim": "the count is not printed: the envelope of the intervals of every count that "
        "prints as the reported percentage (GRIM)",
        "reported_ci": "survey-weighted: the confidence interval the paper reports, kept as is",
        "not_consistent": "no count out of n prints as the reported percentage: no interval",
        "no_n": "no sample size is known: no interval",
    }
)

#: What :func:`pooled_lifetime` says about comparing women with men.
DESIGN_CAVEAT: Final = (
    "Women (S1, S2: female university students) and men (S3: an international online sample) "
    "come from different studies, with different recruitment, ages and wording; comparing them "
    "confounds sex with study, so the ratios describe these samples, not a sex difference."
)

COL_ESTIMATE_ID: Final = "estimate_id"
COL_SOURCE_ID: Final = "source_id"
COL_LABEL: Final = "label"
COL_SEX: Final = "sex"
COL_TIMEFRAME: Final = "timeframe"
COL_FREQUENCY: Final = "frequency"
COL_CONTEXT: Final = "context"
COL_OUTCOME: Final = "outcome"
COL_VALUE: Final = "value"
COL_VALUE_HIGH: Final = "value_high"
COL_K_MIN: Final = "k_min"
COL_K_MAX: Final = "k_max"
COL_BASIS: Final = "basis"
COL_WEIGHTED: Final = "weighted"
COL_VERSION_OF: Final = "version_of"
COL_GROUP: Final = "group"
COL_STUDIES: Final = "studies"
COL_K_USED: Final = "k_used"
COL_PI_LOW: Final = "pi_low"
COL_PI_HIGH: Final = "pi_high"
COL_TAU2: Final = "tau2"
COL_I2: Final = "i2"
COL_Q: Final = "q"
COL_Q_DF: Final = "q_df"
COL_Q_PVALUE: Final = "q_pvalue"
COL_ESTIMATE_MIN: Final = "estimate_min"
COL_ESTIMATE_MAX: Final = "estimate_max"

_PREVALENCE_MEASURES: Final = ("prevalence", "prevalence_range")


def _resolve(db: Dataset | None) -> Dataset:
    return default_dataset() if db is None else db


def _range_counts(e: Estimate, n: int) -> tuple[list[int], list[int]]:
    low = grim_counts(e.values[0], n)
    high = grim_counts(e.values[-1], n)
    return low, high


def _prevalence_row(e: Estimate, label: str, method: str, level: float) -> dict[str, object]:
    row: dict[str, object] = {
        COL_ESTIMATE_ID: e.estimate_id,
        COL_SOURCE_ID: e.source_id,
        COL_LABEL: label,
        COL_SEX: e.sex,
        COL_OUTCOME: e.outcome,
        COL_TIMEFRAME: e.timeframe,
        COL_FREQUENCY: e.frequency,
        COL_CONTEXT: e.context,
        COL_N: e.n,
        COL_VALUE: e.value,
        COL_VALUE_HIGH: e.value_high,
        COL_ESTIMATE: float(to_decimal(e.value) / 100) if e.value is not None else np.nan,
        COL_K: e.k,
        COL_K_MIN: None,
        COL_K_MAX: None,
        COL_BASIS: None,
        COL_METHOD: method,
        COL_LEVEL: level,
        COL_LOW: np.nan,
        COL_HIGH: np.nan,
        COL_WEIGHTED: e.weighted,
        COL_VERSION_OF: e.version_of,
        COL_NOTE: "",
    }
    if e.weighted and e.ci_low is not None and e.ci_high is not None:
        row.update(
            {
                COL_BASIS: "reported_ci",
                COL_METHOD: "reported (survey-weighted)",
                COL_LEVEL: float(Decimal(e.ci_level) / 100) if e.ci_level else np.nan,
                COL_LOW: float(to_decimal(e.ci_low) / 100),
                COL_HIGH: float(to_decimal(e.ci_high) / 100),
                COL_NOTE: "survey-weighted: the reported interval is kept; a binomial interval "
                "would ignore the design",
            }
        )
        return row
    if e.n is None:
        row.update({COL_BASIS: "no_n", COL_NOTE: "no sample size is known"})
        return row
    if e.k is not None:
        exact = prevalence_ci(e.k, e.n, method=method, level=level)
        fits = e.value is None or e.k in grim_counts(e.value, e.n)
        row.update(
            {
                COL_BASIS: "printed_count",
                COL_K_MIN: e.k,
                COL_K_MAX: e.k,
                COL_ESTIMATE: e.k / e.n,
                COL_LOW: exact.low,
                COL_HIGH: exact.high,
                COL_NOTE: "" if fits else f"the printed count {e.k} does not print as {e.value}%",
            }
        )
        return row
    if e.is_range:
        lows, highs = _range_counts(e, e.n)
        low_ci = reported_ci(e.values[0], e.n, method=method, level=level)
        high_ci = reported_ci(e.values[-1], e.n, method=method, level=level)
        if lows and highs:
            row.update(
                {
                    COL_BASIS: "grim",
                    COL_K_MIN: min(lows),
                    COL_K_MAX: max(highs),
                    COL_LOW: low_ci.ci.low,
                    COL_HIGH: high_ci.ci.high,
                    COL_NOTE: f"a range: from the interval of the lowest count behind "
                    f"{e.values[0]}% to that of the highest behind {e.values[-1]}%",
                }
            )
        else:
            bad = low_ci if not lows else high_ci
            row.update({COL_BASIS: "not_consistent", COL_NOTE: bad.message})
        return row
    res = reported_ci(e.value, e.n, method=method, level=level)
    if res.consistent:
        row.update(
            {
                COL_BASIS: "grim",
                COL_K_MIN: min(res.counts),
                COL_K_MAX: max(res.counts),
                COL_LOW: res.ci.low,
                COL_HIGH: res.ci.high,
                COL_NOTE: res.message,
            }
        )
    else:
        row.update({COL_BASIS: "not_consistent", COL_NOTE: res.message})
    if e.weighted:
        row[COL_NOTE] = (
            f"{row[COL_NOTE]} Survey-weighted with no reported interval: the binomial interval "
            "ignores the design."
        )
    return row


def prevalence_table(
    db: Dataset | None = None, method: str = DEFAULT_METHOD, level: float = DEFAULT_LEVEL
) -> pd.DataFrame:
    """Every prevalence in the record set with a confidence interval (0–1 scale).

    Parameters
    ----------
    db : Dataset, optional
        The record set; the shipped one (:func:`pctstats.load`) by default.
    method : str
        Binomial interval method (:data:`pctstats.stats.intervals.PREVALENCE_METHODS`); Wilson by
        default.
    level : float
        Confidence level, strictly between 0 and 1.

    Returns
    -------
    pandas.DataFrame
        One row per prevalence estimate (``measure`` "prevalence" or "prevalence_range"), in the
        record set's order, with ``estimate`` (the printed value as a proportion), ``k_min`` and
        ``k_max`` (the counts used), ``low`` and ``high``, ``method``, ``level`` and ``basis``
        (:data:`BASIS`): a printed count, a GRIM reconstruction (the interval covers every
        consistent count), a survey-weighted estimate's own reported interval (``method`` says
        "reported (survey-weighted)"), or no interval (no consistent count, or no ``n``), with a
        ``note`` saying why.

    References
    ----------
    .. [1] Brown, N. J. L., & Heathers, J. A. J. (2017). The GRIM test: A simple technique
       detects numerous anomalies in the reporting of results in psychology. *Social
       Psychological and Personality Science*, 8(4), 363–369.
    .. [2] Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
       inference. *Journal of the American Statistical Association*, 22(158), 209–212.

    Examples
    --------
    >>> table = prevalence_table().set_index("estimate_id")
    >>> row = table.loc["schweitzer2015-lifetime"]
    >>> int(row.k_min), int(row.k_max), row.basis
    (105, 106, 'grim')
    >>> table.loc["schweitzer2015-4weeks-few", "basis"]
    'not_consistent'
    >>> row = table.loc["mitchell2017-prevalence"]
    >>> float(row.low), float(row.high), row.method
    (0.067, 0.083, 'reported (survey-weighted)')
    """
    method = check_method(method, PREVALENCE_METHODS)
    level = check_level(level)
    data = _resolve(db)
    rows = [
        _prevalence_row(e, data.sources[e.source_id].label, method, level)
        for e in data.estimates.values()
        if e.measure in _PREVALENCE_MEASURES and e.unit == "percent"
    ]
    table = pd.DataFrame(rows)
    for column in (COL_N, COL_K, COL_K_MIN, COL_K_MAX):
        table[column] = pd.array(table[column].tolist(), dtype="Int64")
    return table


def _lifetime_estimates(data: Dataset) -> list[Estimate]:
    return [
        e
        for e in data.estimates.values()
        if e.measure == "prevalence"
        and e.outcome == "pcd_symptoms"
        and e.timeframe == "lifetime"
        and e.frequency == "at_least_once"
        and e.context == "any"
        and e.version_of is None
        and e.unit == "percent"
        and e.n is not None
    ]


def _counts_for(e: Estimate) -> tuple[int, int, int]:
    """The count used (printed, or the GRIM-consistent count nearest value * n), and the range."""
    if e.k is not None:
        return e.k, e.k, e.k
    counts = grim_counts(e.value, e.n)
    if not counts:
        raise ValueError(f"{e.estimate_id}: no count out of {e.n} prints as {e.value}%")
    target = to_decimal(e.value) * e.n / 100
    nearest = min(counts, key=lambda c: (abs(c - target), c))
    return nearest, min(counts), max(counts)


@dataclass(frozen=True, eq=False)
class LifetimePooling:
    """Pooled lifetime PCD prevalence by sex, and women compared with men.

    Attributes
    ----------
    women : PooledPrevalence
        S1 and S2 pooled (two studies: no HTS prediction interval).
    men : Interval
        S3 alone (one study: nothing to pool): its binomial interval, widened over every
        GRIM-consistent count.
    all : PooledPrevalence
        S1, S2 and S3 pooled.
    comparisons : tuple of (str, ComparisonResult)
        Each women's study against S3 (``"S1 vs S3"``, ...): the odds ratio (mid-p) and the risk
        ratio (score), from the counts used. There is no pooled-women-against-men ratio: a
        random-effects mean of two samples is not a sample to put in a 2x2 table.
    counts : Mapping
        For each estimate id: ``(k_used, k_min, k_max)``; ``k_used`` is the GRIM-consistent count
        nearest the printed value times ``n``.
    sensitivity : Mapping
        For ``"women"`` and ``"all"``: the pooled estimate with every study's lowest and with its
        highest consistent count.
    labels : Mapping
        Estimate id to study label (``"S1"``, ...).
    caveat : str
        :data:`DESIGN_CAVEAT`.

    Examples
    --------
    >>> res = pooled_lifetime()
    >>> res.counts["maczkowiack2019-lifetime"], res.labels["maczkowiack2019-lifetime"]
    ((495, 490, 501), 'S3')
    >>> label, comparison = res.comparisons[0]
    >>> label, comparison.measure, round(comparison.estimate, 3)
    ('S1 vs S3', 'odds_ratio', 1.231)
    >>> [round(x, 3) for x in res.sensitivity["women"]]
    [0.391, 0.394]
    """

    women: PooledPrevalence
    men: Interval
    all: PooledPrevalence
    comparisons: tuple[tuple[str, ComparisonResult], ...]
    counts: Mapping[str, tuple[int, int, int]]
    sensitivity: Mapping[str, tuple[float, float]]
    labels: Mapping[str, str]
    caveat: str = DESIGN_CAVEAT

    def to_frame(self) -> pd.DataFrame:
        """One row per result: women, men, all (prevalences), then the comparisons.

        Examples
        --------
        >>> pooled_lifetime().to_frame()[["group", "measure", "studies"]].head(3)
           group     measure     studies
        0  women  prevalence      S1, S2
        1    men  prevalence  S3 (alone)
        2    all  prevalence  S1, S2, S3
        """
        rows = []
        for group, res in (("women", self.women), ("all", self.all)):
            lo, hi = self.sensitivity[group]
            rows.append(
                {
                    COL_GROUP: group,
                    COL_MEASURE: "prevalence",
                    COL_STUDIES: ", ".join(res.labels),
                    COL_K_USED: "; ".join(str(int(k)) for k in res.k),
                    COL_METHOD: f"{res.method} (logit)",
                    COL_LEVEL: res.level,
                    COL_ESTIMATE: res.estimate,
                    COL_LOW: res.ci.low,
                    COL_HIGH: res.ci.high,
                    COL_PI_LOW: res.prediction_interval.low,
                    COL_PI_HIGH: res.prediction_interval.high,
                    COL_TAU2: res.tau2,
                    COL_I2: res.i2,
                    COL_Q: res.q,
                    COL_Q_DF: res.q_df,
                    COL_Q_PVALUE: res.q_pvalue,
                    COL_ESTIMATE_MIN: lo,
                    COL_ESTIMATE_MAX: hi,
                    COL_NOTE: res.note,
                }
            )
        men_id = next(i for i, label in self.labels.items() if label == "S3")
        k_used, k_min, k_max = self.counts[men_id]
        n_men = int(self.all.n[list(self.all.labels).index("S3")])
        rows.insert(
            1,
            {
                COL_GROUP: "men",
                COL_MEASURE: "prevalence",
                COL_STUDIES: "S3 (alone)",
                COL_K_USED: str(k_used),
                COL_METHOD: self.men.method,
                COL_LEVEL: self.men.level,
                COL_ESTIMATE: k_used / n_men,
                COL_LOW: self.men.low,
                COL_HIGH: self.men.high,
                COL_ESTIMATE_MIN: k_min / n_men,
                COL_ESTIMATE_MAX: k_max / n_men,
                COL_NOTE: f"one study of men: nothing to pool; the interval covers every count "
                f"from {k_min} to {k_max} of {n_men}",
            },
        )
        for label, res in self.comparisons:
            rows.append(
                {
                    COL_GROUP: "women vs men",
                    COL_MEASURE: res.measure,
                    COL_STUDIES: label,
                    COL_METHOD: res.method,
                    COL_LEVEL: res.level,
                    COL_ESTIMATE: res.estimate,
                    COL_LOW: res.ci.low,
                    COL_HIGH: res.ci.high,
                    COL_NOTE: self.caveat,
                }
            )
        return pd.DataFrame(rows)


def pooled_lifetime(
    db: Dataset | None = None, method: str = "DL", level: float = DEFAULT_LEVEL
) -> LifetimePooling:
    """Pool lifetime PCD prevalence (women: S1, S2; men: S3 alone; all three) and compare sexes.

    Parameters
    ----------
    db : Dataset, optional
        The record set; the shipped one by default.
    method : {"DL", "PM"}
        Between-study variance estimator (:func:`pctstats.stats.pooling.pool_prevalence`).
    level : float
        Confidence level of every interval.

    Returns
    -------
    LifetimePooling
        ``women``, ``men``, ``all``, the women-vs-men ``comparisons``, ``counts`` used,
        ``sensitivity`` and the design ``caveat``; ``to_frame()`` gives one tidy table.

    Notes
    -----
    The counts are reconstructed by GRIM (no study prints them): each study enters with the
    consistent count nearest its printed percentage times ``n`` (S1 46% of 230 -> 106, S2 32.9%
    of 222 -> 73, S3 41% of 1208 -> 495), and ``sensitivity`` repeats the pooling with the
    lowest and the highest consistent counts. With two studies (women) the HTS prediction
    interval needs at least three studies and is NaN; with three (all), it has one degree of
    freedom and is very wide. Both are honest about how little three studies say.

    References
    ----------
    .. [1] DerSimonian, R., & Laird, N. (1986). Meta-analysis in clinical trials. *Controlled
       Clinical Trials*, 7(3), 177–188.
    .. [2] Higgins, J. P. T., Thompson, S. G., & Spiegelhalter, D. J. (2009). A re-evaluation of
       random-effects meta-analysis. *Journal of the Royal Statistical Society: Series A*,
       172(1), 137–159.

    Examples
    --------
    >>> res = pooled_lifetime()
    >>> res.women.labels, round(res.women.estimate, 3), round(res.all.estimate, 3)
    (('S1', 'S2'), 0.394, 0.401)
    >>> round(res.men.low, 3), round(res.men.high, 3)
    (0.378, 0.443)
    """
    method = check_method(method, POOLING_METHODS)
    level = check_level(level)
    data = _resolve(db)
    lifetime = _lifetime_estimates(data)
    women = [e for e in lifetime if e.sex == "female"]
    men = [e for e in lifetime if e.sex == "male"]
    if len(women) < 2 or len(men) != 1:
        raise ValueError(
            "pooled_lifetime expects at least two lifetime estimates for women and exactly one "
            f"for men; found {len(women)} and {len(men)}"
        )
    labels = {e.estimate_id: data.sources[e.source_id].label for e in lifetime}
    counts = {e.estimate_id: _counts_for(e) for e in lifetime}

    def pool(group: list[Estimate], which: int) -> PooledPrevalence:
        return pool_prevalence(
            [counts[e.estimate_id][which] for e in group],
            [e.n for e in group],
            method=method,
            level=level,
            labels=[labels[e.estimate_id] for e in group],
        )

    everyone = [*women, *men]
    sensitivity = {
        "women": (pool(women, 1).estimate, pool(women, 2).estimate),
        "all": (pool(everyone, 1).estimate, pool(everyone, 2).estimate),
    }
    (man,) = men
    men_ci = reported_ci(man.value, man.n, level=level).ci
    k_man = counts[man.estimate_id][0]
    comparisons = []
    for w in women:
        k_w = counts[w.estimate_id][0]
        label = f"{labels[w.estimate_id]} vs {labels[man.estimate_id]}"
        for measure in ("odds_ratio", "risk_ratio"):
            comparisons.append(
                (label, compare_prevalences(k_w, w.n, k_man, man.n, measure=measure, level=level))
            )
    return LifetimePooling(
        women=pool(women, 0),
        men=men_ci,
        all=pool(everyone, 0),
        comparisons=tuple(comparisons),
        counts=MappingProxyType(counts),
        sensitivity=MappingProxyType(sensitivity),
        labels=MappingProxyType(labels),
    )


#: Why a reported ratio's 2x2 table cannot be rebuilt from what the source prints.
NOT_RECONSTRUCTIBLE: Final = MappingProxyType(
    {
        "adjusted": "an adjusted estimate from a regression model: no 2x2 table gives it",
        "weighted": "survey-weighted: weighted counts are not printed",
        "no_counts": "the source prints no cell counts",
    }
)


def ratio_table(
    db: Dataset | None = None, level: float = DEFAULT_LEVEL, rounding: str = "up_or_down"
) -> pd.DataFrame:
    """Every reported ratio in the record set, with what can be recomputed from it.

    A ratio's confidence interval can be recomputed from its 2x2 table (with
    :func:`pctstats.stats.ratios.odds_ratio_ci`) only where the cell counts can be rebuilt. No
    source in
    the record set prints them, and every reported odds ratio is adjusted (and S6's also
    survey-weighted), so ``reconstructible`` says why not. What can be recomputed is the Wald
    interval the printed CI implies: the log-scale standard error from the CI's width,
    ``se = (log(upper) - log(lower)) / (2 z)``, as metafor's ``conv.wald`` computes it, and the
    interval centred on the printed estimate, ``exp(log(est) +/- z se)``. Where the printed CI is
    centred (under rounding) the two agree; ``centred`` says whether it is (the test of the
    ``ratio_ci`` check).

    Parameters
    ----------
    db : Dataset, optional
        The record set; the shipped one (:func:`pctstats.load`) by default.
    level : float
        Level of the recomputed interval (the printed CIs are 95%).
    rounding : str
        Rounding mode assumed for the centring test.

    Returns
    -------
    pandas.DataFrame
        One row per ratio estimate: ``estimate_id``, ``label``, ``exposure``, ``adjustment``,
        ``value``, ``ci_low``, ``ci_high`` (as printed), ``reconstructible`` (False) and
        ``reason`` (:data:`NOT_RECONSTRUCTIBLE`), ``log_se``, ``low`` and ``high`` (the
        recomputed centred interval), ``centred`` and ``method``.

    References
    ----------
    .. [1] Viechtbauer, W. (2010). Conducting meta-analyses in R with the metafor package.
       *Journal of Statistical Software*, 36(3), 1-48 (``conv.wald``).
    .. [2] Woolf, B. (1955). On estimating the relation between blood group and disease.
       *Annals of Human Genetics*, 19(4), 251-253.

    Examples
    --------
    >>> table = ratio_table().set_index("estimate_id")
    >>> row = table.loc["burri_spector2011-or-recent-abuse"]
    >>> row.value, row.ci_low, row.ci_high, bool(row.centred)
    ('1.3', '1.02', '1.34', False)
    >>> round(float(row.low), 2), round(float(row.high), 2)
    (1.13, 1.49)
    >>> bool(table.reconstructible.any())
    False
    """
    level = check_level(level)
    data = _resolve(db)
    z = z_value(level)
    rows = []
    for e in data.estimates.values():
        if e.unit != "ratio" or e.value is None:
            continue
        reasons = [key for key, flag in (("adjusted", e.adjustment), ("weighted", e.weighted),
                                         ("no_counts", e.k is None)) if flag]
        row: dict[str, object] = {
            COL_ESTIMATE_ID: e.estimate_id, COL_LABEL: data.sources[e.source_id].label,
            "exposure": e.exposure, "adjustment": e.adjustment, COL_VALUE: e.value,
            "ci_low": e.ci_low, "ci_high": e.ci_high, "reconstructible": not reasons,
            "reason": "; ".join(NOT_RECONSTRUCTIBLE[r] for r in reasons),
            "log_se": np.nan, COL_LOW: np.nan, COL_HIGH: np.nan, "centred": pd.NA,
            COL_METHOD: "", COL_LEVEL: level,
        }
        if e.ci_low is not None and e.ci_high is not None:
            log_se = log_se_from_ci(float(to_decimal(e.ci_low)), float(to_decimal(e.ci_high)),
                                    printed_level(e.ci_level))
            log_est = np.log(float(to_decimal(e.value)))
            row.update({
                "log_se": log_se, COL_LOW: float(np.exp(log_est - z * log_se)),
                COL_HIGH: float(np.exp(log_est + z * log_se)),
                "centred": centred(e.value, e.ci_low, e.ci_high, rounding),
                COL_METHOD: "Wald on the log scale, SE implied by the printed CI (conv.wald)",
            })
        rows.append(row)
    return pd.DataFrame(rows)
