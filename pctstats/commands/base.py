"""What every subcommand shares: the command record, the usage error, the record set, the output.

Every table goes through :mod:`pctstats.formatting`; the ``table`` format fits the terminal's
width, the others keep everything.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pctstats.formatting import format_frame, format_rows, terminal_width

if TYPE_CHECKING:  # never at run time: 'grim' and 'ci' answer without importing pandas
    import pandas as pd

    from pctstats.data.dataset import Dataset

__all__ = ["PROG", "Command", "UsageError", "emit", "emit_frame", "emit_rows", "error",
           "load_records", "width"]

PROG = "pctstats"


class UsageError(Exception):
    """A mistake in what the user asked for: reported on one line, exit status 2.

    Examples
    --------
    >>> from pctstats.cli import main
    >>> main(["ci", "300", "230"])  # K > N: one line on stderr, no traceback
    2
    """


@dataclass(frozen=True)
class Command:
    """One subcommand: its summary and description, its options, the shared ones, its handler.

    ``summary`` is its line in ``pctstats --help``, ``description`` the text of its own
    ``--help``; ``configure`` adds its own options (it has none when it is None), ``shared``
    names the options of :data:`pctstats.commands.options.SHARED` it takes, after its own.

    Examples
    --------
    >>> from pctstats.cli import COMMANDS
    >>> COMMANDS["report"].shared
    ('rounding', 'data')
    """

    summary: str
    description: str
    configure: Callable[[argparse.ArgumentParser], None] | None
    shared: tuple[str, ...]
    run: Callable[[argparse.Namespace], int]


def load_records(args: argparse.Namespace) -> Dataset:
    """The record set named by ``--data`` (the shipped one by default).

    Examples
    --------
    >>> "maczkowiack2019" in load_records(argparse.Namespace(data=None)).sources
    True
    """
    from pctstats.data.dataset import default_dataset, load

    return default_dataset() if args.data is None else load(args.data)


def emit(text: str) -> None:
    r"""Write ``text`` to standard output at once.

    Examples
    --------
    >>> emit("done\n")
    done
    """
    sys.stdout.write(text)
    sys.stdout.flush()


def width(args: argparse.Namespace) -> int | None:
    """The terminal's width for the table format (cut to fit); other formats keep everything.

    Examples
    --------
    >>> width(argparse.Namespace(format="csv")) is None
    True
    """
    return terminal_width() if args.format == "table" else None


def emit_frame(frame: pd.DataFrame, args: argparse.Namespace) -> None:
    """Write a data frame in the format of ``--format``.

    Examples
    --------
    >>> import pandas as pd
    >>> emit_frame(pd.DataFrame({"k": [106], "n": [230]}), argparse.Namespace(format="csv"))
    k,n
    106,230
    """
    emit(format_frame(frame, args.format, width=width(args)))


def emit_rows(rows: list[dict[str, Any]], args: argparse.Namespace) -> None:
    """Write plain rows (one dict each) in the format of ``--format``, without pandas.

    Examples
    --------
    >>> emit_rows([{"k": 106, "n": 230}], argparse.Namespace(format="csv"))
    k,n
    106,230
    """
    emit(format_rows(rows, args.format, width=width(args)))


def error(command: str | None, message: str) -> None:
    r"""Report an error on one line of standard error, naming the (sub)command.

    Examples
    --------
    >>> import contextlib, io
    >>> with contextlib.redirect_stderr(io.StringIO()) as err:
    ...     error("grim", "give at least one value")
    >>> err.getvalue()
    'pctstats grim: error: give at least one value\n'
    """
    prog = f"{PROG} {command}" if command else PROG
    print(f"{prog}: error: {message}", file=sys.stderr)
