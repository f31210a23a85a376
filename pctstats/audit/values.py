"""A claim's number against an estimate's, under rounding and approximation.

Each printed number stands for the interval of true values that print as it
(:func:`pctstats.core.rounding.rounding_interval`). A claim's number is read at its own precision;
"about"/"around" and "almost" read an integer ending in zero at the precision of its last non-zero
digit ("almost half", recorded as 50, is "45 to 50"), and "almost" keeps only the part below the
number. Then (:data:`VALUE_MATCHES`): the claim is ``equal`` when it prints the source's number
at the same precision ("about 41%" for 41 is equal); ``rounded`` when it is coarser and its
interval meets the source's ("5%" for 5.1); ``in_range`` when a point claim lies in a source range
("about four percent" in "between 3% and 4%"); ``more_precise`` when it prints more decimals than
the source but rounds to it; ``different`` otherwise.

Examples
--------
>>> compare_point("5", "exact", "5.1")
'rounded'
"""

from __future__ import annotations

from functools import lru_cache
from types import MappingProxyType
from typing import Final, Protocol

from pctstats.core import vocab as V
from pctstats.core.names import (
    DIFFERENT,
    DIRECTION_AGREES,
    DIRECTION_CONTRADICTS,
    DIRECTION_UNDETERMINED,
    EQUAL,
    IN_RANGE,
    MORE_PRECISE,
    NO_NUMBER,
    RATIO_IMPLIED,
    ROUNDED_VALUE,
)
from pctstats.core.reported import decimals_of, to_decimal
from pctstats.core.rounding import DEFAULT_ROUNDING
from pctstats.core.spans import Span, hull, overlap, span
from pctstats.data.records import Claim, Estimate

__all__ = [
    "COARSER",
    "VALUE_FOUND",
    "VALUE_MATCHES",
    "PrintedNumber",
    "claim_span",
    "clear_value_cache",
    "compare_point",
    "compare_value",
]

#: How a claim's number relates to an estimate's, under rounding and approximation.
VALUE_MATCHES: Final = MappingProxyType(
    {
        EQUAL: "the claim prints the source's number at the source's precision",
        ROUNDED_VALUE: "the claim is coarser than the source and consistent with it",
        IN_RANGE: "a point claim lies within the source's printed range",
        MORE_PRECISE: "the claim prints more decimals than the source but rounds to it",
        DIFFERENT: "no true value is behind both the claim's number and the source's",
        DIRECTION_AGREES: "a comparison whose direction the pair of prevalences shows",
        DIRECTION_CONTRADICTS: "a comparison the pair of prevalences contradicts",
        DIRECTION_UNDETERMINED: "a comparison rounding cannot decide",
        RATIO_IMPLIED: "a claimed ratio the pair of prevalences implies (odds or risk ratio)",
        NO_NUMBER: "the claim or the estimate carries no number to compare",
    }
)
#: Value matches that count as the claim's number being found in the source.
VALUE_FOUND: Final = frozenset(
    {EQUAL, ROUNDED_VALUE, IN_RANGE, MORE_PRECISE, DIRECTION_AGREES, RATIO_IMPLIED}
)
#: Value matches that make a claim coarser than its source.
COARSER: Final = frozenset({ROUNDED_VALUE, IN_RANGE, RATIO_IMPLIED})

#: Approximations that read a round number ("about 40", "almost 50") at the precision of its last
#: non-zero digit.
_LOOSE: Final = frozenset({V.ABOUT, V.ALMOST, V.OVER})
#: Approximations that say on which side of the number the value lies ("almost 50", "over 40").
_ONE_SIDED: Final = frozenset({V.ALMOST, V.OVER})
#: Printed numbers (and pairs of them) remembered: every comparison here is a pure function of the
#: printed strings, and tracing a text compares each of its numbers with every estimate.
_CACHE_SIZE: Final = 65_536


def _trailing_zeros(value: str) -> int:
    if "." in value or set(value) == {"0"}:
        return 0
    return len(value) - len(value.rstrip("0"))


def claim_span(
    value: str, approximation: str, rounding: str = DEFAULT_ROUNDING
) -> tuple[Span, int]:
    """The true values a claim's printed number can stand for, and its precision exponent.

    Parameters
    ----------
    value
        The claimed number as printed (``"5"``, ``"3.1"``, ``"50"`` for "almost half").
    approximation
        ``"exact"``, ``"about"``, ``"almost"`` or ``"between"`` (see ``pctstats.core.vocab``).
    rounding
        The rounding mode assumed.

    Returns
    -------
    tuple
        The interval (a :class:`~pctstats.core.spans.Span`) and the exponent of its last
        significant digit (``-1`` for ``"3.1"``, ``0`` for ``"5"``, ``1`` for an approximate
        ``"50"``).

    Examples
    --------
    >>> s, exponent = claim_span("50", "almost")
    >>> (s.low, s.high, s.high_inclusive), exponent
    ((Decimal('45.0'), Decimal('50'), False), 1)
    >>> claim_span("41", "about")[0][:2]
    (Decimal('40.5'), Decimal('41.5'))
    """
    return _claim_span(value, approximation, rounding)


@lru_cache(maxsize=_CACHE_SIZE)
def _claim_span(value: str, approximation: str, rounding: str) -> tuple[Span, int]:
    exponent = -decimals_of(value)
    if approximation in _LOOSE and _trailing_zeros(value):
        zeros = min(_trailing_zeros(value), 1)  # read "40", "50", "100" to the nearest ten at most
        s = span(value[: len(value) - zeros], rounding).scaled(10**zeros)
        exponent = zeros
    else:
        s = span(value, rounding)
    if approximation == V.ALMOST:
        number = to_decimal(value)
        s = Span(s.low, min(s.high, number), s.low_inclusive, False)
    elif approximation == V.OVER:
        number = to_decimal(value)
        s = Span(max(s.low, number), s.high, False, s.high_inclusive)
    return s, exponent


def compare_point(
    value: str, approximation: str, printed: str, rounding: str = DEFAULT_ROUNDING
) -> str:
    """How a claimed number relates to one printed number of a source.

    Parameters
    ----------
    value, approximation
        The claim's number as printed and its approximation.
    printed
        The source's number as printed.
    rounding
        The rounding mode assumed.

    Returns
    -------
    str
        ``"equal"``, ``"rounded"``, ``"more_precise"`` or ``"different"`` (see
        :data:`VALUE_MATCHES`).

    Examples
    --------
    >>> compare_point("5", "exact", "5.1"), compare_point("41", "about", "41")
    ('rounded', 'equal')
    >>> compare_point("45", "exact", "46"), compare_point("50", "almost", "46")
    ('different', 'rounded')
    >>> compare_point("46.2", "exact", "46"), compare_point("4", "about", "41")
    ('more_precise', 'different')
    """
    return _compare_point(value, approximation, printed, rounding)


@lru_cache(maxsize=_CACHE_SIZE)
def _printed(printed: str, rounding: str) -> tuple[Span, int]:
    """The true values behind a source's printed number, and its precision exponent."""
    return span(printed, rounding), -decimals_of(printed)


@lru_cache(maxsize=_CACHE_SIZE)
def _compare_point(value: str, approximation: str, printed: str, rounding: str) -> str:
    claimed, claim_exponent = _claim_span(value, approximation, rounding)
    source, source_exponent = _printed(printed, rounding)
    meets = overlap(claimed, source)
    if claim_exponent < source_exponent:
        return MORE_PRECISE if meets else DIFFERENT
    if claim_exponent > source_exponent:
        return ROUNDED_VALUE if meets else DIFFERENT
    if approximation in _ONE_SIDED:
        return EQUAL if meets else DIFFERENT
    return EQUAL if to_decimal(value) == to_decimal(printed) else DIFFERENT


class PrintedNumber(Protocol):
    """A number as an article prints it: all :func:`compare_value` reads of a claim.

    A :class:`~pctstats.data.records.Claim` is one, and so is a number read from a text before
    it becomes a claim (:class:`pctstats.text.numbers.Number`).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> from pctstats import load
    >>> said = SimpleNamespace(value="46", value_high=None, approximation="about")
    >>> compare_value(said, load().estimates["schweitzer2015-lifetime"])
    ('equal', False)
    """

    @property
    def value(self) -> str | None:
        """The number (the low end of a range) as a decimal string."""

    @property
    def value_high(self) -> str | None:
        """The high end of a range, or ``None``."""

    @property
    def approximation(self) -> str:
        """How it is hedged (:data:`pctstats.core.vocab.APPROXIMATION`)."""


def compare_value(
    claim: Claim | PrintedNumber, estimate: Estimate, rounding: str = DEFAULT_ROUNDING
) -> tuple[str, bool]:
    """How a claim's number (or range) relates to an estimate's, and whether precision is exceeded.

    Returns
    -------
    tuple
        ``(value_match, beyond_precision)``: one of :data:`VALUE_MATCHES`, and True when the claim
        prints a precision the source does not (more decimals, or an exact point for a range).

    Examples
    --------
    >>> from pctstats import load
    >>> db = load()
    >>> compare_value(db.claims["D-regular"], db.estimates["maczkowiack2019-regular"])
    ('in_range', True)
    >>> compare_value(db.claims["A"], db.estimates["maczkowiack2019-regular"])
    ('in_range', False)
    """
    if claim.value is None or estimate.value is None:
        return NO_NUMBER, False
    return _compare(
        claim.value, claim.value_high, claim.approximation, estimate.value, estimate.value_high,
        rounding,
    )


@lru_cache(maxsize=_CACHE_SIZE)
def _compare(
    value: str,
    value_high: str | None,
    approximation: str,
    e_value: str,
    e_value_high: str | None,
    rounding: str,
) -> tuple[str, bool]:
    """:func:`compare_value` on the printed numbers alone (all it depends on)."""
    if value_high is None and e_value_high is None:
        match = _compare_point(value, approximation, e_value, rounding)
        return match, match == MORE_PRECISE
    if value_high is None:  # a point claim against a source range
        assert e_value_high is not None
        claimed, _ = _claim_span(value, approximation, rounding)
        if approximation in _ONE_SIDED:
            # "just over 4%" says more than the range's printed top (3-4%) already states
            source = Span(to_decimal(e_value), to_decimal(e_value_high))
        else:
            source = hull(_printed(e_value, rounding)[0], _printed(e_value_high, rounding)[0])
        if not overlap(claimed, source):
            return DIFFERENT, False
        finer = decimals_of(value) > max(decimals_of(e_value), decimals_of(e_value_high))
        return IN_RANGE, finer or approximation == V.EXACT
    if e_value_high is None:  # a claimed range around a source's point
        low, _ = _claim_span(value, approximation, rounding)
        high, _ = _claim_span(value_high, approximation, rounding)
        source = _printed(e_value, rounding)[0]
        return (ROUNDED_VALUE if overlap(hull(low, high), source) else DIFFERENT), False
    ends = [
        _compare_point(c, approximation, e, rounding)
        for c, e in ((value, e_value), (value_high, e_value_high))
    ]
    if DIFFERENT in ends:
        return DIFFERENT, False
    if MORE_PRECISE in ends:
        return MORE_PRECISE, True
    return (EQUAL if ends == [EQUAL, EQUAL] else ROUNDED_VALUE), False


def clear_value_cache() -> None:
    """Forget the claims' numbers compared so far (for timing a first reading).

    The intervals behind the sources' printed numbers are kept: they belong to the record set,
    not to a text read.

    Examples
    --------
    >>> clear_value_cache()
    >>> compare_point("5", "exact", "5.1")
    'rounded'
    """
    for cached in (_claim_span, _compare_point, _compare):
        cached.cache_clear()
