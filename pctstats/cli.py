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

Every table goes through :mod:`pctstats.formatting` (``--format table|csv|json|markdown``). Exit
status: 0 on success; 1 when ``check --strict`` finds a failed check, when the record set is broken
(every problem is listed) or a file cannot be read or written; 2 for a usage mistake (an unknown
option, a bad number, an unknown id), which is reported on one line of standard error, never with a
traceback. Set ``PCTSTATS_TRACEBACK=1`` to see the traceback of an error anyway.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from pctstats.core.errors import DataError
from pctstats.formatting import (
    DEFAULT_FORMAT,
    FORMATS,
    format_frame,
    format_record,
    format_rows,
    terminal_width,
)

if TYPE_CHECKING:  # never at run time: 'grim' and 'ci' answer without importing pandas
    import pandas as pd

__all__ = [
    "COMMANDS", "PROG", "SOURCE_SUMMARY_COLUMNS", "Command", "UsageError", "build_parser", "main",
]

PROG = "pctstats"

#: Columns of ``pctstats sources`` without ``--full``.
SOURCE_SUMMARY_COLUMNS = (
    "source_id", "label", "authors", "year", "journal", "design", "n_analysed", "doi",
)


class UsageError(Exception):
    """A mistake in what the user asked for: reported on one line, exit status 2.

    Examples
    --------
    >>> main(["ci", "300", "230"])  # K > N: one line on stderr, no traceback
    2
    """


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr (exit status 2), no usage dump."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


# -- argument types: each raises ArgumentTypeError with a message naming what was expected ------

def _whole_number(minimum: int, expected: str) -> Callable[[str], int]:
    """An argument type: a whole number of at least ``minimum``, else "expected <expected>"."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = minimum - 1  # not a whole number: the same message as one out of range
        if value < minimum:
            raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}")
        return value

    return parse


_positive_int = _whole_number(1, "a positive whole number")
_count = _whole_number(0, "a whole number >= 0")


def _level(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a confidence level such as 0.95, got {text!r}"
        ) from None
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError(
            f"expected a confidence level strictly between 0 and 1 such as 0.95, got {text!r}"
        )
    return value


# -- shared pieces --------------------------------------------------------------------------------

def _load(args: argparse.Namespace):
    """The record set named by ``--data`` (the shipped one by default)."""
    from pctstats.data.dataset import default_dataset, load

    return default_dataset() if args.data is None else load(args.data)


def _emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _width(args: argparse.Namespace) -> int | None:
    """The terminal's width for the table format (cut to fit); other formats keep everything."""
    return terminal_width() if args.format == "table" else None


def _emit_frame(frame: pd.DataFrame, args: argparse.Namespace) -> None:
    _emit(format_frame(frame, args.format, width=_width(args)))


def _emit_rows(rows: list[dict[str, Any]], args: argparse.Namespace) -> None:
    _emit(format_rows(rows, args.format, width=_width(args)))


# -- subcommands ----------------------------------------------------------------------------------

def _cmd_check(args: argparse.Namespace) -> int:
    from pctstats.checks import FAIL, check_all
    from pctstats.checks.columns import CORE_COLUMNS, STATUS

    findings = check_all(_load(args), rounding=args.rounding, checks=args.only or None)
    failed = int((findings[STATUS] == FAIL).sum())
    shown = findings if args.full else findings[list(CORE_COLUMNS)]
    if args.status:
        shown = shown[shown[STATUS].isin(args.status)]
    _emit_frame(shown.reset_index(drop=True), args)
    if args.strict and failed:
        print(f"{PROG} check: {failed} finding(s) failed (--strict)", file=sys.stderr)
        return 1
    return 0


def _cmd_claims(args: argparse.Namespace) -> int:
    from pctstats.cite import check_ids
    from pctstats.report import claims_table

    db = _load(args)
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
    _emit_frame(table, args)
    return 0


def _cmd_grim(args: argparse.Namespace) -> int:
    from pctstats.stats.grim_consistency import grim, grim_rows

    *values, n_text = args.numbers
    if not values:
        raise UsageError("give at least one value and the sample size N, e.g. 'grim 5.1 230'")
    try:
        n = _positive_int(n_text)
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
    _emit_rows(rows, args)
    return 0


def _cmd_ci(args: argparse.Namespace) -> int:
    # ci_table's rows without pandas, statsmodels or (for the closed-form methods) scipy
    from pctstats.stats.proportion_limits import PREVALENCE_METHODS, ci_rows

    if args.k > args.n:
        raise UsageError(f"K must not exceed N, got K = {args.k} and N = {args.n}")
    methods = tuple(PREVALENCE_METHODS) if args.method == "all" else (args.method,)
    _emit_rows(ci_rows(args.k, args.n, level=args.level, methods=methods), args)
    return 0


def _cmd_sources(args: argparse.Namespace) -> int:
    from pctstats.cite import check_ids

    db = _load(args)
    ids = check_ids(args.ids, db.sources) if args.ids else list(db.sources)
    if len(args.ids) == 1:
        _emit(format_record(asdict(db.sources[ids[0]]), args.format, width=_width(args)))
        return 0
    frame = db.frame("sources").set_index("source_id", drop=False).loc[ids]
    if not args.full:
        frame = frame[list(SOURCE_SUMMARY_COLUMNS)]
    _emit_frame(frame.reset_index(drop=True), args)
    return 0


def _cmd_cite(args: argparse.Namespace) -> int:
    from pctstats.cite import cite, package_citation

    if args.all and args.ids:
        raise UsageError("give source ids or --all, not both")
    if not args.all and not args.ids:
        _emit(package_citation(args.style))
        return 0
    _emit(cite(None if args.all else args.ids, args.style, _load(args)))
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from pctstats.report import build_report, write_report

    db = _load(args)
    if args.report_format == "html":
        from pctstats.report_html import build_html_report

        if args.output == "-":
            raise UsageError("an HTML report is written to a file: give --output report.html")
        page = build_html_report(db, rounding=args.rounding)
        path = _atomic_write(args.output, page)
    elif args.output == "-":
        _emit(build_report(db, rounding=args.rounding, relative_to=Path.cwd()))
        return 0
    else:
        path = write_report(args.output, db, rounding=args.rounding)
    print(f"{PROG} report: wrote {path}", file=sys.stderr)
    return 0


def _atomic_write(output: str, text: str) -> Path:
    from pctstats.core.files import atomic_write_bytes

    target = Path(output)
    if not target.parent.is_dir():
        raise FileNotFoundError(2, "no such folder", str(target.parent))
    return atomic_write_bytes(target, text.encode("utf-8"))


def _cmd_figures(args: argparse.Namespace) -> int:
    from pctstats.core.paths import figures_dir
    from pctstats.publish.errors import BuildError, NotebookFailed
    from pctstats.publish.run import build, check, display_path

    target = Path(args.out) if args.out is not None else figures_dir()
    try:
        if args.check:
            differing = check(target, notebooks=args.notebook, jobs=args.jobs)
            if differing:
                print(f"{display_path(target)} differs from a fresh build in: "
                      f"{', '.join(differing)}\nRun `make figures` and commit the result.",
                      file=sys.stderr)
                return 1
            print(f"{display_path(target)} is identical to a fresh build.")
            return 0
        build(target, notebooks=args.notebook, jobs=args.jobs)
    except NotebookFailed as err:
        if args.traceback and err.traceback:
            print(err.traceback, file=sys.stderr)
        print(f"\nmake figures: {err}", file=sys.stderr)
        if not args.traceback:
            print("(run `python -m pctstats.build --traceback` for the full traceback, or open "
                  "the notebook in Jupyter)", file=sys.stderr)
        return 1
    except BuildError as err:
        print(f"\nmake figures: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nmake figures: interrupted; the output folder was left as it was.",
              file=sys.stderr, flush=True)
        return 130
    return 0


# -- the parser -----------------------------------------------------------------------------------
# Each subcommand's options are added by its own function, which imports only what that subcommand
# needs: 'pctstats cite' does not pay for importing statsmodels, which only 'check', 'claims', 'ci'
# and 'report' use.

# -- validate: the record set itself, apart from what the checks find in the publications -------

def _cmd_validate(args: argparse.Namespace) -> int:
    from pctstats.data.dataset import TABLES, load

    db = load(args.data)  # a DataError lists every problem (exit status 1)
    counts = ", ".join(f"{len(getattr(db, name))} {name.replace('_', ' ')}" for name in TABLES)
    _emit(f"the record set in {db.path} is well formed and consistent ({counts})\n")
    return 0


def _configure_validate(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Check that the record set is well formed and consistent: every file readable, every "
        "column and cell as datapackage.json describes it, every id known, every record agreeing "
        "with the records it names. Exit status 0 when it is, whatever the publications' own "
        "inconsistencies (those are findings of 'pctstats check'); 1 with every problem listed "
        "when it is not."
    )


_RAW = argparse.RawDescriptionHelpFormatter


def _add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-f", "--format", choices=list(FORMATS), default=DEFAULT_FORMAT,
        help=f"output format (default: {DEFAULT_FORMAT}); table cuts long cells and fits the "
        "terminal's width, the others keep the full text",
    )


def _add_data(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data", metavar="DIR", default=None,
        help="read the record set in DIR (a folder with datapackage.json; default: the shipped "
        "record set)",
    )


def _add_rounding(parser: argparse.ArgumentParser) -> None:
    from pctstats.core.rounding import DEFAULT_ROUNDING, ROUNDING_MODES

    parser.add_argument(
        "--rounding", choices=list(ROUNDING_MODES), default=DEFAULT_ROUNDING,
        help=f"how printed values were rounded (default: {DEFAULT_ROUNDING}: half up or half "
        "down)",
    )


def _configure_check(parser: argparse.ArgumentParser) -> None:
    from pctstats.checks import CHECKS, STATUSES
    from pctstats.checks.columns import CORE_COLUMNS

    parser.description = (
        "Run every consistency check on the record set (GRIM, nesting, ranges, proportion and\n"
        "ratio CIs, ratio claims); one row per finding: check, record_id, status, message,\n"
        "rounding (--full adds the numbers behind each finding).\n"
        "Exit status 0, unless --strict is given and a finding failed (then 1)."
    )
    parser.add_argument("--strict", action="store_true",
                        help="exit with status 1 if a finding failed")
    parser.add_argument("--status", nargs="+", choices=list(STATUSES), metavar="STATUS",
                        help=f"show only findings of these statuses ({', '.join(STATUSES)})")
    parser.add_argument("--only", nargs="+", choices=list(CHECKS), metavar="CHECK",
                        help=f"run only these checks ({', '.join(CHECKS)})")
    parser.add_argument("--full", action="store_true",
                        help="every column: the numbers behind each finding, not only "
                        f"{', '.join(CORE_COLUMNS)}")


def _configure_claims(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Audit every claim of the popular articles against the primary source it traces to:\n"
        "the article's quote, the source's quote, the DOI and the verdict with its reasons.\n"
        "Example: pctstats claims --format markdown"
    )
    parser.add_argument("ids", nargs="*", metavar="CLAIM_ID", help="only these claims")


def _configure_grim(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Can a printed percentage come from a whole count out of N (Brown & Heathers 2017)?\n"
        "Give one or more values as printed (trailing zeros count) and then N.\n"
        "Examples: pctstats grim 5.1 230\n"
        "          pctstats grim 46 5.1 2 230 --rounding even\n"
        "          pctstats grim 5.19 32 --mean"
    )
    parser.add_argument("numbers", nargs="+", metavar="VALUE... N",
                        help="printed value(s), then the sample size N")
    parser.add_argument("--mean", action="store_true",
                        help="the values are means (or proportions), not percentages")
    parser.add_argument("--items", type=_positive_int, default=1, metavar="K",
                        help="with --mean: integer items per person behind each mean (default: 1)")


def _configure_ci(parser: argparse.ArgumentParser) -> None:
    from pctstats.stats.proportion_limits import (
        DEFAULT_LEVEL,
        DEFAULT_METHOD,
        PREVALENCE_METHODS,
    )

    parser.description = (
        "Confidence interval for a prevalence K/N (proportions on the 0-1 scale).\n"
        f"Methods: {', '.join(PREVALENCE_METHODS)}, or all (Brown, Cai & DasGupta 2001).\n"
        "Example: pctstats ci 106 230 --method all"
    )
    parser.add_argument("k", type=_count, metavar="K", help="number of people with the condition")
    parser.add_argument("n", type=_positive_int, metavar="N", help="number of people asked")
    parser.add_argument("--method", choices=[*PREVALENCE_METHODS, "all"], default=DEFAULT_METHOD,
                        help=f"interval method (default: {DEFAULT_METHOD}); 'all' compares them")
    parser.add_argument("--level", type=_level, default=DEFAULT_LEVEL,
                        help=f"confidence level (default: {DEFAULT_LEVEL})")


def _configure_sources(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "List the primary sources (one row each), or show every field of one source.\n"
        "Examples: pctstats sources\n"
        "          pctstats sources maczkowiack2019"
    )
    parser.add_argument("ids", nargs="*", metavar="SOURCE_ID", help="only these sources")
    parser.add_argument("--full", action="store_true", help="every field, not a summary")


def _configure_cite(parser: argparse.ArgumentParser) -> None:
    from pctstats.cite import DEFAULT_STYLE, STYLES

    parser.description = (
        "Cite sources, generated from the record set; with no SOURCE_ID and no --all, cite\n"
        "pctstats itself. A source whose authors are open is cited without inventing any.\n"
        "Examples: pctstats cite maczkowiack2019 --style apa\n"
        "          pctstats cite --all --style bibtex > references.bib"
    )
    parser.add_argument("ids", nargs="*", metavar="SOURCE_ID", help="the sources to cite")
    parser.add_argument("--all", action="store_true", help="cite every source")
    parser.add_argument("--style", choices=list(STYLES), default=DEFAULT_STYLE,
                        help=f"citation style (default: {DEFAULT_STYLE})")


def _configure_report(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Write one self-contained report: sources, estimates with confidence intervals, every\n"
        "check finding, the claim audit, the pooled estimates and the figures. Markdown links\n"
        "the figures relative to the report; HTML is one page with the figures embedded, a\n"
        "table of contents and no external requests. Written atomically; '-' writes Markdown\n"
        "to standard output. Example: pctstats report --format html --output report.html"
    )
    parser.add_argument("-o", "--output", default="-", metavar="PATH",
                        help="where to write the report (default: '-', standard output)")
    parser.add_argument("-f", "--format", dest="report_format", choices=["markdown", "html"],
                        default="markdown", help="markdown (default) or html (one page)")


def _configure_figures(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Execute the notebooks and rebuild figures/ (PNG, SVG and PDF figures, numbers.json,\n"
        "numbers.tex, README.md): the same build as 'make figures' (see pctstats.publish).\n"
        "Needs a source checkout and the notebooks extra. Exit status 1 if a notebook fails or\n"
        "--check finds differences."
    )
    parser.add_argument("--out", metavar="DIR", default=None,
                        help="output folder (default: $PCTSTATS_FIGURES_DIR or figures/)")
    parser.add_argument("--check", action="store_true",
                        help="build into a temporary folder and compare it with the output "
                        "folder byte for byte; change nothing")
    parser.add_argument("--jobs", type=_positive_int, default=None, metavar="N",
                        help="notebooks executed at once (default: 2, or 1 on one core)")
    parser.add_argument("--notebook", type=Path, action="append", default=None, metavar="PATH",
                        help="execute only this notebook (repeatable; for debugging: the "
                        "numbers and README then describe only these notebooks)")
    parser.add_argument("--traceback", action="store_true",
                        help="on a failure, also print the notebook kernel's traceback")


# -- pctstats audit: the text audit of articles (pctstats.text) ---------------------------------

def _cmd_audit(args: argparse.Namespace) -> int:
    from pctstats.text.batch import audit_files
    from pctstats.text.reading import ArticleError
    from pctstats.text.render import render

    try:
        outcomes = audit_files(
            args.files, jobs=args.jobs, progress=not args.quiet,
            data=args.data, rounding=args.rounding,
        )
    except ArticleError as err:
        _error("audit", str(err))
        return 1
    failed = [(name, error) for name, _, frame, error in outcomes if frame is None]
    for name, error in failed:
        _error("audit", f"{name}: {error}")
    audited = [(name, text, frame) for name, text, frame, _ in outcomes if frame is not None]
    for name, _, frame in audited:
        if frame.empty and not args.quiet:
            print(f"{PROG} audit: {name}: {frame.attrs['message']}", file=sys.stderr)
    if audited:
        _emit(render(audited, args.format))
    return 1 if failed else 0


def _configure_audit(parser: argparse.ArgumentParser) -> None:
    from pctstats.text.render import AUDIT_FORMATS

    parser.description = (
        "Find every numeric prevalence claim in articles (plain text, Markdown or saved HTML\n"
        "pages; a folder: all of its .txt/.md/.html files; -: standard input), trace each to an\n"
        "estimate of the record set and audit it with the engine behind 'pctstats claims'.\n"
        "One row per claim: file, offsets, the number as printed, source, estimate, verdict,\n"
        "mismatches, message (csv and json: every column). --format html shows the text with\n"
        "each claim highlighted. Exit status 1 when a file cannot be read (the others are\n"
        "still audited)."
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="articles or folders of them")
    parser.add_argument(
        "-f", "--format", choices=list(AUDIT_FORMATS), default=DEFAULT_FORMAT,
        help=f"output format (default: {DEFAULT_FORMAT}); html: the text with claims marked",
    )
    parser.add_argument("--jobs", type=_positive_int, default=1, metavar="N",
                        help="articles audited at once, in N processes (default: 1)")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no progress bar and no note for a text without claims")


@dataclass(frozen=True)
class Command:
    """One subcommand: its summary, its own options, the shared options it takes, its handler.

    Examples
    --------
    >>> COMMANDS["report"].shared
    ('rounding', 'data')
    """

    summary: str
    configure: Callable[[argparse.ArgumentParser], None]
    shared: tuple[str, ...]
    run: Callable[[argparse.Namespace], int]


#: The options several subcommands share, added after a subcommand's own, in this order.
_SHARED: dict[str, Callable[[argparse.ArgumentParser], None]] = {
    "rounding": _add_rounding, "data": _add_data, "format": _add_format,
}

#: The subcommands, in the order ``pctstats --help`` lists them.
COMMANDS: dict[str, Command] = {
    "validate": Command("check that the record set is well formed and consistent",
                        _configure_validate, ("data",), _cmd_validate),
    "check": Command("run every consistency check on the record set", _configure_check,
                     ("rounding", "data", "format"), _cmd_check),
    "claims": Command("audit the articles' claims against their sources", _configure_claims,
                      ("rounding", "data", "format"), _cmd_claims),
    "grim": Command("GRIM-test printed percentages (or means) against a sample size",
                    _configure_grim, ("rounding", "format"), _cmd_grim),
    "ci": Command("confidence interval for a prevalence K/N", _configure_ci, ("format",),
                  _cmd_ci),
    "sources": Command("list the primary sources", _configure_sources, ("data", "format"),
                       _cmd_sources),
    "cite": Command("cite sources (APA or BibTeX), or pctstats itself", _configure_cite,
                    ("data",), _cmd_cite),
    "report": Command("write a Markdown or HTML report of everything, from the data",
                      _configure_report,
                      ("rounding", "data"), _cmd_report),
    "figures": Command("rebuild figures/ (the same build as 'make figures')", _configure_figures,
                       (), _cmd_figures),
    "audit": Command("find and audit the prevalence claims in articles' text", _configure_audit,
                     ("rounding", "data"), _cmd_audit),
}


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
    from pctstats import __version__

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
            command.configure(subparser)
            for option in command.shared:
                _SHARED[option](subparser)
            subparser.set_defaults(func=command.run)
    return parser


def _error(command: str | None, message: str) -> None:
    prog = f"{PROG} {command}" if command else PROG
    print(f"{prog}: error: {message}", file=sys.stderr)


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
    from pctstats.cite import UnknownIdError

    if isinstance(err, UsageError | UnknownIdError):
        _error(command, str(err))
        return 2
    if isinstance(err, DataError):  # every problem, one per line: the user fixes them all at once
        _error(command, str(err))
        return 1
    if isinstance(err, BrokenPipeError):  # e.g. 'pctstats cite --all | head -1'
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    if isinstance(err, OSError):
        _error(command, f"{err.strerror or err}: {err.filename}" if err.filename else str(err))
        return 1
    raise err


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
