"""Printed numbers as intervals of true values, and how such intervals compare.

Nothing here rounds or unrounds a number: the interval of true values behind a printed value always
comes from :func:`pctstats.core.rounding.rounding_interval`. This module only builds such intervals
(a value, a range, a hull), scales and multiplies them, and compares them (do two overlap? is one
entirely above the other?).

Examples
--------
>>> overlap(span("5", "up_or_down"), span("5.1", "up_or_down"))
True
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple, Protocol

from pctstats.core.rounding import rounding_interval

__all__ = [
    "Span",
    "entirely_above",
    "estimate_span",
    "hull",
    "overlap",
    "product",
    "range_span",
    "span",
    "square",
]


class _Printed(Protocol):
    @property
    def value(self) -> str | None: ...

    @property
    def value_high(self) -> str | None: ...


class Span(NamedTuple):
    """A closed, open or half-open interval of exact numbers ``low .. high``.

    Built from :class:`pctstats.core.rounding.RoundingInterval` (same field order) or from two of
    them (the true values behind a printed range ``"3"``–``"4"``).

    Examples
    --------
    >>> Span(Decimal(1), Decimal(2)).contains(Decimal("1.5"))
    True
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


def estimate_span(estimate: _Printed, rounding: str, scale: int = 1) -> Span | None:
    """The true values behind a record's printed value or range (``None`` with no value).

    Examples
    --------
    >>> from pctstats import load
    >>> tuple(estimate_span(load().estimates["maczkowiack2019-regular"], "up_or_down"))[:2]
    (Decimal('2.5'), Decimal('4.5'))
    """
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


def square(s: Span) -> Span:
    """The squares of the (non-negative) numbers of ``s``.

    Examples
    --------
    >>> tuple(square(span("2", "up_or_down")))[:2]
    (Decimal('2.25'), Decimal('6.25'))
    """
    return Span(s.low * s.low, s.high * s.high, s.low_inclusive, s.high_inclusive)


def product(a: Span, b: Span) -> Span:
    """The products of a number of ``a`` and a number of ``b`` (both non-negative).

    Examples
    --------
    >>> tuple(product(span("2", "up_or_down"), span("3", "up_or_down")))[:2]
    (Decimal('3.75'), Decimal('8.75'))
    """
    return Span(
        a.low * b.low,
        a.high * b.high,
        a.low_inclusive and b.low_inclusive,
        a.high_inclusive and b.high_inclusive,
    )
