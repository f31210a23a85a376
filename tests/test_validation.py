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
    ("estimates.csv", "bird2011-lifetime", "value", "32,9", "pattern", "decimal string"),
    ("estimates.csv", "bird2011-lifetime", "value", "32.9%", "pattern", "decimal string"),
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
