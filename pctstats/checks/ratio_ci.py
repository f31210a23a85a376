"""A reported ratio and its CI: inside it, and at its centre on the log scale, under rounding.

An odds ratio from logistic regression (or any Wald-type interval on the log scale) is the geometric
mean of its confidence limits: ``log(est) = (log(lower) + log(upper)) / 2``. metafor's
``conv.wald(check=TRUE)`` warns when the estimate does not lie "(approximately) halfway between
the CI bounds"; it flags a row when
``|(log upper + log lower) / 2 - log est| / (log upper - log lower)`` exceeds 0.1 (its ``cifac``):
the estimate is off the midpoint by more than 10% of the interval's width.

This check makes the same test exact under rounding: each printed number stands for an interval of
true values (:func:`pctstats.core.rounding.rounding_interval`), and the ratio is **centred** when
some
estimate, lower and upper limit inside those three intervals satisfy ``est**2 = lower * upper``.
Because ``lower * upper`` increases in both limits, that holds exactly when the interval of
``est**2`` overlaps the interval of ``lower * upper`` (decided in exact decimals).

Statuses:

* ``fail``: the estimate cannot lie inside its CI under any reading of the rounding; or it is not
  centred under any reading *and* even the most favourable reading
  (:func:`pctstats.stats.wald.best_centre_offset`) is off-centre by more than metafor's 10% of the
  CI's log width (no Wald interval prints like that, and the asymmetry is too large to come from
  another interval method);
* ``warn``: not centred under any reading of the rounding, but some reading is within metafor's
  10% (a Wald interval cannot print like that; a profile-likelihood or bootstrap interval could);
* ``ok``: centred for some reading of the rounding;
* ``not_applicable``: a ratio with no CI.

Every status is decided under rounding, never on the printed digits alone, and the message names
the reading that decides it. The row also reports the asymmetry
``log(upper / est) / log(est / lower)`` (1 when centred), the centre offset metafor computes, and
the log-scale standard error the CI implies.

References
----------
.. [1] Viechtbauer, W. (2010). Conducting meta-analyses in R with the metafor package. *Journal of
   Statistical Software*, 36(3), 1–48. doi:10.18637/jss.v036.i03
.. [2] metafor reference manual, ``conv.wald``: "Convert Wald-Type Confidence Intervals and Tests to
   Sampling Variances", argument ``check``: whether "the point estimates fall (approximately)
   halfway between the CI bounds".
   https://search.r-project.org/CRAN/refmans/metafor/html/conv.wald.html
"""

from __future__ import annotations

import math
from typing import Any, Final

from pctstats.checks.findings import Findings, estimate_fields, finding, frame_check
from pctstats.core import names as C
from pctstats.core import vocab as V
from pctstats.core.phrases import deciding_reading, fmt_decimal, fmt_float, label
from pctstats.core.reported import to_decimal
from pctstats.core.rounding import DEFAULT_ROUNDING, check_rounding
from pctstats.core.spans import span
from pctstats.data.dataset import Dataset, dataset_or_default
from pctstats.data.records import Estimate
from pctstats.stats.wald import best_centre_offset, centred, inside, log_se_from_ci, printed_level

__all__ = [
    "METAFOR_TOLERANCE", "NAME", "centred", "check_ratio_ci", "inside", "ratio_ci_findings",
]

NAME: Final = "ratio_ci"
#: metafor's default tolerance (``cifac``): an estimate off the log-scale midpoint by more than this
#: share of the CI's log width is flagged by ``conv.wald(check=TRUE)``.
METAFOR_TOLERANCE: Final = 0.1


def ratio_ci_findings(db: Dataset | None = None, rounding: str = DEFAULT_ROUNDING) -> Findings:
    """Check every reported ratio against its CI: inside, and centred on the log scale.

    ``rounding`` is assumed for the estimate and both limits. It returns one finding per ratio
    estimate: the core columns plus ``source_id``, ``value``, ``ci_low``, ``ci_high``,
    ``ci_level``, ``inside``, ``centred``, ``asymmetry``, ``centre_offset`` and ``log_se``.

    References
    ----------
    .. [1] Viechtbauer, W. (2010). Conducting meta-analyses in R with the metafor package.
       *Journal of Statistical Software*, 36(3), 1–48. (``conv.wald(check=TRUE)``:
       https://search.r-project.org/CRAN/refmans/metafor/html/conv.wald.html)

    Examples
    --------
    >>> df = check_ratio_ci().set_index("record_id")
    >>> row = df.loc["burri_spector2011-or-persistent-satisfaction"]
    >>> bool(row["centred"]), row["status"]
    (False, 'warn')
    >>> row = df.loc["burri_spector2011-or-recent-satisfaction"]
    >>> bool(row["centred"]), row["status"]
    (True, 'ok')
    >>> found = {f.record_id: f for f in ratio_ci_findings()}
    >>> found["burri_spector2011-or-recent-satisfaction"].status
    'ok'
    """
    rounding = check_rounding(rounding)
    db = dataset_or_default(db)
    rows: list[dict[str, Any]] = []
    for e in db.estimates.values():
        if e.unit != V.RATIO:
            continue
        row = estimate_fields(e, C.SOURCE_ID, C.VALUE, C.CI_LOW, C.CI_HIGH, C.CI_LEVEL)
        if e.value is None or e.ci_low is None or e.ci_high is None:
            row[C.STATUS] = C.NOT_APPLICABLE
            row[C.MESSAGE] = (
                f"The ratio CI check does not apply to {e.estimate_id}: no CI is reported."
            )
            rows.append(row)
            continue
        rows.append(_check_one(db, e, row, rounding))
    return tuple(finding(NAME, rounding, row) for row in rows)


check_ratio_ci = frame_check(NAME, ratio_ci_findings)


def _check_one(db: Dataset, e: Estimate, row: dict[str, Any], rounding: str) -> dict[str, Any]:
    value, lower, upper = e.value, e.ci_low, e.ci_high
    assert value is not None and lower is not None and upper is not None
    numbers = [float(to_decimal(v)) for v in (value, lower, upper)]
    # A number printed as 0 (a tiny ratio rounded) has no logarithm: the shape measures are NaN.
    est, lo, hi = (math.log(x) if x > 0 else math.nan for x in numbers)
    is_inside = inside(value, lower, upper, rounding)
    is_centred = centred(value, lower, upper, rounding)
    width = hi - lo
    offset = abs((hi + lo) / 2 - est) / width if width > 0 else math.nan
    asymmetry = (hi - est) / (est - lo) if est > lo else math.nan
    log_se = log_se_from_ci(numbers[1], numbers[2], printed_level(e.ci_level))
    geometric = math.exp((hi + lo) / 2)
    row.update(
        {
            C.INSIDE: is_inside,
            C.CENTRED: is_centred,
            C.ASYMMETRY: asymmetry,
            C.CENTRE_OFFSET: offset,
            C.LOG_SE: log_se,
        }
    )
    level_text = f"{to_decimal(e.ci_level).normalize():f}% " if e.ci_level else ""
    what = e.measure.replace("_", " ")
    head = (
        f"{label(db, e.source_id)}'s {what} {value} ({level_text}CI {lower}-{upper})"
        + (f" for {e.exposure}" if e.exposure else "")
    )
    shape = (
        f"the geometric mean of the limits is {fmt_float(geometric, 3)}, the upper arm is "
        f"{fmt_float(asymmetry)} times the lower on the log scale, and the estimate is off the "
        f"log-scale midpoint by {fmt_float(100 * offset, 1)}% of the CI's width"
    )
    if not is_inside:
        row[C.STATUS] = C.FAIL
        nearest = deciding_reading(*(span(v, rounding) for v in (value, lower, upper)))
        row[C.MESSAGE] = (
            f"{head} lies outside its own CI under every reading of rounding {rounding!r} "
            f"(deciding reading: {nearest})."
        )
    elif is_centred:
        row[C.STATUS] = C.OK
        row[C.MESSAGE] = (
            f"{head} is centred in its CI on the log scale within rounding {rounding!r}, as a "
            f"Wald-type interval is ({shape})."
        )
    else:
        best = best_centre_offset(value, lower, upper, rounding)
        best_offset = best.offset if best is not None else math.nan
        beyond = not best_offset <= METAFOR_TOLERANCE  # NaN (no usable reading): fail
        row[C.STATUS] = C.FAIL if beyond else C.WARN
        tolerance = f"metafor's {100 * METAFOR_TOLERANCE:.0f}% tolerance"
        reading = (
            ""
            if best is None
            else f"{fmt_decimal(best.estimate)} ({fmt_decimal(best.lower)}-"
            f"{fmt_decimal(best.upper)}), off the midpoint by {fmt_float(100 * best_offset, 1)}%"
        )
        if beyond:
            tail = (
                f"even its most favourable reading within rounding, {reading}, is beyond "
                f"{tolerance}: too asymmetric for a Wald-type interval or a likely alternative "
                "method"
                if best is not None
                else f"no reading within rounding has positive limits, so {tolerance} cannot "
                "be met"
            )
        else:
            tail = (
                f"the reading {reading}, is within {tolerance}, so only a non-Wald interval "
                "(profile likelihood, bootstrap) could explain it"
            )
        row[C.MESSAGE] = (
            f"{head} is not centred in its CI on the log scale under any reading of rounding "
            f"{rounding!r}: {shape}; {tail}."
        )
    return row


