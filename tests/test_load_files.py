"""Files as Excel, Windows and hand edits leave them: every problem is a DataError, no traceback."""

from __future__ import annotations

import codecs
import csv
import json

import pytest

import pctstats
from pctstats.core.errors import DataError

from .conftest import read_table, write_table


def _issues(folder):
    with pytest.raises(DataError) as caught:
        pctstats.load(folder)
    return caught.value.issues


def test_byte_order_mark_is_accepted(data_copy):
    for path in data_copy.glob("*.csv"):
        path.write_bytes(codecs.BOM_UTF8 + path.read_bytes())
    db = pctstats.load(data_copy)
    assert db.sources["bird2011"].n == 222


def test_windows_line_endings_are_accepted(data_copy):
    path = data_copy / "estimates.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert pctstats.load(data_copy).estimates["bird2011-4weeks"].value == "10"


def test_a_file_that_is_not_utf8_names_file_offset_and_fix(data_copy):
    path = data_copy / "sources.csv"
    raw = path.read_bytes()
    offset = raw.index("–".encode())  # an en dash, as in 'aged 18–85'
    path.write_bytes(raw.decode("utf-8").encode("cp1252"))
    [issue] = _issues(data_copy)
    assert (issue.file, issue.rule) == ("sources.csv", "encoding")
    assert f"byte offset {offset}" in issue.message
    assert "save the file as UTF-8" in issue.message
    assert "'–'" in issue.message  # what the byte would be in Windows-1252


def test_malformed_datapackage_names_line_and_column(data_copy):
    path = data_copy / "datapackage.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"tabular-data-package",',
                                                              '"tabular-data-package"', 1),
                    encoding="utf-8")
    [issue] = _issues(data_copy)
    assert (issue.file, issue.rule) == ("datapackage.json", "json")
    assert "expecting ',' delimiter at line 3, column 3" in issue.message


@pytest.mark.parametrize(("change", "words"), [
    (lambda p: p.pop("resources"), "needs 'resources'"),
    (lambda p: p["resources"][0].pop("path"), "needs a 'path'"),
    (lambda p: p["resources"][0]["schema"].pop("fields"), "needs 'schema'"),
    (lambda p: p["resources"].pop(), "resource 'claims' is missing"),
    (lambda p: p["resources"][0]["schema"]["fields"].pop(), "lacks the field 'secondary_quote'"),
    (lambda p: p["resources"][0]["schema"]["fields"].append({"name": "impact"}),
     "declares a field 'impact'"),
])
def test_a_package_without_what_pctstats_reads_is_named(data_copy, change, words):
    path = data_copy / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    change(package)
    path.write_text(json.dumps(package), encoding="utf-8")
    issues = _issues(data_copy)
    assert all(i.file == "datapackage.json" for i in issues)
    assert any(words in i.message for i in issues), issues


def test_a_missing_table_is_named_and_the_others_still_checked(data_copy, set_cell):
    set_cell("estimates.csv", "bird2011-lifetime", "value", "132.9")
    (data_copy / "articles.csv").unlink()
    issues = _issues(data_copy)
    assert ("articles.csv", "missing_file") in {(i.file, i.rule) for i in issues}
    assert ("estimates.csv", "percent_range") not in {(i.file, i.rule) for i in issues}
    assert ("estimates.csv", "vocabulary") not in {(i.file, i.rule) for i in issues}


def test_a_cell_error_in_another_table_is_listed_beside_a_missing_file(data_copy, set_cell):
    set_cell("estimates.csv", "bird2011-4weeks", "sex", "women")
    (data_copy / "articles.csv").unlink()
    rules = {(i.file, i.rule) for i in _issues(data_copy)}
    assert rules == {("articles.csv", "missing_file"), ("estimates.csv", "vocabulary")}


def test_an_extra_csv_file_is_named(data_copy):
    (data_copy / "estimates_old.csv").write_text("a,b\n", encoding="utf-8")
    [issue] = _issues(data_copy)
    assert (issue.file, issue.rule) == ("estimates_old.csv", "unknown_file")


def test_missing_and_extra_columns_are_each_named(data_copy):
    path = data_copy / "estimates.csv"
    header, rows = read_table(path)
    header = [("sample" if c == "population" else c) for c in header] + ["comment"]
    rows = [{("sample" if k == "population" else k): v for k, v in r.items()} for r in rows]
    write_table(path, header, rows)
    found = {(i.file, i.column, i.rule) for i in _issues(data_copy)}
    assert found == {("estimates.csv", c, "header") for c in ("population", "sample", "comment")}


def test_columns_in_another_order_are_read_by_name(data_copy):
    path = data_copy / "articles.csv"
    header, rows = read_table(path)
    write_table(path, list(reversed(header)), rows)
    assert pctstats.load(data_copy).articles["mnt"].outlet == "Medical News Today"


def test_spreadsheet_blank_rows_are_skipped(data_copy):
    path = data_copy / "articles.csv"
    header, _ = read_table(path)
    path.write_text(path.read_text(encoding="utf-8") + "," * (len(header) - 1) + "\n\n",
                    encoding="utf-8")
    assert len(pctstats.load(data_copy).articles) == len(pctstats.load().articles)


def test_an_unclosed_quote_is_named_with_the_fix(data_copy):
    path = data_copy / "articles.csv"
    path.write_bytes(path.read_bytes() + b'bbc,"BBC, Future\n')
    [issue] = _issues(data_copy)
    assert (issue.file, issue.row, issue.rule) == ("articles.csv", 4, "row_length")
    assert "double quotes" in issue.message


def test_a_line_csv_cannot_read_is_named(data_copy):
    path = data_copy / "articles.csv"
    path.write_bytes(path.read_bytes() + b'bbc,"' + b"x" * 200_000 + b'"\n')
    before = csv.field_size_limit(131_072)  # the default (pandas raises it for its own reading)
    try:
        issues = _issues(data_copy)
    finally:
        csv.field_size_limit(before)
    assert [(i.file, i.rule) for i in issues] == [("articles.csv", "csv_syntax")]
    assert "line 5" in issues[0].message


def test_an_empty_file_is_named(data_copy):
    (data_copy / "claims.csv").write_text("", encoding="utf-8")
    [issue] = _issues(data_copy)
    assert (issue.file, issue.rule) == ("claims.csv", "header")
