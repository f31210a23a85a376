"""The ``pctstats`` command line (also ``python -m pctstats``).

Subcommands, each with ``--help``::

    pctstats validate [--data DIR]
    pctstats check    [--strict] [--status STATUS ...] [--only CHECK ...] [--full]
                      [--rounding MODE] [--data DIR] [--format FMT]
    pctstats claims   [CLAIM_ID ...] [--rounding MODE] [--data DIR] [--format FMT]
    pctstats grim     VALUE [VALUE ...] N [--mean [--items K]] [--rounding MODE] [--format FMT]
    pctstats ci       K N [--method METHOD|all] [--level LEVEL] [--format FMT]
    pctstats sources  [SOURCE_ID ...] [--full] [--data DIR] [--format FMT]
    pctstats cite     [SOURCE_ID ... | --all] [--style apa|bibtex] [--data DIR]
    pctstats report   [--output PATH] [--format markdown|html] [--rounding MODE] [--data DIR]
    pctstats figures  [--out DIR] [--check] [--jobs N] [--traceback] [--notebook PATH ...]
    pctstats audit    FILE|FOLDER|- ... [--format FMT|html] [--jobs N] [--quiet]
                      [--rounding MODE] [--data DIR]

This module is the front-end: the parser, :func:`main` and the exit statuses; each subcommand is
declared, with its options and its handler, in :mod:`pctstats.commands`. Every table goes through
:mod:`pctstats.formatting` (``--format table|csv|json|markdown``). Exit
status: 0 on success; 1 when ``check --strict`` finds a failed check, when the record set is broken
(every problem is listed) or a file cannot be read or written; 2 for a usage mistake (an unknown
option, a bad number, an unknown id), which is reported on one line of standard error, never with a
traceback. Set ``PCTSTATS_TRACEBACK=1`` to see the traceback of an error anyway.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from pctstats import __version__
from pctstats.commands.audit import AUDIT
from pctstats.commands.base import PROG, Command, UsageError, error
from pctstats.commands.calculators import CI, GRIM
from pctstats.commands.options import SHARED
from pctstats.commands.publishing import CITE, FIGURES, REPORT
from pctstats.commands.records import CHECK, CLAIMS, SOURCE_SUMMARY_COLUMNS, SOURCES, VALIDATE
from pctstats.core.errors import DataError, UnknownIdError

__all__ = [
    "COMMANDS", "PROG", "SOURCE_SUMMARY_COLUMNS", "Command", "UsageError", "build_parser", "main",
]


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr (exit status 2), no usage dump."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


#: The subcommands, in the order ``pctstats --help`` lists them.
COMMANDS: dict[str, Command] = {
    "validate": VALIDATE,
    "check": CHECK,
    "claims": CLAIMS,
    "grim": GRIM,
    "ci": CI,
    "sources": SOURCES,
    "cite": CITE,
    "report": REPORT,
    "figures": FIGURES,
    "audit": AUDIT,
}

_RAW = argparse.RawDescriptionHelpFormatter


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser of the ``pctstats`` command, with one subparser per subcommand.

    Parameters
    ----------
    only
        Configure the options of this subcommand only (the others are listed, with no options);
        every subcommand when ``None``. :func:`main` passes the subcommand named on the command
        line, so that a run imports only what that subcommand needs.

    Returns
    -------
    argparse.ArgumentParser
        The parser; each configured subcommand stores its handler in ``func``.

    Examples
    --------
    >>> args = build_parser().parse_args(["ci", "106", "230", "--method", "all"])
    >>> args.command, args.k, args.n, args.method, args.format
    ('ci', 106, 230, 'all', 'table')
    """
    parser = _Parser(
        prog=PROG,
        description="Sourced records and consistency checks for the prevalence numbers popular "
        "articles quote about postcoital dysphoria (crying after sex).",
        epilog=f"Run '{PROG} COMMAND --help' for the options of one command.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name, command in COMMANDS.items():
        subparser = sub.add_parser(name, help=command.summary, formatter_class=_RAW)
        if only is None or only == name:
            subparser.description = command.description
            if command.configure is not None:
                command.configure(subparser)
            for option in command.shared:
                SHARED[option](subparser)
            subparser.set_defaults(func=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``pctstats`` command line.

    Parameters
    ----------
    argv
        The arguments after the program name; ``sys.argv[1:]`` when ``None``.

    Returns
    -------
    int
        The exit status: 0 success, 1 failed strict check / broken record set / file error,
        2 usage mistake.

    Examples
    --------
    >>> main(["grim", "5.1", "230"])
    value    n  consistency  k_min  k_max  probability  uninformative  rounding
    -----  ---  -----------  -----  -----  -----------  -------------  ----------
    5.1    230  False                             0.77  False          up_or_down
    0
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    named = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(only=named if named in COMMANDS else "")
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, --version, or a usage error already printed
        return stop.code if isinstance(stop.code, int) else 2
    show_traceback = os.environ.get("PCTSTATS_TRACEBACK") == "1"
    try:
        return args.func(args)
    except Exception as err:
        if show_traceback:
            raise
        return _report_error(args.command, err)
    except KeyboardInterrupt:
        return 130


def _report_error(command: str, err: Exception) -> int:
    if isinstance(err, UsageError | UnknownIdError):
        error(command, str(err))
        return 2
    if isinstance(err, DataError):  # every problem, one per line: the user fixes them all at once
        error(command, str(err))
        return 1
    if isinstance(err, BrokenPipeError):  # e.g. 'pctstats cite --all | head -1'
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    if isinstance(err, OSError):
        error(command, f"{err.strerror or err}: {err.filename}" if err.filename else str(err))
        return 1
    raise err


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
