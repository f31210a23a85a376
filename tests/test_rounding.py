"""Tests of pctstats.core.rounding: exact reround / unround under every named mode."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pctstats.core.rounding import (
    DEFAULT_ROUNDING,
    ROUNDING_MODES,
    RoundingInterval,
    check_rounding,
    check_scale,
    component_modes,
    half_unit_bounds,
    reround,
    round_fraction,
    round_quotient,
    rounding_interval,
)

from .reference_printer import ALL_MODES, SINGLE_MODES, print_exact, prints_as


def test_modes_are_the_documented_ones():
    assert tuple(ROUNDING_MODES) == ALL_MODES
    assert DEFAULT_ROUNDING == "up_or_down"
    assert all(isinstance(meaning, str) and meaning for meaning in ROUNDING_MODES.values())
    assert component_modes("up_or_down") == ("up", "down")
    assert component_modes("ceiling") == ("ceiling",)


def test_unknown_mode_lists_valid_names():
    with pytest.raises(ValueError, match="rounding must be one of") as info:
        check_rounding("half_up")
    for name in ROUNDING_MODES:
        assert repr(name) in str(info.value)
    with pytest.raises(ValueError, match="'sideways'"):
        round_fraction(1, 3, mode="sideways")
    with pytest.raises(ValueError, match="one of"):
        rounding_interval("5.1", "ROUND_HALF_UP")
    with pytest.raises(ValueError, match="one of"):
        check_rounding(None)
    with pytest.raises(ValueError, match=r"^mode must be one of"):  # names reround's argument
        reround(1, 2, mode="bogus")


def test_ties_are_decided_exactly():
    # 1/8 = 0.125 is an exact tie at two decimals.
    assert round_fraction(1, 8, decimals=2, mode="up") == "0.13"
    assert round_fraction(1, 8, decimals=2, mode="down") == "0.12"
    assert round_fraction(1, 8, decimals=2, mode="even") == "0.12"
    assert round_fraction(3, 8, decimals=2, mode="even") == "0.38"
    assert reround(1, 8, decimals=2) == ("0.13", "0.12")
    # 29/200 = 0.145 exactly; the float 0.145 is below the tie, so float rounding says 0.14.
    assert f"{29 / 200:.2f}" == "0.14"
    assert round_fraction(29, 200, decimals=2, mode="up") == "0.15"
    assert round_fraction(29, 200, scale=100, decimals=0, mode="up") == "15"
    # 12/233 = 5.1502...%: just above the tie 5.15, decided without floats.
    assert round_fraction(12, 233, scale=100, decimals=1) == "5.2"
    assert round_fraction(12, 233, scale=100, decimals=2, mode="down") == "5.15"
    assert round_fraction(12, 233, scale=100, decimals=2, mode="ceiling") == "5.16"


def test_trailing_zeros_and_small_values_print():
    assert round_fraction(0, 7, scale=100, decimals=2) == "0.00"
    assert round_fraction(1, 2, decimals=3) == "0.500"
    assert round_fraction(7, 7, scale=100, decimals=1) == "100.0"
    assert round_fraction(1, 1000, decimals=2, mode="ceiling") == "0.01"
    assert round_fraction(999, 1000, decimals=2, mode="floor") == "0.99"


def test_round_quotient():
    assert [round_quotient(k, 2, "up") for k in range(6)] == [0, 1, 1, 2, 2, 3]
    assert [round_quotient(k, 2, "down") for k in range(6)] == [0, 0, 1, 1, 2, 2]
    assert [round_quotient(k, 2, "even") for k in range(6)] == [0, 0, 1, 2, 2, 2]
    assert [round_quotient(k, 3, "ceiling") for k in range(4)] == [0, 1, 1, 1]
    assert [round_quotient(k, 3, "trunc") for k in range(4)] == [0, 0, 0, 1]
    with pytest.raises(ValueError, match="reround"):
        round_quotient(1, 2, "up_or_down")


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: round_fraction(-1, 3), ValueError, "k must be an integer >= 0"),
        (lambda: round_fraction(1, 0), ValueError, "n must be an integer >= 1"),
        (lambda: round_fraction(1.0, 3), TypeError, "k must be an integer"),
        (lambda: round_fraction(1, True), TypeError, "n must be an integer"),
        (lambda: round_fraction(1, 3, decimals=-1), ValueError, "decimals"),
        (lambda: round_fraction(1, 3, scale=50), ValueError, "power of ten"),
        (lambda: check_scale(0), ValueError, "scale"),
        (lambda: rounding_interval(5.1), TypeError, "value must be the value as printed"),
        (lambda: rounding_interval("5,1"), ValueError, "value must be a printed"),
        (lambda: rounding_interval("5.1", scale=2), ValueError, "power of ten"),
    ],
)
def test_errors(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_intervals_of_known_values():
    assert rounding_interval("5.1", "up", scale=100) == RoundingInterval(
        Decimal("0.0505"), Decimal("0.0515"), True, False
    )
    assert tuple(rounding_interval("5.1", "down", scale=100)) == (
        Decimal("0.0505"),
        Decimal("0.0515"),
        False,
        True,
    )
    assert tuple(rounding_interval("46")) == (Decimal("45.5"), Decimal("46.5"), True, True)
    assert tuple(rounding_interval("0.52", "even")) == (
        Decimal("0.515"),
        Decimal("0.525"),
        True,
        True,
    )
    assert tuple(rounding_interval("0.53", "even")) == (
        Decimal("0.525"),
        Decimal("0.535"),
        False,
        False,
    )
    assert tuple(rounding_interval("4.5", "trunc")) == (Decimal("4.5"), Decimal("4.6"), True, False)
    assert tuple(rounding_interval("4.5", "ceiling")) == (
        Decimal("4.4"),
        Decimal("4.5"),
        False,
        True,
    )
    # Non-negative true values: "0" starts at 0, inclusive.
    assert tuple(rounding_interval("0.0", "up")) == (Decimal("0"), Decimal("0.05"), True, False)
    assert tuple(rounding_interval("0", "ceiling")) == (Decimal(0), Decimal(0), True, True)
    # scrutiny's unround("0.53") under up / down / up_or_down: 0.525 to 0.535 (test-unround.R).
    for mode in ("up_or_down", "up", "down"):
        low, high, _, _ = rounding_interval("0.53", mode)
        assert (low, high) == (Decimal("0.525"), Decimal("0.535"))


def test_contains_is_exact():
    interval = rounding_interval("5.1", "up", scale=100)
    assert interval.contains(Fraction(101, 2000))  # 0.0505, the inclusive end
    assert not interval.contains(Decimal("0.0515"))
    assert not interval.contains(Fraction(12, 233))
    assert interval.contains(Fraction(12, 234))
    with pytest.raises(TypeError, match="exact number"):
        interval.contains(0.051)


def test_half_unit_bounds_work_on_arrays():
    units = np.array([0, 1, 2, 51, 999], dtype=np.int64)
    for mode in ALL_MODES:
        arrays = [np.broadcast_to(x, units.shape) for x in half_unit_bounds(units, mode)]
        for i, u in enumerate(units.tolist()):
            got = tuple(int(a[i]) for a in arrays)
            assert got == tuple(int(x) for x in half_unit_bounds(u, mode)), (mode, u)


@settings(max_examples=400, deadline=None)
@given(
    n=st.integers(1, 100_000),
    data=st.data(),
    decimals=st.integers(0, 4),
    scale=st.sampled_from([1, 100, 1000]),
    mode=st.sampled_from(SINGLE_MODES),
)
def test_round_fraction_matches_independent_printer(n, data, decimals, scale, mode):
    k = data.draw(st.integers(0, 3 * n))
    expected = print_exact(Fraction(k * scale, n), decimals, mode)
    assert round_fraction(k, n, scale, decimals, mode) == expected


@settings(max_examples=200, deadline=None)
@given(k=st.integers(0, 10_000), n=st.integers(1, 10_000), decimals=st.integers(0, 3))
def test_reround_up_or_down_is_both(k, n, decimals):
    got = reround(k, n, 100, decimals, "up_or_down")
    assert set(got) == prints_as(Fraction(100 * k, n), decimals, "up_or_down")
    assert len(got) == len(set(got))


@settings(max_examples=400, deadline=None)
@given(
    units=st.integers(0, 10**5),
    decimals=st.integers(0, 4),
    scale=st.sampled_from([1, 100]),
    mode=st.sampled_from(ALL_MODES),
)
def test_interval_inverts_rounding(units, decimals, scale, mode):
    """Unround is the inverse of reround, ends and inclusivity included (cf. scrutiny's sweep)."""
    value = format(Decimal(units).scaleb(-decimals), "f")
    low, high, low_inclusive, high_inclusive = rounding_interval(value, mode, scale)
    low, high = Fraction(low), Fraction(high)

    def prints_value(x: Fraction) -> bool:
        return value in prints_as(x * scale, decimals, mode)

    # A nudge far below the width of the interval (one printed unit / scale).
    eps = Fraction(1, 1000 * scale * 10**decimals)
    assert prints_value(low) == low_inclusive
    assert prints_value(high) == high_inclusive
    if low < high:
        assert prints_value(low + eps)
        assert prints_value(high - eps)
    assert not prints_value(high + eps)
    if low - eps >= 0:
        assert not prints_value(low - eps)
    assert low >= 0
