"""Claims that compare two groups: "X times more likely" and "more common in women".

An article's ratio claim (measure ``ratio_claim``: "women are 2.87 times more likely to experience
it at some point in their lives") or comparison (measure ``comparison``: "more common in women")
says something about *two* prevalences: the claim's ``sex`` (group 1) against its
``reference_sex`` (group 2). This check finds every pair of estimates in the record set that could
stand behind the claim (:func:`pctstats.evidence.matching_pairs`) and tests the claim against each
pair:

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

Which pairs match a claim, and what a pair implies, is :mod:`pctstats.evidence`'s (the claim audit
judges two-group claims by the same pairs); the ``same_source`` column says which pairs come from
one sample.
"""

from __future__ import annotations

from typing import Any, Final

from pctstats.checks.findings import Findings, finding, frame_check
from pctstats.core import names as C
from pctstats.core import vocab as V
from pctstats.core.names import HIGHER, LOWER, UNDETERMINED
from pctstats.core.phrases import fmt_float, noun, words
from pctstats.core.reported import to_decimal
from pctstats.core.rounding import DEFAULT_ROUNDING, check_rounding
from pctstats.data.dataset import Dataset, dataset_or_default
from pctstats.data.records import Claim
from pctstats.evidence import (  # re-exported: the check's pairs, where callers found them
    PairEvidence,
    degenerate_ratio,
    describe_pair,
    matching_pairs,
    ratio_fits,
)
from pctstats.stats.ratios import required_prevalence

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

    ``rounding`` is assumed for the printed prevalences and the claimed ratio. It returns one
    finding per claim and matching pair (``record_id`` the claim, ``related_id`` the pair's
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
