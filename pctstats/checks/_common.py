"""Helpers shared by the checks and the claim audit: the record set, interval logic, frames.

Nothing here rounds or unrounds a number: the interval of true values behind a printed value always
comes from :func:`pctstats.core.rounding.rounding_interval`. This module only compares such
intervals
(do two overlap? is one entirely above the other?) and assembles the tidy output frames.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Final, NamedTuple

import pandas as pd

from pctstats.checks.columns import CHECK, CORE_COLUMNS, ROUNDING
from pctstats.core.rounding import check_rounding, rounding_interval
from pctstats.data.dataset import Dataset, default_dataset
from pctstats.data.records import Estimate, Source

#: Words for the vocabularies of :mod:`pctstats.core.vocab`, as they read inside a sentence.
TIMEFRAME_WORDS: Final = MappingProxyType(
    {
        "lifetime": "in their lifetime",
        "since_sexually_active": "since becoming sexually active",
        "past_4_weeks": "in the past 4 weeks",
        "past_year": "in the past year",
        "recent": "'recently'",
        "not_stated": "with no period named",
    }
)
FREQUENCY_WORDS: Final = MappingProxyType(
    {
        "at_least_once": "at least once",
        "a_few_times": "a few times",
        "regular_basis": "on a regular basis",
        "always_or_most": "always or most of the time",
        "persistent": "persistently",
        "three_months_or_more": "for 3 months or more",
        "not_stated": "with no frequency named",
    }
)
CONTEXT_WORDS: Final = MappingProxyType(
    {
        "any": "after any sexual activity",
        "consensual_intercourse": "after consensual intercourse",
        "general_sexual_activity": "after general sexual activity",
        "masturbation": "after masturbation",
        "sex_in_relationship": "after sex within a relationship",
        "casual_sex": "after casual sex",
        "after_orgasm_only": "only after orgasm",
        "vaginal_penetration": "during vaginal penetration",
    }
)
OUTCOME_WORDS: Final = MappingProxyType(
    {
        "pcd_symptoms": "PCD symptoms",
        "postcoital_psychological_symptoms": "post-coital psychological symptoms",
        "any_postcoital_symptom": "any postcoital symptom",
        "crying_after_sex": "crying after sex",
        "dyspareunia": "painful sex",
        "sexual_performance_anxiety": "sexual performance anxiety",
    }
)
SEX_WORDS: Final = MappingProxyType({"female": "women", "male": "men", "all": "people"})
#: The same vocabularies as short nouns, for "X against Y" phrases.
TIMEFRAME_NOUNS: Final = MappingProxyType(
    {
        "lifetime": "lifetime",
        "since_sexually_active": "since becoming sexually active",
        "past_4_weeks": "past 4 weeks",
        "past_year": "past year",
        "recent": "'recent'",
        "not_stated": "no period named",
    }
)
FREQUENCY_NOUNS: Final = MappingProxyType(
    {
        "at_least_once": "at least once",
        "a_few_times": "a few times",
        "regular_basis": "on a regular basis",
        "always_or_most": "always or most of the time",
        "persistent": "persistent",
        "three_months_or_more": "3 months or more",
        "not_stated": "no frequency named",
    }
)
CONTEXT_NOUNS: Final = MappingProxyType(
    {
        "any": "no particular context",
        "consensual_intercourse": "after consensual intercourse",
        "general_sexual_activity": "after general sexual activity",
        "masturbation": "after masturbation",
        "sex_in_relationship": "after sex within a relationship",
        "casual_sex": "after casual sex",
        "after_orgasm_only": "only after orgasm",
        "vaginal_penetration": "during vaginal penetration",
    }
)


class Span(NamedTuple):
    """A closed, open or half-open interval of exact numbers ``low .. high``.

    Built from :class:`pctstats.core.rounding.RoundingInterval` (same field order) or from two of
    them
    (the true values behind a printed range ``"3"``–``"4"``).
    """

    low: Decimal
    high: Decimal
    low_inclusive: bool = True
    high_inclusive: bool = True

    def contains(self, x: Decimal) -> bool:
        """Tell whether ``x`` lies in the interval.

        Examples
        --------
        >>> Span(Decimal(1), Decimal(2), True, False).contains(Decimal(2))
        False
        """
        above = x >= self.low if self.low_inclusive else x > self.low
        below = x <= self.high if self.high_inclusive else x < self.high
        return bool(above and below)

    def scaled(self, factor: Decimal | int) -> Span:
        """The interval multiplied by a positive ``factor``.

        Examples
        --------
        >>> Span(Decimal("4.5"), Decimal("5.5")).scaled(10)
        Span(low=Decimal('45.0'), high=Decimal('55.0'), low_inclusive=True, high_inclusive=True)
        """
        factor = Decimal(factor)
        return Span(self.low * factor, self.high * factor, self.low_inclusive, self.high_inclusive)


def resolve(db: Dataset | None) -> Dataset:
    """The record set to check: ``db``, or the shipped one (loaded once)."""
    return default_dataset() if db is None else db


def span(value: str, rounding: str, scale: int = 1) -> Span:
    """The true values that print as ``value`` under ``rounding`` (see ``core.rounding``).

    Examples
    --------
    >>> span("46", "up_or_down")
    Span(low=Decimal('45.5'), high=Decimal('46.5'), low_inclusive=True, high_inclusive=True)
    """
    return Span(*rounding_interval(value, rounding, scale=scale))


def range_span(low: str, high: str, rounding: str, scale: int = 1) -> Span:
    """The true values a printed range ``low``–``high`` can stand for.

    From the least value behind ``low`` to the greatest behind ``high``.

    Examples
    --------
    >>> tuple(range_span("3", "4", "up_or_down"))[:2]
    (Decimal('2.5'), Decimal('4.5'))
    """
    return hull(span(low, rounding, scale), span(high, rounding, scale))


def hull(low: Span, high: Span) -> Span:
    """From the least value of ``low`` to the greatest of ``high``.

    What a printed pair of bounds (a range, a CI) can cover at most.

    Examples
    --------
    >>> tuple(hull(span("6.7", "up_or_down"), span("8.3", "up_or_down")))[:2]
    (Decimal('6.65'), Decimal('8.35'))
    """
    return Span(low.low, high.high, low.low_inclusive, high.high_inclusive)


def estimate_span(estimate: Estimate, rounding: str, scale: int = 1) -> Span | None:
    """The true values behind an estimate's printed value or range (``None`` with no value)."""
    if estimate.value is None:
        return None
    if estimate.value_high is not None:
        return range_span(estimate.value, estimate.value_high, rounding, scale)
    return span(estimate.value, rounding, scale)


def overlap(a: Span, b: Span) -> bool:
    """Tell whether two intervals share at least one number.

    Examples
    --------
    >>> overlap(span("5", "up_or_down"), span("5.1", "up_or_down"))
    True
    >>> overlap(span("41", "up_or_down"), span("4", "up_or_down"))
    False
    """
    if a.low > b.high or b.low > a.high:
        return False
    if a.low == b.high:
        return a.low_inclusive and b.high_inclusive
    if b.low == a.high:
        return b.low_inclusive and a.high_inclusive
    return True


def entirely_above(a: Span, b: Span) -> bool:
    """Tell whether every number in ``a`` exceeds every number in ``b``.

    Examples
    --------
    >>> entirely_above(span("46", "up_or_down"), span("41", "up_or_down"))
    True
    """
    return a.low > b.high or (a.low == b.high and not (a.low_inclusive and b.high_inclusive))


def label(db: Dataset, source_id: str) -> str:
    """A source's short label and id, e.g. ``"S3 (maczkowiack2019)"``."""
    source: Source | None = db.sources.get(source_id)
    return f"{source.label} ({source_id})" if source is not None else source_id


def fmt_n(n: int | None) -> str:
    """A sample size with thousands separators (``1,208``)."""
    return "unknown" if n is None else f"{n:,}"


def fmt_float(x: float, digits: int = 2) -> str:
    """A float with ``digits`` decimals (``inf`` and ``nan`` spelled out)."""
    if x != x:  # NaN
        return "nan"
    if x in (float("inf"), float("-inf")):
        return "infinite"
    return f"{x:.{digits}f}"


def fmt_decimal(x: Decimal) -> str:
    """An exact decimal without an exponent and without needless trailing zeros."""
    text = format(x.normalize(), "f")
    return text


def frame(check: str, rows: Iterable[Mapping[str, Any]], rounding: str) -> pd.DataFrame:
    """Assemble a check's rows into its tidy frame, core columns first.

    Parameters
    ----------
    check
        The check's registered name.
    rows
        One mapping per finding, holding at least ``record_id``, ``status`` and ``message``.
    rounding
        The rounding mode assumed; stored in the ``rounding`` column and ``df.attrs``.

    Returns
    -------
    pandas.DataFrame
        One row per finding.

    Examples
    --------
    >>> frame("demo", [{"record_id": "x", "status": "ok", "message": "Fine."}], "up_or_down")
      check record_id status message    rounding
    0  demo         x     ok   Fine.  up_or_down
    """
    rounding = check_rounding(rounding)
    records = [{CHECK: check, ROUNDING: rounding, **row} for row in rows]
    out = pd.DataFrame.from_records(records)
    if out.empty:
        out = pd.DataFrame(columns=list(CORE_COLUMNS))
    rest = [c for c in out.columns if c not in CORE_COLUMNS]
    out = out[[*CORE_COLUMNS, *rest]]
    out.attrs["rounding"] = rounding
    out.attrs["check"] = check
    return out
