"""Comparing two prevalences: the measures, their interval methods and the result object.

Two groups are described by a 2x2 table ``[[a, b], [c, d]]``: ``a`` cases and ``b`` non-cases in
group 1, ``c`` cases and ``d`` non-cases in group 2 (see :mod:`pctstats.stats.ratios`). This module
names the measures and the methods of each, checks a table, and holds
:class:`ComparisonResult`, which :mod:`pctstats.stats.odds_ratio`,
:mod:`pctstats.stats.risk_ratio` and :func:`pctstats.stats.ratios.compare_prevalences` return.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

import pandas as pd

from pctstats.core import names
from pctstats.core.arguments import check_cell
from pctstats.core.display import Display, Displayable
from pctstats.stats.describe import describe_comparison
from pctstats.stats.results import Interval

__all__ = [
    "COMPARISON_MEASURES",
    "DEFAULT_METHODS",
    "DIFFERENCE_METHODS",
    "MEASURES",
    "METHODS_OF",
    "ODDS_RATIO_METHODS",
    "RATIO_MEASURES",
    "RISK_RATIO_METHODS",
    "ZERO_CELL_NOTE",
    "ComparisonResult",
    "Measure",
    "check_table",
]


@dataclass(frozen=True)
class Measure:
    """A measure comparing two prevalences, with its interval methods.

    Examples
    --------
    >>> MEASURES["risk_ratio"].default
    'score'
    """

    #: What the measure is, in a few words.
    meaning: str
    #: Interval method -> its one-line meaning; the first is the default (never a Wald interval).
    methods: Mapping[str, str]
    #: True for a ratio (a claim "x times more likely" can be one of these).
    ratio: bool

    @property
    def default(self) -> str:
        """The method used when none is named: the first.

        Examples
        --------
        >>> MEASURES["difference"].default
        'newcombe'
        """
        return next(iter(self.methods))


#: Every measure :func:`~pctstats.stats.ratios.compare_prevalences` can compute, each named once
#: with its meaning and its interval methods (the default first).
MEASURES: Final = MappingProxyType({
    names.ODDS_RATIO: Measure("odds ratio, group 1 over group 2", MappingProxyType({
        "midp": "mid-p exact interval with the median-unbiased estimate (epitools' default)",
        "conditional": "exact (Fisher) interval with the conditional maximum likelihood estimate",
        "woolf": "Woolf's log-odds-ratio Wald interval around ad/bc; for comparison only",
    }), ratio=True),
    names.RISK_RATIO: Measure("risk (prevalence) ratio, group 1 over group 2", MappingProxyType({
        "score": "Miettinen-Nurminen score interval",
        "katz": "Katz log risk-ratio Wald interval; for comparison only",
    }), ratio=True),
    names.DIFFERENCE: Measure("difference of prevalences, group 1 minus group 2", MappingProxyType({
        "newcombe": "Newcombe's hybrid score interval (from two Wilson intervals)",
        "agresti_caffo": "Agresti-Caffo interval (add one success and one failure per group)",
        "wald": "Wald interval; for comparison only",
    }), ratio=False),
})

#: Measure -> its meaning.
COMPARISON_MEASURES: Final = MappingProxyType({k: m.meaning for k, m in MEASURES.items()})
#: Ratio measures :func:`~pctstats.stats.implied_ratios.required_prevalence` accepts.
RATIO_MEASURES: Final = MappingProxyType({k: m.meaning for k, m in MEASURES.items() if m.ratio})
#: Measure -> its interval methods.
METHODS_OF: Final = MappingProxyType({k: m.methods for k, m in MEASURES.items()})
#: The default method of each measure.
DEFAULT_METHODS: Final = MappingProxyType({k: m.default for k, m in MEASURES.items()})
#: Odds-ratio interval methods, each with a one-line meaning.
ODDS_RATIO_METHODS: Final = METHODS_OF[names.ODDS_RATIO]
#: Risk-ratio interval methods.
RISK_RATIO_METHODS: Final = METHODS_OF[names.RISK_RATIO]
#: Methods for the difference of two prevalences.
DIFFERENCE_METHODS: Final = METHODS_OF[names.DIFFERENCE]

#: The note of a result whose table has a zero cell.
ZERO_CELL_NOTE: Final = "a zero cell: no continuity correction is added (epitools' convention)"


@dataclass(frozen=True, eq=False, repr=False)
class ComparisonResult(Displayable):
    """An odds ratio, risk ratio or difference of two prevalences with its interval.

    Attributes
    ----------
    measure : str
        ``"odds_ratio"``, ``"risk_ratio"`` or ``"difference"``.
    method : str
        The interval method.
    level : float
        The confidence level.
    estimate : float
        The point estimate; which estimator is in ``estimator``.
    ci : Interval
        ``(low, high)``, carrying ``method`` and ``level``.
    estimator : str
        What ``estimate`` is (e.g. the sample odds ratio ad/bc, the conditional MLE, or the
        median-unbiased estimate).
    table : tuple
        The 2x2 table ``((a, b), (c, d))``: group 1's cases and non-cases, then group 2's.
    note : str
        A caveat (zero cells, no information), or ``""``.

    Examples
    --------
    S1's women (106 of 230) against S3's men (495 of 1208):

    >>> from pctstats.stats.ratios import compare_prevalences
    >>> res = compare_prevalences(106, 230, 495, 1208, measure="odds_ratio")
    >>> res.measure, res.method, res.estimator
    ('odds_ratio', 'midp', 'median-unbiased estimate')
    >>> round(res.estimate, 3), round(res.ci.low, 3), round(res.ci.high, 3)
    (1.231, 0.926, 1.635)
    >>> res.table, round(res.p1, 3), round(res.p2, 3)
    (((106, 124), (495, 713)), 0.461, 0.41)
    """

    measure: str
    method: str
    level: float
    estimate: float
    ci: Interval
    estimator: str
    table: tuple[tuple[int, int], tuple[int, int]]
    note: str = ""

    @classmethod
    def of(
        cls,
        measure: str,
        method: str,
        level: float,
        table: tuple[tuple[int, int], tuple[int, int]],
        estimate: float,
        limits: tuple[float, float],
        estimator: str,
        note: str = "",
    ) -> ComparisonResult:
        """A result whose interval ``limits`` carries the result's ``method`` and ``level``.

        Examples
        --------
        >>> res = ComparisonResult.of("difference", "wald", 0.95, ((5, 5), (2, 8)), 0.3,
        ...                           (-0.1, 0.7), "sample difference a/(a+b) - c/(c+d)")
        >>> res.ci.method, res.ci.level, res.ci.low, res.p1
        ('wald', 0.95, -0.1, 0.5)
        """
        low, high = limits
        return cls(
            measure=measure,
            method=method,
            level=level,
            estimate=estimate,
            ci=Interval(low, high, method=method, level=level),
            estimator=estimator,
            table=table,
            note=note,
        )

    def _display_(self) -> Display:
        return describe_comparison(self)

    @property
    def p1(self) -> float:
        """Group 1's prevalence ``a / (a + b)``."""
        (a, b), _ = self.table
        return a / (a + b)

    @property
    def p2(self) -> float:
        """Group 2's prevalence ``c / (c + d)``."""
        _, (c, d) = self.table
        return c / (c + d)

    def to_frame(self) -> pd.DataFrame:
        """One row: measure, method, level, estimate, interval, the table and the note.

        Examples
        --------
        >>> from pctstats.stats.odds_ratio import odds_ratio_ci
        >>> res = odds_ratio_ci(106, 124, 495, 713, method="woolf")
        >>> res.to_frame()[["measure", "method", "estimate", "low", "high"]].round(4)
              measure method  estimate     low    high
        0  odds_ratio  woolf    1.2313  0.9274  1.6349
        """
        (a, b), (c, d) = self.table
        return pd.DataFrame(
            {
                names.MEASURE: [self.measure],
                names.METHOD: [self.method],
                names.LEVEL: [self.level],
                names.ESTIMATE: [self.estimate],
                names.ESTIMATOR: [self.estimator],
                names.LOW: [self.ci.low],
                names.HIGH: [self.ci.high],
                names.CELL_A: [a],
                names.CELL_B: [b],
                names.CELL_C: [c],
                names.CELL_D: [d],
                names.P1: [self.p1],
                names.P2: [self.p2],
                names.NOTE: [self.note],
            }
        )


def check_table(
    a: object, b: object, c: object, d: object
) -> tuple[tuple[int, int], tuple[int, int]]:
    """Check the cells of a 2x2 table and return it as ``((a, b), (c, d))``.

    Parameters
    ----------
    a, b, c, d : int
        The four cells: group 1's cases and non-cases, then group 2's.

    Returns
    -------
    tuple
        The table, each cell a Python int.

    Raises
    ------
    ValueError, TypeError
        If a cell is not a single non-negative whole number, or a group has no members.

    Examples
    --------
    >>> check_table(106, 124, 495.0, 713)
    ((106, 124), (495, 713))
    >>> check_table(0, 0, 1, 2)
    Traceback (most recent call last):
    ...
    ValueError: a + b must be positive: group 1 has no members
    """
    cells = (
        check_cell(a, "a"),
        check_cell(b, "b"),
        check_cell(c, "c"),
        check_cell(d, "d"),
    )
    if cells[0] + cells[1] == 0:
        raise ValueError("a + b must be positive: group 1 has no members")
    if cells[2] + cells[3] == 0:
        raise ValueError("c + d must be positive: group 2 has no members")
    return (cells[0], cells[1]), (cells[2], cells[3])
