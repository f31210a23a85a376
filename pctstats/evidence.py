"""The evidence for a two-group claim: the pairs of estimates behind it, and what each implies.

A ratio claim ("women are 2.87 times more likely") or a comparison ("more common in women") says
something about *two* prevalences: the claim's ``sex`` (group 1) against its ``reference_sex``
(group 2). :func:`matching_pairs` finds every pair of estimates in the record set that could stand
behind such a claim, each a :class:`PairEvidence` with the odds ratio and the risk ratio the two
printed prevalences imply and their ranges under rounding; :func:`ratio_fits` says whether a
claimed ratio is one of them. The ratio-claim check (:mod:`pctstats.checks.ratio_claims`) and the
claim audit (:mod:`pctstats.audit`) both judge a claim by these pairs.

A pair matches a claim when both estimates are single printed prevalences (not ranges, not
alternative printings ``version_of`` another; :func:`pctstats.core.pairs.is_point_prevalence`),
one of the claim's sex and one of its reference sex, with the claim's outcome (a claim's
``crying_after_sex`` is matched to ``pcd_symptoms``, the measure the articles' crying figures come
from; the claim audit flags that difference); and where the claim states a timeframe, frequency or
context, both estimates have it (``lifetime`` and ``since_sexually_active`` count as one
timeframe, ``at_least_once`` and ``not_stated`` as one frequency); where the claim leaves one
unstated (``not_stated``, context ``any``), the two estimates need only agree with each other.
Pairs from two different sources compare two different samples (:attr:`PairEvidence.same_source`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from pctstats.core import names as C
from pctstats.core import vocab as V
from pctstats.core.equivalence import covers, same
from pctstats.core.names import HIGHER, LOWER, UNDETERMINED
from pctstats.core.pairs import group_pairs
from pctstats.core.phrases import label, words
from pctstats.core.reported import to_decimal
from pctstats.core.rounding import DEFAULT_ROUNDING, check_rounding
from pctstats.core.spans import Span, entirely_above, overlap, span
from pctstats.data.dataset import Dataset, dataset_or_default
from pctstats.data.records import Claim, Estimate
from pctstats.stats.ratios import implied_odds_ratio, implied_risk_ratio

__all__ = ["PairEvidence", "degenerate_ratio", "describe_pair", "matching_pairs", "ratio_fits"]


@dataclass(frozen=True)
class PairEvidence:
    """Two prevalences that could stand behind a two-group claim, and what they imply.

    Attributes
    ----------
    first, reference
        The estimate of the claim's sex (group 1) and of its reference sex (group 2).
    odds_ratio, risk_ratio
        The ratios the printed prevalences imply (group 1 over group 2).
    odds_ratio_range, risk_ratio_range
        Their least and greatest values over every reading of the rounding of both prevalences.
    direction
        ``"higher"``, ``"lower"`` or ``"undetermined"``: group 1 against group 2 under rounding.

    Examples
    --------
    Claim E ("2.87 times more likely") against S1's women and S3's men, lifetime:

    >>> from pctstats import load
    >>> db = load()
    >>> pair = matching_pairs(db.claims["E"], db)[0]
    >>> pair.ids, pair.same_source, pair.direction
    (('schweitzer2015-lifetime', 'maczkowiack2019-lifetime'), False, 'higher')
    >>> round(pair.odds_ratio, 3), [round(x, 3) for x in pair.odds_ratio_range]
    (1.226, [1.177, 1.277])
    >>> round(pair.risk_ratio, 3), [round(x, 3) for x in pair.risk_ratio_range]
    (1.122, [1.096, 1.148])
    """

    first: Estimate
    reference: Estimate
    odds_ratio: float
    risk_ratio: float
    odds_ratio_range: tuple[float, float]
    risk_ratio_range: tuple[float, float]
    direction: str

    @property
    def same_source(self) -> bool:
        """Whether both prevalences come from one sample (one source)."""
        return self.first.source_id == self.reference.source_id

    @property
    def ids(self) -> tuple[str, str]:
        """The two estimate ids, group 1 first."""
        return (self.first.estimate_id, self.reference.estimate_id)


def _agree(vocabulary: str, stated: str, unstated: str, a: str, b: str) -> bool:
    """Both estimates have the claim's value, or the same as each other where it is unstated.

    Values are compared with their equivalents (:func:`pctstats.core.equivalence.same`).
    """
    if stated == unstated:
        return same(vocabulary, a, b)
    return same(vocabulary, a, b) and same(vocabulary, a, stated)


def _fits(claim: Claim, a: Estimate, b: Estimate) -> bool:
    if not covers("outcome", claim.outcome, a.outcome) or b.outcome != a.outcome:
        return False
    return (
        _agree("timeframe", claim.timeframe, V.NOT_STATED, a.timeframe, b.timeframe)
        and _agree("frequency", claim.frequency, V.NOT_STATED, a.frequency, b.frequency)
        and (a.context == b.context if claim.context == V.ANY
             else a.context == b.context == claim.context)
    )


def matching_pairs(
    claim: Claim,
    db: Dataset | None = None,
    rounding: str = DEFAULT_ROUNDING,
    source_ids: tuple[str, ...] | None = None,
) -> list[PairEvidence]:
    """Every pair of estimates that could stand behind a two-group claim, with what it implies.

    Parameters
    ----------
    claim
        A claim with a ``reference_sex`` (a ratio claim or a comparison).
    db
        The record set; the shipped one by default.
    rounding
        The rounding mode assumed for the printed prevalences.
    source_ids
        Only pairs whose two estimates come from these sources (default: the whole record set).

    Returns
    -------
    list of PairEvidence
        In record-set order (group 1's estimate first, then the reference's).

    Examples
    --------
    >>> from pctstats import load
    >>> db = load()
    >>> [p.ids for p in matching_pairs(db.claims["E"], db)]
    [('schweitzer2015-lifetime', 'maczkowiack2019-lifetime'), ('bird2011-lifetime', 'maczkowiack2019-lifetime')]
    >>> round(matching_pairs(db.claims["E"], db)[0].odds_ratio, 2)
    1.23
    """  # noqa: E501
    rounding = check_rounding(rounding)
    db = dataset_or_default(db)
    if claim.reference_sex is None:
        return []
    pool = [e for e in db.estimates.values() if source_ids is None or e.source_id in source_ids]
    return [
        _evidence(a, b, rounding)
        for a, b in group_pairs(
            pool, claim.sex, claim.reference_sex, lambda a, b: _fits(claim, a, b)
        )
    ]


def _evidence(a: Estimate, b: Estimate, rounding: str) -> PairEvidence:
    assert a.value is not None and b.value is not None
    pa, pb = span(a.value, rounding, scale=100), span(b.value, rounding, scale=100)
    p1, p2 = float(to_decimal(a.value) / 100), float(to_decimal(b.value) / 100)
    # A prevalence lies in [0, 1]: the rounding interval of "100" (99.5-100.5) stops at 100%.
    lo1, hi1, lo2, hi2 = (min(float(x), 1.0) for x in (pa.low, pa.high, pb.low, pb.high))
    if entirely_above(pa, pb):
        direction = HIGHER
    elif entirely_above(pb, pa):
        direction = LOWER
    else:
        direction = UNDETERMINED
    return PairEvidence(
        first=a,
        reference=b,
        odds_ratio=float(implied_odds_ratio(p1, p2)),
        risk_ratio=float(implied_risk_ratio(p1, p2)),
        odds_ratio_range=(float(implied_odds_ratio(lo1, hi2)), float(implied_odds_ratio(hi1, lo2))),
        risk_ratio_range=(float(implied_risk_ratio(lo1, hi2)), float(implied_risk_ratio(hi1, lo2))),
        direction=direction,
    )


def ratio_fits(
    claimed: str, pair: PairEvidence, rounding: str = DEFAULT_ROUNDING
) -> dict[str, bool]:
    """Whether a claimed ratio (as printed) is the odds ratio and/or the risk ratio a pair implies.

    Each holds when the claimed ratio's rounding interval meets the implied ratio's range under
    rounding.

    Examples
    --------
    >>> from pctstats import load
    >>> db = load()
    >>> pair = matching_pairs(db.claims["E"], db)[0]
    >>> ratio_fits("2.87", pair), ratio_fits("1.2", pair)
    ({'odds_ratio': False, 'risk_ratio': False}, {'odds_ratio': True, 'risk_ratio': False})
    """
    claim_span = span(claimed, rounding)

    def meets(bounds: tuple[float, float]) -> bool:
        if any(math.isnan(x) for x in bounds):  # no ratio at all (both prevalences 0 or 100%)
            return False
        low, high = (Decimal("Infinity") if math.isinf(x) else Decimal(f"{x:.12f}") for x in bounds)
        return overlap(claim_span, Span(low, high))

    return {
        C.ODDS_RATIO: meets(pair.odds_ratio_range),
        C.RISK_RATIO: meets(pair.risk_ratio_range),
    }


def describe_pair(db: Dataset, pair: PairEvidence) -> str:
    """The two prevalences of a pair in words, ending with a comma (to continue a sentence).

    Examples
    --------
    >>> from pctstats import load
    >>> db = load()
    >>> describe_pair(db, matching_pairs(db.claims["E"], db)[0])[:46]
    "S1 (schweitzer2015)'s 46% (women) against S3 ("
    """
    a, b = pair.first, pair.reference
    sample = "from one sample" if pair.same_source else "from two different samples"
    return (
        f"{label(db, a.source_id)}'s {a.value}% ({words('sex', a.sex)}) against "
        f"{label(db, b.source_id)}'s {b.value}% ({words('sex', b.sex)}), {sample},"
    )


def degenerate_ratio(pair: PairEvidence, measure: str) -> str | None:
    """Why a pair implies no finite, positive ratio, in words; None when its ratio is finite.

    A prevalence of 0% or 100% makes an odds ratio 0 or infinite (a risk ratio: 0% only); the
    message says so instead of printing "infinite".

    Examples
    --------
    >>> from dataclasses import replace
    >>> from pctstats import load
    >>> db = load()
    >>> pair = matching_pairs(db.claims["E"], db)[0]
    >>> men = replace(pair.reference, value="0")
    >>> degenerate_ratio(_evidence(pair.first, men, "up_or_down"), "odds_ratio")
    "no finite odds ratio: men's prevalence is 0%"
    """
    a, b = pair.first, pair.reference
    ratio = pair.odds_ratio if measure == C.ODDS_RATIO else pair.risk_ratio
    if math.isfinite(ratio) and ratio > 0:
        return None
    what = measure.replace("_", " ")
    zero = [e for e in (a, b) if to_decimal(e.value or "0") == 0]
    full = [e for e in (a, b) if to_decimal(e.value or "0") == 100]
    reasons = [f"{words('sex', e.sex)}'s prevalence is {e.value}%" for e in (*zero, *full)]
    because = " and ".join(reasons) if reasons else "a prevalence is at a boundary"
    if math.isnan(ratio):
        return f"no {what}: {because}"
    if ratio == 0:
        return f"an {what} of 0: {because}"
    return f"no finite {what}: {because}"
