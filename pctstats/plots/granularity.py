"""GRIM granularity figures: which percentages a sample of size N can print, and which N fit.

A percentage of ``N`` people is ``100 k / N`` for a whole count ``k``, so at a given printed
precision only some values can appear. For one source, :func:`granularity` lays out, for each
percentage it printed, the values of that precision near it (which ones some ``k / N`` prints as),
the exact fractions ``k / N`` nearby, and which sample sizes near ``N`` fit each value and all of
them. Every verdict comes from :mod:`pctstats.stats.grim_consistency`; this module only arranges and
draws.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Final

import numpy as np
import pandas as pd

from pctstats.checks.grim_check import recorded_sample_sizes, subsample_denominators
from pctstats.core import vocab as V
from pctstats.core.counts import nearest_counts
from pctstats.core.phrases import and_list
from pctstats.core.reported import decimals_of, to_decimal
from pctstats.core.rounding import DEFAULT_ROUNDING, ROUNDING_MODES
from pctstats.data.dataset import Dataset, default_dataset
from pctstats.plots.style import GREY, OKABE_ITO, add_note, percent_label, styled, wrap
from pctstats.plots.tables import source_label
from pctstats.stats.grim_consistency import grim, grim_counts, grim_denominators, grim_map

__all__ = [
    "CONSISTENT_COLOR",
    "FIT_COLOR",
    "INCONSISTENT_COLOR",
    "N_WINDOW",
    "RECORDED_REACH",
    "WINDOW",
    "Granularity",
    "ValueGranularity",
    "caption",
    "compress_runs",
    "granularity",
    "plot_granularity",
    "recorded_text",
]

#: Printed values shown on each side of a reported value (in units of its last digit).
WINDOW: Final = 5
#: Sample sizes shown on each side of the reported N.
N_WINDOW: Final = 25
#: How far from the reported N a sample size another record names still widens the window.
RECORDED_REACH: Final = 100

CONSISTENT_COLOR: Final = OKABE_ITO["bluish_green"]
INCONSISTENT_COLOR: Final = OKABE_ITO["vermillion"]
FIT_COLOR: Final = OKABE_ITO["blue"]


@dataclass(frozen=True)
class ValueGranularity:
    """One printed percentage of a source, and the values of its precision around it.

    Attributes
    ----------
    value : str
        The percentage as printed.
    estimate_ids : tuple of str
        The estimates that print it.
    what : str
        A short description (time frame, frequency, context).
    grid : tuple of str
        The printed values of the same precision in the window, in increasing order.
    printable : numpy.ndarray of bool
        For each of ``grid``, whether some ``k / N`` prints as it (GRIM).
    counts : range
        The counts ``k`` that print as ``value`` (an inclusive range); empty if it is
        GRIM-inconsistent.
    nearest : tuple of int
        The counts just below and above ``value * N / 100`` (to label an inconsistent value).
    uninformative : bool
        True when ``N`` is so large that every value of this precision is printable.
    fits : numpy.ndarray of bool
        For each of the nearby sample sizes, whether ``value`` is GRIM-consistent with it.

    Examples
    --------
    S1's "5.1%" of 230 (past four weeks): no count prints as it; 11 and 12 are nearest.

    >>> item = granularity("schweitzer2015").values[1]
    >>> item.value, item.estimate_ids, item.what
    ('5.1', ('schweitzer2015-4weeks-few',), 'past 4 weeks, a few times')
    >>> item.consistent, item.counts, item.nearest, item.uninformative
    (False, range(0, 0), (11, 12), False)
    >>> item.grid[:5], item.printable[:5].tolist()
    (('4.6', '4.7', '4.8', '4.9', '5.0'), [False, False, True, False, False])
    """

    value: str
    estimate_ids: tuple[str, ...]
    what: str
    grid: tuple[str, ...]
    printable: np.ndarray
    counts: range
    nearest: tuple[int, ...]
    uninformative: bool
    fits: np.ndarray

    @property
    def consistent(self) -> bool:
        """Whether some count out of N prints as the value."""
        return bool(self.counts)


@dataclass(frozen=True)
class Granularity:
    """Everything the granularity figure of one source shows.

    Attributes
    ----------
    source_id, label : str
        The source and its short label ("S1 Schweitzer et al. 2015").
    n : int
        The analysed sample size the percentages are taken to be of.
    values : tuple of ValueGranularity
        One per distinct printed percentage, in record order.
    ns : numpy.ndarray of int
        The nearby sample sizes tested.
    fits_all : tuple of int
        The nearby sample sizes with which every value is consistent.
    rounding : str
        The rounding mode of every verdict.
    subsample_ns : tuple of int
        Every sample size at or below ``n`` with which every value is consistent (a sub-sample,
        as when part of the sample answered an item).
    recorded : Mapping
        The further sample sizes other records name for the source's group
        (``sample_sizes.csv``): N -> where each was read (``"digest"``, ``"news"``...).

    Examples
    --------
    >>> g = granularity("schweitzer2015")
    >>> g.label, g.n, g.rounding, len(g.values)
    ('S1 Schweitzer et al. 2015', 230, 'up_or_down', 3)
    >>> int(g.ns.min()), int(g.ns.max()), g.fits_all[:4]
    (193, 255, (195, 196, 197, 198))
    >>> g.estimate_ids
    ['schweitzer2015-lifetime', 'schweitzer2015-4weeks-few', 'schweitzer2015-always-most']
    >>> {n: g.recorded[n] for n in g.recorded}, 195 in g.subsample_ns
    ({195: ('digest', 'news'), 231: ('news',)}, True)
    """

    source_id: str
    label: str
    n: int
    values: tuple[ValueGranularity, ...]
    ns: np.ndarray
    fits_all: tuple[int, ...]
    rounding: str
    subsample_ns: tuple[int, ...] = ()
    recorded: Mapping[int, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def recorded_fitting(self) -> tuple[int, ...]:
        """The recorded sample sizes with which every value is consistent."""
        fitting = set(self.subsample_ns) | set(self.fits_all)
        return tuple(m for m in self.recorded if m in fitting)

    @property
    def estimate_ids(self) -> list[str]:
        """Every estimate shown."""
        return [e for v in self.values for e in v.estimate_ids]

    def frame(self) -> pd.DataFrame:
        """One row per value: its verdict, counts and the nearby N it fits (GRIM, via grim_map).

        Examples
        --------
        >>> granularity("schweitzer2015").frame()[["value", "consistency"]].values.tolist()
        [['46', True], ['5.1', False], ['2', True]]
        """
        table = pd.DataFrame(
            {
                "value": [v.value for v in self.values],
                "n": [self.n] * len(self.values),
                "estimate_ids": [", ".join(v.estimate_ids) for v in self.values],
            }
        )
        table = grim_map(table, rounding=self.rounding)
        table["nearby_n_fitting"] = [
            compress_runs(self.ns[v.fits].tolist()) for v in self.values
        ]
        return table


def _describe(estimate: Any) -> str:
    parts = [estimate.timeframe, estimate.frequency, estimate.context]
    shown = [p.replace("_", " ") for p in parts if p not in (V.NOT_STATED, V.ANY)]
    return ", ".join(shown) or estimate.outcome.replace("_", " ")


def _grid(value: str, window: int) -> list[str]:
    """The printed values of ``value``'s precision within ``window`` last-digit steps, in 0..100."""
    decimals = decimals_of(value)
    step = Decimal(1).scaleb(-decimals)
    centre = to_decimal(value)
    grid = [centre + i * step for i in range(-window, window + 1)]
    return [f"{g:.{decimals}f}" for g in grid if Decimal(0) <= g <= Decimal(100)]


def granularity(
    source_id: str,
    db: Dataset | None = None,
    *,
    window: int = WINDOW,
    n_window: int = N_WINDOW,
    rounding: str = DEFAULT_ROUNDING,
) -> Granularity:
    """Collect the granularity of every single percentage a source printed of its full sample.

    Parameters
    ----------
    source_id : str
        The source, e.g. ``"schweitzer2015"``.
    db : Dataset, optional
        The record set (default: the shipped one).
    window : int
        Printed values shown on each side of each reported value.
    n_window : int
        Sample sizes tested on each side of the source's N.
    rounding : str
        Rounding mode of the GRIM verdicts.

    Returns
    -------
    Granularity

    Raises
    ------
    ValueError
        If the source has no analysed N or no single prevalence of its full sample.

    Examples
    --------
    >>> g = granularity("schweitzer2015")
    >>> g.n, [v.value for v in g.values], g.values[1].nearest
    (230, ['46', '5.1', '2'], (11, 12))
    """
    db = db or default_dataset()
    source = db.sources[source_id]
    n = source.n_analysed
    if n is None:
        raise ValueError(f"{source_id} has no analysed N")
    by_value: dict[str, list[Any]] = {}
    for e in db.estimates_of(source_id):
        if (e.measure == V.PREVALENCE and e.unit == V.PERCENT and e.n == n
                and e.value is not None and e.version_of is None):
            by_value.setdefault(e.value, []).append(e)
    if not by_value:
        raise ValueError(f"{source_id} printed no single percentage of its N = {n}")
    sizes = recorded_sample_sizes(db, next(iter(by_value.values()))[0])
    recorded = MappingProxyType({
        m: tuple(dict.fromkeys(size.read_in for size in found)) for m, found in sizes.items()})
    # the window reaches down (or up) to a recorded N within RECORDED_REACH of the printed one
    shown = [m for m in recorded if abs(m - n) <= RECORDED_REACH]
    ns = np.arange(max(1, min([n - n_window, *(m - 2 for m in shown)])),
                   max([n + n_window, *(m + 2 for m in shown)]) + 1)
    values = []
    for value, estimates in by_value.items():
        grid = _grid(value, window)
        nearest = nearest_counts(value, n)
        verdict = grim_map(pd.DataFrame({"value": [value], "n": [n]}), rounding=rounding)
        values.append(
            ValueGranularity(
                value=value,
                estimate_ids=tuple(e.estimate_id for e in estimates),
                what="; ".join(dict.fromkeys(_describe(e) for e in estimates)),
                grid=tuple(grid),
                printable=grim(grid, [n], rounding=rounding),
                counts=grim_counts(value, n, rounding=rounding),
                nearest=nearest,
                uninformative=bool(verdict["uninformative"].iloc[0]),
                fits=grim([value], ns, rounding=rounding),
            )
        )
    fits_all = tuple(grim_denominators(list(by_value), ns.tolist(), rounding=rounding))
    subsample = tuple(subsample_denominators(list(by_value), n, rounding))
    return Granularity(source_id, source_label(source), n, tuple(values), ns, fits_all, rounding,
                       subsample, recorded)


def compress_runs(numbers: Sequence[int]) -> str:
    """Write sorted integers with runs as ranges: ``"214–217, 234–237, 255"``.

    Examples
    --------
    >>> compress_runs([214, 215, 216, 217, 234, 255])
    '214–217, 234, 255'
    >>> compress_runs([])
    'none'
    """
    if not numbers:
        return "none"
    runs: list[list[int]] = [[numbers[0], numbers[0]]]
    for x in numbers[1:]:
        if x == runs[-1][1] + 1:
            runs[-1][1] = x
        else:
            runs.append([x, x])
    return ", ".join(f"{a}" if a == b else f"{a}–{b}" for a, b in runs)


def _fraction(k: int, n: int) -> float:
    return 100.0 * k / n


def _strip(ax: Any, item: ValueGranularity, n: int) -> None:
    """Draw one reported value on its number line of printable values."""
    decimals = decimals_of(item.value)
    step = 10.0 ** -decimals
    grid = np.array([float(g) for g in item.grid])
    centre = float(item.value)
    lo, hi = grid.min() - 0.6 * step, grid.max() + 0.6 * step
    ax.set_xlim(lo, hi)
    ax.set_ylim(-0.6, 1.95)
    ax.axhline(0, color=GREY, lw=0.6, zorder=0)
    # exact fractions k / n in the window
    ks = np.arange(int(np.floor(lo * n / 100)), int(np.ceil(hi * n / 100)) + 1)
    ks = ks[(ks >= 0) & (ks <= n)]
    xs = 100.0 * ks / n
    inside = (xs >= lo) & (xs <= hi)
    ax.vlines(xs[inside], 0.4, 0.75, color=GREY, lw=0.8, zorder=1)
    if not item.uninformative:
        labelled = item.counts if item.consistent else item.nearest
        for k in (labelled[0], labelled[-1]) if len(labelled) > 1 else labelled:
            x = _fraction(k, n)
            if lo <= x <= hi:
                ax.text(x, 0.82, f"{k}/{n}\n= {x:.2f}", ha="center", va="bottom",
                        fontsize=6.3, color="#333333", linespacing=1.1)
    printable = item.printable
    ax.scatter(grid[printable], np.zeros(printable.sum()), s=20, color="black", zorder=3)
    ax.scatter(grid[~printable], np.zeros((~printable).sum()), s=20, facecolor="white",
               edgecolor=GREY, lw=0.9, zorder=3)
    ax.scatter([centre], [0], **(_CONSISTENT_MARK if item.consistent else _INCONSISTENT_MARK))
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    middle = int(np.argmin(abs(grid - centre)))
    ticks = [g for i, g in enumerate(grid) if (i - middle) % 2 == 0]
    ax.set_xticks(ticks)
    ax.set_xticklabels([f"{t:.{decimals}f}" for t in ticks])
    ax.tick_params(axis="x", length=2.5, pad=2)
    count = ""
    if item.counts:
        count = (f"k = {item.counts[0]}" if len(item.counts) == 1
                 else f"k = {item.counts[0]}–{item.counts[-1]}")
    if item.uninformative:
        verdict, colour = f"consistent, {count} (uninformative)", "#333333"
    elif item.consistent:
        verdict, colour = f"consistent, {count}", CONSISTENT_COLOR
    else:
        verdict, colour = "inconsistent: no k/N rounds to it", INCONSISTENT_COLOR
    ax.set_title(f"{item.value}%\n{wrap(item.what, 34)}", fontsize=8, pad=3, linespacing=1.2)
    ax.text(0.0, 0.99, verdict, transform=ax.transAxes, fontsize=7, color=colour, ha="left",
            va="top", fontweight="bold" if not item.consistent else "normal", linespacing=1.1)


_CONSISTENT_MARK: Final = {"s": 150, "facecolor": "none", "edgecolor": CONSISTENT_COLOR,
                           "lw": 1.8, "zorder": 4, "marker": "o"}
_INCONSISTENT_MARK: Final = {"s": 110, "color": INCONSISTENT_COLOR, "lw": 0, "zorder": 4,
                             "marker": "X"}


def _legend(ax: Any) -> None:
    """The key to the number lines, in its own (empty) axes."""
    import matplotlib.pyplot as plt

    handles = [
        plt.Line2D([], [], color="black", marker="o", markersize=4.5, linestyle="none"),
        plt.Line2D([], [], markerfacecolor="white", markeredgecolor=GREY, marker="o",
                   markersize=4.5, linestyle="none"),
        plt.Line2D([], [], color=GREY, lw=0.8, marker="|", markersize=8, linestyle="none"),
        plt.Line2D([], [], markerfacecolor="none", markeredgecolor=CONSISTENT_COLOR, marker="o",
                   markersize=10, markeredgewidth=1.8, linestyle="none"),
        plt.Line2D([], [], color=INCONSISTENT_COLOR, marker="X", markersize=9, linestyle="none",
                   markeredgewidth=0),
    ]
    labels = ["printable: some k/N rounds to it", "not printable with this N",
              "exact value of k/N", "reported value, consistent", "reported value, inconsistent"]
    ax.legend(handles, labels, loc="center", ncols=3, fontsize=7, handletextpad=0.3,
              columnspacing=1.5, borderaxespad=0)
    ax.axis("off")


def _fits_panel(ax: Any, g: Granularity) -> None:
    """The nearby sample sizes each value (and all of them) is consistent with."""
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Rectangle

    rows = [v.fits for v in g.values]
    all_fit = np.all(np.vstack(rows), axis=0)
    matrix = np.vstack([*rows, all_fit])
    labels = [f"{v.value}%" for v in g.values] + ["all values"]
    ns = g.ns
    # filled cells as vector rectangles (crisp in PDF and SVG, no embedded raster image)
    cells = [Rectangle((ns[j] - 0.5, i - 0.5), 1, 1)
             for i, j in zip(*np.nonzero(matrix), strict=True)]
    ax.add_collection(PatchCollection(cells, facecolor=FIT_COLOR, edgecolor="none", zorder=1))
    ax.set_xlim(ns[0] - 0.5, ns[-1] + 0.5)
    ax.set_ylim(len(labels) - 0.5, -0.5)
    for y in np.arange(len(labels) + 1) - 0.5:
        ax.axhline(y, color="#BBBBBB", lw=0.4)
    for x in np.arange(ns[0], ns[-1] + 2) - 0.5:
        ax.axvline(x, color="#DDDDDD", lw=0.3)
    ax.axhline(len(labels) - 1.5, color="black", lw=0.9)
    ax.add_patch(Rectangle((g.n - 0.5, -0.5), 1, len(labels), fill=False,
                           edgecolor=INCONSISTENT_COLOR, lw=1.6, zorder=5))
    named = [m for m in g.recorded if ns[0] <= m <= ns[-1]]
    for m in named:
        ax.add_patch(Rectangle((m - 0.5, -0.5), 1, len(labels), fill=False, edgecolor="black",
                               lw=1.4, linestyle=(0, (2, 1.2)), zorder=5))
    ax.set_yticks(range(len(labels)))
    ax.set_yticklabels(labels)
    # a named N next to the reported one keeps its outline but not a tick label (they would touch)
    marked = {g.n, *(m for m in named if abs(m - g.n) > 3)}
    ticks = sorted({int(n) for n in ns
                    if n % 5 == 0 and all(abs(n - m) > 2 for m in marked)} | marked)
    ax.set_xticks(ticks)
    for label in ax.get_xticklabels():
        if label.get_text() in {str(m) for m in marked}:
            label.set_color(INCONSISTENT_COLOR if label.get_text() == str(g.n) else "black")
            label.set_fontweight("bold")
    dashed = (f"; dashed: N named by other records ({', '.join(map(str, named))})"
              if named else "")
    ax.set_xlabel(f"Sample size N (participants); outlined: the reported N = {g.n}{dashed}")
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)
    ax.set_title(f"Which N near {g.n} fit (filled: the printed value is possible with that N)\n"
                 f"Every value fits N = {compress_runs(list(g.fits_all))} here\n"
                 f"{_subsample_count(g)} at or below {g.n} fit every value",
                 fontsize=8, loc="left", pad=4, linespacing=1.3)


@styled
def plot_granularity(g: Granularity, *, ncols: int = 3) -> Any:
    """Draw the granularity figure of one source.

    Parameters
    ----------
    g : Granularity
        From :func:`granularity`.
    ncols : int
        Reported values per row of number lines.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_granularity(granularity("schweitzer2015"))
    >>> len(fig.axes)
    5
    """
    import matplotlib.pyplot as plt

    nvalues = len(g.values)
    nrows = -(-nvalues // ncols)
    heights = [1.45] * nrows + [0.3, 0.3 * (nvalues + 1) + 0.7]
    fig = plt.figure(figsize=(7.0, sum(heights) + 0.4), layout="constrained")
    grid = fig.add_gridspec(nrows + 2, ncols, height_ratios=heights)
    strips = []
    for i, item in enumerate(g.values):
        ax = fig.add_subplot(grid[i // ncols, i % ncols])
        _strip(ax, item, g.n)
        strips.append(ax)
    for ax in strips[-ncols:]:
        ax.set_xlabel(percent_label("Printed value"))
    _legend(fig.add_subplot(grid[nrows, :]))
    _fits_panel(fig.add_subplot(grid[nrows + 1, :]), g)
    fig.suptitle(f"GRIM granularity: {g.label}, N = {g.n}", x=0.0, ha="left",
                 fontweight="bold", fontsize=10)
    add_note(
        fig,
        f"A percentage of N people is 100·k/N for a whole count k, so at the printed precision "
        f"only some values can appear (GRIM test, Brown & Heathers 2017). Rounding: "
        f"{g.rounding} ({ROUNDING_MODES[g.rounding].split(' (')[0]}). N = {g.n} is the "
        f"analysed sample of "
        f"{g.label}; the percentages are those it printed of that sample "
        f"({', '.join(g.estimate_ids)}). {recorded_text(g)}",
    )
    return fig


def _subsample_count(g: Granularity) -> str:
    count = len(g.subsample_ns)
    return f"{count} sub-sample size{'' if count == 1 else 's'}"


def recorded_text(g: Granularity) -> str:
    """What the sample sizes other records name say, with where they were read.

    Examples
    --------
    >>> text = recorded_text(granularity("schweitzer2015"))
    >>> text[:77]
    'Other records name N = 195 (read in a digest, news: secondary) and N = 231 (r'
    >>> text.split(": ", 3)[-1]
    '195 fits every value; 231 does not.'
    >>> recorded_text(granularity("burri_hilpert2020"))
    'No other record names a sample size for this sample.'
    """
    if not g.recorded:
        return "No other record names a sample size for this sample."

    def where(read_in: tuple[str, ...]) -> str:
        kinds = ", ".join(("a " + r) if r == "digest" else r for r in read_in)
        secondary = all(r in V.SECONDARY_READ_IN for r in read_in)
        return f"read in {kinds}" + (": secondary" if secondary else "")

    named = and_list([f"N = {m} ({where(read)})" for m, read in g.recorded.items()])
    fitting = g.recorded_fitting
    others = [m for m in g.recorded if m not in fitting]
    verdicts = [f"{and_list([str(m) for m in fitting])} fit{'s' if len(fitting) == 1 else ''} "
                "every value"] if fitting else []
    verdicts += [f"{and_list([str(m) for m in others])} do{'es' if len(others) == 1 else ''} "
                 "not"] if others else []
    return (f"Other records name {named} for this sample (sample_sizes.csv): "
            f"{'; '.join(verdicts)}.")


def caption(g: Granularity) -> str:
    """The README caption of the granularity figure of one source.

    Examples
    --------
    >>> caption(granularity("schweitzer2015")).split(":")[0]
    'GRIM granularity of S1 Schweitzer et al. 2015 (N = 230)'
    """
    bad = [v.value + "%" for v in g.values if not v.consistent]
    verdict = (f"{', '.join(bad)} cannot be k/{g.n} for any whole count k" if bad
               else f"every value is possible with N = {g.n}")
    return (
        f"GRIM granularity of {g.label} (N = {g.n}): for each percentage it printed, the values "
        f"of the same precision nearby that some k/{g.n} rounds to, with the reported value "
        f"marked ({verdict}); below, which sample sizes from {g.ns[0]} to {g.ns[-1]} fit "
        f"each value and all of them (N = {compress_runs(list(g.fits_all))}); "
        f"{_subsample_count(g)} at or below {g.n} fit every value. "
        f"{recorded_text(g)} Rounding: {g.rounding}."
    )
