"""Tests of pctstats.stats.pooling: logit-scale random-effects pooling of prevalences."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.special import expit

from pctstats.stats.pooling import POOLING_METHODS, logit_prevalence, pool_prevalence
from tests.tolerances import assert_close

# S1-S3 lifetime counts reconstructed by GRIM (46% of 230 -> 106, 32.9% of 222 -> 73,
# 41% of 1208 -> 495); TEST-A and TEST-B are made up for testing.
LIFETIME_K, LIFETIME_N = [106, 73, 495], [230, 222, 1208]
FIVE_K, FIVE_N = [106, 73, 495, 30, 90], [230, 222, 1208, 150, 160]


@st.composite
def studies(draw, min_studies: int = 2, max_studies: int = 8):
    size = draw(st.integers(min_studies, max_studies))
    n = draw(st.lists(st.integers(1, 500), min_size=size, max_size=size))
    k = [draw(st.integers(0, ni)) for ni in n]
    return np.array(k), np.array(n)


def test_lifetime_pcd_three_studies_dl() -> None:
    res = pool_prevalence(LIFETIME_K, LIFETIME_N, labels=["S1", "S2", "S3"])
    assert res.method == "DL" and res.level == 0.95 and res.prediction == "hts"
    assert res.ci.method == "DL" and res.ci.level == 0.95
    assert res.ci.low < res.estimate < res.ci.high
    pi = res.prediction_interval
    assert pi.low < res.ci.low and res.ci.high < pi.high
    assert res.q_df == 2 and res.n_studies == 3
    assert_close(res.weights.sum(), 1.0, "identity")
    assert_close(res.estimate, expit(res.logit_estimate), "identity")
    assert res.labels == ("S1", "S2", "S3")
    assert res.note == ""


def test_dl_i2_equals_higgins_thompson_q_minus_df_over_q() -> None:
    res = pool_prevalence(FIVE_K, FIVE_N, method="DL")
    assert_close(res.i2, (res.q - res.q_df) / res.q, "identity")


def test_pm_tau2_solves_the_paule_mandel_equation() -> None:
    res = pool_prevalence(FIVE_K, FIVE_N, method="PM")
    w = 1 / (res.vi + res.tau2)
    mu = (w * res.yi).sum() / w.sum()
    assert_close((w * (res.yi - mu) ** 2).sum(), res.n_studies - 1, "r_reference")
    assert_close(mu, res.logit_estimate, "identity")


def test_two_studies_have_no_hts_prediction_interval_but_a_normal_one() -> None:
    hts = pool_prevalence([106, 73], [230, 222])
    assert math.isnan(hts.prediction_interval.low) and math.isnan(hts.prediction_interval.high)
    assert "at least 3 studies" in hts.note
    normal = pool_prevalence([106, 73], [230, 222], prediction="normal")
    assert normal.prediction_interval.low < normal.ci.low
    assert normal.note == ""


def test_homogeneous_studies_truncate_dl_tau2_to_the_fixed_effect_model() -> None:
    k, n = [50, 51, 49, 100, 75], [100, 100, 100, 200, 150]
    res = pool_prevalence(k, n, method="DL")
    assert res.tau2 == 0.0 and res.i2 == 0.0
    yi, vi, _ = logit_prevalence(k, n)
    fixed = (yi / vi).sum() / (1 / vi).sum()
    assert_close(res.logit_estimate, fixed, "identity")
    assert_close(res.logit_se, (1 / vi).sum() ** -0.5, "identity")
    assert_close(res.weights, (1 / vi) / (1 / vi).sum(), "identity")


def test_zero_cells_get_one_half_added_as_in_metafor() -> None:
    yi, vi, adjusted = logit_prevalence([0, 25, 12], [40, 25, 80])
    assert adjusted.tolist() == [True, True, False]
    assert_close(yi[:2], [math.log(0.5 / 40.5), math.log(25.5 / 0.5)], "identity")
    assert_close(vi[:2], [1 / 0.5 + 1 / 40.5, 1 / 25.5 + 1 / 0.5], "identity")
    res = pool_prevalence([0, 25, 12, 20, 7], [40, 25, 80, 90, 60])
    assert res.adjusted.tolist() == [True, True, False, False, False]


def test_frames_are_tidy() -> None:
    res = pool_prevalence(FIVE_K, FIVE_N, method="PM", level=0.9)
    summary = res.to_frame()
    assert len(summary) == 1
    assert summary.loc[0, "method"] == "PM" and summary.loc[0, "level"] == 0.9
    assert summary.loc[0, "transform"] == "logit"
    assert set(summary.columns) >= {
        "estimate",
        "low",
        "high",
        "pi_low",
        "pi_high",
        "tau2",
        "i2",
        "q",
        "q_df",
        "q_pvalue",
    }
    per_study = res.studies_frame()
    assert per_study.label.tolist() == [f"study {i}" for i in range(1, 6)]
    assert per_study.k.tolist() == FIVE_K and per_study.n.tolist() == FIVE_N
    assert ((per_study.low < per_study.estimate) & (per_study.estimate < per_study.high)).all()


@settings(max_examples=50, deadline=None)
@given(studies(), st.sampled_from(list(POOLING_METHODS)))
def test_pooled_results_are_well_formed(data, method: str) -> None:
    k, n = data
    res = pool_prevalence(k, n, method=method, prediction="normal")
    assert res.tau2 >= 0 and 0 <= res.i2 < 1
    assert res.ci.low <= res.estimate <= res.ci.high
    assert res.prediction_interval.low <= res.ci.low + 1e-12
    assert res.ci.high <= res.prediction_interval.high + 1e-12
    assert_close(res.weights.sum(), 1.0, "identity")
    assert (res.weights > 0).all()


@settings(max_examples=30, deadline=None)
@given(studies(min_studies=3))
def test_pm_and_dl_agree_when_there_is_no_heterogeneity_left(data) -> None:
    k, n = data
    dl, pm = pool_prevalence(k, n, "DL"), pool_prevalence(k, n, "PM")
    if dl.q <= dl.q_df:  # both estimators give tau2 = 0 then
        assert dl.tau2 == pm.tau2 == 0
        assert_close(dl.estimate, pm.estimate, "identity")


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "pattern"),
    [
        (([106], [230]), {}, ValueError, "at least 2 studies"),
        ((106, 230), {}, ValueError, "one-dimensional"),
        (([[106, 73]], [[230, 222]]), {}, ValueError, "one-dimensional"),
        (([106, 73], [230, 222]), {"method": "dl"}, ValueError, "method must be one of 'DL'"),
        (([106, 73], [230, 222]), {"method": "reml"}, ValueError, "method must be one of"),
        (([106, 73], [230, 222]), {"ci": "t"}, ValueError, "ci must be one of"),
        (([1, 2], [10]), {}, ValueError, "equal lengths"),
        (([1, 2], []), {}, ValueError, "n must not be empty"),
        (([True, 2], [10, 10]), {}, TypeError, "k must be numeric"),
        (([1.5, 2], [10, 10]), {}, ValueError, "k must be a whole-number count"),
        (([106, 73], [230, 222]), {"prediction": "t"}, ValueError, "prediction must be one of"),
        (([106, 73], [230, 222]), {"level": 0}, ValueError, "level must be strictly"),
        (([106, 73], [230, 222]), {"labels": ["S1"]}, ValueError, "one label per study"),
        (([106, 73], [230, 222]), {"labels": "S1"}, TypeError, "labels must be a sequence"),
        (([106, 300], [230, 222]), {}, ValueError, "k must not exceed n"),
        (([106, -1], [230, 222]), {}, ValueError, "k must be a non-negative count"),
        (([106, 73], [230, 0]), {}, ValueError, "n must be a positive count"),
        (([106, float("nan")], [230, 222]), {}, ValueError, "k must not contain NaN"),
    ],
)
def test_pool_prevalence_rejects_bad_arguments(args, kwargs, error, pattern) -> None:
    with pytest.raises(error, match=pattern):
        pool_prevalence(*args, **kwargs)


@st.composite
def heterogeneous_studies(draw):
    """Studies whose true prevalences differ (logit sd up to 1.5): PM's root is often > 0."""
    size = draw(st.integers(2, 12))
    n = draw(st.lists(st.integers(10, 2000), min_size=size, max_size=size))
    p = draw(st.lists(st.floats(0.02, 0.98), min_size=size, max_size=size))
    k = [min(ni, max(0, round(pi * ni))) for pi, ni in zip(p, n, strict=True)]
    return np.array(k), np.array(n)


@settings(max_examples=60, deadline=None)
@given(heterogeneous_studies())
def test_pm_tau2_is_zero_only_when_the_equation_at_zero_is_not_positive(data) -> None:
    """The defect statsmodels' iteration had: tau2 = 0 returned although Q(0) > k - 1."""
    k, n = data
    res = pool_prevalence(k, n, method="PM")
    yi, vi = res.yi, res.vi

    def excess(tau2: float) -> float:
        w = 1 / (vi + tau2)
        mu = (w * yi).sum() / w.sum()
        return (w * (yi - mu) ** 2).sum() - (len(yi) - 1)

    if res.tau2 == 0:
        assert excess(0.0) <= 0
    else:
        assert excess(0.0) > 0
        assert abs(excess(res.tau2)) <= 1e-9 * (len(yi) - 1)


@settings(max_examples=40, deadline=None)
@given(heterogeneous_studies(), st.sampled_from(list(POOLING_METHODS)))
def test_modified_hksj_is_never_narrower_than_z_and_knha_shares_its_centre(data, method) -> None:
    k, n = data
    z = pool_prevalence(k, n, method=method)
    hksj = pool_prevalence(k, n, method=method, ci="hksj")
    knha = pool_prevalence(k, n, method=method, ci="knha")
    assert hksj.ci.low <= z.ci.low + 1e-15 and z.ci.high <= hksj.ci.high + 1e-15
    assert hksj.ci.low <= knha.ci.low + 1e-15 and knha.ci.high <= hksj.ci.high + 1e-15
    assert z.estimate == hksj.estimate == knha.estimate
    assert z.tau2_ci.low <= z.tau2_ci.high


@settings(max_examples=40, deadline=None)
@given(heterogeneous_studies(), st.sampled_from(["REML", "ML"]))
def test_reml_and_ml_maximise_their_likelihood(data, method: str) -> None:
    """No tau2 on a fine grid has a higher (restricted) likelihood than the one returned."""
    k, n = data
    res = pool_prevalence(k, n, method=method)
    yi, vi = res.yi, res.vi

    def loglik(tau2: float) -> float:
        w = 1 / (vi + tau2)
        mu = (w * yi).sum() / w.sum()
        ll = -0.5 * (np.log(vi + tau2).sum() + (w * (yi - mu) ** 2).sum())
        return ll - (0.5 * np.log(w.sum()) if method == "REML" else 0.0)

    best = loglik(res.tau2)
    grid = np.concatenate(([0.0], np.geomspace(1e-6, 100.0, 400)))
    assert max(loglik(t) for t in grid) <= best + 1e-9 * abs(best)
