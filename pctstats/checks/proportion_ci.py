"""A reported confidence interval of a prevalence against the binomial interval for its ``n``.

A simple random sample of ``n`` people gives a prevalence a binomial confidence interval; its width
is fixed by ``n`` and the prevalence. This check recomputes that interval
(:func:`pctstats.stats.intervals.prevalence_ci`, Wilson's score interval by default; the method is
named
in every message) for every count ``k`` consistent with the printed value (GRIM,
:func:`pctstats.stats.grim_consistency.grim_counts`), and compares half-widths, allowing for the
rounding
of the two printed bounds (:func:`pctstats.core.rounding.rounding_interval`):

* the reported CI must contain the printed estimate (under rounding), else ``fail``;
* **narrower** than binomial even allowing for rounding (the widest reading of the printed bounds
  is narrower than the narrowest binomial interval): ``fail`` for an unweighted estimate (a CI
  cannot be narrower than the data allow) when it is narrower than every standard binomial
  method (:data:`pctstats.stats.intervals.PREVALENCE_METHODS`); ``warn`` when another method
  (Wald, say, which is narrower than Wilson near 0% and 100%) is as wide, as the paper may have
  used it (``methods_fitting`` names them); ``warn`` for a survey-weighted one (a design effect
  below 1 is possible with strong stratification, but unusual);
* **wider** than binomial even allowing for rounding: ``ok`` for a survey-weighted estimate, whose
  clustering and weights widen the interval by the *design effect*
  ``(reported half-width / binomial half-width) ** 2`` (Kish 1965), which the row reports; ``warn``
  for an unweighted one (another method, a smaller analysed ``n``, or an error);
* otherwise (within rounding): ``ok``.

For a weighted estimate whose value is not ``k / n`` for any whole ``k`` (as weighted percentages
need not be), the two counts nearest ``value * n / 100`` are used instead, and the message says so.
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np

from pctstats.checks.findings import Finding, estimate_fields, finding, frame_check
from pctstats.core import names as C
from pctstats.core import vocab as V
from pctstats.core.counts import nearest_counts
from pctstats.core.phrases import deciding_reading, fmt_decimal, fmt_float, fmt_n, label
from pctstats.core.reported import to_decimal
from pctstats.core.rounding import DEFAULT_ROUNDING, check_rounding
from pctstats.core.spans import hull, overlap, span
from pctstats.data.dataset import Dataset, dataset_or_default
from pctstats.data.records import Estimate
from pctstats.stats.grim_consistency import grim_counts
from pctstats.stats.intervals import DEFAULT_METHOD, PREVALENCE_METHODS, prevalence_ci

__all__ = [
    "CONSISTENT", "NAME", "NARROWER", "WIDER", "check_proportion_ci", "proportion_ci_findings",
]

NAME: Final = "proportion_ci"

NARROWER: Final = C.NARROWER
CONSISTENT: Final = C.CONSISTENT
WIDER: Final = C.WIDER

#: The status of a CI narrower or wider than binomial even allowing for rounding, and why, for an
#: unweighted (False) and a survey-weighted (True) estimate: the rule of the module docstring.
_WIDTH_RULE: Final = {
    NARROWER: {
        False: (C.FAIL, "no interval for a simple random sample of that size can be that narrow"),
        True: (C.WARN, "a design effect below 1 is possible with strong stratification but "
                       "unusual"),
    },
    WIDER: {
        False: (C.WARN, "unexpected for an unweighted estimate (another method, a smaller "
                        "analysed n, or an error)"),
        True: (C.OK, "as expected of a weighted, clustered survey"),
    },
}


def _candidate_counts(value: str, n: int, rounding: str) -> tuple[list[int], bool]:
    """Counts consistent with ``value`` % of ``n`` (GRIM), or the two nearest when none is."""
    counts = grim_counts(value, n, rounding=rounding)
    if counts:
        return counts, True
    return list(nearest_counts(value, n)), False


def _methods_fitting(counts: list[int], n: int, level: float, half_width: float,
                     method: str) -> list[str]:
    """The methods other than ``method`` whose narrowest interval is no wider than ``half_width``.

    A paper that used another method (most often Wald) prints an interval of that method's
    width; only an interval narrower than every method is one no method gives.
    """
    fitting = []
    for other in PREVALENCE_METHODS:
        if other == method:
            continue
        ci = prevalence_ci(np.asarray(counts), n, method=other, level=level)
        narrowest = float(np.min((np.atleast_1d(ci.high) - np.atleast_1d(ci.low)) * 50))
        if half_width >= narrowest:
            fitting.append(other)
    return fitting


def _applicable(e: Estimate) -> str | None:
    if e.measure != V.PREVALENCE or e.unit != V.PERCENT or e.value is None or e.is_range:
        return "it is not a single printed percentage"
    if e.ci_low is None or e.ci_high is None or e.ci_level is None:
        return "no confidence interval is reported"
    if e.n is None:
        return "no denominator is recorded, so there is no binomial interval to compare with"
    return None


def proportion_ci_findings(
    db: Dataset | None = None,
    rounding: str = DEFAULT_ROUNDING,
    method: str = DEFAULT_METHOD,
) -> tuple[Finding, ...]:
    """Compare every reported CI of a prevalence with the binomial CI for its ``n``.

    :func:`check_proportion_ci` gives the same findings as the check's tidy frame (its columns:
    the core columns, then each finding's details).

    Parameters
    ----------
    db
        The record set; the shipped one by default.
    rounding
        The rounding mode assumed for the printed value and bounds.
    method
        The binomial interval method, one of :data:`pctstats.stats.intervals.PREVALENCE_METHODS`
        (Wilson by default).

    Returns
    -------
    tuple of Finding
        One finding per prevalence estimate that reports a CI: the core columns plus ``source_id``,
        ``value``, ``n``, ``weighted``, ``ci_low``, ``ci_high``, ``ci_level``, ``method``,
        ``binomial_low``, ``binomial_high`` (per cent, envelope over the consistent counts),
        ``reported_half_width``, ``binomial_half_width`` (percentage points), ``design_effect``
        (printed bounds, middle count) with ``design_effect_min`` / ``design_effect_max``
        (over rounding and counts), ``width_verdict`` and, for an interval narrower than
        ``method``'s, ``methods_fitting`` (the other methods whose interval is no wider).

    References
    ----------
    .. [1] Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
       inference. *Journal of the American Statistical Association*, 22(158), 209–212.
    .. [2] Kish, L. (1965). *Survey Sampling*. Wiley. (The design effect.)
    .. [3] Brown, L. D., Cai, T. T., & DasGupta, A. (2001). Interval estimation for a binomial
       proportion. *Statistical Science*, 16(2), 101–133.

    Examples
    --------
    >>> row = check_proportion_ci().set_index("record_id").loc["mitchell2017-prevalence"]
    >>> row["width_verdict"], round(float(row["design_effect"]), 2), row["status"]
    ('wider', 1.6, 'ok')
    >>> found = {f.record_id: f for f in proportion_ci_findings()}
    >>> found["mitchell2017-prevalence"].details["width_verdict"]
    'wider'
    """
    rounding = check_rounding(rounding)
    if method not in PREVALENCE_METHODS:
        raise ValueError(
            f"method must be one of {', '.join(map(repr, PREVALENCE_METHODS))}; got {method!r}"
        )
    db = dataset_or_default(db)
    rows: list[dict[str, Any]] = []
    for e in db.estimates.values():
        if e.ci_low is None and e.ci_high is None:
            continue  # the check is about reported CIs only
        if e.measure not in (V.PREVALENCE, V.PREVALENCE_RANGE):
            continue
        row: dict[str, Any] = {
            **estimate_fields(e, C.SOURCE_ID, C.VALUE, C.N, C.WEIGHTED, C.CI_LOW, C.CI_HIGH,
                              C.CI_LEVEL),
            C.METHOD: method,
        }
        reason = _applicable(e)
        if reason is not None:
            row[C.STATUS] = C.NOT_APPLICABLE
            row[C.MESSAGE] = f"The CI check does not apply to {e.estimate_id}: {reason}."
            rows.append(row)
            continue
        assert e.value and e.ci_low and e.ci_high and e.ci_level and e.n
        rows.append(_check_one(db, e, row, rounding, method))
    return tuple(finding(NAME, rounding, row) for row in rows)


check_proportion_ci = frame_check(NAME, proportion_ci_findings)


def _check_one(
    db: Dataset, e: Estimate, row: dict[str, Any], rounding: str, method: str
) -> dict[str, Any]:
    value, n, level_text = e.value, e.n, e.ci_level
    assert value is not None and n is not None and level_text is not None
    assert e.ci_low is not None and e.ci_high is not None
    level = float(to_decimal(level_text) / 100)
    counts, consistent = _candidate_counts(value, n, rounding)
    ci = prevalence_ci(np.asarray(counts), n, method=method, level=level)
    lows, highs = np.atleast_1d(ci.low) * 100, np.atleast_1d(ci.high) * 100
    half = (highs - lows) / 2
    middle = len(counts) // 2
    bin_half_min, bin_half_max, bin_half_mid = float(half.min()), float(half.max()), float(
        half[middle]
    )
    lo, hi, val = span(e.ci_low, rounding), span(e.ci_high, rounding), span(value, rounding)
    rep_half = float(to_decimal(e.ci_high) - to_decimal(e.ci_low)) / 2
    rep_half_min = max(0.0, float(hi.low - lo.high) / 2)
    rep_half_max = float(hi.high - lo.low) / 2
    deff = (rep_half / bin_half_mid) ** 2
    deff_min = (rep_half_min / bin_half_max) ** 2
    deff_max = (rep_half_max / bin_half_min) ** 2
    if rep_half_max < bin_half_min:
        verdict = NARROWER
    elif rep_half_min > bin_half_max:
        verdict = WIDER
    else:
        verdict = CONSISTENT
    row.update(
        {
            C.BINOMIAL_LOW: float(lows.min()),
            C.BINOMIAL_HIGH: float(highs.max()),
            C.REPORTED_HALF_WIDTH: rep_half,
            C.BINOMIAL_HALF_WIDTH: bin_half_mid,
            C.DESIGN_EFFECT: deff,
            C.DESIGN_EFFECT_MIN: deff_min,
            C.DESIGN_EFFECT_MAX: deff_max,
            C.WIDTH_VERDICT: verdict,
        }
    )
    kind = "survey-weighted " if e.weighted else ""
    pct = f"{to_decimal(level_text).normalize():f}%"
    head = (
        f"{label(db, e.source_id)}'s {kind}{value}% ({pct} CI {e.ci_low}-{e.ci_high}) of "
        f"n = {fmt_n(n)}"
    )
    basis = (
        f"the {pct} {method} binomial CI"
        if consistent
        else f"the {pct} {method} binomial CI of the nearest counts "
        f"({', '.join(map(str, counts))}; no whole count out of {fmt_n(n)} gives {value}%)"
    )
    binomial = f"{fmt_float(float(lows.min()))}%-{fmt_float(float(highs.max()))}%"
    spread = (
        ""
        if fmt_float(bin_half_min) == fmt_float(bin_half_max)
        else f" ({fmt_float(bin_half_min)}-{fmt_float(bin_half_max)} over the possible counts)"
    )
    widths = (
        f"half-width {fmt_float(rep_half)} against {fmt_float(bin_half_mid)} percentage "
        f"points{spread}"
    )
    inside = overlap(val, hull(lo, hi))
    if not inside:
        row[C.STATUS] = C.FAIL
        deciding = deciding_reading(val, lo, hi, sign="%", limits="the CI's")
        row[C.MESSAGE] = (
            f"{head} has a CI that cannot contain its own estimate under any reading of rounding "
            f"{rounding!r} (deciding reading: {deciding})."
        )
        return row
    if verdict == CONSISTENT:
        row[C.STATUS] = C.OK
        row[C.MESSAGE] = (
            f"{head} matches {basis} ({binomial}) within rounding {rounding!r}: {widths}."
        )
        return row
    row[C.STATUS], why = _WIDTH_RULE[verdict][e.weighted]
    if verdict == NARROWER and not e.weighted:
        fitting = _methods_fitting(counts, n, level, rep_half_max, method)
        row[C.METHODS_FITTING] = fitting
        if fitting:
            row[C.STATUS] = C.WARN
            why = (f"but the {' and '.join(fitting)} interval is no wider, so the paper may have "
                   f"used {'that method' if len(fitting) == 1 else 'one of those methods'}")
    if verdict == NARROWER:
        row[C.MESSAGE] = (
            f"{head} is narrower than {basis} ({binomial}) even allowing for rounding "
            f"{rounding!r}: {widths}, an implied design effect of {fmt_float(deff)}; even its "
            f"widest reading, {fmt_decimal(lo.low)}%-{fmt_decimal(hi.high)}% (half-width "
            f"{fmt_float(rep_half_max)}), is narrower; {why}."
        )
    else:
        row[C.MESSAGE] = (
            f"{head} is wider than {basis} ({binomial}) even allowing for rounding {rounding!r}, "
            f"{why}: {widths}, an implied design effect of {fmt_float(deff)} "
            f"({fmt_float(deff_min)}-{fmt_float(deff_max)})."
        )
    return row

