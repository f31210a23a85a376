"""Consistency checks of the record set, registered in one place, run together by :func:`check_all`.

Each check is a function ``check_x(db=None, rounding="up_or_down") -> DataFrame`` in its own
module, returning one tidy row per finding with the columns of :mod:`pctstats.checks.columns`:
``check``, ``record_id``, ``status`` (``ok``, ``warn``, ``fail`` or ``not_applicable``), ``message``
(one sentence with the numbers in it), ``rounding``, and the numbers themselves. Beside it,
``x_findings(db=None, rounding="up_or_down")`` gives the same findings as a tuple of
:class:`~pctstats.checks.findings.Finding`. In both, ``db`` is the record set (the shipped one by
default) and ``rounding`` the rounding mode assumed for the printed values (each check's
docstring says which values).

========================  =========================================================================
check                     what it tests
========================  =========================================================================
``grim``                  every unweighted printed percentage is k/n for a whole k (GRIM)
``grim_sample_sizes``     the same at every further N a record names for the source's group
                          (``sample_sizes.csv``, e.g. an analysed N from secondary reports)
``nesting``               a 4-week, "a few times", regular... prevalence does not exceed the
                          lifetime one of the same source, sex and outcome (under rounding)
``ranges``                every range and CI has lower <= upper and possible bounds
``proportion_ci``         a reported CI of a prevalence against the binomial CI for its n
``ratio_ci``              a reported ratio lies inside its CI, at its centre on the log scale
``ratio_claims``          "X times more likely" and "more common in women" against every
                          matching pair of prevalences
========================  =========================================================================

The claim audit (:func:`pctstats.audit.audit_claims`) is separate: it returns one verdict per
article claim rather than findings per record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from types import MappingProxyType
from typing import Final

import pandas as pd

from pctstats.checks import columns
from pctstats.checks.findings import Finding
from pctstats.checks.grim_check import check_grim
from pctstats.checks.grim_sample_sizes import check_grim_sample_sizes
from pctstats.checks.nesting import check_nesting
from pctstats.checks.proportion_ci import check_proportion_ci
from pctstats.checks.ranges import check_ranges
from pctstats.checks.ratio_ci import check_ratio_ci
from pctstats.checks.ratio_claims import check_ratio_claims
from pctstats.core.names import (
    CHECK,
    CORE_COLUMNS,
    FAIL,
    MESSAGE,
    NOT_APPLICABLE,
    OK,
    RECORD_ID,
    STATUS,
    STATUSES,
    WARN,
)
from pctstats.core.rounding import DEFAULT_ROUNDING, check_rounding
from pctstats.data.dataset import Dataset, dataset_or_default

#: A check: ``(db, rounding) -> DataFrame`` of findings.
CheckFunction = Callable[[Dataset | None, str], pd.DataFrame]

#: Every check, by name, in the order :func:`check_all` runs them. The one place checks are
#: registered.
CHECKS: Final[MappingProxyType[str, CheckFunction]] = MappingProxyType(
    {
        "grim": check_grim,
        "grim_sample_sizes": check_grim_sample_sizes,
        "nesting": check_nesting,
        "ranges": check_ranges,
        "proportion_ci": check_proportion_ci,
        "ratio_ci": check_ratio_ci,
        "ratio_claims": check_ratio_claims,
    }
)

__all__ = [
    "CHECKS",
    "FAIL",
    "NOT_APPLICABLE",
    "OK",
    "STATUSES",
    "WARN",
    "Finding",
    "check_all",
    "check_grim",
    "check_grim_sample_sizes",
    "check_nesting",
    "check_proportion_ci",
    "check_ranges",
    "check_ratio_ci",
    "check_ratio_claims",
    "columns",
    "findings_in_words",
    "summarise",
]


def check_all(
    db: Dataset | None = None,
    rounding: str = DEFAULT_ROUNDING,
    checks: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Run every registered check over the record set; return all findings in one tidy frame.

    Parameters
    ----------
    db
        The record set; the shipped one by default.
    rounding
        The rounding mode every check assumes, one of
        :data:`pctstats.core.rounding.ROUNDING_MODES` (default ``"up_or_down"``: a printed value is
        accepted if rounding half up or half down gives it). Stored in the ``rounding`` column and
        in ``df.attrs["rounding"]``.
    checks
        Names of the checks to run (default: all of :data:`CHECKS`, in registry order).

    Returns
    -------
    pandas.DataFrame
        The rows of every check, core columns first (``check``, ``record_id``, ``status``,
        ``message``, ``rounding``), then the union of the checks' number columns (missing where a
        check has no such number). ``df.attrs`` holds ``rounding`` and ``checks``.

    Raises
    ------
    ValueError
        If ``rounding`` is not a rounding mode, or ``checks`` names a check that is not in
        :data:`CHECKS` (the message lists the checks that are).

    Examples
    --------
    >>> df = check_all()
    >>> df.attrs["rounding"], list(df.attrs["checks"]) == list(CHECKS)
    ('up_or_down', True)
    >>> df.query("check == 'grim' and status == 'fail'").record_id.str.split("-").str[0].unique()
    array(['schweitzer2015', 'burri_hilpert2020'], dtype=object)
    """
    rounding = check_rounding(rounding)
    names = list(CHECKS) if checks is None else list(checks)
    unknown = [name for name in names if name not in CHECKS]
    if unknown:
        raise ValueError(f"unknown check(s) {unknown}; the checks are {', '.join(CHECKS)}")
    db = dataset_or_default(db)
    frames = [CHECKS[name](db, rounding) for name in names]
    frames = [f for f in frames if not f.empty]
    if not frames:
        out = pd.DataFrame(columns=list(CORE_COLUMNS))
    else:
        out = pd.concat(frames, ignore_index=True, sort=False)
    rest = [c for c in out.columns if c not in CORE_COLUMNS]
    out = out[[*CORE_COLUMNS, *rest]]
    out.attrs = {"rounding": rounding, "checks": tuple(names)}
    return out


def summarise(findings: pd.DataFrame) -> pd.DataFrame:
    """Count findings by check and status.

    Parameters
    ----------
    findings
        A frame from :func:`check_all` or one check.

    Returns
    -------
    pandas.DataFrame
        One row per check, one column per status (in :data:`STATUSES` order), and ``total``.

    Examples
    --------
    >>> summarise(check_all()).loc["ratio_ci"].tolist()
    [7, 2, 1, 0, 10]
    """
    table = pd.crosstab(findings[CHECK], findings[STATUS])
    table = table.reindex(columns=list(STATUSES), fill_value=0)
    order = [c for c in CHECKS if c in table.index] + [c for c in table.index if c not in CHECKS]
    table = table.reindex(order)
    table["total"] = table.sum(axis=1)
    table.columns.name = None
    return table


def findings_in_words(
    findings: pd.DataFrame, statuses: Sequence[str] = (FAIL, WARN)
) -> list[str]:
    """The findings of the given statuses as sentences, one per finding.

    Parameters
    ----------
    findings
        A frame from :func:`check_all` or one check.
    statuses
        Which statuses to list (default: failures, then warnings).

    Returns
    -------
    list of str
        ``"[check] STATUS record_id: message"``, ordered by status as given, then as in
        ``findings``.

    Examples
    --------
    >>> lines = findings_in_words(check_all(), statuses=("fail",))
    >>> lines[0][:48]
    '[grim] FAIL schweitzer2015-4weeks-few: S1 (schwe'
    """
    for status in statuses:
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}; the statuses are {', '.join(STATUSES)}")
    lines = []
    for status in statuses:
        chosen = findings[findings[STATUS] == status]
        lines += [
            f"[{row[CHECK]}] {status.upper()} {row[RECORD_ID]}: {row[MESSAGE]}"
            for _, row in chosen.iterrows()
        ]
    return lines
