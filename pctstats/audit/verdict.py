"""One verdict per claim, as a frozen :class:`ClaimVerdict`; the audit's frame built from them.

Verdicts (:data:`VERDICTS`), the first that applies:

1. ``unsupported``: the claim traces to no source; or no estimate of its sources is of its kind of
   number; or it asserts a strength no estimate reports.
2. ``wrong_number``: the claim's number matches neither its traced estimate nor any estimate of its
   sources under rounding and approximation (for a comparison: the direction contradicts the pair
   it traces to).
3. ``distorted``: the number is found in the source, but the claim's words differ from the
   estimate it matches on at least one dimension (outcome, timeframe, sample size, precision
   beyond the source...), even if the number itself is right.
4. ``generalized``: the number is found in the source and the claim differs only in stating the
   population more broadly than the sample ("women" for "female university students"): it drops
   a restriction of the sample and changes nothing that was measured.
5. ``rounded``: nothing differs except that the claim is coarser than the source ("5%" for 5.1%,
   "almost half" for 46%, "about 4%" for 3–4%).
6. ``accurate``: nothing differs.

Examples
--------
>>> found = {v.claim_id: v for v in claim_verdicts()}
>>> found["D-lifetime"].verdict, found["D-lifetime"].dimensions
('distorted', ('sample_size',))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Final

import pandas as pd

from pctstats.audit.candidates import Candidate, best_of, pair_candidates, single_candidates
from pctstats.audit.dimensions import Mismatch, in_order
from pctstats.audit.messages import claim_words, verdict_message
from pctstats.audit.values import COARSER
from pctstats.core import names as C
from pctstats.core import vocab as V
from pctstats.core.display import Display, Displayable
from pctstats.core.names import (
    ACCURATE,
    DIFFERENT,
    DIRECTION_CONTRADICTS,
    DISTORTED,
    GENERALIZED,
    MEASURE,
    PRECISION,
    ROUNDED,
    STRENGTH,
    UNSUPPORTED,
    VALUE,
    WRONG_NUMBER,
)
from pctstats.core.phrases import label, printed_number
from pctstats.core.rounding import DEFAULT_ROUNDING, check_rounding
from pctstats.data.dataset import Dataset, dataset_or_default
from pctstats.data.records import Claim

__all__ = [
    "VERDICTS",
    "ClaimVerdict",
    "audit_claims",
    "audit_in_words",
    "claim_verdict",
    "claim_verdicts",
    "verdict_counts",
    "verdict_frame",
]

#: The verdicts, each with its rule, from best to worst. The first rule (from the worst) that
#: applies gives a claim's verdict.
VERDICTS: Final = MappingProxyType(
    {
        ACCURATE: "nothing differs: the claim states the source's number, at the source's "
        "precision, about what the source measured in whom it measured it",
        ROUNDED: "only the precision is coarser than the source's ('5%' for 5.1%, 'almost half' "
        "for 46%, 'about 4%' for 3-4%); nothing else differs",
        GENERALIZED: "the number is in the source and only the population is stated more "
        "broadly than the sample ('women' for 'female university students'); nothing that was "
        "measured differs",
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

#: Claim measures compared with a pair of prevalences (when the claim names a reference group).
_PAIR_MEASURES: Final = frozenset({V.COMPARISON, V.RATIO_CLAIM})
#: Value matches that mean the claim's number is not in its sources.
_NOT_FOUND: Final = frozenset({DIFFERENT, DIRECTION_CONTRADICTS})


@dataclass(frozen=True, repr=False)
class ClaimVerdict(Displayable):
    """The audit's verdict on one claim, with what it rests on.

    Attributes
    ----------
    claim_id, claim_group, article_id
        The claim.
    verdict
        One of :data:`VERDICTS`.
    mismatches
        What differs from the best match, in the order of
        :data:`pctstats.audit.dimensions.MISMATCHES`, each with its details.
    matched_estimate_ids
        The best match: one estimate, or two for a pair (group 1 first); empty when none.
    traced_estimate_ids
        The estimates the claim traces to.
    message
        The verdict as a sentence.
    value_match, traced_value_match
        How the claim's number relates to the best match and to the traced estimate(s)
        (:data:`pctstats.audit.values.VALUE_MATCHES`); ``None`` when there is none.
    claim_value, claim_value_high, approximation, n_claimed
        The claim's number as printed.
    matched_value, matched_value_high, matched_n
        The best match's number as printed (its first estimate's for a pair).
    rounding
        The rounding mode assumed.

    Examples
    --------
    >>> v = {v.claim_id: v for v in claim_verdicts()}["E"]
    >>> v.verdict, v.matched_estimate_ids
    ('unsupported', ('schweitzer2015-lifetime', 'maczkowiack2019-lifetime'))
    """

    claim_id: str
    claim_group: str
    article_id: str
    verdict: str
    mismatches: tuple[Mismatch, ...]
    matched_estimate_ids: tuple[str, ...]
    traced_estimate_ids: tuple[str, ...]
    message: str
    value_match: str | None
    traced_value_match: str | None
    claim_value: str | None
    claim_value_high: str | None
    approximation: str
    matched_value: str | None
    matched_value_high: str | None
    n_claimed: int | None
    matched_n: int | None
    rounding: str

    def _display_(self) -> Display:
        matched = ", ".join(self.matched_estimate_ids) or "none"
        return Display(
            "ClaimVerdict", f"{self.claim_id}: {self.verdict}",
            (("differs on", ", ".join(self.dimensions) or "nothing"), ("matched", matched),
             ("rounding", self.rounding)),
        )

    @property
    def dimensions(self) -> tuple[str, ...]:
        """The names of the dimensions that differ, in order.

        Examples
        --------
        >>> {v.claim_id: v for v in claim_verdicts()}["A"].dimensions
        ('timeframe', 'frequency')
        """
        return tuple(m.dimension for m in self.mismatches)

    def row(self) -> dict[str, Any]:
        """The verdict as one row of :func:`audit_claims`' frame (ids of a pair joined by ";").

        Examples
        --------
        >>> {v.claim_id: v for v in claim_verdicts()}["E"].row()["matched_estimate_id"]
        'schweitzer2015-lifetime;maczkowiack2019-lifetime'
        """
        return {
            C.CLAIM_ID: self.claim_id,
            C.CLAIM_GROUP: self.claim_group,
            C.ARTICLE_ID: self.article_id,
            C.VERDICT: self.verdict,
            C.MISMATCHES: self.dimensions,
            C.MATCHED_ESTIMATE_ID: ";".join(self.matched_estimate_ids) or None,
            C.TRACED_ESTIMATE_IDS: self.traced_estimate_ids,
            C.MESSAGE: self.message,
            C.VALUE_MATCH: self.value_match,
            C.TRACED_VALUE_MATCH: self.traced_value_match,
            C.CLAIM_VALUE: self.claim_value,
            C.CLAIM_VALUE_HIGH: self.claim_value_high,
            C.APPROXIMATION: self.approximation,
            C.MATCHED_VALUE: self.matched_value,
            C.MATCHED_VALUE_HIGH: self.matched_value_high,
            C.N_CLAIMED: self.n_claimed,
            C.MATCHED_N: self.matched_n,
            C.ROUNDING: self.rounding,
        }


def _candidates(
    db: Dataset, claim: Claim, rounding: str, source_ids: tuple[str, ...]
) -> list[Candidate]:
    if claim.reference_sex is not None and claim.measure in _PAIR_MEASURES:
        found = pair_candidates(db, claim, rounding, source_ids)
        if claim.measure == V.RATIO_CLAIM:
            found += single_candidates(db, claim, rounding, source_ids)
        return found
    return single_candidates(db, claim, rounding, source_ids)


def _verdict(untraced: bool, best: Candidate, mismatches: Sequence[Mismatch]) -> str:
    if untraced or best.differs_on(STRENGTH):
        return UNSUPPORTED
    if best.value_match in _NOT_FOUND:
        return WRONG_NUMBER
    if mismatches:
        return GENERALIZED if all(m.broader for m in mismatches) else DISTORTED
    if best.value_match in COARSER:
        return ROUNDED
    return ACCURATE


def claim_verdict(
    claim: Claim, db: Dataset | None = None, rounding: str = DEFAULT_ROUNDING
) -> ClaimVerdict:
    """Audit one claim against the estimates of the source(s) it traces to.

    Parameters
    ----------
    claim
        The claim.
    db
        The record set; the shipped one by default.
    rounding
        The rounding mode assumed for every printed number.

    Returns
    -------
    ClaimVerdict
        The verdict, what differs and the estimate(s) it rests on.

    Examples
    --------
    >>> from pctstats import load
    >>> claim_verdict(load().claims["G-female"]).dimensions
    ('source_kind',)
    """
    rounding = check_rounding(rounding)
    db = dataset_or_default(db)
    untraced = not claim.source_ids
    source_ids = tuple(db.sources) if untraced else claim.source_ids
    candidates = _candidates(db, claim, rounding, source_ids)
    common: dict[str, Any] = {
        "claim_id": claim.claim_id,
        "claim_group": claim.claim_group,
        "article_id": claim.article_id,
        "traced_estimate_ids": tuple(claim.estimate_ids),
        "claim_value": claim.value,
        "claim_value_high": claim.value_high,
        "approximation": claim.approximation,
        "n_claimed": claim.n_claimed,
        "rounding": rounding,
    }
    if not candidates:
        said = claim_words(db, claim)
        sources = ", ".join(label(db, s) for s in claim.source_ids)
        return ClaimVerdict(
            **common,
            verdict=UNSUPPORTED,
            mismatches=() if untraced else (Mismatch(MEASURE),),
            matched_estimate_ids=(),
            message=f"Unsupported: {said}, but it traces to no source and nothing in the record "
            "set can be compared with it."
            if untraced
            else f"Unsupported: {said}, but {sources} reports no "
            f"{claim.measure.replace('_', ' ')} to compare it with.",
            value_match=None,
            traced_value_match=None,
            matched_value=None,
            matched_value_high=None,
            matched_n=None,
        )
    best = best_of(candidates)
    traced = [c for c in candidates if c.traced]
    found = {m.dimension: m for m in best.mismatches}
    if best.value_match in _NOT_FOUND:
        found[VALUE] = Mismatch(VALUE)
    first = best.estimates[0]
    if best.beyond_precision:
        printed = printed_number(first.value, first.value_high, first.unit)
        found[PRECISION] = Mismatch(PRECISION, claim.value or "", f"{printed} as printed")
    mismatches = in_order(found)
    verdict = _verdict(untraced, best, mismatches)
    return ClaimVerdict(
        **common,
        verdict=verdict,
        mismatches=mismatches,
        matched_estimate_ids=best.ids,
        message=verdict_message(db, claim, best, candidates, verdict, mismatches, rounding),
        value_match=best.value_match,
        traced_value_match=best_of(traced).value_match if traced else None,
        matched_value=first.value,
        matched_value_high=first.value_high,
        matched_n=first.n,
    )


def claim_verdicts(
    db: Dataset | None = None, rounding: str = DEFAULT_ROUNDING
) -> tuple[ClaimVerdict, ...]:
    """Audit every article claim: one :class:`ClaimVerdict` per claim, in ``claims.csv`` order.

    Examples
    --------
    >>> [v.verdict for v in claim_verdicts()].count("unsupported")
    2
    """
    rounding = check_rounding(rounding)
    db = dataset_or_default(db)
    return tuple(claim_verdict(claim, db, rounding) for claim in db.claims.values())


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
        One row per claim (in ``claims.csv`` order) with the columns of
        :data:`pctstats.core.names.AUDIT_COLUMNS`: ``claim_id``, ``claim_group``, ``article_id``,
        ``verdict`` (one of :data:`VERDICTS`), ``mismatches`` (a tuple of
        :data:`pctstats.audit.dimensions.MISMATCHES` names), ``matched_estimate_id`` (the best
        match; two ids joined by ``";"`` for a pair), ``traced_estimate_ids``, ``message``,
        ``value_match`` (against the best match) and ``traced_value_match`` (against the traced
        estimate(s)), both from :data:`pctstats.audit.values.VALUE_MATCHES`, the claimed and
        matched numbers as printed, ``n_claimed``, ``matched_n`` and ``rounding``.
        ``df.attrs["rounding"]`` holds the mode. The rows are :func:`claim_verdicts`' verdicts.

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
    return verdict_frame(claim_verdicts(db, rounding), rounding)


def verdict_frame(verdicts: Sequence[ClaimVerdict], rounding: str) -> pd.DataFrame:
    """The audit's frame (:func:`audit_claims`) of the given verdicts, one row each.

    Examples
    --------
    >>> verdict_frame(claim_verdicts(), "up_or_down").equals(audit_claims())
    True
    """
    rows = [v.row() for v in verdicts]
    out = pd.DataFrame.from_records(rows, columns=list(C.AUDIT_COLUMNS))
    out[C.N_CLAIMED] = out[C.N_CLAIMED].astype("Int64")
    out[C.MATCHED_N] = out[C.MATCHED_N].astype("Int64")
    out.attrs["rounding"] = rounding
    return out


def verdict_counts(audit: pd.DataFrame) -> pd.Series:
    """How many claims got each verdict (every verdict listed, best first).

    Examples
    --------
    >>> verdict_counts(audit_claims()).to_dict()  # doctest: +NORMALIZE_WHITESPACE
    {'accurate': 0, 'rounded': 0, 'generalized': 0, 'distorted': 12, 'wrong_number': 0,
     'unsupported': 2}
    """
    return audit[C.VERDICT].value_counts().reindex(list(VERDICTS), fill_value=0)


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
    rows = audit[audit[C.VERDICT].isin(chosen)]
    return [
        f"{r[C.CLAIM_ID]} [{r[C.VERDICT]}]: {r[C.MESSAGE]}" for _, r in rows.iterrows()
    ]
