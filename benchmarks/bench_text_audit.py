"""Benchmark audit_text: articles per second, on one core, for a 1,000-word article.

The rate is in CPU time of this process (``time.process_time``): on a machine shared with other
work it still measures one core's worth of audit_text.

The article is made from the record set itself (no article text is shipped): the verbatim quotes
of the claims (the seed articles' sentences with their numbers) and of the estimates (the
abstracts' sentences), between sentences without numbers made from the vocabularies' meanings,
until the text has at least 1,000 words, in paragraphs of four sentences. About one sentence in
three holds numbers, as in the densest pages of the development corpus. The aim is 50 articles a
second; the benchmark fails below it.

Run: ``.venv/bin/python benchmarks/bench_text_audit.py`` (or ``make bench`` for every benchmark).
"""

from __future__ import annotations

import itertools
import time

from pctstats.core.vocab import VOCABULARIES
from pctstats.data.dataset import default_dataset
from pctstats.text import audit_text
from pctstats.text.tracing import clear_memo

WORDS = 1_000
AIM = 50.0  # articles per second
SECONDS = 3.0


def make_article(words: int = WORDS) -> str:
    """A text of at least ``words`` words from the record set's verbatim quotes and words."""
    db = default_dataset()
    quotes = list(dict.fromkeys([c.quote for c in db.claims.values()] + [
        e.quote for e in db.estimates.values() if e.quote and len(e.quote.split()) > 3]))
    filler = [
        f"Some readers describe it as {meaning.rstrip('.')}, and others do not."
        for vocabulary in VOCABULARIES.values()
        for meaning in vocabulary.values()
        if not any(ch.isdigit() for ch in meaning)
    ]
    sentences, count = [], 0
    plain = itertools.cycle(filler)
    for quote in itertools.cycle(quotes):
        for sentence in (quote, next(plain), next(plain)):
            sentences.append(sentence)
            count += len(sentence.split())
        if count >= words:
            break
    paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
    return "\n\n".join(paragraphs)


def main() -> int:
    """Time audit_text on the article until SECONDS have passed; print the rate."""
    text = make_article()
    db = default_dataset()
    claims = len(audit_text(text, db=db))  # warm up (imports, caches)
    runs, start = 0, time.process_time()
    while time.process_time() - start < SECONDS:
        clear_memo()  # each run reads the article afresh
        audit_text(text, db=db)
        runs += 1
    rate = runs / (time.process_time() - start)
    print(f"audit_text: {len(text.split())}-word article with {claims} claims: "
          f"{rate:.1f} articles/s on one core (aim >= {AIM:g})")
    return 0 if rate >= AIM else 1


if __name__ == "__main__":
    raise SystemExit(main())
