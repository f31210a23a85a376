"""Ratio claims ("2.87 times more likely") and comparisons ("more common in women")."""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

import pytest

from pctstats import load
from pctstats.checks import columns as C
from pctstats.checks.ratio_claims import check_ratio_claims, matching_pairs
from pctstats.data.dataset import ClaimIndex, Dataset

DB = load()
S1_S3 = "schweitzer2015-lifetime;maczkowiack2019-lifetime"
S2_S3 = "bird2011-lifetime;maczkowiack2019-lifetime"


def with_records(estimates=(), claims=()) -> Dataset:
    e = dict(DB.estimates)
    e.update({x.estimate_id: x for x in estimates})
    c = dict(DB.claims)
    c.update({x.key: x for x in claims})
    return replace(DB, estimates=MappingProxyType(e), claims=ClaimIndex(c))


def rows(df, claim_id):
    return df[df[C.RECORD_ID] == claim_id].set_index(C.RELATED_ID)


def test_claim_e_against_the_lifetime_pairs():
    e = rows(check_ratio_claims(), "E")
    assert list(e.index) == [S1_S3, S2_S3]
    s1 = e.loc[S1_S3]
    assert s1[C.ODDS_RATIO] == pytest.approx(1.23, abs=0.005)
    assert s1[C.RISK_RATIO] == pytest.approx(1.12, abs=0.005)
    assert s1[C.REQUIRED_FOR_OR] == pytest.approx(66.6, abs=0.05)
    assert s1[C.REQUIRED_FOR_RR] == pytest.approx(117.7, abs=0.05)
    assert not s1[C.RR_POSSIBLE]
    assert "impossible" in s1[C.MESSAGE] and "66.6%" in s1[C.MESSAGE]
    assert not s1[C.SAME_SOURCE] and "two different samples" in s1[C.MESSAGE]
    assert set(e[C.STATUS]) == {C.FAIL}
    assert e.loc[S2_S3, C.ODDS_RATIO] == pytest.approx(0.71, abs=0.005)


def test_a_ratio_the_pair_implies_passes():
    claim = replace(DB.claims["E"], value="1.23")
    e = rows(check_ratio_claims(with_records(claims=[claim])), "E")
    assert e.loc[S1_S3, C.STATUS] == C.OK and "odds ratio" in e.loc[S1_S3, C.MESSAGE]
    assert e.loc[S2_S3, C.STATUS] == C.FAIL
    claim = replace(DB.claims["E"], value="1.12")
    e = rows(check_ratio_claims(with_records(claims=[claim])), "E")
    assert e.loc[S1_S3, C.STATUS] == C.OK and "risk ratio" in e.loc[S1_S3, C.MESSAGE]


def test_a2_direction_against_every_matching_pair():
    a2 = rows(check_ratio_claims(), "A2")
    assert a2.loc[S1_S3, C.STATUS] == C.OK and a2.loc[S1_S3, C.DIRECTION] == "higher"
    assert a2.loc[S2_S3, C.STATUS] == C.FAIL and a2.loc[S2_S3, C.DIRECTION] == "lower"
    within = a2[a2[C.SAME_SOURCE].astype(bool)]
    assert len(within) == 3  # S8's three contexts, one sample
    assert (a2[C.STATUS] == C.OK).sum() == 2


def test_the_reverse_comparison_reverses_the_statuses():
    claim = replace(DB.claims["A2"], sex="male", reference_sex="female", value_text="more in men")
    flipped = rows(check_ratio_claims(with_records(claims=[claim])), "A2")
    assert (flipped[C.STATUS] == C.OK).sum() == 4


def test_a_tie_within_rounding_warns():
    s1 = replace(DB.estimates["schweitzer2015-lifetime"], value="41")
    a2 = rows(check_ratio_claims(with_records(estimates=[s1])), "A2")
    assert a2.loc[S1_S3, C.DIRECTION] == "undetermined" and a2.loc[S1_S3, C.STATUS] == C.WARN


def test_a_claim_no_pair_matches_is_not_applicable():
    claim = replace(DB.claims["E"], outcome="dyspareunia")
    e = check_ratio_claims(with_records(claims=[claim]))
    assert e.loc[e[C.RECORD_ID] == "E", C.STATUS].tolist() == [C.NOT_APPLICABLE]


def test_matching_pairs_rules():
    claim = DB.claims["E"]
    ids = [p.ids for p in matching_pairs(claim, DB)]
    assert ("bird2011-4weeks", "maczkowiack2019-4weeks") not in ids  # not lifetime
    only_s1 = matching_pairs(claim, DB, source_ids=("schweitzer2015", "maczkowiack2019"))
    assert [p.ids for p in only_s1] == [tuple(S1_S3.split(";"))]
