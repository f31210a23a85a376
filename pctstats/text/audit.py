"""``audit_text``: every numeric prevalence claim of a text, traced to its source and audited.

The text is split into sentences (:mod:`pctstats.text.sentences`), each sentence's numbers are
found (:mod:`pctstats.text.numbers`), what the text says around each number is read
(:mod:`pctstats.text.context`), the number is traced to an estimate of the record set and audited
by the same engine as ``claims.csv`` (:mod:`pctstats.text.tracing`).

A range whose two ends fit no single range of a source but each fit an estimate of its own
("anywhere from 7.7 to 32.9 percent", compiled from two studies) is read as two claims, one per
end. Sample sizes ("1,208 men") are not claims of their own: they are the ``n_claimed`` of the
claims they belong to.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Any, Final

import numpy as np
import pandas as pd

from pctstats.audit import MISMATCHES
from pctstats.core.lexicon import LANGUAGE_MARKERS
from pctstats.core.names import DIFFERENT, EQUAL, MORE_PRECISE, ROUNDED_VALUE, UNSUPPORTED
from pctstats.core.rounding import DEFAULT_ROUNDING, check_rounding
from pctstats.data.dataset import Dataset, dataset_or_default
from pctstats.data.records import Estimate
from pctstats.text.context import Context, read_context, restates
from pctstats.text.numbers import COUNT, Number, find_numbers
from pctstats.text.sentences import split_sentences
from pctstats.text.tracing import (
    audit_claim,
    bound_holds,
    build_claim,
    choose,
    coarser_than_printed,
    score_estimates,
    with_precision,
)

__all__ = [
    "LANGUAGES",
    "N_CANDIDATES",
    "TEXT_AUDIT_COLUMNS",
    "audit_text",
    "detect_language",
]

#: The columns of :func:`audit_text`, in order.
TEXT_AUDIT_COLUMNS: Final = (
    "start",
    "end",
    "value_text",
    "value",
    "value_high",
    "approximation",
    "unit",
    "quote",
    "sex",
    "timeframe",
    "frequency",
    "population",
    "outcome",
    "context",
    "n_claimed",
    "year_claimed",
    "source_kind",
    "source_id",
    "estimate_id",
    "candidates",
    "verdict",
    "mismatches",
    "message",
)
#: Candidates listed per claim (the best ones, with their scores).
N_CANDIDATES: Final = 3
LANGUAGES: Final = tuple(LANGUAGE_MARKERS)
#: The columns of whole numbers (nullable integers).
_WHOLE: Final = frozenset({"start", "end", "n_claimed", "year_claimed"})
_PRINTED_NUMBER: Final = re.compile(r"\d+(?:[.,]\d+)?")
_MARKERS: Final = {
    lang: re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)
    for lang, words in LANGUAGE_MARKERS.items()
}
_MARKER_WORDS: Final = {
    lang: frozenset(word.lower() for word in words.split("|"))
    for lang, words in LANGUAGE_MARKERS.items()
}
if not all(re.fullmatch(r"\w+", word) for words in _MARKER_WORDS.values() for word in words):
    raise ValueError("LANGUAGE_MARKERS must be whole words separated by '|'")
#: Each marker word, in lower case, with the languages it marks.
_MARKER_OF: Final = {
    word: tuple(lang for lang, words in _MARKER_WORDS.items() if word in words)
    for word in set().union(*_MARKER_WORDS.values())
}
_TOKEN: Final = re.compile(r"\w+")


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The rows as the audit's frame, built once, column by column (counts as ``Int64``).

    Each column's array is made directly (an object array filled cell by cell keeps a tuple as
    one cell; a whole number column is its values and a mask of the missing ones), so pandas
    has nothing left to infer.
    """
    columns: dict[str, Any] = {}
    for column in TEXT_AUDIT_COLUMNS:
        values = [row[column] for row in rows]
        if column in _WHOLE:
            missing = np.array([v is None for v in values], dtype=bool)
            whole = np.array([0 if v is None else v for v in values], dtype=np.int64)
            columns[column] = pd.arrays.IntegerArray(whole, missing)
        else:
            cells = np.empty(len(values), dtype=object)
            for i, value in enumerate(values):
                cells[i] = value
            columns[column] = cells
    return pd.DataFrame(columns, columns=list(TEXT_AUDIT_COLUMNS), copy=False)


def detect_language(text: str) -> str:
    """The language of ``text`` (en, fr, es, it or pt), by its commonest words.

    Examples
    --------
    >>> detect_language("Dans cette étude, 32,9 % des femmes"), detect_language("46% of women")
    ('fr', 'en')
    """
    sample = text[:5000]
    counts = dict.fromkeys(_MARKERS, 0)
    # Each marker is a whole word: count the sample's words once rather than scan it per
    # language. An ASCII word is a marker when its lower case is one (what the patterns'
    # IGNORECASE means for it); any other word is left to the patterns themselves.
    for word, times in Counter(_TOKEN.findall(sample)).items():
        if word.isascii():
            for lang in _MARKER_OF.get(word.lower(), ()):
                counts[lang] += times
            continue
        for lang, pattern in _MARKERS.items():
            if pattern.fullmatch(word):
                counts[lang] += times
    return max(counts, key=lambda lang: (counts[lang], lang == "en"))


class _Scores:
    """:func:`score_estimates` for one text: a number read in one context is scored once."""

    def __init__(self, db: Dataset, rounding: str) -> None:
        self.db, self.rounding = db, rounding
        self.found: dict[tuple[Number, Context], list[tuple[str, float, str]]] = {}

    def __call__(self, number: Number, ctx: Context) -> list[tuple[str, float, str]]:
        key = (number, ctx)
        found = self.found.get(key)
        if found is None:
            found = self.found[key] = score_estimates(self.db, number, ctx, self.rounding)
        return found


def _split_range(db: Dataset, scores: _Scores, number: Number, ctx: Context) -> list[Number]:
    """A range as one claim, or as two when each end fits an estimate but no range fits both."""
    if number.value_high is None:
        return [number]
    whole = scores(number, ctx)
    if any(
        m in (EQUAL, ROUNDED_VALUE, MORE_PRECISE) and db.estimates[i].value_high is not None
        for i, _, m in whole
    ):
        return [number]
    low = replace(number, value_high=None, kind="digits")
    high = replace(number, value=number.value_high, value_high=None, kind="digits")
    ends = [choose(db, scores(part, ctx), ctx) for part in (low, high)]
    printed = list(_PRINTED_NUMBER.finditer(number.value_text))
    if ends[0] is None or ends[1] is None or ends[0].source_id == ends[1].source_id:
        return [number]
    if len(printed) < 2:
        return [number]
    first, last = printed[0], printed[-1]
    return [
        replace(
            low,
            start=number.start + first.start(),
            end=number.start + first.end(),
            value_text=first.group(),
        ),
        replace(
            high, start=number.start + last.start(), value_text=number.value_text[last.start() :]
        ),
    ]


def _row(
    db: Dataset,
    scores: _Scores,
    number: Number,
    ctx: Context,
    quote: str,
    claim_id: str,
    rounding: str,
    given: Estimate | None = None,
) -> dict[str, Any]:
    found = scores(number, ctx)
    chosen = given or choose(db, found, ctx)
    source_id = chosen.source_id if chosen is not None else None
    claim = build_claim(number, ctx, quote, claim_id, source_id, chosen)
    out = audit_claim(db, claim, rounding)
    matched = out["matched_estimate_id"] if source_id else None
    if (
        source_id
        and coarser_than_printed(db, claim, matched, rounding)
        and not bound_holds(number.qualifier, claim, db.estimates[matched.split(";")[0]])
        and number.kind
        in (
            "digits",
            "words",
        )
    ):
        out = with_precision(out)
    mismatches = tuple(m for m in MISMATCHES if m in out["mismatches"]) if source_id else ()
    return {
        "start": number.start,
        "end": number.end,
        "value_text": number.value_text,
        "value": number.value,
        "value_high": number.value_high,
        "approximation": number.qualifier,
        "unit": number.unit,
        "quote": quote,
        "sex": ctx.sex,
        "timeframe": ctx.timeframe,
        "frequency": ctx.frequency,
        "population": ctx.population or None,
        "outcome": ctx.outcome,
        "context": ctx.context,
        "n_claimed": ctx.n_claimed,
        "year_claimed": ctx.year_claimed,
        "source_kind": ctx.source_kind,
        "source_id": source_id,
        "estimate_id": matched,
        "candidates": tuple((i, s) for i, s, _ in found[:N_CANDIDATES]),
        "verdict": out["verdict"] if source_id else UNSUPPORTED,
        "mismatches": mismatches,
        "message": out["message"],
    }


def _trace_restatements(
    db: Dataset,
    scores: _Scores,
    text: str,
    rows: list[dict[str, Any]],
    read: list[tuple[Number, Context]],
    rounding: str,
) -> None:
    """Trace a number that restates a traced one ("nine in ten (91.9%)") to the same estimate.

    Only when its own value fits that estimate; the row is replaced in ``rows``.
    """
    for i in range(len(rows) - 1):
        pair = (i, i + 1)
        first, second = (read[j][0] for j in pair)
        if rows[i]["quote"] != rows[i + 1]["quote"] or not restates(
            text[first.end : second.start]
        ):
            continue
        traced = [j for j in pair if rows[j]["source_id"]]
        if len(traced) != 1:
            continue
        other = pair[1] if traced[0] == pair[0] else pair[0]
        estimate_id = rows[traced[0]]["estimate_id"]
        if not estimate_id or ";" in estimate_id:
            continue
        number, ctx = read[other]
        fits = any(
            i_ == estimate_id and m != DIFFERENT
            for i_, _, m in scores(number, ctx)
        )
        if fits:
            row = rows[other]
            rows[other] = _row(
                db,
                scores,
                number,
                ctx,
                row["quote"],
                f"T{other + 1}",
                rounding,
                db.estimates[estimate_id],
            )


def audit_text(
    text: str,
    *,
    db: Dataset | None = None,
    rounding: str = DEFAULT_ROUNDING,
    lang: str | None = None,
) -> pd.DataFrame:
    """Find every numeric prevalence claim in ``text``, trace it to a source and audit it.

    Parameters
    ----------
    text
        The article's text (plain text or Markdown; for saved HTML pages read the file with
        :func:`pctstats.text.reading.read_article`, which extracts the text first).
    db
        The record set; the shipped one by default.
    rounding
        The rounding mode assumed for every printed number (:data:`pctstats.ROUNDING_MODES`).
    lang
        ``"en"``, ``"fr"``, ``"es"``, ``"it"`` or ``"pt"`` for number words; detected from the
        text by default.

    Returns
    -------
    pandas.DataFrame
        One row per claim in text order, with the columns of :data:`TEXT_AUDIT_COLUMNS`:
        ``start``/``end`` (offsets of the number as printed, with its hedge and unit, in
        ``text``), ``value_text``, ``value``/``value_high`` (decimal strings), ``approximation``
        (the hedge as printed), ``unit``, ``quote`` (the sentence), what the text says
        (``sex``, ``timeframe``, ``frequency``, ``population``, ``outcome``, ``context``,
        ``n_claimed``, ``year_claimed``, ``source_kind``), the traced ``source_id`` and
        ``estimate_id`` (``None`` when nothing fits), the best ``candidates`` as
        ``(estimate_id, score)`` pairs, and the engine's ``verdict``, ``mismatches`` and
        ``message``. A text with no claim gives an empty frame with these columns;
        ``df.attrs["message"]`` then says so.

    Raises
    ------
    TypeError
        If ``text`` is not a string.
    ValueError
        If ``lang`` is not one of :data:`LANGUAGES`.

    Examples
    --------
    >>> audit = audit_text("The study surveyed 1,208 men. Forty-one percent had felt it in "
    ...                    "their lifetime, and 4 percent on a regular basis.")
    >>> audit[["value_text", "source_id", "verdict"]].values.tolist()
    [['Forty-one percent', 'maczkowiack2019', 'accurate'], ['4 percent', ...]]
    >>> audit.loc[1, "mismatches"]
    ('precision',)
    >>> audit_text("No numbers here.").attrs["message"]
    'no numeric prevalence claim found in the text'
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string (the article's text), got {type(text).__name__}")
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    rounding = check_rounding(rounding)
    db = dataset_or_default(db)
    lang = lang or detect_language(text)
    sentences = split_sentences(text)
    numbers = [find_numbers(text[s:e], s, lang) for s, e in sentences]
    rows: list[dict[str, Any]] = []
    read: list[tuple[Number, Context]] = []
    memo: dict = {}
    scores = _Scores(db, rounding)
    for index, (s, e) in enumerate(sentences):
        for which, number in enumerate(numbers[index]):
            if number.unit == COUNT:
                continue
            ctx = read_context(text, sentences, numbers, index, which, memo)
            for part in _split_range(db, scores, number, ctx):
                rows.append(
                    _row(db, scores, part, ctx, text[s:e], f"T{len(rows) + 1}", rounding)
                )
                read.append((part, ctx))
    _trace_restatements(db, scores, text, rows, read, rounding)
    frame = _frame(rows)
    frame.attrs["rounding"] = rounding
    frame.attrs["language"] = lang
    frame.attrs["message"] = (
        f"{len(frame)} numeric claim(s) found"
        if len(frame)
        else "no numeric prevalence claim found in the text"
    )
    return frame
