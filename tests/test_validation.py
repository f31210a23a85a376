"""Every validation rule: break a copy of the data, and the error names file, row, column, rule."""

from __future__ import annotations

import pytest

import pctstats
from pctstats.core.errors import DataError

from .conftest import read_table, write_table

# (file, record id, column, bad value, rule expected, words the message must contain)
BROKEN_CELLS = [
    ("estimates.csv", "bird2011-lifetime", "value", "132.9", "percent_range", "outside 0-100"),
    ("estimates.csv", "mitchell2017-prevalence", "ci_low", "8.9", "bounds_order",
     "lower above upper"),
    ("estimates.csv", "pyke2020-men", "value", "30", "bounds_order", "above value_high 25"),
    ("estimates.csv", "bird2011-4weeks", "source_id", "bird2012", "unknown_id", "sources.csv"),
    ("estimates.csv", "maczkowiack2019-4weeks-am", "version_of", "nope", "unknown_id",
     "estimates.csv"),
    ("claims.csv", "D-lifetime", "estimate_ids", "maczkowiack2019-lifetime;ghost", "unknown_id",
     "'ghost'"),
    ("claims.csv", "G-male", "source_ids", "pyke2021", "unknown_id", "'pyke2021'"),
    ("claims.csv", "H", "article_id", "bbc", "unknown_id", "articles.csv"),
    ("estimates.csv", "bird2011-4weeks", "estimate_id", "bird2011-lifetime", "unique", "repeats"),
    ("sources.csv", "pyke2020", "doi", "10.1002/sm2.74", "unique", "repeats"),
    ("estimates.csv", "bird2011-4weeks", "sex", "women", "vocabulary", "'female'"),
    ("estimates.csv", "bird2011-4weeks", "timeframe", "4 weeks", "vocabulary", "'past_4_weeks'"),
    ("sources.csv", "bird2011", "design", "cohort", "vocabulary", "'survey'"),
    ("sources.csv", "bird2011", "population_tags", "students", "vocabulary", "population_tag"),
    ("claims.csv", "A", "source_kind", "a study", "vocabulary", "'one_study'"),
    ("estimates.csv", "bird2011-lifetime", "value", "32,9", "pattern", "exactly as printed"),
    ("estimates.csv", "bird2011-lifetime", "value", "32.9%", "pattern", "no % sign"),
    ("sources.csv", "bird2011", "source_id", "Bird 2011", "pattern", "e.g. 'smith2025a'"),
    ("claims.csv", "E", "claim_id", "E 1", "pattern", "e.g. 'B-male'"),
    ("articles.csv", "mnt", "text_file", "seeds/002.txt", "pattern", "no folder"),
    ("claims.csv", "D-regular", "value", "3.1 ", "whitespace", "white space"),
    ("estimates.csv", "bird2011-lifetime", "k", "223", "count_above_denominator", "above n = 222"),
    ("sources.csv", "burri_hilpert2020", "n_male", "300", "count_above_denominator",
     "above n_analysed"),
    ("estimates.csv", "bird2011-lifetime", "quote", "", "required", "required"),
    ("claims.csv", "E", "quote", "", "required", "required"),
    ("estimates.csv", "bird2011-lifetime", "n", "0", "minimum", "below the minimum 1"),
    ("estimates.csv", "bird2011-lifetime", "n", "222.0", "type", "whole number"),
    ("estimates.csv", "bird2011-lifetime", "weighted", "yes", "type", "'true'"),
    ("estimates.csv", "burri_spector2011-or-recent-abuse", "ci_level", "", "ci_level_required",
     "level"),
    ("estimates.csv", "burri_spector2011-or-recent-abuse", "ci_high", "", "ci_incomplete",
     "both bounds"),
    ("estimates.csv", "burri_spector2011-or-recent-abuse", "value", "0", "ratio_range",
     "positive ratio"),
    ("estimates.csv", "bird2011-lifetime", "value", "", "value_required", "needs its reported"),
    ("estimates.csv", "pyke2020-women", "value_high", "", "value_required", "high end"),
    ("estimates.csv", "maczkowiack2019-distress", "value", "3", "value_not_allowed", "no number"),
    ("estimates.csv", "maczkowiack2019-lifetime", "age_min", "90", "bounds_order", "above age_max"),
    ("estimates.csv", "maczkowiack2019-4weeks-am", "version_of", "bird2011-4weeks",
     "version_of_other_source", "another source"),
    ("claims.csv", "C-lifetime", "estimate_ids", "bird2011-lifetime", "estimate_not_of_source",
     "not among"),
    ("articles.csv", "mnt", "url", "medicalnewstoday.com/x", "pattern", "https"),
    # consistency across records
    ("estimates.csv", "bird2011-4weeks", "sex", "male", "sex_not_in_sample", "sampled no men"),
    ("estimates.csv", "maczkowiack2019-lifetime", "sex", "female", "sex_not_in_sample",
     "sampled no women"),
    ("estimates.csv", "bird2011-4weeks", "sex", "all", "sex_not_in_sample", "n_male = 0"),
    ("estimates.csv", "bird2011-4weeks", "n", "223", "n_above_sample", "n_reason"),
    ("estimates.csv", "jsmt2024-male-casual", "n", "60", "n_above_sample", "n_male = 51"),
    ("estimates.csv", "bird2011-4weeks", "value", "11", "quote_lacks_value", "does not print 11"),
    ("estimates.csv", "schweitzer2015-lifetime", "value", "64", "quote_lacks_value",
     "in words"),
    ("estimates.csv", "mitchell2017-prevalence", "ci_high", "8.4", "quote_lacks_value", "8.4"),
    ("sources.csv", "bird2011", "n_analysed", "225", "quote_lacks_value", "n_quote"),
    ("claims.csv", "A", "value_text", "about 4%", "quote_lacks_value", "not in the quote"),
    ("sources.csv", "bird2011", "doi", "", "open_fact_unstated", "open_facts"),
    ("sources.csv", "jsmt2024", "year", "", "open_fact_unstated", "'Year: not in any text"),
    ("sources.csv", "bird2011", "secondary_fields", "authors", "secondary_evidence_required",
     "verbatim"),
    ("sources.csv", "bird2011", "secondary_fields", "author", "unknown_column",
     "not a column"),
    ("articles.csv", "rula", "text_file", "", "article_location", "text_file, url, archive_url"),
    ("articles.csv", "mnt", "published", "22/11/2026", "type", "YYYY-MM-DD"),
]


@pytest.mark.parametrize(("file", "record_id", "column", "bad", "rule", "words"), BROKEN_CELLS)
def test_broken_cell_is_named(set_cell, data_copy, file, record_id, column, bad, rule, words):
    row = set_cell(file, record_id, column, bad)
    with pytest.raises(DataError) as caught:
        pctstats.load(data_copy)
    matching = [i for i in caught.value.issues if i.rule == rule]
    assert matching, f"expected rule {rule}, got {caught.value.issues}"
    issue = matching[0]
    assert issue.file == file
    assert issue.column == column
    # "unique" names the row that repeats; every other rule names the broken row itself
    assert issue.row == row
    assert words in issue.message
    text = str(caught.value)
    assert file in text and f"row {row}" in text and f"'{column}'" in text and rule in text


def test_a_stated_reason_allows_n_above_the_sample(set_cell, data_copy):
    set_cell("estimates.csv", "bird2011-4weeks", "n", "223")
    set_cell("estimates.csv", "bird2011-4weeks", "n_reason", "counts answers, not people")
    assert pctstats.load(data_copy).estimates["bird2011-4weeks"].n == 223


def test_an_open_bibliographic_fact_is_allowed_when_stated(set_cell, data_copy):
    set_cell("sources.csv", "pyke2020", "year", "")
    set_cell("sources.csv", "pyke2020", "open_facts", "Year: not in any text found. DOI: open.")
    set_cell("sources.csv", "pyke2020", "doi", "")
    source = pctstats.load(data_copy).sources["pyke2020"]
    assert source.year is None and source.doi is None


def test_pattern_messages_explain_in_words_never_a_regex(set_cell, data_copy):
    """Every pattern rule is stated in words with an example, and no message shows a regex."""
    import json

    package = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        for field in resource["schema"]["fields"]:
            if "pattern" in field.get("constraints", {}):
                assert field.get("pctstats:pattern_words"), (resource["name"], field["name"])
                assert field.get("pctstats:example") is not None, field["name"]
    set_cell("sources.csv", "bird2011", "pmcid", "PMC 12")
    set_cell("sources.csv", "pyke2020", "label", "S-7")
    set_cell("claims.csv", "G-male", "estimate_ids", "pyke2020-men; pyke2020-women")
    with pytest.raises(DataError) as caught:
        pctstats.load(data_copy)
    patterns = [i for i in caught.value.issues if i.rule == "pattern"]
    assert len(patterns) == 3
    for issue in patterns:
        assert "e.g. '" in issue.message and not any(c in issue.message for c in "^$[]+\\")


def test_nothing_is_partly_loaded(set_cell, data_copy):
    set_cell("claims.csv", "H", "sex", "women")
    with pytest.raises(DataError):
        pctstats.load(data_copy)
    # the same folder, repaired, loads completely: no state was kept from the failed load
    set_cell("claims.csv", "H", "sex", "female")
    assert len(pctstats.load(data_copy).claims) == len(pctstats.load().claims)


def test_every_problem_is_reported_at_once(set_cell, data_copy):
    set_cell("estimates.csv", "bird2011-lifetime", "value", "132.9")
    set_cell("claims.csv", "A", "sex", "men")
    with pytest.raises(DataError) as caught:
        pctstats.load(data_copy)
    assert {(i.file, i.rule) for i in caught.value.issues} >= {
        ("estimates.csv", "percent_range"), ("claims.csv", "vocabulary")}
    assert caught.value.first.file in {"estimates.csv", "claims.csv"}


def test_missing_column_is_named(data_copy):
    path = data_copy / "sources.csv"
    header, rows = read_table(path)
    header.remove("doi")
    for row in rows:
        del row["doi"]
    write_table(path, header, rows)
    with pytest.raises(DataError) as caught:
        pctstats.load(data_copy)
    issue = caught.value.first
    assert (issue.file, issue.column, issue.rule) == ("sources.csv", "doi", "header")


def test_short_row_is_named(data_copy):
    path = data_copy / "articles.csv"
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\nextra,only two cells\n"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        pctstats.load(data_copy)
    issue = caught.value.first
    assert (issue.file, issue.row, issue.rule) == ("articles.csv", 4, "row_length")


def test_data_folder_is_never_modified():
    from pctstats.core.paths import data_dir

    before = {p.name: p.read_bytes() for p in data_dir().iterdir() if p.is_file()}
    pctstats.load()
    after = {p.name: p.read_bytes() for p in data_dir().iterdir() if p.is_file()}
    assert before == after
