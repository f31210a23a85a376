"""The record set loads into typed, frozen records, with the public API of the issue."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

import pctstats
from pctstats.data.dataset import REPORTED_COLUMNS, TABLES


def test_load_returns_mappings_by_id():
    db = pctstats.load()
    assert db.sources["maczkowiack2019"].n == 1208
    assert set(db.sources) == {s.source_id for s in db.sources.values()}
    assert all(e.estimate_id == k for k, e in db.estimates.items())
    assert all(c.claim_id == k for k, c in db.claims.items())


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
    assert s8.authors is None and "Author names" in s8.open_facts
    assert db.claims["E"].estimate_ids == () and db.claims["E"].source_ids == ()
    assert "recruited" in db.sources["schweitzer2015"].open_facts.lower()
    assert all(e.k is None for e in db.estimates.values())  # no count is printed anywhere
