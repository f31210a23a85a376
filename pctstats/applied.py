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

from pctstats.core import names as C
from pctstats.core import vocab as V
from pctstats.core.arguments import check_level, check_method
from pctstats.core.display import Display, Displayable, fmt_interval, fmt_level, fmt_percent
from pctstats.core.equivalence import canonical
from pctstats.core.reported import to_decimal
from pctstats.data.dataset import Dataset, dataset_or_default
from pctstats.data.records import Estimate
from pctstats.stats.describe import describe_frame_rows
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
from pctstats.stats.results import Interval
from pctstats.stats.wald import centred, log_se_from_ci, printed_level, z_value

__all__ = [
    "BASIS",
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
        C.PRINTED_COUNT: "the count k is printed: the binomial interval of k / n",
        C.GRIM: "the count is not printed: the envelope of the intervals of every count that "
        "prints as the reported percentage (GRIM)",
        C.REPORTED_CI: "survey-weighted: the confidence interval the paper reports, kept as is",
        C.NOT_CONSISTENT: "no count out of n prints as the reported percentage: no interval",
        C.NO_N: "no sample size is known: no interval",
    }
)

#: What :func:`pooled_lifetime` says about comparing women with men.
DESIGN_CAVEAT: Final = (
    "Women (S1, S2: female university students) and men (S3: an international online sample) "
    "come from different studies, with different recruitment, ages and wording; comparing them "
    "confounds sex with study, so the ratios describe these samples, not a sex difference."
)


_PREVALENCE_MEASURES: Final = (V.PREVALENCE, V.PREVALENCE_RANGE)


def _range_counts(e: Estimate, n: int) -> tuple[range, range]:
    low = grim_counts(e.values[0], n)
    high = grim_counts(e.values[-1], n)
    return low, high


def _prevalence_row(e: Estimate, label: str, method: str, level: float) -> dict[str, object]:
    row: dict[str, object] = {
        C.ESTIMATE_ID: e.estimate_id,
        C.SOURCE_ID: e.source_id,
        C.LABEL: label,
        C.SEX: e.sex,
        C.OUTCOME: e.outcome,
        C.TIMEFRAME: e.timeframe,
        C.FREQUENCY: e.frequency,
        C.CONTEXT: e.context,
        C.N: e.n,
        C.VALUE: e.value,
        C.VALUE_HIGH: e.value_high,
        C.ESTIMATE: float(to_decimal(e.value) / 100) if e.value is not None else np.nan,
        C.K: e.k,
        C.K_MIN: None,
        C.K_MAX: None,
        C.BASIS: None,
        C.METHOD: method,
        C.LEVEL: level,
        C.LOW: np.nan,
        C.HIGH: np.nan,
        C.WEIGHTED: e.weighted,
        C.VERSION_OF: e.version_of,
        C.NOTE: "",
    }
    if e.weighted and e.ci_low is not None and e.ci_high is not None:
        row.update(
            {
                C.BASIS: C.REPORTED_CI,
                C.METHOD: "reported (survey-weighted)",
                C.LEVEL: float(Decimal(e.ci_level) / 100) if e.ci_level else np.nan,
                C.LOW: float(to_decimal(e.ci_low) / 100),
                C.HIGH: float(to_decimal(e.ci_high) / 100),
                C.NOTE: "survey-weighted: the reported interval is kept; a binomial interval "
                "would ignore the design",
            }
        )
        return row
    if e.n is None:
        row.update({C.BASIS: C.NO_N, C.NOTE: "no sample size is known"})
        return row
    if e.k is not None:
        exact = prevalence_ci(e.k, e.n, method=method, level=level)
        fits = e.value is None or e.k in grim_counts(e.value, e.n)
        row.update(
            {
                C.BASIS: C.PRINTED_COUNT,
                C.K_MIN: e.k,
                C.K_MAX: e.k,
                C.ESTIMATE: e.k / e.n,
                C.LOW: exact.low,
                C.HIGH: exact.high,
                C.NOTE: "" if fits else f"the printed count {e.k} does not print as {e.value}%",
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
                    C.BASIS: C.GRIM,
                    C.K_MIN: lows[0],
                    C.K_MAX: highs[-1],
                    C.LOW: low_ci.ci.low,
                    C.HIGH: high_ci.ci.high,
                    C.NOTE: f"a range: from the interval of the lowest count behind "
                    f"{e.values[0]}% to that of the highest behind {e.values[-1]}%",
                }
            )
        else:
            bad = low_ci if not lows else high_ci
            row.update({C.BASIS: C.NOT_CONSISTENT, C.NOTE: bad.message})
        return row
    res = reported_ci(e.value, e.n, method=method, level=level)
    if res.consistent:
        row.update(
            {
                C.BASIS: C.GRIM,
                C.K_MIN: res.counts[0],
                C.K_MAX: res.counts[-1],
                C.LOW: res.ci.low,
                C.HIGH: res.ci.high,
                C.NOTE: res.message,
            }
        )
    else:
        row.update({C.BASIS: C.NOT_CONSISTENT, C.NOTE: res.message})
    if e.weighted:
        row[C.NOTE] = (
            f"{row[C.NOTE]} Survey-weighted with no reported interval: the binomial interval "
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
    Brown & Heathers (2017), the GRIM test, and Wilson (1927), the score interval: the full
    references are in :func:`pctstats.stats.intervals.reported_ci`, which computes each interval.

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
    data = dataset_or_default(db)
    rows = [
        _prevalence_row(e, data.sources[e.source_id].label, method, level)
        for e in data.estimates.values()
        if e.measure in _PREVALENCE_MEASURES and e.unit == V.PERCENT
    ]
    table = pd.DataFrame(rows)
    for column in (C.N, C.K, C.K_MIN, C.K_MAX):
        table[column] = pd.array(table[column].tolist(), dtype="Int64")
    return table


def _lifetime_estimates(data: Dataset) -> list[Estimate]:
    return [
        e
        for e in data.estimates.values()
        if e.measure == V.PREVALENCE
        and e.outcome == V.PCD_SYMPTOMS
        and canonical("timeframe", e.timeframe) == V.LIFETIME
        and e.frequency == V.AT_LEAST_ONCE
        and e.context == V.ANY
        and e.version_of is None
        and e.unit == V.PERCENT
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
    # the consistent count nearest value * n / 100 (ties to the smaller), in a contiguous range
    below = min(max(int(target.to_integral_value(rounding="ROUND_FLOOR")), counts[0]), counts[-1])
    nearest = min({below, min(below + 1, counts[-1])}, key=lambda c: (abs(c - target), c))
    return nearest, counts[0], counts[-1]


@dataclass(frozen=True, eq=False, repr=False)
class LifetimePooling(Displayable):
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

    def _display_(self) -> Display:
        frame = self.to_frame()
        headline = "; ".join(
            f"{group} {fmt_percent(est)} {fmt_interval(low, high, percent=True)}"
            for group, est, low, high in frame.loc[
                frame[C.MEASURE] == V.PREVALENCE, [C.GROUP, C.ESTIMATE, C.LOW, C.HIGH]
            ].itertuples(index=False)
        )
        ratios = frame[C.MEASURE] != V.PREVALENCE
        shown = frame[[C.GROUP, C.MEASURE, C.STUDIES, C.METHOD, C.ESTIMATE, C.LOW,
                       C.HIGH]]
        table = pd.concat([
            describe_frame_rows(shown[~ratios], percent_columns=(C.ESTIMATE, C.LOW, C.HIGH)),
            describe_frame_rows(shown[ratios], number_columns=(C.ESTIMATE, C.LOW, C.HIGH)),
        ])
        return Display(
            "LifetimePooling", headline,
            (("level", fmt_level(self.women.level)),
             ("pooling", f"{self.women.method} random effects (logit)"),
             ("comparisons", ", ".join(dict.fromkeys(label for label, _ in self.comparisons))
              + " (odds and risk ratios)")),
            table=table,
        )

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
                    C.GROUP: group,
                    C.MEASURE: V.PREVALENCE,
                    C.STUDIES: ", ".join(res.labels),
                    C.K_USED: "; ".join(str(int(k)) for k in res.k),
                    C.METHOD: f"{res.method} (logit)",
                    C.LEVEL: res.level,
                    C.ESTIMATE: res.estimate,
                    C.LOW: res.ci.low,
                    C.HIGH: res.ci.high,
                    C.PI_LOW: res.prediction_interval.low,
                    C.PI_HIGH: res.prediction_interval.high,
                    C.TAU2: res.tau2,
                    C.I2: res.i2,
                    C.Q: res.q,
                    C.Q_DF: res.q_df,
                    C.Q_PVALUE: res.q_pvalue,
                    C.ESTIMATE_MIN: lo,
                    C.ESTIMATE_MAX: hi,
                    C.NOTE: res.note,
                }
            )
        men_id = next(i for i, label in self.labels.items() if label == "S3")
        k_used, k_min, k_max = self.counts[men_id]
        n_men = int(self.all.n[list(self.all.labels).index("S3")])
        rows.insert(
            1,
            {
                C.GROUP: "men",
                C.MEASURE: V.PREVALENCE,
                C.STUDIES: "S3 (alone)",
                C.K_USED: str(k_used),
                C.METHOD: self.men.method,
                C.LEVEL: self.men.level,
                C.ESTIMATE: k_used / n_men,
                C.LOW: self.men.low,
                C.HIGH: self.men.high,
                C.ESTIMATE_MIN: k_min / n_men,
                C.ESTIMATE_MAX: k_max / n_men,
                C.NOTE: f"one study of men: nothing to pool; the interval covers every count "
                f"from {k_min} to {k_max} of {n_men}",
            },
        )
        for label, res in self.comparisons:
            rows.append(
                {
                    C.GROUP: "women vs men",
                    C.MEASURE: res.measure,
                    C.STUDIES: label,
                    C.METHOD: res.method,
                    C.LEVEL: res.level,
                    C.ESTIMATE: res.estimate,
                    C.LOW: res.ci.low,
                    C.HIGH: res.ci.high,
                    C.NOTE: self.caveat,
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
    data = dataset_or_default(db)
    lifetime = _lifetime_estimates(data)
    women = [e for e in lifetime if e.sex == V.FEMALE]
    men = [e for e in lifetime if e.sex == V.MALE]
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
        for measure in (C.ODDS_RATIO, C.RISK_RATIO):
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
    data = dataset_or_default(db)
    z = z_value(level)
    rows = []
    for e in data.estimates.values():
        if e.unit != V.RATIO or e.value is None:
            continue
        reasons = [key for key, flag in (("adjusted", e.adjustment), ("weighted", e.weighted),
                                         ("no_counts", e.k is None)) if flag]
        row: dict[str, object] = {
            C.ESTIMATE_ID: e.estimate_id, C.LABEL: data.sources[e.source_id].label,
            C.EXPOSURE: e.exposure, C.ADJUSTMENT: e.adjustment, C.VALUE: e.value,
            C.CI_LOW: e.ci_low, C.CI_HIGH: e.ci_high, C.RECONSTRUCTIBLE: not reasons,
            C.REASON: "; ".join(NOT_RECONSTRUCTIBLE[r] for r in reasons),
            C.LOG_SE: np.nan, C.LOW: np.nan, C.HIGH: np.nan, C.CENTRED: pd.NA,
            C.METHOD: "", C.LEVEL: level,
        }
        if e.ci_low is not None and e.ci_high is not None:
            log_se = log_se_from_ci(float(to_decimal(e.ci_low)), float(to_decimal(e.ci_high)),
                                    printed_level(e.ci_level))
            log_est = np.log(float(to_decimal(e.value)))
            row.update({
                C.LOG_SE: log_se, C.LOW: float(np.exp(log_est - z * log_se)),
                C.HIGH: float(np.exp(log_est + z * log_se)),
                C.CENTRED: centred(e.value, e.ci_low, e.ci_high, rounding),
                C.METHOD: "Wald on the log scale, SE implied by the printed CI (conv.wald)",
            })
        rows.append(row)
    return pd.DataFrame(rows)
