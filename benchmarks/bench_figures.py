"""Benchmark the figure build and the import time of pctstats.

1. A full figure build (every notebook, every figure in every format), with the environment
   already installed, into a temporary folder. Target: under 30 s on 2 cores.
2. ``import pctstats`` in a fresh interpreter, minus the start of a bare interpreter (best of
   several runs, so that a busy machine does not inflate it). Target: under 0.5 s.

Run standalone (``.venv/bin/python benchmarks/bench_figures.py``) or through ``benchmarks/run.py``.
``main()`` prints the numbers and returns 1 if a target is missed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUILD_TARGET_S = 30.0
IMPORT_TARGET_S = 0.5
IMPORT_REPEATS = 7


def time_build() -> tuple[float, int, int]:
    """Seconds of one full build into a temporary folder, and its figure and number counts."""
    from pctstats.publish.run import build

    with tempfile.TemporaryDirectory(prefix="bench-figures-") as out:
        start = time.perf_counter()
        result = build(out, quiet=False)
        seconds = time.perf_counter() - start
    return seconds, len(result.figures), len(result.numbers)


def _best_of(command: list[str], repeats: int) -> float:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "0"}
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(command, check=True, env=env, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def time_import(repeats: int = IMPORT_REPEATS) -> tuple[float, float, float]:
    """(import time, interpreter with import, bare interpreter), in seconds, best of ``repeats``."""
    subprocess.run([sys.executable, "-c", "import pctstats"], check=True)  # warm the caches
    bare = _best_of([sys.executable, "-c", "pass"], repeats)
    with_import = _best_of([sys.executable, "-c", "import pctstats"], repeats)
    return max(0.0, with_import - bare), with_import, bare


def import_profile(top: int = 5) -> list[tuple[int, str]]:
    """The slowest modules ``import pctstats`` loads (``python -X importtime``), in microseconds."""
    run = subprocess.run([sys.executable, "-X", "importtime", "-c", "import pctstats"],
                         check=True, capture_output=True, text=True)
    rows = []
    for line in run.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), parts[2].rstrip()))
    return sorted(rows, reverse=True)[:top]


def main() -> int:
    """Run both benchmarks, print the numbers; 1 if a target is missed."""
    print(f"python {sys.version.split()[0]} on {os.cpu_count()} cores; "
          f"repository {Path(__file__).resolve().parents[1]}")
    imported, with_import, bare = time_import()
    print(f"import pctstats: {imported * 1000:.0f} ms "
          f"(interpreter with import {with_import * 1000:.0f} ms, bare {bare * 1000:.0f} ms; "
          f"target < {IMPORT_TARGET_S * 1000:.0f} ms)")
    for micros, name in import_profile():
        print(f"    {micros / 1000:7.1f} ms cumulative  {name.strip()}")
    seconds, figures, numbers = time_build()
    print(f"full figure build: {seconds:.1f} s for {figures} figures and {numbers} numbers "
          f"(target < {BUILD_TARGET_S:.0f} s)")
    missed = []
    if imported >= IMPORT_TARGET_S:
        missed.append("import time")
    if seconds >= BUILD_TARGET_S:
        missed.append("build time")
    if missed:
        print(f"missed target(s): {', '.join(missed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
