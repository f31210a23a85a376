"""Consistency across records: what one record says must agree with the records it names.

Each rule returns :class:`~pctstats.core.errors.DataIssue` objects naming file, row, column and
rule. These are rules of the record set (a record contradicts another, or its own quote), not
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
from collections.abc import Mapping
from functools import cache

from text_to_num import alpha2digit

from pctstats.core.errors import DataIssue
from pctstats.data.validation import Row, Table

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


def _issue(file: str, row: int, column: str | None, rule: str, message: str, rec: Row,
           key: str) -> DataIssue:
    return DataIssue(file, row, column, rule, message, record_id=rec.get(key))


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


def check_estimate_groups(file: str, table: Table, key: str,
                          sources: Mapping[str, Row]) -> list[DataIssue]:
    """An estimate's group is among its source's sample, and its ``n`` is not above it unexplained.

    A source that sampled no men (``n_male = 0``) has no estimate for men, nor for ``all``; an
    estimate whose ``n`` is above its source's number for the group (``n_female``, ``n_male`` or
    ``n_analysed``) needs ``n_reason``.

    Parameters
    ----------
    file
        The file's name, for the issues.
    table
        The parsed estimates, as ``(row, values)`` pairs.
    key
        The primary-key column, naming each issue's record.
    sources
        The parsed sources by id.

    Returns
    -------
    list of DataIssue
        One issue per broken rule, in row order (empty when all is well).

    Examples
    --------
    >>> sources = {"bird2011": {"n_analysed": 222, "n_female": 222, "n_male": 0}}
    >>> rows = [(1, {"estimate_id": "bird2011-men", "source_id": "bird2011", "sex": "male",
    ...              "n": 222, "n_reason": None}),
    ...         (2, {"estimate_id": "bird2011-x", "source_id": "bird2011", "sex": "female",
    ...              "n": 250, "n_reason": None})]
    >>> for issue in check_estimate_groups("estimates.csv", rows, "estimate_id", sources):
    ...     print(issue.rule, "|", issue.message)
    sex_not_in_sample | sex 'male', but source 'bird2011' sampled no men (n_male = 0)
    n_above_sample | n = 250 is above the source's n_female = 222; say why in n_reason
    """
    words = {"female": "women", "male": "men"}
    issues = []
    for row, rec in table:
        source = sources.get(rec.get("source_id"))
        sex = rec.get("sex")
        if source is None or sex not in GROUP_SIZE:
            continue
        absent = [(group, column) for group, column in (("female", "n_female"), ("male", "n_male"))
                  if source.get(column) == 0 and sex in (group, "all")]
        for group, column in absent:
            issues.append(_issue(file, row, "sex", "sex_not_in_sample",
                                 f"sex {sex!r}, but source {rec['source_id']!r} sampled no "
                                 f"{words[group]} ({column} = 0)", rec, key))
        if absent:
            continue
        size, n = source.get(GROUP_SIZE[sex]), rec.get("n")
        if size is not None and n is not None and n > size and not rec.get("n_reason"):
            issues.append(_issue(file, row, "n", "n_above_sample",
                                 f"n = {n} is above the source's {GROUP_SIZE[sex]} = {size}; "
                                 f"say why in n_reason", rec, key))
    return issues


def check_quotes(file: str, table: Table, key: str, quote: str,
                 numbers: tuple[str, ...]) -> list[DataIssue]:
    """Each recorded number is printed in the record's quote (see :func:`quote_holds`).

    Parameters
    ----------
    file
        The file's name, for the issues.
    table
        The parsed rows, as ``(row, values)`` pairs.
    key
        The primary-key column, naming each issue's record.
    quote
        The column of the verbatim quote.
    numbers
        The columns whose values the quote must print (empty cells are skipped).

    Returns
    -------
    list of DataIssue
        One issue per number the quote does not print.

    Examples
    --------
    >>> rows = [(3, {"estimate_id": "s1-lifetime", "value": "64",
    ...              "quote": "Forty-six percent of respondents reported"})]
    >>> [issue] = check_quotes("estimates.csv", rows, "estimate_id", "quote", ("value",))
    >>> print(issue.column, "|", issue.message)
    value | the quote does not print 64 (as digits or in words); a quote holds the number it
    records
    """
    issues = []
    for row, rec in table:
        text = rec.get(quote)
        if not text:
            continue
        for column in numbers:
            number = rec.get(column)
            if number is not None and not quote_holds(text, number):
                issues.append(_issue(file, row, column, "quote_lacks_value",
                                     f"the quote does not print {number} (as digits or in "
                                     f"words); a quote holds the number it records", rec, key))
    return issues


def check_sample_quotes(file: str, table: Table, key: str) -> list[DataIssue]:
    """A source's ``n_quote`` prints its ``n_analysed``, or the women and men that add up to it.

    Parameters
    ----------
    file
        The file's name, for the issues.
    table
        The parsed sources, as ``(row, values)`` pairs.
    key
        The primary-key column, naming each issue's record.

    Returns
    -------
    list of DataIssue
        One issue per source whose quote does not print its sample size.

    Examples
    --------
    >>> rows = [(5, {"source_id": "burri_hilpert2020", "n_analysed": 299, "n_female": 223,
    ...              "n_male": 76, "n_quote": "A convenience sample of 223 women and 76 men"}),
    ...         (6, {"source_id": "x2020", "n_analysed": 300, "n_female": None, "n_male": None,
    ...              "n_quote": "Three hundred and one students"})]
    >>> [issue.record_id for issue in check_sample_quotes("sources.csv", rows, "source_id")]
    ['x2020']
    """
    issues = []
    for row, rec in table:
        n, quote = rec.get("n_analysed"), rec.get("n_quote")
        if n is None or not quote or quote_holds(quote, n):
            continue
        parts = [rec.get("n_female"), rec.get("n_male")]
        if all(parts) and sum(parts) == n and all(quote_holds(quote, p) for p in parts):
            continue
        issues.append(_issue(file, row, "n_analysed", "quote_lacks_value",
                             f"n_quote prints neither {n} nor the women and men that add up to "
                             f"it; a quote holds the number it records", rec, key))
    return issues


def check_claim_text(file: str, table: Table, key: str) -> list[DataIssue]:
    """A claim's ``value_text`` is the claim's words, so its quote contains it (any case).

    Parameters
    ----------
    file
        The file's name, for the issues.
    table
        The parsed claims, as ``(row, values)`` pairs.
    key
        The primary-key column, naming each issue's record.

    Returns
    -------
    list of DataIssue
        One issue per claim whose quote lacks its value_text.

    Examples
    --------
    >>> rows = [(1, {"claim_id": "A", "value_text": "about 4%",
    ...              "quote": "one study found that about four percent of men"})]
    >>> [issue.rule for issue in check_claim_text("claims.csv", rows, "claim_id")]
    ['quote_lacks_value']
    """
    return [
        _issue(file, row, "value_text", "quote_lacks_value",
               f"{rec['value_text']!r} is not in the quote; value_text repeats the quote's words",
               rec, key)
        for row, rec in table
        if rec.get("value_text") and rec.get("quote")
        and rec["value_text"].lower() not in rec["quote"].lower()
    ]


def check_open_facts(file: str, table: Table, key: str,
                     columns: tuple[str, ...]) -> list[DataIssue]:
    """A source's open bibliographic facts, and its secondary ones, are stated.

    An empty ``authors``, ``year``, ``title``, ``journal`` or ``doi`` needs ``open_facts`` naming it
    (``"Year: ..."``, ``"DOI ..."``, ``"Author names ..."``); each name
    in ``secondary_fields`` is a filled column of the row, and ``secondary_quote`` gives the
    evidence.

    Parameters
    ----------
    file
        The file's name, for the issues.
    table
        The parsed sources, as ``(row, values)`` pairs.
    key
        The primary-key column, naming each issue's record.
    columns
        The columns of the sources table.

    Returns
    -------
    list of DataIssue
        One issue per broken rule, in row order.

    Examples
    --------
    >>> rows = [(9, {"source_id": "toussaint", "year": None, "title": "t", "journal": "j",
    ...              "doi": None, "open_facts": "Year: open.", "secondary_fields": ("author",),
    ...              "secondary_quote": None})]
    >>> for issue in check_open_facts("sources.csv", rows, "source_id", ("authors", "year")):
    ...     print(issue.column, issue.rule)
    doi open_fact_unstated
    secondary_fields unknown_column
    secondary_fields secondary_evidence_required
    """
    issues = []
    for row, rec in table:
        for column in OPEN_ALLOWED:
            stated = column.rstrip("s") in (rec.get("open_facts") or "").lower()
            if column in rec and rec[column] is None and not stated:
                issues.append(_issue(file, row, column, "open_fact_unstated",
                                     f"{column} is empty: say in open_facts that it is open, "
                                     f"naming it (e.g. '{column.capitalize()}: not in any text "
                                     f"found.')", rec, key))
        secondary = rec.get("secondary_fields") or ()
        for column in secondary:
            if column not in columns:
                issues.append(_issue(file, row, "secondary_fields", "unknown_column",
                                     f"{column!r} is not a column of {file}", rec, key))
            elif rec.get(column) in (None, ()):
                issues.append(_issue(file, row, "secondary_fields", "secondary_field_empty",
                                     f"{column!r} is named as secondary but is empty", rec, key))
        if secondary and not rec.get("secondary_quote"):
            issues.append(_issue(file, row, "secondary_fields", "secondary_evidence_required",
                                 "secondary_fields is filled: give in secondary_quote where each "
                                 "fact was read and its verbatim words", rec, key))
    return issues


def check_article_locations(file: str, table: Table, key: str) -> list[DataIssue]:
    """An article names where it can be read: a text file, a URL or an archived copy.

    Parameters
    ----------
    file
        The file's name, for the issues.
    table
        The parsed articles, as ``(row, values)`` pairs.
    key
        The primary-key column, naming each issue's record.

    Returns
    -------
    list of DataIssue
        One issue per article with none of them.

    Examples
    --------
    >>> rows = [(4, {"article_id": "bbc", "text_file": None, "url": None, "archive_url": None})]
    >>> print(check_article_locations("articles.csv", rows, "article_id")[0].message)
    give at least one of text_file, url, archive_url, so that the claims can be checked against the
    article
    """
    return [
        _issue(file, row, "text_file", "article_location",
               f"give at least one of {', '.join(ARTICLE_LOCATIONS)}, so that the claims can be "
               f"checked against the article", rec, key)
        for row, rec in table
        if all(rec.get(c) is None for c in ARTICLE_LOCATIONS)
    ]
