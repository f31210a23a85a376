"""GRIM check: the expected findings on the shipped record set, and pass/fail on built records."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pctstats import load
from pctstats.checks import columns as C
from pctstats.checks.grim_check import check_grim, nearest_denominators, shared_denominators
from pctstats.core.paths import data_dir
from pctstats.core.rounding import round_fraction
from pctstats.data.dataset import Dataset

DB = load()


def with_estimates(*estimates) -> Dataset:
    table = dict(DB.estimates)
    table.update({e.estimate_id: e for e in estimates})
    return replace(DB, estimates=MappingProxyType(table))


def row(df, record_id):
    rows = df[df[C.RECORD_ID] == record_id]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_s1_five_point_one_fails_with_nearest_denominators():
    r = row(check_grim(), "schweitzer2015-4weeks-few")
    assert r[C.STATUS] == C.FAIL
    assert r[C.NEAREST_NS] == [217, 234]
    assert "11/230 = 4.78%" in r[C.MESSAGE] and "12/230 = 5.22%" in r[C.MESSAGE]


def test_s5_five_values_fail_and_all_fit_298():
    df = check_grim()
    s5 = df[df[C.SOURCE_ID] == "burri_hilpert2020"]
    failing = s5[s5[C.STATUS] == C.FAIL]
    assert sorted(failing[C.VALUE]) == ["33.9", "41.9", "46.6", "73.5", "91.9"]
    assert row(df, "burri_hilpert2020-ever")[C.STATUS] == C.OK
    for shared in s5[C.SHARED_NS]:
        assert shared == [298]
    assert all("298" in m for m in failing[C.MESSAGE])


def test_not_applicable_rows_say_why():
    df = check_grim()
    weighted = row(df, "mitchell2017-prevalence")
    assert weighted[C.STATUS] == C.NOT_APPLICABLE and "weighted" in weighted[C.MESSAGE]
    assert row(df, "pyke2020-men")[C.STATUS] == C.NOT_APPLICABLE
    assert "range" in row(df, "maczkowiack2019-regular")[C.MESSAGE]
    assert row(df, "mitchell2017-or-vaginal-dryness")[C.STATUS] == C.NOT_APPLICABLE
    assert len(df) == len(DB.estimates)


def test_uninformative_pass_is_flagged():
    r = row(check_grim(), "schweitzer2015-lifetime")
    assert r[C.STATUS] == C.OK and not r[C.INFORMATIVE]
    assert "uninformative" in r[C.MESSAGE]
    assert row(check_grim(), "bird2011-lifetime")[C.INFORMATIVE]


def test_a_changed_value_passes_and_a_printed_count_is_used():
    e = DB.estimates["schweitzer2015-4weeks-few"]
    assert row(check_grim(with_estimates(replace(e, value="5.2"))), e.estimate_id)[C.STATUS] == C.OK
    good = with_estimates(replace(e, value="5.2", k=12))
    assert row(check_grim(good), e.estimate_id)[C.STATUS] == C.OK
    bad = with_estimates(replace(e, value="5.2", k=11))
    r = row(check_grim(bad), e.estimate_id)
    assert r[C.STATUS] == C.FAIL and "k = 11" in r[C.MESSAGE]


def test_weighted_or_no_denominator_is_not_applicable():
    e = DB.estimates["schweitzer2015-4weeks-few"]
    for changed in (replace(e, weighted=True), replace(e, n=None)):
        assert row(check_grim(with_estimates(changed)), e.estimate_id)[C.STATUS] == C.NOT_APPLICABLE


def test_rounding_is_recorded_and_validated():
    df = check_grim(rounding="even")
    assert set(df[C.ROUNDING]) == {"even"} and df.attrs["rounding"] == "even"
    with pytest.raises(ValueError, match="rounding"):
        check_grim(rounding="half")


def test_a_modified_copy_of_the_data_folder(tmp_path: Path):
    folder = tmp_path / "data"
    shutil.copytree(data_dir(), folder)
    path = folder / "estimates.csv"
    text = path.read_text(encoding="utf-8")
    changed = text.replace(",230,,,5.1,", ",235,,a denominator above the printed N,5.1,")
    assert changed != text
    path.write_text(changed, encoding="utf-8")
    r = row(check_grim(load(folder)), "schweitzer2015-4weeks-few")
    assert r[C.STATUS] == C.OK and r[C.N] == 235


def test_helpers():
    assert nearest_denominators("5.1", 230) == [217, 234]
    assert shared_denominators(["46", "5.1"], 230)[:2] == [234, 235]


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 2000), data=st.data(), decimals=st.integers(0, 2))
def test_any_true_count_passes(n, data, decimals):
    k = data.draw(st.integers(0, n))
    value = round_fraction(k, n, scale=100, decimals=decimals, mode="up")
    e = replace(DB.estimates["bird2011-lifetime"], value=value, n=n)
    assert row(check_grim(with_estimates(e)), e.estimate_id)[C.STATUS] == C.OK


def test_grim_failures_name_the_true_values_behind_the_print():
    df = check_grim().set_index(C.RECORD_ID)
    message = df.loc["schweitzer2015-4weeks-few", C.MESSAGE]
    assert "it stands for 5.05% to 5.15% (both included), and no k / 230 lies there" in message
    assert df.loc["schweitzer2015-4weeks-few", [C.K_MIN, C.K_MAX]].isna().all()  # no count
    lifetime = df.loc["schweitzer2015-lifetime"]
    assert (lifetime[C.K_MIN], lifetime[C.K_MAX]) == (105, 106)
