"""A reported ratio against its CI: inside it and centred on the log scale, under rounding."""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, localcontext
from types import MappingProxyType

from hypothesis import given, settings
from hypothesis import strategies as st

from pctstats import load
from pctstats.checks import columns as C
from pctstats.checks.ratio_ci import METAFOR_TOLERANCE, centred, check_ratio_ci, inside
from pctstats.data.dataset import Dataset

DB = load()
S4_NOT_CENTRED = (
    "burri_spector2011-or-recent-abuse",  # 1.3 (1.02-1.34)
    "burri_spector2011-or-persistent-satisfaction",  # 2.53 (2.17-2.81)
    "burri_spector2011-or-persistent-abuse",  # 1.16 (1.09-1.26)
)


def with_estimates(*estimates) -> Dataset:
    table = dict(DB.estimates)
    table.update({e.estimate_id: e for e in estimates})
    return replace(DB, estimates=MappingProxyType(table))


def test_s4_three_ratios_are_not_centred_even_allowing_for_rounding():
    df = check_ratio_ci().set_index(C.RECORD_ID)
    for record_id in S4_NOT_CENTRED:
        assert not df.loc[record_id, C.CENTRED], record_id
        assert df.loc[record_id, C.INSIDE]
        assert df.loc[record_id, C.STATUS] in (C.WARN, C.FAIL)
        assert "not centred" in df.loc[record_id, C.MESSAGE]
    # 1.3 (1.02-1.34) is far off centre, beyond metafor's tolerance: fail.
    assert df.loc["burri_spector2011-or-recent-abuse", C.STATUS] == C.FAIL
    assert df.loc["burri_spector2011-or-recent-abuse", C.CENTRE_OFFSET] > METAFOR_TOLERANCE


def test_s4_4_5_and_s6_six_ratios_are_centred():
    df = check_ratio_ci().set_index(C.RECORD_ID)
    assert df.loc["burri_spector2011-or-recent-satisfaction", C.CENTRED]
    s6 = df[df[C.SOURCE_ID] == "mitchell2017"]
    assert len(s6) == 6
    assert s6[C.CENTRED].all() and set(s6[C.STATUS]) == {C.OK}


def test_scalar_helpers():
    assert centred("4.5", "4.13", "4.87") and not centred("2.53", "2.17", "2.81")
    assert not centred("1.16", "1.09", "1.26") and centred("2.17", "1.68", "2.80")
    assert inside("1.3", "1.02", "1.34") and not inside("1.4", "1.02", "1.34")


def test_an_estimate_outside_its_ci_fails_and_no_ci_is_not_applicable():
    e = DB.estimates["burri_spector2011-or-recent-abuse"]
    df = check_ratio_ci(with_estimates(replace(e, value="1.5"))).set_index(C.RECORD_ID)
    assert df.loc[e.estimate_id, C.STATUS] == C.FAIL and not df.loc[e.estimate_id, C.INSIDE]
    df = check_ratio_ci(with_estimates(replace(e, ci_low=None, ci_high=None, ci_level=None)))
    assert df.set_index(C.RECORD_ID).loc[e.estimate_id, C.STATUS] == C.NOT_APPLICABLE


def test_a_fixed_ratio_passes():
    e = DB.estimates["burri_spector2011-or-recent-abuse"]
    fixed = replace(e, value="1.17")  # sqrt(1.02 * 1.34) = 1.169
    df = check_ratio_ci(with_estimates(fixed)).set_index(C.RECORD_ID)
    assert df.loc[e.estimate_id, C.STATUS] == C.OK


def test_a_bound_printed_as_zero_does_not_crash():
    e = DB.estimates["burri_spector2011-or-recent-abuse"]
    df = check_ratio_ci(with_estimates(replace(e, value="0.01", ci_low="0.00", ci_high="0.04")))
    assert df.set_index(C.RECORD_ID).loc[e.estimate_id, C.STATUS] in (C.OK, C.WARN)


def _print(x: Decimal, decimals: int, mode) -> str:
    return str(x.quantize(Decimal(1).scaleb(-decimals), rounding=mode))


@settings(max_examples=150, deadline=None)
@given(
    low=st.decimals(min_value="0.05", max_value="50", places=6),
    factor=st.decimals(min_value="1.01", max_value="20", places=4),
    decimals=st.integers(1, 3),
    mode=st.sampled_from([ROUND_HALF_UP, ROUND_HALF_EVEN]),
)
def test_a_wald_ratio_rounded_always_passes(low, factor, decimals, mode):
    high = low * factor
    with localcontext() as ctx:
        ctx.prec = 60
        estimate = (low * high).sqrt()  # exp of the mid of the log bounds
    printed = [_print(x, decimals, mode) for x in (estimate, low, high)]
    if Decimal(printed[1]) == 0:
        return  # a limit that prints as 0 has no log
    assert centred(*printed, rounding="up_or_down"), printed
    assert inside(*printed, rounding="up_or_down"), printed


def test_s4_statuses_name_the_reading_that_decides_them():
    df = check_ratio_ci().set_index(C.RECORD_ID)
    fail = df.loc["burri_spector2011-or-recent-abuse", C.MESSAGE]  # 1.3 (1.02-1.34)
    assert "even its most favourable reading within rounding, 1.25 (1.025-1.345)" in fail
    assert "off the midpoint by 23.0%" in fail
    warn = df.loc["burri_spector2011-or-persistent-satisfaction"]  # 2.53 (2.17-2.81)
    assert warn[C.STATUS] == C.WARN and "the reading 2.525 (2.175-2.815)" in warn[C.MESSAGE]
    warn = df.loc["burri_spector2011-or-persistent-abuse"]  # 1.16 (1.09-1.26)
    assert warn[C.STATUS] == C.WARN and "the reading 1.165 (1.085-1.255)" in warn[C.MESSAGE]
