"""At-a-glance tables of the record set, for the notebooks (pandas DataFrames, nothing computed).

Values stay the strings the sources printed ("5.1", "20.2"): a table never re-rounds a number.
"""

from __future__ import annotations

import pandas as pd

from pctstats.core.phrases import unit_sign
from pctstats.data.dataset import Dataset, default_dataset
from pctstats.data.records import Claim, Estimate, Source

__all__ = [
    "claim_words_table", "claims_table", "counts_of", "estimates_table", "first_author",
    "printed_ci", "printed_value", "source_label", "sources_table"
]


def first_author(source: Source) -> str:
    """``"Schweitzer et al."`` / ``"Maczkowiack & Schweitzer"`` / the title's start if open.

    Examples
    --------
    >>> first_author(default_dataset().sources["maczkowiack2019"])
    'Maczkowiack & Schweitzer'
    """
    names = [a.split()[0] for a in source.author_list]
    if not names:
        return "(authors open)"
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} & {names[1]}"
    return f"{names[0]} et al."


def source_label(source: Source) -> str:
    """A short label: ``"S3 Maczkowiack & Schweitzer 2019"``.

    Examples
    --------
    >>> source_label(default_dataset().sources["schweitzer2015"])
    'S1 Schweitzer et al. 2015'
    """
    return f"{source.label} {first_author(source)} {source.year_text}"


def printed_value(record: Estimate | Claim) -> str:
    """The value as printed, with its unit: ``"46%"``, ``"3–4%"``, ``"2.87"``; ``""`` if none.

    Examples
    --------
    >>> printed_value(default_dataset().estimates["maczkowiack2019-regular"])
    '3–4%'
    """
    values = record.values
    if not values:
        return ""
    return "–".join(values) + unit_sign(record.unit)


def printed_ci(estimate: Estimate) -> str:
    """The interval the source printed: ``"95% CI 6.7–8.3"``; ``""`` if it printed none.

    Examples
    --------
    >>> printed_ci(default_dataset().estimates["mitchell2017-prevalence"])
    '95% CI 6.7–8.3'
    """
    if estimate.ci_low is None or estimate.ci_high is None:
        return ""
    level = f"{estimate.ci_level}% " if estimate.ci_level else ""
    return f"{level}CI {estimate.ci_low}–{estimate.ci_high}"


def sources_table(db: Dataset | None = None) -> pd.DataFrame:
    """One row per source: label, first author and year, journal, design, population and N.

    Examples
    --------
    >>> sources_table().loc[0, "S"], int(sources_table().loc[0, "N"])
    ('S1', 230)
    """
    db = db or default_dataset()
    rows = [
        {
            "S": s.label,
            "source_id": s.source_id,
            "study": f"{first_author(s)} ({s.year_text})",
            "journal": s.journal,
            "design": s.design.replace("_", " "),
            "population": s.population,
            "N": s.n_analysed,
            "women": s.n_female,
            "men": s.n_male,
        }
        for s in db.sources.values()
    ]
    return pd.DataFrame(rows).astype({"N": "Int64", "women": "Int64", "men": "Int64"})


def estimates_table(db: Dataset | None = None, *, measures: tuple[str, ...] | None = None,
                    include_versions: bool = True) -> pd.DataFrame:
    """One row per estimate: what was measured, in whom, over what time, and the printed value.

    Parameters
    ----------
    db : Dataset, optional
        The record set (default: the shipped one).
    measures : tuple of str, optional
        Keep only these measures (e.g. ``("prevalence", "prevalence_range")``).
    include_versions : bool
        Keep the estimates that are another printing of an estimate (``version_of``).

    Examples
    --------
    >>> estimates_table(measures=("prevalence",)).iloc[0]["value"]
    '46%'
    """
    db = db or default_dataset()
    rows = []
    for e in db.estimates.values():
        if measures is not None and e.measure not in measures:
            continue
        if not include_versions and e.version_of is not None:
            continue
        rows.append(
            {
                "S": db.sources[e.source_id].label,
                "estimate_id": e.estimate_id,
                "measure": e.measure.replace("_", " "),
                "outcome": e.outcome.replace("_", " "),
                "sex": e.sex,
                "timeframe": e.timeframe.replace("_", " "),
                "frequency": e.frequency.replace("_", " "),
                "context": e.context.replace("_", " "),
                "exposure": e.exposure or "",
                "n": e.n,
                "value": printed_value(e),
                "printed CI": printed_ci(e),
                "version of": e.version_of or "",
            }
        )
    return pd.DataFrame(rows).astype({"n": "Int64"})


def claims_table(db: Dataset | None = None) -> pd.DataFrame:
    """One row per article claim: outlet, the words, the value and what it traces to.

    Examples
    --------
    >>> claims_table().loc[0, "claim_id"]
    'A'
    """
    db = db or default_dataset()
    rows = [
        {
            "claim_id": c.claim_id,
            "outlet": db.articles[c.article_id].outlet,
            "article says": c.value_text,
            "value": printed_value(c),
            "measure": c.measure.replace("_", " "),
            "sex": c.sex,
            "timeframe": c.timeframe.replace("_", " "),
            "N claimed": c.n_claimed,
            "traces to": ", ".join(c.estimate_ids) or "(no source found)",
        }
        for c in db.claims.values()
    ]
    return pd.DataFrame(rows).astype({"N claimed": "Int64"})


def claim_words_table(db: Dataset | None = None) -> pd.DataFrame:
    """The article's words and the source's words side by side, one row per claim.

    Examples
    --------
    >>> words = claim_words_table()
    >>> list(words.columns)
    ['claim_id', 'outlet', 'article says', 'source', 'source says']
    """
    db = db or default_dataset()
    rows = []
    for c in db.claims.values():
        quotes = list(dict.fromkeys(db.estimates[e].quote for e in c.estimate_ids))
        sources = list(dict.fromkeys(db.sources[s].label for s in c.source_ids))
        rows.append(
            {
                "claim_id": c.claim_id,
                "outlet": db.articles[c.article_id].outlet,
                "article says": c.quote,
                "source": ", ".join(sources) or "(none found)",
                "source says": " / ".join(quotes) or "(no source text found)",
            }
        )
    return pd.DataFrame(rows)


def counts_of(db: Dataset | None = None) -> dict[str, int]:
    """How many records each table holds.

    Examples
    --------
    >>> db = default_dataset()
    >>> counts_of(db)["sources"] == len(db.sources)
    True
    """
    db = db or default_dataset()
    return {
        "sources": len(db.sources),
        "estimates": len(db.estimates),
        "claims": len(db.claims),
        "articles": len(db.articles),
    }
