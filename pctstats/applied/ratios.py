"""Every reported ratio of the record set, with the interval its printed CI implies.

A ratio's 2x2 table can be rebuilt only where a source prints its cell counts; :func:`ratio_table`
says for each reported ratio why it cannot, and recomputes the Wald interval its printed CI implies.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

import numpy as np
import pandas as pd

from pctstats.core import names as C
from pctstats.core import vocab as V
from pctstats.core.arguments import check_level
from pctstats.core.reported import to_decimal
from pctstats.data.dataset import Dataset, dataset_or_default
from pctstats.stats.intervals import DEFAULT_LEVEL
from pctstats.stats.wald import centred, log_se_from_ci, printed_level, z_value

__all__ = ["NOT_RECONSTRUCTIBLE", "ratio_table"]


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
