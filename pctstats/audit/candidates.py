"""The estimates (or pairs of estimates) a claim can be compared with, and which fits it best.

Candidates are the estimates of the claim's sources whose measure can be compared with the claim's
(a prevalence or range with a prevalence or range; an odds ratio or ratio claim with an odds ratio;
an association with an association or odds ratio). A comparison or ratio claim (one with a
``reference_sex``) is matched against *pairs* of prevalences (one of each group, see
:func:`pctstats.evidence.matching_pairs`) drawn from its sources. The best match
(:meth:`Candidate.key`) is the candidate whose value agrees with the claim's, then with the fewest
differing dimensions, then one the claim traces to (``estimate_ids``), then a first printing
rather than an alternative one (``version_of``).

Examples
--------
>>> from pctstats import load
>>> db = load()
>>> best = min(single_candidates(db, db.claims["A"], "up_or_down", ("maczkowiack2019",)),
...            key=Candidate.key)
>>> best.ids, best.value_match
(('maczkowiack2019-regular',), 'in_range')
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from types import MappingProxyType
from typing import Final

from pctstats.audit.dimensions import Mismatch, dimension_mismatches, in_order
from pctstats.audit.values import VALUE_FOUND, compare_value
from pctstats.core import vocab as V
from pctstats.core.equivalence import covers
from pctstats.core.names import (
    ACROSS_SAMPLES,
    DIFFERENT,
    DIRECTION_AGREES,
    DIRECTION_CONTRADICTS,
    DIRECTION_UNDETERMINED,
    EQUAL,
    HIGHER,
    LOWER,
    NO_NUMBER,
    RATIO_IMPLIED,
)
from pctstats.data.dataset import Dataset
from pctstats.data.records import Claim, Estimate
from pctstats.evidence import PairEvidence, matching_pairs, ratio_fits

__all__ = ["COMPARABLE", "Candidate", "best_of", "pair_candidates", "single_candidates"]

#: A claim's measure -> the estimate measures its number can be compared with.
COMPARABLE: Final = MappingProxyType(
    {
        V.PREVALENCE: frozenset({V.PREVALENCE, V.PREVALENCE_RANGE}),
        V.PREVALENCE_RANGE: frozenset({V.PREVALENCE, V.PREVALENCE_RANGE}),
        V.ODDS_RATIO: frozenset({V.ODDS_RATIO}),
        V.RATIO_CLAIM: frozenset({V.ODDS_RATIO}),
        V.ASSOCIATION: frozenset({V.ASSOCIATION, V.ODDS_RATIO}),
        V.COMPARISON: frozenset(),
    }
)


@dataclass(frozen=True)
class Candidate:
    """An estimate, or a pair of estimates, a claim is compared with.

    Attributes
    ----------
    ids
        The estimate id(s), group 1 first for a pair.
    estimates
        The estimate(s).
    value_match
        How the claim's number relates to it (:data:`pctstats.audit.values.VALUE_MATCHES`).
    beyond_precision
        Whether the claim prints a precision the source does not.
    find_mismatches
        Works out :attr:`mismatches`, once, when they are first read: only the candidates whose
        value fits best are ever ranked by their mismatches (:func:`best_of`).
    traced
        Whether the claim traces to it (``estimate_ids``).
    version
        Whether it is an alternative printing (``version_of``).
    order
        Its position among the candidates (record order).
    pair
        For a pair, what the two prevalences imply.

    Examples
    --------
    >>> from pctstats import load
    >>> db = load()
    >>> c = single_candidates(db, db.claims["D-lifetime"], "up_or_down", ("maczkowiack2019",))[0]
    >>> c.ids, [m.dimension for m in c.mismatches]
    (('maczkowiack2019-lifetime',), ['sample_size'])
    """

    ids: tuple[str, ...]
    estimates: tuple[Estimate, ...]
    value_match: str
    beyond_precision: bool
    find_mismatches: Callable[[], tuple[Mismatch, ...]] = field(repr=False, compare=False)
    traced: bool
    version: bool
    order: int
    pair: PairEvidence | None = None

    @cached_property
    def mismatches(self) -> tuple[Mismatch, ...]:
        """The dimensions that differ (other than value and precision), in order."""
        return self.find_mismatches()

    def differs_on(self, dimension: str) -> bool:
        """Tell whether the candidate differs from the claim on ``dimension``.

        Examples
        --------
        >>> from pctstats import load
        >>> db = load()
        >>> c = single_candidates(db, db.claims["D-lifetime"], "up_or_down",
        ...                       ("maczkowiack2019",))[0]
        >>> c.differs_on("sample_size"), c.differs_on("year")
        (True, False)
        """
        return any(m.dimension == dimension for m in self.mismatches)

    @property
    def rank(self) -> int:
        """The first part of :meth:`key`: 0 when the value is found, 1 with no number, else 2."""
        if self.value_match in VALUE_FOUND:
            return 0
        return 1 if self.value_match == NO_NUMBER else 2

    def key(self) -> tuple[int, int, int, int, int, int]:
        """Sort key: value found, fewest mismatches, exact value, traced, first printing.

        Examples
        --------
        >>> from pctstats import load
        >>> db = load()
        >>> found = single_candidates(db, db.claims["B-male"], "even", ("maczkowiack2019",))
        >>> [c.rank for c in found][:2]
        [0, 2]
        >>> sorted(found, key=Candidate.key)[0].key()[:3]
        (0, 1, 0)
        """
        n_mismatches = len(self.mismatches) + int(self.beyond_precision)
        inexact = int(self.value_match not in (EQUAL, DIRECTION_AGREES, NO_NUMBER))
        return (
            self.rank,
            n_mismatches,
            inexact,
            int(not self.traced),
            int(self.version),
            self.order,
        )


def best_of(candidates: Sequence[Candidate]) -> Candidate:
    """The candidate with the least :meth:`Candidate.key` (the first of equals).

    The same as ``min(candidates, key=Candidate.key)``, but only the candidates of the best
    rank are ranked by their mismatches: the others' need not be worked out.

    Examples
    --------
    >>> from pctstats import load
    >>> db = load()
    >>> found = single_candidates(db, db.claims["A"], "up_or_down", ("maczkowiack2019",))
    >>> best_of(found) is min(found, key=Candidate.key)
    True
    """
    rank = min(c.rank for c in candidates)
    return min((c for c in candidates if c.rank == rank), key=Candidate.key)


def single_candidates(
    db: Dataset, claim: Claim, rounding: str, source_ids: tuple[str, ...]
) -> list[Candidate]:
    """Every estimate of ``source_ids`` whose kind of number can be compared with the claim's.

    A claim that traces to no source is compared only with estimates of its outcome (or of the
    outcome it is a part of).

    Examples
    --------
    >>> from pctstats import load
    >>> db = load()
    >>> [c.ids for c in single_candidates(db, db.claims["A"], "up_or_down",
    ...                                     ("maczkowiack2019",))][:1]
    [('maczkowiack2019-lifetime',)]
    """
    comparable = COMPARABLE.get(claim.measure, frozenset())
    untraced = not claim.source_ids
    out = []
    for order, e in enumerate(db.estimates.values()):
        if e.source_id not in source_ids or e.measure not in comparable:
            continue
        if untraced and not covers("outcome", claim.outcome, e.outcome):
            continue
        if claim.unit != V.NONE and e.unit != claim.unit:
            continue
        match, beyond = compare_value(claim, e, rounding)
        out.append(
            Candidate(
                ids=(e.estimate_id,),
                estimates=(e,),
                value_match=match,
                beyond_precision=beyond,
                find_mismatches=partial(dimension_mismatches, db, claim, e),
                traced=e.estimate_id in claim.estimate_ids,
                version=e.version_of is not None,
                order=order,
            )
        )
    return out


def pair_candidates(
    db: Dataset, claim: Claim, rounding: str, source_ids: tuple[str, ...]
) -> list[Candidate]:
    """Every pair of prevalences of ``source_ids`` that could stand behind a two-group claim.

    Examples
    --------
    >>> from pctstats import load
    >>> db = load()
    >>> c = pair_candidates(db, db.claims["E"], "up_or_down", tuple(db.sources))[0]
    >>> c.ids, c.value_match, [m.dimension for m in c.mismatches][-1]
    (('schweitzer2015-lifetime', 'maczkowiack2019-lifetime'), 'different', 'across_samples')
    """
    out = []
    for order, pair in enumerate(matching_pairs(claim, db, rounding, source_ids=source_ids)):
        n_sources = 1 if pair.same_source else 2
        found = {m.dimension: m for m in dimension_mismatches(
            db, claim, pair.first, n_sources=n_sources
        )}
        for m in dimension_mismatches(
            db, claim, pair.reference, sex=claim.reference_sex, n_sources=n_sources
        ):
            found.setdefault(m.dimension, m)
        if not pair.same_source:
            found[ACROSS_SAMPLES] = Mismatch(ACROSS_SAMPLES, note="two different samples")
        if claim.measure == V.COMPARISON:
            match = {HIGHER: DIRECTION_AGREES, LOWER: DIRECTION_CONTRADICTS}.get(
                pair.direction, DIRECTION_UNDETERMINED
            )
        elif claim.value is not None and any(ratio_fits(claim.value, pair, rounding).values()):
            match = RATIO_IMPLIED
        else:
            match = DIFFERENT
        out.append(
            Candidate(
                ids=pair.ids,
                estimates=(pair.first, pair.reference),
                value_match=match,
                beyond_precision=False,
                find_mismatches=partial(in_order, found),
                traced=set(pair.ids) <= set(claim.estimate_ids),
                version=False,
                order=order,
                pair=pair,
            )
        )
    return out
