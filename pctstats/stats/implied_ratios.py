"""What two prevalences imply about a ratio, and what a claimed ratio demands of a prevalence.

:func:`implied_odds_ratio` and :func:`implied_risk_ratio` give the ratio two prevalences imply;
:func:`required_prevalence` gives the prevalence group 1 would need for a claimed ratio given
group 2's, and whether a prevalence can be that high. Proportions are on the 0–1 scale.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from pctstats.core import names
from pctstats.core.arguments import (
    broadcast_together,
    check_method,
    check_proportion_array,
    check_ratio_array,
    scalar_or_array,
)
from pctstats.stats.comparison import RATIO_MEASURES

__all__ = ["RequiredPrevalence", "implied_odds_ratio", "implied_risk_ratio", "required_prevalence"]


def _prevalences(
    p1: ArrayLike, p2: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Group 1's and group 2's prevalences, checked and broadcast together."""
    p1_arr = check_proportion_array(p1, "p1")
    p2_arr = check_proportion_array(p2, "p2")
    return broadcast_together(p1_arr, p2_arr, ("p1", "p2"))


def implied_odds_ratio(p1: ArrayLike, p2: ArrayLike) -> float | NDArray[np.float64]:
    """The odds ratio two prevalences imply: ``(p1 / (1 - p1)) / (p2 / (1 - p2))``.

    Parameters
    ----------
    p1, p2 : float or array_like
        Prevalences on the 0–1 scale (group 1, group 2); they broadcast together.

    Returns
    -------
    float or numpy.ndarray
        Infinite where ``p1 = 1`` or ``p2 = 0`` (and ``p1 > 0``), 0 where ``p1 = 0`` (and
        ``p2 > 0``), NaN where both are degenerate in the same direction.

    Examples
    --------
    >>> round(implied_odds_ratio(0.46, 0.41), 4)
    1.2258
    >>> implied_odds_ratio([0.46, 0.5], 0.41).round(3)
    array([1.226, 1.439])
    """
    p1_arr, p2_arr = _prevalences(p1, p2)
    with np.errstate(divide="ignore", invalid="ignore"):
        return scalar_or_array((p1_arr * (1 - p2_arr)) / (p2_arr * (1 - p1_arr)))


def implied_risk_ratio(p1: ArrayLike, p2: ArrayLike) -> float | NDArray[np.float64]:
    """The risk ratio two prevalences imply: ``p1 / p2``.

    Parameters
    ----------
    p1, p2 : float or array_like
        As for :func:`implied_odds_ratio`.

    Returns
    -------
    float or numpy.ndarray
        Infinite where ``p2 = 0 < p1``; NaN where both are 0.

    Examples
    --------
    >>> round(implied_risk_ratio(0.46, 0.41), 4)
    1.122
    """
    p1_arr, p2_arr = _prevalences(p1, p2)
    with np.errstate(divide="ignore", invalid="ignore"):
        return scalar_or_array(p1_arr / p2_arr)


@dataclass(frozen=True, eq=False)
class RequiredPrevalence:
    """The prevalence group 1 would need for a claimed ratio, and whether it can exist.

    Attributes
    ----------
    value : float or numpy.ndarray
        The required prevalence of group 1 (0–1 scale). For a risk ratio it can exceed 1.
    possible : bool or numpy.ndarray of bool
        ``value <= 1``: whether a prevalence can be that high. Always true for an odds ratio.
    p_reference : float or numpy.ndarray
        Group 2's prevalence.
    ratio : float or numpy.ndarray
        The claimed ratio.
    measure : str
        ``"odds_ratio"`` or ``"risk_ratio"``.

    Examples
    --------
    >>> res = required_prevalence(0.41, 2.87, measure="risk_ratio")
    >>> round(res.value, 4), res.possible, res.p_reference, res.ratio, res.measure
    (1.1767, False, 0.41, 2.87, 'risk_ratio')
    >>> required_prevalence(0.41, [1.5, 2.87], measure="risk_ratio").possible.tolist()
    [True, False]
    """

    value: float | NDArray[np.float64]
    possible: bool | NDArray[np.bool_]
    p_reference: float | NDArray[np.float64]
    ratio: float | NDArray[np.float64]
    measure: str

    def to_frame(self) -> pd.DataFrame:
        """One row per (p_reference, ratio) pair.

        Examples
        --------
        >>> required_prevalence(0.41, [1.5, 2.87], measure="risk_ratio").to_frame()
           p_reference  ratio     measure   value  possible
        0         0.41   1.50  risk_ratio  0.6150      True
        1         0.41   2.87  risk_ratio  1.1767     False
        """
        value = np.atleast_1d(np.asarray(self.value, dtype=np.float64))
        p_ref, ratio = np.broadcast_arrays(np.asarray(self.p_reference), np.asarray(self.ratio))
        return pd.DataFrame(
            {
                names.P_REFERENCE: np.atleast_1d(p_ref).ravel(),
                names.RATIO: np.atleast_1d(ratio).ravel(),
                names.MEASURE: self.measure,
                names.VALUE: value.ravel(),
                names.POSSIBLE: np.atleast_1d(np.asarray(self.possible)).ravel(),
            }
        )


def required_prevalence(
    p_reference: ArrayLike, ratio: ArrayLike, measure: str = "odds_ratio"
) -> RequiredPrevalence:
    """The prevalence group 1 needs for ``ratio`` (group 1 over group 2) given group 2's.

    Parameters
    ----------
    p_reference : float or array_like
        Group 2's prevalence, on the 0–1 scale.
    ratio : float or array_like
        The claimed odds ratio or risk ratio (positive); broadcasts with ``p_reference``.
    measure : {"odds_ratio", "risk_ratio"}
        What kind of ratio ``ratio`` is.

    Returns
    -------
    RequiredPrevalence
        ``value`` is ``ratio * p / (1 - p + ratio * p)`` for an odds ratio (always within
        [0, 1]) and ``ratio * p`` for a risk ratio. A risk ratio can demand more than 100%: the
        value is then returned as it is (> 1) and ``possible`` is False, so an impossible claim is
        never silently clipped.

    Examples
    --------
    "Women are 2.87 times more likely" with men at 41%:

    >>> res = required_prevalence(0.41, 2.87, measure="risk_ratio")
    >>> round(res.value, 4), res.possible
    (1.1767, False)
    >>> res = required_prevalence(0.41, 2.87, measure="odds_ratio")
    >>> round(res.value, 4), res.possible
    (0.666, True)
    """
    measure = check_method(measure, RATIO_MEASURES, name="measure")
    p_arr = check_proportion_array(p_reference, "p_reference")
    r_arr = check_ratio_array(ratio, "ratio")
    p_b, r_b = broadcast_together(p_arr, r_arr, ("p_reference", "ratio"))
    if measure == "odds_ratio":
        value = r_b * p_b / (1 - p_b + r_b * p_b)
    else:
        value = r_b * p_b
    possible = value <= 1.0
    return RequiredPrevalence(
        value=scalar_or_array(value),
        possible=bool(possible) if possible.ndim == 0 else possible,
        p_reference=scalar_or_array(p_b),
        ratio=scalar_or_array(r_b),
        measure=measure,
    )
