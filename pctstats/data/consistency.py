"""Consistency across records: what one record says must agree with the records it names.

Each is a rule of one record (a :data:`~pctstats.data.rules.RowRule`, with any further arguments
given by keyword), run over a table by :func:`~pctstats.data.rules.apply_rule`. These are rules of
the record set (a record contradicts another, or its own quote), not
findings about the publications, which :mod:`pctstats.checks` reports.

* an estimate's group (``sex``) is among its source's sample;
* an estimate's ``n`` above its source's sample size for that group states why (``n_reason``);
* a quote holds the number it records, as digits or in words ("Forty-six percent" holds 46);
* a source whose bibliographic facts are empty says why in ``open_facts``, and one whose facts rest
  on secondary reports names them (``secondary_fields``) with their evidence;
* an article can be found: a text file, an address or an archived copy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache

from text_to_num import alpha2digit

from pctstats.data.rules import Breach, Row

__all__ = [
    "ARTICLE_LOCATIONS", "GROUP_SIZE", "OPEN_ALLOWED", "QUOTED_VALUES", "check_article_locations",
    "check_claim_text", "check_estimate_groups", "check_open_facts", "check_quotes",
    "check_sample_quotes", "quote_holds",
]

#: Sample-size column of a source for each group an estimate can describe.
GROUP_SIZE = {"female": "n_female", "male": "n_male", "all": "n_analysed"}
#: Source fields that may be empty only when open_facts says why.
OPEN_ALLOWED = ("authors", "year", "title", "journal", "doi")
#: Numbers of an estimate that its quote must print.
QUOTED_VALUES = ("value", "value_high", "ci_low", "ci_high")
#: Article fields of which at least one must say where the article can be read.
ARTICLE_LOCATIONS = ("text_file", "url", "archive_url")


@cache
def _digits(text: str) -> str:
    # text2num turns number words into digits ("Forty-six percent" -> "46 percent"); threshold 0
    # converts small numbers too ("Two per cent" -> "2 per cent").
    return alpha2digit(text, "en", threshold=0)


def quote_holds(quote: str, number: str | int) -> bool:
    """Whether a quote prints a number, as digits or in English words.

    The number must stand alone (``"46"`` is not in ``"146"`` nor in ``"4.6"``); whole numbers
    may carry thousands separators (``"1,208"``, ``"15 162"``) and decimals a decimal comma.

    Parameters
    ----------
    quote
        The verbatim text.
    number
        The number as recorded: a decimal string as printed (``"5.1"``) or an integer.

    Returns
    -------
    bool
        True when the quote prints it.

    Examples
    --------
    >>> quote_holds("Forty-six percent of respondents reported", "46")
    True
    >>> quote_holds("Two per cent of women", "2")
    True
    >>> quote_holds("1,208 male participants", 1208)
    True
    >>> quote_holds("with 5.1% experiencing PCD symptoms", "5.1"), quote_holds("15.1%", "5.1")
    (True, False)
    >>> quote_holds("Forty-six percent of respondents", "41")
    False
    """
    text = str(number)
    forms = {text, text.replace(".", ",")}
    if text.isdigit() and len(text) > 3:
        grouped = f"{int(text):,}"
        forms |= {grouped, *(grouped.replace(",", sep) for sep in (" ", "\u00a0", "\u202f"))}
    for candidate in (quote, _digits(quote)):
        for form in forms:
            if re.search(rf"(?<!\d)(?<!\d[.,]){re.escape(form)}(?!\d|[.,]\d)", candidate):
                return True
    return False


def check_estimate_groups(rec: Row, *, sources: Mapping[str, Row]) -> Iterator[Breach]:
    """An estimate's group is among its source's sample, and its ``n`` is not above it unexplained.

    A source that sampled no men (``n_male = 0``) has no estimate for men, nor for ``all``; an
    estimate whose ``n`` is above its source's number for the group (``n_female``, ``n_male`` or
    ``n_analysed``) needs ``n_reason``. ``sources`` holds the parsed sources by id.

    Examples
    --------
    >>> sources = {"bird2011": {"n_analysed": 222, "n_female": 222, "n_male": 0}}
    >>> rows = [{"estimate_id": "bird2011-men", "source_id": "bird2011", "sex": "male",
    ...          "n": 222, "n_reason": None},
    ...         {"estimate_id": "bird2011-x", "source_id": "bird2011", "sex": "female",
    ...          "n": 250, "n_reason": None}]
    >>> for breach in (b for rec in rows for b in check_estimate_groups(rec, sources=sources)):
    ...     print(breach.rule, "|", breach.message)
    sex_not_in_sample | sex 'male', but source 'bird2011' sampled no men (n_male = 0)
    n_above_sample | n = 250 is above the source's n_female = 222; say why in n_reason
    """
    words = {"female": "women", "male": "men"}
    source = sources.get(rec.get("source_id"))
    sex = rec.get("sex")
    if source is None or sex not in GROUP_SIZE:
        return
    absent = [(group, column) for group, column in (("female", "n_female"), ("male", "n_male"))
              if source.get(column) == 0 and sex in (group, "all")]
    for group, column in absent:
        yield Breach("sex", "sex_not_in_sample",
                     f"sex {sex!r}, but source {rec['source_id']!r} sampled no {words[group]} "
                     f"({column} = 0)")
    if absent:
        return
    size, n = source.get(GROUP_SIZE[sex]), rec.get("n")
    if size is not None and n is not None and n > size and not rec.get("n_reason"):
        yield Breach("n", "n_above_sample",
                     f"n = {n} is above the source's {GROUP_SIZE[sex]} = {size}; say why in "
                     f"n_reason")


def check_quotes(rec: Row, *, quote: str, numbers: tuple[str, ...]) -> Iterator[Breach]:
    """Each number in the columns ``numbers`` is printed in the record's ``quote`` column.

    An empty cell is skipped; see :func:`quote_holds` for what "printed" means.

    Examples
    --------
    >>> rec = {"estimate_id": "s1-lifetime", "value": "64",
    ...        "quote": "Forty-six percent of respondents reported"}
    >>> [breach] = check_quotes(rec, quote="quote", numbers=("value",))
    >>> print(breach.column, "|", breach.message)
    value | the quote does not print 64 (as digits or in words); a quote holds the number it
    records
    """
    text = rec.get(quote)
    if not text:
        return
    for column in numbers:
        number = rec.get(column)
        if number is not None and not quote_holds(text, number):
            yield Breach(column, "quote_lacks_value",
                         f"the quote does not print {number} (as digits or in words); a quote "
                         f"holds the number it records")


def check_sample_quotes(rec: Row) -> Iterator[Breach]:
    """A source's ``n_quote`` prints its ``n_analysed``, or the women and men that add up to it.

    Examples
    --------
    >>> burri = {"source_id": "burri_hilpert2020", "n_analysed": 299, "n_female": 223,
    ...          "n_male": 76, "n_quote": "A convenience sample of 223 women and 76 men"}
    >>> other = {"source_id": "x2020", "n_analysed": 300, "n_female": None, "n_male": None,
    ...          "n_quote": "Three hundred and one students"}
    >>> [breach.column for breach in check_sample_quotes(burri)]
    []
    >>> [breach.column for breach in check_sample_quotes(other)]
    ['n_analysed']
    """
    n, quote = rec.get("n_analysed"), rec.get("n_quote")
    if n is None or not quote or quote_holds(quote, n):
        return
    parts = [rec.get("n_female"), rec.get("n_male")]
    if all(parts) and sum(parts) == n and all(quote_holds(quote, p) for p in parts):
        return
    yield Breach("n_analysed", "quote_lacks_value",
                 f"n_quote prints neither {n} nor the women and men that add up to it; a quote "
                 f"holds the number it records")


def check_claim_text(rec: Row) -> Iterator[Breach]:
    """A claim's ``value_text`` is the claim's words, so its quote contains it (any case).

    Examples
    --------
    >>> claim = {"claim_id": "A", "value_text": "about 4%",
    ...          "quote": "one study found that about four percent of men"}
    >>> [breach.rule for breach in check_claim_text(claim)]
    ['quote_lacks_value']
    """
    if (rec.get("value_text") and rec.get("quote")
            and rec["value_text"].lower() not in rec["quote"].lower()):
        yield Breach("value_text", "quote_lacks_value",
                     f"{rec['value_text']!r} is not in the quote; value_text repeats the quote's "
                     f"words")


def check_open_facts(rec: Row, *, file: str, columns: tuple[str, ...]) -> Iterator[Breach]:
    """A source's open bibliographic facts, and its secondary ones, are stated.

    An empty ``authors``, ``year``, ``title``, ``journal`` or ``doi`` needs ``open_facts`` naming it
    (``"Year: ..."``, ``"DOI ..."``, ``"Author names ..."``); each name
    in ``secondary_fields`` is one of the ``columns`` of ``file`` and filled in the row, and
    ``secondary_quote`` gives the evidence.

    Examples
    --------
    >>> rec = {"source_id": "toussaint", "year": None, "title": "t", "journal": "j",
    ...        "doi": None, "open_facts": "Year: open.", "secondary_fields": ("author",),
    ...        "secondary_quote": None}
    >>> for breach in check_open_facts(rec, file="sources.csv", columns=("authors", "year")):
    ...     print(breach.column, breach.rule)
    doi open_fact_unstated
    secondary_fields unknown_column
    secondary_fields secondary_evidence_required
    """
    for column in OPEN_ALLOWED:
        stated = column.rstrip("s") in (rec.get("open_facts") or "").lower()
        if column in rec and rec[column] is None and not stated:
            yield Breach(column, "open_fact_unstated",
                         f"{column} is empty: say in open_facts that it is open, naming it (e.g. "
                         f"'{column.capitalize()}: not in any text found.')")
    secondary = rec.get("secondary_fields") or ()
    for column in secondary:
        if column not in columns:
            yield Breach("secondary_fields", "unknown_column",
                         f"{column!r} is not a column of {file}")
        elif rec.get(column) in (None, ()):
            yield Breach("secondary_fields", "secondary_field_empty",
                         f"{column!r} is named as secondary but is empty")
    if secondary and not rec.get("secondary_quote"):
        yield Breach("secondary_fields", "secondary_evidence_required",
                     "secondary_fields is filled: give in secondary_quote where each fact was read "
                     "and its verbatim words")


def check_article_locations(rec: Row) -> Iterator[Breach]:
    """An article names where it can be read: a text file, a URL or an archived copy.

    Examples
    --------
    >>> article = {"article_id": "bbc", "text_file": None, "url": None, "archive_url": None}
    >>> print(next(check_article_locations(article)).message)
    give at least one of text_file, url, archive_url, so that the claims can be checked against the
    article
    """
    if all(rec.get(c) is None for c in ARTICLE_LOCATIONS):
        yield Breach("text_file", "article_location",
                     f"give at least one of {', '.join(ARTICLE_LOCATIONS)}, so that the claims can "
                     f"be checked against the article")
