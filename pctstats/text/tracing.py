"""Trace a claim read from a text to an estimate of the record set, then audit it with the engine.

Without a source named by the user, the reader must pick one. :func:`score_estimates` scores every
comparable estimate of the record set on what the text says near the number: the value (under
rounding and the hedge, by the audit's own :func:`pctstats.audit.compare_value`), then sex,
timeframe, frequency, sample size, year, outcome, context and population. The best-scoring
estimate's source is the claim's source when its value fits, or when the text identifies the study
by its sample size or year (then a different number is a ``wrong_number``); otherwise the claim
traces to nothing and the engine calls it ``unsupported``.

The claim is then a :class:`pctstats.Claim` like a row of ``claims.csv``, with that source in
``source_ids``, and the audit engine gives its verdict, mismatches and message
(:func:`audit_claim`): one engine behind ``audit_claims`` and ``audit_text``.

Examples
--------
The scores are the ``candidates`` of each row of :func:`pctstats.text.audit_text`, best first:

>>> from pctstats.text import audit_text
>>> audit = audit_text("The QUT survey of 1,208 men found that 41% had felt it in their lifetime.")
>>> [estimate_id for estimate_id, _ in audit.candidates[0][:2]], audit.verdict[0]
(['maczkowiack2019-lifetime', 'maczkowiack2019-4weeks'], 'accurate')
"""

from __future__ import annotations

import functools
import operator
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy as np

from pctstats.audit import claim_verdict, compare_value
from pctstats.audit.values import clear_value_cache
from pctstats.core.names import (
    ACCURATE,
    DIFFERENT,
    EQUAL,
    IN_RANGE,
    MORE_PRECISE,
    PRECISION,
    ROUNDED,
    ROUNDED_VALUE,
)
from pctstats.core.number_words import LOWER_BOUNDS, UPPER_BOUNDS
from pctstats.core.phrases import words
from pctstats.core.rounding import DEFAULT_ROUNDING
from pctstats.data.dataset import Dataset
from pctstats.data.records import Claim, Estimate
from pctstats.text.context import Context
from pctstats.text.numbers import PERCENT, RATIO, Number

__all__ = [
    "FAR",
    "MIN_SCORE",
    "MIN_SCORE_WRONG",
    "NEARNESS",
    "NEARNESS_CAP",
    "RANGE_AROUND_POINT",
    "VALUE_POINTS",
    "audit_claim",
    "bound_holds",
    "build_claim",
    "choose",
    "clear_memo",
    "coarser_than_printed",
    "corroborates",
    "outcome_compatible",
    "score_estimates",
    "with_precision",
]

#: Points for how the claim's number relates to an estimate's (:data:`pctstats.VALUE_MATCHES`).
VALUE_POINTS: Final = {EQUAL: 5.0, ROUNDED_VALUE: 4.0, MORE_PRECISE: 4.0, IN_RANGE: 3.5}
#: Percentage points beyond which two numbers cannot match under any rounding or hedge ("about
#: 40" reads 35 to 45; "almost half" 45 to 50).
FAR: Final = 6.0
#: Points taken off a fitting value per unit of relative distance between the claim's number (or
#: range) and the estimate's, at most :data:`NEARNESS_CAP`: "about 10%" fits 5.1 under its hedge,
#: but 10 fits it better, and an exact fit outranks a hedged one whatever the context.
NEARNESS: Final = 3.0
NEARNESS_CAP: Final = 1.5
#: Points for a claimed range that merely contains an estimate's point.
RANGE_AROUND_POINT: Final = 2.0
#: An estimate whose value fits must also score this much in all to be taken as the source.
MIN_SCORE: Final = 4.5
#: Without a fitting value, the text must identify the study (sample size or year, and sex).
MIN_SCORE_WRONG: Final = 5.0
_LIFETIME: Final = frozenset({"lifetime", "since_sexually_active"})
_ANY: Final = frozenset({"at_least_once", "not_stated"})
#: Outcomes of the text that are a part (or the articles' name) of the PCD symptoms measured.
_PCD_FAMILY: Final = frozenset({"pcd_symptoms", "crying_after_sex", "low_mood_after_sex"})
_RELATED: Final = frozenset({"postcoital_psychological_symptoms", "any_postcoital_symptom"})


def build_claim(
    number: Number,
    ctx: Context,
    quote: str,
    claim_id: str,
    source_id: str | None = None,
    estimate: Estimate | None = None,
) -> Claim:
    """The record ``claims.csv`` would hold for a number read from a text.

    Where the text names no group or outcome, the claim takes the traced estimate's: silence is
    no mismatch. A plural "studies" is kept in :class:`Context` but not held against a single
    traced study: the article may cite studies the record set does not hold.

    Examples
    --------
    >>> from pctstats.text.numbers import find_numbers
    >>> from pctstats.text.context import read_context
    >>> text = "About 5% of women had it in the previous four weeks."
    >>> n = find_numbers(text)
    >>> claim = build_claim(n[0], read_context(text, [(0, len(text))], [n], 0, 0), text, "T1")
    >>> claim.value, claim.approximation, claim.sex, claim.timeframe
    ('5', 'about', 'female', 'past_4_weeks')
    """
    ranged = number.value_high is not None
    measure = "prevalence_range" if ranged else "prevalence"
    if number.unit == RATIO:
        measure = "ratio_claim"
    sex = ctx.sex or (estimate.sex if estimate is not None else "all")
    outcome = ctx.outcome or (estimate.outcome if estimate is not None else "pcd_symptoms")
    kind = "not_stated" if ctx.source_kind == "several_studies" else ctx.source_kind
    reference_sex = ctx.reference_sex if measure == "ratio_claim" else None
    group = words("sex", sex)
    if reference_sex is not None:
        group += f" compared with {words('sex', reference_sex)}"
    return Claim(
        claim_id=claim_id,
        claim_group=claim_id,
        article_id="text",
        quote=quote,
        measure=measure,
        value=number.value,
        value_high=number.value_high,
        value_text=number.value_text,
        approximation=number.approximation,
        unit=number.unit,
        sex=sex,
        # an orientation the text names is the claim's; naming none, it is about everyone ("42%
        # of men"), so a number of one orientation's subgroup quoted for all is a mismatch
        orientation=ctx.orientation or "any",
        reference_sex=reference_sex,
        timeframe=ctx.timeframe,
        frequency=ctx.frequency,
        context=ctx.context,
        outcome=outcome,
        population=ctx.population or group,
        population_tags=ctx.population_tags,
        age_min=ctx.age_min,
        age_max=ctx.age_max,
        n_claimed=ctx.n_claimed,
        source_kind=kind,
        year_claimed=ctx.year_claimed,
        strength_claimed=None,
        source_ids=(source_id,) if source_id else (),
        estimate_ids=(estimate.estimate_id,) if estimate is not None and source_id else (),
        read_in="article_text",
        notes=None,
    )


def clear_memo() -> None:
    """Forget the value matches computed so far (for timing a first reading).

    Examples
    --------
    >>> clear_memo()
    """
    clear_value_cache()


def _far_apart(low: float, high: float, e_low: Any, e_high: Any) -> Any:
    """Whether two numbers (or ranges) are too far apart for any rounding or hedge to meet.

    A shortcut before :func:`pctstats.audit.compare_value` (which reads every printed number as an
    interval, exactly, and is the slow part of tracing): no printed precision or hedge of a
    percentage stretches it by more than :data:`FAR` points. The estimates' side may be arrays
    (one answer per estimate).

    Examples
    --------
    >>> _far_apart(5.0, 5.0, 46.0, 46.0), _far_apart(41.0, 41.0, 46.0, 46.0)
    (True, False)
    """
    return (low - e_high > FAR) | (e_low - high > FAR)


@dataclass(frozen=True)
class _Target:
    """What scoring needs of one estimate a percentage can trace to, read once per record set."""

    estimate: Estimate
    n_known: frozenset[int | None]
    years: frozenset[int | None]
    tags: frozenset[str]


# The points an estimate gets for one thing the text says besides the number (``said``, the
# text's value of one dimension of :class:`Context`).


def _sex_points(said: str, t: _Target) -> float:
    e = t.estimate
    return 2.0 if said == e.sex else (-1.0 if "all" in (said, e.sex) else -2.5)


def _timeframe_points(said: str, t: _Target) -> float:
    lifetime = t.estimate.timeframe in _LIFETIME
    if said == "not_stated":
        return 0.5 if lifetime else 0.0
    return 1.5 if said == t.estimate.timeframe or (said in _LIFETIME and lifetime) else -1.5


def _frequency_points(said: str, t: _Target) -> float:
    if said in _ANY:
        return 0.5 if t.estimate.frequency in _ANY else -0.5
    return 1.5 if said == t.estimate.frequency else -1.0


def _n_points(said: int, t: _Target) -> float:
    return 3.0 if said in t.n_known else -1.0


def _year_points(said: int, t: _Target) -> float:
    return 2.0 if said in t.years else -0.5


def _outcome_points(said: str | None, t: _Target) -> float:
    outcome, measured = said or "pcd_symptoms", t.estimate.outcome
    pcd_family = outcome in _PCD_FAMILY
    if outcome == measured or (pcd_family and measured == "pcd_symptoms"):
        return 1.0 if said is not None else 0.5
    return 0.0 if pcd_family and measured in _RELATED else -3.0


def _orientation_points(said: str | None, t: _Target) -> float:
    if said is not None:
        return 1.5 if said == t.estimate.orientation else -1.5
    # a figure for one orientation only (men attracted to men) for all
    return -1.0 if t.estimate.orientation != "any" else 0.0


def _context_points(said: str, t: _Target) -> float:
    if said != "any":
        return 1.0 if said == t.estimate.context else -1.0
    # a figure for one context only (after masturbation) for a general claim
    return -2.0 if t.estimate.context != "any" else 0.0


def _tag_points(said: frozenset[str], t: _Target) -> float:
    return 0.5 * len(t.tags.intersection(said))


def _version_points(said: None, t: _Target) -> float:
    return -0.25 if t.estimate.version_of is not None else 0.0


class _Targets:
    """The estimates of one record set a percentage can trace to, and what scoring reads of them.

    The points an estimate gets for one thing the text says besides the number depend only on
    the estimate and on the text's value of that dimension (its sex, timeframe...): they are
    worked out once per record set and value, as one array over the estimates, and a number's
    points for its context are a sum of a few arrays rather than a loop over the estimates.
    """

    def __init__(self, db: Dataset) -> None:
        self.targets = tuple(
            _Target(
                estimate=e,
                n_known=frozenset({e.n, source.n_analysed}),
                years=frozenset({source.year, source.online_year}),
                tags=frozenset(e.population_tags or source.population_tags),
            )
            for e in db.estimates.values()
            if e.measure in ("prevalence", "prevalence_range") and e.unit == PERCENT
            for source in (db.sources[e.source_id],)
        )
        estimates = [t.estimate for t in self.targets]
        self.ids = tuple(e.estimate_id for e in estimates)
        self.known = np.array([e.value is not None for e in estimates], dtype=bool)
        self.low = np.array([float(e.value or "nan") for e in estimates])
        self.high = np.array([float(e.value_high or e.value or "nan") for e in estimates])
        self._points: dict[tuple[str, Any], np.ndarray] = {}

    def _each(self, rule: Callable[[Any, _Target], float], said: Any) -> np.ndarray:
        return np.array([rule(said, t) for t in self.targets])

    def _kept(self, rule: Callable[[Any, _Target], float], said: Any) -> np.ndarray:
        # A vocabulary value (or a set of tags): a few per record set, each worked out once.
        key = (rule.__name__, said)
        points = self._points.get(key)
        if points is None:
            points = self._points[key] = self._each(rule, said)
        return points

    def context_points(self, ctx: Context) -> list[np.ndarray]:
        """Each estimate's points for what ``ctx`` says, one array per dimension, in order."""
        out = [self._kept(_sex_points, ctx.sex)] if ctx.sex is not None else []
        out += [
            self._kept(_timeframe_points, ctx.timeframe),
            self._kept(_frequency_points, ctx.frequency),
        ]
        if ctx.n_claimed is not None:  # a number: worked out each time
            out.append(self._each(_n_points, ctx.n_claimed))
        if ctx.year_claimed is not None:
            out.append(self._each(_year_points, ctx.year_claimed))
        out += [
            self._kept(_outcome_points, ctx.outcome),
            self._kept(_orientation_points, ctx.orientation),
            self._kept(_context_points, ctx.context),
            self._kept(_tag_points, frozenset(ctx.population_tags)),
            self._kept(_version_points, None),
        ]
        return out


#: The targets of each record set in use (by ``id``, with a weak reference to tell a new one).
_TARGETS: dict[int, tuple[weakref.ref[Dataset], _Targets]] = {}
_TARGET_SETS: Final = 16


def _targets(db: Dataset) -> _Targets:
    """The estimates of ``db`` a percentage can trace to, with what scoring reads of them."""
    hit = _TARGETS.get(id(db))
    if hit is not None and hit[0]() is db:
        return hit[1]
    if len(_TARGETS) >= _TARGET_SETS:
        _TARGETS.clear()
    targets = _Targets(db)
    _TARGETS[id(db)] = (weakref.ref(db), targets)
    return targets


def outcome_compatible(said: str | None, measured: str) -> bool:
    """Whether a claim about ``said`` can come from a figure of ``measured``.

    PCD, its parts (crying, sadness) and the postcoital symptom measures neighbouring it can stand
    behind one another (a drift the audit then names ``outcome``); painful sex or performance
    anxiety cannot stand behind a claim about PCD, nor the reverse.

    Examples
    --------
    >>> outcome_compatible("crying_after_sex", "pcd_symptoms")
    True
    >>> outcome_compatible("dyspareunia", "pcd_symptoms"), outcome_compatible(None, "dyspareunia")
    (False, True)
    """
    if said is None or said == measured:
        return True
    near = _PCD_FAMILY | _RELATED
    return said in near and measured in near


def corroborates(ctx: Context, e: Estimate, source_years: set[int | None]) -> bool:
    """Whether anything the text says besides the number agrees with the estimate.

    A number alone ("about one in five of my clients") fits many estimates by chance; a claim is
    traced only when the text also states something the estimate agrees with: the sex or the
    outcome (in the number's own sentence), the period or frequency, the sample size, the year or
    the sexual context.

    Examples
    --------
    >>> from dataclasses import replace
    >>> from pctstats import load
    >>> from pctstats.text.context import Context
    >>> e = load().estimates["maczkowiack2019-lifetime"]
    >>> bare = Context(None, "not_stated", "not_stated", None, "any", "", (), None, None, None,
    ...                "", None, "not_stated")
    >>> corroborates(bare, e, {2019}), corroborates(replace(bare, sex="male"), e, {2019})
    (False, True)
    """
    return (
        (ctx.sex == e.sex and "sex" not in ctx.carried)
        or (ctx.timeframe != "not_stated" and ctx.timeframe == e.timeframe)
        or (ctx.frequency not in _ANY and ctx.frequency == e.frequency)
        or ctx.n_claimed is not None
        or (ctx.year_claimed is not None and ctx.year_claimed in source_years)
        or (ctx.outcome is not None and "outcome" not in ctx.carried and (
            ctx.outcome == e.outcome or (ctx.outcome in _PCD_FAMILY and e.outcome == "pcd_symptoms")
        ))
        or (ctx.context != "any" and ctx.context == e.context)
    )


def score_estimates(
    db: Dataset, number: Number, ctx: Context, rounding: str = DEFAULT_ROUNDING
) -> list[tuple[str, float, str]]:
    """Every comparable estimate with its score and value match, best first.

    Returns
    -------
    list of tuple
        ``(estimate_id, score, value_match)``; estimates of another kind of number (odds ratios
        for a percentage) are not candidates.

    Examples
    --------
    >>> from pctstats import load
    >>> from pctstats.text.numbers import find_numbers
    >>> from pctstats.text.context import read_context
    >>> text = "5.1% of women had it a few times in the past four weeks."
    >>> n = find_numbers(text)
    >>> score_estimates(load(), n[0], read_context(text, [(0, len(text))], [n], 0, 0))[0]
    ('schweitzer2015-4weeks-few', 10.5, 'equal')
    """
    if number.unit != PERCENT:
        return []
    targets = _targets(db)
    said = targets.context_points(ctx)
    # Every point is a whole number of quarters, so the sum is exact in any order.
    scores = functools.reduce(operator.add, said).tolist()
    matches = [DIFFERENT] * len(scores)
    if number.value is not None:
        ranged = number.value_high is not None
        low, high = float(number.value), float(number.value_high or number.value)
        near = targets.known & ~_far_apart(low, high, targets.low, targets.high)
        for i in np.flatnonzero(near).tolist():
            t = targets.targets[i]
            e = t.estimate
            # the number as the claim would print it (build_claim takes it as it is)
            match = matches[i] = compare_value(number, e, rounding)[0]
            points = VALUE_POINTS.get(match, 0.0)
            if ranged and e.value_high is None and points:
                points = RANGE_AROUND_POINT  # a range holds many points: weak evidence for any one
            elif points and match != EQUAL:
                e_low, e_high = float(targets.low[i]), float(targets.high[i])
                gap = max(0.0, e_low - high, low - e_high)  # none for a point within a range
                points -= min(NEARNESS_CAP, NEARNESS * gap / max(high, e_high, 1.0))
                # No longer whole quarters: the context's points added one at a time, in order,
                # each sum rounded as it always was.
                for part in said:
                    points += float(part[i])
                scores[i] = round(points, 2)
                continue
            scores[i] += points
    out = list(zip(targets.ids, scores, matches, strict=True))
    out.sort(key=operator.itemgetter(1), reverse=True)  # stable: equal scores in record order
    return out


def choose(
    db: Dataset, scores: Sequence[tuple[str, float, str]], ctx: Context | None
) -> Estimate | None:
    """The estimate a claim traces to, or ``None`` when nothing fits well enough.

    Examples
    --------
    >>> from pctstats import load
    >>> db = load()
    >>> choose(db, [("bird2011-lifetime", 3.0, "equal")], None) is None
    True
    >>> choose(db, [("bird2011-lifetime", 9.0, "equal")], None).source_id
    'bird2011'

    Context that says nothing traces a number printed to the source's decimals, not a round one:

    >>> from pctstats.text.context import Context
    >>> bare = Context(None, "not_stated", "not_stated", None, "any", "", (), None, None, None,
    ...                "", None, "not_stated")
    >>> choose(db, [("bird2011-lifetime", 6.0, "equal")], bare).estimate_id
    'bird2011-lifetime'
    >>> choose(db, [("bird2011-4weeks", 6.0, "equal")], bare) is None
    True
    """
    for estimate_id, score, match in scores:
        if match != DIFFERENT and score >= MIN_SCORE:
            e = db.estimates[estimate_id]
            if ctx is not None and not outcome_compatible(ctx.outcome, e.outcome):
                continue
            source = db.sources[e.source_id]
            # A number printed to the source's decimals ("20.2%") identifies it by itself.
            # So does a number equal to the source's for the group the paragraph is about.
            distinctive = match == EQUAL and (
                (e.value is not None and "." in e.value) or (ctx is not None and ctx.sex == e.sex)
            )
            years = {source.year, source.online_year}
            if ctx is None or distinctive or corroborates(ctx, e, years):
                return e
    if scores and ctx is not None and (ctx.n_claimed is not None or ctx.year_claimed is not None):
        estimate_id, score, _ = scores[0]
        if score >= MIN_SCORE_WRONG:
            return db.estimates[estimate_id]
    return None


def audit_claim(db: Dataset, claim: Claim, rounding: str = DEFAULT_ROUNDING) -> dict[str, Any]:
    """The audit engine's row for one claim: the one entry point the text audit uses.

    Examples
    --------
    >>> from pctstats import load
    >>> db = load()
    >>> audit_claim(db, db.claims["D-regular"])["mismatches"]
    ('precision', 'sample_size')
    """
    return claim_verdict(claim, db, rounding).row()


def bound_holds(qualifier: str | None, claim: Claim, e: Estimate) -> bool:
    """Whether a bound the hedge states ("over 5%", "up to 4%") holds for the estimate's value.

    "Over five per cent" for 5.1% states a lower bound that is true: no precision is lost.

    Examples
    --------
    >>> from pctstats import load
    >>> db = load()
    >>> e, claim = db.estimates["schweitzer2015-4weeks-few"], db.claims["C-4weeks"]
    >>> bound_holds("over", claim, e), bound_holds("up to", claim, e), bound_holds(None, claim, e)
    (True, False, False)
    """
    if qualifier is None or claim.value is None or e.value is None:
        return False
    said, low, high = float(claim.value), float(e.value), float(e.value_high or e.value)
    if qualifier in LOWER_BOUNDS:
        return low >= said
    return qualifier in UPPER_BOUNDS and high <= said


def coarser_than_printed(
    db: Dataset, claim: Claim, matched: str | None, rounding: str = DEFAULT_ROUNDING
) -> bool:
    """Whether a plainly printed number is coarser than the source's first printing.

    "5%" for 5.1% is rounded with no hedge word to tell the reader: the text audit names it
    ``precision`` (a hedged "about 5%" is not). An alternative printing of the source (an accepted
    manuscript's "20%") does not excuse it when the published number is finer.

    Examples
    --------
    >>> from pctstats import load
    >>> db = load()
    >>> coarser_than_printed(db, db.claims["C-4weeks"], "schweitzer2015-4weeks-few")
    True
    >>> coarser_than_printed(db, db.claims["C-lifetime"], "schweitzer2015-lifetime")
    False
    """
    if matched is None or claim.approximation != "exact" or ";" in matched:
        return False
    e = db.estimates[matched]
    first = db.estimates[e.version_of] if e.version_of else e
    match, beyond = compare_value(claim, first, rounding)
    return match in (ROUNDED_VALUE, IN_RANGE) and not beyond


def with_precision(row: dict[str, Any]) -> dict[str, Any]:
    """The engine's row with ``precision`` named for a plain number coarser than the source.

    Examples
    --------
    >>> with_precision({"mismatches": (), "verdict": "accurate"})
    {'mismatches': ('precision',), 'verdict': 'rounded'}
    """
    names = row["mismatches"]
    if PRECISION not in names:
        row = dict(row, mismatches=(PRECISION, *names))
        if row["verdict"] == ACCURATE:
            row["verdict"] = ROUNDED
    return row
