"""The prevalence a ratio claim needs: "women are 2.87 times more likely" against the data.

For a claimed ratio (odds ratio or risk ratio, women over men), :func:`ratio_claim` computes the
women's prevalence the ratio requires at every men's prevalence
(:func:`pctstats.stats.ratios.required_prevalence`) and collects the published women/men pairs the
claim could rest on (:func:`pctstats.evidence.matching_pairs`), with the intervals of
both prevalences (:func:`pctstats.stats.intervals.reported_ci`). :func:`plot_ratio_claim` draws the
curves, the pairs and the impossible region above 100%.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd

from pctstats.core import names as C
from pctstats.core import vocab as V
from pctstats.core.pairs import group_pairs
from pctstats.core.reported import to_decimal
from pctstats.data.dataset import Dataset, default_dataset
from pctstats.data.records import Claim, Estimate
from pctstats.evidence import matching_pairs
from pctstats.plots.prevalence import method_name
from pctstats.plots.style import (
    GREY,
    LIGHT_GREY,
    OKABE_ITO,
    add_note,
    percent_label,
    styled,
)
from pctstats.plots.tables import source_label
from pctstats.stats.intervals import DEFAULT_LEVEL, DEFAULT_METHOD, ReportedInterval, reported_ci
from pctstats.stats.ratios import (
    RequiredPrevalence,
    implied_odds_ratio,
    implied_risk_ratio,
    required_prevalence,
)

__all__ = [
    "CONTEXT_COLOR",
    "CURVE_POINTS",
    "OR_STYLE",
    "PAIR_COLOR",
    "RR_STYLE",
    "Pair",
    "RatioClaim",
    "caption",
    "plot_ratio_claim",
    "ratio_claim"
]

#: Men's prevalences (0–1) at which the curves are evaluated.
CURVE_POINTS: Final = 501
OR_STYLE: Final = {"color": OKABE_ITO["blue"], "linestyle": "-", "lw": 1.8}
RR_STYLE: Final = {"color": OKABE_ITO["vermillion"], "linestyle": "--", "lw": 1.8}
PAIR_COLOR: Final = OKABE_ITO["black"]
CONTEXT_COLOR: Final = OKABE_ITO["bluish_green"]


@dataclass(frozen=True)
class Pair:
    """A women's and a men's prevalence, each with its interval, and the ratios they imply.

    Attributes
    ----------
    women, men : Estimate
        The two estimates.
    women_ci, men_ci : ReportedInterval
        Their intervals (every GRIM-consistent count's interval, enveloped).
    odds_ratio, risk_ratio : float
        Implied by the printed values (women over men).
    same_source : bool
        Whether both come from one sample.
    matches_claim : bool
        Whether the claim audit counts it as a pair the claim could rest on.

    Examples
    --------
    >>> pair = ratio_claim("E").pairs[0]
    >>> pair.ids, pair.p_women, pair.p_men
    (('schweitzer2015-lifetime', 'maczkowiack2019-lifetime'), 0.46, 0.41)
    >>> round(pair.odds_ratio, 3), round(pair.risk_ratio, 3), pair.same_source, pair.matches_claim
    (1.226, 1.122, False, True)
    >>> pair.women_ci.counts
    range(105, 107)
    """

    women: Estimate
    men: Estimate
    women_ci: ReportedInterval
    men_ci: ReportedInterval
    odds_ratio: float
    risk_ratio: float
    same_source: bool
    matches_claim: bool

    @property
    def p_women(self) -> float:
        """Women's printed prevalence, 0–1."""
        return float(to_decimal(self.women.value or "nan")) / 100

    @property
    def p_men(self) -> float:
        """Men's printed prevalence, 0–1."""
        return float(to_decimal(self.men.value or "nan")) / 100

    @property
    def ids(self) -> tuple[str, str]:
        """The two estimate ids, women first."""
        return self.women.estimate_id, self.men.estimate_id


@dataclass(frozen=True)
class RatioClaim:
    """A ratio claim, the curves of the prevalence it requires, and the published pairs.

    Attributes
    ----------
    claim : Claim
        The claim record (its ``value`` is the ratio, as printed).
    ratio : float
        The claimed ratio.
    p_men : numpy.ndarray
        Men's prevalences (0–1) of the curves.
    odds_ratio_curve, risk_ratio_curve : RequiredPrevalence
        Women's prevalence required by the ratio read as an odds ratio / a risk ratio.
    pairs : tuple of Pair
        The published pairs: first those the claim could rest on, then same-sample pairs in
        other contexts.
    method : str
        Interval method of the prevalences' intervals.
    level : float
        Their confidence level.

    Examples
    --------
    Claim E, "women are 2.87 times more likely":

    >>> rc = ratio_claim("E")
    >>> rc.claim.claim_id, rc.ratio, round(rc.risk_ratio_limit, 4)
    ('E', 2.87, 0.3484)
    >>> len(rc.pairs), [p.ids for p in rc.claim_pairs][0]
    (5, ('schweitzer2015-lifetime', 'maczkowiack2019-lifetime'))
    >>> as_odds, as_risk = rc.required_at(0.41)
    >>> round(as_odds.value, 3), round(as_risk.value, 3), as_risk.possible
    (0.666, 1.177, False)
    """

    claim: Claim
    ratio: float
    p_men: np.ndarray
    odds_ratio_curve: RequiredPrevalence
    risk_ratio_curve: RequiredPrevalence
    pairs: tuple[Pair, ...]
    method: str
    level: float

    @property
    def risk_ratio_limit(self) -> float:
        """The men's prevalence above which the risk ratio needs women above 100%."""
        return 1.0 / self.ratio

    @property
    def claim_pairs(self) -> list[Pair]:
        """The pairs the claim could rest on."""
        return [p for p in self.pairs if p.matches_claim]

    @property
    def records(self) -> list[str]:
        """Every record the figure is made from."""
        ids = [self.claim.key, self.claim.article_id]
        for p in self.pairs:
            ids += [*p.ids, p.women.source_id, p.men.source_id]
        return list(dict.fromkeys(ids))

    def required_at(self, p_men: float) -> tuple[RequiredPrevalence, RequiredPrevalence]:
        """Women's prevalence required at one men's prevalence: (odds ratio, risk ratio).

        Parameters
        ----------
        p_men : float
            Men's prevalence, 0–1.

        Returns
        -------
        tuple of RequiredPrevalence
            The claimed ratio read as an odds ratio, then as a risk ratio.

        Examples
        --------
        >>> as_odds, as_risk = ratio_claim("E").required_at(0.2)
        >>> round(as_odds.value, 3), round(as_risk.value, 3), as_risk.possible
        (0.418, 0.574, True)
        """
        return (required_prevalence(p_men, self.ratio, measure=C.ODDS_RATIO),
                required_prevalence(p_men, self.ratio, measure=C.RISK_RATIO))

    def frame(self, db: Dataset | None = None) -> pd.DataFrame:
        """One row per pair: the prevalences, what the ratio would require, what they imply.

        Examples
        --------
        >>> rc = ratio_claim("E")
        >>> row = rc.frame().iloc[0]
        >>> row["women"], row["men"], round(float(row["implied OR"]), 2)
        ('S1 46%', 'S3 41%', 1.23)
        """
        db = db or default_dataset()
        rows = []
        for p in self.pairs:
            needed_or, needed_rr = self.required_at(p.p_men)
            rows.append(
                {
                    "women": f"{db.sources[p.women.source_id].label} {p.women.value}%",
                    "men": f"{db.sources[p.men.source_id].label} {p.men.value}%",
                    "context": _context(p.women),
                    "same sample": p.same_source,
                    "claim could rest on it": p.matches_claim,
                    "implied OR": p.odds_ratio,
                    "implied RR": p.risk_ratio,
                    f"women needed, OR {self.claim.value}": 100 * float(needed_or.value),
                    f"women needed, RR {self.claim.value}": 100 * float(needed_rr.value),
                    "RR possible": bool(needed_rr.possible),
                    "estimate_ids": ", ".join(p.ids),
                }
            )
        return pd.DataFrame(rows)


def _context(e: Estimate) -> str:
    parts = [e.timeframe, e.frequency, e.context]
    return ", ".join(x.replace("_", " ") for x in parts if x not in (V.NOT_STATED, V.ANY))


def _same_sample_pairs(db: Dataset, exclude: set[tuple[str, str]]) -> list[tuple[Estimate,
                                                                                Estimate]]:
    """Women/men point prevalences of one source with the same outcome, time frame and context."""
    def same_sample(w: Estimate, m: Estimate) -> bool:
        return (m.source_id == w.source_id and m.outcome == w.outcome
                and (m.timeframe, m.frequency, m.context) == (w.timeframe, w.frequency, w.context)
                and (w.estimate_id, m.estimate_id) not in exclude)

    with_n = [e for e in db.estimates.values() if e.n is not None]
    return group_pairs(with_n, V.FEMALE, V.MALE, same_sample)


def ratio_claim(
    claim_id: str,
    db: Dataset | None = None,
    *,
    method: str = DEFAULT_METHOD,
    level: float = DEFAULT_LEVEL,
    same_sample_pairs: bool = True,
) -> RatioClaim:
    """Collect what the ratio-claim figure shows.

    Parameters
    ----------
    claim_id : str
        A claim whose measure is ``ratio_claim`` (e.g. ``"E"``); its ``sex`` is group 1.
    db : Dataset, optional
        The record set (default: the shipped one).
    method, level : str, float
        Interval method and level of each prevalence's interval.
    same_sample_pairs : bool
        Also show women/men pairs from one sample in other contexts.

    Returns
    -------
    RatioClaim

    Examples
    --------
    >>> rc = ratio_claim("E")
    >>> rc.ratio, [p.ids for p in rc.claim_pairs][0]
    (2.87, ('schweitzer2015-lifetime', 'maczkowiack2019-lifetime'))
    >>> round(float(rc.required_at(0.41)[1].value), 4)
    1.1767
    """
    db = db or default_dataset()
    claim = db.claims[claim_id]
    if claim.measure != V.RATIO_CLAIM or claim.value is None:
        raise ValueError(f"claim {claim_id} is not a ratio claim with a value")
    if (claim.sex, claim.reference_sex) != (V.FEMALE, V.MALE):
        raise ValueError(f"claim {claim_id} does not compare women with men")
    ratio = float(to_decimal(claim.value))
    p_men = np.linspace(0.0, 1.0, CURVE_POINTS)

    def pair(w: Estimate, m: Estimate, matches: bool) -> Pair:
        assert w.value is not None and m.value is not None and w.n and m.n
        pw, pm = float(to_decimal(w.value)) / 100, float(to_decimal(m.value)) / 100
        return Pair(w, m, reported_ci(w.value, w.n, method=method, level=level),
                    reported_ci(m.value, m.n, method=method, level=level),
                    float(implied_odds_ratio(pw, pm)), float(implied_risk_ratio(pw, pm)),
                    w.source_id == m.source_id, matches)

    pairs = [pair(p.first, p.reference, True) for p in matching_pairs(claim, db)]
    if same_sample_pairs:
        seen = {p.ids for p in pairs}
        pairs += [pair(w, m, False) for w, m in _same_sample_pairs(db, seen)]
    return RatioClaim(
        claim=claim,
        ratio=ratio,
        p_men=p_men,
        odds_ratio_curve=required_prevalence(p_men, ratio, measure=C.ODDS_RATIO),
        risk_ratio_curve=required_prevalence(p_men, ratio, measure=C.RISK_RATIO),
        pairs=tuple(pairs),
        method=method,
        level=level,
    )


def _fmt(x: float, digits: int = 2) -> str:
    return f"{x:.{digits}f}"


@styled
def plot_ratio_claim(rc: RatioClaim, db: Dataset | None = None) -> Any:
    """Draw the women's prevalence a ratio claim needs at each men's prevalence, with the data.

    Parameters
    ----------
    rc : RatioClaim
        From :func:`ratio_claim`.
    db : Dataset, optional
        The record set, for labels and the article's name.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_ratio_claim(ratio_claim("E"))
    >>> fig.axes[0].get_xlabel()
    "Men's prevalence (%)"
    """
    import matplotlib.pyplot as plt

    db = db or default_dataset()
    claim = rc.claim
    article = db.articles[claim.article_id]
    fig, ax = plt.subplots(figsize=(7.0, 5.6), layout="constrained")
    top = 140.0
    x = 100 * rc.p_men
    # the impossible region
    ax.axhspan(100, top, facecolor=LIGHT_GREY, edgecolor=GREY, hatch="///", lw=0, zorder=0)
    ax.axhline(100, color="black", lw=0.8, zorder=1)
    ax.text(98, 133, "Impossible: a prevalence above 100%", fontsize=8, fontweight="bold",
            va="center", ha="right", zorder=5,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5})
    ax.plot([0, 100], [0, 100], color=GREY, lw=0.9, linestyle=":", zorder=1)
    ax.text(88, 84.5, "equal prevalence", rotation=0, fontsize=7, color="#555555",
            ha="center", va="top")
    ax.plot(x, 100 * np.asarray(rc.odds_ratio_curve.value), **OR_STYLE, zorder=3,
            label=f"needed for an odds ratio of {claim.value}")
    rr = 100 * np.asarray(rc.risk_ratio_curve.value)
    ax.plot(x, rr, **RR_STYLE, zorder=3, label=f"needed for a risk ratio of {claim.value}")
    limit = 100 * rc.risk_ratio_limit
    ax.plot([limit, limit], [0, 100], color=RR_STYLE["color"], lw=0.8, linestyle=":", zorder=2)
    ax.annotate(
        f"a risk ratio of {claim.value} needs men\nbelow {limit:.1f}% (else women > 100%)",
        xy=(limit, 100), xytext=(limit + 12, 103), fontsize=7, color=RR_STYLE["color"],
        ha="left", va="bottom", arrowprops={"arrowstyle": "-", "color": RR_STYLE["color"],
                                            "lw": 0.6},
        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0, "alpha": 0.9})
    # published pairs
    for p in rc.pairs:
        colour = PAIR_COLOR if p.matches_claim else CONTEXT_COLOR
        marker = "o" if p.matches_claim else "s"
        (wl, wh), (ml, mh) = p.women_ci.ci.as_percent(), p.men_ci.ci.as_percent()
        px, py = 100 * p.p_men, 100 * p.p_women
        ax.errorbar([px], [py], yerr=[[py - wl], [wh - py]], xerr=[[px - ml], [mh - px]],
                    fmt=marker, color=colour, ms=6 if p.matches_claim else 5, lw=1.0,
                    capsize=2, zorder=6,
                    mfc=colour if p.matches_claim else "white", mew=1.2)
        ws, ms = db.sources[p.women.source_id].label, db.sources[p.men.source_id].label
        who = f"{ws} women vs {ms} men" if not p.same_source else f"{ws}, {_context(p.women)}"
        text = f"{who}\nOR {_fmt(p.odds_ratio)}, RR {_fmt(p.risk_ratio)}"
        ax.annotate(text, xy=(px, py), xytext=(6, -4), textcoords="offset points", fontsize=6.8,
                    color=colour, ha="left", va="top", zorder=7,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5, "alpha": 0.8})
    # what the claim needs at the men's prevalence of the first claim pair
    if rc.claim_pairs:
        ref = rc.claim_pairs[0]
        needed_or, needed_rr = rc.required_at(ref.p_men)
        mx = 100 * ref.p_men
        for needed, style, word in ((needed_or, OR_STYLE, "OR"), (needed_rr, RR_STYLE, "RR")):
            y = 100 * float(needed.value)
            ax.plot([mx], [y], marker="D", ms=6, color=style["color"], mec="white", mew=0.8,
                    zorder=6, linestyle="none")
            verdict = "" if needed.possible else " (impossible)"
            offset, va = ((8, 0), "center") if word == "RR" else ((7, -5), "top")
            ax.annotate(f"{word} {claim.value} at men's {ref.men.value}%:\nwomen {y:.1f}%"
                        f"{verdict}", xy=(mx, y), xytext=offset, textcoords="offset points",
                        ha="left", va=va, fontsize=7, color=style["color"], zorder=7,
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5,
                              "alpha": 0.85})
    ax.set_xlim(0, 100)
    ax.set_ylim(0, top)
    ax.set_yticks(np.arange(0, top + 1, 20))
    ax.set_xlabel(percent_label("Men's prevalence"))
    ax.set_ylabel(percent_label("Women's prevalence"))
    handles, labels = ax.get_legend_handles_labels()
    handles += [
        plt.Line2D([], [], marker="o", color=PAIR_COLOR, linestyle="none", ms=6),
        plt.Line2D([], [], marker="s", color=CONTEXT_COLOR, mfc="white", linestyle="none",
                   ms=5, mew=1.2),
        plt.Line2D([], [], marker="D", color=GREY, linestyle="none", ms=6),
    ]
    labels += ["published lifetime pair the claim could rest on (two samples)",
               "one sample, women and men, by sexual context (not lifetime)",
               "what the ratio needs at that men's prevalence"]
    ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.09), ncols=2,
              fontsize=7, borderaxespad=0)
    ax.set_title(f"Claim {claim.claim_id} ({article.outlet}): women are "
                 f"\u201c{claim.value_text}\u201d\nto experience PCD at some point in their "
                 "lives. What would that take?", fontsize=9)
    pct = f"{100 * rc.level:g}%"
    add_note(
        fig,
        f"Curves: the women's prevalence that a ratio of {claim.value} (women over men) requires "
        f"at each men's prevalence, read as an odds ratio (p_w = r·p_m / (1 − p_m + r·p_m)) or "
        f"as a risk ratio (p_w = r·p_m). Points: published prevalences, women against men, "
        f"with {pct} {method_name(rc.method)} intervals in both directions (for a "
        f"percentage printed without its count, the interval covers every count that rounds "
        f"to it). OR and RR: the ratios each pair implies. No published source for "
        f"{claim.value} is known. Sources: "
        + "; ".join(source_label(db.sources[s]) for s in dict.fromkeys(
            sid for p in rc.pairs for sid in (p.women.source_id, p.men.source_id)))
        + ".",
    )
    return fig


def caption(rc: RatioClaim, db: Dataset | None = None) -> str:
    """The README caption of the ratio-claim figure.

    Examples
    --------
    >>> caption(ratio_claim("E")).startswith("Claim E")
    True
    """
    db = db or default_dataset()
    article = db.articles[rc.claim.article_id]
    return (
        f"Claim {rc.claim.claim_id} ({article.outlet}, \u201c{rc.claim.value_text}\u201d): the "
        f"women's lifetime prevalence an odds ratio and a risk ratio of {rc.claim.value} would "
        f"require at each men's prevalence, with the published women/men pairs "
        f"({100 * rc.level:g}% {method_name(rc.method)} intervals) and the impossible region "
        f"above 100% "
        f"shaded."
    )
