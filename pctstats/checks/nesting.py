"""Nesting: a prevalence of a narrower event cannot exceed the prevalence of a broader one.

Within one source, for the same sex, outcome and denominator, everyone who had symptoms in the past
4 weeks, "a few times", "on a regular basis" or "always or most of the time" also had them at least
once in their lifetime (or since becoming sexually active). So the narrower prevalence cannot exceed
the broader one. The comparison is made between the *rounding intervals* of the two printed values
(from :func:`pctstats.core.rounding.rounding_interval`), not the printed numbers: "5" can stand for
a
true 5.4 and "5.1" for a true 5.05, so the check fails only when *no* pair of true values behind the
two prints is in order.

Which estimate nests in which (:func:`nests_in`):

* the broader estimate counts *any* occurrence (frequency ``at_least_once``) over a timeframe that
  contains the narrower one's: ``lifetime`` and ``since_sexually_active`` contain every timeframe
  (including ``recent`` and ``not_stated``), ``past_year`` contains ``past_4_weeks``, and every
  timeframe contains itself;
* the narrower estimate has any frequency, and differs from the broader in timeframe, frequency or
  context;
* the broader estimate's context is ``any`` (all sexual activity) or the same as the narrower's;
* same source, sex, outcome and (when both are known) denominator; neither is a printed version of
  the other (``version_of``).

Statuses: ``fail`` when the narrower value (for a range, its low end) is above the broader one
under every reading of the rounding; ``warn`` when only the high end of a narrower *range* is;
else ``ok``.
"""

from __future__ import annotations

from typing import Any, Final

from pctstats.checks.findings import Findings, finding, frame_check
from pctstats.core import names as C
from pctstats.core import vocab as V
from pctstats.core.equivalence import timeframe_contains
from pctstats.core.phrases import fmt_decimal, label, printed_range, words
from pctstats.core.rounding import DEFAULT_ROUNDING, check_rounding
from pctstats.core.spans import entirely_above, span
from pctstats.data.dataset import Dataset, dataset_or_default
from pctstats.data.records import Estimate

__all__ = ["NAME", "check_nesting", "nesting_findings", "nests_in"]

NAME: Final = "nesting"

_PERCENT_MEASURES: Final = frozenset({V.PREVALENCE, V.PREVALENCE_RANGE})


def nests_in(narrow: Estimate, broad: Estimate) -> bool:
    """Tell whether ``narrow``'s prevalence can be no larger than ``broad``'s, by definition.

    True when ``broad`` counts any occurrence (``at_least_once``) over a timeframe that contains
    ``narrow``'s (:func:`pctstats.core.equivalence.timeframe_contains`) among the same people
    (source, sex, outcome, denominator); the module docstring states the rule in full.

    Examples
    --------
    >>> from pctstats import load
    >>> estimates = load().estimates
    >>> few, ever = estimates["schweitzer2015-4weeks-few"], estimates["schweitzer2015-lifetime"]
    >>> nests_in(few, ever), nests_in(ever, few), nests_in(ever, ever)
    (True, False, False)
    """
    if narrow.estimate_id == broad.estimate_id:
        return False
    if narrow.version_of == broad.estimate_id or broad.version_of == narrow.estimate_id:
        return False
    for e in (narrow, broad):
        if e.measure not in _PERCENT_MEASURES or e.unit != V.PERCENT or e.value is None:
            return False
    same = (
        narrow.source_id == broad.source_id
        and narrow.sex == broad.sex
        and narrow.outcome == broad.outcome
        and (narrow.n is None or broad.n is None or narrow.n == broad.n)
    )
    if not same or broad.frequency != V.AT_LEAST_ONCE:  # the broader counts any occurrence
        return False
    if broad.context not in (V.ANY, narrow.context):
        return False
    if not timeframe_contains(broad.timeframe, narrow.timeframe):
        return False
    return (narrow.timeframe, narrow.frequency, narrow.context) != (
        broad.timeframe,
        broad.frequency,
        broad.context,
    )


def _describe(e: Estimate) -> str:
    value = printed_range(e.value, e.value_high)
    context = "" if e.context == V.ANY else f" {words('context', e.context)}"
    return f"{value}% {words('frequency', e.frequency)} {words('timeframe', e.timeframe)}{context}"


def nesting_findings(db: Dataset | None = None, rounding: str = DEFAULT_ROUNDING) -> Findings:
    """Check that no narrower prevalence exceeds the broader one it is nested in.

    ``rounding`` is assumed for both printed values. It returns one finding per nested pair
    (``record_id`` the narrower estimate, ``related_id`` the broader): the core columns plus
    ``source_id``, ``value``, ``related_value`` and the true-value bounds ``low``, ``high``
    (narrower) and ``related_low``, ``related_high`` (broader), in per cent.

    Examples
    --------
    >>> df = check_nesting()
    >>> df.loc[df.record_id == "schweitzer2015-4weeks-few", "status"].tolist()
    ['ok']
    >>> [f.status for f in nesting_findings() if f.record_id == "schweitzer2015-4weeks-few"]
    ['ok']
    """
    rounding = check_rounding(rounding)
    db = dataset_or_default(db)
    rows: list[dict[str, Any]] = []
    estimates = list(db.estimates.values())
    for broad in estimates:
        for narrow in estimates:
            if not nests_in(narrow, broad):
                continue
            assert narrow.value is not None and broad.value is not None
            low_end = span(narrow.value, rounding)
            high_end = span(narrow.value_high, rounding) if narrow.value_high else low_end
            top = span(broad.value_high or broad.value, rounding)
            where = f"In {label(db, narrow.source_id)} ({narrow.sex}, {narrow.outcome})"
            if entirely_above(low_end, top):
                status = C.FAIL
                verdict = (
                    f"exceeds the broader {_describe(broad)} ({broad.estimate_id}) under every "
                    f"reading of rounding {rounding!r} (at least {fmt_decimal(low_end.low)}% "
                    f"against at most {fmt_decimal(top.high)}%), which nesting forbids"
                )
            elif entirely_above(high_end, top):
                status = C.WARN
                verdict = (
                    f"has a high end above the broader {_describe(broad)} ({broad.estimate_id}) "
                    f"under rounding {rounding!r} (at least {fmt_decimal(high_end.low)}% against "
                    f"at most {fmt_decimal(top.high)}%), so part of the range is impossible"
                )
            else:
                status = C.OK
                verdict = (
                    f"does not exceed the broader {_describe(broad)} ({broad.estimate_id}) "
                    f"under rounding {rounding!r}"
                )
            rows.append(
                {
                    C.RECORD_ID: narrow.estimate_id,
                    C.STATUS: status,
                    C.MESSAGE: f"{where}, {_describe(narrow)} ({narrow.estimate_id}) {verdict}.",
                    C.SOURCE_ID: narrow.source_id,
                    C.RELATED_ID: broad.estimate_id,
                    C.VALUE: printed_range(narrow.value, narrow.value_high),
                    C.RELATED_VALUE: printed_range(broad.value, broad.value_high),
                    C.LOW: float(low_end.low),
                    C.HIGH: float(high_end.high),
                    C.RELATED_LOW: float(span(broad.value, rounding).low),
                    C.RELATED_HIGH: float(top.high),
                }
            )
    return tuple(finding(NAME, rounding, row) for row in rows)


check_nesting = frame_check(NAME, nesting_findings)
