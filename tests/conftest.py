"""Shared fixtures: a writable copy of the record set, and a way to break one cell of it."""

from __future__ import annotations

import atexit
import csv
import dataclasses
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

from pctstats.core.paths import DATA_DIR_ENV, data_dir
from pctstats.data.dataset import ClaimIndex, Dataset, load

# Property tests: no per-example deadline (a loaded machine must not turn slowness into a failure);
# in CI (CI=true) the examples are derandomised, so a run is reproducible and a red CI is a real
# defect, while a developer's run keeps exploring new examples each time.
settings.register_profile("dev", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

#: The records the suite pins (``tests/shipped_records.json``).
PINNED_IDS = Path(__file__).with_name("shipped_records.json")


def _rows_kept(text: str, keep: Callable[[dict[str, str]], bool]) -> str:
    """The CSV ``text`` with only the records ``keep`` accepts, every kept line byte for byte."""
    lines = text.splitlines(keepends=True)
    reader = csv.reader(lines)
    header = next(reader)
    kept, start = lines[: reader.line_num], reader.line_num
    for row in reader:
        if keep(dict(zip(header, row, strict=False))):
            kept += lines[start: reader.line_num]
        start = reader.line_num
    return "".join(kept)


def _pinned_copy(source: Path) -> Path:
    """``source`` cut down to the records of :data:`PINNED_IDS`, in a temporary folder.

    The suite pins facts of named records. Running it on this copy means a correct record a
    user adds to ``data/`` (a study, an article, a claim "A" of another article) changes no
    count, position or default the tests see; the tests that must see the user's whole record
    set (``validate``, the figures build) use :data:`USER_DATA`. Anything that cannot be read
    here is copied as it is, for the loading tests to report.
    """
    target = Path(tempfile.mkdtemp(prefix="pctstats-pinned-")) / "data"
    shutil.copytree(source, target)
    atexit.register(shutil.rmtree, target.parent, ignore_errors=True)
    try:
        pinned = json.loads(PINNED_IDS.read_text(encoding="utf-8"))
        package = json.loads((source / "datapackage.json").read_text(encoding="utf-8"))
        for resource in package["resources"]:
            keys, ids = resource["schema"]["primaryKey"], set(pinned[resource["name"]])
            path = source / resource["path"]
            text = path.read_text(encoding="utf-8")
            (target / resource["path"]).write_text(
                _rows_kept(text, lambda row, keys=keys, ids=ids: "/".join(
                    row.get(k, "") for k in keys) in ids),
                encoding="utf-8", newline="")
    except (OSError, ValueError, KeyError, csv.Error, StopIteration):
        shutil.rmtree(target)
        shutil.copytree(source, target)
    return target


#: The user's record set (``data/``, or ``PCTSTATS_DATA`` when set): what ``validate`` and the
#: figures build must accept.
USER_DATA = data_dir()
#: What every other test reads: :data:`USER_DATA` cut down to the pinned records.
PINNED_DATA = _pinned_copy(USER_DATA)
os.environ[DATA_DIR_ENV] = str(PINNED_DATA)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ in a temporary folder (the real data/ is never modified)."""
    target = tmp_path / "data"
    shutil.copytree(data_dir(), target)
    return target


def read_table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_table(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def set_cell(data_copy: Path) -> Callable[[str, str, str, str], int]:
    """Set one cell of a copied table, chosen by record id; returns the 1-based data row."""

    def _set(file: str, record_id: str, column: str, value: str) -> int:
        path = data_copy / file
        header, rows = read_table(path)
        key = header[0]
        for index, row in enumerate(rows, start=1):
            if row[key] == record_id:
                row[column] = value
                write_table(path, header, rows)
                return index
        raise KeyError(record_id)

    return _set


def shipped_studies(*source_ids: str) -> Dataset:
    """The shipped record set cut down to the named studies (no articles, no claims).

    Tests of results that depend on which studies exist (pooling, selections) run on this, so
    that a correct study a user adds to ``data/`` leaves them green.
    """
    db = load()
    missing = [s for s in source_ids if s not in db.sources]
    assert not missing, f"not in the shipped record set: {missing}"
    return dataclasses.replace(
        db,
        sources={s: db.sources[s] for s in source_ids},
        estimates={i: e for i, e in db.estimates.items() if e.source_id in source_ids},
        sample_sizes={i: z for i, z in db.sample_sizes.items() if z.source_id in source_ids},
        articles={},
        claims=ClaimIndex({}),
    )


#: The three studies that reported lifetime PCD when pctstats began (S1, S2 women; S3 men).
LIFETIME_STUDIES = ("schweitzer2015", "bird2011", "maczkowiack2019")
