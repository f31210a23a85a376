"""No false accusations: every check on generated consistent record sets, and on broken ones.

In the style of GRIM's property test: true values are generated (counts, proportions, odds ratios
with Wald CIs on the log scale, nested lifetime and 4-week prevalences, ranges, weighted estimates
with a design effect >= 1, pairs of prevalences and the ratios they imply), printed at random
precisions under each rounding mode by the independent printer of ``tests/reference_printer.py``,
and put into a record set in memory (``dataclasses.replace`` on the shipped Dataset). No check may
then say ``fail``. Then one printed number is moved beyond what rounding allows, and the check must
notice. 0% and 100% are generated like any other value, and ``check_all`` and the claim audit must
never raise on such a record set.
"""

from __future__ import annotations

import math
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType

import pandas as pd
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from pctstats import load
from pctstats.audit import audit_claims
from pctstats.checks import check_all
from pctstats.checks.grim_check import check_grim
from pctstats.checks.nesting import check_nesting
from pctstats.checks.proportion_ci import check_proportion_ci
from pctstats.checks.ranges import check_ranges
from pctstats.checks.ratio_ci import check_ratio_ci
from pctstats.checks.ratio_claims import check_ratio_claims
from pctstats.core import names as C
from pctstats.data.dataset import Dataset
from pctstats.stats.intervals import prevalence_ci

from .reference_printer import SINGLE_MODES, print_exact, prints_as

DB = load()
LIFETIME = DB.estimates["schweitzer2015-lifetime"]  # women, lifetime, at least once
FOUR_WEEKS = DB.estimates["schweitzer2015-4weeks-few"]  # nests in LIFETIME
MEN = DB.estimates["maczkowiack2019-lifetime"]  # men, lifetime: the reference of claim E
RANGE = DB.estimates["maczkowiack2019-regular"]  # a printed range "3"-"4"
RATIO = DB.estimates["burri_spector2011-or-recent-satisfaction"]  # an odds ratio with a CI
CLAIM = DB.claims["E"]  # "women are 2.87 times more likely" (lifetime)

def examples(count: int) -> settings:
    """Hypothesis settings: ``count`` examples, no deadline (the machine may be busy)."""
    return settings(max_examples=count, deadline=None, suppress_health_check=[HealthCheck.too_slow])



def record_set(*estimates, claims=None) -> Dataset:
    """The shipped record set with only ``estimates`` (and, if given, only ``claims``)."""
    db = replace(DB, estimates=MappingProxyType({e.estimate_id: e for e in estimates}))
    if claims is not None:
        db = replace(db, claims=MappingProxyType({c.claim_id: c for c in claims}))
    return db


def status_of(frame: pd.DataFrame, record_id: str) -> str:
    rows = frame[frame[C.RECORD_ID] == record_id]
    assert len(rows) == 1, (record_id, frame)
    return str(rows[C.STATUS].iloc[0])


def percent(k: int, n: int, decimals: int, mode: str) -> str:
    return print_exact(Fraction(100 * k, n), decimals, mode)


def shifted(printed: str, units: int) -> str:
    """``printed`` moved by ``units`` of its last digit (never below 0)."""
    value = Decimal(printed)
    step = Decimal(1).scaleb(value.as_tuple().exponent)
    return str(max(value + units * step, Decimal(0)).quantize(step))


modes = st.sampled_from(SINGLE_MODES)
decimals = st.integers(0, 2)
counts = st.integers(1, 3000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n)))


def check_mode(mode: str, charitable: bool) -> str:
    """The rounding a check assumes: the printer's mode, or "up_or_down" when that covers it."""
    return "up_or_down" if charitable and mode in ("up", "down") else mode


# --- GRIM ------------------------------------------------------------------------------------


@examples(200)
@given(counts, decimals, modes, st.booleans(), st.integers(-3, 3))
def test_grim_check_never_fails_a_correct_count_and_notices_a_wrong_one(
    kn, d, mode, charitable, shift
):
    k, n = kn
    rounding = check_mode(mode, charitable)
    value = percent(k, n, d, mode)
    assume(Decimal(value) <= 100)
    e = replace(LIFETIME, value=value, n=n, k=None)
    assert status_of(check_grim(record_set(e), rounding), e.estimate_id) == C.OK
    # One printed digit moved: fail exactly when no count out of n prints as it (enumerated
    # independently, with the reference printer).
    moved = shifted(value, shift)
    assume(Decimal(moved) <= 100)
    centre = int(Decimal(moved) * n / 100)
    printable = any(
        moved in prints_as(Fraction(100 * j, n), d, rounding)
        for j in range(max(0, centre - 2), min(n, centre + 2) + 1)
    )
    got = status_of(check_grim(record_set(replace(e, value=moved)), rounding), e.estimate_id)
    assert got == (C.OK if printable else C.FAIL)


# --- Ratios and their CIs -------------------------------------------------------------------


def _ratio_estimate(est: float, low: float, high: float, d: int, mode: str):
    printed = [print_exact(Fraction(x), d, mode) for x in (est, low, high)]
    return replace(RATIO, value=printed[0], ci_low=printed[1], ci_high=printed[2])


log_ratios = st.floats(-2.5, 2.5, allow_nan=False)
log_ses = st.floats(0.02, 0.8, allow_nan=False)


@examples(300)
@given(log_ratios, log_ses, st.integers(1, 3), modes, st.booleans())
def test_ratio_ci_never_fails_a_printed_wald_interval(mu, se, d, mode, charitable):
    rounding = check_mode(mode, charitable)
    z = 1.959963984540054
    e = _ratio_estimate(math.exp(mu), math.exp(mu - z * se), math.exp(mu + z * se), d, mode)
    assume(Decimal(e.ci_low) > 0)
    frame = check_ratio_ci(record_set(e), rounding)
    row = frame[frame[C.RECORD_ID] == e.estimate_id].iloc[0]
    assert row[C.STATUS] == C.OK, row[C.MESSAGE]
    assert row[C.INSIDE] and row[C.CENTRED]


@examples(300)
@given(log_ratios, log_ses, st.floats(-0.099, 0.099), st.integers(1, 2), modes, st.booleans())
def test_ratio_ci_never_fails_an_interval_within_metafors_tolerance(
    mu, se, offset, d, mode, charitable
):
    # A non-Wald interval whose estimate is off the log-scale midpoint by less than metafor's 10%
    # of the width: printed, some reading is within the tolerance, so the check may warn, never
    # fail ("1.4 (1.0-2.4)": 11.6% as printed, 3.3% read as 1.45 (0.95-2.35)).
    rounding = check_mode(mode, charitable)
    low, high = mu - 1.96 * se, mu + 1.96 * se
    est = (low + high) / 2 + offset * (high - low)
    e = _ratio_estimate(math.exp(est), math.exp(low), math.exp(high), d, mode)
    assume(Decimal(e.ci_low) > 0)
    frame = check_ratio_ci(record_set(e), rounding)
    assert status_of(frame, e.estimate_id) != C.FAIL, frame[C.MESSAGE].iloc[0]


def test_ratio_ci_the_issue_s_example_is_a_warning_with_its_deciding_reading():
    e = replace(RATIO, value="1.4", ci_low="1.0", ci_high="2.4")
    frame = check_ratio_ci(record_set(e))
    assert status_of(frame, e.estimate_id) == C.WARN
    assert "1.45 (0.95-2.35), off the midpoint by 3.3%" in frame[C.MESSAGE].iloc[0]


@examples(300)
@given(log_ratios, log_ses, st.integers(1, 3), modes, st.booleans(), st.integers(2, 9))
def test_ratio_ci_notices_an_estimate_outside_its_ci(mu, se, d, mode, charitable, units):
    rounding = check_mode(mode, charitable)
    z = 1.959963984540054
    e = _ratio_estimate(math.exp(mu), math.exp(mu - z * se), math.exp(mu + z * se), d, mode)
    assume(Decimal(e.ci_low) > 0)
    outside = replace(e, value=shifted(e.ci_high, units))  # beyond the upper limit's rounding
    frame = check_ratio_ci(record_set(outside), rounding)
    row = frame[frame[C.RECORD_ID] == e.estimate_id].iloc[0]
    assert row[C.STATUS] == C.FAIL and not row[C.INSIDE]


# --- Nesting -----------------------------------------------------------------------------------


@examples(250)
@given(
    st.integers(1, 3000).flatmap(
        lambda n: st.integers(0, n).flatmap(
            lambda kl: st.tuples(st.integers(0, kl), st.just(kl), st.just(n))
        )
    ),
    decimals,
    decimals,
    modes,
    st.booleans(),
)
def test_nesting_never_fails_nested_prevalences_and_notices_a_reversal(
    kkn, d_narrow, d_broad, mode, charitable
):
    k_narrow, k_broad, n = kkn
    rounding = check_mode(mode, charitable)
    broad = replace(LIFETIME, value=percent(k_broad, n, d_broad, mode), n=n)
    narrow = replace(FOUR_WEEKS, value=percent(k_narrow, n, d_narrow, mode), n=n)
    frame = check_nesting(record_set(broad, narrow), rounding)
    assert status_of(frame, narrow.estimate_id) == C.OK
    # The narrower value two units of its precision above the broader's greatest reading: fail.
    top = Decimal(broad.value) + Decimal(1).scaleb(-d_broad)
    above = print_exact(Fraction(top) + Fraction(2, 10**d_narrow), d_narrow, mode)
    assume(Decimal(above) <= 100)
    frame = check_nesting(record_set(broad, replace(narrow, value=above)), rounding)
    assert status_of(frame, narrow.estimate_id) == C.FAIL


# --- Ranges ------------------------------------------------------------------------------------


@examples(250)
@given(
    st.fractions(0, 100).flatmap(lambda a: st.tuples(st.just(a), st.fractions(a, 100))),
    decimals,
    decimals,
    modes,
    st.booleans(),
)
def test_ranges_never_fail_an_ordered_range_and_notice_a_reversed_one(
    bounds, d_low, d_high, mode, charitable
):
    low, high = bounds
    rounding = check_mode(mode, charitable)
    e = replace(
        RANGE, value=print_exact(low, d_low, mode), value_high=print_exact(high, d_high, mode)
    )
    assume(Decimal(e.value_high) <= 100)
    assert set(check_ranges(record_set(e), rounding)[C.STATUS]) == {C.OK}
    # Reversed beyond rounding: the low end two units of its precision above the high end's
    # greatest reading.
    top = Fraction(Decimal(e.value_high) + Decimal(1).scaleb(-d_high))
    reversed_low = print_exact(top + Fraction(2, 10**d_low), d_low, mode)
    assume(Decimal(reversed_low) <= 100)
    frame = check_ranges(record_set(replace(e, value=reversed_low)), rounding)
    assert C.FAIL in set(frame[C.STATUS])


# --- A prevalence's CI -----------------------------------------------------------------------


@examples(200)
@given(
    st.integers(30, 5000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
    st.integers(1, 2),
    modes,
    st.booleans(),
    st.one_of(st.none(), st.floats(1.0, 4.0)),
)
def test_proportion_ci_never_fails_a_binomial_or_design_effect_interval(
    kn, d, mode, charitable, design_effect
):
    k, n = kn
    rounding = check_mode(mode, charitable)
    ci = prevalence_ci(k, n)
    p = k / n
    scale = math.sqrt(design_effect or 1.0)
    low = max(0.0, p - scale * (p - ci.low))
    high = min(1.0, p + scale * (ci.high - p))
    e = replace(
        LIFETIME,
        value=percent(k, n, d, mode),
        n=n,
        ci_low=print_exact(Fraction(100 * low), d, mode),
        ci_high=print_exact(Fraction(100 * high), d, mode),
        ci_level="95",
        weighted=design_effect is not None,
    )
    frame = check_proportion_ci(record_set(e), rounding)
    assert status_of(frame, e.estimate_id) != C.FAIL, frame[C.MESSAGE].iloc[0]
    # A CI moved wholly above the estimate (beyond rounding) cannot contain it: fail.
    moved = replace(e, ci_low=shifted(e.value, 2), ci_high=shifted(e.value, 5))
    assume(Decimal(moved.ci_high) <= 100)
    frame = check_proportion_ci(record_set(moved), rounding)
    assert status_of(frame, e.estimate_id) == C.FAIL


# --- Two-group claims, and boundaries through everything ------------------------------------


@examples(120)
@given(counts, counts, st.integers(0, 2), st.integers(1, 2), modes, st.booleans())
# 98% and 12% under 'down' stand for 98-99% and 12-13%: odds ratios up to 726, so a 'far' claim
# built from the risk ratio (490) was still a fitting odds ratio
@example((79, 81), (1, 8), 0, 1, "down", False)
def test_ratio_claims_accept_the_ratio_two_prevalences_imply(kn1, kn2, d, d_ratio, mode, kind):
    (k1, n1), (k2, n2) = kn1, kn2
    women = replace(LIFETIME, value=percent(k1, n1, d, mode), n=n1)
    men = replace(MEN, value=percent(k2, n2, d, mode), n=n2)
    p1, p2 = Fraction(k1, n1), Fraction(k2, n2)
    if kind:  # the odds ratio
        finite = 0 < p1 < 1 and 0 < p2 < 1
        ratio = p1 * (1 - p2) / (p2 * (1 - p1)) if finite else None
    else:  # the risk ratio
        ratio = p1 / p2 if p1 > 0 and p2 > 0 else None
    claimed = print_exact(ratio, d_ratio, mode) if ratio is not None else "2.87"
    assume(Decimal(claimed) > 0)
    claim = replace(CLAIM, value=claimed)
    db = record_set(women, men, claims=[claim])
    frame = check_ratio_claims(db, mode)
    assert len(frame) == 1
    if ratio is not None:
        assert frame[C.STATUS].iloc[0] == C.OK, frame[C.MESSAGE].iloc[0]
    # At least two units of the last digit away from 0% and 100%, so that every reading (a
    # rounding interval is at most one unit wide) is strictly between them.
    bounded = all(2 <= Decimal(e.value).scaleb(d) <= 100 * 10**d - 2 for e in (women, men))
    if ratio is not None and bounded:
        # A claim far beyond every reading of both prevalences, as an odds or a risk ratio, is
        # noticed. (A printed 0% or 100% stands for true values down to 0 or up to 100%, whose
        # odds ratio can be anything.) One unit of the last digit either side covers every
        # rounding reading; the largest odds ratio then bounds the risk ratio too.
        unit = Fraction(1, 10**d)
        high1 = (Fraction(Decimal(women.value)) + unit) / 100
        low2 = (Fraction(Decimal(men.value)) - unit) / 100
        largest = (high1 / (1 - high1)) / (low2 / (1 - low2))
        far = replace(claim, value=print_exact(2 * largest + 100, d_ratio, mode))
        far_frame = check_ratio_claims(record_set(women, men, claims=[far]), mode)
        assert far_frame[C.STATUS].iloc[0] == C.FAIL
    if ratio is None:  # a 0% or 100%: reported in words, never "inf"
        assert "inf" not in frame[C.MESSAGE].iloc[0].replace("infinite", "")


boundary_values = st.sampled_from(["0", "0.0", "100", "100.0", "0.5", "99.5", "46", "41"])


@examples(50)
@given(boundary_values, boundary_values, boundary_values, st.sampled_from(["up_or_down", "up"]))
def test_check_all_and_the_claim_audit_never_raise_at_0_and_100_percent(
    women_value, men_value, narrow_value, rounding
):
    estimates = dict(DB.estimates)
    estimates[LIFETIME.estimate_id] = replace(LIFETIME, value=women_value)
    estimates[MEN.estimate_id] = replace(MEN, value=men_value)
    estimates[FOUR_WEEKS.estimate_id] = replace(FOUR_WEEKS, value=narrow_value)
    db = replace(DB, estimates=MappingProxyType(estimates))
    findings = check_all(db, rounding)
    assert set(findings[C.STATUS]) <= {C.OK, C.WARN, C.FAIL, C.NOT_APPLICABLE}
    messages = " ".join(findings[C.MESSAGE])
    assert " inf " not in messages and "nan" not in messages.replace("nance", "")
    audit_claims(db, rounding=rounding)
