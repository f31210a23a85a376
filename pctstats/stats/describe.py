"""How the statistics' results show themselves: their short ``repr``, their HTML and ``summary()``.

Each function takes one result object and returns a :class:`pctstats.core.display.Display` (or a
:class:`~pctstats.core.display.Summary`); the result classes call them from ``_display_()`` and
``summary()``, so that the display code lives here, apart from the statistics. Numbers are
rounded as pctstats prints them: prevalences as percentages to one decimal, ratios to two
decimals, τ² and p-values to four; the method and the confidence level are always named.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from pctstats.core.display import (
    Display,
    Summary,
    facts,
    fmt_array,
    fmt_interval,
    fmt_level,
    fmt_number,
    fmt_percent,
    small_table,
)

if TYPE_CHECKING:  # for annotations only: the result modules import this one
    from pctstats.stats.comparison import ComparisonResult
    from pctstats.stats.intervals import ReportedInterval
    from pctstats.stats.pooling import PooledPrevalence
    from pctstats.stats.results import Interval

__all__ = [
    "describe_comparison", "describe_frame_rows", "describe_interval", "describe_pooled",
    "describe_reported", "pooled_summary"
]


def describe_interval(ci: Interval) -> Display:
    """The display of an :class:`~pctstats.stats.results.Interval` (limits to four decimals).

    Examples
    --------
    >>> from pctstats.stats.intervals import prevalence_ci
    >>> prevalence_ci(106, 230)
    <Interval [0.3976, 0.5254]; method wilson, level 95%>
    """
    if np.ndim(ci.low) == 0:
        headline = fmt_interval(float(ci.low), float(ci.high))
    else:
        headline = (f"{np.size(ci.low)} intervals, low {fmt_array(ci.low)}, "
                    f"high {fmt_array(ci.high)}")
    return Display("Interval", headline, (("method", ci.method), ("level", fmt_level(ci.level))))


def describe_reported(res: ReportedInterval) -> Display:
    """The display of a :class:`~pctstats.stats.intervals.ReportedInterval`.

    Examples
    --------
    >>> from pctstats.stats.intervals import reported_ci
    >>> reported_ci("46", 230)
    <ReportedInterval 46% of 230: [39.3, 52.5]; counts 105–106, method wilson, level 95%, rounding up_or_down>
    """  # noqa: E501
    head = f"{res.value}% of {res.n}: "
    if res.consistent:
        head += fmt_interval(float(res.ci.low), float(res.ci.high), percent=True)
        counts = f"{min(res.counts)}–{max(res.counts)}" if len(res.counts) > 1 else str(
            res.counts[0])
    else:
        head += "no count is consistent"
        counts = "none"
    return Display(
        "ReportedInterval", head,
        (("counts", counts), ("method", res.method), ("level", fmt_level(res.level)),
         ("rounding", res.rounding)),
    )


#: How each comparison measure's estimate is printed: (short name, decimals, as percentage points).
_MEASURE_SHOWN = {
    "odds_ratio": ("OR", 2, False),
    "risk_ratio": ("RR", 2, False),
    "difference": ("difference", 1, True),
}


def describe_comparison(res: ComparisonResult) -> Display:
    """The display of a :class:`~pctstats.stats.comparison.ComparisonResult`.

    Ratios are shown to two decimals, a difference in percentage points to one.

    Examples
    --------
    >>> from pctstats.stats.ratios import compare_prevalences
    >>> compare_prevalences(106, 230, 495, 1208, measure="odds_ratio")
    <ComparisonResult OR 1.23 [0.93, 1.63]; method midp, level 95%, groups 106/230 vs 495/1208>
    """
    name, digits, points = _MEASURE_SHOWN.get(res.measure, (res.measure, 4, False))
    (a, b), (c, d) = res.table
    if points:
        headline = (f"{name} {fmt_percent(res.estimate, digits, sign=False)} points "
                    f"{fmt_interval(float(res.ci.low), float(res.ci.high), percent=True)}")
    else:
        headline = (f"{name} {fmt_number(res.estimate, digits)} "
                    f"{fmt_interval(float(res.ci.low), float(res.ci.high), digits=digits)}")
    return Display(
        "ComparisonResult", headline,
        facts(("method", res.method), ("level", fmt_level(res.level)),
              ("groups", f"{a}/{a + b} vs {c}/{c + d}"), ("note", res.note) if res.note else None),
    )


def _studies_table(res: PooledPrevalence):
    return small_table(
        [
            {"study": label, "k": str(int(k)), "n": str(int(n)),
             "prevalence %": fmt_percent(k / n, sign=False),
             "weight %": fmt_percent(w, sign=False)}
            for label, k, n, w in zip(res.labels, res.k, res.n, res.weights, strict=True)
        ]
    )


def describe_pooled(res: PooledPrevalence) -> Display:
    """The display of a :class:`~pctstats.stats.pooling.PooledPrevalence`.

    Examples
    --------
    >>> from pctstats.stats.pooling import pool_prevalence
    >>> pool_prevalence([106, 73, 495], [230, 222, 1208], labels=["S1", "S2", "S3"])
    <PooledPrevalence 40.1% [34.2, 46.3]; method DL (logit), level 95%, studies 3, I² 76.1%>
    """
    return Display(
        "PooledPrevalence",
        f"{fmt_percent(res.estimate)} {fmt_interval(res.ci.low, res.ci.high, percent=True)}",
        (("method", f"{res.ci.method} (logit)"), ("level", fmt_level(res.level)),
         ("studies", str(res.n_studies)), ("I²", fmt_percent(res.i2))),
        table=_studies_table(res),
    )


def pooled_summary(res: PooledPrevalence) -> Summary:
    """A statsmodels-like summary of a pooled prevalence.

    The model, the studies with their weights, the pooled estimate with its confidence and
    prediction intervals, and the heterogeneity statistics.

    Examples
    --------
    >>> from pctstats.stats.pooling import pool_prevalence
    >>> res = pool_prevalence([106, 73, 495], [230, 222, 1208], labels=["S1", "S2", "S3"])
    >>> print(pooled_summary(res))
                           Random-effects pooled prevalence
    ==============================================================================
    Model:          random effects, logit  tau² estimator: DL
    Studies:        3                      CI method:      z
    Level:          95%                    Prediction:     hts
    ------------------------------------------------------------------------------
    study   k    n prevalence % weight %
       S1 106  230         46.1     30.4
       S2  73  222         32.9     28.8
       S3 495 1208         41.0     40.8
    ------------------------------------------------------------------------------
           estimate %   95% CI % prediction %
    pooled       40.1 34.2, 46.3    3.4, 92.8
    ------------------------------------------------------------------------------
    Heterogeneity: tau² = 0.0375 (95% CI [0.0025, 3.1056]), I² = 76.1%, Q = 8.36
    on 2 df (p = 0.0153).
    """
    level = fmt_level(res.level)
    pi = res.prediction_interval
    pi_text = (f"{fmt_percent(pi.low, sign=False)}, {fmt_percent(pi.high, sign=False)}"
               if np.isfinite(pi.low) else "n/a")
    pooled = small_table([{
        "": "pooled",
        "estimate %": fmt_percent(res.estimate, sign=False),
        f"{level} CI %": f"{fmt_percent(res.ci.low, sign=False)}, "
                         f"{fmt_percent(res.ci.high, sign=False)}",
        "prediction %": pi_text,
    }])
    notes = [
        f"Heterogeneity: tau² = {fmt_number(res.tau2)} "
        f"({level} CI {fmt_interval(res.tau2_ci.low, res.tau2_ci.high)}), "
        f"I² = {fmt_percent(res.i2)}, "
        f"Q = {res.q:.2f} on {res.q_df} df (p = {fmt_number(res.q_pvalue)}).",
    ]
    if res.note:
        notes.append(res.note[0].upper() + res.note[1:] + ".")
    elif not np.isfinite(pi.low):
        notes.append(f"No prediction interval ({res.prediction_meaning}).")
    return Summary(
        "Random-effects pooled prevalence",
        (("Model:", "random effects, logit"), ("tau² estimator:", res.method),
         ("Studies:", str(res.n_studies)), ("CI method:", res.ci_method),
         ("Level:", level), ("Prediction:", res.prediction)),
        (("", _studies_table(res)), ("", pooled)),
        tuple(notes),
    )


def describe_frame_rows(frame, *, percent_columns=(), number_columns=(), digits: int = 2):
    """A frame's rows as text cells for display: proportions as percentages, numbers rounded.

    Parameters
    ----------
    frame
        A result frame (``to_frame()``).
    percent_columns
        Columns of proportions, shown as percentages to one decimal.
    number_columns
        Columns of other statistics, shown to ``digits`` decimals.
    digits
        Decimals of ``number_columns``.

    Returns
    -------
    pandas.DataFrame
        The same rows and columns, every cell text (missing values empty).

    Examples
    --------
    >>> import pandas as pd
    >>> describe_frame_rows(pd.DataFrame({"estimate": [0.4609], "tau2": [0.03214]}),
    ...                     percent_columns=["estimate"], number_columns=["tau2"], digits=4)
      estimate    tau2
    0     46.1  0.0321
    """
    shown = frame.astype(object).where(frame.notna(), "")
    for column in frame.columns:
        values = frame[column]
        if column in percent_columns:
            shown[column] = [fmt_percent(v, sign=False) if v == v and v != "" else ""
                             for v in values]
        elif column in number_columns:
            shown[column] = [fmt_number(v, digits) if v == v and v != "" else "" for v in values]
    return shown
