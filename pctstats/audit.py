"""The claim audit: each article claim against every estimate of the source(s) it traces to.

:func:`audit_claims` compares each claim of ``claims.csv`` with each estimate of its sources
(``claims.source_ids``) on every dimension the records state, finds the estimate the claim matches
best, and gives one verdict with the dimensions that differ and a sentence a reader understands
without the code.

Matching
--------
Candidates are the estimates of the claim's sources whose measure can be compared with the claim's
(a prevalence or range with a prevalence or range; an odds ratio or ratio claim with an odds ratio;
an association with an association or odds ratio). A comparison or ratio claim (one with a
``reference_sex``) is matched against *pairs* of prevalences (one of each group, see
:func:`pctstats.checks.ratio_claims.matching_pairs`) drawn from its sources. The best match is the
candidate whose value agrees with the claim's (under rounding and approximation, below), then with
the fewest differing dimensions, then one the claim traces to (``estimate_ids``), then a first
printing rather than an alternative one (``version_of``).

Value (under rounding)
----------------------
Each printed number stands for the interval of true values that print as it
(:func:`pctstats.core.rounding.rounding_interval`). A claim's number is read at its own precision;
"about"/"around" and "almost" read an integer ending in zero at the precision of its last non-zero
digit ("almost half", recorded as 50, is "45 to 50"), and "almost" keeps only the part below the
number. Then (:data:`VALUE_MATCHES`): the claim is ``equal`` when it prints the source's number
at the same precision ("about 41%" for 41 is equal); ``rounded`` when it is coarser and its
interval meets the source's ("5%" for 5.1); ``in_range`` when a point claim lies in a source range
("about four percent" in "between 3% and 4%"); ``more_precise`` when it prints more decimals than
the source but rounds to it; ``different`` otherwise.

Dimensions (:data:`MISMATCHES`)
-------------------------------
A claim may leave unsaid only the *least restrictive* reading: no period named is read as
"lifetime", no frequency as "at least once". Saying something the source does not say, or dropping a
restriction the source has, is a mismatch:

- ``value``: no estimate of the sources matches the claim's number (see above);
- ``precision``: the claim prints more decimals than the source, or an exact point value where the
  source prints only a range ("3.1%" for "between 3% and 4%");
- ``sample_size``: ``n_claimed`` is neither the estimate's ``n`` nor the source's analysed ``n``;
- ``timeframe``: the claim's period differs from the source's (``lifetime`` and
  ``since_sexually_active`` are one period; a claim naming none matches only a lifetime source);
- ``frequency``: the claim's frequency differs (``at_least_once`` and ``not_stated`` are one);
- ``sex``: whom the number is about differs ("people" for a figure of women);
- ``population``: the claim drops a restriction of the sample (:data:`RESTRICTING_TAGS`:
  university students, sexually active, twins...), adds one, or states another age range;
- ``outcome``: what was measured differs (the articles' "crying" is only part of PCD symptoms);
- ``context``: the sexual context differs (added or dropped);
- ``source_kind``: "one study" / "one survey" for a review, or "studies" for a single study;
- ``year``: the year claimed is neither the source's year nor the year it appeared online;
- ``strength``: the claim asserts a strength ("most strongly associated") the source does not
  report (it needs the effect sizes of every correlate, and this one the largest);
- ``measure``: no estimate of the sources is of the kind of number the claim states;
- ``across_samples``: a comparison or ratio drawn from two different samples (sources).

Verdicts (:data:`VERDICTS`), the first that applies
---------------------------------------------------
1. ``unsupported``: the claim traces to no source; or no estimate of its sources is of its kind of
   number; or it asserts a strength no estimate reports.
2. ``wrong_number``: the claim's number matches neither its traced estimate nor any estimate of its
   sources under rounding and approximation (for a comparison: the direction contradicts the pair
   it traces to).
3. ``distorted``: the number is found in the source, but the claim's words differ from the
   estimate it matches on at least one dimension (population, outcome, timeframe, sample size,
   precision beyond the source...), even if the number itself is right.
4. ``rounded``: nothing differs except that the claim is coarser than the source ("5%" for 5.1%,
   "almost half" for 46%, "about 4%" for 3–4%).
5. ``accurate``: nothing differs.

Every verdict holds under the rounding mode named in its row (``rounding``).

Examples
--------
>>> audit = audit_claims()
>>> audit.set_index("claim_id").loc["D-lifetime", ["verdict", "mismatches"]].tolist()
['distorted', ('sample_size',)]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Final

import pandas as pd

from pctstats.checks._common import (
    CONTEXT_NOUNS,
    CONTEXT_WORDS,
    FREQUENCY_NOUNS,
    FREQUENCY_WORDS,
    OUTCOME_WORDS,
    SEX_WORDS,
    TIMEFRAME_NOUNS,
    TIMEFRAME_WORDS,
    Span,
    estimate_span,
    fmt_float,
    fmt_n,
    hull,
    label,
    overlap,
    resolve,
    span,
)
from pctstats.checks.ratio_claims import (
    HIGHER,
    LOWER,
    PairEvidence,
    describe_pair,
    matching_pairs,
    ratio_fits,
)
from pctstats.core.reported import decimals_of, to_decimal
from pctstats.core.rounding import DEFAULT_ROUNDING, check_rounding
from pctstats.data.dataset import Dataset
from pctstats.data.records import Claim, Estimate, Source
from pctstats.stats.ratios import required_prevalence

# Verdicts -----------------------------------------------------------------------------------------
ACCURATE: Final = "accurate"
ROUNDED: Final = "rounded"
DISTORTED: Final = "distorted"
WRONG_NUMBER: Final = "wrong_number"
UNSUPPORTED: Final = "unsupported"

#: The verdicts, each with its rule, from best to worst. The first rule (from the worst) that
#: applies gives a claim's verdict.
VERDICTS: Final = MappingProxyType(
    {
        ACCURATE: "nothing differs: the claim states the source's number, at the source's "
        "precision, about what the source measured in whom it measured it",
        ROUNDED: "only the precision is coarser than the source's ('5%' for 5.1%, 'almost half' "
        "for 46%, 'about 4%' for 3-4%); nothing else differs",
        DISTORTED: "the number is in the source, but the claim's words differ from the estimate "
        "it matches on at least one dimension (population, outcome, timeframe, frequency, "
        "context, sex, sample size, kind of source, year, precision beyond the source...)",
        WRONG_NUMBER: "the claim's number matches neither its traced estimate nor any estimate of "
        "its sources under rounding and approximation (or a comparison's direction contradicts "
        "its traced pair)",
        UNSUPPORTED: "the claim traces to no source, or no estimate of its sources is of its kind "
        "of number, or it asserts what no estimate reports (a strength of association)",
    }
)

# Mismatch dimensions ------------------------------------------------------------------------------
VALUE: Final = "value"
PRECISION: Final = "precision"
SAMPLE_SIZE: Final = "sample_size"
TIMEFRAME: Final = "timeframe"
FREQUENCY: Final = "frequency"
SEX: Final = "sex"
POPULATION: Final = "population"
OUTCOME: Final = "outcome"
CONTEXT: Final = "context"
SOURCE_KIND: Final = "source_kind"
YEAR: Final = "year"
STRENGTH: Final = "strength"
MEASURE: Final = "measure"
ACROSS_SAMPLES: Final = "across_samples"

#: The dimensions on which a claim can differ from its source, each with its rule; ``mismatches``
#: lists them in this order.
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
        POPULATION: "the claim drops a restriction of the sample (university students, sexually "
        "active, twins...), adds one, or states another age range",
        OUTCOME: "what the claim says was measured differs from what the source measured",
        CONTEXT: "the claim's sexual context differs from the source's (added or dropped)",
        SOURCE_KIND: "the claim's kind of source ('one study', 'studies') does not fit the "
        "source's design (a review, a single study)",
        YEAR: "the year claimed is neither the source's year nor the year it appeared online",
        STRENGTH: "the claim asserts a strength of association the source does not report",
        MEASURE: "no estimate of the sources is of the kind of number the claim states",
        ACROSS_SAMPLES: "a comparison or ratio drawn from two different samples (sources)",
    }
)

# Value matches ------------------------------------------------------------------------------------
EQUAL: Final = "equal"
ROUNDED_VALUE: Final = "rounded"
IN_RANGE: Final = "in_range"
MORE_PRECISE: Final = "more_precise"
DIFFERENT: Final = "different"
DIRECTION_AGREES: Final = "direction_agrees"
DIRECTION_CONTRADICTS: Final = "direction_contradicts"
DIRECTION_UNDETERMINED: Final = "direction_undetermined"
RATIO_IMPLIED: Final = "ratio_implied"
NO_NUMBER: Final = "no_number"

#: How a claim's number relates to an estimate's, under rounding and approximation.
VALUE_MATCHES: Final = MappingProxyType(
    {
        EQUAL: "the claim prints the source's number at the source's precision",
        ROUNDED_VALUE: "the claim is coarser than the source and consistent with it",
        IN_RANGE: "a point claim lies within the source's printed range",
        MORE_PRECISE: "the claim prints more decimals than the source but rounds to it",
        DIFFERENT: "no true value is behind both the claim's number and the source's",
        DIRECTION_AGREES: "a comparison whose direction the pair of prevalences shows",
        DIRECTION_CONTRADICTS: "a comparison the pair of prevalences contradicts",
        DIRECTION_UNDETERMINED: "a comparison rounding cannot decide",
        RATIO_IMPLIED: "a claimed ratio the pair of prevalences implies (odds or risk ratio)",
        NO_NUMBER: "the claim or the estimate carries no number to compare",
    }
)
#: Value matches that count as the claim's number being found in the source.
_VALUE_FOUND: Final = frozenset(
    {EQUAL, ROUNDED_VALUE, IN_RANGE, MORE_PRECISE, DIRECTION_AGREES, RATIO_IMPLIED}
)
#: Value matches that make a claim coarser than its source.
_COARSER: Final = frozenset({ROUNDED_VALUE, IN_RANGE, RATIO_IMPLIED})

#: Population tags that restrict who was sampled: a claim that drops one generalises the number to
#: people outside the sample. The others (online, convenience, probability sample, international)
#: describe how the sample was drawn.
RESTRICTING_TAGS: Final = frozenset(
    {"university_students", "sexually_active", "twins", "sexual_context_experience"}
)

# Output columns -----------------------------------------------------------------------------------
COL_CLAIM_ID: Final = "claim_id"
COL_CLAIM_GROUP: Final = "claim_group"
COL_ARTICLE_ID: Final = "article_id"
COL_VERDICT: Final = "verdict"
COL_MISMATCHES: Final = "mismatches"
COL_MATCHED: Final = "matched_estimate_id"
COL_TRACED: Final = "traced_estimate_ids"
COL_MESSAGE: Final = "message"
COL_VALUE_MATCH: Final = "value_match"
COL_TRACED_VALUE_MATCH: Final = "traced_value_match"
COL_CLAIM_VALUE: Final = "claim_value"
COL_CLAIM_VALUE_HIGH: Final = "claim_value_high"
COL_APPROXIMATION: Final = "approximation"
COL_MATCHED_VALUE: Final = "matched_value"
COL_MATCHED_VALUE_HIGH: Final = "matched_value_high"
COL_N_CLAIMED: Final = "n_claimed"
COL_MATCHED_N: Final = "matched_n"
COL_ROUNDING: Final = "rounding"

AUDIT_COLUMNS: Final = (
    COL_CLAIM_ID,
    COL_CLAIM_GROUP,
    COL_ARTICLE_ID,
    COL_VERDICT,
    COL_MISMATCHES,
    COL_MATCHED,
    COL_TRACED,
    COL_MESSAGE,
    COL_VALUE_MATCH,
    COL_TRACED_VALUE_MATCH,
    COL_CLAIM_VALUE,
    COL_CLAIM_VALUE_HIGH,
    COL_APPROXIMATION,
    COL_MATCHED_VALUE,
    COL_MATCHED_VALUE_HIGH,
    COL_N_CLAIMED,
    COL_MATCHED_N,
    COL_ROUNDING,
)

_COMPARABLE: Final = MappingProxyType(
    {
        "prevalence": frozenset({"prevalence", "prevalence_range"}),
        "prevalence_range": frozenset({"prevalence", "prevalence_range"}),
        "odds_ratio": frozenset({"odds_ratio"}),
        "ratio_claim": frozenset({"odds_ratio"}),
        "association": frozenset({"association", "odds_ratio"}),
        "comparison": frozenset(),
    }
)
_LIFETIME: Final = frozenset({"lifetime", "since_sexually_active"})
_ANY_FREQUENCY: Final = frozenset({"at_least_once", "not_stated"})
_SINGLE_STUDY_KINDS: Final = frozenset({"one_study", "one_survey"})
_UNIT_SIGN: Final = MappingProxyType({"percent": "%", "ratio": "", "none": ""})


# Value comparison ---------------------------------------------------------------------------------
def _trailing_zeros(value: str) -> int:
    if "." in value or set(value) == {"0"}:
        return 0
    return len(value) - len(value.rstrip("0"))


def claim_span(
    value: str, approximation: str, rounding: str = DEFAULT_ROUNDING
) -> tuple[Span, int]:
    """The true values a claim's printed number can stand for, and its precision exponent.

    Parameters
    ----------
    value
        The claimed number as printed (``"5"``, ``"3.1"``, ``"50"`` for "almost half").
    approximation
        ``"exact"``, ``"about"``, ``"almost"`` or ``"between"`` (see ``pctstats.core.vocab``).
    rounding
        The rounding mode assumed.

    Returns
    -------
    tuple
        The interval (a :class:`~pctstats.checks._common.Span`) and the exponent of its last
        significant digit (``-1`` for ``"3.1"``, ``0`` for ``"5"``, ``1`` for an approximate
        ``"50"``).

    Examples
    --------
    >>> s, exponent = claim_span("50", "almost")
    >>> (s.low, s.high, s.high_inclusive), exponent
    ((Decimal('45.0'), Decimal('50'), False), 1)
    >>> claim_span("41", "about")[0][:2]
    (Decimal('40.5'), Decimal('41.5'))
    """
    exponent = -decimals_of(value)
    if approximation in ("about", "almost") and _trailing_zeros(value):
        zeros = min(_trailing_zeros(value), 1)  # read "40", "50", "100" to the nearest ten at most
        s = span(value[: len(value) - zeros], rounding).scaled(10**zeros)
        exponent = zeros
    else:
        s = span(value, rounding)
    if approximation == "almost":
        number = to_decimal(value)
        s = Span(s.low, min(s.high, number), s.low_inclusive, False)
    return s, exponent


def compare_point(
    value: str, approximation: str, printed: str, rounding: str = DEFAULT_ROUNDING
) -> str:
    """How a claimed number relates to one printed number of a source.

    Parameters
    ----------
    value, approximation
        The claim's number as printed and its approximation.
    printed
        The source's number as printed.
    rounding
        The rounding mode assumed.

    Returns
    -------
    str
        ``"equal"``, ``"rounded"``, ``"more_precise"`` or ``"different"`` (see
        :data:`VALUE_MATCHES`).

    Examples
    --------
    >>> compare_point("5", "exact", "5.1"), compare_point("41", "about", "41")
    ('rounded', 'equal')
    >>> compare_point("45", "exact", "46"), compare_point("50", "almost", "46")
    ('different', 'rounded')
    >>> compare_point("46.2", "exact", "46"), compare_point("4", "about", "41")
    ('more_precise', 'different')
    """
    claimed, claim_exponent = claim_span(value, approximation, rounding)
    source = span(printed, rounding)
    source_exponent = -decimals_of(printed)
    meets = overlap(claimed, source)
    if claim_exponent < source_exponent:
        return MORE_PRECISE if meets else DIFFERENT
    if claim_exponent > source_exponent:
        return ROUNDED_VALUE if meets else DIFFERENT
    if approximation == "almost":
        return EQUAL if meets else DIFFERENT
    return EQUAL if to_decimal(value) == to_decimal(printed) else DIFFERENT


def compare_value(
    claim: Claim, estimate: Estimate, rounding: str = DEFAULT_ROUNDING
) -> tuple[str, bool]:
    """How a claim's number (or range) relates to an estimate's, and whether precision is exceeded.

    Returns
    -------
    tuple
        ``(value_match, beyond_precision)``: one of :data:`VALUE_MATCHES`, and True when the claim
        prints a precision the source does not (more decimals, or an exact point for a range).

    Examples
    --------
    >>> from pctstats import load
    >>> db = load()
    >>> compare_value(db.claims["D-regular"], db.estimates["maczkowiack2019-regular"])
    ('in_range', True)
    >>> compare_value(db.claims["A"], db.estimates["maczkowiack2019-regular"])
    ('in_range', False)
    """
    if claim.value is None or estimate.value is None:
        return NO_NUMBER, False
    if claim.value_high is None and estimate.value_high is None:
        match = compare_point(claim.value, claim.approximation, estimate.value, rounding)
        return match, match == MORE_PRECISE
    if claim.value_high is None:  # a point claim against a source range
        assert estimate.value_high is not None
        claimed, _ = claim_span(claim.value, claim.approximation, rounding)
        source = estimate_span(estimate, rounding)
        assert source is not None
        if not overlap(claimed, source):
            return DIFFERENT, False
        finer = decimals_of(claim.value) > max(map(decimals_of, estimate.values))
        return IN_RANGE, finer or claim.approximation == "exact"
    if estimate.value_high is None:  # a claimed range around a source's point
        low, _ = claim_span(claim.value, claim.approximation, rounding)
        high, _ = claim_span(claim.value_high, claim.approximation, rounding)
        source = span(estimate.value, rounding)
        return (ROUNDED_VALUE if overlap(hull(low, high), source) else DIFFERENT), False
    ends = [
        compare_point(c, claim.approximation, e, rounding)
        for c, e in ((claim.value, estimate.value), (claim.value_high, estimate.value_high))
    ]
    if DIFFERENT in ends:
        return DIFFERENT, False
    if MORE_PRECISE in ends:
        return MORE_PRECISE, True
    return (EQUAL if ends == [EQUAL, EQUAL] else ROUNDED_VALUE), False


# Dimensions ---------------------------------------------------------------------------------------
def _words(mapping: Any, key: str) -> str:
    return mapping.get(key, key.replace("_", " "))


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
        if e.measure in ("association", "odds_ratio") and e.outcome == estimate.outcome
    ]
    if any(e.value is None for e in siblings):
        return False
    size = abs(math.log(float(to_decimal(estimate.value))))
    return all(abs(math.log(float(to_decimal(e.value)))) <= size for e in siblings if e.value)


def dimension_mismatches(
    db: Dataset,
    claim: Claim,
    estimate: Estimate,
    sex: str | None = None,
    n_sources: int | None = None,
) -> dict[str, str]:
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
    dict
        Dimension name -> a short phrase with the two values ("n = 1,635 against 1,208"), in the
        order of :data:`MISMATCHES`.

    Examples
    --------
    >>> from pctstats import load
    >>> db = load()
    >>> dimension_mismatches(db, db.claims["D-lifetime"], db.estimates["maczkowiack2019-lifetime"])
    {'sample_size': 'n = 1,635 against 1,208'}
    """
    source: Source = db.source_of(estimate.estimate_id)
    found: dict[str, str] = {}
    if claim.n_claimed is not None and claim.n_claimed not in {estimate.n, source.n_analysed}:
        found[SAMPLE_SIZE] = f"n = {fmt_n(claim.n_claimed)} against {fmt_n(estimate.n or source.n)}"
    claim_tf, est_tf = claim.timeframe, estimate.timeframe
    same_tf = claim_tf == est_tf or {claim_tf, est_tf} <= _LIFETIME or (
        claim_tf == "not_stated" and est_tf in _LIFETIME
    )
    if not same_tf:
        found[TIMEFRAME] = (
            f"{_words(TIMEFRAME_NOUNS, claim_tf)} against {_words(TIMEFRAME_NOUNS, est_tf)}"
        )
    same_fq = claim.frequency == estimate.frequency or {
        claim.frequency,
        estimate.frequency,
    } <= _ANY_FREQUENCY
    if not same_fq:
        found[FREQUENCY] = (
            f"{_words(FREQUENCY_NOUNS, claim.frequency)} against "
            f"{_words(FREQUENCY_NOUNS, estimate.frequency)}"
        )
    wanted = claim.sex if sex is None else sex
    if wanted != estimate.sex:
        found[SEX] = f"{SEX_WORDS[wanted]} against {SEX_WORDS[estimate.sex]}"
    tags = set(estimate.population_tags or source.population_tags)
    dropped = sorted((tags & RESTRICTING_TAGS) - set(claim.population_tags))
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
    if problems:
        found[POPULATION] = (
            f"'{claim.population}' against '{estimate.population}': it {' and '.join(problems)}"
        )
    if claim.outcome != estimate.outcome:
        found[OUTCOME] = (
            f"{_words(OUTCOME_WORDS, claim.outcome)} against "
            f"{_words(OUTCOME_WORDS, estimate.outcome)}"
        )
    if claim.context != estimate.context:
        found[CONTEXT] = (
            f"{_words(CONTEXT_NOUNS, claim.context)} against "
            f"{_words(CONTEXT_NOUNS, estimate.context)}"
        )
    kind = claim.source_kind.replace("_", " ")
    if claim.source_kind in _SINGLE_STUDY_KINDS and source.design == "narrative_review":
        found[SOURCE_KIND] = f"'{kind}' for a narrative review of several studies"
    elif (
        claim.source_kind == "several_studies"
        and (n_sources if n_sources is not None else max(1, len(claim.source_ids))) <= 1
        and source.design != "narrative_review"
    ):
        found[SOURCE_KIND] = f"'{kind}' for a single {source.design.replace('_', ' ')}"
    years_known = {source.year, source.online_year}
    if claim.year_claimed is not None and claim.year_claimed not in years_known:
        years = sorted({y for y in (source.year, source.online_year) if y is not None})
        found[YEAR] = f"{claim.year_claimed} against {' / '.join(map(str, years))}"
    if claim.strength_claimed is not None and not _strength_supported(db, estimate):
        found[STRENGTH] = (
            f"'{claim.value_text}' where {label(db, source.source_id)} reports the association "
            "with no effect size to rank it by"
            if estimate.value is None
            else f"'{claim.value_text}' where {estimate.estimate_id} is not the largest association"
        )
    return found


# Candidates ---------------------------------------------------------------------------------------
@dataclass
class _Candidate:
    ids: tuple[str, ...]
    estimates: tuple[Estimate, ...]
    value_match: str
    beyond_precision: bool
    mismatches: dict[str, str]
    traced: bool
    version: bool
    order: int
    pair: PairEvidence | None = None

    def key(self) -> tuple[int, int, int, int, int, int]:
        """Sort key: value found, fewest mismatches, exact value, traced, first printing."""
        if self.value_match in _VALUE_FOUND:
            rank = 0
        else:
            rank = 1 if self.value_match == NO_NUMBER else 2
        n_mismatches = len(self.mismatches) + int(self.beyond_precision)
        inexact = int(self.value_match not in (EQUAL, DIRECTION_AGREES, NO_NUMBER))
        return (
            rank,
            n_mismatches,
            inexact,
            int(not self.traced),
            int(self.version),
            self.order,
        )


def _outcome_fits(claim: Claim, e: Estimate) -> bool:
    return e.outcome == claim.outcome or (
        claim.outcome == "crying_after_sex" and e.outcome == "pcd_symptoms"
    )


def _single_candidates(
    db: Dataset, claim: Claim, rounding: str, source_ids: tuple[str, ...]
) -> list[_Candidate]:
    comparable = _COMPARABLE.get(claim.measure, frozenset())
    untraced = not claim.source_ids
    out = []
    for order, e in enumerate(db.estimates.values()):
        if e.source_id not in source_ids or e.measure not in comparable:
            continue
        if untraced and not _outcome_fits(claim, e):
            continue
        if claim.unit != "none" and e.unit != claim.unit:
            continue
        match, beyond = compare_value(claim, e, rounding)
        out.append(
            _Candidate(
                ids=(e.estimate_id,),
                estimates=(e,),
                value_match=match,
                beyond_precision=beyond,
                mismatches=dimension_mismatches(db, claim, e),
                traced=e.estimate_id in claim.estimate_ids,
                version=e.version_of is not None,
                order=order,
            )
        )
    return out


def _pair_candidates(
    db: Dataset, claim: Claim, rounding: str, source_ids: tuple[str, ...]
) -> list[_Candidate]:
    out = []
    for order, pair in enumerate(matching_pairs(claim, db, rounding, source_ids=source_ids)):
        n_sources = 1 if pair.same_source else 2
        mismatches = dimension_mismatches(db, claim, pair.first, n_sources=n_sources)
        for name, text in dimension_mismatches(
            db, claim, pair.reference, sex=claim.reference_sex, n_sources=n_sources
        ).items():
            mismatches.setdefault(name, text)
        if not pair.same_source:
            mismatches[ACROSS_SAMPLES] = "two different samples"
        mismatches = {k: mismatches[k] for k in MISMATCHES if k in mismatches}
        if claim.measure == "comparison":
            match = {HIGHER: DIRECTION_AGREES, LOWER: DIRECTION_CONTRADICTS}.get(
                pair.direction, DIRECTION_UNDETERMINED
            )
        elif claim.value is not None and any(ratio_fits(claim.value, pair, rounding).values()):
            match = RATIO_IMPLIED
        else:
            match = DIFFERENT
        out.append(
            _Candidate(
                ids=pair.ids,
                estimates=(pair.first, pair.reference),
                value_match=match,
                beyond_precision=False,
                mismatches=mismatches,
                traced=set(pair.ids) <= set(claim.estimate_ids),
                version=False,
                order=order,
                pair=pair,
            )
        )
    return out


# Messages -----------------------------------------------------------------------------------------
def _number(value: str | None, high: str | None, unit: str) -> str:
    if value is None:
        return "no number"
    sign = _UNIT_SIGN.get(unit, "")
    return f"{value}{sign}" if high is None else f"{value}{sign}-{high}{sign}"


def _qualifiers(timeframe: str, frequency: str, context: str) -> str:
    when = _words(TIMEFRAME_WORDS, timeframe)
    if frequency != "not_stated":
        when = f"{_words(FREQUENCY_WORDS, frequency)} {when}"
    parts = [when]
    if context != "any":
        parts.append(_words(CONTEXT_WORDS, context))
    return ", ".join(parts)


def _claim_words(db: Dataset, claim: Claim) -> str:
    article = db.articles.get(claim.article_id)
    outlet = article.outlet if article is not None else "The article"
    n = f"n = {fmt_n(claim.n_claimed)}; " if claim.n_claimed is not None else ""
    what = _words(OUTCOME_WORDS, claim.outcome)
    quals = _qualifiers(claim.timeframe, claim.frequency, claim.context)
    if claim.measure in ("comparison", "ratio_claim", "association"):
        return f"{outlet} says '{claim.value_text}' ({what}; {claim.population}; {quals})"
    return f"{outlet} says '{claim.value_text}' of {claim.population} ({n}{what}; {quals})"


def _estimate_words(db: Dataset, e: Estimate) -> str:
    quals = _qualifiers(e.timeframe, e.frequency, e.context)
    what = _words(OUTCOME_WORDS, e.outcome)
    n = f"n = {fmt_n(e.n)}; " if e.n is not None else ""
    if e.measure == "association":
        return (
            f"{label(db, e.source_id)}, which reports an association of {what} with {e.exposure} "
            f"in {e.population} ({quals})"
        )
    if e.measure == "odds_ratio":
        return (
            f"{label(db, e.source_id)}, which reports an odds ratio of {e.value} for {e.exposure} "
            f"({what}; {quals})"
        )
    number = _number(e.value, e.value_high, e.unit)
    return (
        f"{label(db, e.source_id)}, which reports {number} of {e.population} ({n}{what}; {quals})"
    )


def _differences(candidate: _Candidate, claim: Claim) -> str:
    parts = [
        f"{name.replace('_', ' ')} ({text})" if text else name.replace("_", " ")
        for name, text in candidate.mismatches.items()
    ]
    if candidate.beyond_precision:
        e = candidate.estimates[0]
        parts.insert(
            0,
            f"precision ({claim.value} against {_number(e.value, e.value_high, e.unit)} as "
            "printed)",
        )
    return _and(parts) if parts else ""


# The audit ----------------------------------------------------------------------------------------
def _audit_one(db: Dataset, claim: Claim, rounding: str) -> dict[str, Any]:
    row: dict[str, Any] = {
        COL_CLAIM_ID: claim.claim_id,
        COL_CLAIM_GROUP: claim.claim_group,
        COL_ARTICLE_ID: claim.article_id,
        COL_TRACED: tuple(claim.estimate_ids),
        COL_CLAIM_VALUE: claim.value,
        COL_CLAIM_VALUE_HIGH: claim.value_high,
        COL_APPROXIMATION: claim.approximation,
        COL_N_CLAIMED: claim.n_claimed,
        COL_ROUNDING: rounding,
        COL_MATCHED: None,
        COL_MATCHED_VALUE: None,
        COL_MATCHED_VALUE_HIGH: None,
        COL_MATCHED_N: None,
        COL_VALUE_MATCH: None,
        COL_TRACED_VALUE_MATCH: None,
        COL_MISMATCHES: (),
    }
    said = _claim_words(db, claim)
    untraced = not claim.source_ids
    source_ids = tuple(db.sources) if untraced else claim.source_ids
    if claim.reference_sex is not None and claim.measure in ("comparison", "ratio_claim"):
        candidates = _pair_candidates(db, claim, rounding, source_ids)
        if claim.measure == "ratio_claim":
            candidates += _single_candidates(db, claim, rounding, source_ids)
    else:
        candidates = _single_candidates(db, claim, rounding, source_ids)
    sources = ", ".join(label(db, s) for s in claim.source_ids)
    if not candidates:
        row[COL_VERDICT] = UNSUPPORTED
        row[COL_MISMATCHES] = () if untraced else (MEASURE,)
        row[COL_MESSAGE] = (
            f"Unsupported: {said}, but it traces to no source and nothing in the record set can "
            "be compared with it."
            if untraced
            else f"Unsupported: {said}, but {sources} reports no "
            f"{claim.measure.replace('_', ' ')} to compare it with."
        )
        return row
    best = min(candidates, key=_Candidate.key)
    traced = [c for c in candidates if c.traced]
    if traced:
        row[COL_TRACED_VALUE_MATCH] = min(traced, key=_Candidate.key).value_match
    mismatches = dict(best.mismatches)
    if best.value_match in (DIFFERENT, DIRECTION_CONTRADICTS):
        mismatches = {VALUE: "", **mismatches}
    names = [k for k in MISMATCHES if k in mismatches or (k == PRECISION and best.beyond_precision)]
    first = best.estimates[0]
    row.update(
        {
            COL_MATCHED: ";".join(best.ids),
            COL_MATCHED_VALUE: first.value,
            COL_MATCHED_VALUE_HIGH: first.value_high,
            COL_MATCHED_N: first.n,
            COL_VALUE_MATCH: best.value_match,
            COL_MISMATCHES: tuple(names),
        }
    )
    if untraced or STRENGTH in mismatches:
        verdict = UNSUPPORTED
    elif best.value_match in (DIFFERENT, DIRECTION_CONTRADICTS):
        verdict = WRONG_NUMBER
    elif names:
        verdict = DISTORTED
    elif best.value_match in _COARSER:
        verdict = ROUNDED
    else:
        verdict = ACCURATE
    row[COL_VERDICT] = verdict
    row[COL_MESSAGE] = _message(db, claim, best, candidates, verdict, said, rounding)
    return row


_VALUE_PHRASES: Final = MappingProxyType(
    {
        EQUAL: "the number is the same",
        ROUNDED_VALUE: "the claim rounds that number",
        IN_RANGE: "the claim's number lies in that range",
        MORE_PRECISE: "the claim adds decimals to that number",
        NO_NUMBER: "",
    }
)


def _and(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _agreements(db: Dataset, claim: Claim, e: Estimate, mismatches: dict[str, str]) -> list[str]:
    """Facts the claim states explicitly (n, year) that the source confirms."""
    source = db.source_of(e.estimate_id)
    found = []
    if claim.n_claimed is not None and SAMPLE_SIZE not in mismatches:
        found.append(f"its n = {fmt_n(claim.n_claimed)} matches the source's")
    if claim.year_claimed is not None and YEAR not in mismatches:
        which = "year" if claim.year_claimed == source.year else "online year"
        found.append(f"its year {claim.year_claimed} matches the source's {which}")
    return found


def _required_note(claim: Claim, pair: PairEvidence) -> str:
    """What group 1's prevalence would need to be for the claimed ratio, as a clause."""
    assert claim.value is not None and pair.reference.value is not None
    ratio = float(to_decimal(claim.value))
    p_ref = float(to_decimal(pair.reference.value) / 100)
    as_or = required_prevalence(p_ref, ratio, measure="odds_ratio")
    as_rr = required_prevalence(p_ref, ratio, measure="risk_ratio")
    rr = f"{fmt_float(100 * float(as_rr.value), 1)}%"
    if not bool(as_rr.possible):
        rr += ", which is impossible"
    return (
        f"; an odds ratio of {claim.value} at {SEX_WORDS[pair.reference.sex]}'s "
        f"{pair.reference.value}% would need {fmt_float(100 * float(as_or.value), 1)}% of "
        f"{SEX_WORDS[pair.first.sex]}, a risk ratio of {claim.value} would need {rr}"
    )


def _message(
    db: Dataset,
    claim: Claim,
    best: _Candidate,
    candidates: Sequence[_Candidate],
    verdict: str,
    said: str,
    rounding: str,
) -> str:
    head = verdict.replace("_", " ").capitalize()
    where = "its sources give" if claim.source_ids else (
        "it traces to no source; the nearest evidence in the record set is"
    )
    if best.pair is not None:
        pair = best.pair
        found = describe_pair(db, pair)
        direction = {
            DIRECTION_AGREES: "which agree with it",
            DIRECTION_CONTRADICTS: "which contradict it",
            DIRECTION_UNDETERMINED: "whose direction rounding cannot decide",
            RATIO_IMPLIED: f"which imply an odds ratio of {fmt_float(pair.odds_ratio)} and a "
            f"risk ratio of {fmt_float(pair.risk_ratio)}, consistent with {claim.value}",
            DIFFERENT: f"which imply an odds ratio of {fmt_float(pair.odds_ratio)} and a "
            f"risk ratio of {fmt_float(pair.risk_ratio)}, not {claim.value}",
        }[best.value_match]
        text = f"{head}: {said}; {where} {found} {direction}"
        pairs = matching_pairs(claim, db, rounding)
        if claim.measure == "comparison":
            agree = sum(p.direction == HIGHER for p in pairs)
            text += (
                f", while {agree} of the {len(pairs)} matching pairs of estimates in the record "
                "set show that direction"
            )
        elif claim.value is not None and len(pairs) > 1:
            fit = sum(any(ratio_fits(claim.value, p, rounding).values()) for p in pairs)
            others = [
                f"{fmt_float(p.odds_ratio)} ({p.first.estimate_id} against "
                f"{p.reference.estimate_id})"
                for p in pairs
                if p is not pair and p.ids != pair.ids
            ]
            text += (
                f" (other pairs imply odds ratios of {_and(others)}; {fit} of the {len(pairs)} "
                f"pairs fit {claim.value})"
            )
        if claim.measure == "ratio_claim" and claim.value is not None:
            text += _required_note(claim, pair)
    else:
        e = best.estimates[0]
        text = f"{head}: {said}; {where} {_estimate_words(db, e)}"
        phrase = _VALUE_PHRASES.get(best.value_match)
        if best.value_match == DIFFERENT:
            text += ", and no estimate of the source matches the claim's number"
        elif phrase:
            text += f", and {phrase} under rounding {rounding!r}"
        others = [c for c in candidates if c.traced and c.ids != best.ids and not c.version]
        for other in others:
            t = other.estimates[0]
            fits = "does not match" if other.value_match == DIFFERENT else "also matches"
            text += (
                f"; the estimate it traces to, {t.estimate_id} "
                f"({_number(t.value, t.value_high, t.unit)}, {SEX_WORDS[t.sex]}, "
                f"{_qualifiers(t.timeframe, t.frequency, t.context)}), {fits} its number"
            )
        agreements = _agreements(db, claim, e, best.mismatches)
        if agreements:
            text += "; " + _and(agreements)
    differences = _differences(best, claim)
    if differences:
        text += f"; it differs on {differences}"
    elif verdict in (ACCURATE, ROUNDED):
        text += "; nothing else differs"
    return text + "."


def audit_claims(db: Dataset | None = None, rounding: str = DEFAULT_ROUNDING) -> pd.DataFrame:
    """Audit every article claim against the estimates of the source(s) it traces to.

    Parameters
    ----------
    db
        The record set; the shipped one by default.
    rounding
        The rounding mode assumed for every printed number (claims' and sources'), one of
        :data:`pctstats.core.rounding.ROUNDING_MODES`.

    Returns
    -------
    pandas.DataFrame
        One row per claim (in ``claims.csv`` order) with the columns of :data:`AUDIT_COLUMNS`:
        ``claim_id``, ``claim_group``, ``article_id``, ``verdict`` (one of :data:`VERDICTS`),
        ``mismatches`` (a tuple of :data:`MISMATCHES` names), ``matched_estimate_id`` (the best
        match; two ids joined by ``";"`` for a pair), ``traced_estimate_ids``, ``message``,
        ``value_match`` (against the best match) and ``traced_value_match`` (against the traced
        estimate(s)), both from :data:`VALUE_MATCHES`, the claimed and matched numbers as printed,
        ``n_claimed``, ``matched_n`` and ``rounding``. ``df.attrs["rounding"]`` holds the mode.

    References
    ----------
    .. [1] Brown, N. J. L., & Heathers, J. A. J. (2017). The GRIM test. *Social Psychological and
       Personality Science*, 8(4), 363–369. (Printed values as intervals of true values.)
    .. [2] Wadden, D., et al. (2020). Fact or fiction: Verifying scientific claims. *Proceedings of
       EMNLP 2020*, 7534–7550. (SciFact: claim -> cited source -> evidence -> verdict.)

    Examples
    --------
    >>> audit = audit_claims().set_index("claim_id")
    >>> audit.loc["A", ["verdict", "matched_estimate_id"]].tolist()
    ['distorted', 'maczkowiack2019-regular']
    >>> audit.loc["A", "mismatches"]
    ('timeframe', 'frequency')
    >>> audit.loc["E", "verdict"], audit.loc["G-female", "mismatches"]
    ('unsupported', ('source_kind',))
    """
    rounding = check_rounding(rounding)
    db = resolve(db)
    rows = [_audit_one(db, claim, rounding) for claim in db.claims.values()]
    out = pd.DataFrame.from_records(rows, columns=list(AUDIT_COLUMNS))
    out[COL_N_CLAIMED] = out[COL_N_CLAIMED].astype("Int64")
    out[COL_MATCHED_N] = out[COL_MATCHED_N].astype("Int64")
    out.attrs["rounding"] = rounding
    return out


def verdict_counts(audit: pd.DataFrame) -> pd.Series:
    """How many claims got each verdict (every verdict listed, best first).

    Examples
    --------
    >>> verdict_counts(audit_claims()).to_dict()
    {'accurate': 0, 'rounded': 0, 'distorted': 12, 'wrong_number': 0, 'unsupported': 2}
    """
    return audit[COL_VERDICT].value_counts().reindex(list(VERDICTS), fill_value=0)


def audit_in_words(audit: pd.DataFrame, verdicts: Sequence[str] | None = None) -> list[str]:
    """The audit as sentences, one per claim: ``"claim_id [verdict]: message"``.

    Parameters
    ----------
    audit
        A frame from :func:`audit_claims`.
    verdicts
        Only claims with these verdicts (default: all).

    Examples
    --------
    >>> audit_in_words(audit_claims(), verdicts=["unsupported"])[0][:40]
    'E [unsupported]: Unsupported: Medical Ne'
    """
    chosen = list(VERDICTS) if verdicts is None else list(verdicts)
    for verdict in chosen:
        if verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {verdict!r}; the verdicts are {', '.join(VERDICTS)}")
    rows = audit[audit[COL_VERDICT].isin(chosen)]
    return [
        f"{r[COL_CLAIM_ID]} [{r[COL_VERDICT]}]: {r[COL_MESSAGE]}" for _, r in rows.iterrows()
    ]


