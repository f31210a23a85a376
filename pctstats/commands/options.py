"""The command line's argument types and the options several subcommands share.

Each argument type raises :class:`argparse.ArgumentTypeError` with a message naming what was
expected; argparse prints it on one line.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from pctstats.formatting import DEFAULT_FORMAT, FORMATS

__all__ = ["SHARED", "WholeNumber", "count", "level", "positive_int"]


@dataclass(frozen=True)
class WholeNumber:
    """An argument type (as :class:`argparse.FileType`): a whole number of at least ``minimum``.

    Anything else is refused with "expected <expected>, got <text>".

    Examples
    --------
    >>> positive_int("230"), count("0")
    (230, 0)
    >>> positive_int("2.5")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: expected a positive whole number, got '2.5'
    """

    minimum: int
    expected: str

    def __call__(self, text: str) -> int:
        """``text`` as a whole number of at least ``minimum``."""
        try:
            value = int(text)
        except ValueError:
            value = self.minimum - 1  # not a whole number: the same message as one out of range
        if value < self.minimum:
            raise argparse.ArgumentTypeError(f"expected {self.expected}, got {text!r}")
        return value


#: A sample size, a number of jobs or items: a whole number of at least 1.
positive_int: Final = WholeNumber(1, "a positive whole number")
#: A count of cases: a whole number of at least 0.
count: Final = WholeNumber(0, "a whole number >= 0")


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
