"""pctstats against 50-digit references at very large n (tests/results/exact_large_n.csv).

The references are written by ``tests/results/make_exact_large_n.py`` (mpmath, from the defining
equations, independently of pctstats' code); each row carries the pctstats call it is compared
with. No mpmath is needed here. Tolerance: 1e-12 relative (issue 14: "exact at any n").
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from pctstats import prevalence_ci, risk_ratio_ci
from pctstats.core.arguments import check_counts
from pctstats.stats.grim_consistency import grim
from pctstats.stats.ratios import implied_odds_ratio, odds_ratio_ci

RESULTS = Path(__file__).resolve().parent / "results"
RELATIVE = 1e-12


@cache
def reference() -> pd.DataFrame:
    return pd.read_csv(RESULTS / "exact_large_n.csv", dtype={"value": str, "level": str})


def _relative_error(got: float, expected: float) -> float:
    if expected == 0:
        return abs(got)
    return abs(got - expected) / abs(expected)


def test_clopper_pearson_is_exact_to_1e12_up_to_a_billion():
    rows = reference().query("kind == 'clopper_pearson'")
    assert rows["n"].max() == 10**9 and len(rows) > 80
    errors = []
    for row in rows.itertuples():
        ci = prevalence_ci(int(row.k), int(row.n), method="clopper_pearson", level=float(row.level))
        got = ci.low if row.quantity == "low" else ci.high
        errors.append((_relative_error(got, float(row.value)), row.call))
    worst = max(errors)
    print(f"Clopper-Pearson: worst relative error {worst[0]:.2e} at {worst[1]}")
    assert worst[0] < RELATIVE, worst


def test_score_risk_ratio_is_exact_to_1e12_up_to_a_billion():
    rows = reference().query("kind == 'risk_ratio_score'")
    assert len(rows) >= 20
    errors = []
    for row in rows.itertuples():
        a, n1, c, n2 = (int(x) for x in (row.a, row.n1, row.c, row.n2))
        res = risk_ratio_ci(a, n1 - a, c, n2 - c, method="score", level=float(row.level))
        got = res.ci.low if row.quantity == "low" else res.ci.high
        errors.append((_relative_error(got, float(row.value)), row.call))
    worst = max(errors)
    print(f"score risk ratio: worst relative error {worst[0]:.2e} at {worst[1]}")
    assert worst[0] < RELATIVE, worst


def test_the_issue_s_nan_case_is_solved():
    # statsmodels' closed form gave "function value is NaN" here; exact 0.99999994335-1.00000002841
    res = risk_ratio_ci(99_999_999, 1, 100_000_000, 0)
    assert (round(res.ci.low, 11), round(res.ci.high, 11)) == (0.99999994335, 1.00000002841)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: prevalence_ci(1e19, 2**62), r"k must not exceed n \(got k=10000000000000000000"),
        (lambda: prevalence_ci(2**62, 2**62 + 1), r"k must be below 2\*\*62"),
        (lambda: prevalence_ci([1, 2], [2**63 + 1, 5]), r"n must be below 2\*\*62"),
        (lambda: odds_ratio_ci(1e19, 1, 1, 1, method="woolf"), r"^a must be below 2\*\*62"),
        (lambda: odds_ratio_ci(1, 1, 1, 2**64), r"^d must be below 2\*\*62"),
        (lambda: check_counts(np.array([2**63 + 1], dtype=np.uint64), 1), "k must not exceed n"),
        (lambda: implied_odds_ratio([0.1, 0.2], [0.1, 0.2, 0.3]), "^p1 and p2 must have shapes"),
    ],
)
def test_huge_counts_and_bad_shapes_are_refused_naming_the_argument(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_counts_just_below_the_limit_still_work():
    ci = prevalence_ci(2**61, 2**62 - 1, method="clopper_pearson")
    assert ci.low < 0.5 < ci.high
    assert grim("50", 2**62) is True
