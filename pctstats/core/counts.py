"""The whole counts nearest a printed percentage of ``n``, and how a count reads as a share.

When no count ``k`` out of ``n`` prints as a reported percentage (GRIM fails), the checks, the
intervals and the figures all name the two counts around ``value * n / 100``; this is that rule,
once.

Examples
--------
>>> nearest_counts("5.1", 230)
(11, 12)
>>> shares((11, 12), 230)
'11/230 = 4.78%, 12/230 = 5.22%'
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from pctstats.core.reported import to_decimal

__all__ = ["nearest_counts", "share", "shares"]


def nearest_counts(value: str, n: int) -> tuple[int, ...]:
    """The whole counts just below and just above ``value`` % of ``n`` (one when it is whole).

    Parameters
    ----------
    value
        A printed percentage, e.g. ``"5.1"``.
    n
        The denominator.

    Returns
    -------
    tuple of int
        The floor and the ceiling of ``value * n / 100`` that lie in ``0 .. n``, ascending.

    Examples
    --------
    >>> nearest_counts("5.1", 230), nearest_counts("50", 10)
    ((11, 12), (5,))
    """
    exact = to_decimal(value) * n / 100
    ends = {int(exact.to_integral_value(ROUND_FLOOR)), int(exact.to_integral_value(ROUND_CEILING))}
    return tuple(sorted(k for k in ends if 0 <= k <= n))


def share(k: int, n: int) -> str:
    """A count as a share of ``n``: ``"11/230 = 4.78%"`` (two decimals).

    Examples
    --------
    >>> share(106, 230)
    '106/230 = 46.09%'
    """
    return f"{k}/{n} = {Decimal(100 * k) / n:.2f}%"


def shares(counts: Iterable[int], n: int) -> str:
    """Several counts as shares of ``n``, joined with commas.

    Examples
    --------
    >>> shares([1, 2], 3)
    '1/3 = 33.33%, 2/3 = 66.67%'
    """
    return ", ".join(share(k, n) for k in counts)
