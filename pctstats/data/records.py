"""Typed, frozen records of the record set: sources, estimates, articles and claims.

Field names are the CSV column names of ``data/`` (see ``data/datapackage.json`` for each field's
meaning and constraints). Reported values are kept as the strings printed (``"20.2"``, ``"41"``);
use :mod:`pctstats.core.reported` to read their numbers and precision. Empty optional fields are
``None``; list fields are tuples.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pctstats.core.reported import to_decimal
from pctstats.core.vocab import SECONDARY_READ_IN

#: The last entry of ``authors`` when further authors exist whose names are not known.
MORE_AUTHORS = "et al."

__all__ = [
    "MORE_AUTHORS", "RECORD_TYPES", "Article", "Claim", "Estimate", "SampleSize", "Source",
    "claim_key",
]


@dataclass(frozen=True)
class Source:
    """A primary study (S1, S2, ... of ``shared/reference/sources.md``).

    ``year``, ``title``, ``journal`` and ``doi`` are ``None`` where they are open (the record's
    ``open_facts`` says so). ``secondary_fields`` names the fields known only from secondary
    reports (news, digests), with their evidence in ``secondary_quote``.

    Examples
    --------
    >>> import pctstats
    >>> source = pctstats.load().sources["maczkowiack2019"]
    >>> source.label, source.year, source.n
    ('S3', 2019, 1208)
    >>> source.author_list
    ('Maczkowiack J', 'Schweitzer RD')
    >>> s9 = pctstats.load().sources["toussaint"]
    >>> s9.author_list, s9.more_authors, s9.year_text
    (('Toussaint DJ',), True, 'n.d.')
    """

    source_id: str
    label: str
    authors: str | None
    year: int | None
    online_year: int | None
    title: str | None
    journal: str | None
    volume: str | None
    issue: str | None
    pages: str | None
    doi: str | None
    pmcid: str | None
    design: str
    population: str
    population_tags: tuple[str, ...]
    country: str | None
    n_analysed: int | None
    n_female: int | None
    n_male: int | None
    age_min: int | None
    age_max: int | None
    n_quote: str
    read_in: str
    notes: str | None
    open_facts: str | None
    # Fields added after the first release keep defaults, so code that builds records by hand
    # (tests, notebooks) goes on working.
    secondary_fields: tuple[str, ...] = ()
    secondary_quote: str | None = None

    @property
    def n(self) -> int | None:
        """The number of participants analysed (``None`` for a review)."""
        return self.n_analysed

    @property
    def author_list(self) -> tuple[str, ...]:
        """Authors as a tuple of ``"Family Initials"`` strings (empty where open).

        A last entry ``et al.`` in ``authors`` (further authors not known) is not an author:
        see :attr:`more_authors`.
        """
        names = (a.strip() for a in (self.authors or "").split(";"))
        return tuple(a for a in names if a and a != MORE_AUTHORS)

    @property
    def more_authors(self) -> bool:
        """Whether further authors exist whose names are not known (``authors`` ends ``et al.``)."""
        return (self.authors or "").rstrip().endswith(MORE_AUTHORS)

    @property
    def year_text(self) -> str:
        """The year for a citation or a label: ``"2015"``, or ``"n.d."`` where open (APA 7)."""
        return "n.d." if self.year is None else str(self.year)


@dataclass(frozen=True)
class Estimate:
    """One number a source reports, with its quote and where it was read.

    Examples
    --------
    >>> import pctstats
    >>> estimate = pctstats.load().estimates["maczkowiack2019-4weeks"]
    >>> estimate.source_id, estimate.timeframe, estimate.n
    ('maczkowiack2019', 'past_4_weeks', 1208)
    >>> estimate.value, estimate.value_float, estimate.is_range
    ('20.2', 20.2, False)
    >>> pctstats.load().estimates["pyke2020-women"].values
    ('6', '16')
    """

    estimate_id: str
    source_id: str
    measure: str
    outcome: str
    sex: str
    timeframe: str
    frequency: str
    context: str
    exposure: str | None
    adjustment: str | None
    population: str
    population_tags: tuple[str, ...]
    age_min: int | None
    age_max: int | None
    n: int | None
    k: int | None
    value: str | None
    value_high: str | None
    unit: str
    ci_level: str | None
    ci_low: str | None
    ci_high: str | None
    weighted: bool
    quote: str
    read_in: str
    version_of: str | None
    notes: str | None
    orientation: str = "any"
    n_reason: str | None = None

    @property
    def values(self) -> tuple[str, ...]:
        """The reported value(s) as printed: one, or two for a range."""
        return tuple(v for v in (self.value, self.value_high) if v is not None)

    @property
    def is_range(self) -> bool:
        """Whether the estimate is a range (two values)."""
        return self.value_high is not None

    @property
    def value_float(self) -> float | None:
        """The reported value as a float (for plotting, never for checks)."""
        return None if self.value is None else float(to_decimal(self.value))


@dataclass(frozen=True)
class Article:
    """A popular article whose claims are audited.

    At least one of ``text_file`` (a plain-text copy), ``url`` and ``archive_url`` says where it
    can be read; ``published`` is ``None`` where the date is not known. Its claims
    (:class:`Claim`) name it by ``article_id``, which scopes their ids.

    Examples
    --------
    >>> import pctstats
    >>> article = pctstats.load().articles["rula"]
    >>> article.outlet, article.title, article.published
    ('Rula', 'Crying after sex', None)
    >>> pctstats.load().articles["mnt"].url
    'https://www.medicalnewstoday.com/articles/crying-after-sex'
    """

    article_id: str
    outlet: str
    title: str
    text_file: str | None
    url: str | None
    published: date | None
    notes: str | None
    archive_url: str | None = None


@dataclass(frozen=True)
class Claim:
    """One number an article states, what it says about it, and what it traces to.

    ``claim_id`` is unique within its article; ``key`` (``"article_id/claim_id"``) is unique in
    the record set.

    Examples
    --------
    >>> import pctstats
    >>> claim = pctstats.load().claims["mashable_reprint/A"]
    >>> claim.article_id, claim.claim_id, claim.key
    ('mashable_reprint', 'A', 'mashable_reprint/A')
    >>> claim.value_text, claim.values
    ('about four percent', ('4',))
    >>> claim.source_ids, claim.estimate_ids
    (('maczkowiack2019',), ('maczkowiack2019-lifetime',))
    """

    claim_id: str
    claim_group: str
    article_id: str
    quote: str
    measure: str
    value: str | None
    value_high: str | None
    value_text: str
    approximation: str
    unit: str
    sex: str
    reference_sex: str | None
    timeframe: str
    frequency: str
    context: str
    outcome: str
    population: str
    population_tags: tuple[str, ...]
    age_min: int | None
    age_max: int | None
    n_claimed: int | None
    source_kind: str
    year_claimed: int | None
    strength_claimed: str | None
    source_ids: tuple[str, ...]
    estimate_ids: tuple[str, ...]
    read_in: str
    notes: str | None
    orientation: str = "any"

    @property
    def values(self) -> tuple[str, ...]:
        """The claimed value(s) as printed: none, one, or two for a range."""
        return tuple(v for v in (self.value, self.value_high) if v is not None)

    @property
    def key(self) -> str:
        """The claim's key in the record set: ``"article_id/claim_id"``."""
        return claim_key(self.article_id, self.claim_id)


def claim_key(article_id: str, claim_id: str) -> str:
    """The key of a claim: its article's id and its own id, joined by ``/``.

    Examples
    --------
    >>> claim_key("mnt", "E")
    'mnt/E'
    """
    return f"{article_id}/{claim_id}"


@dataclass(frozen=True)
class SampleSize:
    """A sample size of a source beyond the N its record prints, with its provenance.

    Examples
    --------
    >>> import pctstats
    >>> sizes = pctstats.load().sample_sizes_of("schweitzer2015")
    >>> sorted({(s.n, s.counts) for s in sizes})
    [(195, 'analysed'), (231, 'surveyed')]
    >>> all(s.secondary for s in sizes)
    True
    """

    sample_id: str
    source_id: str
    n: int
    counts: str
    sex: str
    population: str
    quote: str
    read_in: str
    where_read: str
    notes: str | None

    @property
    def secondary(self) -> bool:
        """Whether the number was read in a secondary report (news, a digest)."""
        return self.read_in in SECONDARY_READ_IN


#: The record class of each table, by resource name in ``datapackage.json``.
RECORD_TYPES: dict[str, type] = {
    "sources": Source,
    "estimates": Estimate,
    "sample_sizes": SampleSize,
    "articles": Article,
    "claims": Claim,
}
