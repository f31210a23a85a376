"""Rules across fields, rows and tables that a column's own constraints cannot state.

Each rule is a rule of one record (a :data:`~pctstats.data.rules.RowRule`, with any further
arguments given by keyword; :func:`check_unique` makes one for a table): it yields a
:class:`~pctstats.data.rules.Breach` for each way the record breaks it, and
:func:`~pctstats.data.rules.apply_rule` runs it over a table, naming file, row and record.
Field-level constraints (type, enum, pattern, minimum...) are applied from ``datapackage.json`` by
:mod:`pctstats.data.schema`; key and reference rules are here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from pctstats.core.reported import to_decimal
from pctstats.data.rules import Breach, Row, RowRule, Table

__all__ = [
    "check_age_order", "check_claim_traces", "check_count", "check_reference",
    "check_sample_split", "check_unique", "check_values", "check_version",
]

_PERCENT_FIELDS = ("value", "value_high", "ci_low", "ci_high")
#: Measures that print one number, and those that print two (a range).
_ONE_VALUE = {"prevalence", "odds_ratio", "ratio_claim"}
_TWO_VALUES = {"prevalence_range"}
_NO_VALUE = {"comparison", "association"}


def check_unique(table: Table, columns: tuple[str, ...]) -> RowRule:
    """The rule that the values of ``columns`` together appear in one row of ``table`` only.

    Used for each ``unique`` column and for the primary key (one or more columns). A repeat is
    reported at each later row, naming the first; a row with an empty one of ``columns`` is left
    out.

    Parameters
    ----------
    table
        The parsed rows, as ``(row, values)`` pairs.
    columns
        The columns whose values together must not repeat.

    Returns
    -------
    RowRule
        The rule, for the records of ``table``.

    Examples
    --------
    >>> table = [(1, {"estimate_id": "bird2011-4weeks"}), (2, {"estimate_id": "bird2011-4weeks"})]
    >>> [[b.message for b in check_unique(table, ("estimate_id",))(rec)] for _, rec in table]
    [[], ["'bird2011-4weeks' repeats row 1"]]
    >>> claims = [(1, {"article_id": "mnt", "claim_id": "A"}),
    ...           (2, {"article_id": "bbc", "claim_id": "A"}),
    ...           (3, {"article_id": "mnt", "claim_id": "A"})]
    >>> rule = check_unique(claims, ("article_id", "claim_id"))
    >>> [(b.column, b.message) for _, rec in claims for b in rule(rec)]
    [('claim_id', "article_id 'mnt' and claim_id 'A' repeat row 1")]
    """
    first: dict[tuple[Any, ...], tuple[int, Row]] = {}
    for row, rec in table:
        value = tuple(rec.get(column) for column in columns)
        if not any(v is None for v in value):
            first.setdefault(value, (row, rec))

    def repeats(rec: Row) -> Iterator[Breach]:
        value = tuple(rec.get(column) for column in columns)
        if any(v is None for v in value):
            return
        row, earlier = first[value]
        if earlier is not rec:
            said = (repr(value[0]) + " repeats" if len(columns) == 1 else
                    " and ".join(f"{c} {v!r}" for c, v in zip(columns, value, strict=True))
                    + " repeat")
            yield Breach(columns[-1], "unique", f"{said} row {row}")

    return repeats


def check_reference(rec: Row, *, column: str, target_file: str,
                    known: set[str]) -> Iterator[Breach]:
    """Every id in ``column`` (one id or a tuple of ids) is one of ``target_file``'s ``known`` ids.

    Examples
    --------
    >>> claim = {"claim_id": "A", "source_ids": ("maczkowiack2019", "bird2012")}
    >>> [breach] = check_reference(claim, column="source_ids", target_file="sources.csv",
    ...                            known={"maczkowiack2019", "bird2011"})
    >>> print(breach.message)
    'bird2012' is not an id of sources.csv
    """
    value = rec.get(column)
    ids = value if isinstance(value, tuple) else (() if value is None else (value,))
    for ref in ids:
        if ref not in known:
            yield Breach(column, "unknown_id", f"{ref!r} is not an id of {target_file}")


def check_values(rec: Row) -> Iterator[Breach]:
    """Reported numbers: present as the measure needs, in range for the unit, bounds in order.

    Examples
    --------
    >>> row = {"estimate_id": "bird2011-4weeks", "measure": "prevalence", "unit": "percent",
    ...        "value": "120", "ci_low": "8", "ci_level": None}
    >>> [(breach.column, breach.rule) for breach in check_values(row)]
    [('value', 'percent_range'), ('ci_high', 'ci_incomplete'), ('ci_level', 'ci_level_required')]
    """
    measure, unit = rec.get("measure"), rec.get("unit")
    value, high = rec.get("value"), rec.get("value_high")
    if measure in _ONE_VALUE | _TWO_VALUES and value is None:
        yield Breach("value", "value_required", f"a {measure} needs its reported value")
    if measure in _TWO_VALUES and high is None:
        yield Breach("value_high", "value_required", f"a {measure} needs its high end")
    if measure in _ONE_VALUE | _NO_VALUE and high is not None:
        yield Breach("value_high", "value_not_allowed",
                     f"a {measure} has no high end, got {high!r}")
    if measure in _NO_VALUE and value is not None:
        yield Breach("value", "value_not_allowed", f"a {measure} carries no number, got {value!r}")
    numbers = {c: to_decimal(rec[c]) for c in _PERCENT_FIELDS if rec.get(c) is not None}
    for column, number in numbers.items():
        if unit == "percent" and not Decimal(0) <= number <= Decimal(100):
            yield Breach(column, "percent_range", f"{rec[column]} is outside 0-100 per cent")
        if unit == "ratio" and number <= 0:
            yield Breach(column, "ratio_range", f"{rec[column]} is not a positive ratio")
        if unit == "none":
            yield Breach(column, "value_not_allowed",
                         f"unit 'none' carries no number, got {rec[column]!r}")
    for low, high_col in (("value", "value_high"), ("ci_low", "ci_high")):
        if low in numbers and high_col in numbers and numbers[low] > numbers[high_col]:
            yield Breach(low, "bounds_order", f"{low} {rec[low]} is above {high_col} "
                                              f"{rec[high_col]} (lower above upper)")
    has_ci = [rec.get("ci_low") is not None, rec.get("ci_high") is not None]
    if any(has_ci) and not all(has_ci):
        yield Breach("ci_high" if has_ci[0] else "ci_low", "ci_incomplete",
                     "a CI needs both bounds")
    if any(has_ci) and rec.get("ci_level") is None:
        yield Breach("ci_level", "ci_level_required", "a reported CI needs its level (e.g. 95)")
    if rec.get("ci_level") is not None and not Decimal(0) < to_decimal(rec["ci_level"]) < 100:
        yield Breach("ci_level", "ci_level_range",
                     f"{rec['ci_level']} is not a level between 0 and 100")


def check_count(rec: Row, *, count: str, total: str) -> Iterator[Breach]:
    """A count (``k``, ``n_female``...) is not above its denominator ``total``.

    Examples
    --------
    >>> [breach] = check_count({"k": 250, "n": 222}, count="k", total="n")
    >>> breach.rule, breach.message
    ('count_above_denominator', 'k = 250 is above n = 222')
    """
    k, n = rec.get(count), rec.get(total)
    if k is not None and n is not None and k > n:
        yield Breach(count, "count_above_denominator", f"{count} = {k} is above {total} = {n}")


def check_sample_split(rec: Row) -> Iterator[Breach]:
    """A source's women plus men do not exceed the participants analysed.

    Examples
    --------
    >>> source = {"source_id": "bird2011", "n_analysed": 222, "n_female": 222, "n_male": 5}
    >>> [breach.message for breach in check_sample_split(source)]
    ['n_female + n_male = 227 is above n_analysed = 222']
    """
    parts = [rec.get("n_female"), rec.get("n_male")]
    total = rec.get("n_analysed")
    if total is not None and all(p is not None for p in parts) and sum(parts) > total:
        yield Breach("n_analysed", "count_above_denominator",
                     f"n_female + n_male = {sum(parts)} is above n_analysed = {total}")


def check_age_order(rec: Row) -> Iterator[Breach]:
    """``age_min`` is not above ``age_max``.

    Examples
    --------
    >>> [breach.message for breach in check_age_order({"age_min": 30, "age_max": 18})]
    ['age_min 30 is above age_max 18']
    >>> list(check_age_order({"age_min": None, "age_max": None}))
    []
    """
    low, high = rec.get("age_min"), rec.get("age_max")
    if low is not None and high is not None and low > high:
        yield Breach("age_min", "bounds_order", f"age_min {low} is above age_max {high}")


def check_version(rec: Row, *, key: str, estimates: Mapping[str, Row]) -> Iterator[Breach]:
    """An alternative printed version repeats an estimate of the same source, not itself.

    ``estimates`` holds every estimate by its id (the ``key`` column).

    Examples
    --------
    >>> estimates = {"a-1": {"estimate_id": "a-1", "source_id": "a", "version_of": None},
    ...              "a-2": {"estimate_id": "a-2", "source_id": "a", "version_of": "a-2"},
    ...              "b-1": {"estimate_id": "b-1", "source_id": "b", "version_of": "a-1"}}
    >>> [breach.rule for rec in estimates.values()
    ...  for breach in check_version(rec, key="estimate_id", estimates=estimates)]
    ['version_of_self', 'version_of_other_source']
    """
    target = estimates.get(rec.get("version_of"))
    if target is None:
        return
    if target[key] == rec[key]:
        yield Breach("version_of", "version_of_self", "an estimate cannot be a version of itself")
    elif target["source_id"] != rec["source_id"]:
        yield Breach("version_of", "version_of_other_source",
                     f"{target[key]!r} belongs to another source ({target['source_id']!r})")


def check_claim_traces(rec: Row, *, estimate_source: Mapping[str, str]) -> Iterator[Breach]:
    """Each estimate a claim traces to belongs to one of the claim's sources.

    ``estimate_source`` gives the source id of each estimate id.

    Examples
    --------
    >>> claim = {"claim_id": "A", "source_ids": ("bird2011",),
    ...          "estimate_ids": ("maczkowiack2019-lifetime",)}
    >>> [(b.rule, b.column) for b in check_claim_traces(
    ...     claim, estimate_source={"maczkowiack2019-lifetime": "maczkowiack2019"})]
    [('estimate_not_of_source', 'estimate_ids')]
    """
    for estimate_id in rec.get("estimate_ids") or ():
        source = estimate_source.get(estimate_id)
        if source is not None and source not in (rec.get("source_ids") or ()):
            yield Breach("estimate_ids", "estimate_not_of_source",
                         f"estimate {estimate_id!r} belongs to {source!r}, which is not among the "
                         f"claim's source_ids")
