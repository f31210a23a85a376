"""One self-contained Markdown report of the record set, generated from it (``pctstats report``).

The report holds the sources (with their APA references and open facts), every prevalence with its
confidence interval, every finding of the consistency checks, the claim audit, the pooled lifetime
estimates and the figures of ``figures/`` (linked relative to the report). Every table is computed
from the records when the report is written, through the same functions as the rest of pctstats
(:func:`pctstats.checks.check_all`, :func:`pctstats.audit.audit_claims`,
:func:`pctstats.applied.prevalence_table`, :func:`pctstats.applied.pooled_lifetime`), so the report
cannot disagree with the data. It holds no date or machine-specific path, so the same records give
the same report byte for byte.

The same report as one self-contained HTML page: :mod:`pctstats.report_html`
(``pctstats report --format html``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Final

import pandas as pd

from pctstats import __version__
from pctstats.applied import pooled_lifetime, prevalence_table, ratio_table
from pctstats.audit import VERDICTS, claim_verdicts, verdict_counts
from pctstats.checks import STATUSES, check_all, summarise
from pctstats.cite import apa_reference, package_citation
from pctstats.core.files import atomic_write_bytes
from pctstats.core.paths import REPO_ROOT
from pctstats.core.paths import figures_dir as default_figures_dir
from pctstats.core.rounding import DEFAULT_ROUNDING, ROUNDING_MODES, check_rounding
from pctstats.data.dataset import Dataset, dataset_or_default
from pctstats.formatting import format_frame

__all__ = [
    "CLAIM_COLUMNS", "ESTIMATE_COLUMNS", "FINDING_COLUMNS", "POOLED_COLUMNS", "build_report",
    "claims_table", "figure_files", "sources_table", "write_report"
]

#: Columns of the claim table (``pctstats claims`` and the report), in order.
CLAIM_COLUMNS: Final = (
    "claim_id", "article", "article_quote", "verdict", "mismatches", "reasons", "source_ids",
    "source_quote", "doi",
)

#: Columns of the estimates table of the report.
ESTIMATE_COLUMNS: Final = (
    "estimate_id", "label", "sex", "timeframe", "frequency", "context", "n", "value",
    "value_high", "k_min", "k_max", "low", "high", "method", "basis", "note",
)

#: Columns of the findings table of the report.
FINDING_COLUMNS: Final = ("check", "record_id", "status", "message")

#: Columns of the pooled-estimates table of the report.
POOLED_COLUMNS: Final = (
    "group", "measure", "studies", "k_used", "method", "estimate", "low", "high", "pi_low",
    "pi_high", "tau2", "i2", "note",
)


def _join(values: object) -> str:
    if values is None or (isinstance(values, float) and pd.isna(values)):
        return ""
    if isinstance(values, str):
        return values
    return "; ".join(str(v) for v in values)  # type: ignore[union-attr]


def claims_table(db: Dataset | None = None, rounding: str = DEFAULT_ROUNDING) -> pd.DataFrame:
    """The claim audit joined with the records: what the article says, what the source says.

    Parameters
    ----------
    db
        The record set; the shipped one by default.
    rounding
        The rounding mode the audit assumes (:data:`pctstats.core.rounding.ROUNDING_MODES`).

    Returns
    -------
    pandas.DataFrame
        One row per claim (``claims.csv`` order) with the columns of :data:`CLAIM_COLUMNS`: the
        claim, the article's outlet and quote, the verdict of :func:`pctstats.audit.audit_claims`
        with its mismatching dimensions and its explanation (``reasons``), and the source(s) of
        the estimate(s) the audit compared the claim with (its best match, else the estimates it
        traces to), with their quotes and DOIs. A claim that traces to no source is still shown
        with the evidence the audit weighed against it (claim E: the pair of lifetime
        prevalences a "2.87 times" would have to come from).

    Examples
    --------
    >>> table = claims_table().set_index("claim_id")
    >>> table.loc["D-lifetime", ["verdict", "mismatches", "doi"]].tolist()
    ['distorted', 'sample_size', '10.1080/0092623X.2018.1488326']
    >>> table.loc["E", ["verdict", "source_ids"]].tolist()
    ['unsupported', 'schweitzer2015; maczkowiack2019']
    """
    data = dataset_or_default(db)
    # claim ids are unique within an article, so a claim's verdict is found by both
    verdicts = {(v.article_id, v.claim_id): v for v in claim_verdicts(data, rounding=rounding)}
    rows = []
    for claim in data.claims.values():
        found = verdicts[claim.article_id, claim.claim_id]
        estimate_ids = list(found.matched_estimate_ids or claim.estimate_ids)
        estimates = [data.estimates[e] for e in estimate_ids if e in data.estimates]
        source_ids = list(dict.fromkeys(e.source_id for e in estimates)) or list(claim.source_ids)
        quotes = list(dict.fromkeys(e.quote for e in estimates))
        rows.append(
            {
                "claim_id": claim.claim_id,
                "article": data.articles[claim.article_id].outlet,
                "article_quote": claim.quote,
                "verdict": found.verdict,
                "mismatches": _join(found.dimensions),
                "reasons": found.message,
                "source_ids": "; ".join(source_ids),
                "source_quote": " / ".join(quotes),
                "doi": "; ".join(d for s in source_ids if (d := data.sources[s].doi)),
            }
        )
    return pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))


def sources_table(db: Dataset | None = None) -> pd.DataFrame:
    """The sources with their APA reference (Markdown), design, analysed n and population.

    Parameters
    ----------
    db
        The record set; the shipped one by default.

    Returns
    -------
    pandas.DataFrame
        One row per source, in file order: ``source_id``, ``label``, ``reference`` (APA 7, with
        Markdown italics; a source whose authors are open is cited title first), ``design``,
        ``n_analysed`` and ``population``.

    Examples
    --------
    >>> table = sources_table().set_index("label")
    >>> table.loc["S8", "reference"][:48]
    'Raftery, D. (2024). Further exploration of the c'
    >>> int(table.loc["S3", "n_analysed"])
    1208
    """
    data = dataset_or_default(db)
    return pd.DataFrame(
        [
            {
                "source_id": s.source_id,
                "label": s.label,
                "reference": apa_reference(s, markup="markdown"),
                "design": s.design,
                "n_analysed": s.n_analysed,
                "population": s.population,
            }
            for s in data.sources.values()
        ]
    ).astype({"n_analysed": "Int64"})


def figure_files(figures_dir: str | os.PathLike[str] | None = None) -> list[Path]:
    """The PNG figures of the figure build, in name order (empty if none were built).

    Parameters
    ----------
    figures_dir
        The build's output folder; default :func:`pctstats.core.paths.figures_dir`
        (``figures/`` of the checkout, or ``$PCTSTATS_FIGURES_DIR``). From an installed wheel
        without a checkout, no figures.

    Returns
    -------
    list of pathlib.Path
        The ``*.png`` files of that folder (the build also writes SVG and PDF copies).

    Examples
    --------
    >>> import tempfile
    >>> figure_files(tempfile.mkdtemp())
    []
    """
    if figures_dir is None:
        try:
            figures_dir = default_figures_dir()
        except FileNotFoundError:  # an installed wheel: no checkout, no figures/
            return []
    folder = Path(figures_dir)
    return sorted(folder.glob("*.png")) if folder.is_dir() else []


def _no_figures_message() -> str:
    """Why the report has no figures, and what to do, for the way pctstats was installed."""
    if REPO_ROOT is None:  # an installed wheel: no notebooks, so no figure build here
        return (
            "No figures: they are built from a source checkout of pctstats (`make figures` "
            "there). To include figures built elsewhere, set `PCTSTATS_FIGURES_DIR` to their "
            "folder and write the report again."
        )
    return (
        "No figures have been built yet: run `make figures` (or `pctstats figures`) and write "
        "the report again."
    )


def _link(path: Path, relative_to: Path) -> str:
    """A relative link in POSIX form (Markdown wants forward slashes)."""
    try:
        return Path(os.path.relpath(path.resolve(), relative_to.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return path.resolve().as_uri()


def _md(frame: pd.DataFrame) -> str:
    return format_frame(frame, "markdown")


def _record_set_version(data: Dataset) -> str:
    try:
        package = json.loads((data.path / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "unknown"
    return str(package.get("version", "unknown"))


def build_report(
    db: Dataset | None = None,
    *,
    rounding: str = DEFAULT_ROUNDING,
    figures_dir: str | os.PathLike[str] | None = None,
    relative_to: str | os.PathLike[str] | None = None,
) -> str:
    """The Markdown report of the record set: sources, estimates, checks, claims, pooling, figures.

    Parameters
    ----------
    db
        The record set; the shipped one by default.
    rounding
        The rounding mode the checks and the audit assume.
    figures_dir
        Where the built figures are (see :func:`figure_files`).
    relative_to
        The folder the report will be read from: figure links are relative to it (default: the
        current directory).

    Returns
    -------
    str
        The report, Markdown, ending with a newline.

    Examples
    --------
    >>> text = build_report()
    >>> text.splitlines()[0]
    '# pctstats report: postcoital dysphoria prevalence claims and their sources'
    >>> from pctstats import load
    >>> all(f"`{s}`" in text for s in load().sources)
    True
    """
    data = dataset_or_default(db)
    rounding = check_rounding(rounding)
    base = Path.cwd() if relative_to is None else Path(relative_to)

    out: list[str] = []

    def add(*lines: str) -> None:
        out.extend(lines)

    add(
        "# pctstats report: postcoital dysphoria prevalence claims and their sources",
        "",
        f"Generated by `pctstats report` (pctstats {__version__}) from the record set "
        f"(`datapackage.json` version {_record_set_version(data)}): {len(data.sources)} sources, "
        f"{len(data.estimates)} estimates, {len(data.articles)} articles, "
        f"{len(data.claims)} claims. Every table below is computed from the records when the "
        "report is written; nothing in it is typed by hand. Regenerate it rather than edit it.",
        "",
        f"Rounding assumed by the checks and the audit: `{rounding}` "
        f"({ROUNDING_MODES[rounding]}). Proportions and intervals are on the 0–1 scale; printed "
        "values (`value`) are per cent, exactly as the source prints them.",
        "",
        "Contents: 1. Sources · 2. Estimates with confidence intervals · 3. Consistency checks · "
        "4. Claim audit · 5. Pooled lifetime estimates · 6. Figures · 7. How to cite",
    )

    # 1. Sources
    add("", "## 1. Sources", "", _md(sources_table(data)).rstrip("\n"))
    add("", "### Open facts", "",
        "What the available texts do not say; pctstats encodes these as open, never guessed.", "")
    for s in data.sources.values():
        if s.open_facts:
            add(f"- **{s.label}** (`{s.source_id}`): {s.open_facts}")

    # 2. Estimates
    prevalences = prevalence_table(data)
    add(
        "", "## 2. Estimates with confidence intervals", "",
        "Every prevalence with its confidence interval (`pctstats.applied.prevalence_table`). "
        "No study prints its counts, so counts `k_min`–`k_max` are reconstructed by GRIM and the "
        "interval covers every consistent count; `basis` says how each interval was obtained.",
        "",
        _md(prevalences[[c for c in ESTIMATE_COLUMNS if c in prevalences]]).rstrip("\n"),
    )
    ratios = ratio_table(data, rounding=rounding)
    if len(ratios):
        add("", "Every reported ratio (`pctstats.applied.ratio_table`): no 2x2 table can be "
            "rebuilt (`reason`), so the interval recomputed is the Wald interval the printed "
            "CI implies, centred on the printed estimate (`low`, `high`); `centred` says "
            "whether the printed CI is centred under rounding.", "",
            _md(ratios.drop(columns=["method"])).rstrip("\n"))
    shown = set(prevalences["estimate_id"]) | set(ratios.get("estimate_id", []))
    others = [e for e in data.estimates.values() if e.estimate_id not in shown]
    if others:
        frame = pd.DataFrame(
            [{"estimate_id": e.estimate_id, "measure": e.measure, "value": e.value,
              "ci_level": e.ci_level, "ci_low": e.ci_low, "ci_high": e.ci_high,
              "exposure": e.exposure, "quote": e.quote} for e in others]
        )
        add("", "Other estimates (associations), as printed:", "",
            _md(frame).rstrip("\n"))

    # 3. Checks
    findings = check_all(data, rounding=rounding)
    counts = summarise(findings).reset_index()
    add(
        "", "## 3. Consistency checks", "",
        "Every finding of every check (`pctstats check`), one row each. Statuses: "
        + "; ".join(f"`{k}`: {v}" for k, v in STATUSES.items()) + ".",
        "", _md(counts).rstrip("\n"), "",
        _md(findings[list(FINDING_COLUMNS)]).rstrip("\n"),
    )

    # 4. Claims
    audit_table = claims_table(data, rounding=rounding)
    tally = verdict_counts(audit_table)
    add(
        "", "## 4. Claim audit", "",
        "Each claim of the popular articles against the source it traces to (`pctstats "
        "claims`). Verdicts, best first: "
        + "; ".join(f"`{k}` ({int(tally[k])}): {v}" for k, v in VERDICTS.items()) + ".",
        "", _md(audit_table).rstrip("\n"),
    )

    # 5. Pooling
    pooled = pooled_lifetime(data)
    pooled_frame = pooled.to_frame()
    add(
        "", "## 5. Pooled lifetime estimates", "",
        "Lifetime PCD prevalence pooled by random effects on the logit scale "
        "(`pctstats.applied.pooled_lifetime`; DerSimonian & Laird 1986), and women compared "
        "with men.", "",
        _md(pooled_frame[[c for c in POOLED_COLUMNS if c in pooled_frame]]).rstrip("\n"),
        "", f"Caveat: {pooled.caveat}",
    )

    # 6. Figures
    add("", "## 6. Figures", "")
    pngs = figure_files(figures_dir)
    if pngs:
        add("Built by `make figures` (captions, notebooks and records: `figures/README.md`).")
        for png in pngs:
            add("", f"### {png.stem}", "", f"![{png.stem}]({_link(png, base)})")
    else:
        add(_no_figures_message())

    # 7. Citing
    add(
        "", "## 7. How to cite", "",
        "Cite pctstats (see `CITATION.cff`) and every primary study whose number you use "
        "(`pctstats cite SOURCE_ID`; `pctstats cite --all --style bibtex > references.bib`):",
        "", package_citation("apa").strip(),
    )
    return "\n".join(out) + "\n"


def write_report(
    path: str | os.PathLike[str],
    db: Dataset | None = None,
    *,
    rounding: str = DEFAULT_ROUNDING,
    figures_dir: str | os.PathLike[str] | None = None,
) -> Path:
    """Write the report to ``path`` atomically (temporary file, then ``os.replace``).

    Figure links are relative to the folder of ``path``. An interrupted write leaves either the
    old file or the new one, never half a report.

    Parameters
    ----------
    path
        The report's file (its folder must exist).
    db, rounding, figures_dir
        As for :func:`build_report`.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    FileNotFoundError
        If the folder of ``path`` does not exist.

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "report.md"
    >>> write_report(target).read_text(encoding="utf-8").startswith("# pctstats report")
    True
    """
    target = Path(path)
    if not target.parent.is_dir():
        raise FileNotFoundError(2, "no such folder", str(target.parent))
    text = build_report(db, rounding=rounding, figures_dir=figures_dir,
                        relative_to=target.parent)
    return atomic_write_bytes(target, text.encode("utf-8"))
