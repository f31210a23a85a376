"""Tests of pctstats' ratios: odds and risk ratios, differences, implied and required values."""

from __future__ import annotations

import inspect
import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.stats.contingency import odds_ratio as scipy_odds_ratio
from statsmodels.stats import proportion as smp
from statsmodels.stats.contingency_tables import Table2x2

from pctstats.stats.ratios import (
    DEFAULT_METHODS,
    DIFFERENCE_METHODS,
    ODDS_RATIO_METHODS,
    RISK_RATIO_METHODS,
    compare_prevalences,
    implied_odds_ratio,
    implied_risk_ratio,
    odds_ratio_ci,
    required_prevalence,
    risk_ratio_ci,
)
from tests.tolerances import assert_close

S1_VS_S3 = (106, 124, 495, 713)  # 46% of 230 (as 106) vs 41% of 1208 (as 495)


@st.composite
def tables(draw, max_n: int = 60, positive: bool = False) -> tuple[int, int, int, int]:
    lo = 1 if positive else 0
    n1 = draw(st.integers(min_value=max(1, 2 * lo), max_value=max_n))
    n2 = draw(st.integers(min_value=max(1, 2 * lo), max_value=max_n))
    a = draw(st.integers(min_value=lo, max_value=n1 - lo))
    c = draw(st.integers(min_value=lo, max_value=n2 - lo))
    return a, n1 - a, c, n2 - c


levels = st.floats(min_value=0.5, max_value=0.99, allow_nan=False)


# --- odds ratio ------------------------------------------------------------------------------


def test_odds_ratio_s1_vs_s3_lifetime_every_method() -> None:
    woolf = odds_ratio_ci(*S1_VS_S3, method="woolf")
    assert woolf.estimate == (106 * 713) / (124 * 495)
    table = Table2x2(np.array([[106, 124], [495, 713]]), shift_zeros=False)
    assert_close(tuple(woolf.ci), table.oddsratio_confint(alpha=0.05, method="normal"), "identity")
    cond = odds_ratio_ci(*S1_VS_S3, method="conditional")
    ref = scipy_odds_ratio([[106, 124], [495, 713]], kind="conditional")
    # scipy solves the same equations (to ~1e-11; pctstats to machine precision)
    assert_close(cond.estimate, ref.statistic, "r_reference")
    assert_close(tuple(cond.ci), tuple(ref.confidence_interval(0.95)), "r_reference")
    midp = odds_ratio_ci(*S1_VS_S3)
    assert midp.method == "midp" and midp.estimator == "median-unbiased estimate"
    # mid-p is less conservative than the exact interval, and all three are close here
    assert cond.ci.low < midp.ci.low and midp.ci.high < cond.ci.high
    assert {r.ci.method for r in (woolf, cond, midp)} == {"woolf", "conditional", "midp"}
    assert woolf.to_frame().loc[0, "note"] == ""


def test_default_odds_ratio_and_risk_ratio_methods_are_not_wald() -> None:
    assert inspect.signature(odds_ratio_ci).parameters["method"].default == "midp"
    assert inspect.signature(risk_ratio_ci).parameters["method"].default == "score"
    assert DEFAULT_METHODS == {
        "odds_ratio": "midp",
        "risk_ratio": "score",
        "difference": "newcombe",
    }
    for vocab, wald in ((ODDS_RATIO_METHODS, "woolf"), (RISK_RATIO_METHODS, "katz")):
        assert "comparison only" in vocab[wald]
    assert "comparison only" in DIFFERENCE_METHODS["wald"]


@pytest.mark.parametrize("method", list(ODDS_RATIO_METHODS))
def test_zero_cell_a_gives_odds_ratio_zero_and_lower_limit_zero(method: str) -> None:
    res = odds_ratio_ci(0, 15, 10, 20, method=method)
    assert res.estimate == 0.0 and res.ci.low == 0.0
    assert "no continuity correction" in res.note
    if method == "woolf":
        assert res.ci.high == math.inf
    else:
        assert 0 < res.ci.high < math.inf


@pytest.mark.parametrize("method", list(ODDS_RATIO_METHODS))
def test_zero_cell_b_gives_infinite_odds_ratio_and_upper_limit(method: str) -> None:
    res = odds_ratio_ci(5, 0, 10, 20, method=method)
    assert res.estimate == math.inf and res.ci.high == math.inf
    if method == "woolf":
        assert res.ci.low == 0.0
    else:
        assert 0 < res.ci.low < math.inf


@pytest.mark.parametrize("method", list(ODDS_RATIO_METHODS))
def test_zero_column_has_no_information(method: str) -> None:
    res = odds_ratio_ci(0, 10, 0, 20, method=method)
    assert math.isnan(res.estimate)
    assert (res.ci.low, res.ci.high) == (0.0, math.inf)
    assert "no information" in res.note


@settings(max_examples=60, deadline=None)
@given(tables(max_n=40), levels)
def test_swapping_groups_inverts_the_odds_ratio(t: tuple[int, int, int, int], level: float):
    a, b, c, d = t
    assume(a + c > 0 and b + d > 0)
    for method in ODDS_RATIO_METHODS:
        res = odds_ratio_ci(a, b, c, d, method=method, level=level)
        swap = odds_ratio_ci(c, d, a, b, method=method, level=level)
        with np.errstate(divide="ignore"):
            inverse = np.float64(1.0) / np.array([swap.estimate, swap.ci.high, swap.ci.low])
        assert_close([res.estimate, res.ci.low, res.ci.high], inverse, "r_reference")


@settings(max_examples=60, deadline=None)
@given(tables(max_n=40), levels, levels)
def test_odds_ratio_intervals_contain_estimate_and_nest(t, l1: float, l2: float) -> None:
    a, b, c, d = t
    assume(a + c > 0 and b + d > 0)
    small, large = sorted((l1, l2))
    for method in ODDS_RATIO_METHODS:
        inner = odds_ratio_ci(a, b, c, d, method=method, level=small)
        outer = odds_ratio_ci(a, b, c, d, method=method, level=large)
        assert inner.ci.low <= inner.estimate <= inner.ci.high
        assert outer.ci.low <= inner.ci.low * (1 + 1e-9)
        assert inner.ci.high <= outer.ci.high * (1 + 1e-9)


def test_midp_limits_solve_the_mid_p_equations() -> None:
    from scipy.stats import nchypergeom_fisher

    a, b, c, d = 12, 5, 6, 12
    res = odds_ratio_ci(a, b, c, d, method="midp", level=0.95)
    total, cases, group1 = a + b + c + d, a + c, a + b

    def tails(psi: float) -> tuple[float, float, float]:
        dist = nchypergeom_fisher(total, cases, group1, psi)
        return dist.cdf(a - 1), dist.pmf(a), dist.sf(a)

    below, at, above = tails(res.ci.low)
    assert_close(above + at / 2, 0.025, "r_reference")
    below, at, above = tails(res.ci.high)
    assert_close(below + at / 2, 0.025, "r_reference")
    below, at, above = tails(res.estimate)
    assert_close(below + at, above + at, "r_reference")


# --- risk ratio ------------------------------------------------------------------------------


def test_risk_ratio_s1_vs_s3_lifetime() -> None:
    katz = risk_ratio_ci(*S1_VS_S3, method="katz")
    assert_close(katz.estimate, (106 / 230) / (495 / 1208), "identity")
    table = Table2x2(np.array([[106, 124], [495, 713]]), shift_zeros=False)
    assert_close(tuple(katz.ci), table.riskratio_confint(alpha=0.05, method="normal"), "identity")
    score = risk_ratio_ci(*S1_VS_S3)
    sm = smp.confint_proportions_2indep(106, 230, 495, 1208, method="score", compare="ratio")
    assert_close(tuple(score.ci), sm, "r_reference")


def test_score_risk_ratio_when_a_group_is_all_cases_statsmodels_closed_form_is_wrong() -> None:
    """statsmodels 0.15's closed-form score interval returns 2.33 as the lower limit for 5/5 vs
    10/30; its own score test there has p = 0.30, not 0.05. pctstats inverts the test."""
    res = risk_ratio_ci(5, 0, 10, 20, method="score")
    for limit in res.ci:
        with np.errstate(divide="ignore", invalid="ignore"):
            p = smp.test_proportions_2indep(
                5, 5, 10, 30, value=limit, method="score", compare="ratio", correction=True
            ).pvalue
        assert_close(p, 0.05, "r_reference")
    assert res.ci.low < 2.0  # R (mn_risk_ratio): 1.4874631


@settings(max_examples=40, deadline=None)
@given(tables(max_n=50), st.sampled_from([0.9, 0.95]))
def test_score_risk_ratio_limits_have_score_test_p_value_one_minus_level(t, level) -> None:
    a, b, c, d = t
    assume(a + c > 0)
    res = risk_ratio_ci(a, b, c, d, method="score", level=level)
    for limit in res.ci:
        if 0 < limit < math.inf:
            with np.errstate(divide="ignore", invalid="ignore"):
                p = smp.test_proportions_2indep(
                    a,
                    a + b,
                    c,
                    c + d,
                    value=limit,
                    method="score",
                    compare="ratio",
                    correction=True,
                ).pvalue
            assert_close(p, 1 - level, "r_reference")
    assert res.ci.low <= (res.estimate if not math.isnan(res.estimate) else 1) <= res.ci.high


def test_risk_ratio_zero_cells() -> None:
    a0 = risk_ratio_ci(0, 15, 10, 20)
    assert a0.estimate == 0.0 and a0.ci.low == 0.0 and a0.ci.high < math.inf
    c0 = risk_ratio_ci(5, 10, 0, 20)
    assert c0.estimate == math.inf and c0.ci.high == math.inf and c0.ci.low > 0
    both = risk_ratio_ci(0, 15, 0, 20, method="katz")
    assert math.isnan(both.estimate) and tuple(both.ci) == (0.0, math.inf)
    assert tuple(risk_ratio_ci(0, 15, 10, 20, method="katz").ci) == (0.0, math.inf)


# --- compare_prevalences ---------------------------------------------------------------------


def test_compare_prevalences_dispatches_on_measure() -> None:
    res = compare_prevalences(106, 230, 495, 1208)
    assert res.measure == "odds_ratio" and res.method == "midp"
    same = odds_ratio_ci(*S1_VS_S3)
    assert (res.estimate, tuple(res.ci)) == (same.estimate, tuple(same.ci))
    rr = compare_prevalences(106, 230, 495, 1208, measure="risk_ratio", method="katz")
    assert tuple(rr.ci) == tuple(risk_ratio_ci(*S1_VS_S3, method="katz").ci)
    diff = compare_prevalences(106, 230, 495, 1208, measure="difference", level=0.9)
    assert diff.method == "newcombe" and diff.level == 0.9
    assert_close(diff.estimate, 106 / 230 - 495 / 1208, "identity")
    assert_close(diff.p1 - diff.p2, diff.estimate, "identity")
    frame = diff.to_frame()
    assert frame.loc[0, "measure"] == "difference" and frame.loc[0, "a"] == 106


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"),
    [
        ({"measure": "ratio"}, ValueError, "measure must be one of"),
        ({"measure": "difference", "method": "score"}, ValueError, "method must be one of"),
        ({"measure": "odds_ratio", "method": "katz"}, ValueError, "method must be one of"),
        ({"k1": 231}, ValueError, "k1 must not exceed n1"),
        ({"n2": 0}, ValueError, "n2 must be a positive count"),
        ({"k2": -1}, ValueError, "k2 must be a non-negative count"),
        ({"k1": [1, 2]}, TypeError, "k1 must be a single count"),
        ({"level": 95}, ValueError, "level must be strictly between 0 and 1"),
    ],
)
def test_compare_prevalences_rejects_bad_arguments(kwargs, error, pattern) -> None:
    args = {"k1": 106, "n1": 230, "k2": 495, "n2": 1208} | kwargs
    with pytest.raises(error, match=pattern):
        compare_prevalences(**args)


@pytest.mark.parametrize(
    ("cells", "error", "pattern"),
    [
        ((-1, 5, 5, 5), ValueError, "a must be a non-negative count"),
        ((1, 2.5, 5, 5), ValueError, "b must be a whole-number count"),
        ((1, 2, float("nan"), 5), ValueError, "c must not contain NaN"),
        ((1, 2, 3, "4"), TypeError, "d must be a number"),
        ((1, 2, 3, [4, 5]), TypeError, "d must be a single count"),
        ((0, 0, 3, 4), ValueError, "a \\+ b must be positive"),
        ((1, 2, 0, 0), ValueError, "c \\+ d must be positive"),
    ],
)
@pytest.mark.parametrize("func", [odds_ratio_ci, risk_ratio_ci])
def test_two_by_two_functions_reject_bad_cells(func, cells, error, pattern) -> None:
    with pytest.raises(error, match=pattern):
        func(*cells)


def test_unknown_ratio_methods_and_levels_are_rejected() -> None:
    with pytest.raises(ValueError, match="method must be one of 'midp'"):
        odds_ratio_ci(*S1_VS_S3, method="fisher")
    with pytest.raises(ValueError, match="method must be one of 'score'"):
        risk_ratio_ci(*S1_VS_S3, method="wald")
    with pytest.raises(ValueError, match="level must not be NaN"):
        odds_ratio_ci(*S1_VS_S3, level=float("nan"))


# --- implied and required values -------------------------------------------------------------


def test_implied_ratios_of_46_and_41_percent() -> None:
    """sources.md: 46% vs 41% is an odds ratio of about 1.23 and a risk ratio of about 1.12."""
    assert round(implied_odds_ratio(0.46, 0.41), 2) == 1.23
    assert round(implied_risk_ratio(0.46, 0.41), 2) == 1.12
    arr = implied_odds_ratio(np.array([0.46, 0.329]), 0.41)
    assert isinstance(arr, np.ndarray) and arr.shape == (2,)
    assert implied_odds_ratio(1.0, 0.41) == math.inf and implied_odds_ratio(0.0, 0.41) == 0.0
    assert math.isnan(implied_risk_ratio(0.0, 0.0))


@pytest.mark.parametrize("func", [implied_odds_ratio, implied_risk_ratio])
def test_implied_ratios_reject_percentages_and_nan(func) -> None:
    with pytest.raises(ValueError, match=r"p1 must be a proportion between 0 and 1.*0.46, not 46"):
        func(46, 0.41)
    with pytest.raises(ValueError, match="p2 must not contain NaN"):
        func(0.46, float("nan"))
    with pytest.raises(ValueError, match="p2 must be a proportion"):
        func(0.46, -0.1)
    with pytest.raises(TypeError, match="p1 must be a number"):
        func("0.46", 0.41)


def test_required_prevalence_for_claim_e_2_87_times_with_men_at_41_percent() -> None:
    rr = required_prevalence(0.41, 2.87, measure="risk_ratio")
    assert_close(rr.value, 2.87 * 0.41, "identity")
    assert rr.value > 1 and rr.possible is False
    odds = required_prevalence(0.41, 2.87)
    assert odds.measure == "odds_ratio" and odds.possible is True
    assert_close(implied_odds_ratio(odds.value, 0.41), 2.87, "identity")


def test_required_prevalence_is_vectorised() -> None:
    res = required_prevalence(
        np.array([0.2, 0.41]), np.array([[1.5], [2.87]]), measure="risk_ratio"
    )
    assert res.value.shape == res.possible.shape == (2, 2)
    assert res.possible.tolist() == [[True, True], [True, False]]
    frame = res.to_frame()
    assert len(frame) == 4 and frame.possible.tolist() == [True, True, True, False]


@settings(max_examples=100, deadline=None)
@given(st.floats(0.001, 0.999), st.floats(0.01, 100))
def test_required_prevalence_round_trips_with_implied_ratios(p: float, ratio: float) -> None:
    odds = required_prevalence(p, ratio, measure="odds_ratio")
    assert 0 <= odds.value <= 1 and odds.possible
    assert_close(implied_odds_ratio(min(odds.value, 1.0), p), ratio, "r_reference")
    risk = required_prevalence(p, ratio, measure="risk_ratio")
    assert risk.possible == (ratio * p <= 1)
    if risk.possible:
        assert_close(implied_risk_ratio(risk.value, p), ratio, "r_reference")


@pytest.mark.parametrize(
    ("args", "error", "pattern"),
    [
        ((0.41, 0), ValueError, "ratio must be a positive finite ratio"),
        ((0.41, -2), ValueError, "ratio must be a positive finite ratio"),
        ((0.41, float("inf")), ValueError, "ratio must be a positive finite ratio"),
        ((0.41, float("nan")), ValueError, "ratio must not contain NaN"),
        ((41, 2.87), ValueError, "p_reference must be a proportion"),
        ((0.41, 2.87, "difference"), ValueError, "measure must be one of"),
        ((0.41, [1, 2, 3], "odds_ratio"), None, None),
        (([0.1, 0.2], [1, 2, 3]), ValueError, "must have shapes that broadcast"),
    ],
)
def test_required_prevalence_rejects_bad_arguments(args, error, pattern) -> None:
    if error is None:
        assert required_prevalence(*args).value.shape == (3,)
        return
    with pytest.raises(error, match=pattern):
        required_prevalence(*args)


@pytest.mark.parametrize(
    ("call", "pattern"),
    [
        (lambda: odds_ratio_ci(True, 1, 2, 3), "a must be numeric, got booleans"),
        (lambda: odds_ratio_ci([1, 2], 1, 2, 3), "a must be a single count"),
        (lambda: odds_ratio_ci(1.5, 1, 2, 3), "a must be a whole-number count"),
        (lambda: odds_ratio_ci(1, float("nan"), 2, 3), "b must not contain NaN"),
        (lambda: implied_odds_ratio([True, 0.2], 0.1), r"p1 must be numeric.*p1\[0\]"),
        (lambda: implied_odds_ratio([], [0.1]), "p1 must not be empty"),
        (lambda: implied_odds_ratio([0.1, 0.2], [0.1, 0.2, 0.3]), "p1 and p2 must have shapes"),
        (lambda: required_prevalence([0.1, float("nan")], 2), "p_reference must not contain NaN"),
    ],
)
def test_bad_arguments_raise_value_errors_that_name_the_argument(call, pattern) -> None:
    with pytest.raises(ValueError, match=pattern):
        call()
