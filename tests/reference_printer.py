"""An independent printer for the rounding tests, written from the textbook definitions.

It uses only :class:`fractions.Fraction` comparisons, never :mod:`pctstats.core.rounding`, so the
GRIM
and rounding tests compare pctstats with a second implementation.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

SINGLE_MODES = ("up", "down", "even", "trunc", "ceiling", "floor")
ALL_MODES = ("up_or_down", *SINGLE_MODES)


def print_exact(x: Fraction, decimals: int, mode: str) -> str:
    """Independent printer: the non-negative Fraction x at `decimals` decimals under one mode.

    Written from the textbook definitions with Fraction comparisons, not from
    pctstats.core.rounding.
    """
    scaled = x * 10**decimals
    low = math.floor(scaled)
    rest = scaled - low
    half = Fraction(1, 2)
    if mode == "up":
        units = low + 1 if rest >= half else low
    elif mode == "down":
        units = low + 1 if rest > half else low
    elif mode == "even":
        units = low + 1 if rest > half or (rest == half and low % 2 == 1) else low
    elif mode in ("trunc", "floor"):
        units = low
    elif mode == "ceiling":
        units = low + 1 if rest > 0 else low
    else:
        raise AssertionError(mode)
    return format(Decimal(units).scaleb(-decimals), "f")


def prints_as(x: Fraction, decimals: int, mode: str) -> set[str]:
    """All printings of x under a mode; "up_or_down" is the union of "up" and "down"."""
    singles = ("up", "down") if mode == "up_or_down" else (mode,)
    return {print_exact(x, decimals, single) for single in singles}
