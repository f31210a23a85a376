"""datapackage.json validates with frictionless and matches the CSVs and pctstats.core.vocab."""

from __future__ import annotations

import csv
import json

import pytest
from frictionless import validate

from pctstats.core.paths import data_dir
from pctstats.core.vocab import VOCABULARIES

PACKAGE = json.loads((data_dir() / "datapackage.json").read_text(encoding="utf-8"))
FIELDS = [(r, f) for r in PACKAGE["resources"] for f in r["schema"]["fields"]]


def test_package_validates_with_frictionless():
    report = validate(str(data_dir() / "datapackage.json"))
    errors = [e.message for task in report.tasks for e in task.errors] + [
        e.message for e in report.errors]
    assert report.valid, errors


def test_frictionless_catches_a_broken_copy(data_copy):
    """The frictionless validation is not vacuous: a value outside its enum fails it."""
    path = data_copy / "estimates.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",female,", ",women,", 1),
                    encoding="utf-8")
    report = validate(str(data_copy / "datapackage.json"))
    assert not report.valid


@pytest.mark.parametrize("resource", PACKAGE["resources"], ids=lambda r: r["name"])
def test_csv_header_matches_schema(resource):
    with (data_dir() / resource["path"]).open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == [f["name"] for f in resource["schema"]["fields"]]


def test_vocabularies_are_mirrored_in_the_package():
    assert PACKAGE["pctstats:vocabularies"] == {k: dict(v) for k, v in VOCABULARIES.items()}


@pytest.mark.parametrize(("resource", "field"),
                         [(r, f) for r, f in FIELDS if f.get("pctstats:vocabulary")],
                         ids=lambda x: x["name"])
def test_vocabulary_fields_use_the_package_vocabulary(resource, field):
    vocabulary = VOCABULARIES[field["pctstats:vocabulary"]]
    if field.get("pctstats:list"):
        allowed = field["constraints"]["pattern"]
        assert all(" " not in v for v in vocabulary), allowed
    else:
        assert sorted(field["constraints"]["enum"]) == sorted(vocabulary)


def test_every_vocabulary_is_used_by_some_field():
    used = {f.get("pctstats:vocabulary") for _, f in FIELDS}
    assert set(VOCABULARIES) <= used


def test_reported_value_fields_are_strings():
    reported = [f for _, f in FIELDS if f.get("pctstats:reported")]
    assert {f["name"] for f in reported} >= {"value", "value_high", "ci_low", "ci_high"}
    assert all(f["type"] == "string" for f in reported)
