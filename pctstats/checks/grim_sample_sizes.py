"""GRIM again at every further sample size a source's records name (``sample_sizes.csv``).

A source may carry more than one N: the one its abstract prints (the estimate's ``n``) and others
with their own provenance, e.g. an analysed N that secondary reports give. This check tests each
printed percentage at each of those further Ns of its group, one row per estimate and N, and says
where the N was read (secondary reports are marked):

* ``ok``: some whole count k out of that N prints as the value;
* ``fail``: none does, so that N cannot be the percentage's denominator.

The estimate's own n is tested by the ``grim`` check; an estimate GRIM cannot apply to (a range,
a survey-weighted value, no printed percentage) gets no row here.
"""

from __future__ import annotations

import re
from itertools import groupby
from typing import Any, Final

from pctstats.checks.findings import Finding, finding, frame_check
from pctstats.checks.grim_check import _applicable, _counts_text, recorded_sample_sizes
from pctstats.core import names as C
from pctstats.core.phrases import fmt_n, label
from pctstats.core.rounding import DEFAULT_ROUNDING, check_rounding
from pctstats.data.dataset import Dataset, dataset_or_default
from pctstats.stats.grim_consistency import grim_counts

__all__ = ["NAME", "check_grim_sample_sizes", "grim_sample_size_findings"]

NAME: Final = "grim_sample_sizes"


def grim_sample_size_findings(
    db: Dataset | None = None, rounding: str = DEFAULT_ROUNDING
) -> tuple[Finding, ...]:
    """GRIM-test every printed percentage at each further sample size recorded for its group.

    ``rounding`` is assumed for the printed percentages. It returns one finding per (estimate,
    further N): the core columns plus ``source_id``, ``value``, ``n`` (the N tested),
    ``related_id`` (the ``sample_sizes.csv`` records naming it, joined by ``;``), ``secondary``
    (True when every one of them is a secondary report) and ``counts``.

    References
    ----------
    Brown & Heathers (2017), the GRIM test (as :mod:`pctstats.checks.grim_check` cites it).

    Examples
    --------
    >>> df = check_grim_sample_sizes()
    >>> few = df[df.record_id == "schweitzer2015-4weeks-few"].set_index("n")
    >>> few.loc[195, "status"], few.loc[195, "counts"], bool(few.loc[195, "secondary"])
    ('ok', [10], True)
    >>> few.loc[231, "status"]
    'fail'
    >>> [f.details["n"] for f in grim_sample_size_findings()
    ...  if f.record_id == "schweitzer2015-4weeks-few" and f.status == "ok"]
    [195]
    """
    rounding = check_rounding(rounding)
    db = dataset_or_default(db)
    rows: list[dict[str, Any]] = []
    for e in db.estimates.values():
        if _applicable(e) is not None or e.k is not None:
            continue
        for n, sizes in recorded_sample_sizes(db, e).items():
            counts = list(grim_counts(e.value, n, rounding=rounding))
            secondary = all(s.secondary for s in sizes)
            where = "; ".join(
                f"{what} per " + ", ".join(re.split(r" \(|, ", s.where_read)[0] for s in group)
                for what, group in groupby(sizes, key=lambda s: s.counts)
            )
            head = (f"{label(db, e.source_id)}'s {e.value}% of N = {fmt_n(n)} (a further sample "
                    f"size{', secondary' if secondary else ''}: {where})")
            if counts:
                status = C.OK
                text = f"{head} is consistent with {_counts_text(counts, n)}"
            else:
                status = C.FAIL
                text = f"{head} is not 100 k / {n} for any whole count k"
            rows.append({
                C.RECORD_ID: e.estimate_id,
                C.STATUS: status,
                C.MESSAGE: f"{text} under rounding {rounding!r}.",
                C.SOURCE_ID: e.source_id,
                C.VALUE: e.value,
                C.N: n,
                C.RELATED_ID: ";".join(s.sample_id for s in sizes),
                C.SECONDARY: secondary,
                C.COUNTS: counts,
            })
    return tuple(finding(NAME, rounding, row) for row in rows)


check_grim_sample_sizes = frame_check(NAME, grim_sample_size_findings)
