"""The subcommands that publish: ``cite`` (references), ``report`` (one report), ``figures``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pctstats.commands.base import PROG, Command, UsageError, emit, load_records
from pctstats.commands.options import positive_int

__all__ = ["CITE", "FIGURES", "REPORT"]


# -- cite ------------------------------------------------------------------------------------------

def _run_cite(args: argparse.Namespace) -> int:
    from pctstats.cite import cite, package_citation

    if args.all and args.ids:
        raise UsageError("give source ids or --all, not both")
    if not args.all and not args.ids:
        emit(package_citation(args.style))
        return 0
    emit(cite(None if args.all else args.ids, args.style, load_records(args)))
    return 0


def _configure_cite(parser: argparse.ArgumentParser) -> None:
    from pctstats.cite import DEFAULT_STYLE, STYLES

    parser.add_argument("ids", nargs="*", metavar="SOURCE_ID", help="the sources to cite")
    parser.add_argument("--all", action="store_true", help="cite every source")
    parser.add_argument("--style", choices=list(STYLES), default=DEFAULT_STYLE,
                        help=f"citation style (default: {DEFAULT_STYLE})")


# -- report ----------------------------------------------------------------------------------------

def _run_report(args: argparse.Namespace) -> int:
    from pctstats.report import build_report, write_report

    db = load_records(args)
    if args.report_format == "html":
        from pctstats.report_html import build_html_report

        if args.output == "-":
            raise UsageError("an HTML report is written to a file: give --output report.html")
        page = build_html_report(db, rounding=args.rounding)
        path = _atomic_write(args.output, page)
    elif args.output == "-":
        emit(build_report(db, rounding=args.rounding, relative_to=Path.cwd()))
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


def _configure_report(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", default="-", metavar="PATH",
                        help="where to write the report (default: '-', standard output)")
    parser.add_argument("-f", "--format", dest="report_format", choices=["markdown", "html"],
                        default="markdown", help="markdown (default) or html (one page)")


# -- figures ---------------------------------------------------------------------------------------

def _run_figures(args: argparse.Namespace) -> int:
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


def _configure_figures(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", metavar="DIR", default=None,
                        help="output folder (default: $PCTSTATS_FIGURES_DIR or figures/)")
    parser.add_argument("--check", action="store_true",
                        help="build into a temporary folder and compare it with the output "
                        "folder byte for byte; change nothing")
    parser.add_argument("--jobs", type=positive_int, default=None, metavar="N",
                        help="notebooks executed at once (default: 2, or 1 on one core)")
    parser.add_argument("--notebook", type=Path, action="append", default=None, metavar="PATH",
                        help="execute only this notebook (repeatable; for debugging: the "
                        "numbers and README then describe only these notebooks)")
    parser.add_argument("--traceback", action="store_true",
                        help="on a failure, also print the notebook kernel's traceback")


CITE = Command(
    "cite sources (APA or BibTeX), or pctstats itself",
    "Cite sources, generated from the record set; with no SOURCE_ID and no --all, cite\n"
    "pctstats itself. A source whose authors are open is cited without inventing any.\n"
    "Examples: pctstats cite maczkowiack2019 --style apa\n"
    "          pctstats cite --all --style bibtex > references.bib",
    _configure_cite, ("data",), _run_cite,
)
REPORT = Command(
    "write a Markdown or HTML report of everything, from the data",
    "Write one self-contained report: sources, estimates with confidence intervals, every\n"
    "check finding, the claim audit, the pooled estimates and the figures. Markdown links\n"
    "the figures relative to the report; HTML is one page with the figures embedded, a\n"
    "table of contents and no external requests. Written atomically; '-' writes Markdown\n"
    "to standard output. Example: pctstats report --format html --output report.html",
    _configure_report, ("rounding", "data"), _run_report,
)
FIGURES = Command(
    "rebuild figures/ (the same build as 'make figures')",
    "Execute the notebooks and rebuild figures/ (PNG, SVG and PDF figures, numbers.json,\n"
    "numbers.tex, README.md): the same build as 'make figures' (see pctstats.publish).\n"
    "Needs a source checkout and the notebooks extra. Exit status 1 if a notebook fails or\n"
    "--check finds differences.",
    _configure_figures, (), _run_figures,
)
