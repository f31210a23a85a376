"""Tests of pctstats.applied: intervals for every prevalence, and pooled lifetime PCD."""

from __future__ import annotations

import dataclasses
import math

import pandas as pd
import pytest

from pctstats.applied import BASIS, pooled_lifetime, prevalence_table
from pctstats.data.dataset import load
from pctstats.stats.intervals import prevalence_ci, reported_ci
from pctstats.stats.pooling import pool_prevalence
from pctstats.stats.ratios import compare_prevalences
from tests.conftest import LIFETIME_STUDIES, shipped_studies
from tests.tolerances import assert_close


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return prevalence_table().set_index("estimate_id")


def test_prevalence_table_has_every_prevalence_estimate(table: pd.DataFrame) -> None:
    db = load()
    expected = [
        e.estimate_id
        for e in db.estimates.values()
        if e.measure in ("prevalence", "prevalence_range")
    ]
    assert table.index.tolist() == expected
    assert set(table.basis) <= set(BASIS)
    assert ((table.low <= table.estimate) | table.low.isna()).all()


def test_s1_lifetime_46pct_interval_covers_both_consistent_counts(table: pd.DataFrame) -> None:
    row = table.loc["schweitzer2015-lifetime"]
    assert (row.k_min, row.k_max, row.basis, row.method, row.level) == (
        105,
        106,
        "grim",
        "wilson",
        0.95,
    )
    assert (row.low, row.high) == tuple(reported_ci("46", 230).ci)


def test_s1_4weeks_5_1pct_has_no_interval_and_says_why(table: pd.DataFrame) -> None:
    row = table.loc["schweitzer2015-4weeks-few"]
    assert row.basis == "not_consistent"
    assert math.isnan(row.low) and math.isnan(row.high)
    assert "No count out of n = 230" in row.note


def test_survey_weighted_dyspareunia_keeps_its_reported_ci(table: pd.DataFrame) -> None:
    row = table.loc["mitchell2017-prevalence"]
    assert row.basis == "reported_ci" and bool(row.weighted)
    assert row.method == "reported (survey-weighted)"
    assert (row.low, row.high, row.level) == (0.067, 0.083, 0.95)


def test_range_and_missing_n(table: pd.DataFrame) -> None:
    regular = table.loc["maczkowiack2019-regular"]
    assert (regular.k_min, regular.k_max) == (31, 54)
    assert regular.low == reported_ci("3", 1208).ci.low
    assert regular.high == reported_ci("4", 1208).ci.high
    assert table.loc["pyke2020-men", "basis"] == "no_n"


def test_prevalence_table_method_and_level_pass_through() -> None:
    t = prevalence_table(method="clopper_pearson", level=0.9).set_index("estimate_id")
    row = t.loc["bird2011-lifetime"]
    assert (row.method, row.level) == ("clopper_pearson", 0.9)
    assert (row.low, row.high) == tuple(prevalence_ci(73, 222, "clopper_pearson", 0.9))
    with pytest.raises(ValueError, match="method must be one of"):
        prevalence_table(method="exact")
    with pytest.raises(ValueError, match="level must be strictly"):
        prevalence_table(level=95)


def test_printed_count_is_used_when_there_is_one(set_cell, data_copy) -> None:
    set_cell("estimates.csv", "bird2011-lifetime", "k", "73")
    row = prevalence_table(load(data_copy)).set_index("estimate_id").loc["bird2011-lifetime"]
    assert row.basis == "printed_count" and row.k == 73 and row.note == ""
    assert (row.low, row.high) == tuple(prevalence_ci(73, 222))


@pytest.fixture(scope="module")
def first_three():
    """S1, S2 (women) and S3 (men): the studies these pooling facts are about."""
    return shipped_studies(*LIFETIME_STUDIES)


def test_pooled_lifetime_women_men_and_all(first_three) -> None:
    res = pooled_lifetime(first_three)
    assert res.women.labels == ("S1", "S2") and res.all.labels == ("S1", "S2", "S3")
    assert res.counts["schweitzer2015-lifetime"] == (106, 105, 106)
    assert res.counts["maczkowiack2019-lifetime"] == (495, 490, 501)
    expected = pool_prevalence([106, 73, 495], [230, 222, 1208], labels=["S1", "S2", "S3"])
    assert_close(
        [res.all.estimate, res.all.tau2, res.all.i2, res.all.q],
        [expected.estimate, expected.tau2, expected.i2, expected.q],
        "identity",
    )
    assert tuple(res.men) == tuple(reported_ci("41", 1208).ci)
    assert math.isnan(res.women.prediction_interval.low)  # two studies: no HTS interval
    low, high = res.sensitivity["all"]
    assert low <= res.all.estimate <= high


def test_pooled_lifetime_compares_each_womens_study_with_s3(first_three) -> None:
    res = pooled_lifetime(first_three, level=0.9)
    labels = [label for label, _ in res.comparisons]
    assert labels == ["S1 vs S3", "S1 vs S3", "S2 vs S3", "S2 vs S3"]
    s1_or = res.comparisons[0][1]
    same = compare_prevalences(106, 230, 495, 1208, measure="odds_ratio", level=0.9)
    assert (s1_or.estimate, tuple(s1_or.ci)) == (same.estimate, tuple(same.ci))
    assert res.comparisons[1][1].measure == "risk_ratio"
    assert res.compared[0] == ("schweitzer2015-lifetime", "maczkowiack2019-lifetime")
    frame = res.to_frame()
    assert frame.group.tolist() == ["women", "men", "all"] + ["women vs men"] * 4
    assert (frame[frame.group == "women vs men"].note == res.caveat).all()
    assert "nothing to pool" in frame.loc[1, "note"]
    # the caveat names each group's studies and their populations, from sources.csv
    assert res.caveat.startswith("Women (S1, S2: female university students) and men (S3: ")
    assert "confounds sex with study" in res.caveat


def test_pooled_lifetime_in_the_shipped_set_includes_the_first_three() -> None:
    res = pooled_lifetime()
    assert {"S1", "S2"} <= set(res.women.labels) and {"S1", "S2", "S3"} <= set(res.all.labels)
    assert "maczkowiack2019-lifetime" in res.studies["men"]
    # the 4-week and subgroup estimates of the same studies are not lifetime PCD: never pooled
    assert "bird2011-4weeks" not in res.studies["all"]


def test_pooled_lifetime_pools_a_second_mens_study_and_compares_it(first_three) -> None:
    db = shipped_studies(*LIFETIME_STUDIES)
    s3 = db.estimates["maczkowiack2019-lifetime"]
    other = dataclasses.replace(s3, estimate_id="other-lifetime", source_id="other", n=300,
                                value="30")
    source = dataclasses.replace(db.sources["maczkowiack2019"], source_id="other", label="S99",
                                 population="men at a sexual health clinic")
    db = dataclasses.replace(db, sources={**db.sources, "other": source},
                             estimates={**db.estimates, "other-lifetime": other})
    res = pooled_lifetime(db)
    assert res.men.labels == ("S3", "S99")  # pooled now, not one study alone
    assert res.studies["men"] == ("maczkowiack2019-lifetime", "other-lifetime")
    assert [label for label, _ in res.comparisons].count("S1 vs S99") == 2
    assert "men (S3: male participants of an anonymous international online questionnaire; "\
        "S99: men at a sexual health clinic)" in res.caveat
    frame = res.to_frame().set_index("group")
    assert frame.loc["men", "studies"] == "S3, S99"
    alone = pooled_lifetime(first_three).to_frame().set_index("group")
    assert alone.loc["men", "studies"] == "S3 (alone)"


def test_pooled_lifetime_says_which_group_has_no_study(first_three) -> None:
    db = dataclasses.replace(first_three, estimates={
        i: e for i, e in first_three.estimates.items() if e.sex != "male"})
    with pytest.raises(ValueError, match="none for men"):
        pooled_lifetime(db)


def test_the_caveat_says_when_both_sexes_come_from_one_study(first_three) -> None:
    from pctstats.applied import design_caveat

    s1 = first_three.estimates["schweitzer2015-lifetime"]
    men = dataclasses.replace(s1, estimate_id="s1-men", sex="male")
    text = design_caveat(first_three, [s1], [men])
    assert text == ("Women (S1: female university students) and men (S1: female university "
                    "students) come from the same studies: each ratio compares the sexes within "
                    "one sample.")


def test_a_wrong_group_name_or_an_empty_group_is_a_clear_error(first_three) -> None:
    from pctstats.applied import design_caveat

    res = pooled_lifetime(first_three)
    with pytest.raises(ValueError, match="group must be one of 'women', 'men', 'all'"):
        res.group("female")
    s1 = first_three.estimates["schweitzer2015-lifetime"]
    with pytest.raises(ValueError, match="one for men; got 1 and 0"):
        design_caveat(first_three, [s1], [])


def test_pooled_lifetime_rejects_bad_method() -> None:
    with pytest.raises(ValueError, match="method must be one of 'DL', 'PM', 'REML', 'ML'"):
        pooled_lifetime(method="reml")
    assert pooled_lifetime(method="PM").all.method == "PM"
    assert pooled_lifetime(method="REML").all.method == "REML"


def test_ratio_table_lists_every_reported_ratio_and_why_no_table_rebuilds():
    from pctstats.applied import ratio_table

    db = load()
    table = ratio_table(db)
    ratios = [e.estimate_id for e in db.estimates.values() if e.unit == "ratio"]
    assert table.estimate_id.tolist() == ratios
    assert not table.reconstructible.any()
    assert table.reason.str.contains("adjusted").all()
    s6 = table[table.estimate_id.str.startswith("mitchell2017")]
    assert s6.reason.str.contains("survey-weighted").all()


def test_ratio_table_recomputes_the_printed_ci_where_it_is_centred():
    """A centred printed CI is reproduced, to its printed precision, by est * exp(+/- z se)."""
    from pctstats.applied import ratio_table

    table = ratio_table()
    for row in table.itertuples():
        decimals = len(row.ci_low.split(".")[1])
        reproduced = (round(row.low, decimals) == float(row.ci_low)
                      and round(row.high, decimals) == float(row.ci_high))
        if row.centred:
            # equal up to the rounding of the printed limits and of the printed estimate, which
            # moves both recomputed limits by the same relative amount
            est_decimals = len(row.value.split(".")[1]) if "." in row.value else 0
            relative = 0.5 * 10**-est_decimals / float(row.value)
            for got, printed in ((row.low, row.ci_low), (row.high, row.ci_high)):
                allowed = float(printed) * relative + 0.5 * 10**-decimals + 1e-12
                assert abs(got - float(printed)) <= allowed, row.estimate_id
        else:
            assert not reproduced, row.estimate_id
    abuse = table.set_index("estimate_id").loc["burri_spector2011-or-recent-abuse"]
    assert abuse.high - float(abuse.ci_high) > 0.1


def test_ratio_table_rejects_a_bad_level():
    from pctstats.applied import ratio_table

    with pytest.raises(ValueError, match="level"):
        ratio_table(level=95)
