"""Ranges check: ok on the shipped records (the loader guarantees it), fails on built records."""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

from pctstats import load
from pctstats.checks import columns as C
from pctstats.checks.ranges import check_ranges
from pctstats.data.dataset import ClaimIndex, Dataset

DB = load()


def with_records(estimates=(), claims=()) -> Dataset:
    e = dict(DB.estimates)
    e.update({x.estimate_id: x for x in estimates})
    c = dict(DB.claims)
    c.update({x.key: x for x in claims})
    return replace(DB, estimates=MappingProxyType(e), claims=ClaimIndex(c))


def statuses(df, record_id):
    return df.loc[df[C.RECORD_ID] == record_id, C.STATUS].tolist()


def test_shipped_ranges_and_cis_are_ok():
    df = check_ranges()
    assert set(df[C.STATUS]) == {C.OK}
    assert statuses(df, "pyke2020-men") == [C.OK]
    assert statuses(df, "G-male") == [C.OK]
    assert statuses(df, "mitchell2017-prevalence") == [C.OK]  # its CI
    assert set(df[C.TABLE]) == {"estimates", "claims"}


def test_reversed_range_fails():
    e = replace(DB.estimates["pyke2020-men"], value="25", value_high="9")
    df = check_ranges(with_records(estimates=[e]))
    assert statuses(df, "pyke2020-men") == [C.FAIL]
    assert "25 is above the upper bound 9" in df.loc[df[C.RECORD_ID] == "pyke2020-men"].iloc[0][
        C.MESSAGE
    ]


def test_percent_outside_0_100_fails_for_claims_too():
    c = replace(DB.claims["G-male"], value_high="125")
    assert statuses(check_ranges(with_records(claims=[c])), "G-male") == [C.FAIL]


def test_ci_problems_fail():
    e = DB.estimates["mitchell2017-or-vaginal-dryness"]
    df = check_ranges(with_records(estimates=[replace(e, ci_low="10.12", ci_high="6.17")]))
    assert statuses(df, e.estimate_id) == [C.FAIL]
    # A ratio bound printed "0" can be a true 0.3: positive, so in order under rounding.
    df = check_ranges(with_records(estimates=[replace(e, ci_low="0")]))
    assert statuses(df, e.estimate_id) == [C.OK]
    p = DB.estimates["mitchell2017-prevalence"]
    df = check_ranges(with_records(estimates=[replace(p, ci_high="100.5")]))
    assert statuses(df, p.estimate_id) == [C.FAIL]


def test_bounds_printed_at_different_precisions_are_compared_under_rounding():
    # "5.1" to "5.07" can be a true 5.06 to 5.07: in order. "5.2" to "5.07" cannot be.
    e = DB.estimates["pyke2020-men"]
    df = check_ranges(with_records(estimates=[replace(e, value="5.1", value_high="5.07")]))
    assert statuses(df, e.estimate_id) == [C.OK]
    df = check_ranges(with_records(estimates=[replace(e, value="5.2", value_high="5.07")]))
    assert statuses(df, e.estimate_id) == [C.FAIL]
    message = df.loc[df[C.RECORD_ID] == e.estimate_id].iloc[0][C.MESSAGE]
    assert "its least reading 5.15 against the upper bound's greatest 5.075" in message
