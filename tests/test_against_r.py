"""pctstats against stored R values (tests/results/reference_values.csv; no R needed).

The values were made by ``Rscript tests/results/make_reference.R`` (epitools, metafor and base R);
each row carries the exact R call in ``r_call``. Tests are named after what they reproduce.

Where pctstats differs from R by definition, the test says so and checks the difference itself:

- Jeffreys: pctstats applies Brown, Cai & DasGupta's (2001, p. 108) boundary adjustment (lower
  limit 0 at k = 0, upper limit 1 at k = n); base R ``qbeta`` (and statsmodels) do not.
- Agresti–Coull and Wald: pctstats (through statsmodels) clips to [0, 1]; the R formulas do not.
- Woolf odds ratio and Katz risk ratio with a zero cell: epitools prints NaN for the limit that
  is ``inf - inf`` on the log scale; pctstats reports the limit (0 or infinity).
- epitools' own Fisher and mid-p values are solved with uniroot's default tolerance, so they
  are compared loosely; the tight re-solves of the same equations are compared to 1e-6.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from pctstats.stats.intervals import PREVALENCE_METHODS, prevalence_ci
from pctstats.stats.pooling import pool_prevalence
from pctstats.stats.ratios import compare_prevalences, odds_ratio_ci, risk_ratio_ci
from tests.tolerances import assert_close

RESULTS = Path(__file__).resolve().parent / "results"
NAMED_COUNTS = {
    (106, 230): "S1_lifetime_46pct_as_106",
    (105, 230): "S1_lifetime_46pct_as_105",
    (12, 230): "S1_4weeks_neighbour_12",
    (11, 230): "S1_4weeks_neighbour_11",
    (73, 222): "S2_lifetime_32_9pct",
    (495, 1208): "S3_lifetime_41pct_as_495",
    (244, 1208): "S3_4weeks_20_2pct",
    (500, 6669): "large_n_6669",
    (123456, 1000000): "large_n_1e6",
}
TABLES = {
    (106, 124, 495, 713): "S1_vs_S3_lifetime",
    (105, 125, 495, 713): "S1_as_105_vs_S3_lifetime",
    (73, 149, 495, 713): "S2_vs_S3_lifetime",
    (12, 218, 244, 964): "S1_vs_S3_4weeks",
    (3, 7, 1, 9): "small_made_up",
    (12, 5, 6, 12): "small_made_up_2",
    (0, 15, 10, 20): "zero_cell_a",
    (5, 0, 10, 20): "zero_cell_b",
}


@cache
def reference() -> pd.DataFrame:
    return pd.read_csv(RESULTS / "reference_values.csv", dtype={"value": np.float64})


@cache
def pool_sets() -> pd.DataFrame:
    return pd.read_csv(RESULTS / "reference_pool_sets.csv")


def proportion_rows(method: str, named: bool) -> pd.DataFrame:
    ref = reference()
    rows = ref[(ref.kind == "proportion") & (ref.method == method)]
    keys = list(zip(rows.k.astype(int), rows.n.astype(int), strict=True))
    is_named = np.array([key in NAMED_COUNTS for key in keys])
    if named:
        return rows[is_named]
    return rows[~is_named & (rows.level == 0.95)]


def python_limits(rows: pd.DataFrame, method: str) -> np.ndarray:
    out = np.empty(len(rows))
    for level, idx in rows.groupby("level").groups.items():
        sub = rows.loc[idx]
        ci = prevalence_ci(
            sub.k.astype(int).to_numpy(), sub.n.astype(int).to_numpy(), method, level
        )
        out[rows.index.get_indexer(idx)] = np.where(sub.quantity == "low", ci.low, ci.high)
    return out


def r_limits_by_pctstats_definition(rows: pd.DataFrame, method: str) -> np.ndarray:
    """R's limits, with pctstats' documented conventions applied (see module docstring)."""
    expected = rows.value.to_numpy().copy()
    if method in ("agresti_coull", "wald"):
        expected = np.clip(expected, 0.0, 1.0)
    if method == "jeffreys":
        k, n = rows.k.to_numpy(), rows.n.to_numpy()
        expected[(k == 0) & (rows.quantity == "low").to_numpy()] = 0.0
        expected[(k == n) & (rows.quantity == "high").to_numpy()] = 1.0
    return expected


# --- one proportion --------------------------------------------------------------------------


@pytest.mark.parametrize("method", list(PREVALENCE_METHODS))
def test_prevalence_ci_s1_s2_s3_and_large_n_match_epitools_and_base_r(method: str) -> None:
    """106/230, 105/230, 12/230, 11/230, 73/222, 495/1208, 244/1208, 500/6669, 123456/1e6 at
    levels 0.90, 0.95, 0.99 (binom.wilson / binom.exact / binom.approx / qbeta / A-C formula)."""
    rows = proportion_rows(method, named=True)
    assert len(rows) == len(NAMED_COUNTS) * 3 * 2
    assert_close(
        python_limits(rows, method), r_limits_by_pctstats_definition(rows, method), "r_reference"
    )


@pytest.mark.parametrize("method", list(PREVALENCE_METHODS))
def test_prevalence_ci_every_k_for_n_1_to_30_matches_r(method: str) -> None:
    rows = proportion_rows(method, named=False)
    assert len(rows) == 2 * sum(n + 1 for n in range(1, 31))
    assert_close(
        python_limits(rows, method), r_limits_by_pctstats_definition(rows, method), "r_reference"
    )


def test_jeffreys_differs_from_qbeta_only_by_the_boundary_adjustment() -> None:
    """By definition: qbeta(0.025, 0.5, n + 0.5) > 0 at k = 0; pctstats (BCD 2001) gives 0."""
    rows = proportion_rows("jeffreys", named=False)
    got, raw = python_limits(rows, "jeffreys"), rows.value.to_numpy()
    k, n, low = rows.k.to_numpy(), rows.n.to_numpy(), (rows.quantity == "low").to_numpy()
    boundary = ((k == 0) & low) | ((k == n) & ~low)
    assert boundary.sum() == 60  # n = 1..30, one limit at k = 0 and one at k = n
    assert (raw[boundary & low] > 0).all() and (got[boundary & low] == 0).all()
    assert (raw[boundary & ~low] < 1).all() and (got[boundary & ~low] == 1).all()
    assert_close(got[~boundary], raw[~boundary], "r_reference")


@pytest.mark.parametrize("method", ["agresti_coull", "wald"])
def test_agresti_coull_and_wald_differ_from_r_formulas_only_by_clipping(method: str) -> None:
    rows = proportion_rows(method, named=False)
    raw = rows.value.to_numpy()
    outside = (raw < 0) | (raw > 1)
    assert outside.any()  # the unclipped formulas do leave [0, 1] for small k or n - k
    got = python_limits(rows, method)
    assert ((got >= 0) & (got <= 1)).all()
    assert_close(got[~outside], raw[~outside], "r_reference")


# --- two groups ------------------------------------------------------------------------------


def table_rows(kind: str, method: str) -> pd.DataFrame:
    ref = reference()
    return ref[(ref.kind == kind) & (ref.method == method)]


def grouped(rows: pd.DataFrame):
    for key, g in rows.groupby(["a", "b", "c", "d", "level"]):
        a, b, c, d = (int(x) for x in key[:4])
        yield (a, b, c, d), float(key[4]), g.set_index("quantity").value


def result_values(res) -> dict[str, float]:
    return {"estimate": res.estimate, "low": res.ci.low, "high": res.ci.high}


@pytest.mark.parametrize(
    ("kind", "r_method", "method", "tolerance"),
    [
        ("odds_ratio", "conditional", "conditional", "r_reference"),
        ("odds_ratio", "midp", "midp", "r_reference"),
        ("odds_ratio", "conditional_epitools", "conditional", "r_uniroot_default"),
        ("odds_ratio", "midp_epitools", "midp", "r_uniroot_default"),
        ("odds_ratio", "woolf", "woolf", "r_reference"),
        ("risk_ratio", "katz", "katz", "r_reference"),
        ("risk_ratio", "score", "score", "r_reference"),
    ],
    ids=[
        "conditional_vs_fisher_test_equations_tight",
        "midp_vs_epitools_or_midp_equations_tight",
        "conditional_vs_epitools_oddsratio_fisher",
        "midp_vs_epitools_oddsratio_midp",
        "woolf_vs_epitools_oddsratio_wald",
        "katz_vs_epitools_riskratio_wald",
        "score_vs_miettinen_nurminen_base_r",
    ],
)
def test_ratio_intervals_match_r(kind: str, r_method: str, method: str, tolerance: str) -> None:
    rows = table_rows(kind, r_method)
    seen = set()
    for (a, b, c, d), level, expected in grouped(rows):
        func = odds_ratio_ci if kind == "odds_ratio" else risk_ratio_ci
        got = result_values(func(a, b, c, d, method=method, level=level))
        for quantity in ("estimate", "low", "high"):
            exp = expected[quantity]
            if np.isnan(exp) and method in ("woolf", "katz") and 0 in (a, b, c, d):
                continue  # checked in test_zero_cell_wald_limits_where_epitools_prints_nan
            assert_close(got[quantity], exp, tolerance)
        seen.add(TABLES[(a, b, c, d)])
    assert {"S1_vs_S3_lifetime", "S1_vs_S3_4weeks", "small_made_up"} <= seen


def test_zero_cell_wald_limits_where_epitools_prints_nan() -> None:
    """By definition: log-scale SE is infinite, the Wald limits tend to 0 and infinity; epitools
    computes inf - inf = NaN for one of them."""
    for kind, method, func in (
        ("odds_ratio", "woolf", odds_ratio_ci),
        ("risk_ratio", "katz", risk_ratio_ci),
    ):
        for (a, b, c, d), level, expected in grouped(table_rows(kind, method)):
            if 0 not in (a, b, c, d) or (kind == "risk_ratio" and a > 0 and c > 0):
                continue
            res = func(a, b, c, d, method=method, level=level)
            assert np.isnan(expected["low"]) or np.isnan(expected["high"])
            assert (res.ci.low, res.ci.high) == (0.0, np.inf)
            assert_close(res.estimate, expected["estimate"], "r_reference")


def test_zero_cell_conditional_limits_match_fisher_test() -> None:
    """fisher.test gives lower 0 when a = 0 and upper Inf when b = 0, as pctstats does."""
    for (a, b, c, d), level, expected in grouped(table_rows("odds_ratio", "conditional")):
        if 0 in (a, b, c, d):
            res = odds_ratio_ci(a, b, c, d, method="conditional", level=level)
            assert_close(
                [res.estimate, res.ci.low, res.ci.high],
                [expected["estimate"], expected["low"], expected["high"]],
                "r_reference",
            )


@pytest.mark.parametrize("method", ["newcombe", "agresti_caffo", "wald"])
def test_difference_intervals_match_base_r_formulas(method: str) -> None:
    for (a, b, c, d), level, expected in grouped(table_rows("difference", method)):
        res = compare_prevalences(
            a, a + b, c, c + d, measure="difference", method=method, level=level
        )
        got = result_values(res)
        for quantity in ("estimate", "low", "high"):
            assert_close(got[quantity], expected[quantity], "r_reference")


# --- pooling ---------------------------------------------------------------------------------


def pool_cases() -> list[tuple[str, str, float]]:
    ref = reference()
    rows = ref[(ref.kind == "pool") & ref.method.isin(["DL", "PM", "REML", "ML"])]
    return sorted(
        {(s, m, float(lv)) for s, m, lv in zip(rows.pool_set, rows.method, rows.level, strict=True)}
    )


def test_pool_sets_keep_made_up_studies_labelled() -> None:
    sets = pool_sets()
    assert (sets.made_up == sets.study.str.startswith("TEST-")).all()
    assert sets[~sets.made_up].study.str.match(r"^S[123] ").all()
    assert len(sets[sets.pool_set == "pcd_plus_test5"]) >= 5


@pytest.mark.parametrize(
    ("pool_set", "method", "level"),
    pool_cases(),
    ids=[f"{s}-{m}-{lv}" for s, m, lv in pool_cases()],
)
def test_pool_prevalence_matches_metafor_rma_and_predict(
    pool_set: str, method: str, level: float
) -> None:
    """escalc("PLO", add = 1/2, to = "only0") -> rma(method = DL | PM) -> predict(transf.ilogit),
    weights(), and the HTS prediction interval around rma's estimate."""
    ref = reference()
    rows = ref[
        (ref.kind == "pool")
        & (ref.pool_set == pool_set)
        & (ref.method == method)
        & (ref.level == level)
    ]
    study = pool_sets()[pool_sets().pool_set == pool_set]
    one = rows[rows.study.isna()].set_index("quantity").value
    normal = pool_prevalence(
        study.k.to_numpy(),
        study.n.to_numpy(),
        method,
        level,
        labels=study.study.tolist(),
        prediction="normal",
    )
    assert_close(
        [
            normal.tau2,
            100 * normal.i2,
            normal.q,
            normal.q_pvalue,
            normal.logit_estimate,
            normal.logit_se,
            normal.estimate,
            normal.ci.low,
            normal.ci.high,
            normal.prediction_interval.low,
            normal.prediction_interval.high,
        ],
        [
            one["tau2"],
            one["i2_percent"],
            one["q"],
            one["q_pvalue"],
            one["logit_estimate"],
            one["logit_se"],
            one["estimate"],
            one["low"],
            one["high"],
            one["pi_low_normal"],
            one["pi_high_normal"],
        ],
        "r_reference",
    )
    weights = rows[rows.quantity == "weight_percent"].set_index("study").value
    assert_close(100 * normal.weights, weights.loc[list(normal.labels)].to_numpy(), "r_reference")
    hts = pool_prevalence(
        study.k.to_numpy(),
        study.n.to_numpy(),
        method,
        level,
        labels=study.study.tolist(),
        prediction="hts",
    )
    if len(study) >= 3:
        assert_close(
            [hts.prediction_interval.low, hts.prediction_interval.high],
            [one["pi_low_hts"], one["pi_high_hts"]],
            "r_reference",
        )
    else:
        assert np.isnan(hts.prediction_interval.low) and "3 studies" in hts.note
    # Hartung-Knapp-Sidik-Jonkman: rma(test = "knha") and its ad hoc modification
    # rma(test = "adhoc") (Roever et al. 2015); Q-profile CI of tau2: confint().
    for ci, test in (("knha", "knha"), ("hksj", "adhoc")):
        res = pool_prevalence(study.k.to_numpy(), study.n.to_numpy(), method, level, ci=ci)
        assert_close(
            [res.ci.low, res.ci.high], [one[f"low_{test}"], one[f"high_{test}"]], "r_reference"
        )
    assert_close(
        [normal.tau2_ci.low, normal.tau2_ci.high],
        [one["tau2_qprofile_low"], one["tau2_qprofile_high"]],
        "r_reference",
    )


def test_metafor_default_tolerance_stops_pm_reml_ml_about_1e_5_from_the_root() -> None:
    """metafor's default control stops PM, REML and ML short of the root (tol / threshold
    1e-5); pctstats solves them exactly and agrees with the tightened fits (above) instead."""
    ref = reference()
    rows = ref[(ref.kind == "pool") & (ref.quantity == "tau2_default_control")]
    assert set(rows.method) == {"PM", "REML", "ML"}
    worst = 0.0
    for (pool_set, method, level), g in rows.groupby(["pool_set", "method", "level"]):
        study = pool_sets()[pool_sets().pool_set == pool_set]
        res = pool_prevalence(study.k.to_numpy(), study.n.to_numpy(), method, level)
        worst = max(worst, abs(res.tau2 - g.value.iloc[0]))
    assert 1e-9 < worst < 1e-4, worst


def test_logit_transform_matches_metafor_escalc_plo_with_zero_cells() -> None:
    from pctstats.stats.pooling import logit_prevalence

    ref = reference()
    rows = ref[(ref.kind == "pool") & (ref.method == "escalc")]
    for pool_set, g in rows.groupby("pool_set"):
        study = pool_sets()[pool_sets().pool_set == pool_set]
        yi, vi, adjusted = logit_prevalence(study.k.to_numpy(), study.n.to_numpy())
        expected = g.pivot(index="study", columns="quantity", values="value").loc[study.study]
        assert_close(yi, expected.yi.to_numpy(), "r_reference")
        assert_close(vi, expected.vi.to_numpy(), "r_reference")
        if pool_set == "zero_cells_test":
            assert adjusted.tolist() == [True, True, False, False, False]


def test_homogeneous_set_truncates_dl_tau2_at_zero_like_metafor() -> None:
    ref = reference()
    tau2 = ref[(ref.pool_set == "homogeneous_test") & (ref.quantity == "tau2")].value
    assert (tau2 == 0).all()
