"""Benchmark grim_map on one million rows with sample sizes up to a billion.

Large surveys print whole percentages of large n; the consistent counts of one such value number
in the millions (41% of 10**9 fits ten million counts). ``grim_map`` returns them as the range
``k_min``..``k_max``, so its time and memory do not grow with n. This benchmark draws 10**6 rows
with a fixed seed (n log-uniform from 10 to 10**9, percentages printed at 0 to 2 decimals, 40% of
them nudged so that both verdicts occur), times ``grim_map`` (best of 3) and measures its peak
memory with :mod:`tracemalloc` (numpy reports its buffers to it), and fails if either exceeds the
target of issue 14: 2 s and 500 MB. It also checks a sample of rows against :func:`grim_counts`.

Run: ``.venv/bin/python benchmarks/bench_grim_map.py`` (or ``benchmarks/run.py``).
"""

from __future__ import annotations

import time
import tracemalloc

import numpy as np
import pandas as pd

from pctstats.stats.grim_consistency import grim_counts, grim_map

SEED = 14
ROWS = 1_000_000
MAX_N = 10**9
TARGET_SECONDS = 2.0
TARGET_MB = 500.0


def make_table(rows: int = ROWS, seed: int = SEED) -> pd.DataFrame:
    """Draw the rows: printed percentages (strings) and sample sizes up to ``MAX_N``."""
    rng = np.random.default_rng(seed)
    ns = np.exp(rng.uniform(np.log(10), np.log(MAX_N), size=rows)).astype(np.int64)
    ks = (rng.random(rows) * (ns + 1)).astype(np.int64).clip(0, ns)
    decimals = rng.integers(0, 3, size=rows)
    grains = 10**decimals
    units = (200 * grains * ks + ns) // (2 * ns)  # 100 k / n, rounded half up, in integers
    nudged = rng.random(rows) < 0.4
    units = np.clip(units + nudged * rng.choice([-1, 1], size=rows), 0, 100 * grains)
    values = [
        str(u) if d == 0 else f"{u // 10**d}.{u % 10**d:0{d}d}"
        for u, d in zip(units.tolist(), decimals.tolist(), strict=True)
    ]
    return pd.DataFrame({"value": values, "n": ns})


def main() -> int:
    """Time and measure grim_map; return 1 if a target is missed or a sampled row is wrong."""
    table = make_table()
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        out = grim_map(table)
        best = min(best, time.perf_counter() - start)
    tracemalloc.start()
    grim_map(table)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak_mb = peak / 1e6
    width = (out["k_max"] - out["k_min"] + 1).fillna(0)
    print(f"grim_map on {len(table):,} rows, n up to {MAX_N:,}: {best:.2f} s (best of 3), "
          f"peak {peak_mb:.0f} MB traced; targets {TARGET_SECONDS} s and {TARGET_MB:.0f} MB")
    print(f"  consistent rows: {int(out['consistency'].sum()):,}; "
          f"most counts behind one row: {int(width.max()):,} (held as k_min..k_max)")
    rng = np.random.default_rng(SEED + 1)
    wrong = 0
    for i in rng.choice(len(table), size=2000, replace=False).tolist():
        counts = grim_counts(table["value"].iat[i], int(table["n"].iat[i]))
        got = out.iloc[i]
        expected = (counts[0], counts[-1]) if counts else (pd.NA, pd.NA)
        wrong += (got["k_min"], got["k_max"]) != expected
    print(f"  2,000 sampled rows against grim_counts: {wrong} disagree")
    return int(best > TARGET_SECONDS or peak_mb > TARGET_MB or wrong > 0)


if __name__ == "__main__":
    raise SystemExit(main())
