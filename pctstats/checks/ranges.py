"""Ranges and confidence intervals: the lower bound is not above the upper, and both are possible.

For every printed pair of bounds in the record set (an estimate's or a claim's range ``value`` –
``value_high``, and an estimate's confidence interval ``ci_low`` – ``ci_high``):

* ``fail`` when the lower bound is above the upper one, when a percentage lies outside 0–100, or
  when a ratio bound is not positive;
* ``ok`` otherwise.

The loader (:func:`pctstats.load`) already rejects such records, so on the shipped record set every
row is ``ok``; the check exists for records built or edited outside the loader, and to state the
guarantee in the report. The printed numbers are compared exactly (as decimals): a bound cannot be
"out of order under rounding" without being out of order as printed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Final

from pctstats.checks.findings import Findings, finding, frame_check
from pctstats.core import names as C
from pctstats.core import vocab as V
from pctstats.core.phrases import unit_sign
from pctstats.core.reported import to_decimal
from pctstats.core.rounding import DEFAULT_ROUNDING, check_rounding
from pctstats.data.dataset import Dataset, dataset_or_default
from pctstats.data.records import Claim, Estimate

__all__ = ["NAME", "check_ranges", "range_findings"]

NAME: Final = "ranges"
#: What a row about a record's range is about (its ``kind``).
RANGE: Final = "range"


def _problems(low: str, high: str, unit: str) -> list[str]:
    """What is wrong with the bounds ``low``–``high`` of ``unit`` (empty when nothing)."""
    lo, hi = to_decimal(low), to_decimal(high)
    problems = []
    if lo > hi:
        problems.append(f"the lower bound {low} is above the upper bound {high}")
    if unit == V.PERCENT:
        problems += [
            f"{v}% is outside 0-100%" for v in (low, high) if not 0 <= to_decimal(v) <= 100
        ]
    if unit == V.RATIO:
        problems += [f"the ratio bound {v} is not positive" for v in (low, high)
                     if to_decimal(v) <= Decimal(0)]
    return problems


def _rows(record: Estimate | Claim, table: str) -> list[dict[str, Any]]:
    record_id = record.estimate_id if isinstance(record, Estimate) else record.claim_id
    pairs = []
    if record.value is not None and record.value_high is not None:
        pairs.append((RANGE, record.value, record.value_high))
    if isinstance(record, Estimate) and record.ci_low is not None and record.ci_high is not None:
        level = f"{record.ci_level}% " if record.ci_level else ""
        pairs.append((f"{level}confidence interval", record.ci_low, record.ci_high))
    rows = []
    for kind, low, high in pairs:
        problems = _problems(low, high, record.unit)
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

    Takes the record set ``db`` (the shipped one by default) and ``rounding``, recorded in the
    output for uniformity; the bounds are compared exactly as printed. :func:`check_ranges` gives
    the findings as the check's frame.

    Returns
    -------
    tuple of Finding
        One finding per range or CI: the core columns plus ``table`` (``estimates`` or ``claims``),
        ``kind`` (``range`` or ``95% confidence interval``...), ``unit``, and the bounds as
        printed in ``value`` / ``value_high`` (a range) or ``ci_low`` / ``ci_high`` (a CI).

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
        rows += _rows(e, "estimates")
    for c in db.claims.values():
        rows += _rows(c, "claims")
    return tuple(finding(NAME, rounding, row) for row in rows)


check_ranges = frame_check(NAME, range_findings)
