"""Load the record set: read ``data/``, validate everything, return typed records.

``load()`` is all or nothing: it reads and checks every table, and raises one
:class:`~pctstats.core.errors.DataError` listing every problem (file, row, column, rule) before any
record is returned. It never writes to ``data/``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pandas as pd

from pctstats.core.display import Display, Displayable
from pctstats.core.errors import DataError, DataIssue
from pctstats.core.paths import data_dir
from pctstats.core.reported import to_decimal
from pctstats.data import validation as rules
from pctstats.data.records import RECORD_TYPES, Article, Claim, Estimate, Source
from pctstats.data.schema import FieldSpec, iter_fields, parse_field

__all__ = ["REPORTED_COLUMNS", "TABLES", "Dataset", "dataset_or_default", "default_dataset", "load"]

TABLES = ("sources", "estimates", "articles", "claims")
#: Reported-value columns that get a parsed float column beside them in :meth:`Dataset.frame`.
REPORTED_COLUMNS = ("value", "value_high", "ci_level", "ci_low", "ci_high")


@dataclass(frozen=True, repr=False)
class Dataset(Displayable):
    """The validated record set.

    Attributes
    ----------
    sources, estimates, articles, claims
        Read-only mappings from id to record.
    path
        The folder the records were read from.

    Examples
    --------
    >>> db = load()
    >>> len(db.sources), len(db.estimates), len(db.articles), len(db.claims)
    (8, 38, 3, 14)
    >>> db.sources["bird2011"].label
    'S2'
    >>> (db.path / "datapackage.json").is_file()
    True
    """

    sources: Mapping[str, Source]
    estimates: Mapping[str, Estimate]
    articles: Mapping[str, Article]
    claims: Mapping[str, Claim]
    path: Path

    def _display_(self) -> Display:
        from pctstats.data.describe import describe_dataset

        return describe_dataset(self)

    def frame(self, name: str) -> pd.DataFrame:
        """One table as a DataFrame, one row per record, in file order.

        Reported values stay strings (``value``) with a parsed float column beside each
        (``value_num``), so the printed precision is never lost.

        Parameters
        ----------
        name
            ``"sources"``, ``"estimates"``, ``"articles"`` or ``"claims"``.

        Examples
        --------
        >>> db = load()
        >>> frame = db.frame("estimates").set_index("estimate_id")
        >>> frame.loc["maczkowiack2019-4weeks", "value"], float(frame.loc["maczkowiack2019-4weeks",
        ...                                                                "value_num"])
        ('20.2', 20.2)
        """
        if name not in TABLES:
            raise ValueError(f"name must be one of {', '.join(map(repr, TABLES))}, got {name!r}")
        records = list(getattr(self, name).values())
        spec = fields(RECORD_TYPES[name])
        columns = [f.name for f in spec]
        kinds = {f.name: str(f.type).split(" |")[0] for f in spec}
        rows = [[getattr(r, c) for c in columns] for r in records]
        frame = pd.DataFrame(rows, columns=columns, dtype=object)
        dtypes = {"int": "Int64", "bool": "boolean", "str": "str"}
        frame = frame.astype({c: dtypes[k] for c, k in kinds.items() if k in dtypes})
        for column in REPORTED_COLUMNS:
            if column in frame:
                position = frame.columns.get_loc(column) + 1
                raw = [getattr(r, column) for r in records]
                parsed = [float("nan") if v is None else float(to_decimal(v)) for v in raw]
                frame.insert(position, f"{column}_num", pd.Series(parsed, dtype="float64"))
        return frame

    def source_of(self, estimate_id: str) -> Source:
        """The source that reports an estimate.

        Parameters
        ----------
        estimate_id
            The id of an estimate.

        Returns
        -------
        Source
            The source whose ``source_id`` the estimate names.

        Examples
        --------
        >>> load().source_of("bird2011-4weeks").label
        'S2'
        """
        return self.sources[self.estimates[estimate_id].source_id]

    def estimates_of(self, source_id: str) -> list[Estimate]:
        """Every estimate of one source, in file order.

        Parameters
        ----------
        source_id
            The id of a source.

        Returns
        -------
        list of Estimate
            Its estimates (empty for an unknown id).

        Examples
        --------
        >>> [e.estimate_id for e in load().estimates_of("bird2011")]
        ['bird2011-lifetime', 'bird2011-4weeks']
        """
        return [e for e in self.estimates.values() if e.source_id == source_id]


def load(path: str | Path | None = None) -> Dataset:
    """Read and validate the record set.

    Parameters
    ----------
    path
        A folder holding ``datapackage.json`` and its CSV files, or the ``datapackage.json``
        itself. Default: the record set shipped with pctstats.

    Returns
    -------
    Dataset
        The validated records.

    Raises
    ------
    DataError
        If any rule is broken; ``err.issues`` names file, row, column and rule of each problem.
    FileNotFoundError
        If the folder or a file the package names is missing.

    Examples
    --------
    >>> db = load()
    >>> db.sources["maczkowiack2019"].n
    1208
    >>> db.estimates["schweitzer2015-4weeks-few"].value
    '5.1'
    """
    folder = _resolve(path)
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    missing = [t for t in TABLES if t not in resources]
    if missing:
        raise DataError([DataIssue("datapackage.json", None, None, "resources",
                                   f"resources {missing} are missing")])
    issues: list[DataIssue] = []
    tables: dict[str, rules.Table] = {}
    for name in TABLES:
        table, found = _read_table(folder, resources[name])
        tables[name] = table
        issues += found
    # A cell that broke a field rule is read as empty; the cross-field rules would then report it
    # again (e.g. 'value_required' after 'pattern'), so only its first problem is kept.
    broken = {(i.file, i.row, i.column) for i in issues}
    issues += [i for i in _check_tables(resources, tables)
               if (i.file, i.row, i.column) not in broken]
    if issues:
        raise DataError(issues)
    built = {
        name: MappingProxyType(
            {rec[_key(resources[name])]: RECORD_TYPES[name](**rec) for _, rec in tables[name]}
        )
        for name in TABLES
    }
    return Dataset(**built, path=folder)


@cache
def default_dataset() -> Dataset:
    """The shipped record set, loaded once per process (``load()`` with no path).

    Examples
    --------
    >>> default_dataset() is default_dataset()
    True
    >>> default_dataset().sources["maczkowiack2019"].n
    1208
    """
    return load()


def dataset_or_default(db: Dataset | None) -> Dataset:
    """``db``, or the shipped record set when ``db`` is None (what every ``db=None`` means).

    Examples
    --------
    >>> dataset_or_default(None) is default_dataset()
    True
    """
    return default_dataset() if db is None else db


def _resolve(path: str | Path | None) -> Path:
    if path is None:
        return data_dir()
    folder = Path(path)
    if folder.name == "datapackage.json":
        folder = folder.parent
    if not (folder / "datapackage.json").is_file():
        raise FileNotFoundError(f"no datapackage.json in {folder}")
    return folder


def _key(resource: Mapping[str, Any]) -> str:
    return resource["schema"]["primaryKey"][0]


def _read_table(folder: Path, resource: Mapping[str, Any]) -> tuple[rules.Table, list[DataIssue]]:
    file = resource["path"]
    specs = list(iter_fields(resource))
    key = _key(resource)
    issues: list[DataIssue] = []
    with (folder / file).open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        expected = [s.name for s in specs]
        if header != expected:
            absent = [c for c in expected if c not in header]
            extra = [c for c in header if c not in expected]
            detail = f"missing {absent}" if absent else ""
            detail += ("; " if absent and extra else "") + (f"unexpected {extra}" if extra else "")
            detail = detail or f"columns out of order; expected {expected}"
            return [], [DataIssue(file, 0, (absent or extra or [None])[0], "header", detail)]
        table: rules.Table = []
        for row_number, cells in enumerate(reader, start=1):
            if len(cells) != len(specs):
                issues.append(DataIssue(file, row_number, None, "row_length",
                                        f"has {len(cells)} cells, expected {len(specs)}"))
                continue
            record, found = _parse_row(file, row_number, specs, cells, key)
            issues += found
            table.append((row_number, record))
    return table, issues


def _parse_row(file: str, row: int, specs: list[FieldSpec], cells: list[str], key: str):
    record: dict[str, Any] = {}
    issues = []
    record_id = cells[[s.name for s in specs].index(key)] or None
    for spec, text in zip(specs, cells, strict=True):
        value, rule, message = parse_field(spec, text)
        if rule is not None:
            issues.append(DataIssue(file, row, spec.name, rule, message, record_id=record_id))
        record[spec.name] = value
    return record, issues


def _check_tables(resources: Mapping[str, Any], tables: Mapping[str, rules.Table]):
    files = {name: resources[name]["path"] for name in TABLES}
    keys = {name: _key(resources[name]) for name in TABLES}
    ids = {name: {rec[keys[name]] for _, rec in tables[name]} for name in TABLES}
    issues: list[DataIssue] = []
    for name in TABLES:
        unique = [s.name for s in iter_fields(resources[name]) if s.constraints.get("unique")]
        issues += rules.check_unique(files[name], tables[name], unique, keys[name])
        issues += rules.check_age_order(files[name], tables[name], keys[name])
    f, k = files["estimates"], keys["estimates"]
    issues += rules.check_references(f, tables["estimates"], "source_id", k, files["sources"],
                                     ids["sources"])
    issues += rules.check_references(f, tables["estimates"], "version_of", k, f, ids["estimates"])
    issues += rules.check_values(f, tables["estimates"], k)
    issues += rules.check_counts(f, tables["estimates"], k, "k", "n")
    issues += rules.check_versions(f, tables["estimates"], k)
    f, k = files["claims"], keys["claims"]
    issues += rules.check_references(f, tables["claims"], "article_id", k, files["articles"],
                                     ids["articles"])
    issues += rules.check_references(f, tables["claims"], "source_ids", k, files["sources"],
                                     ids["sources"])
    issues += rules.check_references(f, tables["claims"], "estimate_ids", k, files["estimates"],
                                     ids["estimates"])
    issues += rules.check_values(f, tables["claims"], k)
    estimate_source = {rec["estimate_id"]: rec["source_id"] for _, rec in tables["estimates"]}
    issues += rules.check_claim_traces(f, tables["claims"], k, estimate_source)
    f, k = files["sources"], keys["sources"]
    issues += rules.check_counts(f, tables["sources"], k, "n_female", "n_analysed")
    issues += rules.check_counts(f, tables["sources"], k, "n_male", "n_analysed")
    issues += rules.check_sample_split(f, tables["sources"], k)
    return issues
