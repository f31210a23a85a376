"""Benchmark the command line's latency: ``pctstats grim 5.1 230`` and ``pctstats ci 106 230``.

Each command runs in a fresh interpreter (``python -m pctstats ...``), as a user runs it; the
time is the best of a few runs, wall clock, and includes the interpreter's start. The target is
0.3 s. The least CPU time (user + system) of a run is printed beside it: on a loaded machine the
wall time also waits for a core, the CPU time does not. For each command the heaviest imports
are listed (``python -X importtime``), since the latency is almost all imports.

Run: ``.venv/bin/python benchmarks/bench_cli.py``.
"""

from __future__ import annotations

import re
import resource
import subprocess
import sys
import time

COMMANDS = (("grim", "5.1", "230"), ("ci", "106", "230"))
TARGET = 0.3
REPEATS = 5
THIRD_PARTY = ("numpy", "pandas", "scipy", "statsmodels", "matplotlib")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def best_time(args: tuple[str, ...]) -> tuple[float, float]:
    """Best wall time of ``python -m pctstats ARGS`` over ``REPEATS`` runs and the least CPU time
    (user + system) of a run, in seconds."""
    best, cpu = float("inf"), float("inf")
    for _ in range(REPEATS):
        start, start_cpu = time.perf_counter(), _children_cpu()
        subprocess.run(
            [sys.executable, "-m", "pctstats", *args], check=True, capture_output=True
        )
        best = min(best, time.perf_counter() - start)
        cpu = min(cpu, _children_cpu() - start_cpu)
    return best, cpu


def heaviest_imports(args: tuple[str, ...]) -> list[tuple[float, str]]:
    """The third-party packages the command imports, by cumulative import time (s)."""
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "pctstats", *args],
        check=True,
        capture_output=True,
        text=True,
    )
    totals: dict[str, float] = {}
    for line in run.stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \| *(\S+)", line)
        if match:
            name = match.group(2).split(".")[0]
            if name in THIRD_PARTY:
                totals[name] = max(totals.get(name, 0.0), int(match.group(1)) / 1e6)
    return sorted(((t, name) for name, t in totals.items()), reverse=True)


def main() -> int:
    """Print the latencies and the heaviest imports; return 1 if a command misses the target."""
    missed = False
    for args in COMMANDS:
        seconds, cpu = best_time(args)
        ok = seconds < TARGET
        missed |= not ok
        imports = ", ".join(f"{name} {t:.2f} s" for t, name in heaviest_imports(args))
        print(
            f"pctstats {' '.join(args):<12} {seconds:5.2f} s, CPU {cpu:5.2f} s "
            f"(target < {TARGET} s: {'ok' if ok else 'MISSED'}); heaviest imports: "
            f"{imports or 'none but numpy'}"
        )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
