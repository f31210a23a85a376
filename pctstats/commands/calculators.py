"""The calculators: ``grim`` (GRIM-test printed values) and ``ci`` (an interval for K/N).

They answer at once: neither imports pandas or statsmodels (``ci`` imports scipy only for the
methods that need a beta quantile).
"""

from __future__ import annotations

import argparse

from pctstats.commands.base import Command, UsageError, emit_rows
from pctstats.commands.options import count, level, positive_int
from pctstats.stats.proportion_limits import DEFAULT_LEVEL, DEFAULT_METHOD, PREVALENCE_METHODS

__all__ = ["CI", "GRIM"]


# -- grim ------------------------------------------------------------------------------------------

def _run_grim(args: argparse.Namespace) -> int:
    from pctstats.stats.grim_consistency import grim
    from pctstats.stats.grim_table import grim_rows

    *values, n_text = args.numbers
    if not values:
        raise UsageError("give at least one value and the sample size N, e.g. 'grim 5.1 230'")
    try:
        n = positive_int(n_text)
    except argparse.ArgumentTypeError as err:
        raise UsageError(f"N (the last number): {err}") from None
    if args.items != 1 and not args.mean:
        raise UsageError("--items applies to means only: add --mean")
    for value in values:  # one value at a time first, so that an error names the value
        try:
            grim(value, n, percent=not args.mean, rounding=args.rounding, items=args.items)
        except (TypeError, ValueError) as err:
            raise UsageError(f"VALUE {value!r}: {err}") from None
    try:  # grim_map's table as plain rows: no pandas import for a few values
        rows = grim_rows(values, n, percent=not args.mean, rounding=args.rounding,
                         items=args.items)
    except (TypeError, ValueError) as err:
        raise UsageError(str(err)) from None
    emit_rows(rows, args)
    return 0


def _configure_grim(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("numbers", nargs="+", metavar="VALUE... N",
                        help="printed value(s), then the sample size N")
    parser.add_argument("--mean", action="store_true",
                        help="the values are means (or proportions), not percentages")
    parser.add_argument("--items", type=positive_int, default=1, metavar="K",
                        help="with --mean: integer items per person behind each mean (default: 1)")


# -- ci --------------------------------------------------------------------------------------------

def _run_ci(args: argparse.Namespace) -> int:
    # ci_table's rows without pandas, statsmodels or (for the closed-form methods) scipy
    from pctstats.stats.proportion_limits import ci_rows

    if args.k > args.n:
        raise UsageError(f"K must not exceed N, got K = {args.k} and N = {args.n}")
    methods = tuple(PREVALENCE_METHODS) if args.method == "all" else (args.method,)
    emit_rows(ci_rows(args.k, args.n, level=args.level, methods=methods), args)
    return 0


def _configure_ci(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("k", type=count, metavar="K", help="number of people with the condition")
    parser.add_argument("n", type=positive_int, metavar="N", help="number of people asked")
    parser.add_argument("--method", choices=[*PREVALENCE_METHODS, "all"], default=DEFAULT_METHOD,
                        help=f"interval method (default: {DEFAULT_METHOD}); 'all' compares them")
    parser.add_argument("--level", type=level, default=DEFAULT_LEVEL,
                        help=f"confidence level (default: {DEFAULT_LEVEL})")


GRIM = Command(
    "GRIM-test printed percentages (or means) against a sample size",
    "Can a printed percentage come from a whole count out of N (Brown & Heathers 2017)?\n"
    "Give one or more values as printed (trailing zeros count) and then N.\n"
    "Examples: pctstats grim 5.1 230\n"
    "          pctstats grim 46 5.1 2 230 --rounding even\n"
    "          pctstats grim 5.19 32 --mean",
    _configure_grim, ("rounding", "format"), _run_grim,
)
CI = Command(
    "confidence interval for a prevalence K/N",
    "Confidence interval for a prevalence K/N (proportions on the 0-1 scale).\n"
    f"Methods: {', '.join(PREVALENCE_METHODS)}, or all (Brown, Cai & DasGupta 2001).\n"
    "Example: pctstats ci 106 230 --method all",
    _configure_ci, ("format",), _run_ci,
)
