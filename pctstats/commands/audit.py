"""``pctstats audit``: the text audit of articles (:mod:`pctstats.text`)."""

from __future__ import annotations

import argparse
import sys

from pctstats.commands.base import PROG, Command, emit, error
from pctstats.commands.options import positive_int
from pctstats.formatting import DEFAULT_FORMAT

__all__ = ["AUDIT"]


def _run_audit(args: argparse.Namespace) -> int:
    from pctstats.text.batch import audit_files
    from pctstats.text.reading import ArticleError
    from pctstats.text.render import render

    try:
        outcomes = audit_files(
            args.files, jobs=args.jobs, progress=not args.quiet,
            data=args.data, rounding=args.rounding,
        )
    except ArticleError as err:
        error("audit", str(err))
        return 1
    failed = [(name, message) for name, _, frame, message in outcomes if frame is None]
    for name, message in failed:
        error("audit", f"{name}: {message}")
    audited = [(name, text, frame) for name, text, frame, _ in outcomes if frame is not None]
    for name, _, frame in audited:
        if frame.empty and not args.quiet:
            print(f"{PROG} audit: {name}: {frame.attrs['message']}", file=sys.stderr)
    if audited:
        emit(render(audited, args.format))
    return 1 if failed else 0


def _configure_audit(parser: argparse.ArgumentParser) -> None:
    from pctstats.text.render import AUDIT_FORMATS

    parser.add_argument("files", nargs="+", metavar="FILE", help="articles or folders of them")
    parser.add_argument(
        "-f", "--format", choices=list(AUDIT_FORMATS), default=DEFAULT_FORMAT,
        help=f"output format (default: {DEFAULT_FORMAT}); html: the text with claims marked",
    )
    parser.add_argument("--jobs", type=positive_int, default=1, metavar="N",
                        help="articles audited at once, in N processes (default: 1)")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no progress bar and no note for a text without claims")


AUDIT = Command(
    "find and audit the prevalence claims in articles' text",
    "Find every numeric prevalence claim in articles (plain text, Markdown or saved HTML\n"
    "pages; a folder: all of its .txt/.md/.html files; -: standard input), trace each to an\n"
    "estimate of the record set and audit it with the engine behind 'pctstats claims'.\n"
    "One row per claim: file, offsets, the number as printed, source, estimate, verdict,\n"
    "mismatches, message (csv and json: every column). --format html shows the text with\n"
    "each claim highlighted. Exit status 1 when a file cannot be read (the others are\n"
    "still audited).",
    _configure_audit, ("rounding", "data"), _run_audit,
)
