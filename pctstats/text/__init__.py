"""The text audit: find each prevalence claim in an article's text and trace it to its source.

One module per job: :mod:`~pctstats.text.reading` (files, encodings, HTML),
:mod:`~pctstats.text.sentences`, :mod:`~pctstats.text.numbers` (digits, words, fractions, ranges,
hedges), :mod:`~pctstats.text.context` (whom, when, how often, what, n, year, study),
:mod:`~pctstats.text.tracing` (candidate scoring and the audit engine) and
:mod:`~pctstats.text.audit` (:func:`audit_text`).

Examples
--------
>>> from pctstats.text import audit_text
>>> audit_text("Nearly half of women have felt it at least once.").loc[0, "source_id"]
'schweitzer2015'
"""

from pctstats.text.audit import TEXT_AUDIT_COLUMNS, audit_text
from pctstats.text.reading import ArticleError, read_article

__all__ = ["TEXT_AUDIT_COLUMNS", "ArticleError", "audit_text", "read_article"]
