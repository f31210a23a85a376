"""The record set loads into typed, frozen records, with the public API of the issue."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

import pctstats
from pctstats.core.errors import DataError
from pctstats.data.dataset import REPORTED_COLUMNS, TABLES

from .conftest import REPO, read_table, write_table


def test_load_returns_mappings_by_id():
    db = pctstats.load()
    assert db.sources["maczkowiack2019"].n == 1208
    assert set(db.sources) == {s.source_id for s in db.sources.values()}
    assert all(e.estimate_id == k for k, e in db.estimates.items())
    assert all(c.key == k == f"{c.article_id}/{c.claim_id}" for k, c in db.claims.items())


def test_records_are_frozen():
    db = pctstats.load()
    with pytest.raises(dataclasses.FrozenInstanceError):
        db.sources["bird2011"].year = 2012  # type: ignore[misc]
    with pytest.raises(TypeError):
        db.sources["new"] = db.sources["bird2011"]  # type: ignore[index]


def test_reported_values_are_strings_as_printed():
    db = pctstats.load()
    values = [v for e in db.estimates.values() for v in e.values]
    assert values and all(isinstance(v, str) for v in values)
    assert db.estimates["maczkowiack2019-4weeks"].value == "20.2"
    assert db.estimates["mitchell2017-or-non-volitional-sex"].ci_high == "2.80"  # zero kept


@pytest.mark.parametrize("name", TABLES)
def test_frame_one_row_per_record_with_parsed_columns(name):
    db = pctstats.load()
    frame = db.frame(name)
    assert isinstance(frame, pd.DataFrame)
    assert len(frame) == len(getattr(db, name))
    for column in REPORTED_COLUMNS:
        if column in frame:
            assert f"{column}_num" in frame
            printed = frame[column].dropna()
            assert (printed.astype(float) == frame.loc[printed.index, f"{column}_num"]).all()


def test_frame_rejects_unknown_table():
    with pytest.raises(ValueError, match="'sources'"):
        pctstats.load().frame("studies")


def test_claims_frame_has_one_row_per_claim():
    frame = pctstats.load().frame("claims")
    assert frame["claim_id"].is_unique
    assert set(frame["claim_group"]) == {"A", "A2", "B", "B2", "C", "D", "E", "F", "G", "H"}


def test_alternative_versions_are_linked():
    db = pctstats.load()
    versions = [e for e in db.estimates.values() if e.version_of]
    assert versions, "the record set records alternative printed versions"
    for version in versions:
        original = db.estimates[version.version_of]
        assert original.source_id == version.source_id
        assert (original.outcome, original.sex, original.timeframe, original.frequency) == (
            version.outcome, version.sex, version.timeframe, version.frequency)


def test_load_accepts_folder_or_datapackage_path(data_copy):
    assert len(pctstats.load(data_copy).estimates) == len(pctstats.load().estimates)
    assert len(pctstats.load(data_copy / "datapackage.json").claims) == len(pctstats.load().claims)


def test_load_missing_folder_is_clear(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"no datapackage\.json"):
        pctstats.load(tmp_path)


def test_open_facts_stay_open():
    """OPEN facts of sources.md are empty fields with a note, never guessed values."""
    db = pctstats.load()
    s8 = db.sources["jsmt2024"]
    assert s8.authors == "Raftery D" and s8.secondary_fields == ("authors",)
    assert "Daily Mail" in s8.secondary_quote and "news report" in s8.open_facts
    s9 = db.sources["toussaint"]
    assert s9.year is None and s9.title is None and s9.doi is None and s9.more_authors
    assert all(word in s9.open_facts for word in ("title", "journal", "year", "DOI"))
    assert [e.n for e in db.estimates_of("toussaint")] == [None, None]  # sub-group sizes open
    assert db.claims["E"].estimate_ids == () and db.claims["E"].source_ids == ()
    s1 = db.sources["schweitzer2015"]
    assert "recruited" in s1.open_facts.lower() and s1.n_analysed == 230  # as the abstract prints
    assert {(s.n, s.secondary) for s in db.sample_sizes_of("schweitzer2015")} == {
        (195, True), (231, True)}
    assert all(e.k is None for e in db.estimates.values())  # no count is printed anywhere


def test_claim_ids_are_scoped_by_article(data_copy):
    """Two articles may each have a claim 'A'; the key article_id/claim_id tells them apart."""
    path = data_copy / "articles.csv"
    header, rows = read_table(path)
    rows.append(dict(rows[-1], article_id="bbc_future", outlet="BBC Future",
                     text_file="", url="https://www.bbc.com/future/article/x", notes=""))
    write_table(path, header, rows)
    path = data_copy / "claims.csv"
    header, rows = read_table(path)
    first = next(r for r in rows if r["claim_id"] == "A")
    rows.append(dict(first, article_id="bbc_future"))
    write_table(path, header, rows)
    claims = pctstats.load(data_copy).claims
    assert claims["bbc_future/A"].article_id == "bbc_future"
    assert claims["mashable_reprint", "A"].article_id == "mashable_reprint"
    assert claims["E"].article_id == "mnt"  # an id in one article only still finds its claim
    with pytest.raises(KeyError, match="more than one article: use one of 'mashable_reprint/A'"):
        claims["A"]
    rows.append(dict(first, article_id="bbc_future"))
    write_table(path, header, rows)
    with pytest.raises(DataError) as caught:
        pctstats.load(data_copy)
    [issue] = caught.value.issues
    assert issue.rule == "unique" and "article_id 'bbc_future' and claim_id 'A'" in issue.message


def test_source_ids_need_no_year_pattern(data_copy):
    path = data_copy / "sources.csv"
    header, rows = read_table(path)
    bird = next(r for r in rows if r["source_id"] == "bird2011")
    rows.append(dict(bird, source_id="bird2011a", label="S99", doi="10.1080/x.1"))
    write_table(path, header, rows)
    assert pctstats.load(data_copy).sources["bird2011a"].label == "S99"


def _readme_templates() -> dict[str, tuple[list[str], list[str]]]:
    """The README's template row of each table, by file name: (header, row)."""
    import csv
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = text.split("## Adding a study or a claim")[1].split("\n## ")[0]
    found = {}
    for file, block in re.findall(r"`(\w+\.csv)`, required: .*?```text\n(.*?)```", section, re.S):
        header, row = list(csv.reader(block.splitlines()))
        found[file] = (header, row)
    return found


def test_readme_lists_every_column_and_required_column_with_a_template_row():
    import json

    from pctstats.core.paths import data_dir

    package = json.loads((data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    templates = _readme_templates()
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert set(templates) == {r["path"] for r in package["resources"]}
    for resource in package["resources"]:
        header, _ = templates[resource["path"]]
        assert header == [f["name"] for f in resource["schema"]["fields"]]
        required = [f["name"] for f in resource["schema"]["fields"]
                    if f.get("constraints", {}).get("required")]
        listed = f"`{resource['path']}`, required: " + ", ".join(f"`{c}`" for c in required) + "."
        assert listed in text, listed


def test_readme_template_rows_make_a_valid_record_set(data_copy):
    for file, (header, row) in _readme_templates().items():
        _, rows = read_table(data_copy / file)
        write_table(data_copy / file, header, [*rows, dict(zip(header, row, strict=True))])
    db = pctstats.load(data_copy)
    assert db.claims["example_news/A"].estimate_ids == ("smith2025a-lifetime",)
    assert db.sample_sizes["smith2025a-answered-news"].secondary
