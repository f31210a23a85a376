"""How the record set shows itself: a few lines in a terminal, a table of sources in Jupyter.

Typing ``db`` (a :class:`pctstats.data.dataset.Dataset`) in a cell shows how many records each
table holds, where they were read from and one row per source, instead of every record.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from pctstats.core.display import Display, small_table

if TYPE_CHECKING:  # annotations only: dataset.py imports this module
    from pctstats.data.dataset import Dataset

__all__ = ["describe_dataset"]

_TITLE_SHOWN = 60


def describe_dataset(db: Dataset) -> Display:
    """The display of a record set: counts, folder, the sources (label, id, year, n).

    Examples
    --------
    >>> from pctstats.data.dataset import default_dataset
    >>> print(repr(default_dataset()).splitlines()[0])  # doctest: +ELLIPSIS
    <Dataset ... sources, ... estimates, ... sample sizes, ... articles, ... claims
    """
    counts = ", ".join(f"{len(getattr(db, t))} {t.replace('_', ' ')}"
                       for t in ("sources", "estimates", "sample_sizes", "articles", "claims"))
    per_source: dict[str, int] = {}
    for estimate in db.estimates.values():
        per_source[estimate.source_id] = per_source.get(estimate.source_id, 0) + 1
    sources = "; ".join(f"{s.label} {s.source_id}" for s in db.sources.values())
    table = small_table(
        [
            {
                "label": s.label,
                "source_id": s.source_id,
                "year": s.year_text,
                "n_analysed": "" if s.n_analysed is None else str(s.n_analysed),
                "estimates": str(per_source.get(s.source_id, 0)),
                "title": textwrap.shorten(s.title or "[title not known]", _TITLE_SHOWN,
                                          placeholder=" …"),
            }
            for s in db.sources.values()
        ]
    )
    return Display(
        "Dataset", counts,
        (("read from", str(db.path)),
         ("sources", textwrap.shorten(sources, 200, placeholder=" …")),
         ("articles", ", ".join(a.outlet for a in db.articles.values())),
         ("tables", 'db.frame("sources"), "estimates", "sample_sizes", "articles", "claims"')),
        table=table, multiline=True,
    )
