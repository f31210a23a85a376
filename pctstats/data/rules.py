"""How a rule of the record set is run: over every row of a table, each breach a located issue.

A rule of one record (:data:`RowRule`) takes the record's parsed values (a :data:`Row`) and yields
a :class:`Breach` for each way the record breaks it: the column, the rule's short name and one
sentence saying what was found and what was expected. :func:`apply_rule` runs a rule over a
:data:`Table` and turns each breach into a :class:`~pctstats.core.errors.DataIssue` that names the
file, the row and the record as well, so no rule writes that part itself. The rules are in
:mod:`pctstats.data.validation` (fields, rows, keys and references) and
:mod:`pctstats.data.consistency` (what one record says against the records it names).

Examples
--------
>>> def age_order(rec):
...     if rec["age_min"] > rec["age_max"]:
...         yield Breach("age_min", "bounds_order", "age_min is above age_max")
>>> table = [(1, {"source_id": "a", "age_min": 18, "age_max": 30}),
...          (2, {"source_id": "b", "age_min": 30, "age_max": 18})]
>>> [str(issue) for issue in apply_rule("sources.csv", table, "source_id", age_order)]
["sources.csv, row 2 (line 3) [b], column 'age_min': age_min is above age_max (rule: bounds_order)"]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pctstats.core.errors import DataIssue

__all__ = ["Breach", "Row", "RowRule", "Table", "apply_rule"]

#: One record as parsed: typed values by column.
Row = Mapping[str, Any]
#: A table as parsed: (1-based data row, typed values by column) pairs.
Table = list[tuple[int, Row]]


@dataclass(frozen=True)
class Breach:
    """One way a record breaks a rule.

    Attributes
    ----------
    column
        The column at fault, or ``None`` for the record as a whole.
    rule
        The rule's short name (e.g. ``"percent_range"``).
    message
        One sentence saying what was found and what was expected.

    Examples
    --------
    >>> Breach("value", "percent_range", "120 is outside 0-100 per cent").rule
    'percent_range'
    """

    column: str | None
    rule: str
    message: str


#: A rule of one record: every :class:`Breach` of it in the record (none when it keeps the rule).
RowRule = Callable[[Row], Iterable[Breach]]


def apply_rule(file: str, table: Table, key: str, rule: RowRule) -> list[DataIssue]:
    """Run a rule of one record over every row of a table.

    Parameters
    ----------
    file
        The file's name, for the issues (e.g. ``"estimates.csv"``).
    table
        The parsed rows, as ``(row, values)`` pairs.
    key
        The primary-key column, naming each issue's record.
    rule
        The rule (a :data:`RowRule`).

    Returns
    -------
    list of DataIssue
        One issue per breach, in row order (empty when every record keeps the rule).

    Examples
    --------
    >>> def needs_n(rec):
    ...     if rec.get("n") is None:
    ...         yield Breach("n", "required", "n is required")
    >>> [issue] = apply_rule("estimates.csv", [(4, {"estimate_id": "x", "n": None})],
    ...                      "estimate_id", needs_n)
    >>> issue.file, issue.row, issue.record_id, issue.column
    ('estimates.csv', 4, 'x', 'n')
    """
    return [
        DataIssue(file, row, breach.column, breach.rule, breach.message, record_id=rec.get(key))
        for row, rec in table
        for breach in rule(rec)
    ]
