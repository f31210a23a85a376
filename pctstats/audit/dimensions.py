"""The dimensions on which a claim can differ from an estimate, each as a typed :class:`Mismatch`.

A claim may leave unsaid only the *least restrictive* reading: no period named is read as
"lifetime", no frequency as "at least once" (:mod:`pctstats.core.equivalence` says which values
are one). Saying something the source does not say, or dropping a restriction the source has, is
a mismatch; :data:`MISMATCHES` lists the dimensions with their rules.

Examples
--------
>>> from pctstats import load
>>> db = load()
>>> [m.text for m in dimension_mismatches(db, db.claims["D-lifetime"],
...                                       db.estimates["maczkowiack2019-lifetime"])]
['n = 1,635 against 1,208']
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from pctstats.core import vocab as V
from pctstats.core.equivalence import canonical, same, term
from pctstats.core.names import (
    ACROSS_SAMPLES,
    CONTEXT,
    FREQUENCY,
    MEASURE,
    ORIENTATION,
    OUTCOME,
    POPULATION,
    PRECISION,
    SAMPLE_SIZE,
    SEX,
    SOURCE_KIND,
    STRENGTH,
    TIMEFRAME,
    VALUE,
    YEAR,
)
from pctstats.core.phrases import fmt_n, label, noun, words
from pctstats.core.reported import to_decimal
from pctstats.data.dataset import Dataset
from pctstats.data.records import Claim, Estimate, Source

__all__ = [
    "MISMATCHES",
    "RESTRICTING_TAGS",
    "Mismatch",
    "dimension_mismatches",
    "in_order",
]

#: The dimensions on which a claim can differ from its source, each with its rule; a verdict
#: lists its mismatches in this order.
MISMATCHES: Final = MappingProxyType(
    {
        VALUE: "no estimate of the sources matches the claim's number under rounding and "
        "approximation (or a comparison's direction is contradicted)",
        PRECISION: "the claim prints more decimals than the source, or an exact point value "
        "where the source prints only a range",
        SAMPLE_SIZE: "the n the claim states is neither the estimate's n nor the source's "
        "analysed n",
        TIMEFRAME: "the claim's period differs from the source's (lifetime = since sexually "
        "active; a claim naming no period matches only a lifetime source)",
        FREQUENCY: "the claim's frequency differs from the source's (at least once = not stated)",
        SEX: "the claim is about another group (women, men, people) than the estimate",
        ORIENTATION: "the claim is about another sexual-orientation group than the estimate "
        "(a number of men attracted to men quoted for men, or the other way round): like sex, "
        "orientation defines whose number it is, so this changes what was measured",
        POPULATION: "the claim drops a restriction of the sample (university students, sexually "
        "active, twins...), adds one, or states another age range",
        OUTCOME: "what the claim says was measured differs from what the source measured",
        CONTEXT: "the claim's sexual context differs from the source's (added or dropped)",
        SOURCE_KIND: "the claim's kind of source ('one study', 'studies') does not fit the "
        "source's design (a review, a single study)",
        YEAR: "the year claimed is neither the source's year nor the year it appeared online "
        "(not judged where the source's year is open)",
        STRENGTH: "the claim asserts a strength of association the source does not report",
        MEASURE: "no estimate of the sources is of the kind of number the claim states",
        ACROSS_SAMPLES: "a comparison or ratio drawn from two different samples (sources)",
    }
)

#: Population tags that restrict who was sampled (``restricts`` in :mod:`pctstats.core.vocab`): a
#: claim that drops one generalises the number to people outside the sample. The others (online,
#: convenience, probability sample, international) describe how the sample was drawn.
RESTRICTING_TAGS: Final = frozenset(
    tag for tag, t in V.TERMS["population_tag"].items() if t.restricts
)

#: What a claim that names no value of a vocabulary is read as: the least restrictive reading.
_UNSTATED_READING: Final = MappingProxyType({"timeframe": V.LIFETIME})
#: The kinds of source a claim names that mean one study.
_SINGLE_STUDY_KINDS: Final = frozenset({V.ONE_STUDY, V.ONE_SURVEY})


@dataclass(frozen=True)
class Mismatch:
    """One dimension on which a claim differs from the estimate it is compared with.

    Attributes
    ----------
    dimension
        One of :data:`MISMATCHES`.
    claimed, found
        What the claim says and what the source says, as short phrases ("n = 1,635" and
        "1,208"); empty where the dimension has no two sides.
    note
        What else is said: for a population, what the claim does ("it drops 'twins'"); for a kind
        of source, a strength or two samples, the whole phrase.
    broader
        True for a population the claim only states more broadly than the sample (it drops a
        restriction and adds nothing: "women" for "female university students").

    Examples
    --------
    >>> Mismatch("sample_size", "n = 1,635", "1,208").text
    'n = 1,635 against 1,208'
    >>> Mismatch("population", "'women'", "'students'", "it drops 'university students'").text
    "'women' against 'students': it drops 'university students'"
    """

    dimension: str
    claimed: str = ""
    found: str = ""
    note: str = ""
    broader: bool = False

    @property
    def text(self) -> str:
        """The mismatch as a phrase of the audit's message ("lifetime against past year").

        Examples
        --------
        >>> Mismatch("value").text
        ''
        """
        if not (self.claimed or self.found):
            return self.note
        pair = f"{self.claimed} against {self.found}"
        return f"{pair}: {self.note}" if self.note else pair


def in_order(mismatches: dict[str, Mismatch]) -> tuple[Mismatch, ...]:
    """Mismatches by dimension, in the order of :data:`MISMATCHES`.

    Examples
    --------
    >>> [m.dimension for m in in_order({"year": Mismatch("year"), "sex": Mismatch("sex")})]
    ['sex', 'year']
    """
    return tuple(mismatches[k] for k in MISMATCHES if k in mismatches)


def _ages(lo: int | None, hi: int | None) -> str:
    if lo is None and hi is None:
        return "no ages stated"
    return f"aged {lo if lo is not None else '?'}-{hi if hi is not None else '?'}"


def _strength_supported(db: Dataset, estimate: Estimate) -> bool:
    """Whether ``estimate`` is the largest of its source's associations with the same outcome."""
    if estimate.value is None:
        return False
    siblings = [
        e
        for e in db.estimates_of(estimate.source_id)
        if e.measure in (V.ASSOCIATION, V.ODDS_RATIO) and e.outcome == estimate.outcome
    ]
    if any(e.value is None for e in siblings):
        return False
    size = abs(math.log(float(to_decimal(estimate.value))))
    return all(abs(math.log(float(to_decimal(e.value)))) <= size for e in siblings if e.value)


def _same_timeframe(claimed: str, found: str) -> bool:
    read = _UNSTATED_READING["timeframe"] if claimed == V.NOT_STATED else claimed
    return claimed == found or canonical("timeframe", read) == canonical("timeframe", found)


def _between(dimension: str, vocabulary: str, claimed: str, found: str) -> Mismatch:
    return Mismatch(dimension, noun(vocabulary, claimed), noun(vocabulary, found))


def _population(claim: Claim, estimate: Estimate, source: Source) -> Mismatch | None:
    tags = set(estimate.population_tags or source.population_tags)
    restricting = {t for t in tags if term("population_tag", t).restricts}
    dropped = sorted(restricting - set(claim.population_tags))
    added = sorted(set(claim.population_tags) - tags)
    problems = [f"drops '{t.replace('_', ' ')}'" for t in dropped]
    problems += [f"adds '{t.replace('_', ' ')}'" for t in added]
    if claim.age_min is not None or claim.age_max is not None:
        est_ages = (
            estimate.age_min if estimate.age_min is not None else source.age_min,
            estimate.age_max if estimate.age_max is not None else source.age_max,
        )
        if (claim.age_min, claim.age_max) != est_ages:
            claimed_ages = _ages(claim.age_min, claim.age_max)
            problems.append(f"says {claimed_ages} against {_ages(*est_ages)}")
    if not problems:
        return None
    return Mismatch(
        POPULATION, f"'{claim.population}'", f"'{estimate.population}'",
        f"it {' and '.join(problems)}", broader=len(problems) == len(dropped),
    )


def _source_kind(claim: Claim, source: Source, n_sources: int | None) -> Mismatch | None:
    kind = claim.source_kind.replace("_", " ")
    if claim.source_kind in _SINGLE_STUDY_KINDS and source.design == V.NARRATIVE_REVIEW:
        return Mismatch(SOURCE_KIND, note=f"'{kind}' for a narrative review of several studies")
    if (
        claim.source_kind == V.SEVERAL_STUDIES
        and (n_sources if n_sources is not None else max(1, len(claim.source_ids))) <= 1
        and source.design != V.NARRATIVE_REVIEW
    ):
        design = source.design.replace("_", " ")
        return Mismatch(SOURCE_KIND, note=f"'{kind}' for a single {design}")
    return None


def dimension_mismatches(
    db: Dataset,
    claim: Claim,
    estimate: Estimate,
    sex: str | None = None,
    n_sources: int | None = None,
) -> tuple[Mismatch, ...]:
    """The dimensions (other than value and precision) on which a claim differs from an estimate.

    Parameters
    ----------
    db
        The record set (for the estimate's source).
    claim, estimate
        The two records.
    sex
        The group the estimate should be about (default: the claim's ``sex``; for the reference
        estimate of a comparison, its ``reference_sex``).
    n_sources
        How many sources the evidence behind the claim comes from (default: the number of the
        claim's ``source_ids``, at least 1); "studies have found" needs more than one, or a review.

    Returns
    -------
    tuple of Mismatch
        One per dimension that differs, in the order of :data:`MISMATCHES`.

    Examples
    --------
    >>> from pctstats import load
    >>> db = load()
    >>> dimension_mismatches(db, db.claims["D-lifetime"], db.estimates["maczkowiack2019-lifetime"])
    (Mismatch(dimension='sample_size', claimed='n = 1,635', found='1,208', note='', broader=False),)
    """
    source: Source = db.source_of(estimate.estimate_id)
    found: list[Mismatch | None] = []
    if claim.n_claimed is not None and claim.n_claimed not in {estimate.n, source.n_analysed}:
        found.append(
            Mismatch(SAMPLE_SIZE, f"n = {fmt_n(claim.n_claimed)}", fmt_n(estimate.n or source.n))
        )
    if not _same_timeframe(claim.timeframe, estimate.timeframe):
        found.append(_between(TIMEFRAME, "timeframe", claim.timeframe, estimate.timeframe))
    if not same("frequency", claim.frequency, estimate.frequency):
        found.append(_between(FREQUENCY, "frequency", claim.frequency, estimate.frequency))
    wanted = claim.sex if sex is None else sex
    if wanted != estimate.sex:
        found.append(Mismatch(SEX, words("sex", wanted), words("sex", estimate.sex)))
    if claim.orientation != estimate.orientation:
        found.append(_between(ORIENTATION, "orientation", claim.orientation, estimate.orientation))
    found.append(_population(claim, estimate, source))
    if claim.outcome != estimate.outcome:
        found.append(
            Mismatch(OUTCOME, words("outcome", claim.outcome), words("outcome", estimate.outcome))
        )
    if claim.context != estimate.context:
        found.append(_between(CONTEXT, "context", claim.context, estimate.context))
    found.append(_source_kind(claim, source, n_sources))
    years = sorted({y for y in (source.year, source.online_year) if y is not None})
    if claim.year_claimed is not None and years and claim.year_claimed not in years:
        found.append(Mismatch(YEAR, str(claim.year_claimed), " / ".join(map(str, years))))
    if claim.strength_claimed is not None and not _strength_supported(db, estimate):
        found.append(
            Mismatch(
                STRENGTH,
                note=f"'{claim.value_text}' where {label(db, source.source_id)} reports the "
                "association with no effect size to rank it by"
                if estimate.value is None
                else f"'{claim.value_text}' where {estimate.estimate_id} is not the largest "
                "association",
            )
        )
    return tuple(m for m in found if m is not None)
