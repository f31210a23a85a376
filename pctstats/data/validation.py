"""Rules across fields, rows and tables that a column's own constraints cannot state.

Each rule returns :class:`~pctstats.core.errors.DataIssue` objects naming file, row, column and
rule.
Field-level constraints (type, enum, pattern, minimum...) are applied from ``datapackage.json`` by
:mod:`pctstats.data.schema`; key and reference rules are here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from pctstats.core.errors import DataIssue
from pctstats.core.reported import to_decimal

__all__ = [
    "Row", "Table", "check_age_order", "check_claim_traces", "check_counts", "check_references",
    "check_sample_split", "check_unique", "check_values", "check_versions"
]

Row = Mapping[str, Any]
#: A table as parsed: (1-based data row, typed values by column) pairs.
Table = list[tuple[int, Row]]

_PERCENT_FIELDS = ("value", "value_high", "ci_low", "ci_high")
#: Measures that print one number, and those that print two (a range).
_ONE_VALUE = {"prevalence", "odds_ratio", "ratio_claim"}
_TWO_VALUES = {"prevalence_range"}
_NO_VALUE = {"comparison", "association"}


def _issue(file: str, row: int, column: str | None, rule: str, message: str, rec: Row, key: str):
    return DataIssue(file, row, column, rule, message, record_id=rec.get(key))


def check_unique(
    file: str, table: Table, columns: Iterable[tuple[str, ...]], key: str
) -> list[DataIssue]:
    """Each value of a ``unique`` column (and of the primary key, one or more columns) appears once.

    Parameters
    ----------
    file
        The file's name, for the issues (e.g. ``"estimates.csv"``).
    table
        The parsed rows, as ``(row, values)`` pairs.
    columns
        Each a tuple of the columns whose values together must not repeat.
    key
        The column naming each issue's record.

    Returns
    -------
    list of DataIssue
        One issue per broken rule, in row order (empty when all is well).

    Examples
    --------
    >>> table = [(1, {"estimate_id": "bird2011-4weeks"}), (2, {"estimate_id": "bird2011-4weeks"})]
    >>> [issue] = check_unique("estimates.csv", table, [("estimate_id",)], "estimate_id")
    >>> issue.row, issue.rule, issue.message
    (2, 'unique', "'bird2011-4weeks' repeats row 1")
    >>> claims = [(1, {"article_id": "mnt", "claim_id": "A"}),
    ...           (2, {"article_id": "bbc", "claim_id": "A"}),
    ...           (3, {"article_id": "mnt", "claim_id": "A"})]
    >>> [(i.row, i.message) for i in check_unique("claims.csv", claims,
    ...                                            [("article_id", "claim_id")], "claim_id")]
    [(3, "article_id 'mnt' and claim_id 'A' repeat row 1")]
    """
    issues = []
    for group in dict.fromkeys(columns):
        seen: dict[Any, int] = {}
        for row, rec in table:
            value = tuple(rec.get(column) for column in group)
            if any(v is None for v in value):
                continue
            if value in seen:
                said = (repr(value[0]) + " repeats" if len(group) == 1 else
                        " and ".join(f"{c} {v!r}" for c, v in zip(group, value, strict=True))
                        + " repeat")
                issues.append(_issue(file, row, group[-1], "unique",
                                     f"{said} row {seen[value]}", rec, key))
            else:
                seen[value] = row
    return issues


def check_references(
    file: str, table: Table, column: str, key: str, target_file: str, known: set[str]
) -> list[DataIssue]:
    """Every id in ``column`` (a single id or a tuple of ids) is a key of the target table.

    Parameters
    ----------
    file
        The file's name, for the issues.
    table
        The parsed rows, as ``(row, values)`` pairs.
    column
        The column holding the ids referred to.
    key
        The primary-key column, naming each issue's record.
    target_file
        The file the ids should name a record of, for the message.
    known
        The ids of the target table.

    Returns
    -------
    list of DataIssue
        One issue per broken rule, in row order (empty when all is well).

    Examples
    --------
    >>> claims = [(1, {"claim_id": "A", "source_ids": ("maczkowiack2019", "bird2012")})]
    >>> [issue] = check_references("claims.csv", claims, "source_ids", "claim_id",
    ...                            "sources.csv", {"maczkowiack2019", "bird2011"})
    >>> print(issue)
    claims.csv, row 1 (line 2) [A], column 'source_ids': 'bird2012' is not an id of sources.csv
    (rule: unknown_id)
    """
    issues = []
    for row, rec in table:
        value = rec.get(column)
        ids = value if isinstance(value, tuple) else (() if value is None else (value,))
        for ref in ids:
            if ref not in known:
                issues.append(
                    _issue(
                        file, row, column, "unknown_id",
                        f"{ref!r} is not an id of {target_file}", rec, key,
                    )
                )
    return issues


def check_values(file: str, table: Table, key: str) -> list[DataIssue]:
    """Reported numbers: present as the measure needs, in range for the unit, bounds in order.

    Parameters
    ----------
    file
        The file's name, for the issues.
    table
        The parsed rows of estimates or claims, as ``(row, values)`` pairs.
    key
        The primary-key column, naming each issue's record.

    Returns
    -------
    list of DataIssue
        One issue per broken rule, in row order (empty when all is well).

    Examples
    --------
    >>> row = {"estimate_id": "bird2011-4weeks", "measure": "prevalence", "unit": "percent",
    ...        "value": "120", "ci_low": "8", "ci_level": None}
    >>> [(issue.column, issue.rule) for issue in check_values("estimates.csv", [(5, row)],
    ...                                                        "estimate_id")]
    [('value', 'percent_range'), ('ci_high', 'ci_incomplete'), ('ci_level', 'ci_level_required')]
    """
    issues: list[DataIssue] = []
    for row, rec in table:
        def add(column: str | None, rule: str, message: str, row=row, rec=rec) -> None:
            issues.append(_issue(file, row, column, rule, message, rec, key))

        measure, unit = rec.get("measure"), rec.get("unit")
        value, high = rec.get("value"), rec.get("value_high")
        if measure in _ONE_VALUE | _TWO_VALUES and value is None:
            add("value", "value_required", f"a {measure} needs its reported value")
        if measure in _TWO_VALUES and high is None:
            add("value_high", "value_required", f"a {measure} needs its high end")
        if measure in _ONE_VALUE | _NO_VALUE and high is not None:
            add("value_high", "value_not_allowed", f"a {measure} has no high end, got {high!r}")
        if measure in _NO_VALUE and value is not None:
            add("value", "value_not_allowed", f"a {measure} carries no number, got {value!r}")
        numbers = {c: to_decimal(rec[c]) for c in _PERCENT_FIELDS if rec.get(c) is not None}
        for column, number in numbers.items():
            if unit == "percent" and not Decimal(0) <= number <= Decimal(100):
                add(column, "percent_range", f"{rec[column]} is outside 0-100 per cent")
            if unit == "ratio" and number <= 0:
                add(column, "ratio_range", f"{rec[column]} is not a positive ratio")
            if unit == "none":
                add(column, "value_not_allowed",
                    f"unit 'none' carries no number, got {rec[column]!r}")
        for low, high_col in (("value", "value_high"), ("ci_low", "ci_high")):
            if low in numbers and high_col in numbers and numbers[low] > numbers[high_col]:
                add(low, "bounds_order",
                    f"{low} {rec[low]} is above {high_col} {rec[high_col]} (lower above upper)")
        has_ci = [rec.get("ci_low") is not None, rec.get("ci_high") is not None]
        if any(has_ci) and not all(has_ci):
            add("ci_high" if has_ci[0] else "ci_low", "ci_incomplete", "a CI needs both bounds")
        if any(has_ci) and rec.get("ci_level") is None:
            add("ci_level", "ci_level_required", "a reported CI needs its level (e.g. 95)")
        if rec.get("ci_level") is not None and not Decimal(0) < to_decimal(rec["ci_level"]) < 100:
            add("ci_level", "ci_level_range", f"{rec['ci_level']} is not a level between 0 and 100")
    return issues


def check_counts(file: str, table: Table, key: str, count: str, total: str) -> list[DataIssue]:
    """A count (``k``, ``n_female``...) is not above its denominator.

    Parameters
    ----------
    file
        The file's name, for the issues.
    table
        The parsed rows, as ``(row, values)`` pairs.
    key
        The primary-key column, naming each issue's record.
    count
        The column of the count.
    total
        The column of its denominator.

    Returns
    -------
    list of DataIssue
        One issue per broken rule, in row order (empty when all is well).

    Examples
    --------
    >>> table = [(1, {"estimate_id": "bird2011-4weeks", "k": 250, "n": 222})]
    >>> [issue] = check_counts("estimates.csv", table, "estimate_id", "k", "n")
    >>> issue.rule, issue.message
    ('count_above_denominator', 'k = 250 is above n = 222')
    """
    issues = []
    for row, rec in table:
        k, n = rec.get(count), rec.get(total)
        if k is not None and n is not None and k > n:
            issues.append(
                _issue(file, row, count, "count_above_denominator",
                       f"{count} = {k} is above {total} = {n}", rec, key)
            )
    return issues


def check_sample_split(file: str, table: Table, key: str) -> list[DataIssue]:
    """Women plus men do not exceed the participants analysed.

    Parameters
    ----------
    file
        The file's name, for the issues.
    table
        The parsed rows of sources, as ``(row, values)`` pairs.
    key
        The primary-key column, naming each issue's record.

    Returns
    -------
    list of DataIssue
        One issue per broken rule, in row order (empty when all is well).

    Examples
    --------
    >>> table = [(2, {"source_id": "bird2011", "n_analysed": 222, "n_female": 222, "n_male": 5})]
    >>> [issue.message for issue in check_sample_split("sources.csv", table, "source_id")]
    ['n_female + n_male = 227 is above n_analysed = 222']
    """
    issues = []
    for row, rec in table:
        parts = [rec.get("n_female"), rec.get("n_male")]
        total = rec.get("n_analysed")
        if total is not None and all(p is not None for p in parts) and sum(parts) > total:
            issues.append(
                _issue(file, row, "n_analysed", "count_above_denominator",
                       f"n_female + n_male = {sum(parts)} is above n_analysed = {total}", rec, key)
            )
    return issues


def check_age_order(file: str, table: Table, key: str) -> list[DataIssue]:
    """``age_min`` is not above ``age_max``.

    Parameters
    ----------
    file
        The file's name, for the issues.
    table
        The parsed rows, as ``(row, values)`` pairs.
    key
        The primary-key column, naming each issue's record.

    Returns
    -------
    list of DataIssue
        One issue per broken rule, in row order (empty when all is well).

    Examples
    --------
    >>> table = [(1, {"source_id": "pyke2020", "age_min": 30, "age_max": 18}),
    ...          (2, {"source_id": "bird2011", "age_min": None, "age_max": None})]
    >>> [(issue.row, issue.message) for issue in check_age_order("sources.csv", table,
    ...                                                           "source_id")]
    [(1, 'age_min 30 is above age_max 18')]
    """
    return [
        _issue(file, row, "age_min", "bounds_order",
               f"age_min {rec['age_min']} is above age_max {rec['age_max']}", rec, key)
        for row, rec in table
        if rec.get("age_min") is not None
        and rec.get("age_max") is not None
        and rec["age_min"] > rec["age_max"]
    ]


def check_versions(file: str, table: Table, key: str) -> list[DataIssue]:
    """An alternative printed version repeats an estimate of the same source, not itself.

    Parameters
    ----------
    file
        The file's name, for the issues.
    table
        The parsed rows of estimates, as ``(row, values)`` pairs.
    key
        The primary-key column, naming each issue's record.

    Returns
    -------
    list of DataIssue
        One issue per broken rule, in row order (empty when all is well).

    Examples
    --------
    >>> table = [(1, {"estimate_id": "a-1", "source_id": "a", "version_of": None}),
    ...          (2, {"estimate_id": "a-2", "source_id": "a", "version_of": "a-2"}),
    ...          (3, {"estimate_id": "b-1", "source_id": "b", "version_of": "a-1"})]
    >>> [(issue.row, issue.rule) for issue in check_versions("estimates.csv", table,
    ...                                                       "estimate_id")]
    [(2, 'version_of_self'), (3, 'version_of_other_source')]
    """
    by_id = {rec[key]: rec for _, rec in table}
    issues = []
    for row, rec in table:
        target = by_id.get(rec.get("version_of"))
        if target is None:
            continue
        if target[key] == rec[key]:
            issues.append(_issue(file, row, "version_of", "version_of_self",
                                 "an estimate cannot be a version of itself", rec, key))
        elif target["source_id"] != rec["source_id"]:
            issues.append(_issue(file, row, "version_of", "version_of_other_source",
                                 f"{target[key]!r} belongs to another source "
                                 f"({target['source_id']!r})", rec, key))
    return issues


def check_claim_traces(file: str, table: Table, key: str, estimate_source: Mapping[str, str]):
    """Each estimate a claim traces to belongs to one of the claim's sources.

    Parameters
    ----------
    file
        The file's name, for the issues.
    table
        The parsed rows of claims, as ``(row, values)`` pairs.
    key
        The primary-key column, naming each issue's record.
    estimate_source
        The source id of each estimate id.

    Returns
    -------
    list of DataIssue
        One issue per broken rule, in row order (empty when all is well).

    Examples
    --------
    >>> claims = [(1, {"claim_id": "A", "source_ids": ("bird2011",),
    ...                "estimate_ids": ("maczkowiack2019-lifetime",)})]
    >>> [issue] = check_claim_traces("claims.csv", claims, "claim_id",
    ...                              {"maczkowiack2019-lifetime": "maczkowiack2019"})
    >>> issue.rule, issue.column
    ('estimate_not_of_source', 'estimate_ids')
    """
    issues = []
    for row, rec in table:
        for estimate_id in rec.get("estimate_ids") or ():
            source = estimate_source.get(estimate_id)
            if source is not None and source not in (rec.get("source_ids") or ()):
                issues.append(
                    _issue(file, row, "estimate_ids", "estimate_not_of_source",
                           f"estimate {estimate_id!r} belongs to {source!r}, which is not among "
                           f"the claim's source_ids", rec, key)
                )
    return issues
