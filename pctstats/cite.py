r"""Citations of the primary sources, generated from the record set (never kept by hand).

Two styles:

* ``"bibtex"``: one ``@article`` entry per source, keyed by its ``source_id``, built and written
  by pybtex (which also escapes LaTeX: ``&`` becomes ``\\&``). ``pctstats cite --all --style
  bibtex > references.bib`` regenerates a complete file.
* ``"apa"``: an APA 7 journal-article reference. It is formatted here, for the one entry type the
  record set has: pybtex ships no APA style, and citeproc-py (with the APA CSL style) prints the
  title twice for a source without authors (citeproc-py issue #91), which is exactly the case of
  a source whose authors are an open fact.

A source whose authors are open (``authors`` empty, S8) is cited without inventing any: in APA the
title moves to the author position, as APA 7 prescribes for a work with no author; in BibTeX the
entry has no ``author`` field, a ``key`` (the title, which BibTeX styles sort and label by when an
entry has no author; biblatex falls back to the title itself) and an ``annote`` saying why, which
reference lists do not print (a ``note`` would be printed in every reference).

pctstats itself is cited from ``CITATION.cff`` (:func:`package_citation` gives the same text).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from typing import Final

from pctstats import __version__
from pctstats.core.choices import check_choice
from pctstats.core.errors import UnknownIdError
from pctstats.data.dataset import Dataset, default_dataset
from pctstats.data.records import Source

__all__ = [
    "DEFAULT_STYLE", "OPEN_AUTHORS_NOTE", "PACKAGE_AUTHOR", "PACKAGE_RELEASED", "PACKAGE_TITLE",
    "STYLES", "UnknownIdError", "apa_reference", "bibtex_entry", "check_ids",
    "cite", "package_citation", "split_author", "to_bibtex"
]

#: Citation styles, each with a one-line meaning.
STYLES: Final = {
    "apa": "APA 7 reference (plain text)",
    "bibtex": "BibTeX @article entry (written by pybtex)",
}

#: The style used when none is named.
DEFAULT_STYLE: Final = "apa"

#: The ``annote`` of a BibTeX entry whose authors are open (kept out of printed references).
OPEN_AUTHORS_NOTE: Final = (
    "Author names not known: an open fact of the pctstats record set, so no author is given"
)

#: How pctstats itself is cited; ``CITATION.cff`` says the same (a test keeps them equal).
PACKAGE_TITLE: Final = (
    "pctstats: sourced records and consistency checks for postcoital dysphoria prevalence claims"
)
PACKAGE_AUTHOR: Final = "pctstats contributors"
#: The release date of this version (``date-released`` of ``CITATION.cff``; a test keeps them
#: equal). Kept here because ``CITATION.cff`` is not installed with the package.
PACKAGE_RELEASED: Final = "2026-12-02"

# APA 7 lists up to 20 authors; with 21 or more, the first 19, an ellipsis and the last.
_APA_MAX_AUTHORS: Final = 20


def check_ids(ids: Iterable[str], known: Collection[str], kind: str = "source id") -> list[str]:
    """Return ``ids`` as a list if every one is known, else raise :class:`UnknownIdError`.

    Parameters
    ----------
    ids
        The ids asked for.
    known
        The ids that exist.
    kind
        What an id names, for the message (``"source id"``, ``"claim id"``...).

    Returns
    -------
    list of str
        ``ids``, in the order given.

    Raises
    ------
    UnknownIdError
        For the first unknown id, with close matches suggested.

    Examples
    --------
    >>> check_ids(["bird2011"], ["bird2011", "pyke2020"])
    ['bird2011']
    >>> try:
    ...     check_ids(["maczkowiak2019"], ["maczkowiack2019", "bird2011"])
    ... except UnknownIdError as err:
    ...     print(err)
    unknown source id 'maczkowiak2019'; did you mean 'maczkowiack2019'?
    """
    ids = list(ids)
    for record_id in ids:
        if record_id not in known:
            raise UnknownIdError(record_id, known, kind)
    return ids


def split_author(author: str) -> tuple[str, str]:
    """Split a record set author, ``"Family Initials"``, into family name and dotted initials.

    Parameters
    ----------
    author
        One author as the record set writes it: ``"Schweitzer RD"``, ``"O'Brien J"``.

    Returns
    -------
    tuple of str
        ``(family, initials)``, the initials dotted and spaced as APA and BibTeX want them.

    Raises
    ------
    ValueError
        If the last word is not initials (capital letters, optionally with hyphens).

    Examples
    --------
    >>> split_author("Schweitzer RD")
    ('Schweitzer', 'R. D.')
    >>> split_author("van der Berg J-P")
    ('van der Berg', 'J.-P.')
    """
    family, _, initials = author.strip().rpartition(" ")
    if not family or not re.fullmatch(r"[A-Z](-?[A-Z])*", initials):
        raise ValueError(f"author {author!r} is not 'Family Initials' (e.g. 'Schweitzer RD')")
    # "RD" -> "R. D."; "J-P" -> "J.-P."
    dotted = "-".join(" ".join(f"{c}." for c in part) for part in initials.split("-"))
    return family, dotted


def _pages(pages: str | None, dash: str) -> str | None:
    return None if pages is None else re.sub(r"\s*[-–]+\s*", dash, pages)


def _sentence_case_subtitle(title: str) -> str:
    """APA 7: the first word after a colon (a subtitle) is capitalised."""
    return re.sub(r"(:\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), title)


def _end(text: str) -> str:
    """Close a sentence unless it already ends with a punctuation mark."""
    return text if text.endswith((".", "?", "!")) else text + "."


def _apa_authors(source: Source) -> str:
    names = [", ".join(split_author(a)) for a in source.author_list]
    if source.more_authors:  # further authors exist but are not known: never drop them silently
        return ", ".join(names) + ", et al."
    if len(names) > _APA_MAX_AUTHORS:
        return ", ".join(names[: _APA_MAX_AUTHORS - 1]) + ", . . . " + names[-1]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def apa_reference(source: Source, *, markup: str = "text") -> str:
    """The APA 7 reference of one source (a journal article).

    Parameters
    ----------
    source
        A source record.
    markup
        ``"text"`` (plain) or ``"markdown"`` (journal name and volume in italics, as APA sets them).

    Returns
    -------
    str
        The reference, one line. A source without recorded authors is cited title first
        (APA 7, "no author"), never with invented names; unknown volume, issue or pages are left
        out.

    Examples
    --------
    >>> db = default_dataset()
    >>> print(apa_reference(db.sources["maczkowiack2019"]))
    Maczkowiack, J., & Schweitzer, R. D. (2019). Postcoital dysphoria: Prevalence and correlates among males. Journal of Sex & Marital Therapy, 45(2), 128–140. https://doi.org/10.1080/0092623X.2018.1488326
    >>> print(apa_reference(db.sources["jsmt2024"], markup="markdown"))
    Raftery, D. (2024). Further exploration of the correlates of post-coital dysphoria and its prevalence within different sexual contexts. *Journal of Sex & Marital Therapy*. https://doi.org/10.1080/0092623X.2024.2346165
    >>> print(apa_reference(db.sources["toussaint"]))  # year, title, journal and DOI open
    Toussaint, D. J., et al. (n.d.). [Title not known].
    """  # noqa: E501
    if markup not in ("text", "markdown"):
        raise ValueError(f"markup must be 'text' or 'markdown'; got {markup!r}")
    italic = (lambda s: f"*{s}*") if markup == "markdown" else (lambda s: s)
    # APA 7: an unknown date is "n.d."; a work with no known title is described in brackets.
    title = _end(_sentence_case_subtitle(source.title) if source.title else "[Title not known]")
    if source.author_list:
        head = f"{_apa_authors(source)} ({source.year_text}). {title}"
    else:
        head = f"{title} ({source.year_text})."
    where = italic(source.journal) if source.journal else ""
    if source.volume:
        where += ", " + italic(source.volume)
        if source.issue:
            where += f"({source.issue})"
    pages = _pages(source.pages, "–")
    if pages:
        where += f", {pages}"
    parts = [head] + ([f"{where}."] if where else [])
    parts += [f"https://doi.org/{source.doi}"] if source.doi else []
    return " ".join(parts)


def _protect_case(title: str) -> str:
    """Brace every word but the first that holds a capital, so BibTeX styles keep its case."""
    words = title.split(" ")
    return " ".join(
        [words[0]] + [f"{{{w}}}" if any(c.isupper() for c in w) else w for w in words[1:]]
    )


def bibtex_entry(source: Source):  # -> pybtex.database.Entry (pybtex is imported lazily)
    """The BibTeX entry of one source, as a pybtex ``Entry`` (``article``; ``misc`` if facts are open).

    The type is ``misc`` while the title, journal or year is open (an ``article`` needs them).
    Fields: ``author`` (absent where authors are open: then ``key`` holds the title, for sorting
    and labels, and ``annote`` holds :data:`OPEN_AUTHORS_NOTE`, which styles do not print),
    ``title`` (words with capitals braced so that styles keep their case), ``journal``,
    ``year``, ``volume``, ``number`` (the issue), ``pages`` (``229--237``), ``doi``, ``url`` (the
    DOI's address) and ``pmcid`` where known. Values are plain Unicode; pybtex escapes LaTeX when it
    writes them.

    Parameters
    ----------
    source
        A source record.

    Returns
    -------
    pybtex.database.Entry
        The entry (its key is the ``source_id``, given when it is put in a bibliography).

    Examples
    --------
    >>> entry = bibtex_entry(default_dataset().sources["burri_spector2011"])
    >>> entry.fields["title"]
    'An epidemiological survey of post-coital psychological symptoms in a {UK} population sample of female twins'
    >>> [str(p) for p in entry.persons["author"]]
    ['Burri, A. V.', 'Spector, T. D.']
    """  # noqa: E501
    from pybtex.database import Entry, Person

    optional = {
        "title": _protect_case(source.title) if source.title else None,
        "journal": source.journal,
        "year": source.year_text,  # "n.d." where open, as APA 7 and apalike print it
        "volume": source.volume,
        "number": source.issue,
        "pages": _pages(source.pages, "--"),
        "doi": source.doi,
        "url": f"https://doi.org/{source.doi}" if source.doi else None,
    }
    # an open fact is left out, never filled with a placeholder
    fields = [(name, value) for name, value in optional.items() if value]
    if source.pmcid:
        fields.append(("pmcid", source.pmcid))
    persons = {}
    if source.author_list:
        persons["author"] = [Person(", ".join(split_author(a))) for a in source.author_list]
        if source.more_authors:  # BibTeX's "and others": further authors not known
            persons["author"].append(Person("others"))
    else:
        fields += [("key", source.title), ("annote", OPEN_AUTHORS_NOTE)]
    # An article entry needs title, journal and year; with one of them open the study is cited as
    # 'misc', which needs none, so no style warns about an empty field or prints a placeholder.
    complete = all(getattr(source, name) is not None for name in ("title", "journal", "year"))
    return Entry("article" if complete else "misc", fields=fields, persons=persons)


def _sources(source_ids: Sequence[str] | None, db: Dataset | None) -> list[Source]:
    db = default_dataset() if db is None else db
    if source_ids is None:
        return list(db.sources.values())
    return [db.sources[i] for i in check_ids(source_ids, db.sources)]


def to_bibtex(source_ids: Sequence[str] | None = None, db: Dataset | None = None) -> str:
    """A BibTeX file of the sources, generated from the record set.

    Parameters
    ----------
    source_ids
        The sources to include, in this order; every source (file order) when ``None``.
    db
        A record set; the shipped one by default.

    Returns
    -------
    str
        BibTeX text, one ``@article`` per source, keyed by ``source_id``.

    Raises
    ------
    UnknownIdError
        If an id names no source (the message suggests close matches).

    Examples
    --------
    >>> print(to_bibtex(["pyke2020"]))
    @article{pyke2020,
        author = "Pyke, R. E.",
        title = "Sexual performance anxiety",
        journal = "Sexual Medicine Reviews",
        year = "2020",
        volume = "8",
        number = "2",
        pages = "183--190",
        doi = "10.1016/j.sxmr.2019.07.001",
        url = "https://doi.org/10.1016/j.sxmr.2019.07.001"
    }
    <BLANKLINE>
    """
    from pybtex.database import BibliographyData

    sources = _sources(source_ids, db)
    data = BibliographyData(entries=[(s.source_id, bibtex_entry(s)) for s in sources])
    return data.to_string("bibtex")


def cite(
    source_ids: Sequence[str] | None = None,
    style: str = DEFAULT_STYLE,
    db: Dataset | None = None,
    *,
    markup: str = "text",
) -> str:
    """Citations of sources in one style, generated from the record set.

    Parameters
    ----------
    source_ids
        The sources to cite, in this order; every source when ``None``.
    style
        ``"apa"`` or ``"bibtex"`` (see :data:`STYLES`).
    db
        A record set; the shipped one by default.
    markup
        For APA: ``"text"`` or ``"markdown"`` (italics).

    Returns
    -------
    str
        APA: one reference per line, in the order given. BibTeX: a file's text.

    Raises
    ------
    UnknownIdError
        If an id names no source.
    ValueError
        If ``style`` or ``markup`` is unknown.

    Examples
    --------
    >>> print(cite(["pyke2020", "bird2011"]), end="")
    Pyke, R. E. (2020). Sexual performance anxiety. Sexual Medicine Reviews, 8(2), 183–190. https://doi.org/10.1016/j.sxmr.2019.07.001
    Bird, B. S., Schweitzer, R. D., & Strassberg, D. S. (2011). The prevalence and correlates of postcoital dysphoria in women. International Journal of Sexual Health, 23(1), 14–25. https://doi.org/10.1080/19317611.2010.509689
    """  # noqa: E501
    style = check_choice(style, STYLES, "style")
    if style == "bibtex":
        return to_bibtex(source_ids, db)
    return "".join(apa_reference(s, markup=markup) + "\n" for s in _sources(source_ids, db))


def package_citation(style: str = DEFAULT_STYLE) -> str:
    """How to cite pctstats itself (the same facts as ``CITATION.cff``).

    Parameters
    ----------
    style
        ``"apa"`` or ``"bibtex"``.

    Returns
    -------
    str
        The citation, ending with a newline.

    Examples
    --------
    >>> print(package_citation(), end="")  # doctest: +ELLIPSIS
    pctstats contributors. (2026). pctstats: ... (Version 0...) [Computer software].
    """
    style = check_choice(style, STYLES, "style")
    year = PACKAGE_RELEASED[:4]
    if style == "apa":
        return (
            f"{PACKAGE_AUTHOR}. ({year}). {PACKAGE_TITLE} (Version {__version__}) "
            "[Computer software].\n"
        )
    from pybtex.database import BibliographyData, Entry

    entry = Entry(
        "misc",
        fields=[
            ("author", f"{{{PACKAGE_AUTHOR}}}"),
            ("title", PACKAGE_TITLE),
            ("version", __version__),
            ("year", year),
            ("howpublished", "Python package"),
            ("note", "Code MIT licence; data CC BY 4.0"),
        ],
    )
    return BibliographyData(entries={"pctstats": entry}).to_string("bibtex")
