"""A confidence interval on every prevalence the record set reports.

No study prints its counts, so counts are reconstructed from the printed percentage and ``n`` by
the GRIM test (:func:`pctstats.stats.grim_consistency.grim_counts`): every count that prints as the
reported value. An interval is then widened to cover the intervals of all those counts
(:func:`pctstats.stats.intervals.reported_ci`). Survey-weighted estimates keep the interval their
paper reports: a binomial interval would ignore the survey design.
"""

from __future__ import annotations

from decimal import Decimal
from types import MappingProxyType
from typing import Final

import numpy as np
import pandas as pd

from pctstats.core import names as C
from pctstats.core import vocab as V
from pctstats.core.arguments import check_level, check_method
from pctstats.core.reported import to_decimal
from pctstats.data.dataset import Dataset, dataset_or_default
from pctstats.data.records import Estimate
from pctstats.stats.grim_consistency import grim_counts
from pctstats.stats.intervals import (
    DEFAULT_LEVEL,
    DEFAULT_METHOD,
    PREVALENCE_METHODS,
    prevalence_ci,
    reported_ci,
)

__all__ = ["BASIS", "prevalence_table"]

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
