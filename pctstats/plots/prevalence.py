"""Prevalence figures: the lifetime forest plot and lifetime against 4-week prevalence.

The intervals are :func:`pctstats.applied.prevalence_table`'s (Wilson by default, widened over
every GRIM-consistent count because no study prints its counts) and the pooled estimates
:func:`pctstats.applied.pooled_lifetime`'s (random effects on the logit scale). This module only
arranges and draws them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd

from pctstats.applied import LifetimePooling, pooled_lifetime, prevalence_table
from pctstats.applied.lifetime import ALL_GROUP, SEX_GROUPS
from pctstats.core import names as C
from pctstats.core import vocab as V
from pctstats.core.equivalence import canonical
from pctstats.core.phrases import and_list, noun
from pctstats.data.dataset import Dataset, default_dataset
from pctstats.plots.style import (
    GREY,
    LIGHT_GREY,
    SEX_STYLES,
    add_note,
    percent_label,
    styled,
)
from pctstats.plots.tables import source_label
from pctstats.stats.intervals import DEFAULT_LEVEL, DEFAULT_METHOD, PREVALENCE_METHODS
from pctstats.stats.pooling import POOLING_METHODS, PREDICTION_METHODS, PooledPrevalence

__all__ = [
    "OUTCOMES",
    "Forest",
    "ForestRow",
    "TimeframePair",
    "forest_caption",
    "forest_data",
    "method_name",
    "plot_forest",
    "plot_timeframes",
    "timeframe_caption",
    "timeframe_pairs"
]

#: Outcomes shown in the lifetime against 4-week figure, PCD first.
OUTCOMES: Final = (V.PCD_SYMPTOMS, V.ANY_POSTCOITAL_SYMPTOM)


def method_name(method: str) -> str:
    """A prevalence interval method's name for a figure: ``"wilson"`` -> ``"Wilson"``.

    Examples
    --------
    >>> method_name("clopper_pearson")
    'Clopper-Pearson'
    """
    return method.replace("_", "-").title() if method in PREVALENCE_METHODS else method


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


@dataclass(frozen=True)
class ForestRow:
    """One row of the forest plot: a study, or a pooled estimate.

    Attributes
    ----------
    label : str
        Left-hand label.
    group : str
        ``"female"``, ``"male"`` or ``"all"``.
    kind : str
        ``"study"`` or ``"pooled"``.
    estimate, low, high : float
        The prevalence and its interval (0–1).
    pi_low, pi_high : float
        The prediction interval (pooled rows; NaN if there is none).
    n : int or None
        Sample size (study rows).
    counts : str
        The counts used or consistent ("105–106").
    weight : float
        Relative weight in its pooled estimate (NaN if none).
    records : tuple of str
        Estimate ids behind the row.

    Examples
    --------
    >>> row = forest_data().rows[0]
    >>> row.label, row.group, row.kind, row.n, row.counts, row.records
    ('S1 Schweitzer et al. 2015', 'female', 'study', 230, '105–106', ('schweitzer2015-lifetime',))
    >>> round(row.estimate, 3), round(row.low, 3), round(row.high, 3), round(row.weight, 3)
    (0.46, 0.393, 0.525, 0.505)
    """

    label: str
    group: str
    kind: str
    estimate: float
    low: float
    high: float
    pi_low: float = float("nan")
    pi_high: float = float("nan")
    n: int | None = None
    counts: str = ""
    weight: float = float("nan")
    records: tuple[str, ...] = ()


@dataclass(frozen=True)
class Forest:
    """Everything the lifetime forest plot shows.

    Attributes
    ----------
    rows : tuple of ForestRow
        Top to bottom, grouped: women, men, all.
    pooling : LifetimePooling
        The pooled results.
    method, level : str, float
        The study intervals' method and level.

    Examples
    --------
    >>> forest = forest_data()
    >>> [row.label for row in forest.rows if row.kind == "pooled"]
    ['Women pooled (2 studies)', 'All pooled (3 studies)']
    >>> forest.method, forest.level, forest.records
    ('wilson', 0.95, ['schweitzer2015-lifetime', 'bird2011-lifetime', 'maczkowiack2019-lifetime'])
    >>> round(forest.pooling.all.estimate, 3)
    0.401
    """

    rows: tuple[ForestRow, ...]
    pooling: LifetimePooling
    method: str
    level: float

    @property
    def records(self) -> list[str]:
        """Every estimate behind the figure."""
        return list(dict.fromkeys(r for row in self.rows for r in row.records))

    def frame(self) -> pd.DataFrame:
        """The rows as a table (percentages).

        Examples
        --------
        >>> forest_data().frame()["label"].iloc[0]
        'S1 Schweitzer et al. 2015'
        """
        return pd.DataFrame(
            [
                {
                    "row": r.label, "label": r.label, "group": r.group, "kind": r.kind,
                    "n": r.n, "counts": r.counts, "estimate (%)": 100 * r.estimate,
                    "low (%)": 100 * r.low, "high (%)": 100 * r.high,
                    "PI low (%)": 100 * r.pi_low, "PI high (%)": 100 * r.pi_high,
                    "weight (%)": 100 * r.weight,
                }
                for r in self.rows
            ]
        ).drop(columns="row")


def _counts_text(k_min: Any, k_max: Any) -> str:
    if pd.isna(k_min):
        return ""
    return f"{int(k_min)}" if k_min == k_max else f"{int(k_min)}–{int(k_max)}"


def forest_data(
    db: Dataset | None = None,
    *,
    method: str = DEFAULT_METHOD,
    level: float = DEFAULT_LEVEL,
    pooling_method: str = "DL",
) -> Forest:
    """Collect the rows of the lifetime forest plot.

    Parameters
    ----------
    db : Dataset, optional
        The record set (default: the shipped one).
    method, level : str, float
        Interval method and level of each study's prevalence.
    pooling_method : {"DL", "PM"}
        Between-study variance estimator of the pooled estimates.

    Returns
    -------
    Forest

    Examples
    --------
    >>> [r.kind for r in forest_data().rows]
    ['study', 'study', 'pooled', 'study', 'pooled']
    """
    db = db or default_dataset()
    pooling = pooled_lifetime(db, method=pooling_method, level=level)
    table = prevalence_table(db, method=method, level=level).set_index("estimate_id")
    rows: list[ForestRow] = []

    def study(eid: str, weight: float) -> ForestRow:
        row = table.loc[eid]
        source = db.sources[db.estimates[eid].source_id]
        return ForestRow(
            label=source_label(source), group=str(row["sex"]), kind="study",
            estimate=float(row["estimate"]), low=float(row["low"]), high=float(row["high"]),
            n=int(row["n"]), counts=_counts_text(row["k_min"], row["k_max"]), weight=weight,
            records=(eid,),
        )

    for group, sex in (*SEX_GROUPS, (ALL_GROUP, V.ALL)):
        result = pooling.group(group)
        if not isinstance(result, PooledPrevalence):  # one study: its row alone
            rows.append(study(pooling.studies[group][0], float("nan")))
            continue
        ids = pooling.studies[group]
        if group != ALL_GROUP:
            for eid, weight in zip(ids, result.weights, strict=True):
                rows.append(study(eid, float(weight)))
        name = f"{group.capitalize()} pooled" if group != ALL_GROUP else "All pooled"
        rows.append(ForestRow(
            label=f"{name} ({len(result.labels)} studies)", group=sex, kind="pooled",
            estimate=result.estimate, low=result.ci.low, high=result.ci.high,
            pi_low=result.prediction_interval.low, pi_high=result.prediction_interval.high,
            records=ids,
        ))
    return Forest(tuple(rows), pooling, method, level)


def _diamond(ax: Any, y: float, est: float, low: float, high: float, colour: str,
             hatch: str | None = None) -> None:
    from matplotlib.patches import Polygon

    h = 0.28
    points = [(100 * low, y), (100 * est, y + h), (100 * high, y), (100 * est, y - h)]
    ax.add_patch(Polygon(points, closed=True, facecolor=colour, edgecolor="black", lw=0.7,
                         hatch=hatch, zorder=4))


@styled
def plot_forest(forest: Forest) -> Any:
    """Draw the lifetime forest plot: studies by sex, pooled diamonds, prediction intervals.

    Parameters
    ----------
    forest : Forest
        From :func:`forest_data`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_forest(forest_data())
    >>> [label.get_text() for label in fig.axes[0].get_yticklabels()][:2]
    ['S1 Schweitzer et al. 2015', 'S2 Bird et al. 2011']
    """
    import matplotlib.pyplot as plt

    rows = forest.rows
    # y positions, top to bottom, with a gap and a heading before each group
    y, ys, heads = 0.0, [], []
    current = None
    for row in rows:
        if row.group != current:
            if current is not None:
                y += 0.5
            heads.append((y, noun("sex", row.group).capitalize(), row.group))
            y += 1.0
            current = row.group
        ys.append(y)
        y += 1.0
    fig = plt.figure(figsize=(7.0, 0.36 * y + 1.2), layout="constrained")
    grid = fig.add_gridspec(1, 2, width_ratios=[1.0, 1.0])
    ax = fig.add_subplot(grid[0])
    side = fig.add_subplot(grid[1], sharey=ax)
    pooling = forest.pooling
    for row, yy in zip(rows, ys, strict=True):
        style = SEX_STYLES[row.group]
        if row.kind == "study":
            ax.plot([100 * row.low, 100 * row.high], [yy, yy], color=style["color"], lw=1.3,
                    zorder=3)
            ax.plot([100 * row.low, 100 * row.high], [yy, yy], color=style["color"], lw=0,
                    marker="|", ms=6, mew=1.3, zorder=3)
            ax.plot([100 * row.estimate], [yy], marker=style["marker"], color=style["color"],
                    ms=7, mec="black", mew=0.6, zorder=4, linestyle="none")
        else:
            if np.isfinite(row.pi_low):
                ax.plot([100 * row.pi_low, 100 * row.pi_high], [yy, yy], color=style["color"],
                        lw=1.0, linestyle=(0, (4, 2)), zorder=2)
                ax.plot([100 * row.pi_low, 100 * row.pi_high], [yy, yy], color=style["color"],
                        lw=0, marker="|", ms=9, mew=1.0, zorder=2)
            _diamond(ax, yy, row.estimate, row.low, row.high, style["color"],
                     hatch=None if row.group == V.ALL else "////")
    for hy, text, _ in heads:
        ax.text(-0.01, hy, text, transform=ax.get_yaxis_transform(), ha="right", va="center",
                fontweight="bold", fontsize=8.5)
    ax.set_yticks(ys)
    ax.set_yticklabels([r.label for r in rows])
    ax.set_ylim(y - 0.4, -0.7)
    ax.set_xlim(0, 100)
    ax.set_xticks(np.arange(0, 101, 20))
    ax.grid(axis="x", color=LIGHT_GREY, lw=0.6, zorder=0)
    ax.set_xlabel(percent_label("Lifetime prevalence"))
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    # the text columns
    side.set_xlim(0, 1)
    side.axis("off")
    level = f"{100 * forest.level:g}%"
    # (x, alignment, heading) of each column
    columns = [(0.13, "right", "n"), (0.20, "left", "k (GRIM)"),
               (0.47, "left", f"% [{level} CI]"), (1.0, "right", "weight")]
    for x, align, title in columns:
        side.text(x, -0.55, title, ha=align, va="center", fontweight="bold", fontsize=7.5)
    for row, yy in zip(rows, ys, strict=True):
        cells = [
            "" if row.n is None else f"{row.n:,}",
            row.counts,
            f"{_pct(row.estimate)} [{_pct(row.low)}, {_pct(row.high)}]",
            "" if not np.isfinite(row.weight) else f"{100 * row.weight:.0f}%",
        ]
        for (x, align, _), cell in zip(columns, cells, strict=True):
            side.text(x, yy, cell, ha=align, va="center", fontsize=7.5,
                      fontweight="bold" if row.kind == "pooled" else "normal")
        if row.kind == "pooled":
            pi = (f"PI [{_pct(row.pi_low)}, {_pct(row.pi_high)}]" if np.isfinite(row.pi_low)
                  else "PI: needs ≥ 3 studies")
            side.text(0.47, yy + 0.42, pi, ha="left", va="center", fontsize=6.8, color="#333333")
    alone = {sex for group, sex in SEX_GROUPS
             if not isinstance(pooling.group(group), PooledPrevalence)}
    for hy, _, sex in heads:
        if sex in alone:
            side.text(0.02, hy, "one study: nothing to pool", ha="left", va="center",
                      fontsize=6.8, color="#333333", style="italic")
    handles = [
        plt.Line2D([], [], marker=SEX_STYLES[V.FEMALE]["marker"], color=SEX_STYLES[V.FEMALE][
            "color"], mec="black", mew=0.6, linestyle="-", ms=6, label="study, women"),
        plt.Line2D([], [], marker=SEX_STYLES[V.MALE]["marker"], color=SEX_STYLES[V.MALE][
            "color"], mec="black", mew=0.6, linestyle="-", ms=6, label="study, men"),
        plt.Line2D([], [], marker="D", color="white", mec="black", linestyle="none", ms=7,
                   label="pooled (random effects) with its CI"),
        plt.Line2D([], [], color=GREY, linestyle=(0, (4, 2)), lw=1.0,
                   label="prediction interval (PI)"),
    ]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=2,
              fontsize=7, borderaxespad=0)
    everyone = pooling.all
    i2 = ", ".join(f"{_group_name(group)} I² = {100 * res.i2:.0f}%"
                   for group, res in _pooled_groups(pooling))
    fig.suptitle("Lifetime prevalence of PCD symptoms, by study and sex", x=0.0, ha="left",
                 fontweight="bold", fontsize=10)
    add_note(
        fig,
        f"Studies: {level} {method_name(forest.method)} intervals. No study prints its counts, "
        f"so each interval covers every count k that rounds to the printed percentage (GRIM). "
        f"Pooled: random-effects model on the logit scale "
        f"({POOLING_METHODS[everyone.method].split(' (')[0]}), each study entering with the "
        f"consistent count nearest its percentage; weight: a study's share of its sex's pooled "
        f"estimate; {i2}. "
        f"PI: {_PREDICTION_TEXT.get(everyone.prediction, PREDICTION_METHODS[everyone.prediction])}"
        f". {pooling.caveat}",
    )
    return fig


_PREDICTION_TEXT: Final = {
    "hts": "prediction interval of Higgins, Thompson & Spiegelhalter (t distribution with the "
    "number of studies minus 2 degrees of freedom, so none with two studies)",
    "normal": "prediction interval with the normal quantile",
}


def forest_caption(forest: Forest) -> str:
    """The README caption of the forest plot.

    Examples
    --------
    >>> forest_caption(forest_data()).startswith("Lifetime prevalence of PCD")
    True
    """
    p = forest.pooling
    pooled = [f"for {_group_name(group)} ({', '.join(res.labels)})"
              for group, res in _pooled_groups(p)]
    alone = [group for group, _ in SEX_GROUPS if not isinstance(p.group(group), PooledPrevalence)]
    women, men = (p.studies[group] for group, _ in SEX_GROUPS)
    different = any(p.labels[w] != p.labels[m] for w in women for m in men)
    return (
        f"Lifetime prevalence of PCD symptoms by study and sex, with "
        f"{100 * forest.level:g}% {method_name(forest.method)} intervals covering every "
        f"GRIM-consistent count; random-effects ({p.all.method}, logit) pooled estimates "
        f"{and_list(pooled)} with prediction intervals"
        + "".join(f"; {group} rest on one study" for group in alone) + "."
        + (" Women and men come from different studies." if different else "")
    )


def _group_name(group: str) -> str:
    return "all studies" if group == ALL_GROUP else group


def _pooled_groups(pooling: LifetimePooling) -> list[tuple[str, PooledPrevalence]]:
    """The groups that were pooled (two studies or more), women and men before all."""
    groups = (*(group for group, _ in SEX_GROUPS), ALL_GROUP)
    return [(g, r) for g in groups if isinstance(r := pooling.group(g), PooledPrevalence)]


@dataclass(frozen=True)
class TimeframePair:
    """A source's lifetime and 4-week prevalence of one outcome in one group.

    Attributes
    ----------
    label : str
        Source label ("S1 Schweitzer et al. 2015").
    group : str
        Sex of the group (``"female"``, ``"male"``, ``"all"``).
    outcome : str
        What was measured.
    lifetime, four_weeks : pandas.Series
        The two rows of :func:`pctstats.applied.prevalence_table`.

    Examples
    --------
    >>> pair = timeframe_pairs()[0]
    >>> pair.label, pair.group, pair.outcome
    ('S1 Schweitzer et al. 2015', 'female', 'pcd_symptoms')
    >>> pair.records, pair.lifetime["value"], pair.four_weeks["value"]
    (('schweitzer2015-lifetime', 'schweitzer2015-4weeks-few'), '46', '5.1')
    """

    label: str
    group: str
    outcome: str
    lifetime: pd.Series
    four_weeks: pd.Series

    @property
    def records(self) -> tuple[str, str]:
        """The two estimate ids."""
        return str(self.lifetime["estimate_id"]), str(self.four_weeks["estimate_id"])


def timeframe_pairs(db: Dataset | None = None, *, method: str = DEFAULT_METHOD,
                    level: float = DEFAULT_LEVEL) -> list[TimeframePair]:
    """Every source, group and outcome with both a lifetime and a past-4-weeks prevalence.

    Examples
    --------
    >>> [p.label.split()[0] for p in timeframe_pairs()]
    ['S1', 'S2', 'S3', 'S5']
    """
    db = db or default_dataset()
    table = prevalence_table(db, method=method, level=level)
    table = table[table["version_of"].isna() & (table["context"] == "any")
                  & table["outcome"].isin(OUTCOMES) & table["value_high"].isna()]
    pairs = []
    for (source_id, sex, outcome), rows in table.groupby(["source_id", "sex", "outcome"],
                                                         sort=False):
        periods = rows[C.TIMEFRAME].map(lambda t: canonical("timeframe", t))
        life = rows[periods == V.LIFETIME]
        four = rows[rows[C.TIMEFRAME] == V.PAST_4_WEEKS]
        if len(life) and len(four):
            pairs.append(TimeframePair(source_label(db.sources[source_id]), sex, outcome,
                                       life.iloc[0], four.iloc[0]))
    return pairs


@styled
def plot_timeframes(pairs: list[TimeframePair], db: Dataset | None = None) -> Any:
    """Draw each source's lifetime and 4-week prevalence side by side (one row per study).

    Parameters
    ----------
    pairs : list of TimeframePair
        From :func:`timeframe_pairs`.
    db : Dataset, optional
        The record set (for the note).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> plot_timeframes(timeframe_pairs()).get_suptitle()
    'Lifetime and 4-week prevalence in each study that reports both'
    """
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.0, 0.62 * len(pairs) + 1.3), layout="constrained")
    method, level = DEFAULT_METHOD, DEFAULT_LEVEL
    labels = []
    for i, p in enumerate(pairs):
        style = SEX_STYLES[p.group]
        life, four = p.lifetime, p.four_weeks
        method, level = str(life["method"]), float(life["level"])
        x_life, x_four = 100 * float(life["estimate"]), 100 * float(four["estimate"])
        for row, x, dy, filled in ((life, x_life, -0.13, True), (four, x_four, 0.13, False)):
            if pd.notna(row["low"]):
                ax.errorbar([x], [i + dy], xerr=[[x - 100 * row["low"]], [100 * row["high"] - x]],
                            fmt="none", ecolor=style["color"], elinewidth=1.1, capsize=2.5,
                            zorder=2)
            ax.plot([x], [i + dy], marker=style["marker"], ms=7, linestyle="none", zorder=3,
                    color=style["color"], mfc=style["color"] if filled else "white", mew=1.4)
        freq = str(four["frequency"]).replace("_", " ")
        life_word = str(life["timeframe"]).replace("_", " ")
        text = (f"{life['value']}% {life_word}; {four['value']}% past 4 weeks"
                + ("" if freq == "at least once" else f" ({freq})"))
        missing = [f"{r['value']}%" for r in (life, four) if pd.isna(r["low"])]
        if missing:
            text += f"\nno CI for {', '.join(missing)}: not k/{int(four['n'])} for any k"
        right = max(x_life, x_four, 100 * float(np.nanmax([life["high"], four["high"]])))
        if right < 62:
            ax.text(right + 2.5, i, text, ha="left", va="center", fontsize=6.8,
                    color=style["color"], linespacing=1.2)
        else:
            left = min(x_life, x_four, 100 * float(np.nanmin([life["low"], four["low"]])))
            ax.text(left - 2.5, i, text, ha="right", va="center", fontsize=6.8,
                    color=style["color"], linespacing=1.2)
        outcome = "" if p.outcome == V.PCD_SYMPTOMS else f", {p.outcome.replace('_', ' ')}"
        labels.append(f"{p.label}\n{noun('sex', p.group)}, n = {int(life['n']):,}{outcome}")
    ax.set_yticks(range(len(pairs)))
    ax.set_yticklabels(labels, fontsize=7.5, linespacing=1.25)
    ax.set_ylim(len(pairs) - 0.5, -0.6)
    ax.set_xlim(0, 100)
    ax.set_xticks(np.arange(0, 101, 20))
    ax.grid(axis="x", color=LIGHT_GREY, lw=0.6, zorder=0)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.set_xlabel(percent_label("Prevalence"))
    handles = [
        plt.Line2D([], [], marker="o", color="black", linestyle="none", ms=6,
                   label="lifetime (ever)"),
        plt.Line2D([], [], marker="o", color="black", mfc="white", mew=1.4, linestyle="none",
                   ms=6, label="past 4 weeks"),
    ] + [
        plt.Line2D([], [], marker=SEX_STYLES[g]["marker"], color=SEX_STYLES[g]["color"],
                   linestyle="none", ms=6, label=noun("sex", g))
        for g in dict.fromkeys(p.group for p in pairs)
    ]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.2),
              ncols=3, fontsize=7, borderaxespad=0)
    fig.suptitle("Lifetime and 4-week prevalence in each study that reports both", x=0.0,
                 ha="left", fontweight="bold", fontsize=10)
    sources = "; ".join(dict.fromkeys(p.label for p in pairs))
    add_note(
        fig,
        f"Filled markers: prevalence ever (lifetime; S5: since sexually active); open markers: "
        f"in the past 4 weeks. {100 * level:g}% {method_name(method)} intervals covering every "
        f"count that rounds to the printed percentage (GRIM); a percentage that no count out of "
        f"the study's n rounds to has no interval. Sources: {sources}.",
    )
    return fig


def timeframe_caption(pairs: list[TimeframePair]) -> str:
    """The README caption of the lifetime against 4-week figure.

    Examples
    --------
    >>> timeframe_caption(timeframe_pairs()).startswith("Lifetime against 4-week")
    True
    """
    return (
        "Lifetime against 4-week prevalence in each study that reports both ("
        + ", ".join(p.label.split()[0] for p in pairs)
        + "), by sex, with intervals covering every GRIM-consistent count; S5 measured any "
        "postcoital symptom, not PCD symptoms."
    )
