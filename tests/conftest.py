"""Shared fixtures: a writable copy of the record set, and a way to break one cell of it."""

from __future__ import annotations

import csv
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

from pctstats.core.paths import data_dir

# Property tests: no per-example deadline (a loaded machine must not turn slowness into a failure);
# in CI (CI=true) the examples are derandomised, so a run is reproducible and a red CI is a real
# defect, while a developer's run keeps exploring new examples each time.
settings.register_profile("dev", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


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
