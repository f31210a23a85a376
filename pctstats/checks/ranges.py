"""Ranges and confidence intervals: the lower bound is not above the upper, and both are possible.

For every printed pair of bounds in the record set (an estimate's or a claim's range ``value`` –
``value_high``, and an estimate's confidence interval ``ci_low`` – ``ci_high``):

* ``fail`` when the lower bound is above the upper one, when a percentage lies above 100, or when
  a ratio bound is not positive, each under every reading of the rounding (the message names the
  reading that decides);
* ``ok`` otherwise.

The loader (:func:`pctstats.load`) already rejects such records, so on the shipped record set every
row is ``ok``; the check exists for records built or edited outside the loader, and to state the
guarantee in the report. The bounds are compared under rounding, like every check: "5.1" to
"5.07" (printed at different precisions) can stand for a true 5.06 to 5.07, so it is in order.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Final

from pctstats.checks.findings import Findings, finding, frame_check
from pctstats.core import names as C
from pctstats.core import vocab as V
from pctstats.core.phrases import fmt_decimal, unit_sign
from pctstats.core.rounding import DEFAULT_ROUNDING, check_rounding
from pctstats.core.spans import span
from pctstats.data.dataset import Dataset, dataset_or_default
from pctstats.data.records import Claim, Estimate

__all__ = ["NAME", "check_ranges", "range_findings"]

NAME: Final = "ranges"
#: What a row about a record's range is about (its ``kind``).
RANGE: Final = "range"


def _problems(low: str, high: str, unit: str, rounding: str) -> list[str]:
    """What is wrong with the bounds ``low``–``high`` of ``unit`` under every reading of rounding.

    Each problem names the reading that decides it: a bound is out of order only when even the
    least reading of ``low`` is above the greatest reading of ``high`` ("5.1" to "5.07" can be a
    true 5.06 to 5.07), and a percentage is impossible only when every reading of it is.
    """
    lo, hi = span(low, rounding), span(high, rounding)
    problems = []
    if lo.low > hi.high or (lo.low == hi.high and not (lo.low_inclusive and hi.high_inclusive)):
        problems.append(
            f"the lower bound {low} is above the upper bound {high} under every reading of "
            f"rounding {rounding!r} (its least reading {fmt_decimal(lo.low)} against the upper "
            f"bound's greatest {fmt_decimal(hi.high)})"
        )
    if unit == V.PERCENT:
        for v in (low, high):
            least = span(v, rounding)
            if least.low > 100 or (least.low == 100 and not least.low_inclusive):
                problems.append(
                    f"{v}% is above 100% under every reading of rounding {rounding!r} (its least "
                    f"reading is {fmt_decimal(least.low)}%)"
                )
    if unit == V.RATIO:
        problems += [
            f"the ratio bound {v} is not positive under any reading of rounding {rounding!r}"
            for v in (low, high)
            if span(v, rounding).high <= Decimal(0)
        ]
    return problems


def _rows(record: Estimate | Claim, table: str, rounding: str) -> list[dict[str, Any]]:
    record_id = record.estimate_id if isinstance(record, Estimate) else record.claim_id
    pairs = []
    if record.value is not None and record.value_high is not None:
        pairs.append((RANGE, record.value, record.value_high))
    if isinstance(record, Estimate) and record.ci_low is not None and record.ci_high is not None:
        level = f"{record.ci_level}% " if record.ci_level else ""
        pairs.append((f"{level}confidence interval", record.ci_low, record.ci_high))
    rows = []
    for kind, low, high in pairs:
        problems = _problems(low, high, record.unit, rounding)
        sign = unit_sign(record.unit)
        printed = f"{low}{sign} to {high}{sign}"
        if problems:
            status = C.FAIL
            message = f"The {kind} of {record_id} ({printed}) is impossible: " + "; ".join(
                problems
            )
        else:
            status = C.OK
            bounds = " within 0-100%" if record.unit == V.PERCENT else ""
            bounds = " with positive bounds" if record.unit == V.RATIO else bounds
            message = f"The {kind} of {record_id} ({printed}) is in order{bounds}"
        rows.append(
            {
                C.RECORD_ID: record_id,
                C.STATUS: status,
                C.MESSAGE: message + ".",
                C.TABLE: table,
                C.KIND: kind,
                C.UNIT: record.unit,
                **(
                    {C.VALUE: low, C.VALUE_HIGH: high}
                    if kind == RANGE
                    else {C.CI_LOW: low, C.CI_HIGH: high}
                ),
            }
        )
    return rows


def range_findings(db: Dataset | None = None, rounding: str = DEFAULT_ROUNDING) -> Findings:
    """Check every printed range and confidence interval for order and possible values.

    ``rounding`` is only recorded in the output: the bounds are compared exactly as printed. It
    returns one finding per range or CI: the core columns plus ``table`` (``estimates`` or
    ``claims``), ``kind`` (``range`` or ``95% confidence interval``...), ``unit``, and the
    bounds as printed in ``value`` / ``value_high`` (a range) or ``ci_low`` / ``ci_high`` (a
    CI).

    Examples
    --------
    >>> df = check_ranges()
    >>> sorted(set(df.status))
    ['ok']
    >>> {f.status for f in range_findings()}
    {'ok'}
    """
    rounding = check_rounding(rounding)
    db = dataset_or_default(db)
    rows: list[dict[str, Any]] = []
    for e in db.estimates.values():
        rows += _rows(e, "estimates", rounding)
    for c in db.claims.values():
        rows += _rows(c, "claims", rounding)
    return tuple(finding(NAME, rounding, row) for row in rows)


check_ranges = frame_check(NAME, range_findings)
