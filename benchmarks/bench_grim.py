"""Benchmark grim against PyPI's ``grim`` (0.1.10), pair by pair.

One million (percentage, n) pairs are drawn with a fixed seed: n from 10 to 2000, a count k from 0
to n, the percentage 100 k / n printed at 1 or 2 decimals (rounded half up, in exact integers), and
for 40% of the pairs the last digit nudged by 1 to 3 units so that both verdicts occur.

The PyPI package tests *means*: ``grim.mean_tester.consistency_check(mean, n, rounding)`` takes
the mean as a string or Decimal and n, and rounds with the :mod:`decimal` module (``ROUND_HALF_UP``
by default). A percentage is therefore passed as its proportion with two more decimals ("5.1" ->
"0.051"), which is the same definition pctstats uses; both are compared under half-up rounding
("up"). The package is pure Python (about 6 microseconds a pair), so it runs on all pairs; if it
ever becomes too slow, set ``REFERENCE_PAIRS`` to time a random subset and extrapolate per pair.

Run: ``.venv/bin/python benchmarks/bench_grim.py`` (or ``benchmarks/run.py`` for every benchmark).
"""

from __future__ import annotations

import decimal
import sys
import time

import numpy as np
from grim import mean_tester

from pctstats.stats.grim_consistency import grim

SEED = 20170101
PAIRS = 1_000_000
REFERENCE_PAIRS: int | None = None  # None: the PyPI package checks every pair
EXAMPLES = 10


def make_pairs(pairs: int = PAIRS, seed: int = SEED) -> tuple[list[str], list[str], np.ndarray]:
    """Draw the pairs: printed percentages, the same as proportion strings, and the ns."""
    rng = np.random.default_rng(seed)
    ns = rng.integers(10, 2001, size=pairs, dtype=np.int64)
    ks = rng.integers(0, ns + 1)
    decimals = rng.integers(1, 3, size=pairs)
    grains = 10**decimals
    # 100 k / n in units of the last printed digit, rounded half up: floor(x + 1/2), in integers.
    units = (200 * grains * ks + ns) // (2 * ns)
    nudged = rng.random(pairs) < 0.4
    delta = rng.integers(1, 4, size=pairs) * rng.choice([-1, 1], size=pairs)
    units = np.clip(units + nudged * delta, 0, 100 * grains)
    percents, proportions = [], []
    for unit, d in zip(units.tolist(), decimals.tolist(), strict=True):
        whole, frac = divmod(unit, 10**d)
        percents.append(f"{whole}.{frac:0{d}d}")
        # The same number as a proportion: two more decimals.
        whole, frac = divmod(unit, 10 ** (d + 2))
        proportions.append(f"{whole}.{frac:0{d + 2}d}")
    return percents, proportions, ns


def time_pctstats(
    percents: list[str], ns: np.ndarray, repeats: int = 3
) -> tuple[np.ndarray, float]:
    """Run grim under half-up rounding; return the verdicts and the best time in seconds."""
    best = float("inf")
    verdicts = np.zeros(0, dtype=bool)
    for _ in range(repeats):
        start = time.perf_counter()
        verdicts = grim(percents, ns, rounding="up")
        best = min(best, time.perf_counter() - start)
    return verdicts, best


def time_reference(
    proportions: list[str], ns: np.ndarray, rows: np.ndarray
) -> tuple[np.ndarray, float]:
    """Run the PyPI package on the given rows, one call per pair; return verdicts and seconds."""
    check = mean_tester.consistency_check
    half_up = decimal.ROUND_HALF_UP
    ns_list = ns.tolist()
    start = time.perf_counter()
    verdicts = [check(proportions[i], ns_list[i], half_up) for i in rows.tolist()]
    return np.array(verdicts, dtype=bool), time.perf_counter() - start


def main() -> int:
    """Run the benchmark, print the results; return 0 if the verdicts agree, else 1."""
    percents, proportions, ns = make_pairs()
    print(f"{PAIRS:,} pairs (seed {SEED}): percentages at 1-2 decimals, n in 10..2000")

    ours, ours_seconds = time_pctstats(percents, ns)
    print(
        f"pctstats.grim      : {ours_seconds:8.3f} s (best of 3)  "
        f"{PAIRS / ours_seconds:14,.0f} pairs/s   consistent: {ours.mean():.1%}"
    )

    if REFERENCE_PAIRS is None or REFERENCE_PAIRS >= PAIRS:
        rows = np.arange(PAIRS)
        note = "all pairs"
    else:
        subset = np.random.default_rng(SEED + 1).choice(PAIRS, REFERENCE_PAIRS, replace=False)
        rows = np.sort(subset)
        note = f"random subset of {rows.size:,}, extrapolated per pair"
    theirs, theirs_seconds = time_reference(proportions, ns, rows)
    theirs_rate = rows.size / theirs_seconds
    print(f"grim 0.1.10 (PyPI)  : {theirs_seconds:8.3f} s ({note})  {theirs_rate:14,.0f} pairs/s")
    print(f"speed ratio         : {PAIRS / ours_seconds / theirs_rate:,.0f}x faster (pctstats)")

    differ = np.flatnonzero(ours[rows] != theirs)
    print(f"verdicts (half up)  : {rows.size - differ.size:,} of {rows.size:,} pairs agree")
    if differ.size:
        print(f"{differ.size:,} pairs DISAGREE; first {min(EXAMPLES, differ.size)}:")
        for j in differ[:EXAMPLES].tolist():
            i = int(rows[j])
            print(
                f"  value {percents[i]!r} (proportion {proportions[i]!r}), n={int(ns[i])}: "
                f"pctstats {bool(ours[i])}, grim {bool(theirs[j])}"
            )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
