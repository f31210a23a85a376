"""Errors raised by pctstats."""

from __future__ import annotations

import difflib
from collections.abc import Collection
from dataclasses import dataclass

__all__ = ["ArgumentTypeError", "DataError", "DataIssue", "UnknownIdError"]


@dataclass(frozen=True)
class DataIssue:
    """One broken rule in the record set: where it is and what was expected.

    Attributes
    ----------
    file
        The file's name (e.g. ``"estimates.csv"``).
    row
        The 1-based data row (the header is row 0; the file's line number is ``row + 1``), or
        ``None`` for a problem with the file or its header.
    column
        The column, or ``None`` for a problem with a whole row or file.
    rule
        A short name of the rule broken (e.g. ``"percent_range"``).
    message
        One sentence saying what was found and what was expected.
    record_id
        The id of the record in that row, where it could be read.

    Examples
    --------
    >>> issue = DataIssue("estimates.csv", 7, "value", "percent_range",
    ...                   "120 is outside 0-100 per cent", record_id="bird2011-4weeks")
    >>> print(issue)
    estimates.csv, row 7 (line 8) [bird2011-4weeks], column 'value': 120 is outside 0-100 per
    cent (rule: percent_range)
    >>> print(DataIssue("sources.csv", None, None, "header", "missing ['doi']"))
    sources.csv: missing ['doi'] (rule: header)
    """

    file: str
    row: int | None
    column: str | None
    rule: str
    message: str
    record_id: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row} (line {self.row + 1})"
            if self.record_id:
                where += f" [{self.record_id}]"
        if self.column is not None:
            where += f", column '{self.column}'"
        return f"{where}: {self.message} (rule: {self.rule})"


class DataError(ValueError):
    """The record set in ``data/`` breaks a validation rule; nothing was loaded.

    ``issues`` lists every problem found, each naming file, row, column and rule; the message
    shows them all (up to 25).

    Parameters
    ----------
    issues
        Every problem found, in the order found.

    Examples
    --------
    >>> err = DataError([DataIssue("sources.csv", None, None, "header", "missing ['doi']")])
    >>> print(err)
    the record set has 1 problem:
      - sources.csv: missing ['doi'] (rule: header)
    >>> err.first.rule, isinstance(err, ValueError)
    ('header', True)
    """

    def __init__(self, issues: list[DataIssue]) -> None:
        self.issues = list(issues)
        shown = "\n".join(f"  - {issue}" for issue in self.issues[:25])
        more = len(self.issues) - 25
        tail = f"\n  ... and {more} more" if more > 0 else ""
        noun = "problem" if len(self.issues) == 1 else "problems"
        super().__init__(f"the record set has {len(self.issues)} {noun}:\n{shown}{tail}")

    @property
    def first(self) -> DataIssue:
        """The first problem found."""
        return self.issues[0]


class ArgumentTypeError(TypeError, ValueError):
    """An argument of the wrong type (e.g. booleans passed as counts).

    Both a :class:`TypeError` (the type is wrong) and a :class:`ValueError` (what callers of
    the statistics catch for any bad argument), like numpy's ``AxisError``.

    Examples
    --------
    >>> err = ArgumentTypeError("k must be numeric, got booleans")
    >>> isinstance(err, TypeError), isinstance(err, ValueError)
    (True, True)
    """


class UnknownIdError(LookupError):
    """An id that names no record; the message suggests the closest known ids.

    Attributes
    ----------
    unknown
        The id asked for.
    suggestions
        Close matches among the known ids (by :func:`difflib.get_close_matches`), best first.

    Examples
    --------
    >>> err = UnknownIdError("bird2012", ["bird2011", "pyke2020"])
    >>> err.suggestions, str(err)
    (['bird2011'], "unknown source id 'bird2012'; did you mean 'bird2011'?")
    """

    def __init__(self, unknown: str, known: Collection[str], kind: str = "source id") -> None:
        self.unknown = unknown
        self.suggestions = difflib.get_close_matches(unknown, list(known), n=3, cutoff=0.6)
        if self.suggestions:
            hint = "did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
        else:
            hint = "known: " + ", ".join(sorted(known))
        super().__init__(f"unknown {kind} {unknown!r}; {hint}")

    def __str__(self) -> str:
        return str(self.args[0])
