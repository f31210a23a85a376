"""The subcommands that read the record set: ``validate``, ``check``, ``claims``, ``sources``."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict

from pctstats.commands.base import (
    PROG,
    Command,
    UsageError,
    emit,
    emit_frame,
    load_records,
    width,
)
from pctstats.formatting import format_record

__all__ = ["CHECK", "CLAIMS", "SOURCES", "SOURCE_SUMMARY_COLUMNS", "VALIDATE"]

#: Columns of ``pctstats sources`` without ``--full``.
SOURCE_SUMMARY_COLUMNS = (
    "source_id", "label", "authors", "year", "journal", "design", "n_analysed", "doi",
)


# -- validate: the record set itself, apart from what the checks find in the publications -------

def _run_validate(args: argparse.Namespace) -> int:
    from pctstats.data.dataset import TABLES, load

    db = load(args.data)  # a DataError lists every problem (exit status 1)
    counts = ", ".join(f"{len(getattr(db, name))} {name.replace('_', ' ')}" for name in TABLES)
    emit(f"the record set in {db.path} is well formed and consistent ({counts})\n")
    return 0


# -- check: every consistency check ----------------------------------------------------------------

def _run_check(args: argparse.Namespace) -> int:
    from pctstats.checks import FAIL, check_all
    from pctstats.checks.columns import CORE_COLUMNS, STATUS

    findings = check_all(load_records(args), rounding=args.rounding, checks=args.only or None)
    failed = int((findings[STATUS] == FAIL).sum())
    shown = findings if args.full else findings[list(CORE_COLUMNS)]
    if args.status:
        shown = shown[shown[STATUS].isin(args.status)]
    emit_frame(shown.reset_index(drop=True), args)
    if args.strict and failed:
        print(f"{PROG} check: {failed} finding(s) failed (--strict)", file=sys.stderr)
        return 1
    return 0


def _configure_check(parser: argparse.ArgumentParser) -> None:
    from pctstats.checks import CHECKS, STATUSES
    from pctstats.checks.columns import CORE_COLUMNS

    parser.add_argument("--strict", action="store_true",
                        help="exit with status 1 if a finding failed")
    parser.add_argument("--status", nargs="+", choices=list(STATUSES), metavar="STATUS",
                        help=f"show only findings of these statuses ({', '.join(STATUSES)})")
    parser.add_argument("--only", nargs="+", choices=list(CHECKS), metavar="CHECK",
                        help=f"run only these checks ({', '.join(CHECKS)})")
    parser.add_argument("--full", action="store_true",
                        help="every column: the numbers behind each finding, not only "
                        f"{', '.join(CORE_COLUMNS)}")


# -- claims: the claim audit -----------------------------------------------------------------------

def _run_claims(args: argparse.Namespace) -> int:
    from pctstats.cite import check_ids
    from pctstats.report import claims_table

    db = load_records(args)
    table = claims_table(db, rounding=args.rounding)
    if args.ids:
        # a claim is named by its key (article_id/claim_id) or, when unique, its id alone
        names = [*db.claims, *(c.claim_id for c in db.claims.values())]
        keys = list(db.claims)
        try:
            wanted = [db.claims[name].key for name in check_ids(args.ids, names, kind="claim id")]
        except KeyError as err:
            raise UsageError(err.args[0]) from None
        table = table.iloc[[keys.index(key) for key in wanted]].reset_index(drop=True)
    emit_frame(table, args)
    return 0


def _configure_claims(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ids", nargs="*", metavar="CLAIM_ID", help="only these claims")


# -- sources: the primary sources ------------------------------------------------------------------

def _run_sources(args: argparse.Namespace) -> int:
    from pctstats.cite import check_ids

    db = load_records(args)
    ids = check_ids(args.ids, db.sources) if args.ids else list(db.sources)
    if len(args.ids) == 1:
        emit(format_record(asdict(db.sources[ids[0]]), args.format, width=width(args)))
        return 0
    frame = db.frame("sources").set_index("source_id", drop=False).loc[ids]
    if not args.full:
        frame = frame[list(SOURCE_SUMMARY_COLUMNS)]
    emit_frame(frame.reset_index(drop=True), args)
    return 0


def _configure_sources(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ids", nargs="*", metavar="SOURCE_ID", help="only these sources")
    parser.add_argument("--full", action="store_true", help="every field, not a summary")


VALIDATE = Command(
    "check that the record set is well formed and consistent",
    "Check that the record set is well formed and consistent: every file readable, every "
    "column and cell as datapackage.json describes it, every id known, every record agreeing "
    "with the records it names. Exit status 0 when it is, whatever the publications' own "
    "inconsistencies (those are findings of 'pctstats check'); 1 with every problem listed "
    "when it is not.",
    None, ("data",), _run_validate,
)
CHECK = Command(
    "run every consistency check on the record set",
    "Run every consistency check on the record set (GRIM, nesting, ranges, proportion and\n"
    "ratio CIs, ratio claims); one row per finding: check, record_id, status, message,\n"
    "rounding (--full adds the numbers behind each finding).\n"
    "Exit status 0, unless --strict is given and a finding failed (then 1).",
    _configure_check, ("rounding", "data", "format"), _run_check,
)
CLAIMS = Command(
    "audit the articles' claims against their sources",
    "Audit every claim of the popular articles against the primary source it traces to:\n"
    "the article's quote, the source's quote, the DOI and the verdict with its reasons.\n"
    "Example: pctstats claims --format markdown",
    _configure_claims, ("rounding", "data", "format"), _run_claims,
)
SOURCES = Command(
    "list the primary sources",
    "List the primary sources (one row each), or show every field of one source.\n"
    "Examples: pctstats sources\n"
    "          pctstats sources maczkowiack2019",
    _configure_sources, ("data", "format"), _run_sources,
)
