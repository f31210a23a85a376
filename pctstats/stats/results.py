"""Result objects shared by the statistics modules.

Every statistic in pctstats returns a frozen dataclass with named fields, like scipy's result
objects, and each has ``to_frame()`` giving a tidy :class:`pandas.DataFrame`. The column names of
those frames are the constants of :mod:`pctstats.core.names`, so renaming a column is a one-line
change.

All proportions are on the 0–1 scale (0.46, not 46). :meth:`Interval.as_percent` converts an
interval for printing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from pctstats.core import names
from pctstats.core.display import Display, Displayable
from pctstats.stats.describe import describe_interval

__all__ = ["FloatOrArray", "Interval"]


FloatOrArray = float | NDArray[np.float64]


def _to_float_or_array(value: object) -> FloatOrArray:
    arr = np.asarray(value, dtype=np.float64)
    return float(arr) if arr.ndim == 0 else arr


@dataclass(frozen=True, eq=False, repr=False)
class Interval(Displayable):
    """A confidence interval ``(low, high)`` that also says its method and level.

    It unpacks like a pair (``low, high = interval``) and indexes like one (``interval[0]``),
    and it carries the method and the confidence level it was computed with, so an interval is
    never printed without them. ``low`` and ``high`` are floats for a single interval and arrays
    (of the inputs' broadcast shape) for a vector of intervals.

    Attributes
    ----------
    low, high : float or numpy.ndarray
        The limits, on the scale of the statistic (proportions on the 0–1 scale).
    method : str
        The interval method, e.g. ``"wilson"``.
    level : float
        The confidence level, e.g. ``0.95``.

    Examples
    --------
    >>> ci = Interval(0.2, 0.4, method="wilson", level=0.95)
    >>> low, high = ci
    >>> low, high, ci.method, ci.level
    (0.2, 0.4, 'wilson', 0.95)
    >>> ci.as_percent()
    (20.0, 40.0)
    """

    low: FloatOrArray
    high: FloatOrArray
    method: str
    level: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "low", _to_float_or_array(self.low))
        object.__setattr__(self, "high", _to_float_or_array(self.high))
        object.__setattr__(self, "level", float(self.level))

    def __iter__(self) -> Iterator[FloatOrArray]:
        yield self.low
        yield self.high

    def __len__(self) -> int:
        return 2

    def _display_(self) -> Display:
        return describe_interval(self)

    def __getitem__(self, index: int) -> FloatOrArray:
        return (self.low, self.high)[index]

    @property
    def width(self) -> FloatOrArray:
        """``high - low``.

        Examples
        --------
        >>> Interval(0.25, 0.75, method="wilson", level=0.95).width
        0.5
        """
        return _to_float_or_array(np.subtract(self.high, self.low))

    def contains(self, value: float | NDArray[np.float64]) -> bool | NDArray[np.bool_]:
        """Tell whether ``value`` lies in the closed interval ``[low, high]``.

        Examples
        --------
        >>> Interval(0.2, 0.4, method="wilson", level=0.95).contains(0.46)
        False
        """
        inside = (np.asarray(self.low) <= value) & (value <= np.asarray(self.high))
        return bool(inside) if np.ndim(inside) == 0 else inside

    def as_percent(self) -> tuple[FloatOrArray, FloatOrArray]:
        """The limits multiplied by 100, for printing as percentages.

        Examples
        --------
        >>> Interval(0.3976, 0.5254, method="wilson", level=0.95).as_percent()
        (39.76, 52.54)
        """
        return (
            _to_float_or_array(np.multiply(self.low, 100.0)),
            _to_float_or_array(np.multiply(self.high, 100.0)),
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per interval: ``low``, ``high``, ``method``, ``level``.

        Examples
        --------
        >>> Interval(0.2, 0.4, method="wilson", level=0.95).to_frame()
           low  high  method  level
        0  0.2   0.4  wilson   0.95
        """
        low = np.atleast_1d(np.asarray(self.low)).ravel()
        high = np.atleast_1d(np.asarray(self.high)).ravel()
        return pd.DataFrame(
            {
                names.LOW: low,
                names.HIGH: high,
                names.METHOD: self.method,
                names.LEVEL: self.level,
            }
        )
