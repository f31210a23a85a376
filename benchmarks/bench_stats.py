"""Benchmark the exact odds-ratio intervals and random-effects pooling.

- ``odds_ratio_ci`` (conditional and mid-p) on the issue's tables: 3,000 / 7,000 against
  2,500 / 7,500 (10,000 per cell on average) and the same times ten (100,000). Targets: 20 ms
  and 200 ms per interval (it took 1.2–2.6 s at 10,000 per cell before the log-space solver).
- ``pool_prevalence`` on 10, 1,000 and 100,000 made-up studies (seeded: n from 10 to 2,000,
  prevalences around 30% with between-study spread on the logit scale), every τ² estimator.

Each time is the best of a few runs. Run: ``.venv/bin/python benchmarks/bench_stats.py``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

import numpy as np

from pctstats.stats.pooling import POOLING_METHODS, pool_prevalence
from pctstats.stats.ratios import odds_ratio_ci

TABLES = {
    "10,000 per cell": ((3000, 7000, 2500, 7500), 0.020),
    "100,000 per cell": ((30000, 70000, 25000, 75000), 0.200),
}
STUDIES = (10, 1_000, 100_000)
SEED = 20261202


def best_time(func: Callable[[], object], repeats: int = 5) -> float:
    """Best wall time of ``repeats`` calls, in seconds."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def made_up_studies(count: int) -> tuple[np.ndarray, np.ndarray]:
    """Seeded made-up studies (not data): counts and sample sizes."""
    rng = np.random.default_rng(SEED)
    n = rng.integers(10, 2001, size=count)
    logit = rng.normal(-0.85, 0.4, size=count)
    k = rng.binomial(n, 1.0 / (1.0 + np.exp(-logit)))
    return k, n


def main() -> int:
    """Print the timings; return 1 if an odds-ratio target is missed."""
    failed = False
    print("odds_ratio_ci (best of 5)")
    for label, (table, target) in TABLES.items():
        for method in ("conditional", "midp"):
            seconds = best_time(lambda t=table, m=method: odds_ratio_ci(*t, method=m))
            ok = seconds <= target
            failed |= not ok
            print(
                f"  {label:>16} {method:>11}: {1000 * seconds:8.1f} ms "
                f"(target {1000 * target:.0f} ms: {'ok' if ok else 'MISSED'})"
            )
    print("pool_prevalence (best of 3)")
    for count in STUDIES:
        k, n = made_up_studies(count)
        timings = []
        for method in POOLING_METHODS:
            seconds = best_time(
                lambda m=method, k=k, n=n: pool_prevalence(k, n, method=m), repeats=3
            )
            timings.append(f"{method} {1000 * seconds:7.1f} ms")
        print(f"  {count:>7} studies: " + ", ".join(timings))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
