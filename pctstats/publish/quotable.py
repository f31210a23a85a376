r"""Every number a student quotes: each estimate with its interval, the pooled results, the ratios.

:func:`quote_records` declares (with :func:`pctstats.publish.declare.quote_number`) every number
the record set gives, so that the figure build writes it to ``numbers.json`` and ``numbers.tex``:

* each prevalence as printed (``value``) and its confidence interval, as
  :func:`pctstats.applied.prevalence_table` computes it (Wilson over every GRIM-consistent count;
  the method, level and basis are in the description);
* each reported ratio as printed, with its printed CI;
* the pooled lifetime prevalences (estimate, CI, prediction interval, I²) and the women-versus-men
  odds and risk ratios of :func:`pctstats.applied.pooled_lifetime`.

Names are built from record ids by :func:`macro_name`, so they stay unique as records are added
(ids are unique), and never depend on a row's position. :func:`write_numbers` writes the numbers
declared in the current process (a user's own notebook) to a ``numbers.json`` and a
``numbers.tex`` of its own, in the same form as the build's.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from anyascii import anyascii

from pctstats.applied import pooled_lifetime, prevalence_table, ratio_table
from pctstats.core.files import atomic_write_bytes
from pctstats.core.phrases import fmt_n, noun, words
from pctstats.data.dataset import Dataset, default_dataset
from pctstats.data.records import Estimate
from pctstats.publish.declare import quote_number, registered
from pctstats.publish.outputs import numbers_json, numbers_tex
from pctstats.publish.records import NumberRecord
from pctstats.stats.pooling import PooledPrevalence

__all__ = ["DIGIT_WORDS", "macro_name", "quote_records", "write_numbers"]

#: How a digit is spelled in a macro name (TeX control words hold letters only).
DIGIT_WORDS: Final = ("Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight",
                      "Nine")


def macro_name(*parts: str) -> str:
    """A LaTeX macro name from ids and words: ASCII-folded, digits spelled, words capitalised.

    Every run of letters starts with a capital and keeps the rest as it is; a digit becomes its
    word (TeX macro names hold letters only); anything else separates words. Distinct ids give
    distinct names unless they differ only in punctuation or case.

    Parameters
    ----------
    *parts
        Ids and words, in order.

    Returns
    -------
    str
        Letters only, starting with a capital.

    Raises
    ------
    ValueError
        If no letter or digit is left.

    Examples
    --------
    >>> macro_name("maczkowiack2019-lifetime", "low")
    'MaczkowiackTwoZeroOneNineLifetimeLow'
    >>> macro_name("müller_2020"), macro_name("Østergaard"), macro_name("Straße", "Łódź")
    ('MullerTwoZeroTwoZero', 'Ostergaard', 'StrasseLodz')
    """
    # anyascii transliterates letters that have no decomposition too (Ø -> O, ß -> ss, Ł -> L),
    # where NFKD folding would drop them ("Østergaard" -> "stergaard")
    folded = anyascii(" ".join(parts))
    words = []
    for token in re.findall(r"[A-Za-z]+|[0-9]", folded):
        words.append(DIGIT_WORDS[int(token)] if token.isdigit() else token[0].upper() + token[1:])
    if not words:
        raise ValueError(f"no letter or digit to name a macro in {parts!r}")
    return "".join(words)


def _prevalence_words(e: Estimate, source_label: str) -> str:
    """``"S1 women, lifetime, at least once, prevalence"``: the estimate's group and period."""
    group = " ".join(filter(None, (words("sex", e.sex), words("orientation", e.orientation))))
    return (f"{source_label} {group}, {noun('timeframe', e.timeframe)}, "
            f"{noun('frequency', e.frequency)}, prevalence")


def _percent(proportion: float) -> float:
    return 100.0 * proportion


def quote_records(db: Dataset | None = None) -> list[NumberRecord]:
    """Declare every estimate with its CI, every ratio and the pooled results as quoted numbers.

    Names: ``Est`` + the estimate's id + ``Value``/``Low``/``High`` (prevalences, per cent);
    ``Ratio`` + id + ``Value``/``CiLow``/``CiHigh`` (as printed); ``Pool`` + group +
    ``Estimate``/``Low``/``High``/``PiLow``/``PiHigh``/``Isq`` (per cent); ``Pool`` + the two
    source ids + ``OddsRatio``/``RiskRatio`` + ``Low``/``High`` (women's study versus men's).

    Parameters
    ----------
    db
        The record set; the shipped one by default.

    Returns
    -------
    list of NumberRecord
        The declarations, in the order made.

    Raises
    ------
    ValueError
        If two records' ids give one name.

    Examples
    --------
    >>> numbers = {n.name: n for n in quote_records()}
    >>> numbers["EstMaczkowiackTwoZeroOneNineLifetimeValue"].text
    '41'
    >>> low = numbers["EstMaczkowiackTwoZeroOneNineLifetimeLow"]
    >>> low.text, low.unit, "wilson" in low.description
    ('37.8', '%', True)
    """
    data = default_dataset() if db is None else db
    out: list[NumberRecord] = []
    seen: dict[str, str] = {}

    def quote(name: str, value, source: str, **kwargs) -> None:
        if seen.setdefault(name, source) != source:
            raise ValueError(f"records {seen[name]!r} and {source!r} give one macro name {name!r}")
        out.append(quote_number(name, value, **kwargs))

    for row in prevalence_table(data).itertuples(index=False):
        stem = "Est" + macro_name(row.estimate_id)
        what = _prevalence_words(data.estimates[row.estimate_id], row.label)
        n = data.estimates[row.estimate_id].n
        quote(f"{stem}Value", row.value, row.estimate_id, unit="%", records=[row.estimate_id],
              description=f"{what}, as printed (n = {fmt_n(n)})")
        if isinstance(row.low, float) and math.isfinite(row.low):
            level = f"{row.level:.0%}"
            for end, limit in (("Low", row.low), ("High", row.high)):
                quote(f"{stem}{end}", _percent(limit), row.estimate_id, decimals=1, unit="%",
                      records=[row.estimate_id],
                      description=f"{what}: {end.lower()} limit of the {level} {row.method} CI "
                      f"({row.basis})")
    for row in ratio_table(data).itertuples(index=False):
        stem = "Ratio" + macro_name(row.estimate_id)
        what = f"{row.label} ratio for {row.exposure}"
        quote(f"{stem}Value", row.value, row.estimate_id, records=[row.estimate_id],
              description=f"{what}, as printed")
        for end, limit in (("CiLow", row.ci_low), ("CiHigh", row.ci_high)):
            if isinstance(limit, str) and limit:
                quote(f"{stem}{end}", limit, row.estimate_id, records=[row.estimate_id],
                      description=f"{what}: printed CI, {end[2:].lower()} limit")
    pooling = pooled_lifetime(data)
    for group in pooling.studies:
        res = pooling.group(group)
        if not isinstance(res, PooledPrevalence):  # one study: its estimate is quoted above
            continue
        stem = f"Pool{macro_name(group)}"
        records = list(pooling.studies[group])
        what = f"lifetime PCD prevalence pooled ({group}; {', '.join(res.labels)})"
        method = f"{res.method} random effects on the logit scale, {res.level:.0%}"
        for suffix, value, kind in (
            ("Estimate", res.estimate, "estimate"),
            ("Low", res.ci.low, "CI, lower limit"), ("High", res.ci.high, "CI, upper limit"),
            ("PiLow", res.prediction_interval.low, "prediction interval, lower limit"),
            ("PiHigh", res.prediction_interval.high, "prediction interval, upper limit"),
            ("Isq", res.i2, "I²"),
        ):
            if math.isfinite(value):
                quote(stem + suffix, _percent(value), stem, decimals=1, unit="%",
                      records=records, description=f"{what}: {kind} ({method})")
    for (pair, res), compared in zip(pooling.comparisons, pooling.compared, strict=True):
        first, second = (data.estimates[i].source_id for i in compared)
        stem = "Pool" + macro_name(first, "vs", second, res.measure)
        what = f"lifetime PCD, women versus men ({pair}): {res.measure.replace('_', ' ')}"
        for suffix, value, kind in (("", res.estimate, "estimate"), ("Low", res.ci.low,
                                    "CI, lower limit"), ("High", res.ci.high, "CI, upper limit")):
            quote(stem + suffix, value, stem, decimals=2, records=list(compared),
                  description=f"{what}, {kind} ({res.method}, {res.level:.0%})")
    return out


def write_numbers(
    folder: str | os.PathLike[str], numbers: Sequence[NumberRecord] | None = None
) -> list[Path]:
    r"""Write ``numbers.json`` and ``numbers.tex`` into ``folder``, as the figure build does.

    In a notebook of your own: declare numbers with
    :func:`pctstats.publish.declare.quote_number` (or :func:`quote_records`), then call this;
    ``\input{numbers.tex}`` in a paper gives one macro per number. Each file is written
    atomically.

    Parameters
    ----------
    folder
        An existing folder.
    numbers
        The numbers; by default every number declared in this process so far.

    Returns
    -------
    list of pathlib.Path
        The two files written.

    Raises
    ------
    FileNotFoundError
        If ``folder`` does not exist.

    Examples
    --------
    >>> import tempfile
    >>> n = quote_number("MyShare", 41.04, decimals=1, unit="%",
    ...                  records=["maczkowiack2019-lifetime"], description="my share")
    >>> folder = tempfile.mkdtemp()
    >>> [p.name for p in write_numbers(folder, [n])]
    ['numbers.json', 'numbers.tex']
    >>> (Path(folder) / "numbers.tex").read_text().splitlines()[-1]
    '\\newcommand{\\MyShare}{41.0}'
    """
    target = Path(folder)
    if not target.is_dir():
        raise FileNotFoundError(2, "no such folder", str(target))
    chosen = list(registered()[1] if numbers is None else numbers)
    return [
        atomic_write_bytes(target / "numbers.json", numbers_json(chosen)),
        atomic_write_bytes(target / "numbers.tex", numbers_tex(chosen)),
    ]
