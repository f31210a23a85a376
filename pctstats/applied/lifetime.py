"""Pooled lifetime PCD prevalence by sex, and women compared with men.

:func:`pooled_lifetime` selects, by query on the records, every estimate of lifetime PCD symptoms
(at least once, in any context, for any orientation, in percent, with its ``n``), pools each
sex's studies by random effects on the logit scale (one study is reported alone), pools all of
them, and compares each women's study with each men's study. Which studies enter, their labels
and the caveat on comparing the sexes are all derived from the records, so a study added to
``data/`` enters here with no code change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

import pandas as pd

from pctstats.core import names as C
from pctstats.core import vocab as V
from pctstats.core.arguments import check_level, check_method
from pctstats.core.choices import check_choice
from pctstats.core.display import Display, Displayable, fmt_interval, fmt_level, fmt_percent
from pctstats.core.equivalence import canonical
from pctstats.core.reported import to_decimal
from pctstats.data.dataset import Dataset, dataset_or_default
from pctstats.data.records import Estimate
from pctstats.stats.describe import describe_frame_rows
from pctstats.stats.grim_consistency import grim_counts
from pctstats.stats.intervals import DEFAULT_LEVEL, reported_ci
from pctstats.stats.pooling import POOLING_METHODS, PooledPrevalence, pool_prevalence
from pctstats.stats.ratios import ComparisonResult, compare_prevalences
from pctstats.stats.results import Interval

__all__ = ["SEX_GROUPS", "LifetimePooling", "design_caveat", "pooled_lifetime"]

#: The groups compared, in order: (group name, the sex of its estimates).
SEX_GROUPS: Final = (("women", V.FEMALE), ("men", V.MALE))

#: The group of every study together.
ALL_GROUP: Final = "all"

#: A group's result: pooled (two studies or more) or one study's interval over every count.
GroupResult = PooledPrevalence | Interval


def _lifetime_estimates(data: Dataset) -> list[Estimate]:
    return [
        e
        for e in data.estimates.values()
        if e.measure == V.PREVALENCE
        and e.outcome == V.PCD_SYMPTOMS
        and canonical("timeframe", e.timeframe) == V.LIFETIME
        and e.frequency == V.AT_LEAST_ONCE
        and e.context == V.ANY
        and e.orientation == V.ANY
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


def _samples(data: Dataset, estimates: list[Estimate]) -> str:
    """``"S1, S2: female university students"``: labels grouped by their sources' populations."""
    by_population: dict[str, list[str]] = {}
    for e in estimates:
        source = data.sources[e.source_id]
        labels = by_population.setdefault(source.population or "population not stated", [])
        if source.label not in labels:
            labels.append(source.label)
    return "; ".join(f"{', '.join(labels)}: {population}"
                     for population, labels in by_population.items())


def design_caveat(data: Dataset, women: list[Estimate], men: list[Estimate]) -> str:
    """What comparing these women's and men's estimates can and cannot say, from their sources.

    Parameters
    ----------
    data : Dataset
        The record set the estimates belong to.
    women, men : list of Estimate
        The estimates compared.

    Raises
    ------
    ValueError
        If either group has no estimate (there is nothing to compare).

    Returns
    -------
    str
        One sentence naming each group's studies and their populations (``sources.csv``'s
        ``population``): where the sexes come from different studies, the comparison confounds
        sex with study; where every comparison is within one study, it says so.

    Examples
    --------
    >>> from pctstats import load
    >>> db = load()
    >>> women = [db.estimates["schweitzer2015-lifetime"], db.estimates["bird2011-lifetime"]]
    >>> print(design_caveat(db, women, [db.estimates["maczkowiack2019-lifetime"]])[:76])
    Women (S1, S2: female university students) and men (S3: male participants of
    """
    if not women or not men:
        raise ValueError("design_caveat needs at least one estimate for women and one for men; "
                         f"got {len(women)} and {len(men)}")
    groups = f"Women ({_samples(data, women)}) and men ({_samples(data, men)})"
    if any(w.source_id != m.source_id for w in women for m in men):
        return (f"{groups} come from different studies, with different recruitment, ages and "
                "wording; comparing them confounds sex with study, so the ratios describe these "
                "samples, not a sex difference.")
    return f"{groups} come from the same studies: each ratio compares the sexes within one sample."


@dataclass(frozen=True, eq=False, repr=False)
class LifetimePooling(Displayable):
    """Pooled lifetime PCD prevalence by sex, and women compared with men.

    Attributes
    ----------
    women, men : PooledPrevalence or Interval
        The sex's studies pooled (two or more), or its one study's binomial interval, widened
        over every GRIM-consistent count (nothing to pool). With two studies there is no HTS
        prediction interval.
    all : PooledPrevalence
        Every study pooled.
    comparisons : tuple of (str, ComparisonResult)
        Each women's study against each men's study (``"S1 vs S3"``, ...): the odds ratio
        (mid-p) and the risk ratio (score), from the counts used. There is no pooled-women-
        against-men ratio: a random-effects mean of samples is not a sample to put in a 2x2
        table.
    counts : Mapping
        For each estimate id: ``(k_used, k_min, k_max)``; ``k_used`` is the GRIM-consistent count
        nearest the printed value times ``n``.
    sensitivity : Mapping
        For each pooled group (``"women"``, ``"men"``, ``"all"``): the pooled estimate with every
        study's lowest and with its highest consistent count.
    labels : Mapping
        Estimate id to study label (``"S1"``, ...).
    studies : Mapping
        Group (``"women"``, ``"men"``, ``"all"``) to the ids of its estimates, in order.
    caveat : str
        What comparing the sexes can say (:func:`design_caveat`).

    Examples
    --------
    >>> res = pooled_lifetime()
    >>> res.counts["maczkowiack2019-lifetime"], res.labels["maczkowiack2019-lifetime"]
    ((495, 490, 501), 'S3')
    >>> label, comparison = res.comparisons[0]
    >>> label, comparison.measure, round(comparison.estimate, 3)
    ('S1 vs S3', 'odds_ratio', 1.231)
    >>> "S1" in res.women.labels and "S3" in res.all.labels
    True
    """

    women: GroupResult
    men: GroupResult
    all: PooledPrevalence
    comparisons: tuple[tuple[str, ComparisonResult], ...]
    compared: tuple[tuple[str, str], ...]
    counts: Mapping[str, tuple[int, int, int]]
    sensitivity: Mapping[str, tuple[float, float]]
    labels: Mapping[str, str]
    studies: Mapping[str, tuple[str, ...]]
    caveat: str

    def group(self, name: str) -> GroupResult:
        """The result of ``"women"``, ``"men"`` or ``"all"``.

        Examples
        --------
        >>> pooled_lifetime().group("all").method
        'DL'

        Raises
        ------
        ValueError
            If ``name`` is not one of the three groups.
        """
        groups = {"women": self.women, "men": self.men, ALL_GROUP: self.all}
        return groups[check_choice(name, groups, "group")]

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
            (("level", fmt_level(self.all.level)),
             ("pooling", f"{self.all.method} random effects (logit)"),
             ("comparisons", ", ".join(dict.fromkeys(label for label, _ in self.comparisons))
              + " (odds and risk ratios)")),
            table=table,
        )

    def _pooled_row(self, group: str, res: PooledPrevalence) -> dict[str, object]:
        lo, hi = self.sensitivity[group]
        return {
            C.GROUP: group, C.MEASURE: V.PREVALENCE, C.STUDIES: ", ".join(res.labels),
            C.K_USED: "; ".join(str(int(k)) for k in res.k), C.METHOD: f"{res.method} (logit)",
            C.LEVEL: res.level, C.ESTIMATE: res.estimate, C.LOW: res.ci.low,
            C.HIGH: res.ci.high, C.PI_LOW: res.prediction_interval.low,
            C.PI_HIGH: res.prediction_interval.high, C.TAU2: res.tau2, C.I2: res.i2,
            C.Q: res.q, C.Q_DF: res.q_df, C.Q_PVALUE: res.q_pvalue, C.ESTIMATE_MIN: lo,
            C.ESTIMATE_MAX: hi, C.NOTE: res.note,
        }

    def _alone_row(self, group: str, res: Interval) -> dict[str, object]:
        (estimate_id,) = self.studies[group]
        k_used, k_min, k_max = self.counts[estimate_id]
        n = int(self.all.n[list(self.studies[ALL_GROUP]).index(estimate_id)])
        return {
            C.GROUP: group, C.MEASURE: V.PREVALENCE,
            C.STUDIES: f"{self.labels[estimate_id]} (alone)", C.K_USED: str(k_used),
            C.METHOD: res.method, C.LEVEL: res.level, C.ESTIMATE: k_used / n, C.LOW: res.low,
            C.HIGH: res.high, C.ESTIMATE_MIN: k_min / n, C.ESTIMATE_MAX: k_max / n,
            C.NOTE: f"one study of {group}: nothing to pool; the interval covers every count "
            f"from {k_min} to {k_max} of {n}",
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per result: women, men, all (prevalences), then the comparisons.

        Examples
        --------
        >>> frame = pooled_lifetime().to_frame().set_index("group")
        >>> frame.loc["men", "studies"], frame.loc["men", "measure"]
        ('S3 (alone)', 'prevalence')
        """
        rows = []
        for group in (*(name for name, _ in SEX_GROUPS), ALL_GROUP):
            res = self.group(group)
            rows.append(self._pooled_row(group, res) if isinstance(res, PooledPrevalence)
                        else self._alone_row(group, res))
        for label, res in self.comparisons:
            rows.append({
                C.GROUP: "women vs men", C.MEASURE: res.measure, C.STUDIES: label,
                C.METHOD: res.method, C.LEVEL: res.level, C.ESTIMATE: res.estimate,
                C.LOW: res.ci.low, C.HIGH: res.ci.high, C.NOTE: self.caveat,
            })
        return pd.DataFrame(rows)


def pooled_lifetime(
    db: Dataset | None = None, method: str = "DL", level: float = DEFAULT_LEVEL
) -> LifetimePooling:
    """Pool lifetime PCD prevalence by sex and over all studies, and compare women with men.

    Parameters
    ----------
    db : Dataset, optional
        The record set; the shipped one by default.
    method : {"DL", "PM", "REML", "ML"}
        Between-study variance estimator (:func:`pctstats.stats.pooling.pool_prevalence`).
    level : float
        Confidence level of every interval.

    Returns
    -------
    LifetimePooling
        ``women``, ``men``, ``all``, the women-vs-men ``comparisons``, ``counts`` used,
        ``sensitivity``, the ``studies`` of each group and the design ``caveat``; ``to_frame()``
        gives one tidy table.

    Raises
    ------
    ValueError
        If the record set has no lifetime estimate for women or none for men.

    Notes
    -----
    The counts are reconstructed by GRIM (no study prints them): each study enters with the
    consistent count nearest its printed percentage times ``n`` (S1 46% of 230 -> 106, S2 32.9%
    of 222 -> 73, S3 41% of 1208 -> 495), and ``sensitivity`` repeats the pooling with the
    lowest and the highest consistent counts. With two studies the HTS prediction interval needs
    at least three studies and is NaN; with three, it has one degree of freedom and is very
    wide. Both are honest about how little a few studies say.

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
    >>> res.studies["men"]
    ('maczkowiack2019-lifetime',)
    >>> round(res.men.low, 3), round(res.men.high, 3)
    (0.378, 0.443)
    """
    method = check_method(method, POOLING_METHODS)
    level = check_level(level)
    data = dataset_or_default(db)
    lifetime = _lifetime_estimates(data)
    by_sex = {group: [e for e in lifetime if e.sex == sex] for group, sex in SEX_GROUPS}
    missing = [group for group, estimates in by_sex.items() if not estimates]
    if missing:
        raise ValueError(
            "pooled_lifetime needs at least one lifetime PCD estimate (percent, with n, any "
            f"context and orientation) for women and one for men; the record set has none for "
            f"{' and '.join(missing)}"
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

    groups = {**by_sex, ALL_GROUP: [e for estimates in by_sex.values() for e in estimates]}
    results: dict[str, GroupResult] = {}
    sensitivity = {}
    for group, estimates in groups.items():
        if len(estimates) == 1:
            (alone,) = estimates
            results[group] = reported_ci(alone.value, alone.n, level=level).ci
        else:
            results[group] = pool(estimates, 0)
            sensitivity[group] = (pool(estimates, 1).estimate, pool(estimates, 2).estimate)
    compared = [(w, m, measure) for w in by_sex["women"] for m in by_sex["men"]
                for measure in (C.ODDS_RATIO, C.RISK_RATIO)]
    comparisons = [
        (f"{labels[w.estimate_id]} vs {labels[m.estimate_id]}",
         compare_prevalences(counts[w.estimate_id][0], w.n, counts[m.estimate_id][0], m.n,
                             measure=measure, level=level))
        for w, m, measure in compared
    ]
    everyone = results[ALL_GROUP]
    assert isinstance(everyone, PooledPrevalence)  # at least one study of each sex: two or more
    return LifetimePooling(
        women=results["women"],
        men=results["men"],
        all=everyone,
        comparisons=tuple(comparisons),
        compared=tuple((w.estimate_id, m.estimate_id) for w, m, _ in compared),
        counts=MappingProxyType(counts),
        sensitivity=MappingProxyType(sensitivity),
        labels=MappingProxyType(labels),
        studies=MappingProxyType({g: tuple(e.estimate_id for e in es) for g, es in groups.items()}),
        caveat=design_caveat(data, by_sex["women"], by_sex["men"]),
    )
