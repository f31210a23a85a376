"""Nesting check: narrower prevalences never above broader ones, compared under rounding."""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

from hypothesis import given, settings
from hypothesis import strategies as st

from pctstats import load
from pctstats.checks import columns as C
from pctstats.checks.nesting import check_nesting, nests_in
from pctstats.core.rounding import ROUNDING_MODES
from pctstats.data.dataset import Dataset

DB = load()
NARROW = "schweitzer2015-4weeks-few"
BROAD = "schweitzer2015-lifetime"


def with_estimates(*estimates) -> Dataset:
    table = dict(DB.estimates)
    table.update({e.estimate_id: e for e in estimates})
    return replace(DB, estimates=MappingProxyType(table))


def status(db: Dataset, narrow: str = NARROW, broad: str = BROAD, rounding="up_or_down") -> str:
    df = check_nesting(db, rounding=rounding)
    rows = df[(df[C.RECORD_ID] == narrow) & (df[C.RELATED_ID] == broad)]
    assert len(rows) == 1
    return rows.iloc[0][C.STATUS]


def test_shipped_pairs_are_all_ok():
    df = check_nesting()
    pairs = set(zip(df[C.RECORD_ID], df[C.RELATED_ID], strict=True))
    assert ("schweitzer2015-4weeks-few", "schweitzer2015-lifetime") in pairs
    assert ("schweitzer2015-always-most", "schweitzer2015-lifetime") in pairs
    assert ("bird2011-4weeks", "bird2011-lifetime") in pairs
    assert ("maczkowiack2019-regular", "maczkowiack2019-lifetime") in pairs
    assert ("burri_hilpert2020-4weeks", "burri_hilpert2020-ever") in pairs
    assert set(df[C.STATUS]) == {C.OK}
    # Different sources, sexes or measures never pair up.
    assert not any(a.split("-")[0] != b.split("-")[0] for a, b in pairs)


def test_a_narrower_value_above_the_lifetime_one_fails():
    e = DB.estimates[NARROW]
    assert status(with_estimates(replace(e, value="50"))) == C.FAIL
    assert status(with_estimates(replace(e, value="46"))) == C.OK


def test_comparison_uses_rounding_intervals_not_printed_numbers():
    e = DB.estimates[NARROW]
    # 46.4 can be below a true 46.5 printed as "46"; 46.6 cannot.
    assert status(with_estimates(replace(e, value="46.4"))) == C.OK
    assert status(with_estimates(replace(e, value="46.6"))) == C.FAIL
    # "46.5" stands for true values from 46.45, which "46" can be.
    assert status(with_estimates(replace(e, value="46.5")), rounding="up") == C.OK
    # "47" and "46" meet only at a true 46.5: under "up_or_down" it prints as either; under "up"
    # it prints as 47 only.
    assert status(with_estimates(replace(e, value="47"))) == C.OK
    assert status(with_estimates(replace(e, value="47")), rounding="up") == C.FAIL


def test_a_range_low_end_fails_high_end_warns():
    e = DB.estimates[NARROW]
    as_range = replace(e, measure="prevalence_range", value="40", value_high="50")
    assert status(with_estimates(as_range)) == C.WARN
    assert status(with_estimates(replace(as_range, value="47"))) == C.WARN  # 46.5 fits both
    assert status(with_estimates(replace(as_range, value="48"))) == C.FAIL


def test_nests_in_rules():
    e = DB.estimates
    assert nests_in(e["maczkowiack2019-regular"], e["maczkowiack2019-lifetime"])
    assert not nests_in(e["maczkowiack2019-4weeks-am"], e["maczkowiack2019-4weeks"])  # a version
    assert not nests_in(e["bird2011-4weeks"], e["schweitzer2015-lifetime"])  # other source
    assert not nests_in(e["burri_spector2011-recent"], e["burri_spector2011-persistent"])
    assert not nests_in(e["burri_hilpert2020-consensual"], e["burri_hilpert2020-4weeks"])


@settings(max_examples=80, deadline=None)
@given(
    units=st.integers(0, 10_000),
    decimals=st.integers(0, 2),
    rounding=st.sampled_from(sorted(ROUNDING_MODES)),
)
def test_a_value_nested_in_itself_never_fails(units, decimals, rounding):
    digits = str(units).rjust(decimals + 1, "0")
    value = f"{digits[:-decimals]}.{digits[-decimals:]}" if decimals else digits
    if float(value) > 100:
        value = "100"
    narrow = replace(DB.estimates[NARROW], value=value)
    broad = replace(DB.estimates[BROAD], value=value)
    assert status(with_estimates(narrow, broad), rounding=rounding) == C.OK
