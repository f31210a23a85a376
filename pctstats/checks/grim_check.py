"""GRIM on every printed prevalence that has a denominator.

A percentage of ``n`` people is ``100 k / n`` for a whole count ``k``; the GRIM test (Brown &
Heathers 2017, as implemented in :mod:`pctstats.stats.grim_consistency`) asks whether any ``k``
prints as
the reported value under the rounding assumed. One row per estimate of the record set:

* ``ok``: some count fits (the counts are listed). When ``n >= 10**D`` (``D`` = decimals + 2)
  every value fits and the test is *uninformative*; the message says so.
* ``fail``: no count out of ``n`` prints as the value. The row lists the nearest denominators that
  would fit (``nearest_ns``) and the denominators near ``n`` that fit *every* same-``n``
  percentage of that source (``shared_ns``): a typo in one number and a different analysed ``n``
  leave different traces.
* ``not_applicable``: a survey-weighted estimate (a weighted percentage need not be ``k / n``), a
  range, an odds ratio or association, a value that is not a percentage, or no denominator.

When a record prints its count ``k``, the test is whether ``k / n`` itself prints as the value.

The denominator searches (:func:`nearest_denominators`, :func:`shared_denominators`,
:func:`subsample_denominators`) take printed percentages that share the reported denominator ``n``
(``value`` or ``values``, e.g. ``"5.1"``) and a rounding mode of
:data:`pctstats.core.rounding.ROUNDING_MODES`, and return denominators with which every one of
them passes GRIM (the full reference is at :func:`pctstats.stats.grim_consistency.grim_counts`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, Final

from pctstats.checks.findings import Findings, finding, frame_check
from pctstats.core import names as C
from pctstats.core import vocab as V
from pctstats.core.counts import nearest_counts, share, shares
from pctstats.core.phrases import fmt_decimal, fmt_n, label, printed_range, unit_sign
from pctstats.core.reported import decimals_of
from pctstats.core.rounding import DEFAULT_ROUNDING, check_rounding, reround
from pctstats.core.spans import Span, span
from pctstats.data.dataset import Dataset, dataset_or_default
from pctstats.data.records import Estimate, SampleSize
from pctstats.stats.grim_consistency import grim, grim_counts

__all__ = [
    "MAX_LISTED",
    "NAME",
    "check_grim",
    "grim_findings",
    "nearest_denominators",
    "recorded_sample_sizes",
    "search_window",
    "shared_denominators",
    "subsample_denominators",
]

NAME: Final = "grim"
#: How many nearby denominators a row lists at most.
MAX_LISTED: Final = 8


def search_window(n: int) -> int:
    """How far from ``n`` (either way) denominators are searched: ``max(10, n // 5)``.

    Examples
    --------
    >>> search_window(230), search_window(20)
    (46, 10)
    """
    return max(10, n // 5)


def _fitting(values: list[str], candidates: Iterable[int], rounding: str) -> Iterator[int]:
    """The candidate denominators, in the order given, with which every one of ``values`` fits."""
    return (m for m in candidates if all(grim(v, m, rounding=rounding) for v in values))


def nearest_denominators(value: str, n: int, rounding: str = DEFAULT_ROUNDING) -> list[int]:
    """The nearest denominator below ``n`` and the nearest above with which ``value`` is consistent.

    Each is searched within :func:`search_window` of ``n``; the list has up to two, below first.
    GRIM: Brown & Heathers (2017).

    Examples
    --------
    >>> nearest_denominators("5.1", 230)
    [217, 234]
    """
    window = search_window(n)
    below = _fitting([value], range(n - 1, max(0, n - window - 1), -1), rounding)
    above = _fitting([value], range(n + 1, n + window + 1), rounding)
    return [m for m in (next(below, None), next(above, None)) if m is not None]


def shared_denominators(
    values: list[str], n: int, rounding: str = DEFAULT_ROUNDING, limit: int = MAX_LISTED
) -> list[int]:
    """Denominators near ``n`` (``n`` itself included) consistent with every one of ``values``.

    At most ``limit`` within :func:`search_window` of ``n``, nearest to ``n`` first (ties: the
    smaller first). GRIM: Brown & Heathers (2017).

    Examples
    --------
    >>> shared_denominators(["91.9", "94.3", "73.5", "41.9", "46.6", "33.9"], 299)
    [298]
    """
    window = search_window(n)
    candidates = sorted(range(max(1, n - window), n + window + 1), key=lambda m: (abs(m - n), m))
    return list(islice(_fitting(values, candidates, rounding), limit))


def subsample_denominators(
    values: list[str], n: int, rounding: str = DEFAULT_ROUNDING
) -> list[int]:
    """Denominators at or below ``n`` consistent with every one of ``values`` (a sub-sample).

    When an item is answered by part of the sample (item non-response, a filter question), its
    percentages are of a smaller N; this lists every such N that fits them all, smallest first.
    GRIM: Brown & Heathers (2017).

    Examples
    --------
    >>> subsample_denominators(["46", "5.1", "2", "46.2"], 230)
    [117, 156, 158, 195, 197]
    """
    return list(_fitting(values, range(1, n + 1), rounding))


def recorded_sample_sizes(db: Dataset, estimate: Estimate) -> dict[int, list[SampleSize]]:
    """The further sample sizes a record names for an estimate's group, by N.

    Parameters
    ----------
    db
        The record set.
    estimate
        An estimate.

    Returns
    -------
    dict
        N -> the ``sample_sizes.csv`` records of the estimate's source and sex giving it (other
        than the estimate's own n), in increasing N.

    Examples
    --------
    >>> from pctstats.data.dataset import default_dataset
    >>> db = default_dataset()
    >>> sizes = recorded_sample_sizes(db, db.estimates["schweitzer2015-4weeks-few"])
    >>> {n: [s.read_in for s in found] for n, found in sizes.items()}
    {195: ['digest', 'digest', 'news'], 231: ['news']}
    """
    found: dict[int, list[SampleSize]] = defaultdict(list)
    for size in db.sample_sizes_of(estimate.source_id):
        if size.sex == estimate.sex and size.n != estimate.n:
            found[size.n].append(size)
    return dict(sorted(found.items()))


def _applicable(estimate: Estimate) -> str | None:
    """Why GRIM does not apply to ``estimate``, or ``None`` when it does."""
    if estimate.measure == V.PREVALENCE_RANGE or estimate.is_range:
        return "it is a range, not one percentage of whole counts"
    if estimate.measure != V.PREVALENCE:
        return f"it is an {estimate.measure.replace('_', ' ')}, not a percentage of whole counts"
    if estimate.unit != V.PERCENT or estimate.value is None:
        return "it is not a printed percentage"
    if estimate.n is None:
        return "no denominator is recorded"
    if estimate.weighted:
        return (
            "it is survey-weighted, so the percentage is a weighted mean, not a count k out of "
            f"n = {fmt_n(estimate.n)}"
        )
    return None


def _reading_text(reading: Span) -> str:
    """The true values behind a printed percentage, e.g. "5.05% to 5.15%" (ends included)."""
    low, high = (fmt_decimal(100 * x) for x in (reading.low, reading.high))
    ends = {(True, True): "both included", (True, False): "the upper end excluded",
            (False, True): "the lower end excluded", (False, False): "both ends excluded"}
    return f"{low}% to {high}% ({ends[reading.low_inclusive, reading.high_inclusive]})"


def _counts_text(counts: range, n: int) -> str:
    if len(counts) == 1:
        return f"k = {counts[0]} ({share(counts[0], n)})"
    if len(counts) <= 3:
        return "k = " + " or ".join(str(k) for k in counts)
    return f"k = {counts[0]} to {counts[-1]}"


def grim_findings(db: Dataset | None = None, rounding: str = DEFAULT_ROUNDING) -> Findings:
    """GRIM-test every prevalence estimate with a denominator.

    ``rounding`` is assumed for the printed percentages. It returns one finding per estimate:
    the core columns plus ``source_id``, ``value``, ``n``, ``k_min`` and ``k_max`` (the
    consistent counts, an inclusive range; missing when none fits), ``informative``,
    ``nearest_ns``, ``shared_ns`` and ``n_shared_values``.

    References
    ----------
    Brown & Heathers (2017), the GRIM test; the full reference is at
    :func:`pctstats.stats.grim_consistency.grim_counts`.

    Examples
    --------
    >>> df = check_grim()
    >>> row = df.set_index("record_id").loc["schweitzer2015-4weeks-few"]
    >>> row[["status", "nearest_ns"]].tolist()
    ['fail', [217, 234]]
    >>> found = {f.record_id: f for f in grim_findings()}
    >>> found["schweitzer2015-4weeks-few"].details["nearest_ns"]
    [217, 234]
    """
    rounding = check_rounding(rounding)
    db = dataset_or_default(db)
    groups: dict[tuple[str, int], list[str]] = defaultdict(list)
    for e in db.estimates.values():
        if _applicable(e) is None:
            groups[(e.source_id, e.n)].append(e.value)  # type: ignore[index, arg-type]
    shared_cache: dict[tuple[str, int], list[int]] = {}
    rows: list[dict[str, Any]] = []
    for e in db.estimates.values():
        row: dict[str, Any] = {
            C.RECORD_ID: e.estimate_id,
            C.SOURCE_ID: e.source_id,
            C.VALUE: printed_range(e.value, e.value_high),
            C.N: e.n,
            C.WEIGHTED: e.weighted,
        }
        reason = _applicable(e)
        if reason is not None:
            row[C.STATUS] = C.NOT_APPLICABLE
            printed = "no number" if e.value is None else row[C.VALUE] + unit_sign(e.unit)
            row[C.MESSAGE] = (
                f"GRIM does not apply to {e.estimate_id} ({printed}, n = {fmt_n(e.n)}): {reason}."
            )
            rows.append(row)
            continue
        value, n = e.value, e.n
        assert value is not None and n is not None
        decimals = decimals_of(value) + 2
        informative = n < 10**decimals
        if e.k is not None:
            fits = value in reround(e.k, n, 100, decimals - 2, rounding)
            counts = range(e.k, e.k + 1) if fits else range(0)
        else:
            counts = grim_counts(value, n, rounding=rounding)
        key = (e.source_id, n)
        if key not in shared_cache:
            shared_cache[key] = shared_denominators(groups[key], n, rounding)
        row.update(
            {
                C.K_MIN: counts[0] if counts else None,
                C.K_MAX: counts[-1] if counts else None,
                C.INFORMATIVE: informative,
                C.SHARED_NS: shared_cache[key],
                C.N_SHARED_VALUES: len(groups[key]),
                C.NEAREST_NS: [],
                C.SUBSAMPLE_NS: [],
                C.RECORDED_NS: [],
            }
        )
        where = f"{label(db, e.source_id)}'s {value}% of n = {fmt_n(n)}"
        if counts:
            row[C.STATUS] = C.OK
            under = f"under rounding {rounding!r}"
            if e.k is not None:
                text = f"{where} is what the printed count k = {e.k} gives {under}"
            else:
                text = f"{where} is consistent with {_counts_text(counts, n)} {under}"
            if not informative:
                kind = (
                    "whole-number percentage"
                    if decimals == 2
                    else f"percentage printed with {decimals - 2} decimal(s)"
                )
                text += (
                    f", but GRIM is uninformative here: n = {fmt_n(n)} is at least "
                    f"{10**decimals:,}, so every {kind} is possible"
                )
            row[C.MESSAGE] = text + "."
        else:
            row[C.STATUS] = C.FAIL
            nearest = nearest_denominators(value, n, rounding)
            row[C.NEAREST_NS] = nearest
            if e.k is not None:
                text = (
                    f"{where} is not what its printed count k = {e.k} gives under rounding "
                    f"{rounding!r}"
                )
            else:
                reading = span(value, rounding, scale=100)
                text = (
                    f"{where} is not 100 k / {n} for any whole count k under rounding "
                    f"{rounding!r}: it stands for {_reading_text(reading)}, and no k / {n} lies "
                    "there "
                    f"(nearest: {shares(nearest_counts(value, n), n)})"
                )
            window = search_window(n)
            if nearest:
                fits = " and ".join(map(str, nearest))
                text += f"; the nearest denominators that fit it are {fits}"
            else:
                text += f"; no denominator within {window} of n fits it"
            others = len(groups[key])
            if others > 1:
                shared = shared_cache[key]
                text += (
                    f"; denominators within {window} of n that fit all {others} percentages "
                    f"this source prints for n = {fmt_n(n)}: "
                    + (", ".join(map(str, shared)) if shared else "none")
                )
            subsample = subsample_denominators(groups[key], n, rounding)
            recorded = [m for m in recorded_sample_sizes(db, e) if m in subsample]
            row[C.SUBSAMPLE_NS] = subsample
            row[C.RECORDED_NS] = recorded
            text += (
                f"; {len(subsample)} sub-sample denominator(s) at or below n fit "
                + ("it" if others == 1 else f"all {others}")
            )
            if recorded:
                text += (
                    f", of which the record set names {' and '.join(map(str, recorded))} "
                    f"(sample_sizes.csv; see check grim_sample_sizes)"
                )
            row[C.MESSAGE] = text + "."
        rows.append(row)
    return tuple(finding(NAME, rounding, row) for row in rows)


check_grim = frame_check(NAME, grim_findings)
