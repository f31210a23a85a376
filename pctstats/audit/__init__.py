"""The claim audit: each article claim against every estimate of the source(s) it traces to.

:func:`audit_claims` compares each claim of ``claims.csv`` with each estimate of its sources
(``claims.source_ids``) on every dimension the records state, finds the estimate the claim matches
best, and gives one verdict with the dimensions that differ and a sentence a reader understands
without the code. One concept a module:

values
    A claim's number against an estimate's, under rounding and approximation
    (:data:`VALUE_MATCHES`).
dimensions
    The dimensions on which a claim can differ from an estimate (:data:`MISMATCHES`), each
    difference a typed :class:`Mismatch`.
candidates
    The estimates (or pairs of estimates) a claim is compared with, and which fits best.
messages
    The audit's sentences.
verdict
    One frozen :class:`ClaimVerdict` per claim (:data:`VERDICTS`) and the frame built from them.

Every verdict holds under the rounding mode named in its row (``rounding``).

Examples
--------
>>> audit = audit_claims()
>>> audit.set_index("claim_id").loc["D-lifetime", ["verdict", "mismatches"]].tolist()
['distorted', ('sample_size',)]
"""

from __future__ import annotations

from pctstats.audit.dimensions import (
    MISMATCHES,
    RESTRICTING_TAGS,
    Mismatch,
    dimension_mismatches,
)
from pctstats.audit.values import VALUE_MATCHES, claim_span, compare_point, compare_value
from pctstats.audit.verdict import (
    VERDICTS,
    ClaimVerdict,
    audit_claims,
    audit_in_words,
    claim_verdict,
    claim_verdicts,
    verdict_counts,
    verdict_frame,
)
from pctstats.core.names import (
    ACCURATE,
    AUDIT_COLUMNS,
    DISTORTED,
    GENERALIZED,
    ROUNDED,
    UNSUPPORTED,
    WRONG_NUMBER,
)

__all__ = [
    "ACCURATE",
    "AUDIT_COLUMNS",
    "DISTORTED",
    "GENERALIZED",
    "MISMATCHES",
    "RESTRICTING_TAGS",
    "ROUNDED",
    "UNSUPPORTED",
    "VALUE_MATCHES",
    "VERDICTS",
    "WRONG_NUMBER",
    "ClaimVerdict",
    "Mismatch",
    "audit_claims",
    "audit_in_words",
    "claim_span",
    "claim_verdict",
    "claim_verdicts",
    "compare_point",
    "compare_value",
    "dimension_mismatches",
    "verdict_counts",
    "verdict_frame",
]
