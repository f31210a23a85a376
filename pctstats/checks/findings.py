"""A check's result: one frozen :class:`Finding` per record checked, and its frame.

Every check builds a tuple of findings; :func:`to_frame` turns them into the tidy frame
``check_all`` and the command line show, core columns first
(:data:`pctstats.core.names.CORE_COLUMNS`) and the numbers behind each finding after them, in the
order the check names them.

Examples
--------
>>> f = Finding("demo", "x", "ok", "Fine.", "up_or_down", {"value": "5"})
>>> to_frame("demo", [f], "up_or_down")
  check record_id status message    rounding value
0  demo         x     ok   Fine.  up_or_down     5
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from pctstats.core.display import Display, Displayable
from pctstats.core.names import CHECK, CORE_COLUMNS, MESSAGE, RECORD_ID, ROUNDING, STATUS
from pctstats.core.rounding import DEFAULT_ROUNDING, check_rounding
from pctstats.data.dataset import Dataset
from pctstats.data.records import Estimate

__all__ = ["Finding", "Findings", "estimate_fields", "finding", "frame_check", "to_frame"]


@dataclass(frozen=True, repr=False)
class Finding(Displayable):
    """One finding of a check about one record.

    Attributes
    ----------
    check
        The check's registered name.
    record_id
        The record the finding is about.
    status
        One of :data:`pctstats.core.names.STATUSES`.
    message
        One sentence with the numbers in it.
    rounding
        The rounding mode assumed.
    details
        The numbers behind the finding, by column name (:mod:`pctstats.core.names`), in order.

    Examples
    --------
    >>> f = Finding("grim", "x", "fail", "No count fits.", "up_or_down", {"n": 230})
    >>> f.details["n"], f.row()["status"]
    (230, 'fail')
    """

    check: str
    record_id: str
    status: str
    message: str
    rounding: str
    details: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "details", MappingProxyType(dict(self.details)))

    def _display_(self) -> Display:
        return Display(
            "Finding", f"{self.check} {self.record_id}: {self.status}",
            (("rounding", self.rounding), ("message", textwrap.shorten(self.message, 120))),
        )

    def row(self) -> dict[str, Any]:
        """The finding as one row of its frame: core columns, then the details.

        Examples
        --------
        >>> list(Finding("demo", "x", "ok", "Fine.", "even").row())
        ['check', 'record_id', 'status', 'message', 'rounding']
        """
        return {
            CHECK: self.check,
            RECORD_ID: self.record_id,
            STATUS: self.status,
            MESSAGE: self.message,
            ROUNDING: self.rounding,
            **self.details,
        }


#: What a check's rule returns: its findings, in order.
Findings = tuple[Finding, ...]


def estimate_fields(estimate: Estimate, *columns: str) -> dict[str, Any]:
    """A finding's row start: ``record_id`` (the estimate's id), then the named fields as printed.

    The columns of :mod:`pctstats.core.names` that are record fields carry the field's name.

    Examples
    --------
    >>> from pctstats import load
    >>> estimate_fields(load().estimates["bird2011-lifetime"], "source_id", "n")
    {'record_id': 'bird2011-lifetime', 'source_id': 'bird2011', 'n': 222}
    """
    return {RECORD_ID: estimate.estimate_id, **{c: getattr(estimate, c) for c in columns}}


def finding(check: str, rounding: str, row: Mapping[str, Any]) -> Finding:
    """A :class:`Finding` from one row holding ``record_id``, ``status``, ``message`` and details.

    Examples
    --------
    >>> finding("demo", "even", {"record_id": "x", "status": "ok", "message": "Fine.", "n": 3})
    <Finding demo x: ok; rounding even, message Fine.>
    """
    details = {k: v for k, v in row.items() if k not in CORE_COLUMNS}
    return Finding(check, row[RECORD_ID], row[STATUS], row[MESSAGE], rounding, details)


def to_frame(check: str, findings: Iterable[Finding], rounding: str) -> pd.DataFrame:
    """Assemble a check's findings into its tidy frame, core columns first.

    Parameters
    ----------
    check
        The check's registered name.
    findings
        The check's findings, in order.
    rounding
        The rounding mode assumed; stored in ``df.attrs`` (each row holds its own).

    Returns
    -------
    pandas.DataFrame
        One row per finding; ``df.attrs`` holds ``rounding`` and ``check``.

    Examples
    --------
    >>> to_frame("demo", [], "up_or_down").columns.tolist()
    ['check', 'record_id', 'status', 'message', 'rounding']
    """
    rounding = check_rounding(rounding)
    rows = [f.row() for f in findings]
    out = pd.DataFrame.from_records(rows)
    for column in out.columns:
        # A count with a gap (k_min when no count fits) would become a float column (230.0);
        # pandas' nullable integers keep it whole, with <NA> for the gap.
        present = [row[column] for row in rows if row.get(column) is not None]
        if present and all(isinstance(v, int | np.integer) and not isinstance(v, bool | np.bool_)
                           for v in present):
            out[column] = out[column].astype("Int64")
    if out.empty:
        out = pd.DataFrame(columns=list(CORE_COLUMNS))
    rest = [c for c in out.columns if c not in CORE_COLUMNS]
    out = out[[*CORE_COLUMNS, *rest]]
    out.attrs["rounding"] = rounding
    out.attrs["check"] = check
    return out


def frame_check(
    check: str, findings: Callable[..., tuple[Finding, ...]]
) -> Callable[..., pd.DataFrame]:
    """A check that returns its findings as its tidy frame (the frame edge of ``findings``).

    Parameters
    ----------
    check
        The check's registered name (the function is named ``check_<check>``).
    findings
        ``findings(db, rounding, **options)``: the check's findings.

    Returns
    -------
    callable
        ``(db=None, rounding="up_or_down", **options) -> pandas.DataFrame``, documented as
        ``findings`` is.

    Examples
    --------
    >>> from pctstats.checks.ranges import range_findings
    >>> check_ranges = frame_check("ranges", range_findings)
    >>> check_ranges.__name__, check_ranges(rounding="even").attrs["rounding"]
    ('check_ranges', 'even')
    """

    @functools.wraps(findings)
    def run(
        db: Dataset | None = None, rounding: str = DEFAULT_ROUNDING, **options: Any
    ) -> pd.DataFrame:
        rounding = check_rounding(rounding)
        return to_frame(check, findings(db, rounding, **options), rounding)

    run.__name__ = run.__qualname__ = f"check_{check}"
    return run
