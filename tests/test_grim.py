"""Tests of pctstats' grim_consistency: the GRIM test for percentages, proportions and means."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pctstats.stats.grim_consistency import (
    GRIM_MAP_COLUMNS,
    grim,
    grim_counts,
    grim_denominators,
    grim_map,
    grim_probability,
)

from .reference_printer import ALL_MODES, SINGLE_MODES, print_exact, prints_as


def percent_of(k: int, n: int, decimals: int, mode: str) -> str:
    return print_exact(Fraction(100 * k, n), decimals, mode)


# --- The facts in the issue (published data; the property tests below are the proof) -------------


def test_schweitzer2015_five_point_one_percent_of_230_is_impossible():
    # 11/230 = 4.78%, 12/230 = 5.22%
    assert grim("5.1", 230) is False
    assert list(grim_counts("5.1", 230)) == []
    for mode in ALL_MODES:
        assert not grim("5.1", 230, rounding=mode)


def test_schweitzer2015_46_percent_of_230():
    assert grim("46", 230) is True
    assert list(grim_counts("46", 230)) == [105, 106]  # 45.65% and 46.09%


def test_denominators_for_46_2_and_5_1():
    assert grim_denominators(["46.2", "5.1"], range(200, 241)) == [234, 236]


def test_burri_hilpert2020_percentages_fit_298_not_299():
    values = ["91.9", "73.5", "41.9", "46.6", "33.9"]
    assert not any(grim(value, 299) for value in values)
    assert all(grim(value, 298) for value in values)
    assert grim(values, 299).tolist() == [False] * 5
    assert grim(values, 298).tolist() == [True] * 5
    assert grim_denominators(values, [298, 299]) == [298]


# --- Reference cases from scrutiny (R), as read in its repository lhdjung/scrutiny ----------------


def test_scrutiny_readme_pigs1_means():
    # README.md, `grim_map(pigs1)`: means with two decimals, default rounding "up_or_down";
    # the `ratio` column printed there equals the probability (1 - n / 100) as all are positive.
    pigs1 = [
        ("7.22", 32, True, 0.68),
        ("4.74", 25, False, 0.75),
        ("5.23", 29, False, 0.71),
        ("2.57", 24, False, 0.76),
        ("6.77", 27, False, 0.73),
        ("2.68", 28, True, 0.72),
        ("7.01", 29, False, 0.71),
        ("7.38", 26, True, 0.74),
        ("3.14", 27, False, 0.73),
        ("6.89", 31, False, 0.69),
        ("5.00", 25, True, 0.75),
        ("0.24", 28, False, 0.72),
    ]
    table = pd.DataFrame({"x": [row[0] for row in pigs1], "n": [row[1] for row in pigs1]})
    out = grim_map(table, "x", percent=False)
    assert out["consistency"].tolist() == [row[2] for row in pigs1]
    assert out["probability"].tolist() == pytest.approx([row[3] for row in pigs1])


def test_scrutiny_readme_pigs2_percentages():
    # README.md, `grim_map(pigs2, percent = TRUE)`: n = 150, ratio 0.85 (= 1 - 150 / 1000).
    values = ["67.4", "54.2", "54.0", "69.8", "68.1", "55.4"]
    out = grim_map(pd.DataFrame({"value": values, "n": 150}))
    assert out["consistency"].tolist() == [False, False, True, False, False, False]
    assert out["probability"].tolist() == pytest.approx([0.85] * 6)


def test_scrutiny_test_grim_vectors():
    # tests/testthat/test-grim.R: seq_endpoint(5.19, 5.3) against n = 28 ("5.20" keeps its zero).
    vec1 = [f"5.{i}" for i in range(19, 30)] + ["5.30"]
    assert [grim(x, 28, percent=False) for x in vec1] == [
        False, False, True, False, False, False, True, False, False, False, True, False,
    ]  # fmt: skip
    # seq_endpoint(0.150, 0.159), n = 120, items = 3
    vec2 = [f"0.15{i}" for i in range(10)]
    assert [grim(x, 120, percent=False, items=3) for x in vec2] == [
        True, False, False, True, False, False, True, False, True, False,
    ]  # fmt: skip
    # seq_endpoint(0.80, 0.89), n = 28, items = 2
    vec3 = [f"0.8{i}" for i in range(10)]
    assert [grim(x, 28, percent=False, items=2) for x in vec3] == [
        True, False, True, False, True, False, True, True, True, True,
    ]  # fmt: skip
    # seq_endpoint(6, 16), n = 50, percent = TRUE: whole percentages of 50 people step by 2%,
    # so the even ones pass and the odd ones fail.
    assert [grim(str(x), 50) for x in range(6, 17)] == [x % 2 == 0 for x in range(6, 17)]
    # (test-grim.R's seq_endpoint(519, 530) as percentages of 28 is left out: pctstats refuses a
    # percentage above 100.)
    # Derived here, not read in scrutiny: the same holds for every whole percentage of 50 people.
    assert all(grim(str(x), 50) == (x % 2 == 0) for x in range(101))


def test_scrutiny_grim_examples():
    # R/grim.R @examples: "A mean of 5.19 is not consistent with a sample size of 28 ... However,
    # it is consistent with a sample size of 32".
    assert grim("5.19", 28, percent=False) is False
    assert grim("5.19", 32, percent=False) is True


def test_scrutiny_grim_probability():
    # tests/testthat/test-grim-stats.R: grim_probability(5.19, n = 28, digits_x = 2) is 0.72,
    # n = 200 gives 0; percentages 87.50 with n = 45:55 give 0.9955 down to 0.9945.
    assert grim_probability("5.19", 28, percent=False) == pytest.approx(0.72)
    assert grim_probability("5.19", 200, percent=False) == 0
    assert [grim_probability("87.50", n) for n in range(45, 56)] == pytest.approx(
        [(10_000 - n) / 10_000 for n in range(45, 56)]
    )
    assert grim_probability("87.50", 45) == pytest.approx(0.9955)
    assert grim_probability("5.30", 90, percent=False, items=1) == pytest.approx(0.1)
    assert grim_probability("5.1", 230) == pytest.approx(0.77)  # D = 3: 1 - 230/1000


# --- Exactness at rounding boundaries -------------------------------------------------------------


def test_ties_follow_the_mode():
    # 1/8 = 12.5% exactly: "13" under half up, "12" under half down and half even.
    assert grim("13", 8, rounding="up") and not grim("13", 8, rounding="down")
    assert grim("12", 8, rounding="down") and not grim("12", 8, rounding="up")
    assert grim("12", 8, rounding="even") and not grim("13", 8, rounding="even")
    assert grim("12", 8) and grim("13", 8)
    # 29/200 = 0.145 exactly (the float is below it): half up prints 0.15.
    assert 29 in grim_counts("0.15", 200, percent=False, rounding="up")
    assert 29 not in grim_counts("0.15", 200, percent=False, rounding="down")
    # 12/233 = 5.1502...%: prints 5.15 except under ceiling.
    assert list(grim_counts("5.15", 233, rounding="down")) == [12]
    assert list(grim_counts("5.16", 233, rounding="ceiling")) == [12]


def test_edges_of_the_range():
    assert list(grim_counts("0", 300)) == [0, 1]  # 1/300 = 0.33%
    assert list(grim_counts("0", 300, rounding="ceiling")) == [0]
    assert list(grim_counts("100", 300)) == [299, 300]  # never 301 of 300 people
    assert list(grim_counts("100.0", 3)) == [3]
    assert list(grim_counts("1.00", 300, percent=False)) == [299, 300, 301]  # a mean, not capped
    assert list(grim_counts("46", 230, items=2)) == [210, 211, 212, 213]  # 45.5% to 46.5% of 460
    # grim() never lists the counts, so a huge n costs nothing.
    assert grim("5.1", 10**15) and grim("0.5", 10**15, percent=False, rounding="even")


# --- Properties: every printed percentage passes, and the counts are exactly the right ones ------


@settings(max_examples=500, deadline=None)
@given(
    n=st.integers(1, 5000),
    data=st.data(),
    decimals=st.integers(0, 3),
    mode=st.sampled_from(SINGLE_MODES),
)
def test_printed_percentages_pass(n, data, decimals, mode):
    k = data.draw(st.integers(0, n))
    value = percent_of(k, n, decimals, mode)
    assert grim(value, n, rounding=mode)
    assert k in grim_counts(value, n, rounding=mode)
    if mode in ("up", "down"):
        assert k in grim_counts(value, n)  # the default accepts either
    assert grim([value], [n], rounding=mode).tolist() == [True]


@settings(max_examples=300, deadline=None)
@given(
    n=st.integers(1, 400),
    decimals=st.integers(0, 3),
    mode=st.sampled_from(ALL_MODES),
    data=st.data(),
)
def test_counts_are_exactly_the_brute_force_ones(n, decimals, mode, data):
    units = data.draw(st.integers(0, 100 * 10**decimals))
    value = format(Decimal(units).scaleb(-decimals), "f")
    expected = [k for k in range(n + 1) if value in prints_as(Fraction(100 * k, n), decimals, mode)]
    assert list(grim_counts(value, n, rounding=mode)) == expected
    assert grim(value, n, rounding=mode) == bool(expected)


@settings(max_examples=200, deadline=None)
@given(
    n=st.integers(1, 60),
    items=st.integers(1, 3),
    decimals=st.integers(0, 3),
    mode=st.sampled_from(ALL_MODES),
    data=st.data(),
)
def test_mean_counts_are_exactly_the_brute_force_ones(n, items, decimals, mode, data):
    units = data.draw(st.integers(0, 10 * 10**decimals))  # means from 0 to 10
    value = format(Decimal(units).scaleb(-decimals), "f")
    total = n * items
    expected = [
        k for k in range(11 * total + 2) if value in prints_as(Fraction(k, total), decimals, mode)
    ]
    assert list(grim_counts(value, n, percent=False, rounding=mode, items=items)) == expected


pairs = st.lists(
    st.tuples(
        st.integers(0, 3).flatmap(
            lambda d: st.integers(0, 100 * 10**d).map(lambda u: format(Decimal(u).scaleb(-d), "f"))
        ),
        st.integers(1, 3000),
    ),
    min_size=1,
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(pairs=pairs, mode=st.sampled_from(ALL_MODES), items=st.integers(1, 2))
def test_vectorised_agrees_with_scalar(pairs, mode, items):
    values = [value for value, _ in pairs]
    ns = np.array([n for _, n in pairs])
    for percent in (True, False):
        expected = [grim(v, n, percent=percent, rounding=mode, items=items) for v, n in pairs]
        got = grim(values, ns, percent=percent, rounding=mode, items=items)
        assert got.dtype == np.bool_
        assert got.tolist() == expected


def test_vectorised_handles_huge_numbers_exactly():
    # Too big for int64 arithmetic: the arrays fall back to Python integers.
    value = "12345678901234567890.123456789"
    n = 10**12 + 39
    assert grim([value, "5.1"], [n, 230], percent=False).tolist() == [
        grim(value, n, percent=False),
        grim("5.1", 230, percent=False),
    ]
    big_n = np.array([2**61, 230], dtype=np.int64)
    assert grim(["46.00000000000000001", "46"], big_n).tolist() == [
        grim("46.00000000000000001", 2**61),
        True,
    ]


def test_vectorised_broadcasts_and_keeps_shape():
    values = np.array([["46", "5.1"], ["46.2", "5.10"]])
    got = grim(values, 230)
    assert got.shape == (2, 2)
    assert got.tolist() == [[True, False], [False, False]]
    assert grim(pd.Series(["46", "5.1"], dtype="string"), 230).tolist() == [True, False]
    assert grim([], np.array([], dtype=np.int64)).shape == (0,)


# --- grim_map -------------------------------------------------------------------------------------


def test_grim_map_adds_columns_to_a_copy():
    table = pd.DataFrame(
        {"value": ["46", "5.1", "46.2"], "n": [230, 230, 234], "source": ["a", "b", "c"]},
        index=[10, 20, 30],
    )
    before = table.copy()
    out = grim_map(table, rounding="up")
    pd.testing.assert_frame_equal(table, before)
    assert list(out.columns) == ["value", "n", "source", *GRIM_MAP_COLUMNS]
    assert list(out.index) == [10, 20, 30]
    assert out["consistency"].tolist() == [True, False, True]
    assert out["consistency"].dtype == bool
    up = grim_counts("46.2", 234, rounding="up")
    assert out["k_min"].tolist() == [105, pd.NA, up[0]]
    assert out["k_max"].tolist() == [106, pd.NA, up[-1]]
    assert str(out["k_min"].dtype) == "Int64"
    assert out["probability"].tolist() == pytest.approx([0.0, 0.77, 0.766])
    assert out["uninformative"].tolist() == [True, False, False]
    assert out["rounding"].tolist() == ["up"] * 3


def test_grim_map_other_columns_and_dtypes():
    table = pd.DataFrame({"pct": ["46", "5.1"], "size": pd.array([230, 230], dtype="Int64")})
    out = grim_map(table, value="pct", n="size")
    assert out["consistency"].tolist() == [True, False]
    assert grim_map(table.iloc[:0], value="pct", n="size").shape == (0, 8)
    objects = pd.DataFrame({"value": ["46"], "n": pd.Series([230], dtype=object)})
    assert grim_map(objects)["consistency"].tolist() == [True]


def test_grim_map_errors():
    table = pd.DataFrame({"value": ["46"], "n": [230]})
    with pytest.raises(TypeError, match="DataFrame"):
        grim_map([("46", 230)])
    with pytest.raises(ValueError, match="no column 'pct'"):
        grim_map(table, value="pct")
    with pytest.raises(ValueError, match="already has the output"):
        grim_map(grim_map(table))
    with pytest.raises(TypeError, match="must hold integers"):
        grim_map(pd.DataFrame({"value": ["46"], "n": [230.0]}))
    with pytest.raises(TypeError, match=r"df\['value'\]"):
        grim_map(pd.DataFrame({"value": [46.0], "n": [230]}))
    with pytest.raises(ValueError, match=r"got 0 at df\['n'\]\[1\]"):
        grim_map(pd.DataFrame({"value": ["46", "5"], "n": [230, 0]}))
    with pytest.raises(TypeError, match=r"df\['n'\] must hold integers, got Int64"):
        grim_map(pd.DataFrame({"value": ["46", "5"], "n": pd.array([230, None], dtype="Int64")}))
    with pytest.raises(ValueError, match="rounding must be one of"):
        grim_map(table, rounding="bankers")


# --- Errors ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: grim(5.1, 230), TypeError, "values must be the value as printed"),
        (lambda: grim("5,1", 230), ValueError, "values must be a printed"),
        (lambda: grim("-5.1", 230), ValueError, "values must be a printed"),
        (lambda: grim("5.1", 0), ValueError, "ns must be a positive integer"),
        (lambda: grim("5.1", -3), ValueError, "ns must be a positive integer"),
        (lambda: grim("5.1", 2.5), TypeError, "ns must be a positive integer"),
        (lambda: grim("5.1", 230.0), TypeError, "ns must be a positive integer"),
        (lambda: grim("5.1", True), TypeError, "ns must be a positive integer"),
        (lambda: grim("5.1", 230, items=0), ValueError, "items"),
        (lambda: grim("5.1", 230, rounding="half_up"), ValueError, "'up_or_down', 'up'"),
        (lambda: grim("100.1", 230), ValueError, "percentage above 100"),
        (lambda: grim_counts("101", 230), ValueError, "percentage above 100"),
        (lambda: grim_denominators("46.2", [230]), TypeError, "not one string"),
        (lambda: grim_denominators([], [230]), ValueError, "values is empty"),
        (lambda: grim_denominators(["46", 5.1], [230]), TypeError, r"values\[1\]"),
        (lambda: grim_denominators(["46"], [230, 0]), ValueError, r"ns\[1\]"),
        (lambda: grim(["46", "5,1"], 230), ValueError, r"values\[1\]"),
        (lambda: grim(["46", None], 230), TypeError, r"values\[1\]"),
        (lambda: grim(["46"], [2.5]), TypeError, r"ns\[0\] must be a positive integer"),
        (lambda: grim(["46"], [True]), TypeError, "ns must hold integers"),
        (lambda: grim(["46", "5"], [230, 0]), ValueError, r"ns\[1\]"),
        (lambda: grim(["46"], 230, rounding="nearest"), ValueError, "one of"),
        (lambda: grim(["46", "46"], [1, 2, 3]), ValueError, "values and ns must have shapes"),
        (lambda: grim_counts("46", 0), ValueError, "n must be a positive integer"),
    ],
)
def test_errors(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_numpy_integers_are_accepted():
    assert grim("46", np.int64(230)) is True
    assert grim_denominators(["46.2", "5.1"], np.arange(200, 241)) == [234, 236]
    assert all(type(n) is int for n in grim_denominators(["46"], np.arange(200, 241)))


# --- Counts as ranges, Python integers end to end, one function for one value and many ----------


def test_counts_are_an_inclusive_range_at_any_n():
    counts = grim_counts("41", 10**9)
    assert isinstance(counts, range)
    assert (counts[0], counts[-1], len(counts)) == (405_000_000, 415_000_000, 10_000_001)
    assert 410_000_000 in counts and 415_000_001 not in counts
    assert grim_counts("5.1", 230) == range(0)  # empty
    huge = grim_counts("41", 10**30)  # exact far beyond int64
    assert huge[0] == 405 * 10**27 and huge[-1] == 415 * 10**27


def test_grim_map_large_ns_keeps_exact_python_ints():
    ns = pd.Series([10**20, 230], dtype=object)
    out = grim_map(pd.DataFrame({"value": ["41", "5.1"], "n": ns}))
    assert out["k_min"].tolist() == [405 * 10**17, None]
    assert out["k_max"].tolist() == [415 * 10**17, None]
    assert out["consistency"].tolist() == [True, False]
    assert out["uninformative"].tolist() == [True, False]


def test_counts_at_or_above_two_to_the_63_are_never_wrapped():
    # 5.1% of 2**63 + 1 is 470383203986155049.99...: the count 470383203986155050 prints as 5.1.
    n = 2**63 + 1
    k = (51 * n + 500) // 1000
    assert print_exact(Fraction(100 * k, n), 1, "up") == "5.1"
    assert grim("5.1", n) is True
    assert grim(["5.1"], [n]).tolist() == [True]
    assert grim(["5.1"], np.array([n], dtype=np.uint64)).tolist() == [True]
    assert grim(["5.1", "46"], [n, 230]).tolist() == [True, True]
    assert k in grim_counts("5.1", n)


def test_one_function_for_scalars_arrays_and_series():
    assert grim("46", 230) is True
    assert grim(np.str_("46"), np.int64(230)) is True
    got = grim(pd.Series(["46", "5.1"]), pd.Series([230, 230]))
    assert isinstance(got, np.ndarray) and got.tolist() == [True, False]
    assert grim(["46"], 230).shape == (1,)
