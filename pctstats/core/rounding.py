"""Rounding, in one place: how a true value prints, and which true values print as a given value.

Every consistency check in pctstats asks one of two questions, answered here and nowhere else:

* *reround*: how does the true value ``k / n`` (times a ``scale``, 100 for a percentage) print at
  ``decimals`` decimals under a rounding mode? (:func:`round_fraction`, :func:`reround`)
* *unround*: which true values print as a given printed value under a mode?
  (:func:`rounding_interval`, :func:`half_unit_bounds`)

The modes are named as in the R package scrutiny (``reround()`` / ``unround()``), and a verdict
should always say under which mode it holds. Everything is exact: integers, and
:class:`~decimal.Decimal` built from integers, never a float compared at a rounding boundary, so a
value such as 12/233 = 5.1502...% is decided exactly.

The values here are non-negative (counts, proportions, means of non-negative scores): printed
values come from :func:`pctstats.core.reported.check_reported`, which accepts no sign. Hence "trunc"
(toward zero) and "floor" agree, and the interval of a printed ``0`` starts at 0, inclusive.

The arithmetic is written by hand: Python's :mod:`decimal` rounds Decimals, not exact fractions such
as k/n, and has no "either half up or half down" mode; no well-kept Python library does this.

References
----------
Brown, N. J. L., & Heathers, J. A. J. (2017). The GRIM test: A simple technique detects numerous
anomalies in the reporting of results in psychology. *Social Psychological and Personality
Science*, 8(4), 363–369. doi:10.1177/1948550616673876
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Final, NamedTuple

from pctstats.core.choices import check_choice
from pctstats.core.reported import check_reported, decimals_of

__all__ = [
    "DEFAULT_ROUNDING", "ROUNDING_MODES", "RoundingInterval", "check_rounding", "check_scale",
    "component_modes", "half_unit_bounds", "reround", "round_fraction", "round_quotient",
    "rounding_interval"
]

#: The rounding modes, each with a one-line meaning. ``"up_or_down"`` is the default of every check:
#: a value is accepted if it is what rounding half up *or* rounding half down prints.
ROUNDING_MODES: Final = MappingProxyType(
    {
        "up_or_down": "either half up or half down (the charitable default, as in scrutiny)",
        "up": "half up: a tie goes to the larger neighbour (SAS, SPSS, Stata, Excel)",
        "down": "half down: a tie goes to the smaller neighbour",
        "even": "half to even: a tie goes to the neighbour whose last digit is even",
        "trunc": "toward zero: the digits beyond the last printed one are dropped",
        "ceiling": "toward plus infinity: any remainder rounds up",
        "floor": "toward minus infinity: any remainder is dropped",
    }
)

#: The default rounding mode of every check.
DEFAULT_ROUNDING: Final = "up_or_down"

# Where the true values that print as V (in units of the last printed digit) lie, in half-units of
# that digit: from 2V + low to 2V + high, and whether each end is included. "even" includes both
# ends when V's last digit is even and neither when it is odd (decided in `half_unit_bounds`).
_HALF_UNIT_OFFSETS: Final[dict[str, tuple[int, int, bool, bool]]] = {
    "up_or_down": (-1, 1, True, True),
    "up": (-1, 1, True, False),
    "down": (-1, 1, False, True),
    "even": (-1, 1, True, True),
    "trunc": (0, 2, True, False),
    "floor": (0, 2, True, False),
    "ceiling": (-2, 0, False, True),
}

# A compound mode is the union of single ones; `round_fraction` needs a single mode.
_COMPONENTS: Final[dict[str, tuple[str, ...]]] = {"up_or_down": ("up", "down")}


class RoundingInterval(NamedTuple):
    """The interval of true values that print as one printed value under one rounding mode.

    Unpacks as ``low, high, low_inclusive, high_inclusive``; the ends are exact decimals.

    Examples
    --------
    S3's "20.2%" (past four weeks), rounded half up, is any true proportion in [0.2015, 0.2025):

    >>> low, high, low_inclusive, high_inclusive = rounding_interval("20.2", "up", scale=100)
    >>> low, high, low_inclusive, high_inclusive
    (Decimal('0.2015'), Decimal('0.2025'), True, False)
    >>> from fractions import Fraction
    >>> rounding_interval("20.2", "up", scale=100).contains(Fraction(244, 1208))
    True
    """

    low: Decimal
    high: Decimal
    low_inclusive: bool
    high_inclusive: bool

    def contains(self, x: Decimal | Fraction | int) -> bool:
        """Tell, exactly, whether the true value ``x`` lies in the interval.

        Parameters
        ----------
        x
            An exact number (a float is refused: it is not the number it appears to be).

        Returns
        -------
        bool
            True if ``x`` prints as the interval's value.

        Examples
        --------
        >>> from fractions import Fraction
        >>> rounding_interval("5.1", "up", scale=100).contains(Fraction(12, 233))
        False
        """
        if isinstance(x, float) or not isinstance(x, Decimal | Fraction | int):
            raise TypeError(f"x must be an exact number (Decimal, Fraction or int), got {x!r}")
        above = x >= self.low if self.low_inclusive else x > self.low
        below = x <= self.high if self.high_inclusive else x < self.high
        return bool(above and below)


def check_rounding(mode: object, argument: str = "rounding") -> str:
    """Return ``mode`` if it names one of :data:`ROUNDING_MODES`, else raise ValueError.

    As :func:`~pctstats.core.choices.check_choice`; ``argument`` names the argument in the message.


    Examples
    --------
    >>> check_rounding("even")
    'even'
    """
    return check_choice(mode, ROUNDING_MODES, argument)


def component_modes(mode: str) -> tuple[str, ...]:
    """Return the single modes ``mode`` stands for: two for ``"up_or_down"``, else ``(mode,)``.

    Examples
    --------
    >>> component_modes("up_or_down"), component_modes("even")
    (('up', 'down'), ('even',))
    """
    check_rounding(mode)
    return _COMPONENTS.get(mode, (mode,))


def _check_whole(value: object, argument: str, *, minimum: int) -> int:
    """Return ``value`` as an int if it is an integer >= ``minimum`` (bools and floats refused)."""
    if isinstance(value, bool) or not hasattr(value, "__index__"):
        raise TypeError(f"{argument} must be an integer, got {type(value).__name__} {value!r}")
    whole = int(value.__index__())  # type: ignore[attr-defined]
    if whole < minimum:
        raise ValueError(f"{argument} must be an integer >= {minimum}, got {whole}")
    return whole


def check_scale(scale: object, argument: str = "scale") -> int:
    """Return ``scale`` as an int if it is a positive power of ten (1, 100, 1000, ...).

    A power of ten keeps every interval end an exact decimal: a percentage has scale 100.

    Examples
    --------
    >>> check_scale(100)
    100
    """
    whole = _check_whole(scale, argument, minimum=1)
    if str(whole).rstrip("0") != "1":
        raise ValueError(f"{argument} must be a power of ten such as 1 or 100, got {whole}")
    return whole


def _format_units(units: int, decimals: int) -> str:
    """Print the integer ``units`` (in units of the last digit) with ``decimals`` decimals."""
    digits = str(units).rjust(decimals + 1, "0")
    return f"{digits[:-decimals]}.{digits[-decimals:]}" if decimals else digits


def round_quotient(numerator: int, denominator: int, mode: str) -> int:
    """Round the non-negative fraction ``numerator / denominator`` to an integer under ``mode``.

    Parameters
    ----------
    numerator
        A non-negative integer.
    denominator
        A positive integer.
    mode
        A single rounding mode (not ``"up_or_down"``, which is two roundings; see :func:`reround`).

    Returns
    -------
    int
        The rounded integer, decided exactly by integer division.

    Examples
    --------
    >>> round_quotient(5, 2, "up"), round_quotient(5, 2, "down"), round_quotient(5, 2, "even")
    (3, 2, 2)
    """
    numerator = _check_whole(numerator, "numerator", minimum=0)
    denominator = _check_whole(denominator, "denominator", minimum=1)
    if check_rounding(mode, "mode") in _COMPONENTS:
        raise ValueError(f"mode {mode!r} is not a single rounding; use reround() for it")
    quotient, remainder = divmod(numerator, denominator)
    twice = 2 * remainder  # compare the remainder with half the denominator, in integers
    if mode == "up":
        return quotient + (twice >= denominator)
    if mode == "down":
        return quotient + (twice > denominator)
    if mode == "even":
        return quotient + (twice > denominator or (twice == denominator and quotient % 2 == 1))
    if mode == "ceiling":
        return quotient + (remainder > 0)
    return quotient  # "trunc" and "floor" agree on non-negative values


def round_fraction(k: int, n: int, scale: int = 1, decimals: int = 0, mode: str = "up") -> str:
    """How the true value ``k / n * scale`` prints at ``decimals`` decimals under a single mode.

    Parameters
    ----------
    k
        The numerator, a non-negative integer (a count or a sum of integer scores).
    n
        The denominator, a positive integer.
    scale
        A power of ten the value is multiplied by before printing: 100 for a percentage.
    decimals
        The number of decimals printed.
    mode
        A single rounding mode; for ``"up_or_down"`` use :func:`reround`.

    Returns
    -------
    str
        The printed value, with its trailing zeros.

    References
    ----------
    Brown & Heathers (2017): see the module's references.

    Examples
    --------
    >>> round_fraction(12, 233, scale=100, decimals=1)
    '5.2'
    >>> round_fraction(1, 8, scale=100, decimals=1, mode="up"), round_fraction(1, 8, 100, 1, "down")
    ('12.5', '12.5')
    >>> round_fraction(1, 8, decimals=2, mode="up"), round_fraction(1, 8, decimals=2, mode="down")
    ('0.13', '0.12')
    """
    k = _check_whole(k, "k", minimum=0)
    n = _check_whole(n, "n", minimum=1)
    scale = check_scale(scale)
    decimals = _check_whole(decimals, "decimals", minimum=0)
    units = round_quotient(k * scale * 10**decimals, n, mode)
    return _format_units(units, decimals)


def reround(
    k: int, n: int, scale: int = 1, decimals: int = 0, mode: str = DEFAULT_ROUNDING
) -> tuple[str, ...]:
    """Every way ``k / n * scale`` prints under ``mode``: one string, or two for ``"up_or_down"``.

    Parameters
    ----------
    k, n, scale, decimals
        As for :func:`round_fraction`.
    mode
        Any rounding mode.

    Returns
    -------
    tuple of str
        The distinct printed values, in the order of :func:`component_modes`.

    Examples
    --------
    >>> reround(1, 8, decimals=2)
    ('0.13', '0.12')
    >>> reround(105, 230, scale=100)
    ('46',)
    """
    check_rounding(mode, "mode")
    printed = (round_fraction(k, n, scale, decimals, single) for single in component_modes(mode))
    return tuple(dict.fromkeys(printed))


def half_unit_bounds(units: Any, mode: str) -> tuple[Any, Any, Any, Any]:
    """Where the true values that print as ``units`` lie, in half-units of the last printed digit.

    A value printed with ``d`` decimals is the integer ``units`` in units of ``10**-d``; a true
    value ``t`` prints as it when ``2 * t * 10**d`` lies between the two bounds returned. Works on
    Python ints and on numpy integer arrays alike (for the vectorised checks).

    Parameters
    ----------
    units
        The printed value in units of its last digit (``"5.1"`` is 51), an int or an integer array.
    mode
        Any rounding mode.

    Returns
    -------
    low, high : int or numpy.ndarray
        The bounds, in half-units; never below 0 (true values are non-negative).
    low_inclusive, high_inclusive : bool or numpy.ndarray
        Whether a true value exactly on each bound prints as ``units``.

    Examples
    --------
    >>> half_unit_bounds(51, "up")
    (101, 103, True, False)
    >>> half_unit_bounds(0, "ceiling")
    (0, 0, True, True)
    """
    low_offset, high_offset, low_inclusive, high_inclusive = _HALF_UNIT_OFFSETS[
        check_rounding(mode, "mode")
    ]
    low = 2 * units + low_offset
    high = 2 * units + high_offset
    if mode == "even":
        low_inclusive = high_inclusive = units % 2 == 0
    # True values are non-negative: a bound below zero becomes zero, included.
    low_inclusive = low_inclusive | (low < 0)
    low = low * (low >= 0)
    return low, high, low_inclusive, high_inclusive


def _decimal(half_units: int, exponent: int) -> Decimal:
    """Return ``half_units / 2 * 10**exponent`` exactly (built from a string, never rounded)."""
    if half_units == 0:
        return Decimal(0)
    return Decimal(f"{half_units * 5}E{exponent - 1}")


def rounding_interval(value: str, mode: str = DEFAULT_ROUNDING, scale: int = 1) -> RoundingInterval:
    """Return the interval of true values that print as ``value`` under ``mode`` (an unround).

    With ``scale`` 100 the value is a percentage and the interval is of proportions: "5.1" (%) is
    what true proportions from 0.0505 to 0.0515 print as. Intervals are exact, so two of them can be
    compared (for example, to test whether one printed value is nested in another).

    Parameters
    ----------
    value
        The value as printed, e.g. ``"5.1"``.
    mode
        Any rounding mode; ``"up_or_down"`` gives the union of ``"up"`` and ``"down"``.
    scale
        A power of ten the true value was multiplied by before printing: 100 for a percentage.

    Returns
    -------
    RoundingInterval
        ``(low, high, low_inclusive, high_inclusive)``, with exact :class:`~decimal.Decimal` ends.

    Raises
    ------
    TypeError, ValueError
        If ``value`` is not a printed decimal string, ``mode`` is unknown, or ``scale`` is not a
        power of ten.

    References
    ----------
    Brown & Heathers (2017): see the module's references.

    Examples
    --------
    >>> low, high, low_inclusive, high_inclusive = rounding_interval("5.1", "up", scale=100)
    >>> low, high, low_inclusive, high_inclusive
    (Decimal('0.0505'), Decimal('0.0515'), True, False)
    >>> tuple(rounding_interval("46"))
    (Decimal('45.5'), Decimal('46.5'), True, True)
    >>> tuple(rounding_interval("0", "ceiling"))
    (Decimal('0'), Decimal('0'), True, True)
    """
    value = check_reported(value, "value")
    scale = check_scale(scale)
    decimals = decimals_of(value)
    units = int(value.replace(".", ""))
    low, high, low_inclusive, high_inclusive = half_unit_bounds(units, mode)
    exponent = -decimals - (len(str(scale)) - 1)
    return RoundingInterval(
        _decimal(low, exponent), _decimal(high, exponent), bool(low_inclusive), bool(high_inclusive)
    )
