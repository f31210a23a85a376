"""Every column name and status name of pctstats' tables, defined once.

Every check returns a tidy :class:`pandas.DataFrame`, one row per finding, whose first columns are
:data:`CORE_COLUMNS`: which check (``check``), about which record (``record_id``), its ``status``
(one of :data:`STATUSES`), one human sentence (``message``) and the rounding mode assumed
(``rounding``). The numbers behind each finding follow in further columns. The claim audit
(:data:`AUDIT_COLUMNS`), the applied statistics and the report name their columns here too, so
that renaming a column is a one-line change.

Examples
--------
>>> STATUSES["fail"]
'the record is inconsistent: no reading of the printed numbers makes it hold'
>>> CORE_COLUMNS
('check', 'record_id', 'status', 'message', 'rounding')
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

# Statuses of a check's finding --------------------------------------------------------------------
OK: Final = "ok"
WARN: Final = "warn"
FAIL: Final = "fail"
NOT_APPLICABLE: Final = "not_applicable"

#: The statuses a finding can have, each with its meaning, from best to worst (then n/a).
STATUSES: Final = MappingProxyType(
    {
        OK: "the record passes the check under the rounding assumed",
        WARN: "the record passes, but only under a reading worth a reader's attention "
        "(e.g. a design effect, mixed evidence, a small asymmetry)",
        FAIL: "the record is inconsistent: no reading of the printed numbers makes it hold",
        NOT_APPLICABLE: "the check cannot be applied to this record; the message says why",
    }
)

# Verdicts of the claim audit (their rules: pctstats.audit.verdict.VERDICTS) -----------------------
ACCURATE: Final = "accurate"
ROUNDED: Final = "rounded"
GENERALIZED: Final = "generalized"
DISTORTED: Final = "distorted"
WRONG_NUMBER: Final = "wrong_number"
UNSUPPORTED: Final = "unsupported"

# Dimensions on which a claim can differ from its source (rules: pctstats.audit.dimensions) -------
PRECISION: Final = "precision"
SAMPLE_SIZE: Final = "sample_size"
TIMEFRAME: Final = "timeframe"
FREQUENCY: Final = "frequency"
SEX: Final = "sex"
ORIENTATION: Final = "orientation"
POPULATION: Final = "population"
OUTCOME: Final = "outcome"
CONTEXT: Final = "context"
SOURCE_KIND: Final = "source_kind"
YEAR: Final = "year"
STRENGTH: Final = "strength"
MEASURE: Final = "measure"
ACROSS_SAMPLES: Final = "across_samples"

# How a claim's number relates to an estimate's (rules: pctstats.audit.values) --------------------
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

# Directions of a comparison (group 1 against group 2) ---------------------------------------------
HIGHER: Final = "higher"
LOWER: Final = "lower"
UNDETERMINED: Final = "undetermined"

# How the interval of a prevalence was obtained (meanings: pctstats.applied.BASIS) ----------------
PRINTED_COUNT: Final = "printed_count"
GRIM: Final = "grim"
REPORTED_CI: Final = "reported_ci"
NOT_CONSISTENT: Final = "not_consistent"
NO_N: Final = "no_n"

# Core columns, shared by every check --------------------------------------------------------------
CHECK: Final = "check"
RECORD_ID: Final = "record_id"
STATUS: Final = "status"
MESSAGE: Final = "message"
ROUNDING: Final = "rounding"

#: The columns every check's frame starts with, in this order.
CORE_COLUMNS: Final = (CHECK, RECORD_ID, STATUS, MESSAGE, ROUNDING)

# Record fields used as columns --------------------------------------------------------------------
ESTIMATE_ID: Final = "estimate_id"
CLAIM_ID: Final = "claim_id"
CLAIM_GROUP: Final = "claim_group"
ARTICLE_ID: Final = "article_id"
SOURCE_ID: Final = "source_id"
LABEL: Final = "label"
VALUE: Final = "value"
VALUE_HIGH: Final = "value_high"
N: Final = "n"
K: Final = "k"
CI_LOW: Final = "ci_low"
CI_HIGH: Final = "ci_high"
CI_LEVEL: Final = "ci_level"
WEIGHTED: Final = "weighted"
UNIT: Final = "unit"
VERSION_OF: Final = "version_of"
EXPOSURE: Final = "exposure"
ADJUSTMENT: Final = "adjustment"
APPROXIMATION: Final = "approximation"
N_CLAIMED: Final = "n_claimed"

# Columns shared by several checks -----------------------------------------------------------------
#: The table the record comes from: ``"estimates"`` or ``"claims"``.
TABLE: Final = "table"
#: The other record of a pair (the lifetime estimate a 4-week one is nested in, the reference
#: group's estimate of a ratio claim).
RELATED_ID: Final = "related_id"
RELATED_VALUE: Final = "related_value"
METHOD: Final = "method"
#: What a row is about, where a record has several things checked (``range``, ``95% confidence
#: interval``).
KIND: Final = "kind"

# grim ---------------------------------------------------------------------------------------------
#: The whole counts k with 100 k / n printing as the value.
COUNTS: Final = "counts"
#: False when n >= 10**decimals (GRIM cannot rule anything out).
INFORMATIVE: Final = "informative"
#: The nearest denominators below and above n with which the value is consistent.
NEAREST_NS: Final = "nearest_ns"
#: Denominators near n with which every same-n percentage of the source is consistent.
SHARED_NS: Final = "shared_ns"
#: How many same-n percentages of the source :data:`SHARED_NS` was computed from.
N_SHARED_VALUES: Final = "n_shared_values"
#: Denominators at or below n (a sub-sample, as when part of the sample answered an item) with
#: which every same-n percentage of the source is consistent.
SUBSAMPLE_NS: Final = "subsample_ns"
#: Those of :data:`SUBSAMPLE_NS` that a record names: the source's further sample sizes
#: (``sample_sizes.csv``).
RECORDED_NS: Final = "recorded_ns"
#: Whether the sample size tested was read only in secondary reports (news, a digest).
SECONDARY: Final = "secondary"

# nesting; also intervals of the statistics (0-1) --------------------------------------------------
#: Least and greatest true values (per cent) the narrower and the broader estimate can have; the
#: bounds of an interval in the statistics' frames.
LOW: Final = "low"
HIGH: Final = "high"
RELATED_LOW: Final = "related_low"
RELATED_HIGH: Final = "related_high"

# proportion_ci ------------------------------------------------------------------------------------
BINOMIAL_LOW: Final = "binomial_low"
BINOMIAL_HIGH: Final = "binomial_high"
#: Half-widths in percentage points: as printed, and the binomial one.
REPORTED_HALF_WIDTH: Final = "reported_half_width"
BINOMIAL_HALF_WIDTH: Final = "binomial_half_width"
#: Implied design effect (reported half-width / binomial half-width)^2, and its range under
#: rounding of the printed bounds and over the counts consistent with the value.
DESIGN_EFFECT: Final = "design_effect"
DESIGN_EFFECT_MIN: Final = "design_effect_min"
DESIGN_EFFECT_MAX: Final = "design_effect_max"
#: ``"narrower"``, ``"consistent"`` or ``"wider"`` than the binomial interval.
WIDTH_VERDICT: Final = "width_verdict"
#: The binomial methods other than the chosen one whose interval is no wider than a reported one.
METHODS_FITTING: Final = "methods_fitting"

# ratio_ci -----------------------------------------------------------------------------------------
#: Whether some true values inside all three rounding intervals put the estimate at the CI's
#: centre on the log scale.
CENTRED: Final = "centred"
#: Whether the estimate can lie inside its CI.
INSIDE: Final = "inside"
#: log(upper / estimate) / log(estimate / lower) from the printed numbers (1 when centred).
ASYMMETRY: Final = "asymmetry"
#: metafor's check: ``|midpoint - log estimate| / (log upper - log lower)``, printed numbers.
CENTRE_OFFSET: Final = "centre_offset"
#: Standard error of the log ratio implied by the printed CI, (log upper - log lower) / (2 z).
LOG_SE: Final = "log_se"

# ratio_claims -------------------------------------------------------------------------------------
CLAIMED_RATIO: Final = "claimed_ratio"
REFERENCE_VALUE: Final = "reference_value"
SAME_SOURCE: Final = "same_source"
ODDS_RATIO: Final = "odds_ratio"
ODDS_RATIO_LOW: Final = "odds_ratio_low"
ODDS_RATIO_HIGH: Final = "odds_ratio_high"
RISK_RATIO: Final = "risk_ratio"
RISK_RATIO_LOW: Final = "risk_ratio_low"
RISK_RATIO_HIGH: Final = "risk_ratio_high"
DIFFERENCE: Final = "difference"
#: Prevalence (per cent) group 1 would need for the claimed ratio read as an odds / risk ratio.
REQUIRED_FOR_OR: Final = "required_for_or"
REQUIRED_FOR_RR: Final = "required_for_rr"
#: Whether the prevalence required by the risk-ratio reading is at most 100%.
RR_POSSIBLE: Final = "rr_possible"
#: For a comparison: ``"higher"``, ``"lower"`` or ``"undetermined"`` (group 1 against group 2).
DIRECTION: Final = "direction"

# The claim audit ----------------------------------------------------------------------------------
VERDICT: Final = "verdict"
MISMATCHES: Final = "mismatches"
MATCHED_ESTIMATE_ID: Final = "matched_estimate_id"
TRACED_ESTIMATE_IDS: Final = "traced_estimate_ids"
VALUE_MATCH: Final = "value_match"
TRACED_VALUE_MATCH: Final = "traced_value_match"
CLAIM_VALUE: Final = "claim_value"
CLAIM_VALUE_HIGH: Final = "claim_value_high"
MATCHED_VALUE: Final = "matched_value"
MATCHED_VALUE_HIGH: Final = "matched_value_high"
MATCHED_N: Final = "matched_n"

#: The columns of the claim audit's frame, in order.
AUDIT_COLUMNS: Final = (
    CLAIM_ID,
    CLAIM_GROUP,
    ARTICLE_ID,
    VERDICT,
    MISMATCHES,
    MATCHED_ESTIMATE_ID,
    TRACED_ESTIMATE_IDS,
    MESSAGE,
    VALUE_MATCH,
    TRACED_VALUE_MATCH,
    CLAIM_VALUE,
    CLAIM_VALUE_HIGH,
    APPROXIMATION,
    MATCHED_VALUE,
    MATCHED_VALUE_HIGH,
    N_CLAIMED,
    MATCHED_N,
    ROUNDING,
)

# The statistics' result frames and the applied tables ---------------------------------------------
ESTIMATE: Final = "estimate"
LEVEL: Final = "level"
ESTIMATOR: Final = "estimator"
NOTE: Final = "note"
K_MIN: Final = "k_min"
K_MAX: Final = "k_max"
BASIS: Final = "basis"
GROUP: Final = "group"
STUDIES: Final = "studies"
K_USED: Final = "k_used"
PI_LOW: Final = "pi_low"
PI_HIGH: Final = "pi_high"
TAU2: Final = "tau2"
I2: Final = "i2"
Q: Final = "q"
Q_DF: Final = "q_df"
Q_PVALUE: Final = "q_pvalue"
ESTIMATE_MIN: Final = "estimate_min"
ESTIMATE_MAX: Final = "estimate_max"
RECONSTRUCTIBLE: Final = "reconstructible"
REASON: Final = "reason"

# Columns of the statistics' frames ----------------------------------------------------------------
WIDTH: Final = "width"
CONSISTENT: Final = "consistent"
N_COUNTS: Final = "n_counts"
YI: Final = "yi"
VI: Final = "vi"
WEIGHT: Final = "weight"
ADJUSTED: Final = "adjusted"
PREDICTION: Final = "prediction"
N_STUDIES: Final = "n_studies"
TRANSFORM: Final = "transform"
CI: Final = "ci"
TAU2_LOW: Final = "tau2_low"
TAU2_HIGH: Final = "tau2_high"
CELL_A: Final = "a"
CELL_B: Final = "b"
CELL_C: Final = "c"
CELL_D: Final = "d"
P1: Final = "p1"
P2: Final = "p2"
P_REFERENCE: Final = "p_reference"
RATIO: Final = "ratio"
POSSIBLE: Final = "possible"
CONSISTENCY: Final = "consistency"
PROBABILITY: Final = "probability"
UNINFORMATIVE: Final = "uninformative"
NARROWER: Final = "narrower"
WIDER: Final = "wider"

__all__ = sorted(
    name for name, value in dict(globals()).items() if name.isupper() and not name.startswith("_")
)
