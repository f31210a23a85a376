"""The audit's sentences: what the article says, what its sources give, and what differs.

Every phrase comes from :mod:`pctstats.core.phrases` (vocabulary words, units, numbers); the
facts come from the :class:`~pctstats.audit.candidates.Candidate` the verdict rests on. Nothing
else reads these sentences: the figures and the report read the verdict's fields.

Examples
--------
>>> qualifiers("lifetime", "not_stated", "casual_sex")
'in their lifetime, after casual sex'
"""

from __future__ import annotations

from collections.abc import Sequence
from types import MappingProxyType
from typing import Final

from pctstats.audit.candidates import Candidate
from pctstats.audit.dimensions import Mismatch
from pctstats.core import names as C
from pctstats.core import vocab as V
from pctstats.core.phrases import and_list, fmt_float, fmt_n, label, printed_number, words
from pctstats.core.reported import to_decimal
from pctstats.data.dataset import Dataset
from pctstats.data.records import Claim, Estimate
from pctstats.evidence import PairEvidence, describe_pair, matching_pairs, ratio_fits
from pctstats.stats.ratios import required_prevalence

__all__ = ["claim_words", "differences", "qualifiers", "verdict_message"]

_VALUE_PHRASES: Final = MappingProxyType(
    {
        C.EQUAL: "the number is the same",
        C.ROUNDED_VALUE: "the claim rounds that number",
        C.IN_RANGE: "the claim's number lies in that range",
        C.MORE_PRECISE: "the claim adds decimals to that number",
        C.NO_NUMBER: "",
    }
)
#: Claim measures whose words name no population of a number ("more common in women").
_NO_NUMBER_OF: Final = frozenset({V.COMPARISON, V.RATIO_CLAIM, V.ASSOCIATION})


def qualifiers(timeframe: str, frequency: str, context: str) -> str:
    """When and in what context, as a phrase: ``"at least once in their lifetime"``.

    Examples
    --------
    >>> qualifiers("past_4_weeks", "a_few_times", "any")
    'a few times in the past 4 weeks'
    """
    when = words("timeframe", timeframe)
    if frequency != V.NOT_STATED:
        when = f"{words('frequency', frequency)} {when}"
    parts = [when]
    if context != V.ANY:
        parts.append(words("context", context))
    return ", ".join(parts)


def claim_words(db: Dataset, claim: Claim) -> str:
    """What the article says, as the start of a sentence.

    Examples
    --------
    >>> from pctstats import load
    >>> db = load()
    >>> claim_words(db, db.claims["E"])[:32]
    "Medical News Today says '2.87 ti"
    """
    article = db.articles.get(claim.article_id)
    outlet = article.outlet if article is not None else "The article"
    n = f"n = {fmt_n(claim.n_claimed)}; " if claim.n_claimed is not None else ""
    what = words("outcome", claim.outcome)
    quals = qualifiers(claim.timeframe, claim.frequency, claim.context)
    if claim.measure in _NO_NUMBER_OF:
        return f"{outlet} says '{claim.value_text}' ({what}; {claim.population}; {quals})"
    return f"{outlet} says '{claim.value_text}' of {claim.population} ({n}{what}; {quals})"


def _estimate_words(db: Dataset, e: Estimate) -> str:
    quals = qualifiers(e.timeframe, e.frequency, e.context)
    what = words("outcome", e.outcome)
    n = f"n = {fmt_n(e.n)}; " if e.n is not None else ""
    if e.measure == V.ASSOCIATION:
        return (
            f"{label(db, e.source_id)}, which reports an association of {what} with {e.exposure} "
            f"in {e.population} ({quals})"
        )
    if e.measure == V.ODDS_RATIO:
        return (
            f"{label(db, e.source_id)}, which reports an odds ratio of {e.value} for {e.exposure} "
            f"({what}; {quals})"
        )
    number = printed_number(e.value, e.value_high, e.unit)
    return (
        f"{label(db, e.source_id)}, which reports {number} of {e.population} ({n}{what}; {quals})"
    )


def differences(mismatches: Sequence[Mismatch]) -> str:
    """What differs, as a list in a sentence ("" if nothing); a wrong value is said elsewhere.

    Examples
    --------
    >>> differences([Mismatch("sample_size", "n = 1,635", "1,208"), Mismatch("value")])
    'sample size (n = 1,635 against 1,208)'
    """
    parts = [
        f"{m.dimension.replace('_', ' ')} ({m.text})" if m.text else m.dimension.replace("_", " ")
        for m in mismatches
        if m.dimension != C.VALUE
    ]
    return and_list(parts) if parts else ""


def _agreements(db: Dataset, claim: Claim, candidate: Candidate) -> list[str]:
    """Facts the claim states explicitly (n, year) that the source confirms."""
    source = db.source_of(candidate.estimates[0].estimate_id)
    found = []
    if claim.n_claimed is not None and not candidate.differs_on(C.SAMPLE_SIZE):
        found.append(f"its n = {fmt_n(claim.n_claimed)} matches the source's")
    if claim.year_claimed is not None and not candidate.differs_on(C.YEAR):
        which = "year" if claim.year_claimed == source.year else "online year"
        found.append(f"its year {claim.year_claimed} matches the source's {which}")
    return found


def _required_note(claim: Claim, pair: PairEvidence) -> str:
    """What group 1's prevalence would need to be for the claimed ratio, as a clause."""
    assert claim.value is not None and pair.reference.value is not None
    ratio = float(to_decimal(claim.value))
    p_ref = float(to_decimal(pair.reference.value) / 100)
    as_or = required_prevalence(p_ref, ratio, measure=C.ODDS_RATIO)
    as_rr = required_prevalence(p_ref, ratio, measure=C.RISK_RATIO)
    rr = f"{fmt_float(100 * float(as_rr.value), 1)}%"
    if not bool(as_rr.possible):
        rr += ", which is impossible"
    return (
        f"; an odds ratio of {claim.value} at {words('sex', pair.reference.sex)}'s "
        f"{pair.reference.value}% would need {fmt_float(100 * float(as_or.value), 1)}% of "
        f"{words('sex', pair.first.sex)}, a risk ratio of {claim.value} would need {rr}"
    )


def _pair_text(db: Dataset, claim: Claim, pair: PairEvidence, match: str, rounding: str) -> str:
    found = describe_pair(db, pair)
    direction = {
        C.DIRECTION_AGREES: "which agree with it",
        C.DIRECTION_CONTRADICTS: "which contradict it",
        C.DIRECTION_UNDETERMINED: "whose direction rounding cannot decide",
        C.RATIO_IMPLIED: f"which imply an odds ratio of {fmt_float(pair.odds_ratio)} and a "
        f"risk ratio of {fmt_float(pair.risk_ratio)}, consistent with {claim.value}",
        C.DIFFERENT: f"which imply an odds ratio of {fmt_float(pair.odds_ratio)} and a "
        f"risk ratio of {fmt_float(pair.risk_ratio)}, not {claim.value}",
    }[match]
    text = f" {found} {direction}"
    pairs = matching_pairs(claim, db, rounding)
    if claim.measure == V.COMPARISON:
        agree = sum(p.direction == C.HIGHER for p in pairs)
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
            f" (other pairs imply odds ratios of {and_list(others)}; {fit} of the {len(pairs)} "
            f"pairs fit {claim.value})"
        )
    if claim.measure == V.RATIO_CLAIM and claim.value is not None:
        text += _required_note(claim, pair)
    return text


def _single_text(
    db: Dataset, claim: Claim, best: Candidate, candidates: Sequence[Candidate], rounding: str
) -> str:
    e = best.estimates[0]
    text = f" {_estimate_words(db, e)}"
    phrase = _VALUE_PHRASES.get(best.value_match)
    if best.value_match == C.DIFFERENT:
        text += ", and no estimate of the source matches the claim's number"
    elif phrase:
        text += f", and {phrase} under rounding {rounding!r}"
    others = [c for c in candidates if c.traced and c.ids != best.ids and not c.version]
    for other in others:
        t = other.estimates[0]
        fits = "does not match" if other.value_match == C.DIFFERENT else "also matches"
        text += (
            f"; the estimate it traces to, {t.estimate_id} "
            f"({printed_number(t.value, t.value_high, t.unit)}, {words('sex', t.sex)}, "
            f"{qualifiers(t.timeframe, t.frequency, t.context)}), {fits} its number"
        )
    agreements = _agreements(db, claim, best)
    if agreements:
        text += "; " + and_list(agreements)
    return text


def verdict_message(
    db: Dataset,
    claim: Claim,
    best: Candidate,
    candidates: Sequence[Candidate],
    verdict: str,
    mismatches: Sequence[Mismatch],
    rounding: str,
) -> str:
    """The audit's sentence for a claim: the verdict, what is said, what the sources give.

    Parameters
    ----------
    db
        The record set.
    claim
        The claim.
    best
        The candidate the verdict rests on.
    candidates
        Every candidate (the traced ones that are not the best are named too).
    verdict
        The verdict (:data:`pctstats.audit.verdict.VERDICTS`).
    mismatches
        What differs from ``best``, in order (:data:`pctstats.audit.dimensions.MISMATCHES`).
    rounding
        The rounding mode assumed.

    Examples
    --------
    >>> from pctstats import load
    >>> from pctstats.audit.candidates import single_candidates
    >>> db = load()
    >>> claim = db.claims["D-lifetime"]
    >>> found = single_candidates(db, claim, "up_or_down", ("maczkowiack2019",))
    >>> verdict_message(db, claim, found[0], found, "distorted", found[0].mismatches,
    ...                 "up_or_down")[:40]
    "Distorted: Medical News Today says '41%'"
    """
    head = verdict.replace("_", " ").capitalize()
    where = "its sources give" if claim.source_ids else (
        "it traces to no source; the nearest evidence in the record set is"
    )
    if best.pair is not None:
        body = _pair_text(db, claim, best.pair, best.value_match, rounding)
    else:
        body = _single_text(db, claim, best, candidates, rounding)
    text = f"{head}: {claim_words(db, claim)}; {where}{body}"
    found = differences(mismatches)
    if found:
        text += f"; it differs on {found}"
    elif verdict in (C.ACCURATE, C.ROUNDED):
        text += "; nothing else differs"
    return text + "."
