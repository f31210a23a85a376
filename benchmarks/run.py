"""Run every ``benchmarks/bench_*.py`` in sorted order: each file's ``main()``, under a header.

A benchmark's ``main()`` returns 0 (or None) when its checks pass and non-zero otherwise; it may
also raise ``SystemExit``. Every benchmark runs even if an earlier one fails; the exit status is 1
if any failed.

Run: ``.venv/bin/python benchmarks/run.py`` (``make bench``).
"""

from __future__ import annotations

import importlib.util
import sys
import time
import traceback
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent


def run_one(path: Path) -> int:
    """Import one benchmark file and run its ``main()``; return its exit status."""
    spec = importlib.util.spec_from_file_location(f"_bench_{path.stem}", path)
    if spec is None or spec.loader is None:
        print(f"cannot load {path.name}")
        return 1
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
        main = getattr(module, "main", None)
        if main is None:
            print(f"{path.name} has no main()")
            return 1
        status = main()
    except SystemExit as stop:
        status = stop.code
    except Exception:
        traceback.print_exc()
        return 1
    if status is None:
        return 0
    return status if isinstance(status, int) else 1


def main() -> int:
    """Run all benchmarks; print a header and a status line for each, then a summary."""
    files = sorted(BENCHMARKS.glob("bench_*.py"))
    if not files:
        print(f"no bench_*.py files in {BENCHMARKS}")
        return 1
    failed = []
    for path in files:
        print(f"\n{'=' * 20} {path.name} {'=' * 20}", flush=True)
        start = time.perf_counter()
        status = run_one(path)
        elapsed = time.perf_counter() - start
        verdict = "ok" if status == 0 else f"FAILED ({status})"
        print(f"--- {path.name}: {verdict} in {elapsed:.1f} s")
        if status != 0:
            failed.append(path.name)
    print(f"\n{len(files) - len(failed)} of {len(files)} benchmarks passed", end="")
    print(f"; failed: {', '.join(failed)}" if failed else "")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
