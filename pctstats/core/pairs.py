"""Pairs of prevalences of two groups (women against men): which records can pair, once.

A two-group claim ("2.87 times more likely", "more common in women") and the ratio figure both
need pairs of single printed prevalences, one of each group, that measure the same thing. This
module says which records can stand in such a pair (:func:`is_point_prevalence`) and forms the
pairs (:func:`group_pairs`); what "the same thing" means is the caller's ``fits`` rule (the
claim's dimensions for :mod:`pctstats.evidence`, one sample for the ratio figure).

Examples
--------
>>> from pctstats import load
>>> db = load()
>>> same_sample = lambda a, b: a.source_id == b.source_id and a.context == b.context
>>> [(a.estimate_id, b.estimate_id) for a, b in group_pairs(
...     db.estimates.values(), "female", "male", same_sample)][0]
('jsmt2024-female-relationship', 'jsmt2024-male-relationship')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol, TypeVar

from pctstats.core.vocab import PERCENT, PREVALENCE

__all__ = ["group_pairs", "is_point_prevalence"]


class _Prevalence(Protocol):
    @property
    def measure(self) -> str: ...

    @property
    def unit(self) -> str: ...

    @property
    def value(self) -> str | None: ...

    @property
    def value_high(self) -> str | None: ...

    @property
    def version_of(self) -> str | None: ...

    @property
    def sex(self) -> str: ...


R = TypeVar("R", bound=_Prevalence)


def is_point_prevalence(record: _Prevalence) -> bool:
    """Tell whether a record is a single printed percentage, printed first (not a range or reprint).

    Examples
    --------
    >>> from pctstats import load
    >>> db = load()
    >>> is_point_prevalence(db.estimates["schweitzer2015-lifetime"])
    True
    >>> is_point_prevalence(db.estimates["maczkowiack2019-regular"])
    False
    """
    return (
        record.measure == PREVALENCE
        and record.unit == PERCENT
        and record.value is not None
        and record.value_high is None
        and record.version_of is None
    )


def group_pairs(
    records: Iterable[R], sex: str, reference_sex: str, fits: Callable[[R, R], bool]
) -> list[tuple[R, R]]:
    """Every pair of point prevalences, one of ``sex`` and one of ``reference_sex``, that fits.

    Parameters
    ----------
    records
        The candidate records (those that are not point prevalences are left out).
    sex, reference_sex
        The two groups (group 1 first).
    fits
        ``fits(first, reference)``: whether the two can stand together.

    Returns
    -------
    list of tuple
        ``(first, reference)`` in record order: group 1's record, then the reference's.

    Examples
    --------
    >>> from pctstats import load
    >>> db = load()
    >>> pairs = group_pairs(db.estimates.values(), "female", "male", lambda a, b: False)
    >>> pairs
    []
    """
    pool = [r for r in records if is_point_prevalence(r)]
    return [
        (a, b)
        for a in pool
        if a.sex == sex
        for b in pool
        if b.sex == reference_sex and fits(a, b)
    ]
