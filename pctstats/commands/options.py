"""The command line's argument types and the options several subcommands share.

Each argument type raises :class:`argparse.ArgumentTypeError` with a message naming what was
expected; argparse prints it on one line.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from pctstats.formatting import DEFAULT_FORMAT, FORMATS

__all__ = ["SHARED", "count", "level", "positive_int"]


def _whole_number(text: str, minimum: int, expected: str) -> int:
    """``text`` as a whole number of at least ``minimum``, else "expected <expected>"."""
    try:
        value = int(text)
    except ValueError:
        value = minimum - 1  # not a whole number: the same message as one out of range
    if value < minimum:
        raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}")
    return value


def positive_int(text: str) -> int:
    """An argument type: a whole number of at least 1 (a sample size, a number of jobs).

    Examples
    --------
    >>> positive_int("230")
    230
    >>> positive_int("2.5")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: expected a positive whole number, got '2.5'
    """
    return _whole_number(text, 1, "a positive whole number")


def count(text: str) -> int:
    """An argument type: a whole number of at least 0 (a count of cases).

    Examples
    --------
    >>> count("0")
    0
    """
    return _whole_number(text, 0, "a whole number >= 0")


def level(text: str) -> float:
    """An argument type: a confidence level strictly between 0 and 1.

    Examples
    --------
    >>> level("0.9")
    0.9
    >>> level("95")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: expected a confidence level strictly between 0 and 1 ... got '95'
    """
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


def _add_format(parser: argparse.ArgumentParser) -> None:
    """Add ``-f/--format``, the output format of a table."""
    parser.add_argument(
        "-f", "--format", choices=list(FORMATS), default=DEFAULT_FORMAT,
        help=f"output format (default: {DEFAULT_FORMAT}); table cuts long cells and fits the "
        "terminal's width, the others keep the full text",
    )


def _add_data(parser: argparse.ArgumentParser) -> None:
    """Add ``--data DIR``, the record set to read (default: the shipped one)."""
    parser.add_argument(
        "--data", metavar="DIR", default=None,
        help="read the record set in DIR (a folder with datapackage.json; default: the shipped "
        "record set)",
    )


def _add_rounding(parser: argparse.ArgumentParser) -> None:
    """Add ``--rounding MODE``, how printed values were rounded."""
    from pctstats.core.rounding import DEFAULT_ROUNDING, ROUNDING_MODES

    parser.add_argument(
        "--rounding", choices=list(ROUNDING_MODES), default=DEFAULT_ROUNDING,
        help=f"how printed values were rounded (default: {DEFAULT_ROUNDING}: half up or half "
        "down)",
    )


#: The options several subcommands share, added after a subcommand's own, in this order.
SHARED: dict[str, Callable[[argparse.ArgumentParser], None]] = {
    "rounding": _add_rounding, "data": _add_data, "format": _add_format,
}
