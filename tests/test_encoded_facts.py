"""Spot checks of the encoded facts against sources.md, through a hand-extracted gold table.

``tests/results/sources_gold.csv`` was typed from ``shared/reference/sources.md`` independently of
``data/`` (statcheck's gold-standard pattern): N, DOI, year and every reported string per source.
Where ``shared/`` sits beside the checkout (as in CI), the gold table is itself checked against
sources.md, and every claim quote against the article it was read in.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

import pctstats

from .conftest import SHARED

GOLD_PATH = Path(__file__).parent / "results" / "sources_gold.csv"
with GOLD_PATH.open(encoding="utf-8", newline="") as _handle:
    GOLD = list(csv.DictReader(_handle))
SOURCES_MD = SHARED / "reference" / "sources.md"
needs_shared = pytest.mark.skipif(not SOURCES_MD.is_file(),
                                  reason="shared/ is not beside the checkout")


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_gold_rows_name_sources_of_the_record_set():
    """The gold table checks the rows it lists; a new source needs no gold row."""
    sources = pctstats.load().sources
    assert {g["source_id"] for g in GOLD} <= set(sources)
    assert {"schweitzer2015", "maczkowiack2019", "toussaint"} <= {g["source_id"] for g in GOLD}


@pytest.mark.parametrize("gold", GOLD, ids=lambda g: g["label"])
def test_source_facts_match_gold(gold):
    db = pctstats.load()
    source = db.sources[gold["source_id"]]
    assert source.label == gold["label"]
    assert source.doi == (gold["doi"] or None)
    assert source.year == (int(gold["year"]) if gold["year"] else None)
    assert source.n_analysed == (int(gold["n"]) if gold["n"] else None)
    printed = {v for e in db.estimates_of(source.source_id)
               for v in (*e.values, e.ci_low, e.ci_high) if v is not None}
    assert printed == set(gold["reported_values"].split(";"))


@pytest.mark.parametrize("gold", GOLD, ids=lambda g: g["label"])
def test_estimates_carry_their_sources_denominator(gold):
    db = pctstats.load()
    source = db.sources[gold["source_id"]]
    for estimate in db.estimates_of(source.source_id):
        if estimate.n is not None and estimate.sex == "all":
            assert estimate.n == source.n_analysed


@needs_shared
@pytest.mark.parametrize("gold", GOLD, ids=lambda g: g["label"])
def test_gold_is_read_from_sources_md(gold):
    text = _squash(SOURCES_MD.read_text(encoding="utf-8"))
    section = text.split(f"## {gold['label']} ")[1].split("## ")[0]
    assert _squash(gold["sources_md_excerpt"]) in section
    assert f"doi:{gold['doi']}" in section if gold["doi"] else "DOI: OPEN" in section
    for value in gold["reported_values"].split(";"):
        if gold["label"] != "S6" or value in {"7.5", "6.7", "8.3"}:
            assert re.search(rf"(?<![0-9.]){re.escape(value)}(?![0-9])", section), value


@needs_shared
def test_estimate_quotes_are_verbatim():
    """Every quote of an estimate or sample is in sources.md, except S6's, read in its abstract."""
    text = _squash(SOURCES_MD.read_text(encoding="utf-8"))
    db = pctstats.load()
    missing = [e.estimate_id for e in db.estimates.values()
               if _squash(e.quote) not in text and "PMC5638059" not in (e.notes or "")]
    assert missing == []


@needs_shared
def test_sample_size_and_secondary_quotes_are_verbatim():
    """Further sample sizes and secondary facts quote sources.md's "Added December 2026"."""
    text = _squash(SOURCES_MD.read_text(encoding="utf-8"))
    db = pctstats.load()
    assert all(_squash(s.quote) in text for s in db.sample_sizes.values())
    for source in db.sources.values():
        if source.secondary_fields:
            quoted = re.search(r"'(.+)'\.?$", source.secondary_quote).group(1)
            assert _squash(quoted) in text, source.source_id


@needs_shared
def test_claim_quotes_are_verbatim_in_their_articles():
    db = pctstats.load()
    for claim in db.claims.values():
        article = db.articles[claim.article_id]
        if article.text_file is None:
            continue
        seed = (SHARED / "seeds" / article.text_file).read_text(encoding="utf-8")
        assert claim.quote in seed, claim.key
        assert claim.value_text.lower() in claim.quote.lower(), claim.key
