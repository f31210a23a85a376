"""pctstats against 50-digit references on thousands of seeded random cases (no mpmath needed).

The references were written by ``python tests/results/make_exact.py`` (mpmath at 50 digits,
enumeration with Fraction arithmetic, root finding on the exact equations; it does not import
pctstats) into ``tests/results/exact_values.csv``, ``exact_pooling.csv`` and ``exact_grim.csv``;
each row carries the pctstats call its value is for.

Each test reports the worst error of its function (run ``pytest -s tests/test_exact.py`` to see
the table; a failing test puts it in its message). The tolerances are stated once, below, each
with its reason.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
import pytest

from pctstats.stats.grim_consistency import grim, grim_counts, grim_denominators
from pctstats.stats.intervals import PREVALENCE_METHODS, prevalence_ci
from pctstats.stats.pooling import POOLING_METHODS, pool_prevalence
from pctstats.stats.ratios import (
    compare_prevalences,
    implied_odds_ratio,
    implied_risk_ratio,
    odds_ratio_ci,
    required_prevalence,
    risk_ratio_ci,
)

RESULTS = Path(__file__).resolve().parent / "results"


class Tol(NamedTuple):
    rtol: float
    atol: float
    why: str


TOLERANCES = {
    "closed_form": Tol(1e-12, 1e-15, "a closed formula evaluated in double precision"),
    "quantile": Tol(1e-12, 1e-15, "beta quantiles (Jeffreys; Clopper-Pearson, refined by Newton)"),
    "exact_or": Tol(1e-12, 0.0, "root of the exact conditional equations (the issue: 1e-10)"),
    "score_rr": Tol(1e-12, 0.0, "root of the Miettinen-Nurminen score equation"),
    "pooling": Tol(1e-11, 1e-15, "roots of the tau2 equations and what follows from them"),
}


@cache
def exact_values() -> pd.DataFrame:
    return pd.read_csv(RESULTS / "exact_values.csv", dtype={"value": np.float64})


@cache
def exact_pooling() -> pd.DataFrame:
    return pd.read_csv(RESULTS / "exact_pooling.csv", dtype={"k": str, "n": str})


@cache
def exact_grim() -> pd.DataFrame:
    return pd.read_csv(
        RESULTS / "exact_grim.csv",
        dtype={"value": str, "n": str, "denominators": str, "k_min": "Int64", "k_max": "Int64"},
        keep_default_na=False,
        na_values={"k_min": [""], "k_max": [""]},
    )


def relative_errors(actual: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """|a - e| / |e| (|a - e| where e = 0); 0 for equal infinities and NaN against NaN."""
    a = np.asarray(actual, dtype=np.float64)
    e = np.asarray(expected, dtype=np.float64)
    same = (a == e) | (np.isnan(a) & np.isnan(e))
    with np.errstate(invalid="ignore", divide="ignore"):
        err = np.abs(a - e) / np.where(e == 0, 1.0, np.abs(e))
    err = np.where(same, 0.0, err)
    return np.where(np.isnan(err), np.inf, err)


def check(
    name: str, actual: np.ndarray, expected: np.ndarray, calls: pd.Series, tolerance: str
) -> None:
    """Assert agreement within the named tolerance; print the worst error either way."""
    tol = TOLERANCES[tolerance]
    a = np.asarray(actual, dtype=np.float64)
    e = np.asarray(expected, dtype=np.float64)
    err = relative_errors(a, e)
    with np.errstate(invalid="ignore"):
        ok = (err == 0) | (np.abs(a - e) <= tol.atol + tol.rtol * np.abs(e))
    worst = int(np.argmax(err)) if err.size else 0
    line = (
        f"{name}: {err.size} values, worst relative error {err.max():.2e} "
        f"({calls.iloc[worst]}: got {a[worst]!r}, exact {e[worst]!r}); "
        f"tolerance {tolerance} rtol={tol.rtol:g} atol={tol.atol:g} ({tol.why})"
    )
    print(line)
    bad = np.flatnonzero(~ok)
    assert bad.size == 0, f"{bad.size} beyond tolerance; {line}"


def rows_of(family: str, method: str | None = None) -> pd.DataFrame:
    ref = exact_values()
    rows = ref[ref.family == family]
    if method is not None:
        rows = rows[rows.method == method]
    assert len(rows) > 0, (family, method)
    return rows


# --- one proportion ------------------------------------------------------------------------------


@pytest.mark.parametrize("method", list(PREVALENCE_METHODS))
def test_prevalence_ci_against_50_digit_references(method: str) -> None:
    rows = rows_of("prevalence_ci", method)
    k = rows.k.astype(np.int64).to_numpy()
    n = rows.n.astype(np.int64).to_numpy()
    got = np.empty(len(rows))
    for level, idx in rows.groupby("level").groups.items():
        pos = rows.index.get_indexer(idx)
        ci = prevalence_ci(k[pos], n[pos], method, float(level))
        got[pos] = np.where(rows.quantity.to_numpy()[pos] == "low", ci.low, ci.high)
    # the generator's cases include k = 0, k = n, n up to 1e9, levels 0.5 to 0.999
    assert (k == 0).any() and (k == n).any() and n.max() >= 10**9
    assert rows.level.min() == 0.5 and rows.level.max() == 0.999
    tolerance = "closed_form" if method in ("wilson", "wald", "agresti_coull") else "quantile"
    check(method, got, rows.value.to_numpy(), rows.call, tolerance)


# --- two groups ----------------------------------------------------------------------------------


def table_results(rows: pd.DataFrame, func: Callable[..., object]) -> np.ndarray:
    got = np.empty(len(rows))
    for (a, b, c, d, method, level), g in rows.groupby(["a", "b", "c", "d", "method", "level"]):
        res = func(int(a), int(b), int(c), int(d), method, float(level))
        values = {"estimate": res.estimate, "low": res.ci.low, "high": res.ci.high}
        got[rows.index.get_indexer(g.index)] = [values[q] for q in g.quantity]
    return got


@pytest.mark.parametrize("method", ["woolf", "conditional", "midp"])
def test_odds_ratio_ci_against_50_digit_references(method: str) -> None:
    rows = rows_of("odds_ratio_ci", method)
    got = table_results(
        rows, lambda a, b, c, d, m, lv: odds_ratio_ci(a, b, c, d, method=m, level=lv)
    )
    check(
        f"odds ratio {method}",
        got,
        rows.value.to_numpy(),
        rows.call,
        "closed_form" if method == "woolf" else "exact_or",
    )


def test_fisher_upper_limit_for_7_of_93_vs_2_of_98_is_not_r_s() -> None:
    """R's fisher.test prints 37.0939 (uniroot's default tolerance); the root is 37.0568."""
    rows = rows_of("odds_ratio_ci", "conditional")
    row = rows[(rows.a == 7) & (rows.b == 93) & (rows.c == 2) & (rows.quantity == "high")]
    exact = float(row.value.iloc[0])
    assert round(exact, 4) == 37.0568
    high = odds_ratio_ci(7, 93, 2, 98, method="conditional").ci.high
    assert abs(high - exact) <= 1e-12 * exact
    assert abs(37.0939 - exact) > 1e-3 * exact


@pytest.mark.parametrize("method", ["katz", "score"])
def test_risk_ratio_ci_against_50_digit_references(method: str) -> None:
    """Includes n from 1e6 to 1e9, where the score interval once crashed or lost digits."""
    rows = rows_of("risk_ratio_ci", method)
    assert ((rows.a + rows.b) >= 10**9).any()
    got = table_results(
        rows, lambda a, b, c, d, m, lv: risk_ratio_ci(a, b, c, d, method=m, level=lv)
    )
    tolerance = "closed_form" if method == "katz" else "score_rr"
    check(f"risk ratio {method}", got, rows.value.to_numpy(), rows.call, tolerance)


@pytest.mark.parametrize("method", ["newcombe", "agresti_caffo", "wald"])
def test_difference_against_50_digit_references(method: str) -> None:
    rows = rows_of("difference", method)
    got = table_results(
        rows,
        lambda a, b, c, d, m, lv: compare_prevalences(
            a, a + b, c, c + d, measure="difference", method=m, level=lv
        ),
    )
    # differences are on [-1, 1]: absolute error relative to that scale
    tol = TOLERANCES["closed_form"]
    err = np.abs(got - rows.value.to_numpy())
    worst = int(np.argmax(err))
    line = (
        f"difference {method}: {err.size} values, worst absolute error {err.max():.2e} "
        f"({rows.call.iloc[worst]})"
    )
    print(line)
    assert (err <= tol.rtol).all(), line


def test_implied_ratios_and_required_prevalence_against_exact_values() -> None:
    for family, func in (
        ("implied_odds_ratio", implied_odds_ratio),
        ("implied_risk_ratio", implied_risk_ratio),
    ):
        rows = rows_of(family)
        got = func(rows.p1.to_numpy(), rows.p2.to_numpy())
        check(family, got, rows.value.to_numpy(), rows.call, "closed_form")
    for measure in ("odds_ratio", "risk_ratio"):
        rows = rows_of("required_prevalence", measure)
        got = required_prevalence(rows.p2.to_numpy(), rows.ratio.to_numpy(), measure).value
        check(
            f"required_prevalence {measure}", got, rows.value.to_numpy(), rows.call, "closed_form"
        )


# --- pooling -------------------------------------------------------------------------------------

POOL_QUANTITIES = {
    "z": [
        "tau2",
        "logit_estimate",
        "logit_se",
        "estimate",
        "low_z",
        "high_z",
        "pi_low_hts",
        "pi_high_hts",
        "i2",
        "q",
        "q_pvalue",
        "tau2_low",
        "tau2_high",
    ],
    "hksj": ["low_hksj", "high_hksj", "pi_low_normal", "pi_high_normal"],
    "knha": ["low_knha", "high_knha"],
}


def pooled_values(row: pd.Series, ci: str) -> dict[str, float]:
    k = [int(x) for x in row.k.split()]
    n = [int(x) for x in row.n.split()]
    prediction = "hts" if ci == "z" else "normal"
    res = pool_prevalence(k, n, method=row.method, level=row.level, ci=ci, prediction=prediction)
    out = {
        "tau2": res.tau2,
        "logit_estimate": res.logit_estimate,
        "logit_se": res.logit_se,
        "estimate": res.estimate,
        "i2": res.i2,
        "q": res.q,
        "q_pvalue": res.q_pvalue,
        "tau2_low": res.tau2_ci.low,
        "tau2_high": res.tau2_ci.high,
        f"low_{ci}": res.ci.low,
        f"high_{ci}": res.ci.high,
        f"pi_low_{prediction}": res.prediction_interval.low,
        f"pi_high_{prediction}": res.prediction_interval.high,
    }
    return {q: out[q] for q in POOL_QUANTITIES[ci]}


@pytest.mark.parametrize("method", list(POOLING_METHODS))
def test_pool_prevalence_against_50_digit_references(method: str) -> None:
    ref = exact_pooling()
    rows = ref[ref.method == method]
    assert len(rows) >= 500
    # heterogeneous sets: the PM root is positive in many of them
    assert (rows.tau2 > 0).sum() >= 200
    for ci, quantities in POOL_QUANTITIES.items():
        got = {q: np.empty(len(rows)) for q in quantities}
        for i, (_, row) in enumerate(rows.iterrows()):
            for q, v in pooled_values(row, ci).items():
                got[q][i] = v
        for q in quantities:
            check(f"pool {method} {q}", got[q], rows[q].to_numpy(), rows.call, "pooling")


def test_the_issue_s_paule_mandel_set_has_its_root_not_zero() -> None:
    ref = exact_pooling()
    row = ref[(ref.set == "issue_pm_root") & (ref.method == "PM")].iloc[0]
    assert round(row.tau2, 5) == 1.55046
    res = pool_prevalence([5, 50, 3, 200, 17], [20, 80, 60, 500, 34], method="PM")
    assert abs(res.tau2 - row.tau2) <= 1e-12 * row.tau2


# --- GRIM ----------------------------------------------------------------------------------------


def grim_rows() -> pd.DataFrame:
    ref = exact_grim()
    return ref[ref.family == "grim"]


def test_grim_against_enumeration_in_every_rounding_mode() -> None:
    rows = grim_rows()
    assert set(rows.rounding) == {"up_or_down", "up", "down", "even", "trunc", "floor", "ceiling"}
    wrong = []
    for _, r in rows.iterrows():
        got = grim(r.value, int(r.n), percent=r.percent, rounding=r.rounding, items=int(r["items"]))
        if bool(got) != bool(r.consistent):
            wrong.append(r.call)
    print(f"grim: {len(rows)} cases, {len(wrong)} disagree with enumeration")
    assert not wrong, wrong[:5]


def test_grim_counts_against_enumeration_in_every_rounding_mode() -> None:
    rows = grim_rows()
    wrong = []
    for _, r in rows.iterrows():
        got = grim_counts(
            r.value, int(r.n), percent=r.percent, rounding=r.rounding, items=int(r["items"])
        )
        expected = (
            (int(r.k_min), int(r.k_max), int(r.k_max) - int(r.k_min) + 1) if r.consistent else None
        )
        actual = (got[0], got[-1], len(got)) if len(got) else None
        if actual != expected:
            wrong.append((r.call, actual, expected))
    print(f"grim_counts: {len(rows)} cases, {len(wrong)} disagree with enumeration")
    assert not wrong, wrong[:5]


def test_grim_denominators_against_enumeration() -> None:
    ref = exact_grim()
    rows = ref[ref.family == "grim_denominators"]
    wrong = []
    for _, r in rows.iterrows():
        start, stop = (int(x) for x in r.n.split(":"))
        got = grim_denominators(r.value.split(), range(start, stop), rounding=r.rounding)
        expected = [int(x) for x in r.denominators.split()]
        if list(got) != expected:
            wrong.append(r.call)
    print(f"grim_denominators: {len(rows)} cases, {len(wrong)} disagree with enumeration")
    assert not wrong, wrong[:5]
