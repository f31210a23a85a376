"""Reported values: decimal strings exactly as printed.

A printed number keeps its precision in its trailing zeros ("5.10" is not "5.1"), so pctstats keeps
every reported value as a string and reads its number and its number of decimals here, in one place.
Passing a float where a printed value is expected is an error: the float has already lost the
precision the checks depend on.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

__all__ = ["DECIMAL_PATTERN", "check_reported", "decimals_of", "is_decimal_string", "to_decimal"]

#: A printed non-negative decimal: digits, optionally a point and more digits ("41", "5.1", "0.50").
DECIMAL_PATTERN: Final = r"^[0-9]+(\.[0-9]+)?$"
_DECIMAL_RE: Final = re.compile(DECIMAL_PATTERN)


def is_decimal_string(text: object) -> bool:
    """Tell whether ``text`` is a printed non-negative decimal such as ``"5.1"`` or ``"41"``.

    Examples
    --------
    >>> is_decimal_string("5.10"), is_decimal_string("5,1"), is_decimal_string(5.1)
    (True, False, False)
    """
    return isinstance(text, str) and _DECIMAL_RE.match(text) is not None


def check_reported(value: object, argument: str = "value") -> str:
    """Return ``value`` if it is a printed decimal string, else raise a clear error.

    Parameters
    ----------
    value
        The value as printed, e.g. ``"5.1"``.
    argument
        The argument's name, used in the error message.

    Raises
    ------
    TypeError
        If ``value`` is not a string (a float has lost its trailing zeros).
    ValueError
        If the string is not a plain non-negative decimal.

    Examples
    --------
    >>> check_reported("46")
    '46'
    """
    if not isinstance(value, str):
        raise TypeError(
            f"{argument} must be the value as printed, a string such as '5.1' "
            f"(got {type(value).__name__} {value!r}); trailing zeros carry precision"
        )
    if not _DECIMAL_RE.match(value):
        raise ValueError(
            f"{argument} must be a printed non-negative decimal such as '5.1' or '41', "
            f"got {value!r}"
        )
    return value


def decimals_of(value: str) -> int:
    """Number of decimals printed in ``value`` (``"5.10"`` -> 2, ``"41"`` -> 0).

    Examples
    --------
    >>> decimals_of("5.10"), decimals_of("41")
    (2, 0)
    """
    text = check_reported(value)
    return len(text.split(".", 1)[1]) if "." in text else 0


def to_decimal(value: str) -> Decimal:
    """The exact decimal number of a printed value.

    Examples
    --------
    >>> to_decimal("5.10")
    Decimal('5.10')
    """
    return Decimal(check_reported(value))
