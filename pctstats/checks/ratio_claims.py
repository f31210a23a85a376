"""Claims that compare two groups: "X times more likely" and "more common in women".

An article's ratio claim (measure ``ratio_claim``: "women are 2.87 times more likely to experience
it at some point in their lives") or comparison (measure ``comparison``: "more common in women")
says something about *two* prevalences: the claim's ``sex`` (group 1) against its
``reference_sex`` (group 2). This check finds every pair of estimates in the record set that could
stand behind the claim (:func:`matching_pairs`) and tests the claim against each pair:

* **ratio claim**: the odds ratio and the risk ratio the two printed prevalences imply
  (:func:`pctstats.stats.ratios.implied_odds_ratio`,
  :func:`pctstats.stats.ratios.implied_risk_ratio`), with
  their ranges under rounding of both prevalences; and the prevalence group 1 would need for the
  claimed ratio given group 2's (:func:`pctstats.stats.ratios.required_prevalence`), which for a
  risk
  ratio can exceed 100% (then the claim is impossible as a risk ratio). ``ok`` when the claimed
  ratio (under rounding) lies in the range of either implied ratio, ``fail`` otherwise.
* **comparison**: the direction. A comparison claim asserts that group 1's prevalence is the higher
  one. ``ok`` when group 1's value is above group 2's under every reading of the rounding, ``fail``
  when it is below, ``warn`` when rounding cannot tell.

A pair matches a claim when both estimates are single printed prevalences (not ranges, not
alternative printings ``version_of`` another), one of the claim's sex and one of its reference sex,
with the claim's outcome (a claim's ``crying_after_sex`` is matched to ``pcd_symptoms``, the
measure the articles' crying figures come from; the claim audit flags that difference); and where
the claim states a timeframe, frequency or context, both estimates have it (``lifetime`` and
``since_sexually_active`` count as one timeframe, ``at_least_once`` and ``not_stated`` as one
frequency); where the claim leaves one unstated (``not_stated``, context ``any``), the two
estimates need only agree with each other. Pairs from two different sources compare two different
samples; the ``same_source`` column says which.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

from pctstats.checks.findings import Findings, finding, frame_check
from pctstats.core import names as C
from pctstats.core import vocab as V
from pctstats.core.equivalence import covers, same
from pctstats.core.names import HIGHER, LOWER, UNDETERMINED
from pctstats.core.pairs import group_pairs
from pctstats.core.phrases import fmt_float, label, noun, words
from pctstats.core.reported import to_decimal
from pctstats.core.rounding import DEFAULT_ROUNDING, check_rounding
from pctstats.core.spans import Span, entirely_above, overlap, span
from pctstats.data.dataset import Dataset, dataset_or_default
from pctstats.data.records import Claim, Estimate
from pctstats.stats.ratios import implied_odds_ratio, implied_risk_ratio, required_prevalence

__all__ = [
    "HIGHER",
    "LOWER",
    "NAME",
    "PAIR_MEASURES",
    "UNDETERMINED",
    "PairEvidence",
    "check_ratio_claims",
    "degenerate_ratio",
    "describe_pair",
    "matching_pairs",
    "ratio_claim_findings",
    "ratio_fits",
]

NAME: Final = "ratio_claims"

#: Claim measures this check is about.
PAIR_MEASURES: Final = frozenset({V.RATIO_CLAIM, V.COMPARISON})


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


def _ratio_text(pair: PairEvidence, measure: str) -> str:
    """The implied ratio and its range under rounding, or, when there is none, why in words."""
    words_ = degenerate_ratio(pair, measure)
    if words_ is not None:
        return words_
    value = pair.odds_ratio if measure == C.ODDS_RATIO else pair.risk_ratio
    low, high = pair.odds_ratio_range if measure == C.ODDS_RATIO else pair.risk_ratio_range
    return f"{fmt_float(value)} ({fmt_float(low)}-{fmt_float(high)} allowing for rounding)"


def _ratio_row(db: Dataset, claim: Claim, pair: PairEvidence, rounding: str) -> dict[str, Any]:
    assert claim.value is not None and pair.reference.value is not None
    claimed = float(to_decimal(claim.value))
    p_ref = float(to_decimal(pair.reference.value) / 100)
    need_or = required_prevalence(p_ref, claimed, measure=C.ODDS_RATIO)
    need_rr = required_prevalence(p_ref, claimed, measure=C.RISK_RATIO)
    fits = ratio_fits(claim.value, pair, rounding)
    ok = fits[C.ODDS_RATIO] or fits[C.RISK_RATIO]
    or_lo, or_hi = pair.odds_ratio_range
    rr_lo, rr_hi = pair.risk_ratio_range
    rr_need = float(need_rr.value) * 100
    rr_text = f"{fmt_float(rr_need, 1)}%" + (
        "" if bool(need_rr.possible) else ", which is impossible (above 100%)"
    )
    degenerate = (degenerate_ratio(pair, C.ODDS_RATIO), degenerate_ratio(pair, C.RISK_RATIO))
    if degenerate == (None, None):
        implied = (
            f"an odds ratio of {fmt_float(pair.odds_ratio)} ({fmt_float(or_lo)}-"
            f"{fmt_float(or_hi)} allowing for rounding) and a risk ratio of "
            f"{fmt_float(pair.risk_ratio)} ({fmt_float(rr_lo)}-{fmt_float(rr_hi)})"
        )
    else:
        implied = (
            f"odds ratio: {_ratio_text(pair, C.ODDS_RATIO)}; risk ratio: "
            f"{_ratio_text(pair, C.RISK_RATIO)}"
        )
    if ok:
        which = " and ".join(k.replace("_", " ") for k, v in fits.items() if v)
        verdict = f"consistent with the claimed {claim.value} as the {which}"
    else:
        verdict = f"neither of which is the claimed {claim.value}"
    when = "" if claim.timeframe == V.NOT_STATED else f" ({noun('timeframe', claim.timeframe)})"
    message = (
        f"Claim {claim.claim_id} says {words('sex', claim.sex)} are {claim.value} times as likely "
        f"as {words('sex', claim.reference_sex or V.ALL)}{when}; {describe_pair(db, pair)} imply "
        f"{implied}, {verdict}; read as an odds ratio, {claim.value} at "
        f"{pair.reference.value}% would need {fmt_float(float(need_or.value) * 100, 1)}% of "
        f"{words('sex', claim.sex)}, and read as a risk ratio, {rr_text}."
    )
    return {
        C.STATUS: C.OK if ok else C.FAIL,
        C.MESSAGE: message,
        C.CLAIMED_RATIO: claim.value,
        C.ODDS_RATIO: pair.odds_ratio,
        C.ODDS_RATIO_LOW: or_lo,
        C.ODDS_RATIO_HIGH: or_hi,
        C.RISK_RATIO: pair.risk_ratio,
        C.RISK_RATIO_LOW: rr_lo,
        C.RISK_RATIO_HIGH: rr_hi,
        C.REQUIRED_FOR_OR: float(need_or.value) * 100,
        C.REQUIRED_FOR_RR: rr_need,
        C.RR_POSSIBLE: bool(need_rr.possible),
    }


def _comparison_row(db: Dataset, claim: Claim, pair: PairEvidence) -> dict[str, Any]:
    status = {HIGHER: C.OK, LOWER: C.FAIL, UNDETERMINED: C.WARN}[pair.direction]
    said = f"Claim {claim.claim_id} ('{claim.value_text}')"
    if pair.direction == HIGHER:
        verdict = "agree with it"
    elif pair.direction == LOWER:
        verdict = "contradict it"
    else:
        verdict = "cannot tell the direction within rounding"
    a = pair.first
    when = ", ".join(
        w
        for w in (
            noun("timeframe", a.timeframe) if a.timeframe != V.NOT_STATED else "",
            a.context.replace("_", " ") if a.context != V.ANY else "",
        )
        if w
    )
    ratio = degenerate_ratio(pair, C.ODDS_RATIO) or f"odds ratio {fmt_float(pair.odds_ratio)}"
    message = (
        f"{said}: {describe_pair(db, pair)[:-1]}{f' ({when})' if when else ''}, {verdict} "
        f"({ratio})."
    )
    return {
        C.STATUS: status,
        C.MESSAGE: message,
        C.DIRECTION: pair.direction,
        C.ODDS_RATIO: pair.odds_ratio,
        C.RISK_RATIO: pair.risk_ratio,
    }


def ratio_claim_findings(db: Dataset | None = None, rounding: str = DEFAULT_ROUNDING) -> Findings:
    """Test every ratio claim and comparison against every matching pair of estimates.

    Takes the record set ``db`` (the shipped one by default) and ``rounding``, the rounding mode
    assumed for the printed prevalences and the claimed ratio. :func:`check_ratio_claims` gives the
    findings as the check's frame.

    Returns
    -------
    tuple of Finding
        One finding per claim and matching pair (``record_id`` the claim, ``related_id`` the pair's
        estimate ids joined with ``";"``), or one ``not_applicable`` row for a claim no pair
        matches: the core columns plus ``value`` and ``reference_value`` (the two prevalences),
        ``same_source``, ``odds_ratio``, ``risk_ratio`` and, for a ratio claim, the ranges
        ``odds_ratio_low`` ... ``risk_ratio_high``, ``claimed_ratio``, ``required_for_or``,
        ``required_for_rr`` (per cent) and ``rr_possible``; for a comparison, ``direction``.

    References
    ----------
    .. [1] Zhang, J., & Yu, K. F. (1998). What's the relative risk? A method of correcting the
       odds ratio in cohort studies of common outcomes. *JAMA*, 280(19), 1690–1691. (Odds ratio
       and risk ratio of common outcomes; the prevalence an odds ratio implies.)

    Examples
    --------
    >>> df = check_ratio_claims()
    >>> df.loc[df.record_id == "E", "status"].tolist()
    ['fail', 'fail']
    >>> round(float(df.loc[df.record_id == "E", "required_for_or"].iloc[0]), 1)
    66.6
    >>> [f.details["related_id"] for f in ratio_claim_findings() if f.record_id == "E"][0]
    'schweitzer2015-lifetime;maczkowiack2019-lifetime'
    """
    rounding = check_rounding(rounding)
    db = dataset_or_default(db)
    rows: list[dict[str, Any]] = []
    for claim in db.claims.values():
        if claim.measure not in PAIR_MEASURES:
            continue
        pairs = matching_pairs(claim, db, rounding)
        if claim.reference_sex is None or not pairs or (
            claim.measure == V.RATIO_CLAIM and claim.value is None
        ):
            why = (
                "it names no reference group"
                if claim.reference_sex is None
                else "no pair of estimates in the record set matches its groups, outcome and "
                "timeframe"
            )
            rows.append(
                {
                    C.RECORD_ID: claim.claim_id,
                    C.STATUS: C.NOT_APPLICABLE,
                    C.MESSAGE: f"Claim {claim.claim_id} cannot be tested: {why}.",
                }
            )
            continue
        for pair in pairs:
            row: dict[str, Any] = {
                C.RECORD_ID: claim.claim_id,
                C.RELATED_ID: ";".join(pair.ids),
                C.VALUE: pair.first.value,
                C.REFERENCE_VALUE: pair.reference.value,
                C.SAME_SOURCE: pair.same_source,
            }
            if claim.measure == V.RATIO_CLAIM:
                row.update(_ratio_row(db, claim, pair, rounding))
            else:
                row.update(_comparison_row(db, claim, pair))
            rows.append(row)
    return tuple(finding(NAME, rounding, row) for row in rows)


check_ratio_claims = frame_check(NAME, ratio_claim_findings)
