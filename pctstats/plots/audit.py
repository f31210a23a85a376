"""The claim audit figure: every article claim beside the source value it traces to.

Each row is one claim of :func:`pctstats.audit.audit_claims`: the article's number (a diamond,
or a bar for a range) beside the value of the estimate the audit matched it with (a circle or bar,
with its interval from :func:`pctstats.applied.prevalence_table`), coloured by verdict and labelled
with what differs. Verdicts, mismatches and their phrases all come from :mod:`pctstats.audit`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd

from pctstats.applied import prevalence_table
from pctstats.audit import (
    ACCURATE,
    DISTORTED,
    GENERALIZED,
    ROUNDED,
    UNSUPPORTED,
    VERDICTS,
    WRONG_NUMBER,
    Mismatch,
    claim_verdicts,
    verdict_frame,
)
from pctstats.core import names as C
from pctstats.core import vocab as V
from pctstats.core.reported import to_decimal
from pctstats.core.rounding import DEFAULT_ROUNDING
from pctstats.data.dataset import Dataset, default_dataset
from pctstats.data.records import Claim, Estimate
from pctstats.plots.prevalence import method_name
from pctstats.plots.style import (
    LIGHT_GREY,
    OKABE_ITO,
    SEX_STYLES,
    add_note,
    percent_label,
    styled,
    wrap,
)
from pctstats.plots.tables import printed_value
from pctstats.stats.intervals import DEFAULT_LEVEL, DEFAULT_METHOD
from pctstats.stats.ratios import implied_odds_ratio, implied_risk_ratio

__all__ = [
    "DIFFERENCE_WIDTH",
    "VERDICT_COLORS",
    "AuditRow",
    "ClaimAudit",
    "caption",
    "claim_audit",
    "plot_claim_audit"
]

#: Colour of each verdict (Okabe–Ito); the verdict is also written out beside each row.
VERDICT_COLORS: Final = {
    ACCURATE: OKABE_ITO["bluish_green"],
    ROUNDED: OKABE_ITO["sky_blue"],
    GENERALIZED: OKABE_ITO["yellow"],
    DISTORTED: OKABE_ITO["orange"],
    WRONG_NUMBER: OKABE_ITO["vermillion"],
    UNSUPPORTED: OKABE_ITO["reddish_purple"],
}
#: Characters per line of the "what differs" column.
DIFFERENCE_WIDTH: Final = 52


@dataclass(frozen=True)
class AuditRow:
    """One claim of the audit figure.

    Attributes
    ----------
    claim : Claim
        The claim.
    verdict : str
        Its verdict (:data:`pctstats.audit.VERDICTS`).
    matched : tuple of Estimate
        The estimate(s) the audit matched it with (two for a comparison or ratio).
    intervals : tuple of (float, float)
        Each matched estimate's interval (0–1; NaN if it has none).
    differences : tuple of str
        What differs, one short phrase per dimension.
    detail : str
        A line about the numbers where the axis cannot show them (a ratio, no number).

    Examples
    --------
    >>> row = claim_audit().rows[0]
    >>> row.claim.claim_id, row.verdict, row.plotted, [e.estimate_id for e in row.matched]
    ('A', 'distorted', True, ['maczkowiack2019-regular'])
    >>> [(round(low, 3), round(high, 3)) for low, high in row.intervals]
    [(0.018, 0.058)]
    >>> row.differences
    ('timeframe: lifetime vs no period named', 'frequency: at least once vs on a regular basis')
    """

    claim: Claim
    verdict: str
    matched: tuple[Estimate, ...]
    intervals: tuple[tuple[float, float], ...]
    differences: tuple[str, ...]
    detail: str = ""

    @property
    def plotted(self) -> bool:
        """Whether the claim's number is a percentage the axis shows."""
        return self.claim.unit == V.PERCENT and self.claim.value is not None


def _short(m: Mismatch) -> str:
    """A compact phrase for one mismatch: ``"timeframe: lifetime vs no period named"``."""
    name = m.dimension.replace("_", " ")
    if m.dimension == C.ACROSS_SAMPLES:
        return "two different samples"
    if m.dimension == C.STRENGTH:
        return "strength of association not reported"
    if m.dimension == C.POPULATION:
        return f"population: {m.note}"
    if m.claimed or m.found:
        return f"{name}: {m.claimed} vs {m.found}"
    return f"{name}: {m.note}" if m.note else name


def _precision(claim: Claim, estimate: Estimate) -> str:
    return f"precision: {printed_value(claim)} vs {printed_value(estimate)} printed"


@dataclass(frozen=True)
class ClaimAudit:
    """Everything the claim-audit figure shows.

    Attributes
    ----------
    rows : tuple of AuditRow
        One per claim, in record order.
    audit : pandas.DataFrame
        :func:`pctstats.audit.audit_claims`'s table.
    method, level : str, float
        The estimates' interval method and level.

    Examples
    --------
    >>> ca = claim_audit()
    >>> len(ca.rows), ca.method, ca.level
    (14, 'wilson', 0.95)
    >>> ca.records[:4]
    ['mashable_reprint/A', 'mashable_reprint', 'maczkowiack2019-regular', 'maczkowiack2019']
    >>> ca.audit.set_index("claim_id").loc["E", "verdict"]
    'unsupported'
    """

    rows: tuple[AuditRow, ...]
    audit: pd.DataFrame
    method: str
    level: float

    @property
    def records(self) -> list[str]:
        """Every claim, article, estimate and source behind the figure."""
        ids: list[str] = []
        for r in self.rows:
            ids += [r.claim.key, r.claim.article_id]  # a claim id is unique only in its article
            ids += [e.estimate_id for e in r.matched] + [e.source_id for e in r.matched]
        return list(dict.fromkeys(ids))

    def frame(self) -> pd.DataFrame:
        """One row per claim: verdict, the two numbers and what differs.

        Examples
        --------
        >>> claim_audit().frame().set_index("claim_id").loc["D-lifetime", "what differs"]
        'sample size: n = 1,635 vs 1,208'
        """
        return pd.DataFrame(
            [
                {
                    C.CLAIM_ID: r.claim.claim_id,
                    C.VERDICT: r.verdict,
                    "article says": r.claim.value_text,
                    "source": "; ".join(f"{e.estimate_id} ({printed_value(e) or 'no number'})"
                                        for e in r.matched),
                    "what differs": "; ".join(r.differences),
                }
                for r in self.rows
            ]
        )


def claim_audit(db: Dataset | None = None, *, method: str = DEFAULT_METHOD,
                level: float = DEFAULT_LEVEL) -> ClaimAudit:
    """Collect the audit figure's rows from :func:`pctstats.audit.audit_claims`.

    Parameters
    ----------
    db : Dataset, optional
        The record set (default: the shipped one).
    method, level : str, float
        Interval method and level of the source values.

    Returns
    -------
    ClaimAudit

    Examples
    --------
    >>> rows = claim_audit().rows
    >>> rows[0].claim.claim_id, rows[0].verdict, rows[0].differences
    ('A', 'distorted', ('timeframe: lifetime vs no period named', 'frequency: at least once vs on a regular basis'))
    """  # noqa: E501
    db = db or default_dataset()
    verdicts = claim_verdicts(db, DEFAULT_ROUNDING)
    intervals = prevalence_table(db, method=method, level=level).set_index(C.ESTIMATE_ID)
    rows = []
    for v in verdicts:
        claim = db.claims[v.article_id, v.claim_id]
        ids = v.matched_estimate_ids
        matched = tuple(db.estimates[i] for i in ids)
        cis = tuple(
            (float(intervals.loc[i, C.LOW]), float(intervals.loc[i, C.HIGH]))
            if i in intervals.index else (float("nan"), float("nan"))
            for i in ids
        )
        differences = []
        for m in v.mismatches:
            if m.dimension == C.PRECISION and matched:
                differences.append(_precision(claim, matched[0]))
            elif m.dimension == C.VALUE and claim.measure == V.RATIO_CLAIM:
                differences.append(f"number: no pair implies {claim.value}")
            else:
                differences.append(_short(m))
        detail = ""
        if claim.measure == V.RATIO_CLAIM and len(matched) == 2:
            p1, p2 = (float(to_decimal(e.value or "nan")) / 100 for e in matched)
            detail = (f"claimed ratio {claim.value}; these two imply OR "
                      f"{float(implied_odds_ratio(p1, p2)):.2f}, RR "
                      f"{float(implied_risk_ratio(p1, p2)):.2f}")
        elif claim.value is None:
            detail = f"no number: \u201c{claim.value_text}\u201d"
        rows.append(AuditRow(claim, v.verdict, matched, cis, tuple(differences), detail))
    return ClaimAudit(tuple(rows), verdict_frame(verdicts, DEFAULT_ROUNDING), method, level)


def _bar_or_point(ax: Any, low: float, high: float | None, y: float, **kw: Any) -> None:
    if high is not None and high != low:
        ax.plot([low, high], [y, y], solid_capstyle="butt", **kw)
    else:
        ax.plot([low], [y], linestyle="none", **kw)


@styled
def plot_claim_audit(ca: ClaimAudit, db: Dataset | None = None) -> Any:
    """Draw every claim beside the source value it traces to, coloured by verdict.

    Parameters
    ----------
    ca : ClaimAudit
        From :func:`claim_audit`.
    db : Dataset, optional
        The record set (for outlets and source labels).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_claim_audit(claim_audit())
    >>> [text.get_text() for text in fig.axes[0].get_legend().get_texts()][-2:]
    ["source's value, 95% CI", 'a range (claim or source)']
    """
    import matplotlib.pyplot as plt

    db = db or default_dataset()
    unit = 0.25  # inches per data unit on the y axis
    line = 0.118 / unit  # one line of 6.6-point text, in data units
    # layout: a heading per article, then one block per claim, as tall as its text
    y, ys, heads, texts = 0.0, [], [], []
    current = None
    for r in ca.rows:
        if r.claim.article_id != current:
            y += 0.7 if current is not None else 0.0
            heads.append((y, db.articles[r.claim.article_id].outlet))
            y += 0.9
            current = r.claim.article_id
        lines = wrap("; ".join(r.differences) or "nothing differs", DIFFERENCE_WIDTH)
        texts.append(lines)
        height = max(1.6, 0.5 + line * (lines.count("\n") + 2))
        ys.append(y + 0.5 * height)
        y += height
    xmax = 0.0
    for r in ca.rows:
        values = [float(to_decimal(v)) for v in r.claim.values] if r.plotted else []
        for e, (lo, hi) in zip(r.matched, r.intervals, strict=True):
            values += [float(to_decimal(v)) for v in e.values if e.unit == V.PERCENT]
            values += [100 * v for v in (lo, hi) if np.isfinite(v)]
        xmax = max([xmax, *values])
    xmax = 10 * np.ceil(xmax / 10 + 0.05)
    fig = plt.figure(figsize=(7.2, unit * y + 1.6), layout="constrained")
    grid = fig.add_gridspec(1, 2, width_ratios=[1.0, 0.95])
    ax = fig.add_subplot(grid[0])
    side = fig.add_subplot(grid[1], sharey=ax)
    labels = []
    for r, yy, text in zip(ca.rows, ys, texts, strict=True):
        colour = VERDICT_COLORS[r.verdict]
        # the source value(s): black (marker by sex), with their intervals
        for k, (e, (lo, hi)) in enumerate(zip(r.matched, r.intervals, strict=True)):
            if e.unit != V.PERCENT or e.value is None:
                continue
            dy = 0.3 * (k - (len(r.matched) - 1) / 2) if len(r.matched) > 1 else 0.0
            marker = SEX_STYLES[e.sex]["marker"]
            if np.isfinite(lo):
                ax.plot([100 * lo, 100 * hi], [yy + 0.22 + dy] * 2, color="black", lw=0.9,
                        zorder=3)
            high = float(to_decimal(e.value_high)) if e.value_high else None
            _bar_or_point(ax, float(to_decimal(e.value)), high, yy + 0.22 + dy, color="black",
                          marker=marker, ms=5, lw=3.2, zorder=4)
        # the claim's number
        if r.plotted:
            assert r.claim.value is not None
            high = float(to_decimal(r.claim.value_high)) if r.claim.value_high else None
            _bar_or_point(ax, float(to_decimal(r.claim.value)), high, yy - 0.25, color=colour,
                          marker="D", ms=6.5, mec="black", mew=0.6, lw=3.2, zorder=5)
        elif r.detail:
            ax.text(0.02, yy, wrap(r.detail, 30), transform=ax.get_yaxis_transform(),
                    ha="left", va="center", fontsize=6.6, style="italic", color="#333333",
                    linespacing=1.2)
        labels.append(wrap(f"{r.claim.claim_id}: \u201c{r.claim.value_text}\u201d", 30))
        source = ", ".join(dict.fromkeys(db.sources[e.source_id].label for e in r.matched))
        block = line * (text.count("\n") + 2.15)  # the verdict line and the differences
        top = yy - 0.5 * block
        head = side.text(0.0, top, r.verdict.replace("_", " "), ha="left", va="top",
                         fontsize=7.2, fontweight="bold", color=colour)
        side.annotate(f"  vs {source}" if source else "  no source", xy=(1, 0),
                      xycoords=head, ha="left", va="bottom", fontsize=7.0, color="#333333")
        side.text(0.0, top + line * 1.15, text, ha="left", va="top", fontsize=6.6,
                  color="#333333", linespacing=1.25)
    for hy, outlet in heads:
        ax.text(-0.01, hy, outlet, transform=ax.get_yaxis_transform(), ha="right", va="center",
                fontweight="bold", fontsize=8)
        side.axhline(hy + 0.5, color=LIGHT_GREY, lw=0.6)
        ax.axhline(hy + 0.5, color=LIGHT_GREY, lw=0.6)
    ax.set_yticks(ys)
    ax.set_yticklabels(labels, fontsize=7.2, linespacing=1.2)
    ax.set_ylim(y, -0.6)
    ax.set_xlim(0, xmax)
    ax.grid(axis="x", color=LIGHT_GREY, lw=0.6, zorder=0)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.set_xlabel(percent_label("Prevalence"))
    side.set_xlim(0, 1)
    side.axis("off")
    side.text(0.0, -0.6, "Verdict and what differs from the source", ha="left", va="bottom",
              fontsize=7.5, fontweight="bold")
    present = list(dict.fromkeys(r.verdict for r in ca.rows))
    handles = [
        plt.Line2D([], [], marker="D", color=VERDICT_COLORS[v], mec="black", mew=0.6,
                   linestyle="none", ms=6.5, label=f"article's number: {v.replace('_', ' ')}")
        for v in VERDICTS if v in present
    ] + [
        plt.Line2D([], [], marker="o", color="black", linestyle="-", lw=0.9, ms=5,
                   label=f"source's value, {100 * ca.level:g}% CI"),
        plt.Line2D([], [], color="black", lw=3.2, label="a range (claim or source)"),
    ]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.45, -0.06), ncols=2,
              fontsize=7, borderaxespad=0)
    fig.suptitle("Claim audit: each article's number beside the source value it traces to",
                 x=0.0, ha="left", fontweight="bold", fontsize=10)
    meanings = " ".join(f"{v.replace('_', ' ').capitalize()}: {VERDICTS[v]}." for v in present)
    add_note(
        fig,
        f"Diamond: the article's number; black: the value of the estimate the audit matched it "
        f"with (circle: women or all, square: men), with a {100 * ca.level:g}% "
        f"{method_name(ca.method)} interval covering every count that rounds to it (GRIM), or "
        f"the interval a survey-weighted source printed (none where no count rounds to the "
        f"printed value). Verdicts hold under rounding {ca.audit[C.ROUNDING].iloc[0]}. "
        f"{meanings}",
        width=125,
    )
    return fig


def caption(ca: ClaimAudit) -> str:
    """The README caption of the claim-audit figure.

    Examples
    --------
    >>> caption(claim_audit()).startswith("Every article claim")
    True
    """
    counts = ca.audit[C.VERDICT].value_counts()
    summary = ", ".join(f"{counts[v]} {v.replace('_', ' ')}" for v in VERDICTS if v in counts)
    return (
        f"Every article claim ({len(ca.rows)}) beside the source value it traces to, with its "
        f"{100 * ca.level:g}% {method_name(ca.method)} interval, coloured by the audit's verdict "
        f"({summary}) and labelled with what differs."
    )
