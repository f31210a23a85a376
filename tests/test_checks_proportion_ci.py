"""Reported CI of a prevalence against the binomial CI for its n."""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

import pytest

from pctstats import load
from pctstats.checks import columns as C
from pctstats.checks.proportion_ci import check_proportion_ci
from pctstats.core.phrases import fmt_decimal
from pctstats.core.spans import span
from pctstats.data.dataset import Dataset

DB = load()
S6 = "mitchell2017-prevalence"


def with_estimates(*estimates) -> Dataset:
    table = dict(DB.estimates)
    table.update({e.estimate_id: e for e in estimates})
    return replace(DB, estimates=MappingProxyType(table))


def row(db=None, **kwargs):
    df = check_proportion_ci(db, **kwargs)
    return df[df[C.RECORD_ID] == S6].iloc[0]


def test_s6_is_wider_than_binomial_with_design_effect_near_1_6():
    r = row()
    assert r[C.WIDTH_VERDICT] == "wider"
    assert r[C.STATUS] == C.OK  # survey-weighted: a design effect is expected
    assert r[C.DESIGN_EFFECT] == pytest.approx(1.6, abs=0.03)
    assert r[C.DESIGN_EFFECT_MIN] < 1.6 < r[C.DESIGN_EFFECT_MAX]
    assert r[C.DESIGN_EFFECT_MIN] > 1  # wider even allowing for rounding
    assert r[C.METHOD] == "wilson" and "wilson" in r[C.MESSAGE] and "1.60" in r[C.MESSAGE]


def test_only_estimates_with_a_reported_ci_are_rows():
    df = check_proportion_ci()
    assert df[C.RECORD_ID].tolist() == [S6]


def test_the_same_interval_unweighted_warns():
    e = replace(DB.estimates[S6], weighted=False)
    r = row(with_estimates(e))
    assert r[C.WIDTH_VERDICT] == "wider" and r[C.STATUS] == C.WARN


def test_a_narrower_interval_fails_unweighted_and_warns_weighted():
    e = replace(DB.estimates[S6], ci_low="7.3", ci_high="7.7")
    r = row(with_estimates(replace(e, weighted=False)))
    assert r[C.WIDTH_VERDICT] == "narrower" and r[C.STATUS] == C.FAIL
    assert r[C.DESIGN_EFFECT] < 1
    assert row(with_estimates(e))[C.STATUS] == C.WARN


def test_narrower_than_wilson_but_as_wide_as_wald_warns_and_names_wald():
    """2 of 200 (1.0%): Wilson gives 0.3-3.6%, Wald 0.0-2.4% (clipped at 0); a paper that printed
    Wald's interval is not 'narrower than any sample of that size allows'."""
    e = replace(DB.estimates[S6], value="1.0", n=200, ci_low="0.0", ci_high="2.4",
                weighted=False)
    r = row(with_estimates(e))
    assert r[C.WIDTH_VERDICT] == "narrower" and r[C.STATUS] == C.WARN
    assert r[C.METHODS_FITTING] == ["wald"]
    assert "the wald interval is no wider" in r[C.MESSAGE]
    # narrower than every method, Wald included: a fail
    tight = replace(e, ci_low="0.5", ci_high="1.5")
    r = row(with_estimates(tight))
    assert r[C.STATUS] == C.FAIL and r[C.METHODS_FITTING] == []
    # with Wald chosen, Wald's own interval is consistent
    assert row(with_estimates(e), method="wald")[C.STATUS] == C.OK


def test_a_binomial_width_interval_is_ok():
    e = replace(DB.estimates[S6], ci_low="6.9", ci_high="8.1", weighted=False)
    r = row(with_estimates(e))
    assert r[C.WIDTH_VERDICT] == "consistent" and r[C.STATUS] == C.OK


def test_an_interval_that_misses_its_estimate_fails():
    e = replace(DB.estimates[S6], ci_low="8.0", ci_high="9.0")
    r = row(with_estimates(e))
    assert r[C.STATUS] == C.FAIL and "cannot contain" in r[C.MESSAGE]
    # the message names the reading that decides: the estimate's greatest against the least limit
    top = f"{fmt_decimal(span(e.value, 'up_or_down').high)}%"
    deciding = f"deciding reading: its greatest reading {top} against the CI's least lower limit"
    assert f"{deciding} 7.95%" in r[C.MESSAGE]


def test_no_denominator_is_not_applicable():
    r = row(with_estimates(replace(DB.estimates[S6], n=None)))
    assert r[C.STATUS] == C.NOT_APPLICABLE


def test_method_is_an_option_and_validated():
    r = row(method="clopper_pearson")
    assert r[C.METHOD] == "clopper_pearson" and "clopper_pearson" in r[C.MESSAGE]
    with pytest.raises(ValueError, match="method"):
        check_proportion_ci(method="exact")


def test_a_weighted_value_that_is_not_k_over_n_uses_the_nearest_counts():
    e = replace(DB.estimates[S6], n=223, value="7.5", ci_low="4.6", ci_high="11.9")
    r = row(with_estimates(e))
    assert "nearest counts" in r[C.MESSAGE]
    assert r[C.STATUS] in (C.OK, C.WARN, C.FAIL)
