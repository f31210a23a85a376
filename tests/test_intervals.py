"""Tests of pctstats' intervals: prevalence_ci, ci_table, reported_ci and the Interval result."""

from __future__ import annotations

import inspect
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pctstats.stats.intervals import (
    DEFAULT_METHOD,
    PREVALENCE_METHODS,
    ci_table,
    prevalence_ci,
    reported_ci,
)
from pctstats.stats.results import Interval
from tests.tolerances import assert_close

METHODS = list(PREVALENCE_METHODS)


@st.composite
def counts(draw, max_n: int = 2000) -> tuple[int, int]:
    n = draw(st.integers(min_value=1, max_value=max_n))
    k = draw(st.integers(min_value=0, max_value=n))
    return k, n


levels = st.floats(min_value=0.5, max_value=0.999, allow_nan=False)


# --- the result object -----------------------------------------------------------------------


def test_prevalence_ci_unpacks_and_says_method_and_level() -> None:
    ci = prevalence_ci(106, 230)
    low, high = ci
    assert (low, high) == (ci.low, ci.high) == (ci[0], ci[1])
    assert len(ci) == 2
    assert isinstance(low, float) and isinstance(high, float)
    assert ci.method == "wilson" and ci.level == 0.95
    assert ci.contains(106 / 230) and not ci.contains(0.6)
    assert ci.as_percent() == (100 * low, 100 * high)
    assert ci.width == high - low


def test_default_is_wilson_never_wald() -> None:
    for func in (prevalence_ci, reported_ci):
        assert inspect.signature(func).parameters["method"].default == "wilson"
    assert DEFAULT_METHOD == "wilson"
    assert "comparison only" in PREVALENCE_METHODS["wald"]


def test_prevalence_ci_vectorised_aligned_with_inputs() -> None:
    k = np.array([[0, 12], [106, 230]])
    ci = prevalence_ci(k, 230, method="clopper_pearson")
    assert ci.low.shape == ci.high.shape == (2, 2)
    for i in range(2):
        for j in range(2):
            one = prevalence_ci(int(k[i, j]), 230, method="clopper_pearson")
            assert (ci.low[i, j], ci.high[i, j]) == (one.low, one.high)
    frame = ci.to_frame()
    assert list(frame.columns) == ["low", "high", "method", "level"]
    assert len(frame) == 4


def test_prevalence_ci_accepts_integral_floats_and_pandas() -> None:
    a = prevalence_ci(pd.Series([106.0, 73.0]), pd.Series([230, 222]))
    b = prevalence_ci([106, 73], [230, 222])
    assert np.array_equal(a.low, b.low)


def test_clopper_pearson_is_exact_at_the_boundaries() -> None:
    assert prevalence_ci(0, 10, "clopper_pearson").low == 0.0
    assert prevalence_ci(10, 10, "clopper_pearson").high == 1.0
    # upper limit at k = 0 solves (1 - p)^n = alpha / 2
    assert_close(prevalence_ci(0, 10, "clopper_pearson").high, 1 - 0.025 ** (1 / 10), "identity")


def test_jeffreys_boundary_adjustment_of_brown_cai_dasgupta() -> None:
    ci = prevalence_ci([0, 10], 10, method="jeffreys")
    assert ci.low[0] == 0.0 and ci.high[1] == 1.0
    assert 0 < ci.high[0] < 1 and 0 < ci.low[1] < 1


# --- ci_table --------------------------------------------------------------------------------


def test_ci_table_one_row_per_method_in_order() -> None:
    table = ci_table(106, 230)
    assert table.method.tolist() == METHODS
    assert set(table.columns) >= {"k", "n", "estimate", "method", "level", "low", "high", "note"}
    assert (table.level == 0.95).all()
    for row in table.itertuples():
        ci = prevalence_ci(106, 230, method=row.method)
        assert (row.low, row.high) == (ci.low, ci.high)
    assert "comparison only" in table.set_index("method").note["wald"]


def test_ci_table_for_several_counts_is_long_and_ordered() -> None:
    table = ci_table([106, 73], [230, 222], level=0.9, methods=("wilson", "jeffreys"))
    assert table[["k", "method"]].values.tolist() == [
        [106, "wilson"],
        [106, "jeffreys"],
        [73, "wilson"],
        [73, "jeffreys"],
    ]


def test_ci_table_accepts_one_method_name() -> None:
    assert ci_table(106, 230, methods="jeffreys").method.tolist() == ["jeffreys"]


def test_ci_table_rejects_unknown_or_empty_methods() -> None:
    with pytest.raises(ValueError, match="methods must be one of"):
        ci_table(1, 2, methods=("wilson", "exact"))
    with pytest.raises(ValueError, match="methods must name at least one"):
        ci_table(1, 2, methods=())


# --- properties ------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(counts(), levels)
def test_exact_interval_contains_the_estimate(kn: tuple[int, int], level: float) -> None:
    k, n = kn
    for method in ("clopper_pearson", "wilson", "jeffreys"):
        ci = prevalence_ci(k, n, method=method, level=level)
        assert ci.low <= k / n <= ci.high, method
        assert 0.0 <= ci.low <= ci.high <= 1.0


@settings(max_examples=150, deadline=None)
@given(counts(), levels, levels)
def test_intervals_nest_as_level_grows(kn: tuple[int, int], l1: float, l2: float) -> None:
    k, n = kn
    small, large = sorted((l1, l2))
    for method in METHODS:
        inner = prevalence_ci(k, n, method=method, level=small)
        outer = prevalence_ci(k, n, method=method, level=large)
        assert outer.low <= inner.low + 1e-12, method
        assert inner.high <= outer.high + 1e-12, method


@settings(max_examples=150, deadline=None)
@given(counts(), levels)
def test_symmetry_k_and_n_minus_k_mirror_the_interval(kn: tuple[int, int], level: float) -> None:
    k, n = kn
    for method in METHODS:
        ci = prevalence_ci(k, n, method=method, level=level)
        mirror = prevalence_ci(n - k, n, method=method, level=level)
        assert_close(ci.low, 1.0 - mirror.high, "identity")
        assert_close(ci.high, 1.0 - mirror.low, "identity")


# --- reported_ci -----------------------------------------------------------------------------


def test_reported_ci_s1_lifetime_46pct_of_230_envelopes_105_and_106() -> None:
    res = reported_ci("46", 230)
    assert res.consistent and res.counts == range(105, 107)
    ci105, ci106 = prevalence_ci(105, 230), prevalence_ci(106, 230)
    assert (res.ci.low, res.ci.high) == (ci105.low, ci106.high)
    assert res.lows == (ci105.low, ci106.low) and res.highs == (ci105.high, ci106.high)
    assert res.ci.method == res.method == "wilson" and res.level == 0.95
    assert res.rounding == "up_or_down"
    assert "105 or 106" in res.message
    assert res.proportion == 0.46
    frame = res.to_frame()
    assert frame.loc[0, "k_min"] == 105 and frame.loc[0, "k_max"] == 106
    assert len(res.per_count_frame()) == 2


def test_reported_ci_s1_4weeks_5_1pct_of_230_is_inconsistent_and_says_so() -> None:
    res = reported_ci("5.1", 230)
    assert res.consistent is False
    assert len(res.counts) == 0 and res.lows == ()
    assert math.isnan(res.ci.low) and math.isnan(res.ci.high)
    assert "No count" in res.message and "11/230" in res.message and "12/230" in res.message
    frame = res.to_frame()
    assert not frame.loc[0, "consistent"] and frame.loc[0, "n_counts"] == 0
    assert pd.isna(frame.loc[0, "k_min"])
    assert res.per_count_frame().empty


def test_reported_ci_s2_and_s3_lifetime() -> None:
    s2 = reported_ci("32.9", 222, method="clopper_pearson", level=0.9)
    assert s2.counts == range(73, 74)
    assert (s2.ci.low, s2.ci.high) == tuple(prevalence_ci(73, 222, "clopper_pearson", 0.9))
    s3 = reported_ci("41", 1208)
    assert s3.counts == range(490, 502)
    assert s3.ci.low == prevalence_ci(490, 1208).low
    assert s3.ci.high == prevalence_ci(501, 1208).high
    assert "490 to 501" in s3.message


def test_reported_ci_passes_rounding_to_grim() -> None:
    # "1"% of 200: k = 1 is 0.5% and k = 3 is 1.5%, ties that the rounding mode decides
    assert list(reported_ci("1", 200).counts) == [1, 2, 3]
    assert list(reported_ci("1", 200, rounding="up").counts) == [1, 2]
    res = reported_ci("1", 200, rounding="even")
    assert list(res.counts) == [2] and res.rounding == "even" and "'even'" in res.message
    with pytest.raises(ValueError, match="rounding"):
        reported_ci("46", 230, rounding="banker")


@settings(max_examples=60, deadline=None)
@given(counts(max_n=500), st.sampled_from(METHODS))
def test_reported_ci_envelope_covers_the_true_count(kn: tuple[int, int], method: str) -> None:
    k, n = kn
    value = f"{100 * k / n:.1f}"
    res = reported_ci(value, n, method=method)
    ci = prevalence_ci(k, n, method=method)
    if res.consistent and k in res.counts:
        assert res.ci.low <= ci.low and ci.high <= res.ci.high


@settings(max_examples=80, deadline=None)
@given(
    st.integers(1, 400).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
    st.sampled_from(METHODS),
    st.sampled_from([0.5, 0.9, 0.95, 0.999]),
    st.integers(0, 2),
)
def test_reported_ci_envelope_of_two_extremes_is_that_of_every_count(
    kn: tuple[int, int], method: str, level: float, decimals: int
) -> None:
    # The envelope is computed from the least and the greatest count only; enumeration of every
    # consistent count gives the same limits (every method's limits are monotone in k).
    k, n = kn
    value = f"{100 * k / n:.{decimals}f}"
    res = reported_ci(value, n, method=method, level=level)
    if not res.consistent:
        return
    every = prevalence_ci(list(res.counts), n, method=method, level=level)
    assert res.ci.low == every.low.min() and res.ci.high == every.high.max()


def test_reported_ci_at_a_billion_uses_two_counts() -> None:
    res = reported_ci("41", 10**9)
    assert (res.counts[0], res.counts[-1]) == (405_000_000, 415_000_000)
    assert len(res.counts) == 10_000_001
    assert res.ci.low == prevalence_ci(405_000_000, 10**9).low
    assert res.ci.high == prevalence_ci(415_000_000, 10**9).high
    assert "405000000 to 415000000" in res.message


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("k", "n", "error", "pattern"),
    [
        (231, 230, ValueError, r"k must not exceed n \(got k=231, n=230\)"),
        (1, 0, ValueError, "n must be a positive count"),
        (1, -5, ValueError, "n must be a non-negative count"),
        (-1, 230, ValueError, "k must be a non-negative count"),
        (5.5, 230, ValueError, "k must be a whole-number count"),
        (5, 230.5, ValueError, "n must be a whole-number count"),
        (float("nan"), 230, ValueError, "k must not contain NaN"),
        (5, float("nan"), ValueError, "n must not contain NaN"),
        (float("inf"), 230, ValueError, "k must be finite"),
        ("106", 230, TypeError, "k must be a number"),
        (106, "230", TypeError, "n must be a number"),
        (True, 230, TypeError, "k must be numeric"),
        (None, 230, TypeError, "k must be numeric"),
        ([], 230, ValueError, "k must not be empty"),
        ([1, 2, 3], [10, 20], ValueError, "k and n must have shapes that broadcast"),
        ([1, 300], 230, ValueError, r"k must not exceed n \(got k=300, n=230\)"),
    ],
)
def test_prevalence_ci_rejects_bad_counts(k, n, error, pattern) -> None:
    with pytest.raises(error, match=pattern):
        prevalence_ci(k, n)


@pytest.mark.parametrize(
    ("level", "error", "pattern"),
    [
        (0, ValueError, "level must be strictly between 0 and 1"),
        (1, ValueError, "level must be strictly between 0 and 1"),
        (95, ValueError, r"level must be strictly between 0 and 1 \(e.g. 0.95"),
        (-0.5, ValueError, "level must be strictly between 0 and 1"),
        (float("nan"), ValueError, "level must not be NaN"),
        ("0.95", TypeError, "level must be a number"),
        (True, TypeError, "level must be a number"),
        (None, TypeError, "level must be a number"),
    ],
)
def test_prevalence_ci_rejects_bad_levels(level, error, pattern) -> None:
    with pytest.raises(error, match=pattern):
        prevalence_ci(106, 230, level=level)


@pytest.mark.parametrize(
    ("method", "error"),
    [("Wilson", ValueError), ("exact", ValueError), ("normal", ValueError), (None, TypeError)],
)
def test_prevalence_ci_rejects_unknown_methods(method, error) -> None:
    with pytest.raises(error, match="method must be"):
        prevalence_ci(106, 230, method=method)


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"),
    [
        ({"value": 46.0, "n": 230}, TypeError, "value must be the value as printed"),
        ({"value": "46%", "n": 230}, ValueError, "value must be a printed"),
        ({"value": "46", "n": 0}, ValueError, "n must be a positive count"),
        ({"value": "46", "n": [230, 231]}, TypeError, "n must be a single sample size"),
        ({"value": "46", "n": 230, "method": "wald_"}, ValueError, "method must be one of"),
        ({"value": "46", "n": 230, "level": 1.5}, ValueError, "level must be strictly"),
    ],
)
def test_reported_ci_rejects_bad_arguments(kwargs, error, pattern) -> None:
    with pytest.raises(error, match=pattern):
        reported_ci(**kwargs)


def test_interval_is_frozen() -> None:
    ci = Interval(0.1, 0.2, method="wilson", level=0.95)
    with pytest.raises(AttributeError):
        ci.low = 0.0  # type: ignore[misc]
